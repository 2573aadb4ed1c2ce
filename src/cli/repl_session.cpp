#include "cli/repl_session.hpp"

#include <fmt/format.h>

#include "ardent/names.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

Session::Session(std::string rules_path, CompileOutput compiled, std::FILE* out, bool colour)
    : rules_path_(std::move(rules_path)),
      rules_(compiled.ruleset),
      diagnostics_(std::move(compiled.diagnostics)),
      case_(compiled.ruleset),
      out_(out),
      style_{colour} {
  evaluate(case_, result_);
  last_ = snapshot(*rules_, result_);
}

void Session::start() {
  const DiagnosticCounts n = count(diagnostics_);
  std::string banner = fmt::format("{} {}: {} findings, {} conditions, {} rules, {} red flags, {} tests", rules_->name(),
                                   rules_->version(), rules_->findings().size(), rules_->conditions().size(),
                                   rules_->rules().size() - rules_->redflag_count(), rules_->redflag_count(),
                                   rules_->test_count());
  if (n.warnings) banner += fmt::format(" ({} warning{}: 'check' lists them)", n.warnings, n.warnings == 1 ? "" : "s");
  say(style_.bold(banner));
  say("type 'help' for the commands, 'quit' or Ctrl-D to leave");
  say(status_line(last_, style_));
}

void Session::say(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fputc('\n', out_);
}

void Session::error(std::string_view message) {
  ++errors_;
  say(style_.red("error:") + " " + std::string(message));
}

void Session::refresh(bool quiet_if_unchanged) {
  evaluate(case_, result_);
  Snapshot now = snapshot(*rules_, result_);
  const auto diff = changes(last_, now, style_);
  if (diff.empty() && quiet_if_unchanged) return;
  say(status_line(now, style_));
  if (diff.empty()) say("  " + style_.dim("no change"));
  for (const auto& line : diff) say("  " + line);
  last_ = std::move(now);
}

std::optional<std::uint32_t> Session::finding_named(std::string_view name) {
  try {
    return rules_->finding_slot(name);
  } catch (const InputError& e) {
    error(e.what());  // the engine's wording, with its suggestion
    return std::nullopt;
  }
}

bool Session::execute(std::string_view line, LineSource& in) {
  line = trim(line);
  if (line.empty() || line.front() == '#') return true;
  const std::size_t end = line.find_first_of(" \t");
  const std::string word(line.substr(0, end));
  const std::string_view rest = end == std::string_view::npos ? std::string_view() : trim(line.substr(end));
  if (word == "quit" || word == "exit") return false;
  // Whatever goes wrong inside one command, the session goes on.
  try {
    if (word != "set" && word != "load" && word != "save" && line.find('=') != std::string_view::npos)
      assign(line);
    else
      run_command(word, split_words(rest), rest, in);
  } catch (const std::exception& e) {
    answering_.reset();
    error(fmt::format("'{}' failed: {}", word, e.what()));
  }
  std::fflush(out_);
  return true;
}

void Session::run_command(std::string_view name, const Args& args, std::string_view rest, LineSource& in) {
  auto no_args = [&]() {
    if (args.empty()) return true;
    error(fmt::format("'{}' takes no arguments", name));
    return false;
  };
  auto one_file = [&]() {
    if (!rest.empty()) return true;
    error(fmt::format("'{}' needs a file name: {} FILE", name, name));
    return false;
  };
  if (name == "set") {
    if (args.empty()) error("'set' needs a finding and a value: set FINDING VALUE");
    else assign(rest);
  } else if (name == "unknown" || name == "unset") {
    set_unknown_or_unset(args, name == "unknown");
  } else if (name == "clear") {
    if (no_args()) clear();
  } else if (name == "facts") {
    if (no_args()) facts();
  } else if (name == "load") {
    if (one_file()) load(std::string(rest));
  } else if (name == "save") {
    if (one_file()) save(std::string(rest));
  } else if (name == "why" || name == "whynot") {
    why(args, name == "whynot");
  } else if (name == "show") {
    show(args);
  } else if (name == "rules") {
    list_rules(args);
  } else if (name == "findings") {
    list_findings(args);
  } else if (name == "conditions") {
    if (no_args()) list_conditions();
  } else if (name == "ask") {
    ask(args);
  } else if (name == "interview") {
    if (no_args()) interview(in);
  } else if (name == "report") {
    report(args);
  } else if (name == "reload") {
    if (no_args()) reload();
  } else if (name == "test") {
    if (no_args()) run_tests();
  } else if (name == "check") {
    if (no_args()) check();
  } else if (name == "help") {
    help(args);
  } else if (rules_->finding_index(name)) {
    error(fmt::format("'{}' is a finding; to set it write '{} = VALUE' or 'set {} VALUE'", name, name, name));
  } else {
    std::vector<std::string> names;
    for (const auto& c : command_table()) names.emplace_back(c.name);
    std::string hint = did_you_mean(name, names);
    if (hint.empty()) {
      std::vector<std::string> findings;
      for (const auto& f : rules_->findings()) findings.push_back(f.name);
      if (auto guess = closest_name(name, findings)) hint = fmt::format("; did you mean the finding '{}'?", *guess);
    }
    error(fmt::format("unknown command {}{}", in_quotes(name), hint.empty() ? "; 'help' lists the commands" : hint));
  }
}

}  // namespace ardent::cli::repl
