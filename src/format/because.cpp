#include <algorithm>
#include <stdexcept>

#include "ardent/format.hpp"
#include "compile/ruleset_access.hpp"
#include "compile/program.hpp"
#include "format/json_parts.hpp"
#include "format/reasons.hpp"

namespace ardent {

namespace {

// The texts of facts that `out` does not have yet.
void add_facts(std::vector<std::string_view>& out, const std::vector<Fact>& facts) {
  for (const auto& f : facts)
    if (std::find(out.begin(), out.end(), f.text) == out.end()) out.push_back(f.text);
}

prog::CondKind kind_of(ConditionStatus s) {
  switch (s) {
    case ConditionStatus::suggested: return prog::CondKind::suggest;
    case ConditionStatus::considered: return prog::CondKind::consider;
    case ConditionStatus::excluded: return prog::CondKind::exclude;
  }
  return prog::CondKind::consider;
}

}  // namespace

void format_detail::check_pair(const Case& c, const Result& r) {
  if (!r.ruleset_ptr() || &internal::program_of(*r.ruleset_ptr()) != &internal::program_of(c.ruleset()))
    throw std::invalid_argument("the result was not produced from a case of this rule set");
}

std::string_view triage_meaning(Triage t) {
  switch (t) {
    case Triage::emergency: return "Emergency: needs emergency assessment now.";
    case Triage::urgent: return "Urgent: needs assessment by a clinician today or tomorrow.";
    case Triage::routine: return "Routine: book an ordinary appointment.";
    case Triage::self_care: return "Self-care: can be managed at home with advice; seek help if it gets worse.";
  }
  return "";
}

const std::vector<Fact>& format_detail::Reasons::facts(std::uint32_t rule) {
  for (const auto& [explained, facts] : explained_)
    if (explained == rule) return facts;
  if (!explaining_) explaining_.emplace(c_, r_);
  explained_.emplace_back(rule, explaining_->explain(rule).facts);
  return explained_.back().second;
}

std::vector<std::string_view> format_detail::Reasons::of_rule(std::uint32_t rule) {
  std::vector<std::string_view> out;
  add_facts(out, facts(rule));
  return out;
}

std::vector<std::string_view> format_detail::Reasons::of_condition(const ConditionOutcome& o) {
  const Program& p = internal::program_of(c_.ruleset());
  const prog::CondKind kind = kind_of(o.status);
  std::vector<std::string_view> out;
  for (std::uint32_t rule = 0; rule < p.rule_out.size(); ++rule) {
    if (r_.rule_state(rule) != RuleState::fired) continue;
    const prog::RuleOut& ro = p.rule_out[rule];
    bool concluded = false;
    for (std::uint32_t i = 0; i < ro.cond_n; ++i) {
      const prog::CondAction& a = p.cond_actions[ro.cond_begin + i];
      concluded |= a.condition == o.condition && a.kind == kind;
    }
    if (concluded) add_facts(out, facts(rule));
  }
  return out;
}

std::vector<std::string> because_rule(const Case& c, const Result& r, std::uint32_t rule) {
  format_detail::check_pair(c, r);
  format_detail::Reasons reasons(c, r);
  const auto texts = reasons.of_rule(rule);
  return {texts.begin(), texts.end()};
}

std::vector<std::string> because_condition(const Case& c, const Result& r, const ConditionOutcome& o) {
  format_detail::check_pair(c, r);
  format_detail::Reasons reasons(c, r);
  const auto texts = reasons.of_condition(o);
  return {texts.begin(), texts.end()};
}

}  // namespace ardent
