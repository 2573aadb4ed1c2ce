#include "check/resolve.hpp"

#include <cmath>

#include <fmt/format.h>

#include "check/conjuncts.hpp"
#include "ardent/names.hpp"

namespace ardent::check::detail {

namespace {

using SK = syntax::Expr::Kind;
using MK = Expr::Kind;

// Whole phrases, so that no message is built for a comparison that needs none.
const char* compared_with(syntax::CmpOp op) {
  switch (op) {
    case syntax::CmpOp::Lt: return "compared with '<'";
    case syntax::CmpOp::Le: return "compared with '<='";
    case syntax::CmpOp::Gt: return "compared with '>'";
    case syntax::CmpOp::Ge: return "compared with '>='";
    case syntax::CmpOp::Eq: return "compared with '='";
    case syntax::CmpOp::Ne: return "compared with '!='";
  }
  return "compared with '='";
}

bool arith_value(syntax::ArithOp op, double a, double b, double& out) {
  switch (op) {
    case syntax::ArithOp::Add: out = a + b; break;
    case syntax::ArithOp::Sub: out = a - b; break;
    case syntax::ArithOp::Mul: out = a * b; break;
    case syntax::ArithOp::Div:
      if (b == 0) return false;  // left for evaluation, where it is Unknown
      out = a / b;
      break;
  }
  return std::isfinite(out);
}

Expr constant(double v, const Span& span) {
  Expr e;
  e.kind = MK::Constant;
  e.numeric = true;
  e.number = v;
  e.span = span;
  return e;
}

}  // namespace

bool constant_value(const Expr& e, double& out) {
  switch (e.kind) {
    case MK::Constant: out = e.number; return true;
    case MK::Negate: {
      double v;
      if (e.kids.size() != 1 || !constant_value(e.kids[0], v)) return false;
      out = -v;
      return true;
    }
    case MK::Arith: {
      double a, b;
      if (e.kids.size() != 2 || !constant_value(e.kids[0], a) || !constant_value(e.kids[1], b)) return false;
      return arith_value(e.arith, a, b, out);
    }
    default: return false;
  }
}

Expr Resolver::condition(const syntax::Expr& e) { return expect_bool(infer(e, Want::Bool), e); }

Expr Resolver::definition(const syntax::Expr& e, Type& type) {
  Typed t = infer(e, Want::Any);
  if (t.type == Type::Poison) tainted_ = true;
  if (t.type == Type::Enum) {
    c_.error(e.span, "type-mismatch",
             fmt::format("a define must be a condition or a number, but '{}' is an enum finding: test it with "
                         "'is' or 'in'",
                         t.name));
    type = Type::Poison;
    return {};
  }
  type = t.type;
  return std::move(t.expr);
}

void Resolver::use(const Symbol& s) {
  switch (s.kind) {
    case SymbolKind::Finding: c_.finding_used[s.index] = true; break;
    case SymbolKind::Define: c_.define_used[s.index] = true; break;
    case SymbolKind::Score: c_.score_used[s.index] = true; break;
    default: break;
  }
}

Resolver::Typed Resolver::infer(const syntax::Expr& e, Want want) {
  switch (e.kind) {
    case SK::Ref: return ref(e, want);
    case SK::Number:
    case SK::Duration: {
      Typed t;
      const double v = e.kind == SK::Number ? e.number : e.number * days_per(e.unit);
      if (!std::isfinite(v)) {
        c_.error(e.span, "range", "number too large");
        return t;
      }
      t.expr = constant(v, e.span);
      t.type = e.kind == SK::Number ? Type::Number : Type::Duration;
      return t;
    }
    case SK::Not:
    case SK::And:
    case SK::Or: return logic(e);
    case SK::Is:
    case SK::In: return enum_test(e);
    case SK::Known:
    case SK::Unknown: return presence(e);
    case SK::Compare: return compare(e);
    case SK::Between: return between(e);
    case SK::AtLeast: return at_least(e);
    case SK::Arith: return arith(e);
    case SK::Negate: return negate(e);
  }
  return {};
}

Resolver::Typed Resolver::ref(const syntax::Expr& e, Want want) {
  Typed t;
  t.expr.span = e.span;
  t.name = e.name.text;
  if (e.name.text.empty()) return t;  // a hole the parser has already reported
  const Symbol* s = c_.lookup(e.name.text);
  if (!s) {
    unknown_name(e.name, want);
    return t;
  }
  t.symbol = s;
  use(*s);
  t.expr.index = s->index;
  switch (s->kind) {
    case SymbolKind::Finding:
      switch (c_.model.findings[s->index].type) {
        case ValueType::Bool:
          t.expr.kind = MK::BoolFinding;
          t.type = Type::Bool;
          break;
        case ValueType::Number:
        case ValueType::Duration:
          t.expr.kind = MK::NumFinding;
          t.expr.numeric = true;
          t.type = c_.model.findings[s->index].type == ValueType::Number ? Type::Number : Type::Duration;
          break;
        case ValueType::Enum: t.type = Type::Enum; break;
      }
      break;
    case SymbolKind::Define:
      // An unresolved define is part of a cycle, which is reported where it is declared.
      if (!c_.define_resolved[s->index]) break;
      if (!c_.define_clean[s->index]) tainted_ = true;
      t.type = c_.define_type[s->index];
      if (t.type == Type::Bool) t.expr.kind = MK::BoolDefine;
      if (t.type == Type::Number || t.type == Type::Duration) {
        t.expr.kind = MK::NumDefine;
        t.expr.numeric = true;
      }
      break;
    case SymbolKind::Score:
      if (!c_.score_clean[s->index]) tainted_ = true;
      t.expr.kind = MK::ScoreRef;
      t.expr.numeric = true;
      t.type = Type::Number;
      break;
    case SymbolKind::Condition:
      c_.error(e.span, "type-mismatch",
               fmt::format("'{}' is a condition: conditions are what rules conclude, not facts a rule can test",
                           t.name));
      break;
    case SymbolKind::Rule:
      c_.error(e.span, "type-mismatch",
               fmt::format("'{}' is a rule: a rule cannot be tested in an expression (use a define for a shared "
                           "condition)",
                           t.name));
      break;
  }
  return t;
}

void Resolver::unknown_name(const syntax::Name& name, Want want) {
  std::vector<std::string_view> right, all;
  for (const auto& f : c_.model.findings) {
    all.push_back(f.name);
    const bool is_bool = f.type == ValueType::Bool;
    const bool is_num = f.type == ValueType::Number || f.type == ValueType::Duration;
    if (want == Want::Any || (want == Want::Bool && is_bool) || (want == Want::Numeric && is_num))
      right.push_back(f.name);
  }
  for (std::size_t i = 0; i < c_.model.defines.size(); ++i) {
    const auto& d = c_.model.defines[i];
    all.push_back(d.name);
    const Type t = c_.define_type[i];
    const bool open = !c_.define_resolved[i];  // not typed yet: it may be either
    if (want == Want::Any || open || (want == Want::Bool && t == Type::Bool) ||
        (want == Want::Numeric && (t == Type::Number || t == Type::Duration)))
      right.push_back(d.name);
  }
  for (const auto& s : c_.model.scores) {
    all.push_back(s.name);
    if (want != Want::Bool) right.push_back(s.name);
  }
  const char* what = want == Want::Bool ? "finding or define" : "finding, define or score";
  std::string hint;
  auto owner = c_.enum_value_owner.find(name.text);
  if (owner != c_.enum_value_owner.end()) {
    const std::string& f = c_.model.findings[owner->second].name;
    hint = fmt::format("; '{}' is a value of '{}': write '{} is {}'", name.text, f, f, name.text);
  } else {
    hint = did_you_mean(name.text, right);
    if (hint.empty()) hint = did_you_mean(name.text, all);
  }
  c_.error(name.span, "unknown-name", fmt::format("unknown {} {}{}", what, in_quotes(name.text), hint));
}

const Finding* Resolver::finding_named(const syntax::Name& name, bool want_enum) {
  const Symbol* s = c_.lookup(name.text);
  if (!s) {
    std::vector<std::string_view> right, all;
    for (const auto& f : c_.model.findings) {
      all.push_back(f.name);
      if (!want_enum || f.type == ValueType::Enum) right.push_back(f.name);
    }
    std::string hint = did_you_mean(name.text, right);
    if (hint.empty()) hint = did_you_mean(name.text, all);
    c_.error(name.span, "unknown-name", fmt::format("unknown finding {}{}", in_quotes(name.text), hint));
    return nullptr;
  }
  if (s->kind != SymbolKind::Finding) {
    c_.error(name.span, "type-mismatch",
             want_enum ? fmt::format("'{}' is a {}, not an enum finding: 'is' and 'in' test enum findings",
                                     name.text, kind_word(s->kind))
                       : fmt::format("'{}' is a {}, not a finding: 'is known' and 'is unknown' apply to findings",
                                     name.text, kind_word(s->kind)));
    return nullptr;
  }
  use(*s);
  return &c_.model.findings[s->index];
}

Resolver::Typed Resolver::enum_test(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  const Finding* f = finding_named(e.name, /*want_enum=*/true);
  if (!f) return t;
  switch (f->type) {
    case ValueType::Enum: break;
    case ValueType::Bool:
      c_.error(e.span, "type-mismatch",
               fmt::format("'{0}' is a bool finding, not an enum: test it alone, as '{0}' or 'not {0}'", f->name));
      return t;
    case ValueType::Number:
      c_.error(e.span, "type-mismatch",
               fmt::format("'{}' is a number finding, not an enum: compare it with < <= > >= = != or 'between'",
                           f->name));
      return t;
    case ValueType::Duration:
      c_.error(e.span, "type-mismatch",
               fmt::format("'{0}' is a duration finding, not an enum: compare it with a duration, e.g. "
                           "'{0} > 6 weeks'",
                           f->name));
      return t;
  }
  std::vector<std::string_view> domain(f->values.begin(), f->values.end());
  std::uint64_t mask = 0;
  bool ok = true;
  for (const auto& v : e.values) {
    std::size_t i = 0;
    while (i < f->values.size() && f->values[i] != v.text) ++i;
    if (i == f->values.size()) {
      c_.error(v.span, "enum-domain",
               fmt::format("{} is not a value of '{}' ({}){}", in_quotes(v.text), f->name, domain_text(f->values),
                           did_you_mean(v.text, domain)));
      ok = false;
      continue;
    }
    if (i < 64) mask |= std::uint64_t{1} << i;  // larger domains are already an error
  }
  if (!ok) return t;
  t.expr.kind = MK::EnumIn;
  t.expr.index = static_cast<std::uint32_t>(f - c_.model.findings.data());
  t.expr.mask = mask;
  t.type = Type::Bool;
  return t;
}

Resolver::Typed Resolver::presence(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  const Finding* f = finding_named(e.name, /*want_enum=*/false);
  if (!f) return t;
  t.expr.kind = e.kind == SK::Known ? MK::Known : MK::Unknown;
  t.expr.index = static_cast<std::uint32_t>(f - c_.model.findings.data());
  t.type = Type::Bool;
  return t;
}

Resolver::Typed Resolver::logic(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  if (e.kids.empty() || (e.kind == SK::Not && e.kids.size() != 1)) return t;
  t.expr.kind = e.kind == SK::Not ? MK::Not : e.kind == SK::And ? MK::And : MK::Or;
  t.expr.kids.reserve(e.kids.size());
  for (const auto& k : e.kids) t.expr.kids.push_back(expect_bool(infer(k, Want::Bool), k));
  t.type = Type::Bool;
  return t;
}

Resolver::Typed Resolver::at_least(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  t.expr.kind = MK::AtLeast;
  t.expr.count = e.count;
  t.expr.kids.reserve(e.kids.size());
  for (const auto& k : e.kids) t.expr.kids.push_back(expect_bool(infer(k, Want::Bool), k));
  t.type = Type::Bool;
  if (e.count == 0) {
    c_.error(e.span, "at-least", "'at least 0 of' is always true: the count must be 1 or more");
    t.type = Type::Poison;
  } else if (e.count > e.kids.size()) {
    c_.error(e.span, "at-least",
             fmt::format("'at least {} of' {} part{} can never be true: the count is larger than the number of parts",
                         e.count, e.kids.size(), e.kids.size() == 1 ? "" : "s"));
    t.type = Type::Poison;
  }
  return t;
}

Expr Resolver::expect_bool(Typed t, const syntax::Expr& src) {
  std::string message;
  switch (t.type) {
    case Type::Poison: tainted_ = true; return std::move(t.expr);
    case Type::Bool: return std::move(t.expr);
    case Type::Number:
    case Type::Duration: {
      const char* example = t.type == Type::Duration ? "6 weeks" : "0";
      if (t.symbol && t.symbol->kind == SymbolKind::Define)
        message = fmt::format("numeric define '{0}' used as a condition: compare it, e.g. '{0} > {1}'", t.name, example);
      else if (t.symbol && t.symbol->kind == SymbolKind::Score)
        message = fmt::format("score '{0}' used as a condition: compare it, e.g. '{0} >= 2'", t.name);
      else if (t.symbol)
        message = fmt::format("'{0}' is a {1} finding, not a condition: compare it, e.g. '{0} > {2}'", t.name,
                              t.type == Type::Duration ? "duration" : "number", example);
      else
        message = fmt::format("a {} is not a condition: compare it with a value",
                              t.type == Type::Duration ? "duration" : "number");
      break;
    }
    case Type::Enum: {
      const Finding& f = c_.model.findings[t.symbol->index];
      message = fmt::format("'{0}' is an enum finding ({1}), not a condition: test it with 'is' or 'in', e.g. "
                            "'{0} is {2}'",
                            t.name, domain_text(f.values), f.values.empty() ? "x" : f.values.front());
      break;
    }
  }
  c_.error(src.span, "type-mismatch", std::move(message));
  return {};
}

bool Resolver::expect_numeric(const Typed& t, const syntax::Expr& src, std::string_view how) {
  switch (t.type) {
    case Type::Number:
    case Type::Duration: return true;
    case Type::Poison: tainted_ = true; return false;
    case Type::Bool:
      if (t.symbol && t.symbol->kind == SymbolKind::Finding)
        c_.error(src.span, "type-mismatch", fmt::format("'{}' is a bool finding and cannot be {}", t.name, how));
      else if (t.symbol)
        c_.error(src.span, "type-mismatch",
                 fmt::format("define '{}' is a condition, not a number, and cannot be {}", t.name, how));
      else
        c_.error(src.span, "type-mismatch", fmt::format("a condition cannot be {}", how));
      return false;
    case Type::Enum:
      c_.error(src.span, "type-mismatch",
               fmt::format("'{}' is an enum finding and cannot be {}: test it with 'is' or 'in'", t.name, how));
      return false;
  }
  return false;
}

Resolver::Typed Resolver::compare(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  if (e.kids.size() != 2) return t;
  const char* how = compared_with(e.cmp);
  Typed l = infer(e.kids[0], Want::Numeric);
  // `pain_peak = day_after_activity` is a natural slip for `pain_peak is day_after_activity`.
  if (l.type == Type::Enum && (e.cmp == syntax::CmpOp::Eq || e.cmp == syntax::CmpOp::Ne) &&
      e.kids[1].kind == SK::Ref) {
    c_.error(e.span, "type-mismatch",
             fmt::format("'{0}' is an enum finding: write '{1}{0} is {2}'", l.name,
                         e.cmp == syntax::CmpOp::Ne ? "not " : "", e.kids[1].name.text));
    return t;
  }
  Typed r = infer(e.kids[1], Want::Numeric);
  bool ok = expect_numeric(l, e.kids[0], how);
  ok = expect_numeric(r, e.kids[1], how) && ok;
  if (!ok) return t;
  if (l.type != r.type) {
    double v;
    if (l.type == Type::Duration)
      c_.error(e.span, "type-mismatch",
               fmt::format("cannot compare a duration with a plain number: give the number a unit, e.g. '{} weeks'",
                           constant_value(r.expr, v) ? number_text(v) : "6"));
    else
      c_.error(e.span, "type-mismatch",
               "cannot compare a plain number with a duration: give the number a unit, or divide the duration "
               "by one (e.g. 'symptom_duration / 1 week')");
    return t;
  }
  t.expr.kind = MK::Compare;
  t.expr.cmp = e.cmp;
  t.expr.kids.reserve(2);
  t.expr.kids.push_back(std::move(l.expr));
  t.expr.kids.push_back(std::move(r.expr));
  t.type = Type::Bool;
  check_range(t.expr, e.span);
  return t;
}

Resolver::Typed Resolver::between(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  if (e.kids.size() != 3) return t;
  Typed v = infer(e.kids[0], Want::Numeric);
  Typed lo = infer(e.kids[1], Want::Numeric);
  Typed hi = infer(e.kids[2], Want::Numeric);
  bool ok = expect_numeric(v, e.kids[0], "used with 'between'");
  ok = expect_numeric(lo, e.kids[1], "used with 'between'") && ok;
  ok = expect_numeric(hi, e.kids[2], "used with 'between'") && ok;
  if (!ok) return t;
  if (lo.type != v.type || hi.type != v.type) {
    c_.error(e.span, "type-mismatch",
             v.type == Type::Duration
                 ? "a duration with 'between' needs durations as bounds, e.g. 'between 2 weeks and 6 weeks'"
                 : "a plain number with 'between' needs plain numbers as bounds");
    return t;
  }
  double a, b;
  if (constant_value(lo.expr, a) && constant_value(hi.expr, b)) check_between_range(v.expr, a, b, e.span);
  // The model has no `between`: it is the conjunction of two inclusive comparisons.
  Expr low, high;
  low.kind = high.kind = MK::Compare;
  low.span = high.span = e.span;
  low.cmp = syntax::CmpOp::Ge;
  high.cmp = syntax::CmpOp::Le;
  low.kids = {v.expr, std::move(lo.expr)};
  high.kids = {std::move(v.expr), std::move(hi.expr)};
  t.expr.kind = MK::And;
  t.expr.kids.reserve(2);
  t.expr.kids.push_back(std::move(low));
  t.expr.kids.push_back(std::move(high));
  t.type = Type::Bool;
  return t;
}

Resolver::Typed Resolver::arith(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  if (e.kids.size() != 2) return t;
  Typed l = infer(e.kids[0], Want::Numeric);
  Typed r = infer(e.kids[1], Want::Numeric);
  bool ok = expect_numeric(l, e.kids[0], "used in arithmetic");
  ok = expect_numeric(r, e.kids[1], "used in arithmetic") && ok;
  if (!ok) return t;
  // Durations are quantities with a unit: they add to durations, scale by numbers, and a
  // duration divided by a duration is a plain number.
  const bool ld = l.type == Type::Duration, rd = r.type == Type::Duration;
  Type out = Type::Number;
  const char* problem = nullptr;
  switch (e.arith) {
    case syntax::ArithOp::Add:
    case syntax::ArithOp::Sub:
      if (ld != rd)
        problem = e.arith == syntax::ArithOp::Add
                      ? "cannot add a duration and a plain number: give the number a unit, e.g. '3 days'"
                      : "cannot subtract a duration and a plain number: give the number a unit, e.g. '3 days'";
      out = ld ? Type::Duration : Type::Number;
      break;
    case syntax::ArithOp::Mul:
      if (ld && rd) problem = "cannot multiply two durations";
      out = ld || rd ? Type::Duration : Type::Number;
      break;
    case syntax::ArithOp::Div:
      if (!ld && rd) problem = "cannot divide a plain number by a duration";
      out = ld && !rd ? Type::Duration : Type::Number;
      break;
  }
  if (problem) {
    c_.error(e.span, "type-mismatch", problem);
    return t;
  }
  double a, b, v;
  if (e.arith == syntax::ArithOp::Div && constant_value(r.expr, b) && b == 0)
    c_.warning(e.span, "division-by-zero", "division by zero: the result is always unknown");
  if (constant_value(l.expr, a) && constant_value(r.expr, b) && arith_value(e.arith, a, b, v)) {
    t.expr = constant(v, e.span);
  } else {
    t.expr.kind = MK::Arith;
    t.expr.numeric = true;
    t.expr.arith = e.arith;
    t.expr.kids.reserve(2);
    t.expr.kids.push_back(std::move(l.expr));
    t.expr.kids.push_back(std::move(r.expr));
  }
  t.type = out;
  return t;
}

Resolver::Typed Resolver::negate(const syntax::Expr& e) {
  Typed t;
  t.expr.span = e.span;
  if (e.kids.size() != 1) return t;
  Typed k = infer(e.kids[0], Want::Numeric);
  if (!expect_numeric(k, e.kids[0], "negated")) return t;
  double v;
  if (constant_value(k.expr, v)) {
    t.expr = constant(-v, e.span);
  } else {
    t.expr.kind = MK::Negate;
    t.expr.numeric = true;
    t.expr.kids.push_back(std::move(k.expr));
  }
  t.type = k.type;
  return t;
}

bool Resolver::numeric_bounds(const Expr& e, double& lo, double& hi) const {
  if (e.kind == MK::NumFinding && e.index < c_.model.findings.size()) {
    const Finding& f = c_.model.findings[e.index];
    if (f.type != ValueType::Number || (std::isnan(f.min) && std::isnan(f.max))) return false;
    lo = f.min;
    hi = f.max;
    return true;
  }
  if (e.kind == MK::ScoreRef && e.index < c_.score_min.size()) {
    lo = c_.score_min[e.index];
    hi = c_.score_max[e.index];
    return true;
  }
  return false;
}

std::string Resolver::bounded_name(const Expr& e) const {
  if (e.kind == MK::ScoreRef) return fmt::format("score '{}'", c_.model.scores[e.index].name);
  return fmt::format("'{}'", c_.model.findings[e.index].name);
}

void Resolver::check_range(const Expr& cmp, const Span& span) {
  double v;
  syntax::CmpOp op = cmp.cmp;
  const Expr* var = nullptr;
  if (constant_value(cmp.kids[1], v)) {
    var = &cmp.kids[0];
  } else if (constant_value(cmp.kids[0], v)) {
    var = &cmp.kids[1];
    op = flip(op);
  }
  double lo, hi;
  if (!var || !numeric_bounds(*var, lo, hi)) return;
  const bool no_lo = std::isnan(lo), no_hi = std::isnan(hi);
  bool possible = true;
  switch (op) {
    case syntax::CmpOp::Lt: possible = no_lo || lo < v; break;
    case syntax::CmpOp::Le: possible = no_lo || lo <= v; break;
    case syntax::CmpOp::Gt: possible = no_hi || hi > v; break;
    case syntax::CmpOp::Ge: possible = no_hi || hi >= v; break;
    case syntax::CmpOp::Eq: possible = (no_lo || lo <= v) && (no_hi || v <= hi); break;
    case syntax::CmpOp::Ne: possible = !(lo == v && hi == v); break;
  }
  const bool whole_only = var->kind == MK::NumFinding && c_.model.findings[var->index].integer;
  if (possible && op == syntax::CmpOp::Eq && whole_only && v != std::floor(v)) {
    c_.warning(span, "out-of-range",
               fmt::format("'{}' can never be true: {} takes whole numbers only", c_.quote(span), bounded_name(*var)));
    return;
  }
  const bool verb_score = var->kind == MK::ScoreRef;
  if (!possible) {
    c_.warning(span, "out-of-range",
               fmt::format("'{}' can never be true: {} {} {}", c_.quote(span), bounded_name(*var),
                           verb_score ? "ranges over" : "is declared", range_text(lo, hi)));
  } else if ((!no_lo && v < lo) || (!no_hi && v > hi)) {
    c_.warning(span, "out-of-range",
               fmt::format("{} is outside the {}range of {} ({})", number_text(v), verb_score ? "" : "declared ",
                           bounded_name(*var), range_text(lo, hi)));
  }
}

void Resolver::check_between_range(const Expr& value, double a, double b, const Span& span) {
  double lo, hi;
  if (!numeric_bounds(value, lo, hi)) return;
  const bool verb_score = value.kind == MK::ScoreRef;
  if ((!std::isnan(hi) && a > hi) || (!std::isnan(lo) && b < lo)) {
    c_.warning(span, "out-of-range",
               fmt::format("'{}' can never be true: {} {} {}", c_.quote(span), bounded_name(value),
                           verb_score ? "ranges over" : "is declared", range_text(lo, hi)));
  } else if ((!std::isnan(lo) && a < lo) || (!std::isnan(hi) && b > hi)) {
    c_.warning(span, "out-of-range",
               fmt::format("between {} and {} reaches outside the {}range of {} ({})", number_text(a),
                           number_text(b), verb_score ? "" : "declared ", bounded_name(value), range_text(lo, hi)));
  }
}

}  // namespace ardent::check::detail
