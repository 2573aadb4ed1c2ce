// Three-valued truth and interval arithmetic shared by the evaluator and the explainer, so that
// both give exactly the same answers (docs/language.md §12).
//
// Truth: 0 false, 1 unknown, 2 true. Numbers: an interval [lo, hi]; NaN means unknown. A score
// with unknown terms is the interval of the totals it could still reach, and a comparison is
// decided as soon as the whole interval is on one side of the threshold.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "syntax/tree.hpp"

namespace ardent::eval {

inline constexpr std::uint8_t F = 0, U = 1, T = 2;

struct Interval {
  double lo, hi;
  bool unknown() const { return std::isnan(lo); }
  bool exact() const { return lo == hi; }  // false for NaN
};

inline constexpr double kNaN = __builtin_nan("");

inline std::uint8_t compare(std::uint8_t op, double al, double ah, double bl, double bh) {
  if (std::isnan(al) || std::isnan(bl)) return U;
  switch (static_cast<syntax::CmpOp>(op)) {
    case syntax::CmpOp::Lt: return ah < bl ? T : (al >= bh ? F : U);
    case syntax::CmpOp::Le: return ah <= bl ? T : (al > bh ? F : U);
    case syntax::CmpOp::Gt: return al > bh ? T : (ah <= bl ? F : U);
    case syntax::CmpOp::Ge: return al >= bh ? T : (ah < bl ? F : U);
    case syntax::CmpOp::Eq:
      return (al == ah && bl == bh && al == bl) ? T : ((ah < bl || al > bh) ? F : U);
    case syntax::CmpOp::Ne:
      return (al == ah && bl == bh && al == bl) ? F : ((ah < bl || al > bh) ? T : U);
  }
  return U;
}

// Comparison of a given value with a constant.
inline bool compare_exact(syntax::CmpOp op, double a, double b) {
  switch (op) {
    case syntax::CmpOp::Lt: return a < b;
    case syntax::CmpOp::Le: return a <= b;
    case syntax::CmpOp::Gt: return a > b;
    case syntax::CmpOp::Ge: return a >= b;
    case syntax::CmpOp::Eq: return a == b;
    case syntax::CmpOp::Ne: return a != b;
  }
  return false;
}

// A comparison atom's two bits for a value `a`: whether it holds, whether it fails. Both are
// false when `a` is NaN, which a value not given can then stand for, with no test of its own.
inline bool holds_exact(syntax::CmpOp op, double a, double b) {
  return op == syntax::CmpOp::Ne ? (a < b || a > b) : compare_exact(op, a, b);
}
inline bool fails_exact(syntax::CmpOp op, double a, double b) {
  switch (op) {
    case syntax::CmpOp::Lt: return a >= b;
    case syntax::CmpOp::Le: return a > b;
    case syntax::CmpOp::Gt: return a <= b;
    case syntax::CmpOp::Ge: return a < b;
    case syntax::CmpOp::Eq: return a < b || a > b;
    case syntax::CmpOp::Ne: return a == b;
  }
  return false;
}

// f.template operator()<Op>() for each comparison operator, in syntax::CmpOp order: the leaf
// loops of each pass fix the operator for a whole loop.
template <class F>
inline void for_each_cmp_op(F&& f) {
  using syntax::CmpOp;
  f.template operator()<CmpOp::Lt>();
  f.template operator()<CmpOp::Le>();
  f.template operator()<CmpOp::Gt>();
  f.template operator()<CmpOp::Ge>();
  f.template operator()<CmpOp::Eq>();
  f.template operator()<CmpOp::Ne>();
}

inline Interval unknown_interval() { return {kNaN, kNaN}; }

inline Interval normalise(double lo, double hi) {
  if (std::isnan(lo) || std::isnan(hi)) return unknown_interval();
  return {lo, hi};
}

inline Interval add(Interval a, Interval b) { return normalise(a.lo + b.lo, a.hi + b.hi); }
inline Interval sub(Interval a, Interval b) { return normalise(a.lo - b.hi, a.hi - b.lo); }
inline Interval negate(Interval a) { return normalise(-a.hi, -a.lo); }

inline Interval mul(Interval a, Interval b) {
  if (a.unknown() || b.unknown()) return unknown_interval();
  if (a.exact() && b.exact()) return normalise(a.lo * b.lo, a.lo * b.lo);
  const double p1 = a.lo * b.lo, p2 = a.lo * b.hi, p3 = a.hi * b.lo, p4 = a.hi * b.hi;
  if (std::isnan(p1) || std::isnan(p2) || std::isnan(p3) || std::isnan(p4)) return unknown_interval();
  return {std::min(std::min(p1, p2), std::min(p3, p4)), std::max(std::max(p1, p2), std::max(p3, p4))};
}

// Division; `by_zero` is set when the divisor is exactly zero (the result is then unknown). A
// divisor interval that merely contains zero gives an unbounded, hence unknown, result.
inline Interval div(Interval a, Interval b, bool& by_zero) {
  by_zero = false;
  if (a.unknown() || b.unknown()) return unknown_interval();
  if (b.lo == 0 && b.hi == 0) {
    by_zero = true;
    return unknown_interval();
  }
  if (b.lo <= 0 && b.hi >= 0) return unknown_interval();
  if (a.exact() && b.exact()) return normalise(a.lo / b.lo, a.lo / b.lo);
  const double q1 = a.lo / b.lo, q2 = a.lo / b.hi, q3 = a.hi / b.lo, q4 = a.hi / b.hi;
  if (std::isnan(q1) || std::isnan(q2) || std::isnan(q3) || std::isnan(q4)) return unknown_interval();
  return {std::min(std::min(q1, q2), std::min(q3, q4)), std::max(std::max(q1, q2), std::max(q3, q4))};
}

inline std::uint8_t at_least(std::uint32_t k, std::uint32_t n_true, std::uint32_t n_unknown) {
  if (n_true >= k) return T;
  if (n_true + n_unknown < k) return F;
  return U;
}

}  // namespace ardent::eval
