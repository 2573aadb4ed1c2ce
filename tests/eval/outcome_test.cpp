// Triage, red flags, conditions and advice (docs/language.md §13).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

std::vector<std::string> advice_texts(const Ruleset& rs, const Result& r) {
  std::vector<std::string> out;
  for (auto id : r.advice()) out.push_back(rs.advice_text(id));
  return out;
}

TEST(Triage, DefaultWhenNoRuleSetsOne) {
  ModelBuilder b;
  auto x = b.boolean("x");
  auto c0 = b.condition("c0");
  b.rule("r", B(x)).suggest(c0);
  b.default_triage(Triage::routine);
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, true);
  Result r = evaluate(c);
  EXPECT_EQ(r.triage(), Triage::routine);
  EXPECT_TRUE(r.triage_is_default());
}

TEST(Triage, MostUrgentOfFiredRulesWinsAndIsNeverLowered) {
  ModelBuilder b;
  std::vector<std::uint32_t> f;
  for (int i = 0; i < 4; ++i) f.push_back(b.boolean("f" + std::to_string(i)));
  b.rule("self_care", B(f[0])).triage(Triage::self_care).priority(100);
  b.rule("urgent", B(f[1])).triage(Triage::urgent);
  b.rule("routine", B(f[2])).triage(Triage::routine).priority(50);
  b.redflag("emergency_flag", B(f[3])).triage(Triage::emergency);
  auto rs = b.ruleset();
  // Every subset of fired rules: the triage is the maximum, whatever the order or priority.
  for (unsigned mask = 0; mask < 16; ++mask) {
    Case c(rs);
    int expected = -1;
    const Triage levels[] = {Triage::self_care, Triage::urgent, Triage::routine, Triage::emergency};
    for (int i = 0; i < 4; ++i) {
      c.set_bool(f[i], (mask >> i) & 1);
      if ((mask >> i) & 1) expected = std::max(expected, static_cast<int>(levels[i]));
    }
    Result r = evaluate(c);
    if (expected < 0) {
      EXPECT_TRUE(r.triage_is_default()) << mask;
    } else {
      EXPECT_EQ(static_cast<int>(r.triage()), expected) << mask;
      EXPECT_FALSE(r.triage_is_default());
    }
  }
}

TEST(Triage, UndecidedRulesDoNotRaiseIt) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y");
  b.rule("urgent", And({B(x), B(y)})).triage(Triage::urgent);
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, true);
  EXPECT_EQ(evaluate(c).triage(), Triage::routine);
}

TEST(RedFlags, AllFiredAreReportedMostUrgentFirstThenDeclarationOrder) {
  ModelBuilder b;
  auto x = b.boolean("x");
  auto a = b.redflag("amber_routine", B(x)).triage(Triage::routine).index();
  auto u1 = b.redflag("urgent_one", B(x)).triage(Triage::urgent).index();
  auto e = b.redflag("emergency", B(x)).triage(Triage::emergency).index();
  auto none = b.redflag("no_triage", B(x)).index();
  auto u2 = b.redflag("urgent_two", B(x)).triage(Triage::urgent).index();
  // A rule that fires with a lower triage and high priority cannot hide any of them.
  b.rule("calm_down", B(x)).triage(Triage::self_care).priority(1000);
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, true);
  Result r = evaluate(c);
  std::vector<std::uint32_t> got(r.red_flags().begin(), r.red_flags().end());
  EXPECT_EQ(got, (std::vector<std::uint32_t>{e, u1, u2, a, none}));
  EXPECT_EQ(r.triage(), Triage::emergency);
}

TEST(RedFlags, OnlyFiredOnesAreReported) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y");
  b.redflag("rx", B(x)).triage(Triage::urgent);
  auto ry = b.redflag("ry", B(y)).triage(Triage::emergency).index();
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, false);
  c.set_bool(y, true);
  Result r = evaluate(c);
  ASSERT_EQ(r.red_flags().size(), 1u);
  EXPECT_EQ(r.red_flags()[0], ry);
}

struct ConditionFixture {
  ModelBuilder b;
  std::uint32_t x;
  std::uint32_t c_a, c_b, c_c, c_d, c_e;
  RulesetPtr rs;
  ConditionFixture() {
    x = b.boolean("x");
    c_a = b.condition("a", "A", {"advice a"});
    c_b = b.condition("b", "B", {"advice b", "shared advice"});
    c_c = b.condition("c", "C", {"advice c"});
    c_d = b.condition("d", "D", {"shared advice"});
    c_e = b.condition("e", "E");
    b.rule("consider_a", B(x)).consider(c_a).priority(9);
    b.rule("suggest_b_low", B(x)).suggest(c_b, check::Action::Strength::Possible).priority(1);
    b.rule("suggest_d", B(x)).suggest(c_d).priority(5).advise("rule advice");
    b.rule("suggest_and_exclude_c", B(x)).suggest(c_c, check::Action::Strength::Likely).priority(7);
    b.rule("exclude_c", B(x)).exclude(c_c);
    b.rule("suggest_b_likely", B(x)).suggest(c_b, check::Action::Strength::Likely);
    b.rule("consider_e", B(x)).consider(c_e).priority(9);
    b.redflag("flag", B(x)).triage(Triage::urgent).advise("red flag advice").advise("shared advice");
    rs = b.ruleset();
  }
};

TEST(Conditions, StatusOrderPriorityAndStrength) {
  ConditionFixture fx;
  Case c(fx.rs);
  c.set_bool(fx.x, true);
  Result r = evaluate(c);
  ASSERT_EQ(r.conditions().size(), 5u);
  // suggested (d priority 5, b priority 1), considered (a and e priority 9: declaration), excluded (c).
  EXPECT_EQ(r.conditions()[0].condition, fx.c_d);
  EXPECT_EQ(r.conditions()[0].status, ConditionStatus::suggested);
  EXPECT_EQ(r.conditions()[0].priority, 5);
  EXPECT_EQ(r.conditions()[1].condition, fx.c_b);
  EXPECT_EQ(r.conditions()[1].strength, Strength::likely);  // likely beats possible
  EXPECT_EQ(r.conditions()[1].priority, 1);
  EXPECT_EQ(r.conditions()[2].condition, fx.c_a);
  EXPECT_EQ(r.conditions()[2].status, ConditionStatus::considered);
  EXPECT_EQ(r.conditions()[3].condition, fx.c_e);
  EXPECT_EQ(r.conditions()[4].condition, fx.c_c);
  EXPECT_EQ(r.conditions()[4].status, ConditionStatus::excluded);  // exclusion beats suggestion
}

TEST(Conditions, NothingConcludedWhenNothingFired) {
  ConditionFixture fx;
  Case c(fx.rs);
  c.set_bool(fx.x, false);
  Result r = evaluate(c);
  EXPECT_TRUE(r.conditions().empty());
  EXPECT_TRUE(r.advice().empty());
  EXPECT_TRUE(r.red_flags().empty());
}

TEST(Advice, RedFlagsThenRulesThenSuggestedConditionsEachOnce) {
  ConditionFixture fx;
  Case c(fx.rs);
  c.set_bool(fx.x, true);
  Result r = evaluate(c);
  // Excluded c and considered a/e contribute nothing; d's advice repeats the red flag's.
  EXPECT_EQ(advice_texts(*fx.rs, r),
            (std::vector<std::string>{"red flag advice", "shared advice", "rule advice", "advice b"}));
}

TEST(Determinism, SameCaseSameResultWhateverTheHistory) {
  ConditionFixture fx;
  Case on(fx.rs), off(fx.rs);
  on.set_bool(fx.x, true);
  off.set_bool(fx.x, false);
  Result fresh = evaluate(on);
  Result reused;
  for (int i = 0; i < 5; ++i) {
    evaluate(off, reused);
    evaluate(on, reused);
  }
  EXPECT_EQ(std::vector<std::uint32_t>(fresh.red_flags().begin(), fresh.red_flags().end()),
            std::vector<std::uint32_t>(reused.red_flags().begin(), reused.red_flags().end()));
  ASSERT_EQ(fresh.conditions().size(), reused.conditions().size());
  for (std::size_t i = 0; i < fresh.conditions().size(); ++i)
    EXPECT_EQ(fresh.conditions()[i].condition, reused.conditions()[i].condition);
  EXPECT_EQ(advice_texts(*fx.rs, fresh), advice_texts(*fx.rs, reused));
  EXPECT_EQ(fresh.triage(), reused.triage());
}

TEST(Reuse, OneResultAcrossRuleSets) {
  ConditionFixture one, two;
  Case a(one.rs), b(two.rs);
  a.set_bool(one.x, true);
  Result r;
  evaluate(a, r);
  EXPECT_EQ(r.ruleset_ptr(), one.rs);
  evaluate(b, r);  // re-prepared for the other rule set
  EXPECT_EQ(r.ruleset_ptr(), two.rs);
  EXPECT_TRUE(r.conditions().empty());
  evaluate(a, r);
  EXPECT_EQ(r.conditions().size(), 5u);
}

}  // namespace
}  // namespace ardent::test
