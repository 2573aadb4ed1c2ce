#include "check/conjuncts.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>

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
  out.reserve(l.expr->kids.size());
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

// A key is appended to one string as it is built, its numbers without fmt: temporaries joined
// with `+`, and fmt for each index, were most of the cost of warn_covered.
void append_key(std::string& out, const Expr& e);

void append(std::string& out, char tag, std::uint64_t v, int base = 10) {
  out += tag;
  append_number(out, v, base);
}

void append_sorted_keys(std::string& out, const std::vector<Expr>& kids) {
  std::vector<std::string> keys(kids.size());
  for (std::size_t i = 0; i < kids.size(); ++i) append_key(keys[i], kids[i]);
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ',';  // no key is empty
    out += keys[i];
  }
}

void append_key(std::string& out, const Expr& e) {
  using K = Expr::Kind;
  switch (e.kind) {
    case K::BoolFinding: return append(out, 'b', e.index);
    case K::EnumIn:
      append(out, 'e', e.index);
      return append(out, ':', e.mask, 16);
    case K::Known: return append(out, 'k', e.index);
    case K::Unknown: return append(out, 'u', e.index);
    case K::BoolDefine: return append(out, 'd', e.index);
    case K::NumFinding: return append(out, 'f', e.index);
    case K::ScoreRef: return append(out, 's', e.index);
    case K::NumDefine: return append(out, 'D', e.index);
    case K::Constant:
      fmt::format_to(std::back_inserter(out), "#{}", e.number);  // fmt's shortest form, not to_chars'
      return;
    case K::Not:
      if (e.kids.size() != 1) {
        out += "!?";
        return;
      }
      out += '!';
      return append_key(out, e.kids[0]);
    case K::And:
      out += "&(";
      append_sorted_keys(out, e.kids);
      out += ')';
      return;
    case K::Or:
      out += "|(";
      append_sorted_keys(out, e.kids);
      out += ')';
      return;
    case K::AtLeast:
      append(out, 'n', e.count);
      out += '(';
      append_sorted_keys(out, e.kids);
      out += ')';
      return;
    case K::Negate:
      if (e.kids.size() != 1) {
        out += "-?";
        return;
      }
      out += "-(";
      append_key(out, e.kids[0]);
      out += ')';
      return;
    case K::Compare: {
      if (e.kids.size() != 2) {
        out += "c?";
        return;
      }
      double v;
      syntax::CmpOp op = e.cmp;
      const Expr* a = &e.kids[0];
      const Expr* b = &e.kids[1];
      if (constant_value(*a, v) && !constant_value(*b, v)) {
        std::swap(a, b);
        op = flip(op);
      }
      append(out, 'c', static_cast<std::uint64_t>(op));
      out += '(';
      append_key(out, *a);
      out += ',';
      append_key(out, *b);
      out += ')';
      return;
    }
    case K::Arith: {
      if (e.kids.size() != 2) {
        out += "a?";
        return;
      }
      append(out, 'a', static_cast<std::uint64_t>(e.arith));
      out += '(';
      if (e.arith == syntax::ArithOp::Add || e.arith == syntax::ArithOp::Mul) {  // commutes
        append_sorted_keys(out, e.kids);
      } else {
        append_key(out, e.kids[0]);
        out += ',';
        append_key(out, e.kids[1]);
      }
      out += ')';
      return;
    }
  }
  out += '?';
}

}  // namespace

std::string key(const Expr& e) {
  std::string out;
  append_key(out, e);
  return out;
}

std::string key(const Literal& l) {
  std::string out;
  if (l.negated) out += '!';
  append_key(out, *l.expr);
  return out;
}

}  // namespace ardent::check::detail
