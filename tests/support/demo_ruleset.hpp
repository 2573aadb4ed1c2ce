// A small rule set in the Ardent language, for tests that go through the parser and checker.
#pragma once

namespace ardent::test {

inline constexpr const char* kDemoRuleset = R"ard(ruleset demo version "1.2.0"
  title "Demo buttock pain"
  default triage routine

finding pain_central: bool
  label "Pain felt centrally in the buttock"
  ask "Is the pain deep in the middle of the buttock?"
finding pain_peak: one of {during_activity, day_after_activity, constant}
  label "Pain peaks"
finding side_lying_pain: bool
  label "Pain lying on either side"
finding fever: bool
  label "Fever"
  ask "Have you had a fever?"
finding saddle_anaesthesia: bool
  label "Saddle anaesthesia"
  ask "Any numbness around the back passage or genitals?"
  code snomed "44077006"
finding age: number 0..120 integer unit "years"
  label "Age"
finding symptom_duration: duration
  label "Symptom duration"
finding hop_pain: bool
  label "Pain on hopping"
finding night_pain: bool
  label "Night pain"

condition deep_rotator_overload
  label "Deep hip rotator overload"
  code icd10 "M76.8"
  advice "Stretch only gently and comfortably."
condition bone_stress
  label "Pelvic bone stress injury"
  advice "Stop running until reviewed."
condition hamstring_tendinopathy
  label "Proximal hamstring tendinopathy"

screen "Red flags"
  ask saddle_anaesthesia, fever

define overload_pattern = pain_central and pain_peak is day_after_activity

score bone_stress_risk label "Bone stress risk":
  +2 when hop_pain
  +1 when night_pain

redflag cauda_equina
  label "Possible cauda equina syndrome"
  advice "Same-day emergency assessment."
  when saddle_anaesthesia
  then triage emergency

redflag infection
  label "Possible infection"
  when fever and age >= 16
  then triage urgent, advise "See a doctor today."

rule classic_overload priority 2:
  when overload_pattern and side_lying_pain
  then suggest deep_rotator_overload likely, triage self_care

rule stress_risk:
  when bone_stress_risk >= 2 and symptom_duration > 2 weeks
  then suggest bone_stress, exclude deep_rotator_overload, triage urgent

rule tendon: pain_peak is during_activity and not pain_central -> consider hamstring_tendinopathy, ask age

test "textbook overload":
  given pain_central = yes, pain_peak = day_after_activity, side_lying_pain = yes, saddle_anaesthesia = no, fever = no
  expect suggest deep_rotator_overload, triage self_care, no redflag

test "saddle numbness beats everything":
  given saddle_anaesthesia = yes, pain_central = yes, pain_peak = day_after_activity, side_lying_pain = yes
  expect redflag cauda_equina, triage emergency, suggest deep_rotator_overload

test "bone stress excludes overload":
  given pain_central = yes, pain_peak = day_after_activity, side_lying_pain = yes, hop_pain = yes, symptom_duration = 3 weeks
  expect suggest bone_stress, exclude deep_rotator_overload, triage urgent
)ard";

}  // namespace ardent::test
