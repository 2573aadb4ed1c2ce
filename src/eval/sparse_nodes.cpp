// Evaluation whose cost follows the case: start from the program's baseline (the values with
// nothing given), set the leaves of the given findings, and recompute only the instructions
// downstream of a value that differs from its baseline, in the scheduled (topological) order.
// A node whose inputs all keep their baseline values keeps its own, so the result is the full
// pass's, value for value.
#include <algorithm>
#include <cstring>


#include "eval/node_ops.hpp"
#include "eval/result_writer.hpp"

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

// The given findings into s.given, eight states at a time (FindingState::given is the only
// state with bit 1 set); returns how many instructions read their leaves.
std::uint64_t collect_given(const Program& p, const std::uint8_t* st, std::vector<std::uint32_t>& given) {
  static_assert(static_cast<int>(FindingState::given) == 2 && static_cast<int>(FindingState::unknown) == 1);
  given.clear();
  std::uint64_t fanout = 0;
  const auto nf = static_cast<std::uint32_t>(p.findings.size());
  std::uint32_t at = 0;
  for (; at + 8 <= nf; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, st + at, 8);
    for (word &= 0x0202020202020202ull; word; word &= word - 1) {
      const std::uint32_t slot = at + static_cast<std::uint32_t>(__builtin_ctzll(word)) / 8;
      given.push_back(slot);
      fanout += p.slot_fanout[slot];
    }
  }
  for (; at < nf; ++at)
    if (st[at] == static_cast<std::uint8_t>(FindingState::given)) {
      given.push_back(at);
      fanout += p.slot_fanout[at];
    }
  return fanout;
}

struct Sweep {
  const Program& p;
  const prog::Baseline& b;
  internal::EvalScratch& s;
  RuleState* rules;
  std::uint32_t budget;  // instructions that may still be queued

  // Queued instructions are bits of s.queued: the sweep takes them in increasing order, which
  // is topological, and an instruction only ever queues later ones.
  bool queue(std::uint32_t instr) {
    std::uint64_t& word = s.queued[instr >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (instr & 63);
    if (word & bit) return true;
    word |= bit;
    return budget-- != 0;
  }
  // Boolean node n now holds v, unlike its baseline.
  bool bool_changed(std::uint32_t n, std::uint8_t v) {
    s.truth[n] = v;
    s.dirty_bool.push_back(n);
    for (const std::uint32_t* r = p.bool_rules.row(n), *e = r + p.bool_rules.size(n); r != e; ++r) {
      rules[*r] = static_cast<RuleState>(v);
      s.dirty_rules.push_back(*r);
    }
    for (const std::uint32_t* i = p.bool_users.row(n), *e = i + p.bool_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
  bool num_changed(std::uint32_t n, Interval x) {
    s.lo[n] = x.lo;
    s.hi[n] = x.hi;
    s.dirty_num.push_back(n);
    for (const std::uint32_t* i = p.num_users.row(n), *e = i + p.num_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
};

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
    for (std::uint32_t n : s.dirty_bool) s.truth[n] = b.truth[n];
    for (std::uint32_t n : s.dirty_num) {
      s.lo[n] = b.lo[n];
      s.hi[n] = b.hi[n];
    }
    for (std::uint32_t r : s.dirty_rules) rules[r] = b.rules[r];
  }
  s.dirty_bool.clear();
  s.dirty_num.clear();
  s.dirty_rules.clear();
}

}  // namespace

bool internal::ResultWriter::sparse_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p,
                                          bool forced) {
  EvalScratch& s = r.scratch_.get();
  const auto code = static_cast<std::uint32_t>(p.code.size());
  if (!forced && code < kSparseMinCode) return false;
  const std::uint64_t fanout = collect_given(p, st, s.given);
  if (!forced && fanout * kSparseCost > code) return false;
  const prog::Baseline& b = baseline(p);
  RuleState* rules = r.rule_states_.data();
  restore(b, s, rules);
  Sweep w{p, b, s, rules, forced ? 0xffffffffu : code / 2};
  auto give_up = [&] {
    std::fill(s.queued.begin(), s.queued.end(), 0);
    s.at_baseline = false;  // partly updated: the full pass overwrites every value
    return false;
  };

  // Divisions by zero with nothing given still warn unless a given finding changes them, so
  // they are computed, and warn in the full pass's order.
  for (std::uint32_t i : b.div_warns)
    if (!w.queue(i)) return give_up();

  for (std::uint32_t slot : s.given) {  // not asked and unknown leave every leaf at its baseline
    const double v = val[slot];
    for (const std::uint32_t* n = p.slot_bool_leaves.row(slot), *e = n + p.slot_bool_leaves.size(slot); n != e; ++n) {
      const std::uint8_t x = leaf_truth(p, *n, true, v);
      if (x != b.truth[*n] && !w.bool_changed(*n, x)) return give_up();
    }
    for (const std::uint32_t* n = p.slot_num_leaves.row(slot), *e = n + p.slot_num_leaves.size(slot); n != e; ++n)
      if (!(same_bits(v, b.lo[*n]) && same_bits(v, b.hi[*n])) && !w.num_changed(*n, {v, v})) return give_up();
  }

  const std::uint8_t* t = s.truth.data();
  for (std::size_t word = 0; word < s.queued.size(); ++word) {
    while (s.queued[word]) {  // re-read: computing an instruction may queue later ones in this word
      const auto at = static_cast<std::uint32_t>(word * 64 + static_cast<unsigned>(__builtin_ctzll(s.queued[word])));
      s.queued[word] &= s.queued[word] - 1;
      const prog::Instr& in = p.code[at];
      if (prog::is_numeric(in.op)) {
        bool by_zero = false;
        const Interval x = num_instr(p, in, t, s.lo.data(), s.hi.data(), by_zero);
        if (by_zero) add_warning(r.warnings_, p.div_owners[in.k]);
        if (!(same_bits(x.lo, b.lo[in.out]) && same_bits(x.hi, b.hi[in.out])) && !w.num_changed(in.out, x))
          return give_up();
      } else {
        const std::uint8_t x = bool_instr(p, in, t, s.lo.data(), s.hi.data());
        if (x != b.truth[in.out] && !w.bool_changed(in.out, x)) return give_up();
      }
    }
  }

  // The fired rules: those of the baseline still fired, and those that changed to fired.
  s.fired.clear();
  for (std::uint32_t rule : b.fired)
    if (rules[rule] == RuleState::fired) s.fired.push_back(rule);
  for (std::uint32_t rule : s.dirty_rules)
    if (rules[rule] == RuleState::fired && b.rules[rule] != RuleState::fired) s.fired.push_back(rule);
  s.fired_valid = true;
  return true;
}

}  // namespace ardent
