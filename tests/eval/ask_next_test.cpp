// Ask-next (`ask_next` in docs/result-schema.md): the lists of what each undecided rule waits
// for, and the ranking on rule sets built in code (tests/eval/interview_test.cpp has the
// interview's rules as small rule sets in the language). Every test also runs with the general walk that large rule
// sets use.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "compile/ruleset_access.hpp"
#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

std::vector<std::string> asked(const Ruleset& rs, const Result& r) {
  std::vector<std::string> out;
  for (const auto& a : r.ask_next()) out.push_back(rs.findings()[a.finding].name);
  return out;
}

class AskNext : public ::testing::TestWithParam<bool> {
 protected:
  // With GetParam() true the program is compiled without bit sets, forcing the walk.
  RulesetPtr build(const ModelBuilder& b) const {
    return internal::RulesetAccess::make(compile::compile(b.model_copy(), "h", GetParam() ? 0 : 4));
  }
};

TEST_P(AskNext, MostUrgentAlarmFirst) {
  ModelBuilder b;
  auto base = b.boolean("base"), a = b.boolean("a"), e = b.boolean("e"), u = b.boolean("u");
  b.redflag("amber", And({B(base), B(a)})).triage(Triage::routine);
  b.redflag("emergency", And({B(base), B(e)})).triage(Triage::emergency);
  b.redflag("urgent", And({B(base), B(u)})).triage(Triage::urgent);
  auto rs = build(b);
  Case c(rs);
  c.set_bool(base, true);
  EXPECT_EQ(asked(*rs, evaluate(c)), (std::vector<std::string>{"e", "u", "a"}));
}

TEST_P(AskNext, FindingsInDecidedPartsAreNotAsked) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y"), z = b.boolean("z"), w = b.boolean("w");
  // (x and y) or (z and w): with x = no, y cannot matter any more.
  b.rule("r", Or({And({B(x), B(y)}), And({B(z), B(w)})})).triage(Triage::urgent);
  auto rs = build(b);
  Case c(rs);
  c.set_bool(x, false);
  const Result r = evaluate(c);
  ASSERT_EQ(r.undecided().size(), 1u);
  std::vector<std::uint32_t> missing(r.missing(r.undecided()[0]).begin(), r.missing(r.undecided()[0]).end());
  EXPECT_EQ(missing, (std::vector<std::uint32_t>{z, w}));
  (void)y;
}

TEST_P(AskNext, RequestedByAFiredRule) {
  ModelBuilder b;
  auto x = b.boolean("x"), often = b.boolean("often"), asked_for = b.boolean("asked_for");
  auto c0 = b.condition("c0");
  b.rule("r1", And({B(often), B(x)})).suggest(c0);
  b.rule("r2", And({B(often), Not(B(x))})).suggest(c0);
  b.rule("wants_more", B(x)).ask(asked_for);  // asks a finding no rule reads
  auto rs = build(b);
  Case c(rs);
  c.set_bool(x, true);
  Result r = evaluate(c);
  EXPECT_EQ(asked(*rs, r), (std::vector<std::string>{"asked_for", "often"}));
  EXPECT_EQ(r.ask_next()[0].reason, AskReason::requested);
  EXPECT_TRUE(r.could_decide(r.ask_next()[0]).empty());
  c.set_bool(asked_for, false);  // answered: no longer asked
  EXPECT_EQ(asked(*rs, evaluate(c)), (std::vector<std::string>{"often"}));
}

TEST_P(AskNext, ThoseThatCouldRaiseTheTriageComeBeforeTheRest) {
  ModelBuilder b;
  auto refine = b.boolean("refine"), raise = b.boolean("raise"), base = b.boolean("base");
  auto c0 = b.condition("c0"), c1 = b.condition("c1");
  b.rule("routine_now", B(base)).triage(Triage::routine);
  b.rule("refining", And({B(base), B(refine)})).suggest(c0).triage(Triage::self_care);
  b.rule("refining_too", And({B(base), Not(B(refine))})).suggest(c1);
  b.rule("escalate", And({B(base), B(raise)})).triage(Triage::urgent);
  auto rs = build(b);
  Case c(rs);
  c.set_bool(base, true);
  Result r = evaluate(c);
  // `refine` is in two undecided rules, `raise` in one, but only `raise` could raise the triage.
  EXPECT_EQ(asked(*rs, r), (std::vector<std::string>{"raise", "refine"}));
  EXPECT_EQ(r.ask_next()[0].reason, AskReason::raises_triage);
}

TEST_P(AskNext, UndecidedListsWhatEachRuleWaitsFor) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.enumeration("y", {"p", "q"}), age = b.number("age", 0, 120);
  auto r0 = b.rule("r0", And({B(x), In(y, {1}), Cmp(CmpOp::Gt, Num(age), K(50))})).index();
  auto r1 = b.rule("r1", Not(B(x))).index();
  auto rs = build(b);
  Case c(rs);
  c.set_bool(x, true);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(r1), RuleState::not_fired);
  ASSERT_EQ(r.undecided().size(), 1u);
  EXPECT_EQ(r.undecided()[0].rule, r0);
  std::vector<std::uint32_t> missing(r.missing(r.undecided()[0]).begin(), r.missing(r.undecided()[0]).end());
  EXPECT_EQ(missing, (std::vector<std::uint32_t>{y, age}));
}

TEST_P(AskNext, ComputedFromTheCaseAsItWasWhenEvaluated) {
  ModelBuilder b;
  auto base = b.boolean("base"), x = b.boolean("x");
  b.rule("r", And({B(base), B(x)})).triage(Triage::urgent);
  auto rs = build(b);
  Case c(rs);
  c.set_bool(base, true);
  Result r = evaluate(c);
  c.set_bool(x, true);  // after the evaluation: does not change this result's questions
  EXPECT_EQ(asked(*rs, r), (std::vector<std::string>{"x"}));
}

INSTANTIATE_TEST_SUITE_P(BitsAndWalk, AskNext, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "walk" : "bits"; });

}  // namespace
}  // namespace ardent::test
