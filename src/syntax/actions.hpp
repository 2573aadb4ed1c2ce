// The grammar's semantic actions: they build the nodes of ast.hpp that attribute propagation
// cannot (expressions, leaves checked while parsing, and nodes chosen by a keyword). Each
// writes the rule's value (_val) from what its parser matched (_attr). Included only by the
// grammar.
#pragma once

#include <boost/fusion/include/at_c.hpp>
#include <boost/spirit/home/x3.hpp>
#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include "syntax/ast.hpp"
#include "syntax/reserved.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;
namespace fusion = boost::fusion;

using x3::_attr;
using x3::_pass;
using x3::_val;

// ---------------------------------------------------------------------------------------
// Leaves

inline constexpr auto set_val = [](auto& ctx) { _val(ctx) = std::move(_attr(ctx)); };

inline constexpr auto make_name = [](auto& ctx) {
  auto const& range = _attr(ctx);
  const std::string_view word(range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
  if (is_reserved(word)) {
    _pass(ctx) = false;
    return;
  }
  _val(ctx).text.assign(word);
};

inline constexpr auto make_text = [](auto& ctx) {
  static_assert(std::is_same_v<std::remove_reference_t<decltype(_attr(ctx))>, std::string>);
  _val(ctx).value = std::move(_attr(ctx));  // the characters were collected once, by string_chars
};

inline constexpr auto make_number = [](auto& ctx) {
  auto const& range = _attr(ctx);
  double value = 0;
  auto [end, ec] = std::from_chars(range.begin(), range.end(), value);
  if (ec != std::errc() || end != range.end()) {
    _pass(ctx) = false;  // too large to represent
    return;
  }
  _val(ctx).value = value;
};

inline constexpr auto negate_number = [](auto& ctx) {
  _val(ctx) = fusion::at_c<1>(_attr(ctx));
  if (fusion::at_c<0>(_attr(ctx))) _val(ctx).value = -_val(ctx).value;
};

// ---------------------------------------------------------------------------------------
// Expressions

inline ast::expr leaf(Expr::Kind kind) {
  ast::expr e;
  e.kind = kind;
  return e;
}

// `a and b`, `a or b`: the operand parsed so far (the rule's value) and the second become the
// kids of a new node; add_kid appends each further operand.
template <Expr::Kind K>
inline constexpr auto start_nary = [](auto& ctx) {
  ast::expr e = leaf(K);
  e.kids.reserve(2);
  e.kids.push_back(std::move(_val(ctx)));
  e.kids.push_back(std::move(_attr(ctx)));
  _val(ctx) = std::move(e);
};

inline constexpr auto add_kid = [](auto& ctx) { _val(ctx).kids.push_back(std::move(_attr(ctx))); };

inline constexpr auto make_not = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Not);
  e.kids.push_back(std::move(_attr(ctx)));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_at_least = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::AtLeast);
  e.count = fusion::at_c<0>(_attr(ctx));
  e.kids = std::move(fusion::at_c<1>(_attr(ctx)));
  _val(ctx) = std::move(e);
};

// `x is v`, `x is known`, `x is unknown`, `x in {...}`: the tail is parsed first, then the
// name it tests is added (one parse of the name however the predicate ends).
inline constexpr auto make_is = [](auto& ctx) {
  auto& rhs = _attr(ctx);
  ast::expr e;
  if (rhs.text == "known") {
    e.kind = Expr::Kind::Known;
  } else if (rhs.text == "unknown") {
    e.kind = Expr::Kind::Unknown;
  } else {
    e.kind = Expr::Kind::Is;
    e.values.push_back(std::move(rhs));
  }
  _val(ctx) = std::move(e);
};

inline constexpr auto make_in = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::In);
  e.values = std::move(_attr(ctx));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_ref_test = [](auto& ctx) {
  ast::expr e = std::move(fusion::at_c<1>(_attr(ctx)));
  e.ref = std::move(fusion::at_c<0>(_attr(ctx)));
  _val(ctx) = std::move(e);
};

template <const char* Word>
inline constexpr auto keyword_name = [](auto& ctx) { _val(ctx).text = Word; };
inline constexpr char known_word[] = "known";
inline constexpr char unknown_word[] = "unknown";
inline constexpr char likely_word[] = "likely";
inline constexpr char possible_word[] = "possible";

inline constexpr auto make_cmp = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Compare);
  e.cmp = fusion::at_c<0>(_attr(ctx));
  e.kids.reserve(2);  // and the left operand, added by add_left_operand
  e.kids.push_back(std::move(fusion::at_c<1>(_attr(ctx))));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_between = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Between);
  e.kids.reserve(3);  // and the left operand, added by add_left_operand
  e.kids.push_back(std::move(fusion::at_c<0>(_attr(ctx))));
  e.kids.push_back(std::move(fusion::at_c<1>(_attr(ctx))));
  _val(ctx) = std::move(e);
};

// `arith` (the rule's value) completed by a comparison / between tail: it becomes the tail's
// first kid.
inline constexpr auto add_left_operand = [](auto& ctx) {
  ast::expr e = std::move(_attr(ctx));
  e.kids.insert(e.kids.begin(), std::move(_val(ctx)));
  _val(ctx) = std::move(e);
};

// Left-associative fold of `lhs op rhs` into the rule's value.
inline constexpr auto fold_arith = [](auto& ctx) {
  ast::expr& lhs = _val(ctx);
  auto& rhs = fusion::at_c<1>(_attr(ctx));
  ast::expr e = leaf(Expr::Kind::Arith);
  e.arith = fusion::at_c<0>(_attr(ctx));
  e.first = lhs.first;
  e.last = rhs.last;
  e.kids.reserve(2);
  e.kids.push_back(std::move(lhs));
  e.kids.push_back(std::move(rhs));
  lhs = std::move(e);
};

// `-6` is a literal; `-x` is a negation.
inline constexpr auto make_negate = [](auto& ctx) {
  ast::expr& operand = _attr(ctx);
  if (operand.kind == Expr::Kind::Number || operand.kind == Expr::Kind::Duration) {
    operand.number = -operand.number;
    _val(ctx) = std::move(operand);
    return;
  }
  ast::expr e = leaf(Expr::Kind::Negate);
  e.kids.push_back(std::move(operand));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_number_expr = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Number);
  e.number = _attr(ctx).value;
  _val(ctx) = std::move(e);
};

inline constexpr auto make_duration_expr = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Duration);
  e.number = fusion::at_c<0>(_attr(ctx)).value;
  e.unit = fusion::at_c<1>(_attr(ctx));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_ref = [](auto& ctx) {
  ast::expr e = leaf(Expr::Kind::Ref);
  e.ref = std::move(_attr(ctx));
  _val(ctx) = std::move(e);
};

// ---------------------------------------------------------------------------------------
// Declarations

inline constexpr auto make_text_attr = [](auto& ctx) {
  ast::attribute a;
  a.kind = fusion::at_c<0>(_attr(ctx));
  a.value = std::move(fusion::at_c<1>(_attr(ctx)));
  _val(ctx) = std::move(a);
};

inline constexpr auto make_code_attr = [](auto& ctx) {
  ast::attribute a;
  a.kind = ast::attr_kind::code;
  a.system = std::move(fusion::at_c<0>(_attr(ctx)));
  a.value = std::move(fusion::at_c<1>(_attr(ctx)));
  _val(ctx) = std::move(a);
};

inline constexpr auto make_short_system = [](auto& ctx) { _val(ctx).text = std::move(_attr(ctx).text); };

inline constexpr auto make_quoted_system = [](auto& ctx) {
  _val(ctx).text = std::move(_attr(ctx).value);
  _val(ctx).quoted = true;
};

inline constexpr auto make_title = [](auto& ctx) {
  ast::attribute a;
  a.kind = ast::attr_kind::title;
  a.value = std::move(_attr(ctx));
  _val(ctx) = std::move(a);
};

inline constexpr auto make_default_triage = [](auto& ctx) {
  ast::attribute a;
  a.kind = ast::attr_kind::default_triage;
  a.word = std::move(_attr(ctx));
  _val(ctx) = std::move(a);
};

template <FindingType K>
inline constexpr auto make_plain_type = [](auto& ctx) {
  ast::finding_type t;
  t.kind = K;
  _val(ctx) = std::move(t);
};

inline constexpr auto make_enum_type = [](auto& ctx) {
  ast::finding_type t;
  t.kind = FindingType::enumeration;
  t.values = std::move(_attr(ctx));
  _val(ctx) = std::move(t);
};

inline constexpr auto make_number_type = [](auto& ctx) {
  ast::finding_type t;
  t.kind = FindingType::number;
  auto& range = fusion::at_c<0>(_attr(ctx));
  if (range) {
    t.min = range->lo;
    t.max = range->hi;
  }
  t.integer = fusion::at_c<1>(_attr(ctx));
  t.unit = std::move(fusion::at_c<2>(_attr(ctx)));
  _val(ctx) = std::move(t);
};

inline constexpr auto make_points = [](auto& ctx) {
  _val(ctx) = fusion::at_c<1>(_attr(ctx));
  _val(ctx).value *= fusion::at_c<0>(_attr(ctx));
};

template <Action::Kind K>
inline constexpr auto make_action = [](auto& ctx) {
  ast::action a;
  a.kind = K;
  a.target = std::move(_attr(ctx));
  _val(ctx) = std::move(a);
};

inline constexpr auto make_suggest = [](auto& ctx) {
  ast::action a;
  a.kind = Action::Kind::Suggest;
  a.target = std::move(fusion::at_c<0>(_attr(ctx)));
  a.strength = std::move(fusion::at_c<1>(_attr(ctx)));
  _val(ctx) = std::move(a);
};

inline constexpr auto make_advise = [](auto& ctx) {
  ast::action a;
  a.kind = Action::Kind::Advise;
  a.message = std::move(_attr(ctx));
  _val(ctx) = std::move(a);
};

// ---------------------------------------------------------------------------------------
// Tests

template <GivenItem::Kind K>
inline constexpr auto make_given_word = [](auto& ctx) {
  ast::given_item g;
  g.kind = K;
  _val(ctx) = std::move(g);
};

inline constexpr auto make_given_duration = [](auto& ctx) {
  ast::given_item g;
  g.kind = GivenItem::Kind::Duration;
  g.number = fusion::at_c<0>(_attr(ctx)).value;
  g.unit = fusion::at_c<1>(_attr(ctx));
  _val(ctx) = std::move(g);
};

inline constexpr auto make_given_number = [](auto& ctx) {
  ast::given_item g;
  g.kind = GivenItem::Kind::Number;
  g.number = _attr(ctx).value;
  _val(ctx) = std::move(g);
};

inline constexpr auto make_given_enum = [](auto& ctx) {
  ast::given_item g;
  g.kind = GivenItem::Kind::Enum;
  g.value = std::move(_attr(ctx));
  _val(ctx) = std::move(g);
};

inline constexpr auto make_given = [](auto& ctx) {
  ast::given_item g = std::move(fusion::at_c<1>(_attr(ctx)));
  g.finding = std::move(fusion::at_c<0>(_attr(ctx)));
  _val(ctx) = std::move(g);
};

template <ExpectItem::Kind K>
inline constexpr auto make_expect = [](auto& ctx) {
  ast::expect_item e;
  e.kind = K;
  e.target = std::move(_attr(ctx));
  _val(ctx) = std::move(e);
};

inline constexpr auto make_expect_kind = [](auto& ctx) {
  ast::expect_item e;
  e.kind = _attr(ctx);
  _val(ctx) = std::move(e);
};

}  // namespace ardent::syntax::grammar
