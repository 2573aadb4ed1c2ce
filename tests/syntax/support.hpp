// Helpers for the syntax tests: parsing a snippet, and compact text forms of trees so a test
// can state an expected tree in one line (`age - 3 > 2 and not fever` dumps as
// `(and (> (- age 3) 2) (not fever))`) and a span as `line:col+length`.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "syntax/tree.hpp"

namespace ardent::syntax::test_support {

inline std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

inline const char* cmp_text(CmpOp op) {
  switch (op) {
    case CmpOp::Lt:
      return "<";
    case CmpOp::Le:
      return "<=";
    case CmpOp::Gt:
      return ">";
    case CmpOp::Ge:
      return ">=";
    case CmpOp::Eq:
      return "=";
    case CmpOp::Ne:
      return "!=";
  }
  return "?";
}

inline const char* arith_text(ArithOp op) {
  switch (op) {
    case ArithOp::Add:
      return "+";
    case ArithOp::Sub:
      return "-";
    case ArithOp::Mul:
      return "*";
    case ArithOp::Div:
      return "/";
  }
  return "?";
}

inline std::string dump(const Expr& e) {
  auto kids = [&](std::string head) {
    for (const auto& k : e.kids) head += " " + dump(k);
    return "(" + head + ")";
  };
  auto values = [&] {
    std::string s;
    for (const auto& v : e.values) s += (s.empty() ? "" : " ") + v.text;
    return s;
  };
  switch (e.kind) {
    case Expr::Kind::Ref:
      return e.name.text;
    case Expr::Kind::Number:
      return number_text(e.number);
    case Expr::Kind::Duration:
      return number_text(e.number) + std::string(to_string(e.unit));
    case Expr::Kind::Not:
      return kids("not");
    case Expr::Kind::And:
      return kids("and");
    case Expr::Kind::Or:
      return kids("or");
    case Expr::Kind::Is:
      return "(is " + e.name.text + " " + values() + ")";
    case Expr::Kind::In:
      return "(in " + e.name.text + " {" + values() + "})";
    case Expr::Kind::Compare:
      return kids(cmp_text(e.cmp));
    case Expr::Kind::Between:
      return kids("between");
    case Expr::Kind::AtLeast:
      return kids("at-least " + std::to_string(e.count));
    case Expr::Kind::Known:
      return "(known " + e.name.text + ")";
    case Expr::Kind::Unknown:
      return "(unknown " + e.name.text + ")";
    case Expr::Kind::Arith:
      return kids(arith_text(e.arith));
    case Expr::Kind::Negate:
      return kids("neg");
  }
  return "?";
}

// `line:col+length`
inline std::string where(const Span& s) {
  return std::to_string(s.line) + ":" + std::to_string(s.col) + "+" + std::to_string(s.length);
}

inline ParseOutput parse_text(std::string text, std::uint32_t file_index = 0) {
  return parse(SourceFile{"test.ard", std::move(text)}, file_index);
}

inline std::string first_error(const ParseOutput& out) {
  if (out.errors.empty()) return "(no error)";
  return where(out.errors.front().span) + " " + out.errors.front().message;
}

// The expression of `define x = <source>`; a test failure if it does not parse.
inline Expr parse_expr(const std::string& source) {
  ParseOutput out = parse_text("define x = " + source);
  if (!out.errors.empty() || out.module.defines.size() != 1) {
    ADD_FAILURE() << "`" << source << "` did not parse: " << first_error(out);
    return Expr{};
  }
  return out.module.defines.front().expr;
}

// The text a span covers.
inline std::string spanned(const std::string& text, const Span& s) {
  return text.substr(s.offset, s.length);
}

}  // namespace ardent::syntax::test_support
