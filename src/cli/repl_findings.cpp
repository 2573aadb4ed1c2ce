// Setting findings, listing them, and case files (`load`, `save`).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

// "F = V" or "F V" (as after `set`).
std::pair<std::string_view, std::string_view> split_assignment(std::string_view part) {
  part = trim(part);
  if (const std::size_t eq = part.find('='); eq != std::string_view::npos)
    return {trim(part.substr(0, eq)), trim(part.substr(eq + 1))};
  const std::size_t space = part.find_first_of(" \t");
  if (space == std::string_view::npos) return {part, {}};
  return {part.substr(0, space), trim(part.substr(space))};
}

// A duration as a case file holds it: "6 weeks" when that is exact, else a number of days.
nlohmann::ordered_json duration_json(double days) {
  const std::string text = format_duration(days);
  if (auto back = parse_duration(text); back && back->days() == days) return text;
  return days;
}

}  // namespace

// Several assignments may share a line, separated by commas; either all apply or none does. The
// engine reads the values, so a mistake gets the same message here as in a case file.
void Session::assign(std::string_view text) {
  std::vector<Case::TextValue> values;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    auto [name, value] = split_assignment(text.substr(start, comma - start));
    start = comma + 1;
    if (name.empty()) {
      error("a finding's name is missing: write FINDING = VALUE");
      return;
    }
    values.push_back({name, value});
  }
  Case next = case_;
  try {
    next.set_text(values);
  } catch (const InputError& e) {
    error(e.what());
    return;
  }
  case_ = std::move(next);
  refresh();
}

void Session::set_unknown_or_unset(const Args& names, bool unknown) {
  if (names.empty()) {
    error(fmt::format("'{}' needs one or more findings", unknown ? "unknown" : "unset"));
    return;
  }
  std::vector<std::uint32_t> slots;
  for (const auto& n : names) {
    std::string name = n;
    if (!name.empty() && name.back() == ',') name.pop_back();
    if (name.empty()) continue;
    auto slot = finding_named(name);
    if (!slot) return;
    slots.push_back(*slot);
  }
  for (std::uint32_t slot : slots) {
    if (unknown) case_.set_unknown(slot);
    else case_.unset(slot);
  }
  refresh();
}

void Session::clear() {
  case_.clear();
  refresh();
}

void Session::facts() {
  std::vector<std::string> groups;
  std::vector<std::vector<std::uint32_t>> members;
  std::size_t width = 0;
  const auto findings = rules_->findings();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    if (case_.state(slot) == FindingState::not_asked) continue;
    const std::string& g = findings[slot].group;
    auto it = std::find(groups.begin(), groups.end(), g);
    if (it == groups.end()) {
      groups.push_back(g);
      members.emplace_back();
      it = groups.end() - 1;
    }
    members[static_cast<std::size_t>(it - groups.begin())].push_back(slot);
    width = std::max(width, findings[slot].name.size());
  }
  if (groups.empty()) {
    say("no findings set");
    return;
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    say(style_.bold(groups[i].empty() ? "(no group):" : groups[i] + ":"));
    for (std::uint32_t slot : members[i])
      say(fmt::format("  {:<{}} = {}", findings[slot].name, width, value_text(case_, slot)));
  }
}

bool Session::load(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error(fmt::format("cannot read '{}'", file));
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  Case next(rules_);
  try {
    next.set_json(text.str());
  } catch (const InputError& e) {
    error(fmt::format("{}: {}", file, e.what()));
    return false;
  }
  std::size_t n = 0;
  for (std::uint32_t slot = 0; slot < rules_->findings().size(); ++slot)
    if (next.state(slot) != FindingState::not_asked) ++n;
  case_ = std::move(next);
  say(fmt::format("loaded {} finding{} from {}", n, n == 1 ? "" : "s", file));
  refresh();
  return true;
}

bool Session::save(const std::string& file) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  const auto findings = rules_->findings();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    const FindingInfo& f = findings[slot];
    const double x = case_.number(slot);
    switch (case_.state(slot)) {
      case FindingState::not_asked: continue;
      case FindingState::unknown: doc[f.name] = nullptr; continue;
      case FindingState::given: break;
    }
    switch (f.type) {
      case FindingType::boolean: doc[f.name] = x != 0; break;
      case FindingType::enumeration: doc[f.name] = f.values.at(static_cast<std::size_t>(x)); break;
      case FindingType::number:
        if (x == std::floor(x) && std::fabs(x) < 1e15) doc[f.name] = static_cast<long long>(x);
        else doc[f.name] = x;
        break;
      case FindingType::duration: doc[f.name] = duration_json(x); break;
    }
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (out) out << doc.dump(2) << '\n';
  if (!out) {
    error(fmt::format("cannot write '{}'", file));
    return false;
  }
  say(fmt::format("saved {} finding{} to {}", doc.size(), doc.size() == 1 ? "" : "s", file));
  return true;
}

}  // namespace ardent::cli::repl
