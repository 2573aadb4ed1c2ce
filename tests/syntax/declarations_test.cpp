// Every declaration of docs/language.md (§4-§10, §14, §16) parses into the expected tree: names,
// types, numbers, units, attributes, actions, test items and spans.
#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::syntax {
namespace {

using test_support::dump;
using test_support::first_error;
using test_support::parse_text;
using test_support::spanned;
using test_support::where;

Module parse_ok(const std::string& text) {
  ParseOutput out = parse_text(text);
  EXPECT_TRUE(out.errors.empty()) << first_error(out);
  return out.module;
}

TEST(Header, NameVersionTitleDefaultTriage) {
  const std::string text =
      "ruleset posterior_hip version \"1.0.0\"\n"
      "  title \"Posterior hip and buttock pain\"\n"
      "  default triage routine   # when no rule sets one\n";
  Module m = parse_ok(text);
  ASSERT_TRUE(m.header);
  EXPECT_EQ(m.header->name.text, "posterior_hip");
  EXPECT_EQ(where(m.header->name.span), "1:9+13");
  EXPECT_EQ(m.header->version.value, "1.0.0");
  EXPECT_EQ(spanned(text, m.header->version.span), "\"1.0.0\"");
  ASSERT_TRUE(m.header->title);
  EXPECT_EQ(m.header->title->value, "Posterior hip and buttock pain");
  ASSERT_TRUE(m.header->default_triage);
  EXPECT_EQ(m.header->default_triage->text, "routine");
  EXPECT_EQ(where(m.header->default_triage->span), "3:18+7");
  EXPECT_EQ(where(m.header->span), "1:1+103");  // ends before the comment
}

TEST(Header, OptionalPartsInAnyOrder) {
  Module a = parse_ok("ruleset r version \"2\"");
  ASSERT_TRUE(a.header);
  EXPECT_FALSE(a.header->title);
  EXPECT_FALSE(a.header->default_triage);
  Module b = parse_ok("RULESET r VERSION \"2\" DEFAULT TRIAGE urgent TITLE \"t\"");
  ASSERT_TRUE(b.header && b.header->title && b.header->default_triage);
  EXPECT_EQ(b.header->default_triage->text, "urgent");
}

TEST(Finding, BoolWithAttributes) {
  const std::string text =
      "finding pain_central_buttock: bool\n"
      "  label \"Pain felt centrally in the buttock\"\n"
      "  ask \"Is the pain deep in the middle of the buttock?\"\n"
      "  group \"Pain\"\n"
      "  code snomed \"1\"\n"
      "  code icd10 \"M79.6\"\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.findings.size(), 1u);
  const FindingDecl& f = m.findings[0];
  EXPECT_EQ(f.name.text, "pain_central_buttock");
  EXPECT_EQ(where(f.name.span), "1:9+20");
  EXPECT_EQ(f.type, FindingType::boolean);
  ASSERT_TRUE(f.attrs.label && f.attrs.ask && f.attrs.group);
  EXPECT_EQ(f.attrs.label->value, "Pain felt centrally in the buttock");
  EXPECT_EQ(f.attrs.ask->value, "Is the pain deep in the middle of the buttock?");
  EXPECT_EQ(f.attrs.group->value, "Pain");
  ASSERT_EQ(f.attrs.codes.size(), 2u);
  EXPECT_EQ(f.attrs.codes[0].system, "snomed");
  EXPECT_EQ(f.attrs.codes[0].value, "1");
  EXPECT_EQ(spanned(text, f.attrs.codes[0].span), "code snomed \"1\"");
  EXPECT_EQ(f.attrs.codes[1].system, "icd10");
  EXPECT_EQ(f.attrs.codes[1].value, "M79.6");
  EXPECT_EQ(spanned(text, f.span), text.substr(0, text.size() - 1));  // whole declaration
}

TEST(Finding, CodeWithAQuotedSystemUri) {
  const std::string text = "finding f: bool\n  code \"http://example.org/codes\" \"A1\"\n  code loinc \"8310-5\"\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.findings.size(), 1u);
  const auto& codes = m.findings[0].attrs.codes;
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0].system, "http://example.org/codes");
  EXPECT_TRUE(codes[0].quoted_system);
  EXPECT_EQ(codes[0].value, "A1");
  EXPECT_EQ(spanned(text, codes[0].span), "code \"http://example.org/codes\" \"A1\"");
  EXPECT_EQ(spanned(text, codes[0].system_span), "\"http://example.org/codes\"");
  EXPECT_EQ(spanned(text, codes[0].value_span), "\"A1\"");
  EXPECT_EQ(codes[1].system, "loinc");
  EXPECT_FALSE(codes[1].quoted_system);
  EXPECT_EQ(spanned(text, codes[1].system_span), "loinc");
}

TEST(Finding, AttributesInAnyOrder) {
  Module m = parse_ok("finding f: bool code snomed \"9\" ask \"q\" label \"l\"");
  ASSERT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.findings[0].attrs.label->value, "l");
  EXPECT_EQ(m.findings[0].attrs.ask->value, "q");
  EXPECT_EQ(m.findings[0].attrs.codes.size(), 1u);
}

TEST(Finding, EnumValues) {
  const std::string text =
      "finding pain_peak: one of {during_activity, hours_after_activity, day_after_activity, "
      "constant}";
  Module m = parse_ok(text);
  const FindingDecl& f = m.findings.at(0);
  EXPECT_EQ(f.type, FindingType::enumeration);
  ASSERT_EQ(f.values.size(), 4u);
  EXPECT_EQ(f.values[0].text, "during_activity");
  EXPECT_EQ(f.values[3].text, "constant");
  EXPECT_EQ(spanned(text, f.values[2].span), "day_after_activity");
  Module upper = parse_ok("finding side: ONE OF {left, right, none, other}");
  EXPECT_EQ(upper.findings.at(0).values.size(), 4u);
}

struct NumberCase {
  const char* source;
  std::optional<double> min, max;
  bool integer;
  const char* unit;  // nullptr: none
};

class NumberFinding : public ::testing::TestWithParam<NumberCase> {};

TEST_P(NumberFinding, RangeIntegerUnit) {
  const NumberCase& c = GetParam();
  Module m = parse_ok(c.source);
  ASSERT_EQ(m.findings.size(), 1u) << c.source;
  const FindingDecl& f = m.findings[0];
  EXPECT_EQ(f.type, FindingType::number);
  EXPECT_EQ(f.min, c.min);
  EXPECT_EQ(f.max, c.max);
  EXPECT_EQ(f.integer, c.integer);
  if (c.unit == nullptr) {
    EXPECT_FALSE(f.unit);
  } else {
    ASSERT_TRUE(f.unit);
    EXPECT_EQ(f.unit->value, c.unit);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Forms, NumberFinding,
    ::testing::Values(
        NumberCase{"finding pain_score: number 0..10", 0, 10, false, nullptr},
        NumberCase{"finding age: number 0..130 unit \"years\"", 0, 130, false, "years"},
        NumberCase{"finding n: number 0..120 integer", 0, 120, true, nullptr},
        NumberCase{"finding n: number 0 .. 120 integer unit \"beats/min\"", 0, 120, true,
                   "beats/min"},
        NumberCase{"finding t: number 35.0..42.5 unit \"°C\"", 35.0, 42.5, false, "°C"},
        NumberCase{"finding t: number -20..-5", -20, -5, false, nullptr},
        NumberCase{"finding t: NUMBER 1..2 INTEGER UNIT \"x\"", 1, 2, true, "x"},
        NumberCase{"finding t: number", std::nullopt, std::nullopt, false, nullptr}));

TEST(Finding, Duration) {
  Module m = parse_ok("finding symptom_duration: duration\n  label \"How long\"");
  EXPECT_EQ(m.findings.at(0).type, FindingType::duration);
  EXPECT_EQ(m.findings.at(0).attrs.label->value, "How long");
}

TEST(Condition, LabelCodesAdvice) {
  const std::string text =
      "condition deep_rotator_overload\n"
      "  label \"Deep hip rotator overload\"\n"
      "  code snomed \"123\"\n"
      "  advice \"Stretch only gently and comfortably.\"\n"
      "  advice \"Reduce hill running.\"\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.conditions.size(), 1u);
  const ConditionDecl& c = m.conditions[0];
  EXPECT_EQ(c.name.text, "deep_rotator_overload");
  EXPECT_EQ(c.attrs.label->value, "Deep hip rotator overload");
  ASSERT_EQ(c.attrs.advice.size(), 2u);
  EXPECT_EQ(c.attrs.advice[1].value, "Reduce hill running.");
  EXPECT_EQ(where(c.attrs.advice[1].span), "5:10+22");
  EXPECT_EQ(c.attrs.codes.size(), 1u);
  EXPECT_EQ(where(c.span), "1:1+167");
}

TEST(Condition, Bare) {
  Module m = parse_ok("condition a\ncondition b");
  ASSERT_EQ(m.conditions.size(), 2u);
  EXPECT_EQ(m.conditions[1].name.text, "b");
  EXPECT_EQ(where(m.conditions[1].span), "2:1+11");
}

TEST(Define, BooleanNumericAndLabel) {
  Module m = parse_ok(
      "define overload_pattern = pain_central_buttock and pain_peak is day_after_activity\n"
      "  label \"Overload pattern\"\n"
      "define age_at_onset = age - duration_weeks / 52.18\n");
  ASSERT_EQ(m.defines.size(), 2u);
  EXPECT_EQ(m.defines[0].name.text, "overload_pattern");
  EXPECT_EQ(dump(m.defines[0].expr),
            "(and pain_central_buttock (is pain_peak day_after_activity))");
  EXPECT_EQ(m.defines[0].attrs.label->value, "Overload pattern");
  EXPECT_EQ(dump(m.defines[1].expr), "(- age (/ duration_weeks 52.18))");
  EXPECT_FALSE(m.defines[1].attrs.label);
}

TEST(Score, TermsWithSignedPoints) {
  const std::string text =
      "score bone_stress_risk label \"Bone stress risk\":\n"
      "  +2 when hop_test_pain\n"
      "  +1 when night_pain_non_mechanical\n"
      "  -1 when recent_training_increase\n"
      "  +0.5 when age >= 50\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.scores.size(), 1u);
  const ScoreDecl& s = m.scores[0];
  EXPECT_EQ(s.name.text, "bone_stress_risk");
  EXPECT_EQ(s.attrs.label->value, "Bone stress risk");
  ASSERT_EQ(s.terms.size(), 4u);
  EXPECT_EQ(s.terms[0].points, 2);
  EXPECT_EQ(dump(s.terms[0].when), "hop_test_pain");
  EXPECT_EQ(spanned(text, s.terms[0].span), "+2 when hop_test_pain");
  EXPECT_EQ(s.terms[2].points, -1);
  EXPECT_EQ(dump(s.terms[2].when), "recent_training_increase");
  EXPECT_EQ(s.terms[3].points, 0.5);
  EXPECT_EQ(dump(s.terms[3].when), "(>= age 50)");
}

// `+1 when ...` after a term's expression starts a new term: it is never `expr + 1`.
TEST(Score, SignedTermsAreNotArithmetic) {
  Module m = parse_ok(
      "score s:\n"
      "  +2 when hop_test_pain\n"
      "  +1 when hop_pain is buttock\n"
      "  -1 when age > 50\n"
      "  +1 when weight - 1 > 80\n"
      "  -2 when x between 1 and 5\n"
      "  +1 when d > 6 weeks\n"
      "  +1 when done\n");
  ASSERT_EQ(m.scores.size(), 1u);
  const auto& t = m.scores[0].terms;
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(dump(t[0].when), "hop_test_pain");
  EXPECT_EQ(dump(t[1].when), "(is hop_pain buttock)");
  EXPECT_EQ(dump(t[2].when), "(> age 50)");
  EXPECT_EQ(t[3].points, 1);
  EXPECT_EQ(dump(t[3].when), "(> (- weight 1) 80)");
  EXPECT_EQ(t[4].points, -2);
  EXPECT_EQ(dump(t[4].when), "(between x 1 5)");
  EXPECT_EQ(dump(t[5].when), "(> d 6weeks)");
  EXPECT_EQ(dump(t[6].when), "done");
}

TEST(Score, NoLabelSingleTerm) {
  Module m = parse_ok("score s: +3 when a");
  ASSERT_EQ(m.scores.at(0).terms.size(), 1u);
  EXPECT_FALSE(m.scores[0].attrs.label);
}

// `screen ["TITLE"] ask NAME, NAME, ...` (§16): the title is optional, the list may run over
// lines, keywords take any case, and the names are kept as written, in order.
struct ScreenCase {
  const char* source;
  const char* title;     // nullptr: none given
  const char* findings;  // the names, separated by spaces
  std::size_t rules = 0;  // declarations after the screen, to show where the list ends
};

void PrintTo(const ScreenCase& c, std::ostream* os) { *os << c.source; }

class ScreenDeclaration : public ::testing::TestWithParam<ScreenCase> {};

TEST_P(ScreenDeclaration, TitleAndFindingsInOrder) {
  const ScreenCase& c = GetParam();
  Module m = parse_ok(c.source);
  ASSERT_EQ(m.screens.size(), 1u) << c.source;
  const ScreenDecl& s = m.screens[0];
  if (c.title == nullptr) {
    EXPECT_FALSE(s.title);
  } else {
    ASSERT_TRUE(s.title);
    EXPECT_EQ(s.title->value, c.title);
  }
  std::string names;
  for (const Name& n : s.findings) names += (names.empty() ? "" : " ") + n.text;
  EXPECT_EQ(names, c.findings);
  EXPECT_EQ(m.rules.size(), c.rules);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ScreenDeclaration,
    ::testing::Values(
        ScreenCase{"screen \"Red-flag screen\"\n"
                   "  ask saddle_anaesthesia, bladder_bowel_change, unable_to_weight_bear, fever",
                   "Red-flag screen", "saddle_anaesthesia bladder_bowel_change unable_to_weight_bear fever"},
        ScreenCase{"screen ask fever", nullptr, "fever"},
        ScreenCase{"screen\n  ask fever, limp", nullptr, "fever limp"},
        ScreenCase{"screen \"S\"\n  ask a,\n      b,   # the second\n\n      c\n", "S", "a b c"},
        ScreenCase{"screen \"S\" ask a\n  , b\n  , c", "S", "a b c"},
        ScreenCase{"SCREEN \"S\" ASK a, b", "S", "a b"},
        ScreenCase{"Screen Ask a", nullptr, "a"},
        ScreenCase{"screen \"Say \\\"no\\\"\" ask a", "Say \"no\"", "a"},
        // Names that begin like keywords are whole words: `screen_complete`, `asked`.
        ScreenCase{"screen ask screen_complete, asked, screening", nullptr,
                   "screen_complete asked screening"},
        // `screen` is a keyword, not a reserved word: a name may still be spelt like it.
        ScreenCase{"finding screen: bool\nscreen ask screen", nullptr, "screen"},
        // The list ends where no comma follows; the next declaration starts there.
        ScreenCase{"screen ask a, b\nrule r: a -> consider c", nullptr, "a b", 1},
        ScreenCase{"rule r: a -> ask b\nscreen ask a\nrule s: b -> ask a", nullptr, "a", 2}));

TEST(Screen, Spans) {
  const std::string text =
      "screen \"Red-flag screen\"   # asked first\n"
      "  ask saddle_anaesthesia,\n"
      "      fever\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.screens.size(), 1u);
  const ScreenDecl& s = m.screens[0];
  ASSERT_TRUE(s.title);
  EXPECT_EQ(where(s.title->span), "1:8+17");
  ASSERT_EQ(s.findings.size(), 2u);
  EXPECT_EQ(where(s.findings[0].span), "2:7+18");
  EXPECT_EQ(where(s.findings[1].span), "3:7+5");
  EXPECT_EQ(where(s.span), "1:1+" + std::to_string(text.size() - 1));  // the comment is inside
  EXPECT_EQ(spanned(text, s.span).substr(0, 7), "screen ");
}

TEST(Screen, EveryScreenOfAFileIsKept) {
  // At most one per rule set: the checker reports the second, naming the first.
  Module m = parse_ok("screen ask a\nscreen \"Again\" ask b\n");
  ASSERT_EQ(m.screens.size(), 2u);
  EXPECT_EQ(m.screens[1].findings.at(0).text, "b");
  EXPECT_EQ(where(m.screens[1].span), "2:1+20");
}

TEST(Rule, BlockForm) {
  const std::string text =
      "rule classic_overload:\n"
      "  label \"Classic overload\"\n"
      "  advice \"Rest two days.\"\n"
      "  when overload_pattern and pain_side_lying_either_side\n"
      "  then suggest deep_rotator_overload, triage self_care\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.rules.size(), 1u);
  const RuleDecl& r = m.rules[0];
  EXPECT_EQ(r.name.text, "classic_overload");
  EXPECT_FALSE(r.redflag);
  EXPECT_EQ(r.priority, 0);
  EXPECT_EQ(r.attrs.label->value, "Classic overload");
  ASSERT_EQ(r.attrs.advice.size(), 1u);
  EXPECT_EQ(dump(r.when), "(and overload_pattern pain_side_lying_either_side)");
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[0].kind, Action::Kind::Suggest);
  EXPECT_EQ(r.actions[0].target.text, "deep_rotator_overload");
  EXPECT_FALSE(r.actions[0].strength);
  EXPECT_EQ(spanned(text, r.actions[0].span), "suggest deep_rotator_overload");
  EXPECT_EQ(r.actions[1].kind, Action::Kind::Triage);
  EXPECT_EQ(r.actions[1].target.text, "self_care");
  EXPECT_EQ(where(r.actions[1].target.span), "5:46+9");
  EXPECT_EQ(spanned(text, r.span), text.substr(0, text.size() - 1));
}

TEST(Rule, ShorthandArrowsAndPriority) {
  Module m = parse_ok(
      "rule tear: sharp_pain_initial_loading -> consider gluteal_muscle_tear   # shorthand\n"
      "rule unicode: a \xE2\x86\x92 exclude b\n"
      "rule prio priority 5: a and b -> suggest c likely\n"
      "rule neg priority -2: a -> suggest c POSSIBLE\n"
      "rule nocolon priority 1\n  when a\n  then ask f\n"
      "rule then_form: a then consider b\n"
      "rule block_arrow\n  when a\n  -> consider b\n");
  ASSERT_EQ(m.rules.size(), 7u);
  EXPECT_EQ(dump(m.rules[0].when), "sharp_pain_initial_loading");
  EXPECT_EQ(m.rules[0].actions.at(0).kind, Action::Kind::Consider);
  EXPECT_EQ(m.rules[0].actions.at(0).target.text, "gluteal_muscle_tear");
  EXPECT_EQ(m.rules[1].actions.at(0).kind, Action::Kind::Exclude);
  EXPECT_EQ(m.rules[2].priority, 5);
  ASSERT_TRUE(m.rules[2].actions.at(0).strength);
  EXPECT_EQ(m.rules[2].actions.at(0).strength->text, "likely");
  EXPECT_EQ(m.rules[3].priority, -2);
  EXPECT_EQ(m.rules[3].actions.at(0).strength->text, "possible");
  EXPECT_EQ(m.rules[4].priority, 1);
  EXPECT_EQ(m.rules[4].actions.at(0).kind, Action::Kind::Ask);
  EXPECT_EQ(m.rules[4].actions.at(0).target.text, "f");
  EXPECT_EQ(m.rules[5].actions.at(0).kind, Action::Kind::Consider);
  EXPECT_EQ(m.rules[6].actions.at(0).target.text, "b");
}

TEST(Rule, EveryAction) {
  const std::string text =
      "rule all: a -> suggest c1 likely, suggest c2 possible, consider c3, exclude c4,\n"
      "  triage urgent, advise \"See a \\\"physio\\\"\\nsoon\", ask pain_peak";
  Module m = parse_ok(text);
  const auto& acts = m.rules.at(0).actions;
  ASSERT_EQ(acts.size(), 7u);
  EXPECT_EQ(acts[0].kind, Action::Kind::Suggest);
  EXPECT_EQ(acts[0].strength->text, "likely");
  EXPECT_EQ(spanned(text, acts[0].strength->span), "likely");
  EXPECT_EQ(acts[1].strength->text, "possible");
  EXPECT_EQ(acts[2].kind, Action::Kind::Consider);
  EXPECT_EQ(acts[3].kind, Action::Kind::Exclude);
  EXPECT_EQ(acts[3].target.text, "c4");
  EXPECT_EQ(acts[4].kind, Action::Kind::Triage);
  EXPECT_EQ(acts[4].target.text, "urgent");
  EXPECT_EQ(acts[5].kind, Action::Kind::Advise);
  EXPECT_EQ(acts[5].text.value, "See a \"physio\"\nsoon");
  EXPECT_EQ(spanned(text, acts[5].text.span), "\"See a \\\"physio\\\"\\nsoon\"");
  EXPECT_EQ(acts[6].kind, Action::Kind::Ask);
  EXPECT_EQ(acts[6].target.text, "pain_peak");
  EXPECT_EQ(where(acts[6].span), "2:51+13");
}

TEST(Redflag, BlockFormWithAttributes) {
  const std::string text =
      "redflag cauda_equina\n"
      "  label \"Possible cauda equina syndrome\"\n"
      "  code snomed \"192970008\"\n"
      "  when saddle_anaesthesia or bladder_bowel_change\n"
      "  then triage emergency, advise \"Same-day emergency assessment.\"\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.rules.size(), 1u);
  const RuleDecl& r = m.rules[0];
  EXPECT_TRUE(r.redflag);
  EXPECT_EQ(r.name.text, "cauda_equina");
  EXPECT_EQ(r.attrs.label->value, "Possible cauda equina syndrome");
  EXPECT_EQ(r.attrs.codes.at(0).value, "192970008");
  EXPECT_EQ(dump(r.when), "(or saddle_anaesthesia bladder_bowel_change)");
  ASSERT_EQ(r.actions.size(), 2u);
  EXPECT_EQ(r.actions[1].text.value, "Same-day emergency assessment.");
}

TEST(Rule, RulesAndRedflagsKeepSourceOrder) {
  Module m =
      parse_ok("rule a: x -> consider c\nredflag b: y -> triage urgent\nrule c: z -> consider c");
  ASSERT_EQ(m.rules.size(), 3u);
  EXPECT_EQ(m.rules[0].name.text, "a");
  EXPECT_TRUE(m.rules[1].redflag);
  EXPECT_EQ(m.rules[2].name.text, "c");
}

TEST(Test, GivenEveryValueKind) {
  const std::string text =
      "test \"textbook overload\":\n"
      "  given pain_central_buttock = yes, hop_test_pain = no, pain_score = 7,\n"
      "        temp = 38.5, delta = -2, symptom_duration = 6 weeks, onset = 90 Minutes,\n"
      "        pain_peak = day_after_activity, fever = unknown, side = none\n"
      "  expect suggest deep_rotator_overload\n";
  Module m = parse_ok(text);
  ASSERT_EQ(m.tests.size(), 1u);
  const TestDecl& t = m.tests[0];
  EXPECT_EQ(t.name.value, "textbook overload");
  ASSERT_EQ(t.given.size(), 10u);
  EXPECT_EQ(t.given[0].finding.text, "pain_central_buttock");
  EXPECT_EQ(t.given[0].kind, GivenItem::Kind::Yes);
  EXPECT_EQ(spanned(text, t.given[0].span), "pain_central_buttock = yes");
  EXPECT_EQ(t.given[1].kind, GivenItem::Kind::No);
  EXPECT_EQ(t.given[2].kind, GivenItem::Kind::Number);
  EXPECT_EQ(t.given[2].number, 7);
  EXPECT_EQ(t.given[3].number, 38.5);
  EXPECT_EQ(t.given[4].number, -2);
  EXPECT_EQ(t.given[5].kind, GivenItem::Kind::Duration);
  EXPECT_EQ(t.given[5].number, 6);
  EXPECT_EQ(t.given[5].unit, DurationUnit::weeks);
  EXPECT_EQ(t.given[6].unit, DurationUnit::minutes);
  EXPECT_EQ(t.given[7].kind, GivenItem::Kind::Enum);
  EXPECT_EQ(t.given[7].value.text, "day_after_activity");
  EXPECT_EQ(spanned(text, t.given[7].value.span), "day_after_activity");
  EXPECT_EQ(t.given[8].kind, GivenItem::Kind::Unknown);
  EXPECT_EQ(t.given[9].kind, GivenItem::Kind::Enum);
  EXPECT_EQ(t.given[9].value.text, "none");
}

TEST(Test, ExpectEveryItemKind) {
  const std::string text =
      "test \"all\":\n"
      "  given a = yes\n"
      "  expect suggest c1, consider c2, exclude c3, not c4, redflag cauda_equina,\n"
      "         no redflag, no other redflag, triage self_care, ask pain_peak, no ask fever\n";
  Module m = parse_ok(text);
  const auto& e = m.tests.at(0).expect;
  ASSERT_EQ(e.size(), 10u);
  using K = ExpectItem::Kind;
  const K kinds[] = {K::Suggest,   K::Consider,       K::Exclude, K::NotConcluded, K::Redflag,
                     K::NoRedflag, K::NoOtherRedflag, K::Triage,  K::Ask,          K::NoAsk};
  const char* targets[] = {"c1", "c2", "c3",        "c4",       "cauda_equina",
                           "",   "",   "self_care", "pain_peak", "fever"};
  for (std::size_t i = 0; i < e.size(); ++i) {
    EXPECT_EQ(e[i].kind, kinds[i]) << i;
    EXPECT_EQ(e[i].target.text, targets[i]) << i;
  }
  EXPECT_EQ(spanned(text, e[5].span), "no redflag");
  EXPECT_EQ(spanned(text, e[6].span), "no other redflag");
  EXPECT_EQ(spanned(text, e[4].target.span), "cauda_equina");
}

TEST(Test, WithoutGiven) {
  Module m = parse_ok("test \"nothing known\": expect triage routine, no redflag");
  ASSERT_EQ(m.tests.size(), 1u);
  EXPECT_TRUE(m.tests[0].given.empty());
  EXPECT_EQ(m.tests[0].expect.size(), 2u);
}

TEST(Module, FileIndexIsCarriedIntoEverySpan) {
  ParseOutput out = parse_text("finding f: bool\nrule r: f -> consider c", 7);
  ASSERT_TRUE(out.errors.empty());
  EXPECT_EQ(out.module.file, 7u);
  EXPECT_EQ(out.module.findings.at(0).span.file, 7u);
  EXPECT_EQ(out.module.rules.at(0).when.span.file, 7u);
  EXPECT_EQ(out.module.rules.at(0).actions.at(0).target.span.file, 7u);
}

TEST(Module, KeywordsAreCaseInsensitive) {
  Module m = parse_ok(
      "FINDING f: BOOL LABEL \"x\"\n"
      "Condition c Advice \"y\"\n"
      "RULE r PRIORITY 2: f AND NOT g -> SUGGEST c LIKELY, TRIAGE urgent\n"
      "TEST \"t\": GIVEN f = YES EXPECT SUGGEST c, NO OTHER REDFLAG\n");
  EXPECT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.conditions.size(), 1u);
  ASSERT_EQ(m.rules.size(), 1u);
  EXPECT_EQ(dump(m.rules[0].when), "(and f (not g))");
  EXPECT_EQ(m.tests.at(0).expect.at(1).kind, ExpectItem::Kind::NoOtherRedflag);
}

}  // namespace
}  // namespace ardent::syntax
