// Views of a resolved condition used by the static analyses: the literals of its top-level
// conjunction (defines expanded, `not` pushed inward) and canonical keys for comparing parts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "check/model.hpp"

namespace ardent::check::detail {

struct Literal {
  const Expr* expr = nullptr;
  bool negated = false;
  // An `or` (or a negated `and`): true when one of its alternatives is.
  bool disjunction() const {
    return (expr->kind == Expr::Kind::Or && !negated) || (expr->kind == Expr::Kind::And && negated);
  }
};

// Appends the literals whose conjunction is `e` (negated when `negated`): `and` is split,
// boolean defines are expanded, double negation cancels, `not (a or b)` becomes `not a`,
// `not b`. Returns false when `budget` (nodes visited) runs out; the list is then partial.
bool conjuncts(const Model& m, const Expr& e, bool negated, std::vector<Literal>& out, std::size_t& budget);

// The alternatives of a disjunction literal.
std::vector<Literal> alternatives(const Literal& l);

// Canonical text of an expression: equal keys mean the same test (parts of `and`, `or` and
// `at least` are sorted, a constant is always on the right of a comparison).
std::string key(const Expr& e);
std::string key(const Literal& l);

// `not (x op c)` as a comparison: `x negate(op) c`.
syntax::CmpOp negate(syntax::CmpOp op);
// `c op x` as `x flip(op) c`.
syntax::CmpOp flip(syntax::CmpOp op);

}  // namespace ardent::check::detail
