// Evaluation that follows the change: an interview records one answer and evaluates again, so
// a result that still holds its last evaluation starts from those values and recomputes only
// the instructions downstream of a finding whose state or value changed since, in the
// scheduled (topological) order. A node whose inputs keep their values keeps its own, so the
// result is the full pass's, value for value.
#include <cstring>

#include "eval/changed_findings.hpp"
#include "eval/node_ops.hpp"
#include "eval/result_writer.hpp"

namespace ardent {

using namespace eval;

namespace {

constexpr auto kGiven = static_cast<std::uint8_t>(FindingState::given);

// As for the sparse pass: tried only when the changed findings' leaves feed at most a quarter
// of the instructions, given up when what they reach passes half of them.
constexpr std::uint32_t kStepCost = 4;

struct Step {
  const Program& p;
  internal::EvalScratch& s;
  RuleState* rules;
  std::uint32_t budget;  // instructions that may still be queued

  bool queue(std::uint32_t instr) {
    std::uint64_t& word = s.queued[instr >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (instr & 63);
    if (word & bit) return true;
    word |= bit;
    return budget-- != 0;
  }
  bool bool_changed(std::uint32_t n, std::uint8_t v) {
    s.truth[n] = v;
    for (const std::uint32_t* r = p.bool_rules.row(n), *e = r + p.bool_rules.size(n); r != e; ++r)
      rules[*r] = static_cast<RuleState>(v);
    for (const std::uint32_t* i = p.bool_users.row(n), *e = i + p.bool_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
  bool num_changed(std::uint32_t n, Interval x) {
    s.lo[n] = x.lo;
    s.hi[n] = x.hi;
    for (const std::uint32_t* i = p.num_users.row(n), *e = i + p.num_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
};

}  // namespace

bool internal::ResultWriter::step_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p,
                                        bool forced) {
  EvalScratch& s = r.scratch_.get();
  if (!s.values_valid) return false;
  const auto code = static_cast<std::uint32_t>(p.code.size());
  const std::uint64_t limit = forced ? ~std::uint64_t{0} : code / kStepCost;
  if (changed_findings(p, s.states.data(), s.values.data(), st, val, s.given, limit) > limit) return false;

  // From here on the values move away from those the sparse pass's dirty lists describe.
  s.at_baseline = false;
  s.values_valid = false;  // until the sweep completes
  Step w{p, s, r.rule_states_.data(), forced ? 0xffffffffu : code / 2};
  auto give_up = [&] {
    std::fill(s.queued.begin(), s.queued.end(), 0);
    return false;
  };

  // Every division is computed again: its warning is the evaluation's, in the full pass's order.
  for (std::uint32_t i : baseline(p).divisions)
    if (!w.queue(i)) return give_up();

  for (std::uint32_t slot : s.given) {
    const bool given = st[slot] == kGiven;
    const double v = val[slot];
    for (const std::uint32_t* n = p.slot_bool_leaves.row(slot), *e = n + p.slot_bool_leaves.size(slot); n != e; ++n) {
      const std::uint8_t x = leaf_truth(p, *n, given, v);
      if (x != s.truth[*n] && !w.bool_changed(*n, x)) return give_up();
    }
    const Interval x = given ? Interval{v, v} : unknown_interval();
    for (const std::uint32_t* n = p.slot_num_leaves.row(slot), *e = n + p.slot_num_leaves.size(slot); n != e; ++n)
      if (!(same_bits(x.lo, s.lo[*n]) && same_bits(x.hi, s.hi[*n])) && !w.num_changed(*n, x)) return give_up();
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
        if (!(same_bits(x.lo, s.lo[in.out]) && same_bits(x.hi, s.hi[in.out])) && !w.num_changed(in.out, x))
          return give_up();
      } else {
        const std::uint8_t x = bool_instr(p, in, t, s.lo.data(), s.hi.data());
        if (x != t[in.out] && !w.bool_changed(in.out, x)) return give_up();
      }
    }
  }
  return true;
}

}  // namespace ardent
