// Recomputing only what some changed values reach: the sparse pass (from the baseline) and the
// step pass (from the result's last evaluation) both set the leaves that changed, then compute
// the queued instructions in increasing order, which is topological, each queueing its users
// when its own value changes. Each node is written at most once, so comparing with its current
// value is comparing with the value it started from.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "eval/node_ops.hpp"
#include "eval/result_writer.hpp"

namespace ardent::eval {

struct Propagation {
  const Program& p;
  internal::EvalScratch& s;
  RuleState* rules;
  std::uint32_t budget;  // instructions that may still be queued
  bool record_dirty;     // list what changed (the sparse pass restores the baseline from it)

  // False once the budget is spent: the caller gives up (and calls abandon()).
  bool queue(std::uint32_t instr) {
    std::uint64_t& word = s.queued[instr >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (instr & 63);
    if (word & bit) return true;
    word |= bit;
    return budget-- != 0;
  }
  bool set_bool(std::uint32_t n, std::uint8_t v) {
    if (v == s.truth[n]) return true;
    s.truth[n] = v;
    if (record_dirty) s.dirty_bool.push_back(n);
    for (const std::uint32_t* r = p.bool_rules.row(n), *e = r + p.bool_rules.size(n); r != e; ++r) {
      rules[*r] = static_cast<RuleState>(v);
      if (record_dirty) s.dirty_rules.push_back(*r);
    }
    for (const std::uint32_t* i = p.bool_users.row(n), *e = i + p.bool_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
  bool set_num(std::uint32_t n, Interval x) {
    if (same_bits(x.lo, s.lo[n]) && same_bits(x.hi, s.hi[n])) return true;
    s.lo[n] = x.lo;
    s.hi[n] = x.hi;
    if (record_dirty) s.dirty_num.push_back(n);
    for (const std::uint32_t* i = p.num_users.row(n), *e = i + p.num_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
  // The leaves of finding `slot`, now given `v` (given) or not asked or unknown (not given).
  bool set_leaves(std::uint32_t slot, bool given, double v) {
    for (const std::uint32_t* n = p.slot_bool_leaves.row(slot), *e = n + p.slot_bool_leaves.size(slot); n != e; ++n)
      if (!set_bool(*n, leaf_truth(p, *n, given, v))) return false;
    const Interval x = given ? Interval{v, v} : unknown_interval();
    for (const std::uint32_t* n = p.slot_num_leaves.row(slot), *e = n + p.slot_num_leaves.size(slot); n != e; ++n)
      if (!set_num(*n, x)) return false;
    return true;
  }
  // Computes the queued instructions; division by zero warns into `warnings`, in the full
  // pass's order.
  bool run(std::vector<EvalWarning>& warnings) {
    const std::uint8_t* t = s.truth.data();
    for (std::size_t word = 0; word < s.queued.size(); ++word) {
      while (s.queued[word]) {  // re-read: computing an instruction may queue later ones in this word
        const auto at = static_cast<std::uint32_t>(word * 64 + static_cast<unsigned>(__builtin_ctzll(s.queued[word])));
        s.queued[word] &= s.queued[word] - 1;
        const prog::Instr& in = p.code[at];
        if (prog::is_numeric(in.op)) {
          bool by_zero = false;
          const Interval x = num_instr(p, in, t, s.lo.data(), s.hi.data(), by_zero);
          if (by_zero) internal::add_warning(warnings, p.div_owners[in.k]);
          if (!set_num(in.out, x)) return false;
        } else if (!set_bool(in.out, bool_instr(p, in, t, s.lo.data(), s.hi.data()))) {
          return false;
        }
      }
    }
    return true;
  }
  // After a refusal: nothing stays queued for the next pass.
  void abandon() { std::fill(s.queued.begin(), s.queued.end(), 0); }
};

}  // namespace ardent::eval
