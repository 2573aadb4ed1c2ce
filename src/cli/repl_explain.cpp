// Asking why: `why`, `whynot`, `show`, and the listings `rules`, `findings`, `conditions`.
#include <algorithm>
#include <fstream>

#include <fmt/format.h>

#include "ardent/format.hpp"
#include "ardent/names.hpp"
#include "cli/repl_actions.hpp"
#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

constexpr std::size_t kMaxFactWidth = 48;

std::string_view kind_of(const RuleInfo& r) { return r.redflag ? "redflag" : "rule"; }

std::string status_text(const ConditionOutcome& o) {
  std::string s(to_string(o.status));
  if (o.status == ConditionStatus::suggested && o.strength != Strength::none) s += fmt::format(" ({})", to_string(o.strength));
  return s;
}

const ConditionOutcome* outcome_of(const Result& r, std::uint32_t condition) {
  for (const auto& o : r.conditions())
    if (o.condition == condition) return &o;
  return nullptr;
}

struct Mention {
  std::uint32_t rule = 0;
  ConditionStatus status = ConditionStatus::considered;
};

// The rules whose actions conclude `condition`, in declaration order.
std::vector<Mention> rules_concluding(const Ruleset& rs, const std::string& condition) {
  std::vector<Mention> out;
  for (std::uint32_t i = 0; i < rs.rules().size(); ++i)
    for (const auto& c : conclusions(rs.rules()[i]))
      if (c.condition == condition) out.push_back({i, c.status});
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string> Session::explainable_names() const {
  std::vector<std::string> names;
  for (const auto& r : rules_->rules()) names.push_back(r.name);
  for (const auto& c : rules_->conditions()) names.push_back(c.name);
  return names;
}

void Session::why(const Args& args, bool why_not) {
  if (args.empty()) {
    if (why_not) error("'whynot' needs a rule, red flag or condition: whynot NAME");
    else why_triage();
    return;
  }
  for (const auto& name : args) {
    const auto rule = rules_->rule_index(name);
    const auto condition = rules_->condition_index(name);
    if (!rule && !condition) {
      if (name == "triage" && !why_not) {
        why_triage();
      } else if (rules_->finding_index(name)) {
        error(fmt::format("'{}' is a finding, not a rule or condition; 'show {}' describes it", name, name));
      } else {
        std::vector<std::string> names = explainable_names();
        std::string hint = did_you_mean(name, names);
        error(fmt::format("unknown rule, red flag or condition {}{}", in_quotes(name),
                          hint.empty() ? "; 'rules' and 'conditions' list them" : hint));
      }
      continue;
    }
    if (rule) explain_rule(*rule, "");
    if (condition) explain_condition(*condition, why_not);
  }
}

void Session::why_triage() {
  if (result_.triage_is_default()) {
    say(fmt::format("triage {} is the rule set's default: no fired rule sets a triage", style_.triage(result_.triage())));
    return;
  }
  say(fmt::format("triage {} is set by:", style_.triage(result_.triage())));
  for (std::uint32_t i = 0; i < rules_->rules().size(); ++i) {
    const RuleInfo& info = rules_->rules()[i];
    if (result_.rule_state(i) != RuleState::fired || info.triage != result_.triage()) continue;
    const Explanation x = explain(case_, result_, i);
    std::string reasons = x.reasons();
    say(fmt::format("  {} {} ({}){}", kind_of(info), style_.bold(info.name), to_string(info.location),
                    reasons.empty() ? "" : " because " + reasons));
  }
}

void Session::explain_rule(std::uint32_t rule, std::string_view indent) {
  const RuleInfo& info = rules_->rules()[rule];
  const Explanation x = explain(case_, result_, rule);
  const std::string in(indent);
  std::string head = fmt::format("{}{} {} ", in, kind_of(info), style_.bold(info.name));

  // One line per reason, with the finding and its value (or what is missing) on the right.
  auto list = [&](std::string_view title, const std::vector<Fact>& facts, bool with_value) {
    if (facts.empty()) return;
    say(in + "  " + std::string(title));
    std::size_t width = 0;
    for (const auto& f : facts) width = std::max(width, std::min(f.text.size(), kMaxFactWidth));
    for (const auto& f : facts) {
      std::string detail;
      if (f.kind == Fact::Kind::score) {
        detail = "score " + rules_->scores()[f.index].name;
      } else if (f.index < rules_->findings().size()) {
        const std::string value = value_text(case_, f.index);
        detail = rules_->findings()[f.index].name;
        if (with_value) detail += value.empty() ? " not asked" : " = " + value;
      }
      say(fmt::format("{}    - {:<{}}  {}", in, f.text, width, style_.dim("[" + detail + "]")));
    }
  };

  switch (x.state) {
    case RuleState::fired:
      head += style_.green("fired");
      if (info.triage) head += fmt::format(" (triage {})", style_.triage(*info.triage));
      say(head);
      list("because:", x.facts, true);
      break;
    case RuleState::not_fired:
      say(head + "did not fire");
      list("because:", x.facts, true);
      break;
    case RuleState::undecided:
      say(head + style_.yellow("is undecided"));
      list("waits for (not asked):", x.missing, false);
      list("recorded as unknown:", x.unknown, false);
      break;
  }
  show_source(info.location, info.source, in + "  ");
}

void Session::explain_condition(std::uint32_t condition, bool why_not) {
  const ConditionInfo& info = rules_->conditions()[condition];
  const ConditionOutcome* o = outcome_of(result_, condition);
  say(fmt::format("condition {}{}: {}", style_.bold(info.name), info.label.empty() ? "" : " (" + info.label + ")",
                  o ? status_text(*o) : "not concluded"));
  if (o) {
    const auto because = because_condition(case_, result_, *o);
    if (!because.empty()) say("  because " + join_phrases(because));
  }
  const std::vector<Mention> mentions = rules_concluding(*rules_, info.name);
  if (mentions.empty()) {
    say("  no rule concludes it");
    return;
  }
  auto fired = [&](const Mention& m) { return result_.rule_state(m.rule) == RuleState::fired; };
  auto explain_all = [&](std::string_view title, auto&& pick) {
    bool any = false;
    for (const auto& m : mentions) {
      if (!pick(m)) continue;
      if (!any) say(fmt::format("  {}", title));
      any = true;
      explain_rule(m.rule, "    ");
    }
  };

  if (!why_not) {
    if (o) {
      explain_all(fmt::format("{} by:", to_string(o->status)),
                  [&](const Mention& m) { return fired(m) && m.status == o->status; });
    } else {
      explain_all("no rule that concludes it fired:", [](const Mention&) { return true; });
    }
    return;
  }
  if (o && o->status == ConditionStatus::suggested) {
    say(fmt::format("  'why {}' shows the rules that suggest it", info.name));
    return;
  }
  if (o && o->status == ConditionStatus::excluded)
    explain_all("excluded by:", [&](const Mention& m) { return fired(m) && m.status == ConditionStatus::excluded; });
  const bool considered = o && o->status == ConditionStatus::considered;
  explain_all(considered ? "rules that would suggest it:" : "rules that would suggest or consider it:",
              [&](const Mention& m) {
                return !fired(m) && (m.status == ConditionStatus::suggested ||
                                     (!considered && m.status == ConditionStatus::considered));
              });
}

void Session::show_source(const SourceLocation& at, const std::string& text, std::string_view indent) {
  say(fmt::format("{}{}:", indent, style_.cyan(to_string(at))));
  std::uint32_t n = at.line;
  for (const auto& line : lines_of(text)) say(fmt::format("{}{} {}", indent, style_.dim(fmt::format("{:>4} |", n++)), line));
}

// The declaration's first line and the indented lines after it, read from the rule file.
void Session::show_declaration(const SourceLocation& at, std::string_view indent) {
  std::ifstream in(at.file, std::ios::binary);
  std::string line, text;
  for (std::uint32_t n = 1; in && std::getline(in, line); ++n) {
    if (n < at.line) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n > at.line && (line.empty() || (line[0] != ' ' && line[0] != '\t'))) break;
    text += (n > at.line ? "\n" : "") + line;
  }
  show_source(at, text, indent);
}

void Session::show(const Args& args) {
  if (args.empty()) {
    error("'show' needs a name: a rule, red flag, condition, finding, define or score");
    return;
  }
  for (const auto& name : args) {
    bool found = false;
    if (auto r = rules_->rule_index(name)) {
      found = true;
      const RuleInfo& info = rules_->rules()[*r];
      std::string state(to_string(result_.rule_state(*r)));
      if (info.priority) state += fmt::format("; priority {}", info.priority);
      if (info.triage) state += fmt::format("; triage {}", to_string(*info.triage));
      say(fmt::format("{} {} ({})", kind_of(info), style_.bold(info.name), state));
      show_source(info.location, info.source, "  ");
    }
    if (auto c = rules_->condition_index(name)) {
      found = true;
      const ConditionInfo& info = rules_->conditions()[*c];
      const ConditionOutcome* o = outcome_of(result_, *c);
      say(fmt::format("condition {}{}: {}", style_.bold(info.name), info.label.empty() ? "" : " (" + info.label + ")",
                      o ? status_text(*o) : "not concluded"));
      std::vector<std::string> by;
      for (const auto& m : rules_concluding(*rules_, info.name))
        by.push_back(fmt::format("{} in {}", action_word(m.status), rules_->rules()[m.rule].name));
      if (!by.empty()) say("  concluded by: " + join_phrases(by));
      show_declaration(info.location, "  ");
    }
    if (auto f = rules_->finding_index(name)) {
      found = true;
      const FindingInfo& info = rules_->findings()[*f];
      const std::string value = value_text(case_, *f);
      say(fmt::format("finding {}{}", style_.bold(info.name), value.empty() ? ": not asked" : " = " + value));
      say("  takes: " + value_hint(info));
      if (!info.question.empty()) say("  asks: " + info.question);
      show_declaration(info.location, "  ");
    }
    for (const auto& d : rules_->defines())
      if (d.name == name) {
        found = true;
        say(fmt::format("define {} ({})", style_.bold(d.name), d.numeric ? "a number" : "a condition"));
        show_declaration(d.location, "  ");
      }
    for (const auto& s : rules_->scores())
      if (s.name == name) {
        found = true;
        say(fmt::format("score {}: {}", style_.bold(s.name), s.label));
        show_declaration(s.location, "  ");
      }
    if (!found) {
      std::vector<std::string> names = explainable_names();
      for (const auto& f : rules_->findings()) names.push_back(f.name);
      for (const auto& d : rules_->defines()) names.push_back(d.name);
      for (const auto& s : rules_->scores()) names.push_back(s.name);
      error(fmt::format("unknown name {}{}", in_quotes(name), did_you_mean(name, names)));
    }
  }
}

// rules [fired|not_fired|undecided|redflags|TEXT]
void Session::list_rules(const Args& args) {
  const std::string filter = args.empty() ? "" : args.front();
  std::size_t width = 0;
  for (const auto& r : rules_->rules()) width = std::max(width, r.name.size());
  std::size_t shown = 0;
  for (std::uint32_t i = 0; i < rules_->rules().size(); ++i) {
    const RuleInfo& info = rules_->rules()[i];
    const RuleState state = result_.rule_state(i);
    const bool keep = filter.empty() || filter == to_string(state) || (filter == "redflags" && info.redflag) ||
                      (filter == "not-fired" && state == RuleState::not_fired) ||
                      info.name.find(filter) != std::string::npos;
    if (!keep) continue;
    ++shown;
    std::string state_text = fmt::format("{:<9}", to_string(state));
    if (state == RuleState::fired) state_text = style_.green(state_text);
    else if (state == RuleState::undecided) state_text = style_.yellow(state_text);
    else state_text = style_.dim(state_text);
    say(fmt::format("  {} {:<7} {:<{}}  {:<11} {}", state_text, kind_of(info), info.name, width,
                    info.triage ? fmt::format("[{}]", to_string(*info.triage)) : "", to_string(info.location)));
  }
  if (!shown) say(fmt::format("no rule matches {}", in_quotes(filter)));
}

// findings [TEXT|GROUP]
void Session::list_findings(const Args& args) {
  const std::string filter = args.empty() ? "" : args.front();
  const auto findings = rules_->findings();
  auto keep = [&](const FindingInfo& f) {
    return filter.empty() || f.group == filter || f.name.find(filter) != std::string::npos;
  };
  std::size_t width = 0, value_width = 1;
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot)
    if (keep(findings[slot])) {
      width = std::max(width, findings[slot].name.size());
      value_width = std::max(value_width, value_text(case_, slot).size());
    }
  std::size_t shown = 0;
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    const FindingInfo& f = findings[slot];
    if (!keep(f)) continue;
    ++shown;
    const std::string value = value_text(case_, slot);
    say(fmt::format("  {:<{}}  {:<{}}  {}", f.name, width, value.empty() ? "-" : value, value_width,
                    style_.dim(value_hint(f))));
  }
  if (!shown) say(fmt::format("no finding matches {}", in_quotes(filter)));
}

void Session::list_conditions() {
  std::size_t width = 0;
  for (const auto& c : rules_->conditions()) width = std::max(width, c.name.size());
  for (std::uint32_t i = 0; i < rules_->conditions().size(); ++i) {
    const ConditionInfo& c = rules_->conditions()[i];
    const ConditionOutcome* o = outcome_of(result_, i);
    say(fmt::format("  {:<18} {:<{}}  {}", o ? status_text(*o) : "-", c.name, width, style_.dim(c.label)));
  }
}

}  // namespace ardent::cli::repl
