#include "eval/interp.hpp"

namespace ardent::eval {

Interp::Interp(const check::Model& model, const Case& c)
    : model_(model),
      case_(c),
      bool_defines_(model.defines.size()),
      num_defines_(model.defines.size()),
      scores_(model.scores.size()) {}

std::uint8_t Interp::truth(const check::Expr& e) {
  using K = check::Expr::Kind;
  const bool given = [&] {
    switch (e.kind) {
      case K::BoolFinding:
      case K::EnumIn:
      case K::Known:
      case K::Unknown: return case_.state(e.index) == FindingState::given;
      default: return false;
    }
  }();
  switch (e.kind) {
    case K::BoolFinding: return given ? (case_.number(e.index) != 0 ? T : F) : U;
    case K::EnumIn:
      if (!given) return U;
      return ((e.mask >> static_cast<std::uint32_t>(case_.number(e.index))) & 1u) ? T : F;
    case K::Known: return given ? T : F;
    case K::Unknown: return given ? F : T;
    case K::Compare: {
      const Interval a = number(e.kids[0]), b = number(e.kids[1]);
      return compare(static_cast<std::uint8_t>(e.cmp), a.lo, a.hi, b.lo, b.hi);
    }
    case K::Not: return static_cast<std::uint8_t>(T - truth(e.kids[0]));
    case K::And: {
      std::uint8_t m = T;
      for (const auto& k : e.kids) m = std::min(m, truth(k));
      return m;
    }
    case K::Or: {
      std::uint8_t m = F;
      for (const auto& k : e.kids) m = std::max(m, truth(k));
      return m;
    }
    case K::AtLeast: {
      std::uint32_t n_true = 0, n_unknown = 0;
      for (const auto& k : e.kids) {
        const std::uint8_t v = truth(k);
        n_true += v == T;
        n_unknown += v == U;
      }
      return at_least(e.count, n_true, n_unknown);
    }
    case K::BoolDefine: {
      auto& memo = bool_defines_.at(e.index);
      if (!memo) memo = truth(model_.defines[e.index].expr);
      return *memo;
    }
    default: return U;
  }
}

Interval Interp::number(const check::Expr& e) {
  using K = check::Expr::Kind;
  switch (e.kind) {
    case K::NumFinding:
      if (case_.state(e.index) != FindingState::given) return unknown_interval();
      return {case_.number(e.index), case_.number(e.index)};
    case K::Constant: return {e.number, e.number};
    case K::Arith: {
      const Interval a = number(e.kids[0]), b = number(e.kids[1]);
      switch (e.arith) {
        case syntax::ArithOp::Add: return add(a, b);
        case syntax::ArithOp::Sub: return sub(a, b);
        case syntax::ArithOp::Mul: return mul(a, b);
        case syntax::ArithOp::Div: {
          bool by_zero = false;
          return div(a, b, by_zero);
        }
      }
      return unknown_interval();
    }
    case K::Negate: return negate(number(e.kids[0]));
    case K::ScoreRef: return score(e.index);
    case K::NumDefine: {
      auto& memo = num_defines_.at(e.index);
      if (!memo) memo = number(model_.defines[e.index].expr);
      return *memo;
    }
    default: return unknown_interval();
  }
}

Interval Interp::score(std::uint32_t index) {
  auto& memo = scores_.at(index);
  if (memo) return *memo;
  double lo = 0, hi = 0;
  for (const auto& term : model_.scores[index].terms) {
    const std::uint8_t v = truth(term.when);
    if (v == T) {
      lo += term.points;
      hi += term.points;
    } else if (v == U) {
      (term.points > 0 ? hi : lo) += term.points;
    }
  }
  memo = Interval{lo, hi};
  return *memo;
}

}  // namespace ardent::eval
