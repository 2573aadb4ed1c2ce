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
  // The sparse pass's baseline (each node starts from its value there, and what changes is
  // listed so that the next pass can restore it), whose readers are grouped by the direction
  // of a change that concerns them. Null in the step pass.
  const prog::Baseline* from = nullptr;

  // False once the budget is spent: the caller gives up (and calls abandon()).
  bool queue(std::uint32_t instr) {
    std::uint64_t& word = s.queued[instr >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (instr & 63);
    if (word & bit) return true;
    word |= bit;
    return budget-- != 0;
  }
  bool set_bool(std::uint32_t n, std::uint8_t v) {
    if (from) return settle(n, v);
    if (v == s.truth[n]) return true;
    s.truth[n] = v;
    for (const std::uint32_t* r = p.bool_rules.row(n), *e = r + p.bool_rules.size(n); r != e; ++r)
      rules[*r] = static_cast<RuleState>(v);
    for (const std::uint32_t* i = p.bool_users.row(n), *e = i + p.bool_users.size(n); i != e; ++i)
      if (!queue(*i)) return false;
    return true;
  }
  // The sparse pass's set_bool: node n leaves its baseline value for v. The readers its change
  // concerns (Baseline::readers) are queued, except the `and`s it makes false and the `or`s it
  // makes true, which are settled with it. A node changes once in a pass (its operands are final
  // before it is computed), so the stack never holds more than every boolean node, nor the lists
  // of what changed more than every node and rule.
  bool settle(std::uint32_t n, std::uint8_t v) {
    using Kind = prog::SparseReader::Kind;
    std::uint8_t* const truth = s.truth.data();
    if (truth[n] == v) return true;
    const std::uint8_t* const base = from->truth.data();
    // Everything read through a pointer is held in locals: a byte stored may alias anything,
    // so the compiler would otherwise load each again after every store.
    const prog::SparseReader* const readers = from->readers.data();
    const prog::ReaderRows* const rows = from->rows.data();
    RuleState* const states = rules;
    std::uint32_t* const stack = s.settle.data();
    std::uint32_t* dirty = s.dirty_bool.cursor();
    std::uint32_t* dirty_rules = s.dirty_rules.cursor();
    std::uint32_t* fired = s.fired_now.cursor();
    truth[n] = v;
    *dirty++ = n;
    std::size_t top = 0;
    stack[top++] = n;
    bool within_budget = true;
    while (top != 0 && within_budget) {
      n = stack[--top];
      v = truth[n];
      const prog::ReaderRows& row = rows[n];
      const bool rises = v > base[n];
      const prog::SparseReader* r = readers + (rises ? row.rise_begin : row.fall_begin);
      const prog::SparseReader* const e = readers + (rises ? row.rise_end : row.fall_end);
      for (; r != e; ++r) {
        if (r->kind == Kind::rule) {
          states[r->index] = static_cast<RuleState>(v);
          *dirty_rules++ = r->index;
          if (v == T) *fired++ = r->index;  // a rule changes once: fired now, not in the baseline
        } else if ((r->kind == Kind::and_op && v == F) || (r->kind == Kind::or_op && v == T)) {
          if (truth[r->out] != v) {
            truth[r->out] = v;
            *dirty++ = r->out;
            if (r->only_rule == prog::SparseReader::kNoRule) {
              stack[top++] = r->out;
            } else {  // all that follows from it, without a visit
              states[r->only_rule] = static_cast<RuleState>(v);
              *dirty_rules++ = r->only_rule;
              if (v == T) *fired++ = r->only_rule;
            }
          }
        } else if (!queue(r->index)) {
          within_budget = false;
          break;
        }
      }
    }
    s.dirty_bool.size = static_cast<std::uint32_t>(dirty - s.dirty_bool.room.data());
    s.dirty_rules.size = static_cast<std::uint32_t>(dirty_rules - s.dirty_rules.room.data());
    s.fired_now.size = static_cast<std::uint32_t>(fired - s.fired_now.room.data());
    return within_budget;
  }
  bool set_num(std::uint32_t n, Interval x) {
    if (same_bits(x.lo, s.lo[n]) && same_bits(x.hi, s.hi[n])) return true;
    s.lo[n] = x.lo;
    s.hi[n] = x.hi;
    if (from) s.dirty_num.push_back(n);
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
