// From rule states to the clinical outcome (docs/language.md §13): triage, red flags,
// conditions, advice.
#include <algorithm>
#include <cstring>

#include "eval/result_writer.hpp"

namespace ardent {

namespace {

// Suggestion strengths combine to the strongest: likely > plain > possible.
std::uint8_t strength_rank(Strength s) {
  switch (s) {
    case Strength::likely: return 3;
    case Strength::none: return 2;
    case Strength::possible: return 1;
  }
  return 2;
}

Strength strength_of_rank(std::uint8_t rank) {
  return rank == 3 ? Strength::likely : rank == 1 ? Strength::possible : Strength::none;
}

// The fired rules: red flags into r.red_flags_ (redflag_order) and the others into
// s.fired_other (advice_order). From the sparse pass's list of fired rules when it is short
// (sorted by their place in those orders), else by scanning the orders.
void collect_fired(const Result& r, const Program& p, internal::EvalScratch& s, std::vector<std::uint32_t>& red) {
  const RuleState* states = r.rule_states().data();
  red.clear();
  s.fired_other.clear();
  if (s.fired_valid && s.fired.size() * 8 <= p.rule_out.size()) {
    for (std::uint32_t rule : s.fired) (p.rule_out[rule].redflag ? red : s.fired_other).push_back(rule);
    auto by_rank = [&](std::uint32_t a, std::uint32_t b) { return p.outcome_rank[a] < p.outcome_rank[b]; };
    std::sort(red.begin(), red.end(), by_rank);
    std::sort(s.fired_other.begin(), s.fired_other.end(), by_rank);
    return;
  }
  for (std::uint32_t rf : p.redflag_order)
    if (states[rf] == RuleState::fired) red.push_back(rf);
  for (std::uint32_t rule : p.advice_order)
    if (states[rule] == RuleState::fired) s.fired_other.push_back(rule);
}

}  // namespace

void internal::ResultWriter::conclude(const Result& r, const Program& p) {
  auto& s = r.scratch_.get();
  const std::size_t nc = p.conditions.size();
  if (nc) std::memset(s.cond_flags.data(), 0, nc);
  collect_fired(r, p, s, r.red_flags_);

  int best = -1;
  // The interview reads the priority of a kind of action a condition did not get (as 0, as in
  // a fresh result), so the last evaluation's must not linger.
  for (std::uint32_t c : s.cond_touched)
    for (auto& v : s.cond_priority) v[c] = 0;
  s.cond_touched.clear();
  auto apply = [&](std::uint32_t i) {
    const prog::RuleOut& ro = p.rule_out[i];
    best = std::max<int>(best, ro.triage);
    for (std::uint32_t a = 0; a < ro.cond_n; ++a) {
      const prog::CondAction& act = p.cond_actions[ro.cond_begin + a];
      const auto kind = static_cast<unsigned>(act.kind);
      const std::uint8_t bit = static_cast<std::uint8_t>(1u << kind);
      std::int32_t& prio = s.cond_priority[kind][act.condition];
      if (!s.cond_flags[act.condition]) s.cond_touched.push_back(act.condition);
      if (!(s.cond_flags[act.condition] & bit)) {
        s.cond_flags[act.condition] |= bit;
        prio = ro.priority;
        if (act.kind == prog::CondKind::suggest) s.cond_strength[act.condition] = strength_rank(act.strength);
      } else {
        prio = std::max(prio, ro.priority);
        if (act.kind == prog::CondKind::suggest)
          s.cond_strength[act.condition] = std::max(s.cond_strength[act.condition], strength_rank(act.strength));
      }
    }
  };
  // Every fired rule once; the order does not matter (maxima and flags).
  for (std::uint32_t rule : r.red_flags_) apply(rule);
  for (std::uint32_t rule : s.fired_other) apply(rule);
  r.triage_is_default_ = best < 0;
  r.triage_ = best < 0 ? p.default_triage : static_cast<Triage>(best);

  r.conditions_.clear();
  for (std::uint32_t c : s.cond_touched) {  // any order: sorted below
    const std::uint8_t flags = s.cond_flags[c];
    if (!flags) continue;
    ConditionOutcome o;
    o.condition = c;
    prog::CondKind kind;
    if (flags & (1u << static_cast<unsigned>(prog::CondKind::exclude))) {
      o.status = ConditionStatus::excluded;
      kind = prog::CondKind::exclude;
    } else if (flags & (1u << static_cast<unsigned>(prog::CondKind::suggest))) {
      o.status = ConditionStatus::suggested;
      o.strength = strength_of_rank(s.cond_strength[c]);
      kind = prog::CondKind::suggest;
    } else {
      o.status = ConditionStatus::considered;
      kind = prog::CondKind::consider;
    }
    o.priority = s.cond_priority[static_cast<unsigned>(kind)][c];
    r.conditions_.push_back(o);
  }
  std::sort(r.conditions_.begin(), r.conditions_.end(), [](const ConditionOutcome& a, const ConditionOutcome& b) {
    if (a.status != b.status) return a.status < b.status;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.condition < b.condition;
  });

  gather_advice(r, p);
}

// Advice: fired red flags (in their reported order), fired rules (priority, then declaration),
// then suggested conditions (in their listed order); each text once. A rule that sets
// `triage self_care` gives self-care advice, shown only when the triage is self-care: beside
// a more urgent triage it would contradict it.
void internal::ResultWriter::gather_advice(const Result& r, const Program& p) {
  auto& s = r.scratch_.get();
  const bool self_care = r.triage_ == Triage::self_care;
  const std::uint32_t epoch = next_epoch(s);
  r.advice_.clear();
  auto add = [&](std::uint32_t id) {
    if (s.text_mark[id] != epoch) {
      s.text_mark[id] = epoch;
      r.advice_.push_back(id);
    }
  };
  auto add_rule = [&](std::uint32_t rule) {
    const prog::RuleOut& ro = p.rule_out[rule];
    if (ro.triage == static_cast<int>(Triage::self_care) && !self_care) return;
    for (std::uint32_t i = 0; i < ro.advice_n; ++i) add(p.rule_advice[ro.advice_begin + i]);
  };
  for (std::uint32_t rf : r.red_flags_) add_rule(rf);
  for (std::uint32_t rule : s.fired_other) add_rule(rule);  // fired, in advice order
  for (const auto& o : r.conditions_) {
    if (o.status != ConditionStatus::suggested) break;
    const prog::Range range = p.condition_advice[o.condition];
    for (std::uint32_t i = 0; i < range.n; ++i) add(p.condition_advice_ids[range.begin + i]);
  }
}


}  // namespace ardent
