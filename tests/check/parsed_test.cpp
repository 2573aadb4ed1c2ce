// The checker on parsed `.ard` text: every error and warning once more, with the positions
// the real parser gives, and a realistic clean rule set.
#include <gtest/gtest.h>

#include "parsed.hpp"
#include "support.hpp"

namespace ardent::check::fixture {
namespace {

struct TextCase {
  const char* name;
  const char* text;  // follows kPrelude, from line 10
  Expected expected;
};

void PrintTo(const TextCase& c, std::ostream* os) { *os << c.name; }

constexpr Severity E = Severity::Error;
constexpr Severity W = Severity::Warning;

const std::vector<TextCase>& text_cases() {
  static const std::vector<TextCase> cases = {
      // errors
      {"unknown_name", "rule r1: fevr -> triage urgent\n",
       {"unknown-name", E, 10, 10, "unknown finding or define 'fevr'; did you mean 'fever'?"}},
      {"unknown_enum_finding", "finding pain_site: one of {groin, buttock}\nrule r1: pain_sight is groin -> triage urgent\n",
       {"unknown-name", E, 11, 10, "unknown finding 'pain_sight'; did you mean 'pain_site'?"}},
      {"type_mismatch_is", "finding hop_pain: one of {none, groin}\nrule r1: age is groin -> triage urgent\n",
       {"type-mismatch", E, 11, 10, "'age' is a number finding, not an enum"}},
      {"bool_in_arithmetic", "define d = (fever + 1) * 2\nrule r1: d > 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 13, "'fever' is a bool finding and cannot be used in arithmetic"}},
      {"enum_with_less_than", "rule r1: pain_peak < 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "'pain_peak' is an enum finding and cannot be compared with '<'"}},
      {"bool_with_at_most", "rule r1: fever <= 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "'fever' is a bool finding and cannot be compared with '<='"}},
      {"bool_with_more_than", "rule r1: 2 > fever -> triage urgent\n",
       {"type-mismatch", E, 10, 14, "'fever' is a bool finding and cannot be compared with '>'"}},
      {"bool_with_at_least", "rule r1: fever >= 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "'fever' is a bool finding and cannot be compared with '>='"}},
      {"bool_with_equals", "rule r1: fever = 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "'fever' is a bool finding and cannot be compared with '='"}},
      {"condition_with_not_equals", "rule r1: (fever and night_pain) != 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "a condition cannot be compared with '!='"}},
      {"bool_with_between", "rule r1: fever between 1 and 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "'fever' is a bool finding and cannot be used with 'between'"}},
      {"bool_negated", "rule r1: -fever < 2 -> triage urgent\n",
       {"type-mismatch", E, 10, 11, "'fever' is a bool finding and cannot be negated"}},
      {"numeric_define_as_condition", "define double_age = age * 2\nrule r1: fever and double_age -> triage urgent\n",
       {"type-mismatch", E, 11, 20, "numeric define 'double_age' used as a condition"}},
      {"enum_domain", "finding hop_pain: one of {none, groin, buttock}\nrule r1: hop_pain is groin_left -> triage urgent\n",
       {"enum-domain", E, 11, 22, "'groin_left' is not a value of 'hop_pain' (one of none, groin, buttock)"}},
      {"enum_domain_in_list", "rule r1: pain_peak in {constant, day_aftr} -> triage urgent\n",
       {"enum-domain", E, 10, 34, "did you mean 'day_after'?"}},
      {"duplicate_across_kinds", "score fever:\n  +1 when night_pain\n",
       {"duplicate", E, 10, 7, "duplicate name 'fever': already declared as a finding at demo.ard:4:9"}},
      {"duplicate_rule", "rule r1: fever -> triage urgent\nredflag r1: night_pain -> triage urgent\n",
       {"duplicate", E, 11, 9, "already declared as a rule at demo.ard:10:6"}},
      {"define_cycle", "define a = b and fever\ndefine b = c\ndefine c = a\nrule r1: a -> triage urgent\n",
       {"define-cycle", E, 10, 8, "define cycle: a -> b -> c -> a"}},
      {"score_in_cycle", "define high = risk >= 2\nscore risk:\n  +1 when high\nrule r1: high -> triage urgent\n",
       {"define-cycle", E, 10, 8, "define cycle: high -> risk -> high"}},
      {"duration_vs_number", "rule r1: symptom_duration >= 6 -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "cannot compare a duration with a plain number"}},
      {"number_vs_duration", "rule r1: age < 3 months -> triage urgent\n",
       {"type-mismatch", E, 10, 10, "cannot compare a plain number with a duration"}},
      {"suggest_not_condition", "rule r1: fever -> suggest night_pain\n",
       {"type-mismatch", E, 10, 27, "'night_pain' is a finding, not a condition"}},
      {"triage_level", "rule r1: fever -> triage emergncy\n",
       {"unknown-name", E, 10, 26, "did you mean 'emergency'?"}},
      {"ask_not_finding", "rule r1: fever -> ask tear\n",
       {"type-mismatch", E, 10, 23, "'tear' is a condition, not a finding"}},
      // The parser already insists on a condition; the checker's own test is on built trees.
      {"redflag_without_when", "redflag r1\n  label \"No condition\"\n  then triage urgent\n",
       {"syntax", E, 12, 3, "condition"}},
      {"at_least_too_many", "rule r1: at least 3 of (fever, night_pain) -> triage urgent\n",
       {"at-least", E, 10, 10, "'at least 3 of' 2 parts can never be true"}},
      {"at_least_zero", "rule r1: at least 0 of (fever, night_pain) -> triage urgent\n",
       {"at-least", E, 10, 10, "'at least 0 of' is always true"}},
      {"test_unknown", "rule r1: fever -> triage urgent\ntest \"t\":\n  given fever = yes, cough = yes\n  expect triage urgent\n",
       {"test-unknown", E, 12, 22, "unknown finding 'cough'"}},
      {"test_wrong_value_type", "rule r1: fever -> triage urgent\ntest \"t\":\n  given fever = 3\n  expect triage urgent\n",
       {"type-mismatch", E, 12, 9, "'fever' is a bool finding: give yes or no"}},
      {"test_redflag_is_plain_rule", "rule r1: fever -> triage urgent\ntest \"t\":\n  given fever = yes\n  expect redflag r1\n",
       {"type-mismatch", E, 13, 18, "'r1' is a plain rule, not a red flag"}},
      {"test_given_out_of_range", "rule r1: fever -> triage urgent\ntest \"t\":\n  given fever = yes, age = 131\n  expect triage urgent\n",
       {"out-of-range", E, 12, 22, "131 is outside the declared range of 'age' (0..130)"}},
      {"test_given_not_whole", "rule r1: fever -> triage urgent\ntest \"t\":\n  given fever = yes, age = 41.5\n  expect triage urgent\n",
       {"not-integer", E, 12, 22, "'age' takes whole numbers only"}},
      {"test_given_duration", "rule r1: symptom_duration > 2 weeks -> triage urgent\ntest \"t\":\n  given symptom_duration = 3 parsecs\n  expect triage urgent\n",
       {"syntax", E, 12, 30, ""}},
      // the screen
      {"screen_unknown_finding", "screen \"Red flags\"\n  ask fever, fevr\n",
       {"unknown-name", E, 11, 14, "unknown finding 'fevr'; did you mean 'fever'?"}},
      {"screen_define", "define hot = fever\nrule r1: hot -> triage urgent\nscreen ask hot\n",
       {"type-mismatch", E, 12, 12, "'hot' is a define, not a finding: a screen lists the findings to ask"}},
      {"screen_condition", "screen ask\n  overload\n",
       {"type-mismatch", E, 11, 3, "'overload' is a condition, not a finding: a screen lists the findings to ask"}},
      {"screen_redflag", "redflag rf: fever -> triage urgent\nscreen ask rf\n",
       {"type-mismatch", E, 11, 12, "'rf' is a red flag, not a finding: a screen lists the findings to ask"}},
      {"screen_finding_twice", "rule r1: fever or night_pain -> triage urgent\nscreen ask fever,\n  night_pain, fever\n",
       {"duplicate", E, 12, 15, "'fever' is asked twice in the screen (first at demo.ard:11:12)"}},
      {"second_screen", "screen ask fever\nrule r1: fever -> triage urgent\nSCREEN \"Again\" ASK fever\n",
       {"duplicate", E, 12, 1, "a second 'screen'; the rule set's screen is already declared at demo.ard:10:1"}},
      {"screen_without_findings", "screen \"Red flags\" ask\n",
       {"syntax", E, 11, 1, "expected a finding name after 'ask'"}},
      // warnings
      {"never_fires_numeric", "rule r1: age > 60 and age < 40 -> suggest overload\n",
       {"never-fires", W, 10, 6, "rule 'r1' can never fire: 'age > 60' contradicts 'age < 40'"}},
      {"never_fires_between", "rule r1:\n  when pain_score between 7 and 10 and pain_score < 5\n  then suggest overload\n",
       {"never-fires", W, 10, 6, "'pain_score between 7 and 10' contradicts 'pain_score < 5'"}},
      {"never_fires_enum", "rule r1: pain_peak is constant and pain_peak is day_after -> suggest overload\n",
       {"never-fires", W, 10, 6, "'pain_peak is constant' contradicts 'pain_peak is day_after'"}},
      {"never_fires_negation", "define hot = fever and night_pain\nrule r1: hot and not fever -> suggest overload\n",
       {"never-fires", W, 11, 6, "'fever' contradicts 'not fever'"}},
      {"never_fires_presence", "rule r1: fever is known and fever is unknown -> suggest overload\n",
       {"never-fires", W, 10, 6, "'fever is known' contradicts 'fever is unknown'"}},
      {"never_fires_redflag", "redflag rf: age >= 50 and age < 18 -> triage urgent\n",
       {"never-fires", W, 10, 9, "red flag 'rf' can never fire"}},
      {"covered", "rule r1: fever -> suggest overload\nrule r2: night_pain and fever -> suggest overload\n",
       {"covered", W, 11, 6, "rule 'r2' adds nothing: rule 'r1' (demo.ard:10:6) has the same actions"}},
      {"repeated", "rule r1: fever and night_pain -> suggest overload\nrule r2: night_pain and fever -> suggest overload\n",
       {"covered", W, 11, 6, "rule 'r2' repeats rule 'r1'"}},
      {"unused_finding", "finding cough: bool\nrule r1: fever -> suggest overload\n",
       {"unused", W, 10, 9, "finding 'cough' is never used"}},
      {"finding_only_in_tests", "finding cough: bool\nrule r1: fever -> suggest overload\ntest \"t\":\n  given cough = yes\n  expect no redflag\n",
       {"unused", W, 10, 9, "finding 'cough' is only used by tests"}},
      {"unused_define", "define hot = fever\nrule r1: fever -> suggest overload\n",
       {"unused", W, 10, 8, "define 'hot' is never used"}},
      {"unused_score", "score risk:\n  +1 when fever\nrule r1: fever -> suggest overload\n",
       {"unused", W, 10, 7, "score 'risk' is never used"}},
      {"unused_condition", "rule r1: fever -> suggest overload\n",
       {"unused", W, 9, 11, "condition 'tear' is never suggested"}},
      {"redflag_no_triage", "redflag rf:\n  when fever\n  then advise \"Call.\"\n",
       {"redflag-triage", W, 10, 9, "red flag 'rf' sets no triage"}},
      {"redflag_self_care", "redflag rf: fever -> triage self_care\n",
       {"redflag-triage", W, 10, 9, "red flag 'rf' sets only 'triage self_care'"}},
      {"out_of_range", "rule r1: pain_score > 10 -> suggest overload\n",
       {"out-of-range", W, 10, 10, "'pain_score > 10' can never be true: 'pain_score' is declared 0..10"}},
      {"screen_question_read_by_no_rule", "screen \"Red flags\" ask fever, night_pain\nrule r1: fever -> suggest overload\n",
       {"unused", W, 10, 31, "screen question 'night_pain' is read by no rule"}},
      {"out_of_range_value", "rule r1: age >= 150 or fever -> suggest overload\n",
       {"out-of-range", W, 10, 10, "'age >= 150' can never be true"}},
  };
  return cases;
}

class ParsedText : public ::testing::TestWithParam<TextCase> {};

TEST_P(ParsedText, ReportsWithPositionAndMessage) {
  const TextCase& c = GetParam();
  CheckOutput out = parse_and_check(std::string(kPrelude) + c.text);
  EXPECT_TRUE(has(out.diagnostics, c.expected));
  if (c.expected.severity == Severity::Warning) {
    EXPECT_TRUE(errors_of(out.diagnostics).empty()) << format(out.diagnostics);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ParsedText, ::testing::ValuesIn(text_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

constexpr const char* kCleanRuleSet = R"(ruleset posterior_hip version "1.0.0"
  title "Posterior hip and buttock pain"
  default triage routine

finding pain_central_buttock: bool
  label "Pain felt centrally in the buttock"
  ask "Is the pain deep in the middle of the buttock?"
finding pain_peak: one of {during_activity, hours_after_activity, day_after_activity, constant}
finding pain_score: number 0..10
finding age: number 0..130 integer unit "years"
finding symptom_duration: duration
finding fever: bool
  code snomed "386661006"
finding saddle_anaesthesia: bool
finding bladder_bowel_change: bool
finding hop_test_pain: bool
finding night_pain: bool

condition deep_rotator_overload
  label "Deep hip rotator overload"
  advice "Stretch only gently and comfortably."
condition gluteal_muscle_tear
condition bone_stress_injury

define overload_pattern = pain_central_buttock and pain_peak is day_after_activity
define age_at_onset = age - symptom_duration / 1 year

score bone_stress_risk label "Bone stress risk":
  +2 when hop_test_pain
  +1 when night_pain
  -1 when pain_score between 0 and 2

rule classic_overload:
  when overload_pattern and age_at_onset < 40 and bone_stress_risk < 2
  then suggest deep_rotator_overload likely, triage self_care

rule tear: pain_score > 7 and symptom_duration < 48 hours -> consider gluteal_muscle_tear

rule stress priority 2:
  when bone_stress_risk >= 2 or at least 2 of (hop_test_pain, night_pain, fever)
  then consider bone_stress_injury, triage urgent, ask age

redflag cauda_equina
  label "Possible cauda equina syndrome"
  when saddle_anaesthesia or bladder_bowel_change
  then triage emergency, advise "Same-day emergency assessment."

test "textbook overload":
  given pain_central_buttock = yes, pain_peak = day_after_activity, age = 30, symptom_duration = 3 weeks
  expect suggest deep_rotator_overload, triage self_care, no redflag

test "saddle numbness beats everything":
  given saddle_anaesthesia = yes, bladder_bowel_change = unknown, fever = no
  expect redflag cauda_equina, no other redflag, triage emergency, not gluteal_muscle_tear
)";

TEST(ParsedText, CleanRuleSetHasNoDiagnostics) {
  CheckOutput out = parse_and_check(kCleanRuleSet);
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  EXPECT_EQ(out.model.findings.size(), 10u);
  EXPECT_EQ(out.model.rules.size(), 4u);
  EXPECT_EQ(out.model.tests.size(), 2u);
  EXPECT_EQ(out.model.title, "Posterior hip and buttock pain");
  EXPECT_EQ(out.model.findings[0].question, "Is the pain deep in the middle of the buttock?");
  EXPECT_EQ(out.model.findings[3].unit, "years");
  ASSERT_EQ(out.model.findings[5].codes.size(), 1u);
  EXPECT_EQ(out.model.findings[5].codes[0].value, "386661006");
  EXPECT_EQ(out.model.conditions[0].advice, std::vector<std::string>{"Stretch only gently and comfortably."});
  EXPECT_EQ(out.model.rules[2].priority, 2);
  EXPECT_EQ(out.model.rules[3].label, "Possible cauda equina syndrome");
  EXPECT_DOUBLE_EQ(out.model.tests[0].given[3].number, 21);
}

TEST(ParsedText, RuleSetSplitOverFiles) {
  const std::string text = kCleanRuleSet;
  const std::size_t cut = text.find("rule classic_overload");
  CheckOutput out = parse_and_check({{"a.ard", text.substr(0, cut)}, {"b.ard", text.substr(cut)}});
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  EXPECT_EQ(out.model.rules[0].span.file, 1u);
}

TEST(ParsedText, HeaderInTwoFiles) {
  CheckOutput out = parse_and_check({{"a.ard", "ruleset one version \"1.0.0\"\n"},
                                     {"b.ard", "# the other half\nruleset two version \"1.0.0\"\n"}});
  ASSERT_EQ(out.diagnostics.size(), 1u) << format(out.diagnostics);
  EXPECT_EQ(out.diagnostics[0].file, "b.ard");
  EXPECT_TRUE(has(out.diagnostics, {"header", E, 2, 1, "already declared at a.ard:1:1"}));
}

TEST(ParsedText, NoHeaderInAnyFile) {
  CheckOutput out = parse_and_check({{"a.ard", "finding fever: bool\nrule r: fever -> triage urgent\n"}});
  EXPECT_TRUE(has(out.diagnostics, {"header", E, 1, 1, "no 'ruleset' header"}));
}

TEST(ParsedText, SecondScreenInAnotherFileNamesTheFirst) {
  const std::string text = kCleanRuleSet;
  CheckOutput out = parse_and_check(
      {{"a.ard", text + "screen \"Red flags\" ask saddle_anaesthesia, bladder_bowel_change\n"},
       {"b.ard", "# the other screen\nscreen ask fever\n"}});
  ASSERT_EQ(errors_of(out.diagnostics).size(), 1u) << format(out.diagnostics);
  EXPECT_EQ(out.diagnostics[0].file, "b.ard");
  EXPECT_TRUE(has(out.diagnostics, {"duplicate", E, 2, 1,
                                    "a second 'screen'; the rule set's screen is already declared at a.ard:55:1"}));
}

TEST(ParsedText, ScreenInTheModel) {
  const std::string text = kCleanRuleSet;
  CheckOutput out = parse_and_check(
      {{"a.ard", text}, {"b.ard", "screen ask bladder_bowel_change,\n  saddle_anaesthesia, fever\n"}});
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  ASSERT_TRUE(out.model.screen);
  EXPECT_EQ(out.model.screen->title, "Screen");  // none given
  EXPECT_EQ(out.model.screen->findings, (std::vector<std::uint32_t>{7, 6, 5}));  // slots, in the screen's order
  EXPECT_EQ(out.model.screen->span.file, 1u);
  EXPECT_EQ(out.model.screen->span.line, 1u);
  EXPECT_EQ(out.model.screen->span.col, 1u);
  CheckOutput without = parse_and_check(kCleanRuleSet);
  EXPECT_FALSE(without.model.screen);
}

TEST(ParsedText, SyntaxErrorInOneFileSilencesUnusedWarnings) {
  const std::string text = kCleanRuleSet;
  const std::size_t cut = text.find("rule classic_overload");
  CheckOutput out = parse_and_check({{"a.ard", text.substr(0, cut)}, {"b.ard", "rule broken when ->\n"}});
  EXPECT_GE(count_code(out.diagnostics, "syntax"), 1u);
  EXPECT_EQ(count_code(out.diagnostics, "unused"), 0u) << format(out.diagnostics);
}

}  // namespace
}  // namespace ardent::check::fixture
