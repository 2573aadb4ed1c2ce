// A realistic multi-declaration file (a mini posterior hip rule set) parses into the expected
// module, and so does every file of the shipped rule set.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support.hpp"

namespace ardent::syntax {
namespace {

using test_support::dump;
using test_support::first_error;
using test_support::parse_text;
using test_support::spanned;
using test_support::where;

const std::string mini_hip = R"ard(# Mini posterior hip rule set: a sample of every construct.
ruleset mini_hip version "0.3.1"
  title "Posterior hip and buttock pain (sample)"
  default triage routine

finding pain_central_buttock: bool
  label "Pain felt centrally in the buttock"
  ask "Is the pain deep in the middle of the buttock?"
  group "Pain"
finding pain_peak: one of {during_activity, hours_after_activity, day_after_activity, constant}
  label "When the pain is worst"
finding pain_side_lying_either_side: bool
finding hop_test_pain: bool
  code snomed "1234567"
finding night_pain_non_mechanical: bool
finding recent_training_increase: bool
finding age: number 0..130 integer unit "years"
finding pain_score: number 0..10
finding symptom_duration: duration
finding saddle_anaesthesia: bool
finding bladder_bowel_change: bool
finding temperature: number 34..43 unit "°C"

condition deep_rotator_overload
  label "Deep hip rotator overload"
  advice "Stretch only gently and comfortably."
condition femoral_neck_stress_fracture
  label "Femoral neck bone stress injury"
  code icd10 "M84.35"
condition gluteal_muscle_tear

define overload_pattern = pain_central_buttock and pain_peak is day_after_activity
  label "central buttock pain peaking the day after activity"
define years_since_onset = symptom_duration / 365.25 - 0

score bone_stress_risk label "Bone stress risk":
  +2 when hop_test_pain
  +1 when night_pain_non_mechanical
  +1 when recent_training_increase
  -1 when age < 18

rule classic_overload priority 2:
  label "Classic deep rotator overload"
  when overload_pattern and pain_side_lying_either_side
  then suggest deep_rotator_overload likely, triage self_care

rule bone_stress:
  when bone_stress_risk >= 3 or (hop_test_pain and symptom_duration > 6 weeks)
  then consider femoral_neck_stress_fracture, triage urgent, ask night_pain_non_mechanical

rule tear: pain_peak in {during_activity} and pain_score between 7 and 10
  -> consider gluteal_muscle_tear
rule not_overload: at least 2 of (not pain_central_buttock, pain_peak is constant, age >= 60)
  → exclude deep_rotator_overload

redflag cauda_equina
  label "Possible cauda equina syndrome"
  when saddle_anaesthesia or bladder_bowel_change
  then triage emergency, advise "Same-day emergency assessment."

redflag fever
  when temperature > 38.0 and temperature is known
  then triage urgent

test "textbook overload":
  given pain_central_buttock = yes, pain_peak = day_after_activity,
        pain_side_lying_either_side = yes, hop_test_pain = no, age = 34
  expect suggest deep_rotator_overload, triage self_care, no redflag

test "saddle numbness beats everything":
  given saddle_anaesthesia = yes, pain_central_buttock = yes, symptom_duration = 3 days
  expect redflag cauda_equina, no other redflag, triage emergency, not gluteal_muscle_tear
)ard";

TEST(Sample, MiniHipRuleSetParses) {
  ParseOutput out = parse_text(mini_hip, 3);
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  const Module& m = out.module;
  EXPECT_EQ(m.file, 3u);

  ASSERT_TRUE(m.header);
  EXPECT_EQ(m.header->name.text, "mini_hip");
  EXPECT_EQ(m.header->version.value, "0.3.1");
  EXPECT_EQ(m.header->default_triage->text, "routine");
  EXPECT_EQ(m.header->span.line, 2u);

  ASSERT_EQ(m.findings.size(), 12u);
  EXPECT_EQ(m.findings[1].name.text, "pain_peak");
  EXPECT_EQ(m.findings[1].values.size(), 4u);
  EXPECT_EQ(m.findings[1].attrs.label->value, "When the pain is worst");
  EXPECT_EQ(m.findings[3].attrs.codes.at(0).value, "1234567");
  EXPECT_TRUE(m.findings[6].integer);
  EXPECT_EQ(m.findings[6].max, 130);
  EXPECT_EQ(m.findings[8].type, FindingType::duration);
  EXPECT_EQ(m.findings[11].unit->value, "°C");
  EXPECT_EQ(where(m.findings[0].span), "6:1+149");

  ASSERT_EQ(m.conditions.size(), 3u);
  EXPECT_EQ(m.conditions[1].attrs.codes.at(0).system, "icd10");
  EXPECT_EQ(m.conditions[2].name.text, "gluteal_muscle_tear");

  ASSERT_EQ(m.defines.size(), 2u);
  EXPECT_EQ(m.defines[0].attrs.label->value, "central buttock pain peaking the day after activity");
  EXPECT_EQ(dump(m.defines[1].expr), "(- (/ symptom_duration 365.25) 0)");

  ASSERT_EQ(m.scores.size(), 1u);
  ASSERT_EQ(m.scores[0].terms.size(), 4u);
  EXPECT_EQ(m.scores[0].terms[3].points, -1);
  EXPECT_EQ(dump(m.scores[0].terms[3].when), "(< age 18)");

  ASSERT_EQ(m.rules.size(), 6u);
  const RuleDecl& classic = m.rules[0];
  EXPECT_EQ(classic.priority, 2);
  EXPECT_EQ(classic.attrs.label->value, "Classic deep rotator overload");
  EXPECT_EQ(classic.actions.at(0).strength->text, "likely");
  EXPECT_EQ(dump(m.rules[1].when),
            "(or (>= bone_stress_risk 3) (and hop_test_pain (> symptom_duration 6weeks)))");
  EXPECT_EQ(m.rules[1].actions.size(), 3u);
  EXPECT_EQ(dump(m.rules[2].when),
            "(and (in pain_peak {during_activity}) (between pain_score 7 10))");
  EXPECT_EQ(dump(m.rules[3].when),
            "(at-least 2 (not pain_central_buttock) (is pain_peak constant) (>= age 60))");
  EXPECT_EQ(m.rules[3].actions.at(0).kind, Action::Kind::Exclude);
  EXPECT_TRUE(m.rules[4].redflag);
  EXPECT_EQ(m.rules[4].actions.at(1).text.value, "Same-day emergency assessment.");
  EXPECT_EQ(dump(m.rules[5].when), "(and (> temperature 38) (known temperature))");
  EXPECT_EQ(
      spanned(mini_hip, m.rules[5].span),
      "redflag fever\n  when temperature > 38.0 and temperature is known\n  then triage urgent");

  ASSERT_EQ(m.tests.size(), 2u);
  EXPECT_EQ(m.tests[0].given.size(), 5u);
  EXPECT_EQ(m.tests[0].given[4].number, 34);
  EXPECT_EQ(m.tests[0].expect.at(2).kind, ExpectItem::Kind::NoRedflag);
  EXPECT_EQ(m.tests[1].given.at(2).unit, DurationUnit::days);
  EXPECT_EQ(m.tests[1].expect.at(1).kind, ExpectItem::Kind::NoOtherRedflag);
  EXPECT_EQ(m.tests[1].expect.at(3).kind, ExpectItem::Kind::NotConcluded);
  EXPECT_EQ(m.tests[1].expect.at(3).target.text, "gluteal_muscle_tear");
}

// The shipped rule set must always be syntactically valid.
TEST(Sample, ShippedRuleFilesParse) {
  const std::filesystem::path dir = std::filesystem::path(ARDENT_SOURCE_DIR) / "rules" / "hip";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no rules/hip in this tree";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".ard") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (std::uint32_t i = 0; i < files.size(); ++i) {
    std::ifstream in(files[i], std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    ParseOutput out = parse(SourceFile{files[i].string(), text.str()}, i);
    EXPECT_TRUE(out.errors.empty()) << files[i] << ": " << first_error(out);
  }
}

}  // namespace
}  // namespace ardent::syntax
