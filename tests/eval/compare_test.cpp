// Comparisons, arithmetic and division by zero with given, unknown and not-asked operands
// (docs/language.md §11, §12), table-driven.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

constexpr RuleState F = RuleState::not_fired, T = RuleState::fired, U = RuleState::undecided;
constexpr double kAbsent = NAN;  // the finding is not asked

struct CompareRow {
  CmpOp op;
  double value;  // NaN: not asked
  double constant;
  RuleState expected;
};

const CompareRow kCompare[] = {
    {CmpOp::Ge, 50, 50, T},      {CmpOp::Ge, 49, 50, F},     {CmpOp::Gt, 50, 50, F},
    {CmpOp::Gt, 51, 50, T},      {CmpOp::Lt, 49.5, 50, T},   {CmpOp::Lt, 50, 50, F},
    {CmpOp::Le, 50, 50, T},      {CmpOp::Le, 50.5, 50, F},   {CmpOp::Eq, 7, 7, T},
    {CmpOp::Eq, 7, 8, F},        {CmpOp::Ne, 7, 8, T},       {CmpOp::Ne, 7, 7, F},
    {CmpOp::Ge, kAbsent, 50, U}, {CmpOp::Eq, kAbsent, 7, U}, {CmpOp::Ne, kAbsent, 7, U},
};

TEST(Compare, FindingAgainstConstant) {
  for (const auto& row : kCompare) {
    for (bool constant_first : {false, true}) {
      ModelBuilder b;
      auto age = b.number("age", 0, 130);
      // `c op age` is written mirrored so both orders mean `age op c`.
      CmpOp op = row.op;
      if (constant_first) {
        switch (op) {
          case CmpOp::Lt: op = CmpOp::Gt; break;
          case CmpOp::Le: op = CmpOp::Ge; break;
          case CmpOp::Gt: op = CmpOp::Lt; break;
          case CmpOp::Ge: op = CmpOp::Le; break;
          default: break;
        }
      }
      auto r = b.rule("r", constant_first ? Cmp(op, K(row.constant), Num(age)) : Cmp(op, Num(age), K(row.constant)))
                   .index();
      auto rs = b.ruleset();
      Case c(rs);
      if (!std::isnan(row.value)) c.set_number(age, row.value);
      EXPECT_EQ(evaluate(c).rule_state(r), row.expected)
          << "value " << row.value << " op " << int(row.op) << " constant " << row.constant
          << (constant_first ? " (constant first)" : "");
    }
  }
}

TEST(Compare, ExplicitUnknownIsUnknownToo) {
  ModelBuilder b;
  auto age = b.number("age", 0, 130);
  auto r = b.rule("r", Cmp(CmpOp::Ge, Num(age), K(50))).index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_unknown(age);
  EXPECT_EQ(evaluate(c).rule_state(r), U);
}

TEST(Compare, TwoFindings) {
  ModelBuilder b;
  auto a = b.number("a", 0, 100), x = b.number("x", 0, 100);
  auto r = b.rule("a_above_x", Cmp(CmpOp::Gt, Num(a), Num(x))).index();
  auto rs = b.ruleset();
  struct Row {
    std::optional<double> a, x;
    RuleState expected;
  };
  const Row rows[] = {{5, 3, T}, {3, 5, F}, {4, 4, F}, {std::nullopt, 3, U}, {5, std::nullopt, U}};
  for (const auto& row : rows) {
    Case c(rs);
    if (row.a) c.set_number(a, *row.a);
    if (row.x) c.set_number(x, *row.x);
    EXPECT_EQ(evaluate(c).rule_state(r), row.expected);
  }
}

TEST(Compare, DurationsAreCompared_inDays) {
  ModelBuilder b;
  auto d = b.duration("symptom_duration");
  auto r = b.rule("over_six_weeks", Cmp(CmpOp::Gt, Num(d), K(42))).index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_duration(d, 6, DurationUnit::weeks);
  EXPECT_EQ(evaluate(c).rule_state(r), F);
  c.set_duration(d, 2, DurationUnit::months);
  EXPECT_EQ(evaluate(c).rule_state(r), T);
  c.set_duration(d, 1000, DurationUnit::hours);
  EXPECT_EQ(evaluate(c).rule_state(r), F);
}

struct ArithRow {
  ArithOp op;
  std::optional<double> a, b;
  CmpOp cmp;
  double constant;
  RuleState expected;
};

const ArithRow kArith[] = {
    {ArithOp::Add, 2, 3, CmpOp::Eq, 5, T},   {ArithOp::Sub, 2, 3, CmpOp::Eq, -1, T},
    {ArithOp::Mul, 2, 3, CmpOp::Eq, 6, T},   {ArithOp::Div, 3, 2, CmpOp::Eq, 1.5, T},
    {ArithOp::Add, 2, std::nullopt, CmpOp::Gt, 0, U},  // unknown in, unknown out
    {ArithOp::Mul, 0, std::nullopt, CmpOp::Eq, 0, U},  // even times zero
    {ArithOp::Div, 3, 0, CmpOp::Gt, 0, U},             // division by zero
    {ArithOp::Div, 3, 0, CmpOp::Le, 0, U},
};

TEST(Arithmetic, UnknownInUnknownOut) {
  for (const auto& row : kArith) {
    ModelBuilder b;
    auto a = b.number("a", -100, 100), x = b.number("x", -100, 100);
    auto r = b.rule("r", Cmp(row.cmp, Arith(row.op, Num(a), Num(x)), K(row.constant))).index();
    auto rs = b.ruleset();
    Case c(rs);
    if (row.a) c.set_number(a, *row.a);
    if (row.b) c.set_number(x, *row.b);
    EXPECT_EQ(evaluate(c).rule_state(r), row.expected) << int(row.op);
  }
}

TEST(Arithmetic, NegationAndConstants) {
  ModelBuilder b;
  auto a = b.number("a", -100, 100);
  auto r = b.rule("r", Cmp(CmpOp::Eq, Neg(Arith(ArithOp::Sub, Num(a), Arith(ArithOp::Mul, K(2), K(3)))), K(-4)))
               .index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_number(a, 10);
  EXPECT_EQ(evaluate(c).rule_state(r), T);
}

TEST(DivisionByZero, IsUnknownAndReportedAgainstTheRule) {
  ModelBuilder b;
  auto a = b.number("a", 0, 100), x = b.number("x", 0, 100);
  auto fine = b.rule("fine", Cmp(CmpOp::Gt, Num(a), K(1))).index();
  auto ratio = b.rule("ratio", Cmp(CmpOp::Gt, Arith(ArithOp::Div, Num(a), Num(x)), K(2))).index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_number(a, 10);
  c.set_number(x, 0);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(fine), T);
  EXPECT_EQ(r.rule_state(ratio), U);
  ASSERT_EQ(r.warnings().size(), 1u);
  EXPECT_EQ(r.warnings()[0].kind, EvalWarning::Kind::division_by_zero);
  EXPECT_EQ(r.warnings()[0].owner, EvalWarning::Owner::rule);
  EXPECT_EQ(r.warnings()[0].index, ratio);

  c.set_number(x, 4);  // the warning goes away with the zero
  evaluate(c, r);
  EXPECT_EQ(r.rule_state(ratio), T);
  EXPECT_TRUE(r.warnings().empty());
}

TEST(DivisionByZero, InADefineIsReportedOnceAgainstTheDefine) {
  ModelBuilder b;
  auto a = b.number("a", 0, 100), x = b.number("x", 0, 100);
  auto d = b.define("per_x", Arith(ArithOp::Div, Num(a), Num(x)));
  auto r1 = b.rule("r1", Cmp(CmpOp::Gt, NumDef(d), K(2))).index();
  auto r2 = b.rule("r2", Or({Cmp(CmpOp::Lt, NumDef(d), K(1)), Cmp(CmpOp::Gt, Num(a), K(5))})).index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_number(a, 10);
  c.set_number(x, 0);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(r1), U);
  EXPECT_EQ(r.rule_state(r2), T);  // `or` with a true branch stays true
  ASSERT_EQ(r.warnings().size(), 1u);
  EXPECT_EQ(r.warnings()[0].owner, EvalWarning::Owner::define);
  EXPECT_EQ(r.warnings()[0].index, d);
}

TEST(DivisionByZero, NotAskedDivisorIsNoWarning) {
  ModelBuilder b;
  auto a = b.number("a", 0, 100), x = b.number("x", 0, 100);
  b.rule("ratio", Cmp(CmpOp::Gt, Arith(ArithOp::Div, Num(a), Num(x)), K(2)));
  auto rs = b.ruleset();
  Case c(rs);
  c.set_number(a, 10);
  EXPECT_TRUE(evaluate(c).warnings().empty());
}

}  // namespace
}  // namespace ardent::test
