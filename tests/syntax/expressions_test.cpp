// Every expression form of docs/language.md §11 parses to the expected tree, with precedence
// (loosest first: or, and, not, predicates, parentheses) and left-associative arithmetic.
#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::syntax {
namespace {

using test_support::dump;
using test_support::parse_expr;
using test_support::parse_text;
using test_support::spanned;
using test_support::where;

struct ExprCase {
  const char* source;
  const char* tree;
};

class ExpressionTree : public ::testing::TestWithParam<ExprCase> {};

TEST_P(ExpressionTree, ParsesTo) {
  EXPECT_EQ(dump(parse_expr(GetParam().source)), GetParam().tree) << GetParam().source;
}

INSTANTIATE_TEST_SUITE_P(
    Logic, ExpressionTree,
    ::testing::Values(
        ExprCase{"fever", "fever"}, ExprCase{"not fever", "(not fever)"},
        ExprCase{"NOT fever", "(not fever)"}, ExprCase{"not not fever", "(not (not fever))"},
        ExprCase{"a and b", "(and a b)"}, ExprCase{"a AND b And c", "(and a b c)"},
        ExprCase{"a or b or c", "(or a b c)"}, ExprCase{"a and b or c", "(or (and a b) c)"},
        ExprCase{"a or b and c", "(or a (and b c))"}, ExprCase{"not a and b", "(and (not a) b)"},
        ExprCase{"not a or not b", "(or (not a) (not b))"},
        ExprCase{"not (a and b)", "(not (and a b))"},
        ExprCase{"(a or b) and c", "(and (or a b) c)"},
        ExprCase{"a and (b or (c and not d))", "(and a (or b (and c (not d))))"},
        ExprCase{"((fever))", "fever"},
        // A parenthesised and/or stays one operand of the list around it, never merged into it.
        ExprCase{"(a and b) and c", "(and (and a b) c)"},
        ExprCase{"a or (b or c) or d", "(or a (or b c) d)"}));

INSTANTIATE_TEST_SUITE_P(
    Predicates, ExpressionTree,
    ::testing::Values(
        ExprCase{"pain_peak is day_after_activity", "(is pain_peak day_after_activity)"},
        ExprCase{"pain_peak IS constant", "(is pain_peak constant)"},
        ExprCase{"pain_peak in {hours_after_activity, day_after_activity}",
                 "(in pain_peak {hours_after_activity day_after_activity})"},
        ExprCase{"side in {left}", "(in side {left})"},
        ExprCase{"x is none", "(is x none)"},  // enum values like none/other are not reserved
        ExprCase{"x in {none, other}", "(in x {none other})"},
        ExprCase{"fever is known", "(known fever)"},
        ExprCase{"fever is unknown", "(unknown fever)"},
        ExprCase{"fever IS Known", "(known fever)"},
        ExprCase{"not fever is known", "(not (known fever))"},
        ExprCase{"at least 2 of (a, b, c, d)", "(at-least 2 a b c d)"},
        ExprCase{"AT LEAST 1 OF (a)", "(at-least 1 a)"},
        ExprCase{"at least 1 of (a and b, c > 3, d is e, not f)",
                 "(at-least 1 (and a b) (> c 3) (is d e) (not f))"},
        ExprCase{"at least 2 of (a, b) and c", "(and (at-least 2 a b) c)"}));

INSTANTIATE_TEST_SUITE_P(
    Comparisons, ExpressionTree,
    ::testing::Values(ExprCase{"age >= 50", "(>= age 50)"}, ExprCase{"age > 50", "(> age 50)"},
                      ExprCase{"age <= 50", "(<= age 50)"}, ExprCase{"age < 50", "(< age 50)"},
                      ExprCase{"age = 50", "(= age 50)"}, ExprCase{"age != 50", "(!= age 50)"},
                      ExprCase{"temp>38.5", "(> temp 38.5)"},
                      ExprCase{"bone_stress_risk >= 3", "(>= bone_stress_risk 3)"},
                      ExprCase{"pain_score between 7 and 10", "(between pain_score 7 10)"},
                      ExprCase{"pain_score BETWEEN 7 AND 10 and fever",
                               "(and (between pain_score 7 10) fever)"},
                      ExprCase{"x between 1 + 1 and y * 2", "(between x (+ 1 1) (* y 2))"},
                      ExprCase{"age >= 50 and not fever", "(and (>= age 50) (not fever))"},
                      ExprCase{"a < b or c = d", "(or (< a b) (= c d))"}));

INSTANTIATE_TEST_SUITE_P(
    Arithmetic, ExpressionTree,
    ::testing::Values(ExprCase{"age - duration_weeks / 52.18", "(- age (/ duration_weeks 52.18))"},
                      ExprCase{"age_at_onset < 40", "(< age_at_onset 40)"}, ExprCase{"7", "7"},
                      ExprCase{"38.5", "38.5"}, ExprCase{"a - b - c > 0", "(> (- (- a b) c) 0)"},
                      ExprCase{"a / b * c = 1", "(= (* (/ a b) c) 1)"},
                      ExprCase{"a + b * c > 1", "(> (+ a (* b c)) 1)"},
                      ExprCase{"(a + b) * c > 1", "(> (* (+ a b) c) 1)"},
                      ExprCase{"age - 3 > 2 * x", "(> (- age 3) (* 2 x))"},
                      ExprCase{"-x < -3", "(< (neg x) -3)"},
                      ExprCase{"-(a + b) > 0", "(> (neg (+ a b)) 0)"},
                      ExprCase{"a - -b > 0", "(> (- a (neg b)) 0)"},
                      ExprCase{"x > -2.5", "(> x -2.5)"}));

INSTANTIATE_TEST_SUITE_P(
    Durations, ExpressionTree,
    ::testing::Values(
        ExprCase{"symptom_duration > 6 weeks", "(> symptom_duration 6weeks)"},
        ExprCase{"d >= 90 minutes", "(>= d 90minutes)"},
        ExprCase{"d >= 1 minute", "(>= d 1minutes)"}, ExprCase{"d < 48 hours", "(< d 48hours)"},
        ExprCase{"d < 1 hour", "(< d 1hours)"}, ExprCase{"d > 3 days", "(> d 3days)"},
        ExprCase{"d > 1 day", "(> d 1days)"}, ExprCase{"d > 1 week", "(> d 1weeks)"},
        ExprCase{"d > 4 months", "(> d 4months)"}, ExprCase{"d > 1 month", "(> d 1months)"},
        ExprCase{"d > 1 year", "(> d 1years)"}, ExprCase{"d > 2 Years", "(> d 2years)"},
        ExprCase{"d between 2 weeks and 3 months", "(between d 2weeks 3months)"},
        ExprCase{"d > 1.5 days", "(> d 1.5days)"}));

// Keywords are whole words: `android` is not `and` + `roid`.
INSTANTIATE_TEST_SUITE_P(
    KeywordBoundaries, ExpressionTree,
    ::testing::Values(ExprCase{"android", "android"},
                      ExprCase{"android and order", "(and android order)"},
                      ExprCase{"notable or isolated", "(or notable isolated)"},
                      ExprCase{"x is inward", "(is x inward)"},
                      ExprCase{"known_fever", "known_fever"},
                      ExprCase{"when_ready and yes_no", "(and when_ready yes_no)"},
                      ExprCase{"x in {innate, ofter}", "(in x {innate ofter})"},
                      ExprCase{"at_least_two", "at_least_two"}));

TEST(ExpressionSpans, NodesCoverTheirSource) {
  const std::string text = "define x = age >= 50 and (fever or pain_peak is constant)";
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << test_support::first_error(out);
  const Expr& e = out.module.defines.at(0).expr;
  ASSERT_EQ(e.kind, Expr::Kind::And);
  EXPECT_EQ(spanned(text, e.span), "age >= 50 and (fever or pain_peak is constant)");
  const Expr& cmp = e.kids.at(0);
  EXPECT_EQ(spanned(text, cmp.span), "age >= 50");
  EXPECT_EQ(where(cmp.span), "1:12+9");
  EXPECT_EQ(spanned(text, cmp.kids.at(0).span), "age");
  EXPECT_EQ(cmp.kids.at(0).name.text, "age");
  EXPECT_EQ(where(cmp.kids.at(0).name.span), "1:12+3");
  EXPECT_EQ(spanned(text, cmp.kids.at(1).span), "50");
  EXPECT_EQ(cmp.kids.at(1).number, 50);
  const Expr& paren = e.kids.at(1);
  ASSERT_EQ(paren.kind, Expr::Kind::Or);
  EXPECT_EQ(spanned(text, paren.span), "(fever or pain_peak is constant)");
  const Expr& is = paren.kids.at(1);
  EXPECT_EQ(spanned(text, is.span), "pain_peak is constant");
  EXPECT_EQ(is.name.text, "pain_peak");
  ASSERT_EQ(is.values.size(), 1u);
  EXPECT_EQ(spanned(text, is.values[0].span), "constant");
}

TEST(ExpressionSpans, ArithmeticAndDurationSpans) {
  const std::string text = "define x = age - d / 52.18 > 6 weeks";
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << test_support::first_error(out);
  const Expr& cmp = out.module.defines.at(0).expr;
  ASSERT_EQ(cmp.kind, Expr::Kind::Compare);
  EXPECT_EQ(spanned(text, cmp.kids.at(0).span), "age - d / 52.18");
  EXPECT_EQ(spanned(text, cmp.kids.at(0).kids.at(1).span), "d / 52.18");
  const Expr& weeks = cmp.kids.at(1);
  EXPECT_EQ(weeks.kind, Expr::Kind::Duration);
  EXPECT_EQ(weeks.number, 6);
  EXPECT_EQ(weeks.unit, DurationUnit::weeks);
  EXPECT_EQ(spanned(text, weeks.span), "6 weeks");
}

TEST(ExpressionSpans, InAndAtLeast) {
  const std::string text = "define x = at least 2 of (a, b in {c, d})";
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << test_support::first_error(out);
  const Expr& e = out.module.defines.at(0).expr;
  EXPECT_EQ(e.kind, Expr::Kind::AtLeast);
  EXPECT_EQ(e.count, 2u);
  EXPECT_EQ(spanned(text, e.span), "at least 2 of (a, b in {c, d})");
  const Expr& in = e.kids.at(1);
  EXPECT_EQ(spanned(text, in.span), "b in {c, d}");
  ASSERT_EQ(in.values.size(), 2u);
  EXPECT_EQ(spanned(text, in.values[1].span), "d");
}

TEST(ExpressionSpans, NegativeLiteralIncludesSign) {
  const std::string text = "define x = t > -3";
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << test_support::first_error(out);
  const Expr& lit = out.module.defines.at(0).expr.kids.at(1);
  EXPECT_EQ(lit.kind, Expr::Kind::Number);
  EXPECT_EQ(lit.number, -3);
  EXPECT_EQ(spanned(text, lit.span), "-3");
}

}  // namespace
}  // namespace ardent::syntax
