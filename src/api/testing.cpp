#include "ardent/testing.hpp"
#include "compile/ruleset_access.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "compile/compile.hpp"
#include "compile/program.hpp"

namespace ardent {

namespace {

using EK = check::Expectation::Kind;

// "rule classic_overload (rules.ard:12) fired because ..." for the report.
std::string rule_line(const Case& c, const Result& r, std::uint32_t rule) {
  const RuleInfo& info = c.ruleset().rules()[rule];
  const Explanation x = explain(c, r, rule);
  std::string what = info.redflag ? "red flag " : "rule ";
  std::string line = fmt::format("{}{} ({}) ", what, info.name, to_string(info.location));
  switch (x.state) {
    case RuleState::fired: line += "fired"; break;
    case RuleState::not_fired: line += "did not fire"; break;
    case RuleState::undecided: line += "is undecided"; break;
  }
  const std::string reasons = x.reasons();
  if (!reasons.empty()) line += (x.state == RuleState::undecided ? ": " : " because ") + reasons;
  return line;
}

std::string lines(const std::vector<std::string>& ls) {
  std::string out;
  for (const auto& l : ls) out += (out.empty() ? "" : "\n") + l;
  return out;
}

class Checker {
 public:
  Checker(const Program& p, const Case& c, const Result& r) : p_(p), c_(c), r_(r) {}

  std::optional<ConditionStatus> status(std::uint32_t condition) const {
    for (const auto& o : r_.conditions())
      if (o.condition == condition) return o.status;
    return std::nullopt;
  }

  // Rules that carry an action of `kind` on `condition`.
  std::vector<std::uint32_t> rules_concluding(std::uint32_t condition, prog::CondKind kind) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t rule = 0; rule < p_.rule_out.size(); ++rule) {
      const auto& ro = p_.rule_out[rule];
      for (std::uint32_t i = 0; i < ro.cond_n; ++i) {
        const auto& a = p_.cond_actions[ro.cond_begin + i];
        if (a.condition == condition && a.kind == kind) {
          out.push_back(rule);
          break;
        }
      }
    }
    return out;
  }

  std::string explain_rules(const std::vector<std::uint32_t>& rules, bool fired_only = false) const {
    std::vector<std::string> ls;
    for (auto rule : rules)
      if (!fired_only || r_.rule_state(rule) == RuleState::fired) ls.push_back(rule_line(c_, r_, rule));
    return lines(ls);
  }

  std::string status_text(std::uint32_t condition) const {
    auto s = status(condition);
    return fmt::format("{} was {}", p_.conditions[condition].name,
                       s ? std::string(to_string(*s)) : std::string("not concluded"));
  }

  std::optional<TestFailure> check(const check::Expectation& e, const std::vector<std::uint32_t>& named_flags) const {
    TestFailure f;
    f.location = compile::location(p_.model, e.span);
    auto cond_name = [&] { return p_.conditions.at(e.target).name; };
    switch (e.kind) {
      case EK::Suggest:
      case EK::Consider:
      case EK::Exclude: {
        const ConditionStatus want = e.kind == EK::Suggest    ? ConditionStatus::suggested
                                     : e.kind == EK::Consider ? ConditionStatus::considered
                                                              : ConditionStatus::excluded;
        const prog::CondKind kind = e.kind == EK::Suggest    ? prog::CondKind::suggest
                                    : e.kind == EK::Consider ? prog::CondKind::consider
                                                             : prog::CondKind::exclude;
        if (status(e.target) == want) return std::nullopt;
        f.expectation = fmt::format("{} {}", e.kind == EK::Suggest ? "suggest" : e.kind == EK::Consider ? "consider" : "exclude", cond_name());
        f.actual = status_text(e.target);
        auto rules = rules_concluding(e.target, kind);
        // Also show what overrode it (an exclusion beats a suggestion, a suggestion a consider).
        for (auto k : {prog::CondKind::exclude, prog::CondKind::suggest})
          if (k != kind)
            for (auto rule : rules_concluding(e.target, k))
              if (r_.rule_state(rule) == RuleState::fired) rules.push_back(rule);
        f.explanation = rules.empty() ? fmt::format("no rule can {} {}", f.expectation.substr(0, f.expectation.find(' ')), cond_name())
                                      : explain_rules(rules);
        return f;
      }
      case EK::NotConcluded: {
        if (!status(e.target)) return std::nullopt;
        f.expectation = "not " + cond_name();
        f.actual = status_text(e.target);
        std::vector<std::uint32_t> rules;
        for (auto k : {prog::CondKind::suggest, prog::CondKind::consider, prog::CondKind::exclude})
          for (auto rule : rules_concluding(e.target, k)) rules.push_back(rule);
        f.explanation = explain_rules(rules, true);
        return f;
      }
      case EK::Redflag: {
        const auto rf = r_.red_flags();
        if (std::find(rf.begin(), rf.end(), e.target) != rf.end()) return std::nullopt;
        f.expectation = "redflag " + p_.rules.at(e.target).name;
        f.actual = fmt::format("{} {}", p_.rules.at(e.target).name,
                               r_.rule_state(e.target) == RuleState::undecided ? "is undecided" : "did not fire");
        f.explanation = rule_line(c_, r_, e.target);
        return f;
      }
      case EK::NoRedflag:
      case EK::NoOtherRedflag: {
        std::vector<std::uint32_t> extra;
        for (auto rf : r_.red_flags())
          if (e.kind == EK::NoRedflag || std::find(named_flags.begin(), named_flags.end(), rf) == named_flags.end())
            extra.push_back(rf);
        if (extra.empty()) return std::nullopt;
        f.expectation = e.kind == EK::NoRedflag ? "no redflag" : "no other redflag";
        std::vector<std::string> names;
        for (auto rf : extra) names.push_back(p_.rules[rf].name);
        f.actual = "red flag" + std::string(extra.size() > 1 ? "s " : " ") + join_phrases(names) + " fired";
        f.explanation = explain_rules(extra);
        return f;
      }
      case EK::Triage: {
        const auto want = static_cast<Triage>(e.target);
        if (r_.triage() == want) return std::nullopt;
        f.expectation = fmt::format("triage {}", to_string(want));
        f.actual = fmt::format("triage was {}{}", to_string(r_.triage()), r_.triage_is_default() ? " (the default)" : "");
        std::vector<std::uint32_t> rules;
        for (std::uint32_t rule = 0; rule < p_.rule_out.size(); ++rule) {
          const int t = p_.rule_out[rule].triage;
          const bool set_actual = !r_.triage_is_default() && t == static_cast<int>(r_.triage()) &&
                                  r_.rule_state(rule) == RuleState::fired;
          if (set_actual || t == static_cast<int>(want)) rules.push_back(rule);
        }
        f.explanation = rules.empty() ? fmt::format("no rule sets triage {}", to_string(want)) : explain_rules(rules);
        return f;
      }
      case EK::NoAsk: {
        const auto asks = r_.ask_next();
        const auto it = std::find_if(asks.begin(), asks.end(), [&](const AskItem& a) { return a.finding == e.target; });
        if (it == asks.end()) return std::nullopt;
        const auto& name = p_.findings.at(e.target).name;
        f.expectation = "no ask " + name;
        f.actual = fmt::format("{} is question {} of {} ({})", name, it - asks.begin() + 1, asks.size(), to_string(it->reason));
        std::vector<std::uint32_t> rules(r_.could_decide(*it).begin(), r_.could_decide(*it).end());
        f.explanation = rules.empty() ? name + " is requested by a fired rule's 'ask'" : explain_rules(rules);
        return f;
      }
      case EK::Ask: {
        for (const auto& a : r_.ask_next())
          if (a.finding == e.target) return std::nullopt;
        const auto& name = p_.findings.at(e.target).name;
        f.expectation = "ask " + name;
        std::vector<std::string> asked;
        for (const auto& a : r_.ask_next()) {
          if (asked.size() == 5) {
            asked.push_back("...");
            break;
          }
          asked.push_back(p_.findings[a.finding].name);
        }
        f.actual = fmt::format("{} is not among the next questions ({})", name,
                               asked.empty() ? std::string("none") : join_phrases(asked));
        const auto state = c_.state(e.target);
        f.explanation = state == FindingState::given     ? name + " is given in this test"
                        : state == FindingState::unknown ? name + " is given as unknown in this test"
                                                         : name + " could decide no undecided rule";
        return f;
      }
    }
    return std::nullopt;
  }

 private:
  const Program& p_;
  const Case& c_;
  const Result& r_;
};

std::string given_text(const check::Model& m, const check::GivenValue& g) {
  const auto& f = m.findings.at(g.slot);
  switch (g.kind) {
    case check::GivenValue::Kind::Bool: return f.name + (g.boolean ? " = yes" : " = no");
    case check::GivenValue::Kind::Enum:
      return f.name + " = " + (g.enum_value < f.values.size() ? f.values[g.enum_value] : "?");
    case check::GivenValue::Kind::Number: return fmt::format("{} = {}", f.name, g.number);
    case check::GivenValue::Kind::Unknown: return f.name + " = unknown";
  }
  return f.name;
}

}  // namespace

std::size_t TestReport::passed() const {
  return static_cast<std::size_t>(std::count_if(tests.begin(), tests.end(), [](const auto& t) { return t.passed(); }));
}
std::size_t TestReport::failed() const { return tests.size() - passed(); }
std::size_t TestReport::rules_covered() const {
  return static_cast<std::size_t>(std::count_if(rule_hits.begin(), rule_hits.end(), [](auto n) { return n > 0; }));
}
std::vector<std::uint32_t> TestReport::uncovered() const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < rule_hits.size(); ++i)
    if (rule_hits[i] == 0) out.push_back(i);
  return out;
}

TestReport run_tests(const RulesetPtr& ruleset) {
  TestReport report;
  if (!ruleset) return report;
  const Program& p = internal::program_of(*ruleset);
  report.rule_hits.assign(p.rules.size(), 0);
  Result r;
  for (const check::Test& t : p.model.tests) {
    TestOutcome outcome;
    outcome.name = t.name;
    outcome.location = compile::location(p.model, t.span);
    Case c(ruleset);
    for (const auto& g : t.given) {
      try {
        switch (g.kind) {
          case check::GivenValue::Kind::Bool: c.set_bool(g.slot, g.boolean); break;
          case check::GivenValue::Kind::Enum: c.set_enum(g.slot, g.enum_value); break;
          case check::GivenValue::Kind::Number: c.set_number(g.slot, g.number); break;
          case check::GivenValue::Kind::Unknown: c.set_unknown(g.slot); break;
        }
      } catch (const std::exception& e) {
        outcome.failures.push_back({"given " + given_text(p.model, g), e.what(), "", compile::location(p.model, g.span)});
      }
    }
    evaluate(c, r);
    for (std::uint32_t rule = 0; rule < p.rules.size(); ++rule)
      if (r.rule_state(rule) == RuleState::fired) ++report.rule_hits[rule];
    std::vector<std::uint32_t> named_flags;
    for (const auto& e : t.expect)
      if (e.kind == EK::Redflag) named_flags.push_back(e.target);
    Checker checker(p, c, r);
    for (const auto& e : t.expect) {
      try {
        if (auto failure = checker.check(e, named_flags)) outcome.failures.push_back(std::move(*failure));
      } catch (const std::exception& ex) {
        outcome.failures.push_back({"expectation", std::string("cannot check: ") + ex.what(), "",
                                    compile::location(p.model, e.span)});
      }
    }
    report.tests.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace ardent
