// One composite node of the Program's DAG, computed from its operands: the home of what each
// instruction means, used by the full pass's general loops, the sparse pass and the baseline.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "compile/program.hpp"
#include "eval/logic.hpp"

namespace ardent::eval {

// A boolean instruction (And, Or, Not, AtLeast, Compare).
inline std::uint8_t bool_instr(const Program& p, const prog::Instr& in, const std::uint8_t* t, const double* lo,
                               const double* hi) {
  // `a` indexes the operand list only for And, Or and AtLeast (for Not it is a node): the
  // pointer is formed in those cases alone, as a program without any may have no list at all.
  switch (in.op) {
    case prog::Op::And: {
      const std::uint32_t* ops = p.operands.data() + in.a;
      std::uint8_t m = T;
      for (std::uint32_t i = 0; i < in.n; ++i) m = std::min(m, t[ops[i]]);
      return m;
    }
    case prog::Op::Or: {
      const std::uint32_t* ops = p.operands.data() + in.a;
      std::uint8_t m = F;
      for (std::uint32_t i = 0; i < in.n; ++i) m = std::max(m, t[ops[i]]);
      return m;
    }
    case prog::Op::Not: return static_cast<std::uint8_t>(T - t[in.a]);
    case prog::Op::AtLeast: {
      const std::uint32_t* ops = p.operands.data() + in.a;
      std::uint32_t n_true = 0, n_unknown = 0;
      for (std::uint32_t i = 0; i < in.n; ++i) {
        const std::uint8_t v = t[ops[i]];
        n_true += v == T;
        n_unknown += v == U;
      }
      return at_least(in.k, n_true, n_unknown);
    }
    case prog::Op::Compare: return compare(in.sub, lo[in.a], hi[in.a], lo[in.b], hi[in.b]);
    default: return U;
  }
}

// A numeric instruction (Add, Sub, Mul, Div, Negate, Score); `by_zero` is set when a Div
// divides by exactly zero.
inline Interval num_instr(const Program& p, const prog::Instr& in, const std::uint8_t* t, const double* lo,
                          const double* hi, bool& by_zero) {
  by_zero = false;
  switch (in.op) {  // in.a indexes numeric nodes, except for Score (its terms)
    case prog::Op::Add: return add({lo[in.a], hi[in.a]}, {lo[in.b], hi[in.b]});
    case prog::Op::Sub: return sub({lo[in.a], hi[in.a]}, {lo[in.b], hi[in.b]});
    case prog::Op::Mul: return mul({lo[in.a], hi[in.a]}, {lo[in.b], hi[in.b]});
    case prog::Op::Div: return div({lo[in.a], hi[in.a]}, {lo[in.b], hi[in.b]}, by_zero);
    case prog::Op::Negate: return negate({lo[in.a], hi[in.a]});
    case prog::Op::Score: {
      double l = 0, h = 0;
      for (std::uint32_t i = 0; i < in.n; ++i) {
        const prog::ScoreTerm& term = p.terms[in.a + i];
        const std::uint8_t v = t[term.cond];
        if (v == T) {
          l += term.points;
          h += term.points;
        } else if (v == U) {
          (term.points > 0 ? h : l) += term.points;
        }
      }
      return {l, h};
    }
    default: return unknown_interval();
  }
}

// The value of boolean leaf `n` when its finding is given the value `v` (given) or is not asked
// or unknown (not given): the leaves' own loops in the full pass, for one leaf.
inline std::uint8_t leaf_truth(const Program& p, std::uint32_t n, bool given, double v) {
  if (n < p.enum_base) return given ? (v != 0 ? T : F) : U;
  if (n < p.known_base) {
    if (!given) return U;
    return static_cast<std::uint8_t>(((p.enum_atoms[n - p.enum_base].mask >> static_cast<std::uint32_t>(v)) & 1u) * 2u);
  }
  if (n < p.unknown_base) return given ? T : F;
  if (n < p.cmp_base[0]) return given ? F : T;
  if (!given) return U;
  int op = prog::kCmpOps - 1;
  while (p.cmp_base[op] > n) --op;  // the last group starting at or before n (empty groups share a start)
  return compare_exact(static_cast<syntax::CmpOp>(op), v, p.cmp_atoms[op][n - p.cmp_base[op]].constant) ? T : F;
}

// Bit for bit: a value that merely compares equal (0.0 and -0.0) may still print differently.
inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace ardent::eval
