// Scores with unknown terms (docs/language.md §12): Unknown only while the reachable interval
// straddles the threshold.
#include <gtest/gtest.h>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

constexpr RuleState F = RuleState::not_fired, T = RuleState::fired, U = RuleState::undecided;

// Score = +2 hop + 1 night + 1 training - 1 rest_helps; rules compare it with thresholds.
struct ScoreFixture {
  ModelBuilder b;
  std::uint32_t hop, night, training, rest_helps;
  std::uint32_t ge3, ge1, lt0, eq4, ne4, plus_age;
  std::uint32_t age;
  RulesetPtr rs;
  ScoreFixture() {
    hop = b.boolean("hop_test_pain");
    night = b.boolean("night_pain");
    training = b.boolean("training_increase");
    rest_helps = b.boolean("rest_helps");
    age = b.number("age", 0, 130);
    auto s = b.score("bone_stress", {{2, B(hop)}, {1, B(night)}, {1, B(training)}, {-1, B(rest_helps)}});
    ge3 = b.rule("ge3", Cmp(CmpOp::Ge, ScoreRef(s), K(3))).index();
    ge1 = b.rule("ge1", Cmp(CmpOp::Ge, ScoreRef(s), K(1))).index();
    lt0 = b.rule("lt0", Cmp(CmpOp::Lt, ScoreRef(s), K(0))).index();
    eq4 = b.rule("eq4", Cmp(CmpOp::Eq, ScoreRef(s), K(4))).index();
    ne4 = b.rule("ne4", Cmp(CmpOp::Ne, ScoreRef(s), K(4))).index();
    // arithmetic over a score: score * 10 + age > 100
    plus_age = b.rule("plus_age", Cmp(CmpOp::Gt, Arith(ArithOp::Add, Arith(ArithOp::Mul, ScoreRef(s), K(10)), Num(age)),
                                      K(100)))
                   .index();
    rs = b.ruleset();
  }
};

enum V { n, y, u };  // no, yes, not asked

struct Row {
  V hop, night, training, rest;
  RuleState ge3, ge1, lt0, eq4, ne4;
};

// Reachable totals in the comments: [lowest, highest].
const Row kRows[] = {
    {y, y, y, n, T, T, F, T, F},  // [4,4]
    {y, y, n, n, T, T, F, F, T},  // [3,3]
    {y, n, n, y, F, T, F, F, T},  // [1,1]
    {n, n, n, n, F, F, F, F, T},  // [0,0]
    {n, n, n, y, F, F, T, F, T},  // [-1,-1]
    {y, y, u, n, T, T, F, U, U},  // [3,4]: already at 3 whatever training says
    {y, u, u, n, U, T, F, U, U},  // [2,4]: straddles 3
    {u, n, n, n, F, U, F, F, T},  // [0,2]: cannot reach 3 or 4
    {u, u, u, u, U, U, U, U, U},  // [-1,4]
    {n, n, n, u, F, F, U, F, T},  // [-1,0]: cannot reach 1
    {y, y, y, u, T, T, F, U, U},  // [3,4]
};

TEST(Score, IntervalDecidesComparisons) {
  ScoreFixture fx;
  for (const auto& row : kRows) {
    Case c(fx.rs);
    auto set = [&](std::uint32_t slot, V v) {
      if (v != u) c.set_bool(slot, v == y);
    };
    set(fx.hop, row.hop);
    set(fx.night, row.night);
    set(fx.training, row.training);
    set(fx.rest_helps, row.rest);
    Result r = evaluate(c);
    const auto at = ::testing::Message() << row.hop << row.night << row.training << row.rest;
    EXPECT_EQ(r.rule_state(fx.ge3), row.ge3) << at;
    EXPECT_EQ(r.rule_state(fx.ge1), row.ge1) << at;
    EXPECT_EQ(r.rule_state(fx.lt0), row.lt0) << at;
    EXPECT_EQ(r.rule_state(fx.eq4), row.eq4) << at;
    EXPECT_EQ(r.rule_state(fx.ne4), row.ne4) << at;
  }
}

TEST(Score, ArithmeticOverAScoreKeepsTheInterval) {
  ScoreFixture fx;
  Case c(fx.rs);
  c.set_bool(fx.hop, true);
  c.set_bool(fx.night, true);
  c.set_bool(fx.rest_helps, false);  // score in [3,4] -> score*10 in [30,40]
  c.set_number(fx.age, 75);          // [105,115] > 100
  EXPECT_EQ(evaluate(c).rule_state(fx.plus_age), T);
  c.set_number(fx.age, 65);  // [95,105] straddles
  EXPECT_EQ(evaluate(c).rule_state(fx.plus_age), U);
  c.set_number(fx.age, 50);  // [80,90]
  EXPECT_EQ(evaluate(c).rule_state(fx.plus_age), F);
  c.unset(fx.age);  // a number unknown: unknown whatever the score
  EXPECT_EQ(evaluate(c).rule_state(fx.plus_age), U);
}

TEST(Score, OnlyTermsThatCouldMoveItAreAsked) {
  ScoreFixture fx;
  Case c(fx.rs);
  c.set_bool(fx.hop, true);
  c.set_bool(fx.night, true);  // [2+1-1, 2+1+1] = [2,4]; ge3 open; rest_helps and training matter
  Result r = evaluate(c);
  ASSERT_EQ(r.rule_state(fx.ge3), U);
  for (const auto& u : r.undecided()) {
    if (u.rule != fx.ge3) continue;
    std::vector<std::uint32_t> missing(r.missing(u).begin(), r.missing(u).end());
    EXPECT_EQ(missing, (std::vector<std::uint32_t>{fx.training, fx.rest_helps}));
  }
}

}  // namespace
}  // namespace ardent::test
