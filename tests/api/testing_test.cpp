// run_tests: the rule set's own `test` blocks, failures with what came out and why, coverage.
#include <gtest/gtest.h>

#include "ardent/ardent.hpp"
#include "support/demo_ruleset.hpp"

namespace ardent::test {
namespace {

TEST(RunTests, DemoTestsPassAndCoverageIsCounted) {
  CompileOutput out = compile_source(kDemoRuleset, "demo.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  TestReport report = run_tests(out.ruleset);
  ASSERT_EQ(report.tests.size(), 3u);
  EXPECT_EQ(report.passed(), 3u);
  EXPECT_TRUE(report.ok());
  for (const auto& t : report.tests) EXPECT_TRUE(t.failures.empty()) << t.name << ": " << t.failures[0].actual;
  ASSERT_EQ(report.rule_hits.size(), out.ruleset->rules().size());
  const Ruleset& rs = *out.ruleset;
  EXPECT_EQ(report.rule_hits[*rs.rule_index("classic_overload")], 3u);  // excluded in the third, still fired
  EXPECT_EQ(report.rule_hits[*rs.rule_index("cauda_equina")], 1u);
  // Nothing makes `infection` or `tendon` fire in these tests.
  EXPECT_EQ(report.rules_covered(), 3u);
  EXPECT_EQ(report.uncovered(), (std::vector<std::uint32_t>{*rs.rule_index("infection"), *rs.rule_index("tendon")}));
  EXPECT_EQ(report.tests[0].name, "textbook overload");
  EXPECT_EQ(report.tests[0].location.file, "demo.ard");
}

TEST(RunTests, FailuresSayWhatCameOutAndWhy) {
  const std::string text = std::string(kDemoRuleset) + R"ard(
test "wrong on purpose":
  given pain_central = yes, pain_peak = during_activity, side_lying_pain = yes, fever = yes, age = 40
  expect suggest deep_rotator_overload, triage self_care, no redflag, not hamstring_tendinopathy, ask saddle_anaesthesia, ask fever
)ard";
  CompileOutput out = compile_source(text, "demo.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  TestReport report = run_tests(out.ruleset);
  ASSERT_EQ(report.tests.size(), 4u);
  EXPECT_EQ(report.failed(), 1u);
  const TestOutcome& t = report.tests[3];
  EXPECT_FALSE(t.passed());
  // suggest fails, triage fails (infection made it urgent), no redflag fails; `not` holds
  // (not pain_central is false); ask saddle holds; ask fever fails (it is given).
  ASSERT_EQ(t.failures.size(), 4u);
  EXPECT_EQ(t.failures[0].expectation, "suggest deep_rotator_overload");
  EXPECT_EQ(t.failures[0].actual, "deep_rotator_overload was not concluded");
  EXPECT_NE(t.failures[0].explanation.find("rule classic_overload"), std::string::npos) << t.failures[0].explanation;
  EXPECT_NE(t.failures[0].explanation.find("did not fire because pain peaks: during activity"), std::string::npos)
      << t.failures[0].explanation;
  EXPECT_EQ(t.failures[1].expectation, "triage self_care");
  EXPECT_EQ(t.failures[1].actual, "triage was urgent");
  EXPECT_NE(t.failures[1].explanation.find("red flag infection"), std::string::npos) << t.failures[1].explanation;
  EXPECT_EQ(t.failures[2].expectation, "no redflag");
  EXPECT_EQ(t.failures[2].actual, "red flag infection fired");
  EXPECT_NE(t.failures[2].explanation.find("fever and age: 40 years"), std::string::npos) << t.failures[2].explanation;
  EXPECT_EQ(t.failures[3].expectation, "ask fever");
  EXPECT_NE(t.failures[3].explanation.find("given"), std::string::npos);
  EXPECT_GT(t.failures[0].location.line, 1u);
}

TEST(RunTests, NoAskFailsWhenTheInterviewWouldAskAndSaysWhichRuleWantsIt) {
  const std::string text = std::string(kDemoRuleset) + R"ard(
test "what the interview asks next":
  given pain_central = yes, fever = no
  expect no ask fever, no ask saddle_anaesthesia
)ard";
  CompileOutput out = compile_source(text, "demo.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  TestReport report = run_tests(out.ruleset);
  const TestOutcome& t = report.tests.back();
  // fever is given, so it is not asked; saddle anaesthesia is: cauda equina wants it.
  ASSERT_EQ(t.failures.size(), 1u);
  EXPECT_EQ(t.failures[0].expectation, "no ask saddle_anaesthesia");
  EXPECT_NE(t.failures[0].actual.find("saddle_anaesthesia is question 1 of"), std::string::npos) << t.failures[0].actual;
  EXPECT_NE(t.failures[0].explanation.find("cauda_equina"), std::string::npos) << t.failures[0].explanation;
}

TEST(RunTests, NoTestsNoFailures) {
  CompileOutput out = compile_source("ruleset empty version \"0.1.0\"\nfinding x: bool\n", "e.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  TestReport report = run_tests(out.ruleset);
  EXPECT_TRUE(report.tests.empty());
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(run_tests(nullptr).tests.empty());
}

}  // namespace
}  // namespace ardent::test
