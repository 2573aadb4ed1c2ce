// One case per checker warning, on trees built by hand (no parser).
#include <functional>

#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::check::fixture {
namespace {

using B = FileBuilder;
using K = syntax::ExpectItem::Kind;

struct WarningCase {
  const char* name;
  std::string text;  // follows the prelude, from line 10
  std::function<void(B&)> build;
  Expected expected;
};

void PrintTo(const WarningCase& c, std::ostream* os) { *os << c.name; }

Expected warning(const char* code, std::uint32_t line, std::uint32_t col, const char* message) {
  return {code, Severity::Warning, line, col, message};
}

const std::vector<WarningCase>& warning_cases() {
  static const std::vector<WarningCase> cases = {
      {"numeric_intervals_disjoint", "rule r1: age > 60 and age < 40 -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.cmp(b.ref("age"), ">", b.num("60")), b.cmp(b.ref("age@2"), "<", b.num("40"))}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "rule 'r1' can never fire: 'age > 60' contradicts 'age < 40'")},
      {"between_disjoint", "rule r1: age between 20 and 30 and age >= 31 -> suggest overload\n",
       [](B& b) {
         b.rule("r1",
                b.and_({b.between(b.ref("age"), b.num("20"), b.num("30")), b.cmp(b.ref("age@2"), ">=", b.num("31"))}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "'age between 20 and 30' contradicts 'age >= 31'")},
      {"whole_numbers_between_bounds", "rule r1: age > 30 and age < 31 -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.cmp(b.ref("age"), ">", b.num("30")), b.cmp(b.ref("age@2"), "<", b.num("31"))}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "'age > 30' contradicts 'age < 31'")},
      {"enum_values_disjoint", "rule r1: pain_peak is constant and pain_peak in {day_after, hours_after} -> suggest overload\n",
       [](B& b) {
         b.rule("r1",
                b.and_({b.is("pain_peak", "constant"), b.in("pain_peak@2", {"day_after", "hours_after"})}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "'pain_peak is constant' contradicts 'pain_peak in {day_after, hours_after")},
      {"atom_and_its_negation", "rule r1: fever and night_pain and not fever -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.ref("fever"), b.ref("night_pain"), b.not_(b.ref("fever@2"))}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "'fever' contradicts 'not fever'")},
      {"known_and_unknown", "rule r1: fever is known and fever is unknown -> suggest overload\n",
       [](B& b) { b.rule("r1", b.and_({b.known("fever"), b.unknown("fever@2")}), {b.suggest("overload")}); },
       warning("never-fires", 10, 6, "can never fire")},
      {"value_test_and_unknown", "rule r1: age > 50 and age is unknown -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.cmp(b.ref("age"), ">", b.num("50")), b.unknown("age@2")}), {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "can never fire")},
      {"contradiction_through_define", "define old = age > 60\nrule r1: old and age < 40 -> suggest overload\n",
       [](B& b) {
         b.define("old", b.cmp(b.ref("age"), ">", b.num("60")));
         b.rule("r1", b.and_({b.ref("old@2"), b.cmp(b.ref("age@2"), "<", b.num("40"))}), {b.suggest("overload")});
       },
       warning("never-fires", 11, 6, "'age > 60' contradicts 'age < 40'")},
      {"negated_define", "define hot = fever and night_pain\nrule r1: not hot and fever and night_pain -> suggest overload\n",
       [](B& b) {
         b.define("hot", b.and_({b.ref("fever"), b.ref("night_pain")}));
         b.rule("r1", b.and_({b.not_(b.ref("hot@2")), b.ref("fever@2"), b.ref("night_pain@2")}),
                {b.suggest("overload")});
       },
       warning("never-fires", 11, 6, "no alternative of 'not (fever and night_pain)' fits the rest")},
      {"every_alternative_contradicts", "rule r1: (age > 60 or age > 70) and age < 40 -> suggest overload\n",
       [](B& b) {
         b.rule("r1",
                b.and_({b.or_({b.cmp(b.ref("age"), ">", b.num("60")), b.cmp(b.ref("age@2"), ">", b.num("70"))}),
                        b.cmp(b.ref("age@3"), "<", b.num("40"))}),
                {b.suggest("overload")});
       },
       warning("never-fires", 10, 6, "no alternative of 'age > 60 or age > 70' fits the rest of its condition")},
      {"covered_by_weaker_rule", "rule r1: fever -> suggest overload\nrule r2: fever and night_pain -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.rule("r2", b.and_({b.ref("fever@2"), b.ref("night_pain")}), {b.suggest("overload@2")});
       },
       warning("covered", 11, 6, "rule 'r2' adds nothing: rule 'r1' (demo.ard:10:6) has the same actions")},
      {"covered_through_define", "define hot = fever and night_pain\nrule r1: hot -> suggest overload\nrule r2: fever and night_pain -> suggest overload\n",
       [](B& b) {
         b.define("hot", b.and_({b.ref("fever"), b.ref("night_pain")}));
         b.rule("r1", b.ref("hot@2"), {b.suggest("overload")});
         b.rule("r2", b.and_({b.ref("fever@2"), b.ref("night_pain@2")}), {b.suggest("overload@2")});
       },
       warning("covered", 12, 6, "rule 'r2' repeats rule 'r1' (demo.ard:11:6)")},
      {"unused_finding", "finding cough: bool\nrule r1: fever -> suggest overload\n",
       [](B& b) {
         b.boolean("cough");
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
       },
       warning("unused", 10, 9, "finding 'cough' is never used")},
      {"finding_used_only_by_tests", "finding cough: bool\nrule r1: fever -> suggest overload\ntest \"t1\":\n  given cough = yes\n  expect triage routine\n",
       [](B& b) {
         b.boolean("cough");
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.test("t1", {b.yes("cough@2")}, {b.expect(K::Triage, "routine")});
       },
       warning("unused", 10, 9, "finding 'cough' is only used by tests")},
      {"unused_define", "define hot = fever\nrule r1: fever -> suggest overload\n",
       [](B& b) {
         b.define("hot", b.ref("fever"));
         b.rule("r1", b.ref("fever@2"), {b.suggest("overload")});
       },
       warning("unused", 10, 8, "define 'hot' is never used")},
      {"unused_score", "score risk:\n  +1 when fever\nrule r1: fever -> suggest overload\n",
       [](B& b) {
         b.score("risk", {{1, b.ref("fever")}});
         b.rule("r1", b.ref("fever@2"), {b.suggest("overload")});
       },
       warning("unused", 10, 7, "score 'risk' is never used")},
      {"unused_condition", "rule r1: fever -> suggest overload\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.suggest("overload")}); },
       warning("unused", 9, 11, "condition 'tear' is never suggested, considered or excluded by a rule")},
      {"redflag_without_triage", "redflag hot: fever -> advise \"See a doctor.\"\n",
       [](B& b) { b.redflag("hot", b.ref("fever"), {b.advise("See a doctor.")}); },
       warning("redflag-triage", 10, 9, "red flag 'hot' sets no triage")},
      {"redflag_only_self_care", "redflag hot: fever -> triage self_care\n",
       [](B& b) { b.redflag("hot", b.ref("fever"), {b.triage("self_care")}); },
       warning("redflag-triage", 10, 9, "red flag 'hot' sets only 'triage self_care'")},
      {"comparison_never_true_in_range", "rule r1: pain_score > 10 -> suggest overload\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_score"), ">", b.num("10")), {b.suggest("overload")}); },
       warning("out-of-range", 10, 10, "'pain_score > 10' can never be true: 'pain_score' is declared 0..10")},
      {"constant_outside_range", "rule r1: pain_score < 11 -> suggest overload\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_score"), "<", b.num("11")), {b.suggest("overload")}); },
       warning("out-of-range", 10, 10, "11 is outside the declared range of 'pain_score' (0..10)")},
      {"constant_on_the_left", "rule r1: 12 <= pain_score -> suggest overload\n",
       [](B& b) { b.rule("r1", b.cmp(b.num("12"), "<=", b.ref("pain_score")), {b.suggest("overload")}); },
       warning("out-of-range", 10, 10, "can never be true: 'pain_score' is declared 0..10")},
      {"between_outside_range", "rule r1: pain_score between 5 and 12 -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.between(b.ref("pain_score"), b.num("5"), b.num("12")), {b.suggest("overload")});
       },
       warning("out-of-range", 10, 10, "between 5 and 12 reaches outside the declared range of 'pain_score' (0..10)")},
      {"division_by_zero", "define per = age / 0\nrule r1: per > 2 -> suggest overload\n",
       [](B& b) {
         b.define("per", b.arith(b.ref("age"), '/', b.num("0")));
         b.rule("r1", b.cmp(b.ref("per@2"), ">", b.num("2")), {b.suggest("overload")});
       },
       warning("division-by-zero", 10, 14, "division by zero: the result is always unknown")},
      {"score_threshold_unreachable", "score risk:\n  +1 when fever\n  +2 when night_pain\nrule r1: risk >= 4 -> suggest overload\n",
       [](B& b) {
         b.score("risk", {{1, b.ref("fever")}, {2, b.ref("night_pain")}});
         b.rule("r1", b.cmp(b.ref("risk@2"), ">=", b.num("4")), {b.suggest("overload")});
       },
       warning("out-of-range", 13, 10, "'risk >= 4' can never be true: score 'risk' ranges over 0..3")},
      {"screen_question_read_by_no_rule", "rule r1: fever -> suggest overload\nscreen ask fever, night_pain\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.screen({"fever@2", "night_pain"});
       },
       warning("unused", 11, 19, "screen question 'night_pain' is read by no rule")},
  };
  return cases;
}

class CheckerWarning : public ::testing::TestWithParam<WarningCase> {};

TEST_P(CheckerWarning, IsReportedWithPositionAndMessage) {
  const WarningCase& c = GetParam();
  B b("demo.ard", std::string(kPrelude) + c.text);
  declare_prelude(b);
  c.build(b);
  CheckOutput out = run(b);
  EXPECT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_TRUE(has(out.diagnostics, c.expected));
}

INSTANTIATE_TEST_SUITE_P(Table, CheckerWarning, ::testing::ValuesIn(warning_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

// Warnings are about rules that can fire after all or that do add something: none here.
struct QuietCase {
  const char* name;
  std::string text;
  std::function<void(B&)> build;
  const char* code;  // the warning that must not appear
};

void PrintTo(const QuietCase& c, std::ostream* os) { *os << c.name; }

const std::vector<QuietCase>& quiet_cases() {
  static const std::vector<QuietCase> cases = {
      {"overlapping_intervals", "rule r1: age > 40 and age < 60 -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.cmp(b.ref("age"), ">", b.num("40")), b.cmp(b.ref("age@2"), "<", b.num("60"))}),
                {b.suggest("overload")});
       },
       "never-fires"},
      {"touching_closed_bounds", "rule r1: age >= 40 and age <= 40 -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.and_({b.cmp(b.ref("age"), ">=", b.num("40")), b.cmp(b.ref("age@2"), "<=", b.num("40"))}),
                {b.suggest("overload")});
       },
       "never-fires"},
      {"one_alternative_fits", "rule r1: (age > 60 or fever) and age < 40 -> suggest overload\n",
       [](B& b) {
         b.rule("r1",
                b.and_({b.or_({b.cmp(b.ref("age"), ">", b.num("60")), b.ref("fever")}),
                        b.cmp(b.ref("age@2"), "<", b.num("40"))}),
                {b.suggest("overload")});
       },
       "never-fires"},
      {"overlapping_enum_sets", "rule r1: pain_peak in {constant, day_after} and pain_peak in {day_after, hours_after} -> suggest overload\n",
       [](B& b) {
         b.rule("r1",
                b.and_({b.in("pain_peak", {"constant", "day_after"}), b.in("pain_peak@2", {"day_after@2", "hours_after"})}),
                {b.suggest("overload")});
       },
       "never-fires"},
      {"not_of_unknown_is_not_a_contradiction", "rule r1: not fever and fever is known -> suggest overload\n",
       [](B& b) { b.rule("r1", b.and_({b.not_(b.ref("fever")), b.known("fever@2")}), {b.suggest("overload")}); },
       "never-fires"},
      {"different_actions_not_covered", "rule r1: fever -> suggest overload\nrule r2: fever and night_pain -> suggest tear\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.rule("r2", b.and_({b.ref("fever@2"), b.ref("night_pain")}), {b.suggest("tear")});
       },
       "covered"},
      {"higher_priority_not_covered", "rule r1: fever -> suggest overload\nrule r2 priority 5: fever and night_pain -> suggest overload\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.rule("r2", b.and_({b.ref("fever@2"), b.ref("night_pain")}), {b.suggest("overload@2")}).priority = 5;
       },
       "covered"},
      {"redflags_not_covered", "redflag r1: fever -> triage urgent\nredflag r2: fever and night_pain -> triage urgent\n",
       [](B& b) {
         b.redflag("r1", b.ref("fever"), {b.triage("urgent")});
         b.redflag("r2", b.and_({b.ref("fever@2"), b.ref("night_pain")}), {b.triage("urgent@2")});
       },
       "covered"},
      {"amber_redflag_at_routine", "redflag hot: fever -> triage routine\n",
       [](B& b) { b.redflag("hot", b.ref("fever"), {b.triage("routine")}); },
       "redflag-triage"},
      {"in_range_comparison", "rule r1: pain_score >= 10 -> suggest overload\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_score"), ">=", b.num("10")), {b.suggest("overload")}); },
       "out-of-range"},
  };
  return cases;
}

class CheckerQuiet : public ::testing::TestWithParam<QuietCase> {};

TEST_P(CheckerQuiet, DoesNotWarn) {
  const QuietCase& c = GetParam();
  B b("demo.ard", std::string(kPrelude) + c.text);
  declare_prelude(b);
  c.build(b);
  CheckOutput out = run(b);
  EXPECT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(count_code(out.diagnostics, c.code), 0u) << format(out.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Table, CheckerQuiet, ::testing::ValuesIn(quiet_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CheckerWarning, UnusedIsSkippedAfterSyntaxErrors) {
  B b("demo.ard", std::string(kPrelude) + "finding cough: bool\n");
  declare_prelude(b);
  b.boolean("cough");
  CheckOutput out = run({&b}, /*had_syntax_errors=*/true);
  EXPECT_EQ(count_code(out.diagnostics, "unused"), 0u) << format(out.diagnostics);
}

// The diagnostics that mention `name`.
std::vector<Diagnostic> about(const std::vector<Diagnostic>& ds, const std::string& name) {
  std::vector<Diagnostic> out;
  for (const auto& d : ds)
    if (d.message.find("'" + name + "'") != std::string::npos) out.push_back(d);
  return out;
}

// A screen question counts as asked: that no rule reads it is said once, where the screen asks
// it, and not again as an unused finding.
TEST(CheckerWarning, ScreenQuestionReadByNoRuleIsReportedOnce) {
  B b("demo.ard", std::string(kPrelude) + "rule r1: fever -> suggest overload\nscreen ask night_pain\n");
  declare_prelude(b);
  b.rule("r1", b.ref("fever"), {b.suggest("overload")});
  b.screen({"night_pain"});
  CheckOutput out = run(b);
  const auto night_pain = about(out.diagnostics, "night_pain");
  ASSERT_EQ(night_pain.size(), 1u) << format(out.diagnostics);
  EXPECT_TRUE(has(night_pain, warning("unused", 11, 12, "screen question 'night_pain' is read by no rule")));
  EXPECT_TRUE(has(out.diagnostics, warning("unused", 3, 9, "finding 'pain_score' is never used")));  // not screened
}

TEST(CheckerWarning, ScreenQuestionReadOnlyByTestsGetsTheScreenMessage) {
  B b("demo.ard", std::string(kPrelude) +
                      "rule r1: fever -> suggest overload\nscreen ask night_pain\n"
                      "test \"t\":\n  given night_pain = yes\n  expect no redflag\n");
  declare_prelude(b);
  b.rule("r1", b.ref("fever"), {b.suggest("overload")});
  b.screen({"night_pain"});
  b.test("t", {b.yes("night_pain@2")}, {b.expect(K::NoRedflag)});
  CheckOutput out = run(b);
  const auto night_pain = about(out.diagnostics, "night_pain");
  ASSERT_EQ(night_pain.size(), 1u) << format(out.diagnostics);
  EXPECT_TRUE(has(night_pain, warning("unused", 11, 12, "screen question 'night_pain' is read by no rule")));
}

TEST(CheckerWarning, ScreenQuestionReadThroughADefineIsRead) {
  B b("demo.ard", std::string(kPrelude) +
                      "define hot = night_pain\nrule r1: hot and fever -> suggest overload\nscreen ask night_pain, fever\n");
  declare_prelude(b);
  b.define("hot", b.ref("night_pain"));
  b.rule("r1", b.and_({b.ref("hot@2"), b.ref("fever")}), {b.suggest("overload")});
  b.screen({"night_pain@2", "fever@2"});
  CheckOutput out = run(b);
  EXPECT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_TRUE(about(out.diagnostics, "night_pain").empty()) << format(out.diagnostics);
  EXPECT_TRUE(about(out.diagnostics, "fever").empty()) << format(out.diagnostics);
}

TEST(CheckerWarning, ScreenQuestionWarningIsSkippedAfterSyntaxErrors) {
  B b("demo.ard", std::string(kPrelude) + "screen ask night_pain\n");
  declare_prelude(b);
  b.screen({"night_pain"});
  CheckOutput out = run({&b}, /*had_syntax_errors=*/true);
  EXPECT_EQ(count_code(out.diagnostics, "unused"), 0u) << format(out.diagnostics);
}

TEST(CheckerWarning, BrokenRulesAreNotAnalysed) {
  // The unknown name is an error; no contradiction or coverage is guessed from the remains.
  B b("demo.ard", std::string(kPrelude) + "rule r1: fevr and not fevr -> suggest overload\n");
  declare_prelude(b);
  b.rule("r1", b.and_({b.ref("fevr"), b.not_(b.ref("fevr@2"))}), {b.suggest("overload")});
  CheckOutput out = run(b);
  EXPECT_EQ(count_code(out.diagnostics, "unknown-name"), 2u);
  EXPECT_EQ(count_code(out.diagnostics, "never-fires"), 0u);
}

}  // namespace
}  // namespace ardent::check::fixture
