// Explanations (`because` in docs/result-schema.md): what made a rule fire, what kept it from
// firing, what it waits for.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

std::vector<std::string> texts(const std::vector<Fact>& facts) {
  std::vector<std::string> out;
  for (const auto& f : facts) out.push_back(f.text);
  return out;
}

struct Fixture {
  ModelBuilder b;
  std::uint32_t central, peak, side_lying, fever, age, duration, saddle;
  std::uint32_t classic, any_of, not_fever, old_or_long, flag;
  RulesetPtr rs;
  Fixture() {
    central = b.boolean("pain_central", "Pain felt centrally in the buttock");
    peak = b.enumeration("pain_peak", {"during_activity", "day_after_activity"}, "Time of peak pain");
    side_lying = b.boolean("side_lying_pain", "Pain lying on either side");
    fever = b.boolean("fever", "Fever");
    age = b.number("age", 0, 120, true, "years", "Age");
    duration = b.duration("symptom_duration", "Symptom duration");
    saddle = b.boolean("saddle", "SLR positive");
    auto overload = b.define("overload_pattern", And({B(central), In(peak, {1})}));
    auto c0 = b.condition("deep_rotator_overload");
    classic = b.rule("classic", And({BoolDef(overload), B(side_lying)})).suggest(c0).index();
    any_of = b.rule("any_of", Or({B(fever), B(side_lying), B(central)})).index();
    not_fever = b.rule("not_fever", Not(B(fever))).index();
    old_or_long = b.rule("old_or_long", Or({Cmp(CmpOp::Ge, Num(age), K(50)), Cmp(CmpOp::Gt, Num(duration), K(42))}))
                      .index();
    flag = b.redflag("flag", And({B(saddle), B(fever)})).triage(Triage::emergency).index();
    rs = b.ruleset();
  }
};

TEST(Explain, FiredAndShowsEveryPartWithValues) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.central, true);
  c.set_enum(fx.peak, "day_after_activity");
  c.set_bool(fx.side_lying, true);
  Result r = evaluate(c);
  Explanation x = explain(c, r, fx.classic);
  EXPECT_EQ(x.state, RuleState::fired);
  EXPECT_EQ(texts(x.facts), (std::vector<std::string>{"pain felt centrally in the buttock",
                                                      "time of peak pain: day after activity",
                                                      "pain lying on either side"}));
  EXPECT_EQ(x.reasons(),
            "pain felt centrally in the buttock, time of peak pain: day after activity and pain lying on either side");
  EXPECT_EQ(x.location.file, "test.ard");
}

TEST(Explain, FiredOrGivesTheTrueBranchOnly) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.fever, false);
  c.set_bool(fx.side_lying, true);
  c.set_bool(fx.central, true);
  Result r = evaluate(c);
  EXPECT_EQ(texts(explain(c, r, fx.any_of).facts), (std::vector<std::string>{"pain lying on either side"}));
}

TEST(Explain, NotAndNumbersReadNaturally) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.fever, false);
  c.set_number(fx.age, 54);
  c.set_duration(fx.duration, 6, DurationUnit::weeks);
  Result r = evaluate(c);
  EXPECT_EQ(explain(c, r, fx.not_fever).reasons(), "no fever");
  EXPECT_EQ(explain(c, r, fx.old_or_long).reasons(), "age: 54 years");
  c.set_number(fx.age, 30);
  r = evaluate(c);
  Explanation x = explain(c, r, fx.old_or_long);
  EXPECT_EQ(x.state, RuleState::not_fired);
  EXPECT_EQ(texts(x.facts), (std::vector<std::string>{"age: 30 years", "symptom duration: 6 weeks"}));
}

TEST(Explain, NotFiredGivesTheFalseParts) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.central, true);
  c.set_enum(fx.peak, "during_activity");
  c.set_bool(fx.side_lying, false);
  Result r = evaluate(c);
  Explanation x = explain(c, r, fx.classic);
  EXPECT_EQ(x.state, RuleState::not_fired);
  // The true part (central pain) is not a reason it did not fire.
  EXPECT_EQ(texts(x.facts),
            (std::vector<std::string>{"time of peak pain: during activity", "no pain lying on either side"}));
}

TEST(Explain, UndecidedListsWhatCouldDecideIt) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.central, true);
  c.set_unknown(fx.side_lying);
  Result r = evaluate(c);
  Explanation x = explain(c, r, fx.classic);
  EXPECT_EQ(x.state, RuleState::undecided);
  EXPECT_EQ(texts(x.missing), (std::vector<std::string>{"time of peak pain"}));
  EXPECT_EQ(texts(x.unknown), (std::vector<std::string>{"pain lying on either side"}));
  EXPECT_EQ(x.reasons(), "depends on time of peak pain; recorded as unknown: pain lying on either side");
}

TEST(Explain, AcronymsKeepTheirCase) {
  Fixture fx;
  Case c(fx.rs);
  c.set_bool(fx.saddle, true);
  c.set_bool(fx.fever, true);
  Result r = evaluate(c);
  EXPECT_EQ(explain(c, r, fx.flag).reasons(), "SLR positive and fever");
}

TEST(Explain, RefusesABadRuleOrAForeignResult) {
  Fixture fx, other;
  Case c(fx.rs), d(other.rs);
  Result r = evaluate(c);
  EXPECT_THROW(explain(c, r, 999), std::out_of_range);
  EXPECT_THROW(explain(d, r, 0), std::invalid_argument);
}

TEST(JoinPhrases, ReadsLikeASentence) {
  EXPECT_EQ(join_phrases({}), "");
  EXPECT_EQ(join_phrases({"a"}), "a");
  EXPECT_EQ(join_phrases({"a", "b"}), "a and b");
  EXPECT_EQ(join_phrases({"a", "b", "c"}), "a, b and c");
}

}  // namespace
}  // namespace ardent::test
