// Tab completion: what may come at the cursor, from the words before it.
#include <algorithm>
#include <filesystem>

#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

// Entries of the directory named by `word` up to its last '/', whose names continue it;
// directories end in '/'.
std::vector<std::string> file_words(std::string_view word) {
  const std::size_t slash = word.rfind('/');
  const std::string dir = slash == std::string_view::npos ? "" : std::string(word.substr(0, slash + 1));
  const std::string_view prefix = slash == std::string_view::npos ? word : word.substr(slash + 1);
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir.empty() ? "." : dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    if (!name.empty() && name[0] == '.' && (prefix.empty() || prefix[0] != '.')) continue;
    std::error_code dir_ec;
    out.push_back(dir + name + (e.is_directory(dir_ec) ? "/" : ""));
  }
  return out;
}

std::vector<std::string> duration_unit_words() {
  std::vector<std::string> words;
  for (const auto& u : kDurationUnits) words.emplace_back(u.plural);
  return words;
}

}  // namespace

Completion Session::complete(std::string_view before) const {
  Completion c;
  const std::size_t cut = before.find_last_of(" \t=,");
  c.start = cut == std::string_view::npos ? 0 : cut + 1;
  const std::string_view head = before.substr(0, c.start);
  auto add_findings = [&] {
    for (const auto& f : rules_->findings()) c.words.push_back(f.name);
  };
  auto add_values = [&](std::string_view name, std::string_view typed) {
    const auto slot = rules_->finding_index(trim(name));
    if (!slot) return;
    const FindingInfo& f = rules_->findings()[*slot];
    const auto typed_words = split_words(typed);
    if (f.type == FindingType::duration && !typed_words.empty()) {
      c.words = duration_unit_words();
      return;
    }
    if (!typed_words.empty()) return;  // a number or a value is already there
    c.words = value_words(f);
  };

  if (answering_) {
    const FindingInfo& f = rules_->findings()[*answering_];
    if (f.type == FindingType::duration && !split_words(head).empty()) {
      c.words = duration_unit_words();
    } else if (split_words(head).empty()) {
      c.words = value_words(f);
      c.words.push_back("skip");
    }
    return c;
  }

  const std::vector<std::string> words = split_words(head);
  const std::string first = words.empty() ? "" : words.front();
  if (words.empty() && head.find('=') == std::string_view::npos) {
    for (const auto& cmd : command_table()) c.words.emplace_back(cmd.name);
    add_findings();
    return c;
  }

  if (first == "load" || first == "save") {
    c.start = head.find(first) + first.size();
    while (c.start < before.size() && (before[c.start] == ' ' || before[c.start] == '\t')) ++c.start;
    c.words = file_words(before.substr(c.start));
    return c;
  }

  if (first == "set" || head.find('=') != std::string_view::npos) {
    // The assignment under the cursor: after `set` and after the last comma.
    std::string_view seg = head;
    if (first == "set") seg.remove_prefix(head.find("set") + 3);
    if (const std::size_t comma = seg.rfind(','); comma != std::string_view::npos) seg.remove_prefix(comma + 1);
    if (const std::size_t eq = seg.find('='); eq != std::string_view::npos) {
      add_values(seg.substr(0, eq), seg.substr(eq + 1));
      return c;
    }
    const auto seg_words = split_words(seg);
    if (seg_words.empty()) {
      add_findings();
    } else {
      const std::string_view after_name = trim(seg).substr(seg_words.front().size());
      add_values(seg_words.front(), after_name);
    }
    return c;
  }

  if (first == "unknown" || first == "unset") {
    add_findings();
  } else if (first == "why" || first == "whynot") {
    c.words = explainable_names();
    if (first == "why") c.words.emplace_back("triage");
  } else if (first == "show") {
    c.words = explainable_names();
    add_findings();
    for (const auto& d : rules_->defines()) c.words.push_back(d.name);
    for (const auto& s : rules_->scores()) c.words.push_back(s.name);
  } else if (first == "help" && words.size() == 1) {
    for (const auto& cmd : command_table()) c.words.emplace_back(cmd.name);
  } else if (first == "rules" && words.size() == 1) {
    c.words = {"fired", "not_fired", "undecided", "redflags"};
  } else if (first == "findings" && words.size() == 1) {
    for (const auto& f : rules_->findings())
      if (!f.group.empty() && std::find(c.words.begin(), c.words.end(), f.group) == c.words.end())
        c.words.push_back(f.group);
  } else if (first == "report" && words.size() == 1) {
    c.words = {"json", "cds", "undecided"};
  } else if (first == "ask" && words.size() == 1) {
    c.words = {"all"};
  }
  return c;
}

}  // namespace ardent::cli::repl
