#include "check/conjuncts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "check/resolve.hpp"

namespace ardent::check::detail {

bool conjuncts(const Model& m, const Expr& e, bool negated, std::vector<Literal>& out, std::size_t& budget) {
  if (budget == 0) return false;
  --budget;
  switch (e.kind) {
    case Expr::Kind::Not:
      if (e.kids.size() == 1) return conjuncts(m, e.kids[0], !negated, out, budget);
      break;
    case Expr::Kind::And:
    case Expr::Kind::Or:
      // `a and b`, and `not (a or b)` = `not a and not b`: both split into parts.
      if ((e.kind == Expr::Kind::And) != negated) {
        for (const auto& k : e.kids)
          if (!conjuncts(m, k, negated, out, budget)) return false;
        return true;
      }
      break;
    case Expr::Kind::BoolDefine:
      if (e.index < m.defines.size() && !m.defines[e.index].numeric)
        return conjuncts(m, m.defines[e.index].expr, negated, out, budget);
      break;
    default: break;
  }
  out.push_back({&e, negated});
  return true;
}

std::vector<Literal> alternatives(const Literal& l) {
  std::vector<Literal> out;
  for (const auto& k : l.expr->kids) out.push_back({&k, l.negated});
  return out;
}

syntax::CmpOp negate(syntax::CmpOp op) {
  switch (op) {
    case syntax::CmpOp::Lt: return syntax::CmpOp::Ge;
    case syntax::CmpOp::Le: return syntax::CmpOp::Gt;
    case syntax::CmpOp::Gt: return syntax::CmpOp::Le;
    case syntax::CmpOp::Ge: return syntax::CmpOp::Lt;
    case syntax::CmpOp::Eq: return syntax::CmpOp::Ne;
    case syntax::CmpOp::Ne: return syntax::CmpOp::Eq;
  }
  return op;
}

syntax::CmpOp flip(syntax::CmpOp op) {
  switch (op) {
    case syntax::CmpOp::Lt: return syntax::CmpOp::Gt;
    case syntax::CmpOp::Le: return syntax::CmpOp::Ge;
    case syntax::CmpOp::Gt: return syntax::CmpOp::Lt;
    case syntax::CmpOp::Ge: return syntax::CmpOp::Le;
    default: return op;
  }
}

namespace {
std::string sorted_keys(const std::vector<Expr>& kids) {
  std::vector<std::string> keys;
  keys.reserve(kids.size());
  for (const auto& k : kids) keys.push_back(key(k));
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const auto& k : keys) {
    if (!out.empty()) out += ',';
    out += k;
  }
  return out;
}
}  // namespace

std::string key(const Expr& e) {
  using K = Expr::Kind;
  switch (e.kind) {
    case K::BoolFinding: return fmt::format("b{}", e.index);
    case K::EnumIn: return fmt::format("e{}:{:x}", e.index, e.mask);
    case K::Known: return fmt::format("k{}", e.index);
    case K::Unknown: return fmt::format("u{}", e.index);
    case K::BoolDefine: return fmt::format("d{}", e.index);
    case K::NumFinding: return fmt::format("f{}", e.index);
    case K::ScoreRef: return fmt::format("s{}", e.index);
    case K::NumDefine: return fmt::format("D{}", e.index);
    case K::Constant: return fmt::format("#{}", e.number);
    case K::Not: return e.kids.size() == 1 ? "!" + key(e.kids[0]) : "!?";
    case K::And: return "&(" + sorted_keys(e.kids) + ")";
    case K::Or: return "|(" + sorted_keys(e.kids) + ")";
    case K::AtLeast: return fmt::format("n{}(", e.count) + sorted_keys(e.kids) + ")";
    case K::Negate: return e.kids.size() == 1 ? "-(" + key(e.kids[0]) + ")" : "-?";
    case K::Compare: {
      if (e.kids.size() != 2) return "c?";
      double v;
      syntax::CmpOp op = e.cmp;
      const Expr* a = &e.kids[0];
      const Expr* b = &e.kids[1];
      if (constant_value(*a, v) && !constant_value(*b, v)) {
        std::swap(a, b);
        op = flip(op);
      }
      return fmt::format("c{}(", static_cast<int>(op)) + key(*a) + "," + key(*b) + ")";
    }
    case K::Arith: {
      if (e.kids.size() != 2) return "a?";
      const bool commutes = e.arith == syntax::ArithOp::Add || e.arith == syntax::ArithOp::Mul;
      return fmt::format("a{}(", static_cast<int>(e.arith)) +
             (commutes ? sorted_keys(e.kids) : key(e.kids[0]) + "," + key(e.kids[1])) + ")";
    }
  }
  return "?";
}

std::string key(const Literal& l) { return (l.negated ? "!" : "") + key(*l.expr); }

}  // namespace ardent::check::detail
