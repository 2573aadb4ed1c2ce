#include "cli/repl_status.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ardent::cli::repl {

namespace {

constexpr std::size_t kConditionsShown = 3;

std::string concluded_text(const Snapshot::Concluded& c) {
  std::string s = c.name;
  if (c.status == ConditionStatus::suggested && c.strength != Strength::none)
    s += fmt::format(" ({})", to_string(c.strength));
  return s;
}

bool same(const Snapshot::Concluded& a, const Snapshot::Concluded& b) {
  return a.name == b.name && a.status == b.status && a.strength == b.strength;
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
  return s;
}

// The fired rules that set the snapshot's triage, those new since `before` first.
std::string triage_cause(const Snapshot& before, const Snapshot& after) {
  if (after.triage_is_default) return "default";
  std::vector<std::string> fresh, old;
  for (const auto& f : after.fired) {
    if (f.triage != after.triage) continue;
    const bool was = std::any_of(before.fired.begin(), before.fired.end(),
                                 [&](const Snapshot::Fired& b) { return b.name == f.name; });
    (was ? old : fresh).push_back(std::string(f.redflag ? "redflag " : "rule ") + f.name);
  }
  fresh.insert(fresh.end(), old.begin(), old.end());
  if (fresh.size() > 2) {
    const std::size_t more = fresh.size() - 2;
    fresh.resize(2);
    fresh.push_back(fmt::format("{} more", more));
  }
  return joined(fresh);
}

}  // namespace

std::string_view action_word(ConditionStatus s) {
  switch (s) {
    case ConditionStatus::suggested: return "suggest";
    case ConditionStatus::considered: return "consider";
    case ConditionStatus::excluded: return "exclude";
  }
  return "";
}

Snapshot snapshot(const Ruleset& rules, const Result& r) {
  Snapshot s;
  s.triage = r.triage();
  s.triage_is_default = r.triage_is_default();
  for (std::uint32_t rf : r.red_flags()) s.red_flags.push_back(rules.rules()[rf].name);
  for (const auto& c : r.conditions())
    s.conditions.push_back({rules.conditions()[c.condition].name, c.status, c.strength});
  for (std::uint32_t i = 0; i < rules.rules().size(); ++i)
    if (r.rule_state(i) == RuleState::fired) {
      const RuleInfo& info = rules.rules()[i];
      s.fired.push_back({info.name, info.redflag, info.triage});
    }
  return s;
}

std::string status_line(const Snapshot& s, const Style& style) {
  std::vector<std::string> parts;
  parts.push_back("triage " + style.triage(s.triage) +
                  (s.triage_is_default ? " (default)" : ""));
  if (s.red_flags.empty()) parts.push_back("no red flag");
  else parts.push_back(style.red(fmt::format("red flag{} {}", s.red_flags.size() > 1 ? "s" : "", joined(s.red_flags))));

  if (s.conditions.empty()) {
    parts.push_back("no condition");
  } else {
    const std::size_t shown = std::min(kConditionsShown, s.conditions.size());
    for (std::size_t i = 0; i < shown;) {
      const ConditionStatus status = s.conditions[i].status;
      std::vector<std::string> names;
      for (; i < shown && s.conditions[i].status == status; ++i) names.push_back(concluded_text(s.conditions[i]));
      parts.push_back(fmt::format("{} {}", action_word(status), joined(names)));
    }
    if (s.conditions.size() > shown) parts.back() += fmt::format(" +{} more", s.conditions.size() - shown);
  }
  std::string line;
  for (std::size_t i = 0; i < parts.size(); ++i) line += (i ? " | " : "") + parts[i];
  return line;
}

std::vector<std::string> changes(const Snapshot& before, const Snapshot& after, const Style& style) {
  std::vector<std::string> out;
  if (before.triage != after.triage || before.triage_is_default != after.triage_is_default)
    out.push_back(fmt::format("triage {} -> {} ({})", to_string(before.triage), style.triage(after.triage),
                              triage_cause(before, after)));
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& rf : before.red_flags)
    if (!has(after.red_flags, rf)) out.push_back(style.green("- redflag " + rf));
  for (const auto& rf : after.red_flags)
    if (!has(before.red_flags, rf)) out.push_back(style.red("+ redflag " + rf));
  auto contains = [](const std::vector<Snapshot::Concluded>& v, const Snapshot::Concluded& x) {
    return std::any_of(v.begin(), v.end(), [&](const Snapshot::Concluded& y) { return same(x, y); });
  };
  for (const auto& c : before.conditions)
    if (!contains(after.conditions, c)) out.push_back(fmt::format("- {} {}", action_word(c.status), concluded_text(c)));
  for (const auto& c : after.conditions)
    if (!contains(before.conditions, c)) out.push_back(fmt::format("+ {} {}", action_word(c.status), concluded_text(c)));
  return out;
}

}  // namespace ardent::cli::repl
