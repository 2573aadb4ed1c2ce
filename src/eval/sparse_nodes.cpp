// Evaluation whose cost follows the case: start from the program's baseline (the values with
// nothing given), set the leaves of the given findings, and recompute only the instructions
// downstream of a value that differs from its baseline, in the scheduled (topological) order.
// A node whose inputs all keep their baseline values keeps its own, so the result is the full
// pass's, value for value.
#include <algorithm>
#include <cstring>

#include "eval/case_access.hpp"
#include "eval/propagate.hpp"

namespace ardent {

using namespace eval;

namespace {

// The sparse pass costs about this many times more per instruction than the full pass (its
// queue, its comparisons with the baseline, its lists of changes), so it is tried only when the
// instructions the given findings read directly are fewer than that share of the program, and
// it gives up when what they reach in the end passes half of it (measured with
// BM_EvaluateGenerated30Given/{100,1000,10000} against ...FullPass and BM_EvaluateHip).
constexpr std::uint32_t kSparseCost = 4;
// Below this many instructions the full pass takes well under a microsecond and finding the
// given findings alone costs a tenth of it (rules/hip, 100 generated rules): not worth trying.
constexpr std::uint32_t kSparseMinCode = 1024;

// The given findings into s.given, from the blocks the case touched, eight states at a time
// (FindingState::given is the only state with bit 1 set); returns how many instructions read
// their leaves.
std::uint64_t collect_given(const Program& p, const Case& c, std::vector<std::uint32_t>& given) {
  static_assert(static_cast<int>(FindingState::given) == 2 && static_cast<int>(FindingState::unknown) == 1);
  const std::uint8_t* st = internal::CaseAccess::states(c);
  given.clear();
  std::uint64_t fanout = 0;
  const std::vector<std::uint64_t>& touched = internal::CaseAccess::touched(c);
  internal::for_each_block(touched, p.findings.size(), [&](std::size_t first, std::size_t last) {
    auto at = static_cast<std::uint32_t>(first);
    for (; at + 8 <= last; at += 8) {
      std::uint64_t word;
      std::memcpy(&word, st + at, 8);
      for (word &= 0x0202020202020202ull; word; word &= word - 1) {
        const std::uint32_t slot = at + static_cast<std::uint32_t>(__builtin_ctzll(word)) / 8;
        given.push_back(slot);
        fanout += p.slot_fanout[slot];
      }
    }
    for (; at < last; ++at)
      if (st[at] == static_cast<std::uint8_t>(FindingState::given)) {
        given.push_back(at);
        fanout += p.slot_fanout[at];
      }
  });
  return fanout;
}

// Puts back the baseline values of whatever the previous sparse pass changed (or of
// everything, after a full pass or a fresh prepare).
void restore(const prog::Baseline& b, internal::EvalScratch& s, RuleState* rules) {
  if (!s.at_baseline) {
    std::copy(b.truth.begin(), b.truth.end(), s.truth.begin());
    std::copy(b.lo.begin(), b.lo.end(), s.lo.begin());
    std::copy(b.hi.begin(), b.hi.end(), s.hi.begin());
    std::copy(b.rules.begin(), b.rules.end(), rules);
    s.at_baseline = true;
  } else {
    std::uint8_t* const truth = s.truth.data();  // in locals: a byte stored may alias the vectors
    const std::uint8_t* const base = b.truth.data();
    for (std::uint32_t n : s.dirty_bool) truth[n] = base[n];
    for (std::uint32_t n : s.dirty_num) {
      s.lo[n] = b.lo[n];
      s.hi[n] = b.hi[n];
    }
    const RuleState* const base_rules = b.rules.data();
    for (std::uint32_t r : s.dirty_rules) rules[r] = base_rules[r];
  }
  s.dirty_bool.clear();
  s.dirty_num.clear();
  s.dirty_rules.clear();
  s.fired_now.clear();
}

}  // namespace

bool internal::ResultWriter::sparse_nodes(Result& r, const Case& c, const Program& p, bool forced) {
  const double* val = internal::CaseAccess::values(c);
  EvalScratch& s = r.scratch_.get();
  const auto code = static_cast<std::uint32_t>(p.code.size());
  if (!forced && code < kSparseMinCode) return false;
  const std::uint64_t fanout = collect_given(p, c, s.given);
  if (!forced && fanout * kSparseCost > code) return false;
  const prog::Baseline& b = baseline(p);
  RuleState* rules = r.rule_states_.data();
  restore(b, s, rules);
  Propagation w{p, s, rules, forced ? 0xffffffffu : code / 2, &b};
  auto give_up = [&] {
    w.abandon();
    s.at_baseline = false;  // partly updated: the full pass overwrites every value
    return false;
  };

  // Divisions by zero with nothing given still warn unless a given finding changes them, so
  // they are computed, and warn in the full pass's order.
  for (std::uint32_t i : b.div_warns)
    if (!w.queue(i)) return give_up();
  for (std::uint32_t slot : s.given)  // not asked and unknown leave every leaf at its baseline
    if (!w.set_leaves(slot, true, val[slot])) return give_up();
  if (!w.run(r.warnings_)) return give_up();

  // The fired rules: those of the baseline still fired, and those that changed to fired.
  s.fired.assign(s.fired_now.begin(), s.fired_now.end());
  for (std::uint32_t rule : b.fired)
    if (rules[rule] == RuleState::fired) s.fired.push_back(rule);
  s.fired_valid = true;
  return true;
}

}  // namespace ardent
