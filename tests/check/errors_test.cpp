// One case per checker error, on trees built by hand (no parser): the code, the position
// and the message of the diagnostic.
#include <functional>

#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::check::fixture {
namespace {

using B = FileBuilder;
using K = syntax::ExpectItem::Kind;

struct ErrorCase {
  const char* name;
  std::string text;  // follows the prelude, from line 10
  std::function<void(B&)> build;
  Expected expected;
};

std::string big_enum_text() {
  std::string t = "finding big: one of {";
  for (int i = 0; i < 65; ++i) t += (i ? ", v" : "v") + std::to_string(i);
  return t + "}\n";
}

const std::vector<ErrorCase>& error_cases() {
  static const std::vector<ErrorCase> cases = {
      {"unknown_bool_name", "rule r1: fevr -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref("fevr"), {b.triage("urgent")}); },
       {"unknown-name", Severity::Error, 10, 10, "unknown finding or define 'fevr'; did you mean 'fever'?"}},
      {"unknown_enum_finding", "finding pain_site: one of {groin, buttock}\nrule r1: pain_sight is groin -> triage urgent\n",
       [](B& b) {
         b.enumeration("pain_site", {"groin", "buttock"});
         b.rule("r1", b.is("pain_sight", "groin@2"), {b.triage("urgent")});
       },
       {"unknown-name", Severity::Error, 11, 10, "unknown finding 'pain_sight'; did you mean 'pain_site'?"}},
      {"huge_unknown_name", "rule r1: " + std::string(300, 'x') + " -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref(std::string(300, 'x')), {b.triage("urgent")}); },
       {"unknown-name", Severity::Error, 10, 10, "unknown finding or define '" + std::string(80, 'x') + "...'"}},
      {"unknown_numeric_name", "rule r1: pain_scor > 3 -> triage urgent\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_scor"), ">", b.num("3")), {b.triage("urgent")}); },
       {"unknown-name", Severity::Error, 10, 10, "unknown finding, define or score 'pain_scor'; did you mean 'pain_score'?"}},
      {"enum_value_used_as_name", "rule r1: day_after -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref("day_after"), {b.triage("urgent")}); },
       {"unknown-name", Severity::Error, 10, 10, "'day_after' is a value of 'pain_peak': write 'pain_peak is day_after'"}},
      {"number_tested_as_enum", "rule r1: age is constant -> triage urgent\n",
       [](B& b) { b.rule("r1", b.is("age", "constant"), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "'age' is a number finding, not an enum"}},
      {"bool_in_arithmetic", "define d = fever + 1\nrule r1: d > 2 -> triage urgent\n",
       [](B& b) {
         b.define("d", b.arith(b.ref("fever"), '+', b.num("1")));
         b.rule("r1", b.cmp(b.ref("d@2"), ">", b.num("2")), {b.triage("urgent")});
       },
       {"type-mismatch", Severity::Error, 10, 12, "'fever' is a bool finding and cannot be used in arithmetic"}},
      {"enum_compared_with_less", "rule r1: pain_peak < 3 -> triage urgent\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_peak"), "<", b.num("3")), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "'pain_peak' is an enum finding and cannot be compared with '<'"}},
      {"enum_compared_with_equals", "rule r1: pain_peak = constant -> triage urgent\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("pain_peak"), "=", b.ref("constant")), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "write 'pain_peak is constant'"}},
      {"numeric_define_as_condition", "define d = age * 2\nrule r1: d -> triage urgent\n",
       [](B& b) {
         b.define("d", b.arith(b.ref("age"), '*', b.num("2")));
         b.rule("r1", b.ref("d@2"), {b.triage("urgent")});
       },
       {"type-mismatch", Severity::Error, 11, 10, "numeric define 'd' used as a condition"}},
      {"number_finding_as_condition", "rule r1: age -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref("age"), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "'age' is a number finding, not a condition"}},
      {"enum_finding_as_condition", "rule r1: pain_peak -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref("pain_peak"), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "test it with 'is' or 'in'"}},
      {"condition_in_expression", "rule r1: overload -> triage urgent\n",
       [](B& b) { b.rule("r1", b.ref("overload"), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "'overload' is a condition"}},
      {"enum_value_outside_domain", "rule r1: pain_peak is day_afterr -> triage urgent\n",
       [](B& b) { b.rule("r1", b.is("pain_peak", "day_afterr"), {b.triage("urgent")}); },
       {"enum-domain", Severity::Error, 10, 23,
        "'day_afterr' is not a value of 'pain_peak' (one of during_activity, hours_after, day_after, constant); did "
        "you mean 'day_after'?"}},
      {"enum_domain_too_large", big_enum_text() + "rule r1: big is v1 -> triage urgent\n",
       [](B& b) {
         std::vector<std::string> values;
         auto& f = b.boolean("big");
         f.type = FindingType::enumeration;
         for (int i = 0; i < 65; ++i) f.values.push_back(b.name("v" + std::to_string(i)));
         b.rule("r1", b.is("big@2", "v1@2"), {b.triage("urgent")});
       },
       {"enum-domain", Severity::Error, 10, 9, "has 65 values; an enum may have at most 64"}},
      {"duplicate_value_in_domain", "finding side: one of {left, right, left}\nrule r1: side is left -> triage urgent\n",
       [](B& b) {
         b.enumeration("side", {"left", "right", "left@2"});
         b.rule("r1", b.is("side@2", "left@3"), {b.triage("urgent")});
       },
       {"duplicate", Severity::Error, 10, 36, "value 'left' appears twice in the domain of 'side'"}},
      {"duplicate_name", "define fever = night_pain\nrule r1: fever -> triage urgent\n",
       [](B& b) {
         b.define("fever", b.ref("night_pain"));
         b.rule("r1", b.ref("fever@2"), {b.triage("urgent")});
       },
       {"duplicate", Severity::Error, 10, 8, "duplicate name 'fever': already declared as a finding at demo.ard:4:9"}},
      {"define_cycle", "define a = b and fever\ndefine b = a\nrule r1: a -> triage urgent\n",
       [](B& b) {
         b.define("a", b.and_({b.ref("b"), b.ref("fever")}));
         b.define("b@2", b.ref("a@2"));
         b.rule("r1", b.ref("a@3"), {b.triage("urgent")});
       },
       {"define-cycle", Severity::Error, 10, 8, "define cycle: a -> b -> a"}},
      {"define_self_cycle", "define a = a or fever\nrule r1: a -> triage urgent\n",
       [](B& b) {
         b.define("a", b.or_({b.ref("a@2"), b.ref("fever")}));
         b.rule("r1", b.ref("a@3"), {b.triage("urgent")});
       },
       {"define-cycle", Severity::Error, 10, 8, "define cycle: a -> a"}},
      {"duration_compared_with_number", "rule r1: symptom_duration > 6 -> triage urgent\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("symptom_duration"), ">", b.num("6")), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "cannot compare a duration with a plain number: give the number a unit, e.g. '6 weeks'"}},
      {"number_compared_with_duration", "rule r1: age > 6 weeks -> triage urgent\n",
       [](B& b) { b.rule("r1", b.cmp(b.ref("age"), ">", b.dur("6 weeks")), {b.triage("urgent")}); },
       {"type-mismatch", Severity::Error, 10, 10, "cannot compare a plain number with a duration"}},
      {"duration_plus_number", "define later = symptom_duration + 3\nrule r1: later > 2 weeks -> triage urgent\n",
       [](B& b) {
         b.define("later", b.arith(b.ref("symptom_duration"), '+', b.num("3")));
         b.rule("r1", b.cmp(b.ref("later@2"), ">", b.dur("2 weeks")), {b.triage("urgent")});
       },
       {"type-mismatch", Severity::Error, 10, 16, "cannot add a duration and a plain number"}},
      {"between_mixed_units", "rule r1: symptom_duration between 2 and 6 weeks -> triage urgent\n",
       [](B& b) {
         b.rule("r1", b.between(b.ref("symptom_duration"), b.num("2"), b.dur("6 weeks")), {b.triage("urgent")});
       },
       {"type-mismatch", Severity::Error, 10, 10, "needs durations as bounds"}},
      {"suggest_a_finding", "rule r1: fever -> suggest night_pain\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.suggest("night_pain")}); },
       {"type-mismatch", Severity::Error, 10, 27, "'night_pain' is a finding, not a condition"}},
      {"suggest_unknown_condition", "rule r1: fever -> suggest overlaod\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.suggest("overlaod")}); },
       {"unknown-name", Severity::Error, 10, 27, "unknown condition 'overlaod'; did you mean 'overload'?"}},
      {"suggest_unknown_strength", "rule r1: fever -> suggest overload likly\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.suggest("overload", "likly")}); },
       {"unknown-name", Severity::Error, 10, 36, "unknown strength 'likly'"}},
      {"unknown_triage_level", "rule r1: fever -> triage urgnet\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.triage("urgnet")}); },
       {"unknown-name", Severity::Error, 10, 26, "unknown triage level 'urgnet' (one of self_care, routine, urgent, emergency); did you mean 'urgent'?"}},
      {"ask_a_condition", "rule r1: fever -> ask overload\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.ask("overload")}); },
       {"type-mismatch", Severity::Error, 10, 23, "'overload' is a condition, not a finding"}},
      {"ask_unknown_finding", "rule r1: fever -> ask nigth_pain\n",
       [](B& b) { b.rule("r1", b.ref("fever"), {b.ask("nigth_pain")}); },
       {"unknown-name", Severity::Error, 10, 23, "unknown finding 'nigth_pain'; did you mean 'night_pain'?"}},
      {"redflag_without_when", "redflag r1\n  then triage urgent\n",
       [](B& b) { b.redflag("r1", b.none(), {b.triage("urgent")}); },
       {"missing-when", Severity::Error, 10, 9, "red flag 'r1' has no 'when' condition"}},
      {"at_least_more_than_parts", "rule r1: at least 3 of (fever, night_pain) -> triage urgent\n",
       [](B& b) { b.rule("r1", b.at_least(3, {b.ref("fever"), b.ref("night_pain")}), {b.triage("urgent")}); },
       {"at-least", Severity::Error, 10, 10, "'at least 3 of' 2 parts can never be true"}},
      {"at_least_zero", "rule r1: at least 0 of (fever, night_pain) -> triage urgent\n",
       [](B& b) { b.rule("r1", b.at_least(0, {b.ref("fever"), b.ref("night_pain")}), {b.triage("urgent")}); },
       {"at-least", Severity::Error, 10, 10, "'at least 0 of' is always true"}},
      {"known_on_a_define", "define d = fever\nrule r1: d is known -> triage urgent\n",
       [](B& b) {
         b.define("d", b.ref("fever"));
         b.rule("r1", b.known("d@2"), {b.triage("urgent")});
       },
       {"type-mismatch", Severity::Error, 11, 10, "'d' is a define, not a finding"}},
      {"empty_number_range", "finding weight: number 10..0\nrule r1: weight > 3 -> triage urgent\n",
       [](B& b) {
         b.number("weight", 10, 0);
         b.rule("r1", b.cmp(b.ref("weight@2"), ">", b.num("3")), {b.triage("urgent")});
       },
       {"range", Severity::Error, 10, 9, "empty range 10..0 for 'weight'"}},
      {"test_unknown_finding", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fevr = yes\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fevr")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"test-unknown", Severity::Error, 12, 9, "unknown finding 'fevr'; did you mean 'fever'?"}},
      {"test_unknown_condition", "rule r1: fever -> suggest overload\ntest \"t1\":\n  given fever = yes\n  expect suggest overlod\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.suggest("overload")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Suggest, "overlod")});
       },
       {"test-unknown", Severity::Error, 13, 18, "unknown condition 'overlod'; did you mean 'overload'?"}},
      {"test_unknown_redflag", "redflag hot: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect redflag hott\n",
       [](B& b) {
         b.redflag("hot", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Redflag, "hott")});
       },
       {"test-unknown", Severity::Error, 13, 18, "unknown red flag 'hott'; did you mean 'hot'?"}},
      {"test_unknown_triage", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect triage urgen\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Triage, "urgen")});
       },
       {"test-unknown", Severity::Error, 13, 17, "unknown triage level 'urgen'"}},
      {"test_expects_plain_rule_as_redflag", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect redflag r1\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Redflag, "r1@2")});
       },
       {"type-mismatch", Severity::Error, 13, 18, "'r1' is a plain rule, not a red flag"}},
      {"test_given_wrong_type", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given age = yes\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("age")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"type-mismatch", Severity::Error, 12, 9, "'age' is a number finding: give a number in 0..130"}},
      {"test_given_number_for_duration", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given symptom_duration = 3\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.given_number("symptom_duration", "3")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"type-mismatch", Severity::Error, 12, 9, "'symptom_duration' is a duration finding: give a duration such as '3 weeks'"}},
      {"test_given_enum_outside_domain", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given pain_peak = constnt\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.given_enum("pain_peak", "constnt")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"enum-domain", Severity::Error, 12, 21, "'constnt' is not a value of 'pain_peak'"}},
      {"test_given_outside_range", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given pain_score = 11\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.given_number("pain_score", "11")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"out-of-range", Severity::Error, 12, 9, "11 is outside the declared range of 'pain_score' (0..10)"}},
      {"test_given_fraction_for_integer", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given age = 30.5\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.given_number("age", "30.5")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"not-integer", Severity::Error, 12, 9, "'age' takes whole numbers only, not 30.5"}},
      {"test_given_twice", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes, fever = no\n  expect triage urgent\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2"), b.no("fever@3")}, {b.expect(K::Triage, "urgent@2")});
       },
       {"duplicate", Severity::Error, 12, 22, "'fever' is given twice in this test (first at demo.ard:12:9)"}},
      {"test_conflicting_triage", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect triage urgent, triage routine\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Triage, "urgent@2"), b.expect(K::Triage, "routine")});
       },
       {"test-conflict", Severity::Error, 13, 32, "this test already expects triage urgent"}},
      {"test_ask_and_no_ask", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect ask age, no ask age\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Ask, "age"), b.expect(K::NoAsk, "age@2")});
       },
       {"test-conflict", Severity::Error, 13, 26, "'no ask age' contradicts 'ask age' at demo.ard:13:14"}},
      // A `not` is checked against what the same test concludes, also before it.
      {"test_suggest_and_not", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect suggest overload, not overload\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Suggest, "overload"), b.expect(K::NotConcluded, "overload@2")});
       },
       {"test-conflict", Severity::Error, 13, 32,
        "'not overload' contradicts the expectation at demo.ard:13:18 that concludes 'overload'"}},
      {"test_duplicate_name", "rule r1: fever -> triage urgent\ntest \"t1\":\n  given fever = yes\n  expect triage urgent\ntest \"t1\":\n  given fever = no\n  expect triage routine\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.test("t1", {b.yes("fever@2")}, {b.expect(K::Triage, "urgent@2")});
         auto& second = b.test("t1", {b.no("fever@3")}, {b.expect(K::Triage, "routine")});
         second.name.span = b.at("\"t1\"@2");
       },
       {"duplicate", Severity::Error, 14, 6, "duplicate test name \"t1\": already used at demo.ard:11:6"}},
      // The screen (docs/language.md §16)
      {"screen_unknown_finding", "screen ask fever, fevr\n",
       [](B& b) { b.screen({"fever", "fevr"}); },
       {"unknown-name", Severity::Error, 10, 19, "unknown finding 'fevr'; did you mean 'fever'?"}},
      {"screen_define", "define hot = fever\nrule r1: hot -> triage urgent\nscreen ask hot\n",
       [](B& b) {
         b.define("hot", b.ref("fever"));
         b.rule("r1", b.ref("hot@2"), {b.triage("urgent")});
         b.screen({"hot@3"});
       },
       {"type-mismatch", Severity::Error, 12, 12,
        "'hot' is a define, not a finding: a screen lists the findings to ask"}},
      {"screen_condition", "screen ask overload\n",
       [](B& b) { b.screen({"overload"}); },
       {"type-mismatch", Severity::Error, 10, 12,
        "'overload' is a condition, not a finding: a screen lists the findings to ask"}},
      {"screen_score", "score risk:\n  +1 when fever\nrule r1: risk > 0 -> triage urgent\nscreen ask risk\n",
       [](B& b) {
         b.score("risk", {{1, b.ref("fever")}});
         b.rule("r1", b.cmp(b.ref("risk@2"), ">", b.num("0")), {b.triage("urgent")});
         b.screen({"risk@3"});
       },
       {"type-mismatch", Severity::Error, 13, 12,
        "'risk' is a score, not a finding: a screen lists the findings to ask"}},
      {"screen_rule", "rule r1: fever -> triage urgent\nscreen ask r1\n",
       [](B& b) {
         b.rule("r1", b.ref("fever"), {b.triage("urgent")});
         b.screen({"r1@2"});
       },
       {"type-mismatch", Severity::Error, 11, 12, "'r1' is a rule, not a finding: a screen lists the findings to ask"}},
      {"screen_redflag", "redflag rf: fever -> triage urgent\nscreen ask rf\n",
       [](B& b) {
         b.redflag("rf", b.ref("fever"), {b.triage("urgent")});
         b.screen({"rf@2"});
       },
       {"type-mismatch", Severity::Error, 11, 12,
        "'rf' is a red flag, not a finding: a screen lists the findings to ask"}},
      {"screen_enum_value", "screen ask day_after\n",
       [](B& b) { b.screen({"day_after"}); },
       {"unknown-name", Severity::Error, 10, 12,
        "'day_after' is a value of 'pain_peak', not a finding: list 'pain_peak' to ask it"}},
      {"screen_finding_twice", "screen ask fever, night_pain, fever\n",
       [](B& b) { b.screen({"fever", "night_pain", "fever@2"}); },
       {"duplicate", Severity::Error, 10, 31, "'fever' is asked twice in the screen (first at demo.ard:10:12)"}},
      {"second_screen", "screen ask fever\nscreen \"Again\" ask night_pain\n",
       [](B& b) {
         b.screen({"fever"});
         b.screen({"night_pain"}, "Again", "screen@2");
       },
       {"duplicate", Severity::Error, 11, 1,
        "a second 'screen'; the rule set's screen is already declared at demo.ard:10:1"}},
  };
  return cases;
}

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class CheckerError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CheckerError, IsReportedWithPositionAndMessage) {
  const ErrorCase& c = GetParam();
  B b("demo.ard", std::string(kPrelude) + c.text);
  declare_prelude(b);
  c.build(b);
  CheckOutput out = run(b);
  EXPECT_FALSE(out.ok());
  EXPECT_TRUE(has(out.diagnostics, c.expected));
}

INSTANTIATE_TEST_SUITE_P(Table, CheckerError, ::testing::ValuesIn(error_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ardent::check::fixture
