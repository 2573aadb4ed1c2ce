// FHIR resources -> a Case: one row per mapping rule of docs/fhir.md, and one per error, each
// with the resources given and the state and value of the finding it is about.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "ardent/case.hpp"
#include "ardent/fhir.hpp"
#include "ardent/format.hpp"
#include "ardent/result.hpp"

namespace ardent {
namespace {

constexpr const char* kRules = R"(ruleset fhir_demo version "1.0.0"
finding fever: bool
  code snomed "386661006"
finding night_pain: bool
finding pain_peak: one of {during_activity, day_after}
finding pain_score: number 0..10 integer unit "points"
finding temperature_c: number 30..44 unit "degrees Celsius"
  code loinc "8310-5"
finding symptom_duration: duration
finding hip_fracture_history: bool
  code icd10 "M84.35"
condition c
rule r: fever and night_pain and pain_peak is day_after and pain_score > 2 and temperature_c > 38
  and symptom_duration > 2 weeks and hip_fracture_history -> consider c
)";

RulesetPtr ruleset() {
  static const RulesetPtr rs = compile_source(kRules, "fhir_demo.ard").ruleset;
  return rs;
}

std::string qr(const std::string& items, const std::string& authored = "2026-01-02") {
  return R"({"resourceType": "QuestionnaireResponse", "id": "qr1", "status": "completed", "authored": ")" +
         authored + R"(", "item": [)" + items + "]}";
}

std::string bundle(const std::vector<std::string>& resources) {
  std::string entries;
  for (const auto& r : resources) entries += (entries.empty() ? "" : ",") + std::string(R"({"resource": )") + r + "}";
  return R"({"resourceType": "Bundle", "type": "collection", "entry": [)" + entries + "]}";
}

std::string temperature(const std::string& id, const std::string& rest) {
  return R"({"resourceType": "Observation", "id": ")" + id +
         R"(", "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]}, )" + rest + "}";
}

struct MappingCase {
  const char* name;
  std::string input;
  const char* finding;
  FindingState state;
  double value = 0;  // bool 0/1, enum index, number in the finding's unit, duration in days
  std::size_t warnings = 0;
};

void PrintTo(const MappingCase& c, std::ostream* os) { *os << c.name; }

constexpr auto G = FindingState::given;
constexpr auto U = FindingState::unknown;
constexpr auto N = FindingState::not_asked;

const std::vector<MappingCase>& mapping_cases() {
  static const std::vector<MappingCase> cases = {
      {"qr_boolean", qr(R"({"linkId": "night_pain", "answer": [{"valueBoolean": true}]})"), "night_pain", G, 1},
      {"qr_choice", qr(R"({"linkId": "pain_peak", "answer": [{"valueCoding": {"code": "day_after"}}]})"), "pain_peak", G, 1},
      {"qr_integer", qr(R"({"linkId": "pain_score", "answer": [{"valueInteger": 7}]})"), "pain_score", G, 7},
      {"qr_nested_in_group",
       qr(R"({"linkId": "ardent-screen", "item": [{"linkId": "night_pain", "answer": [{"valueBoolean": false}]}]})"),
       "night_pain", G, 0},
      {"qr_nested_in_answer",
       qr(R"({"linkId": "other", "answer": [{"valueBoolean": true, "item": [{"linkId": "pain_score", "answer": [{"valueInteger": 3}]}]}]})"),
       "pain_score", G, 3},
      {"qr_no_answer_is_not_asked", qr(R"({"linkId": "night_pain"})"), "night_pain", N},
      {"qr_duration_in_weeks",
       qr(R"({"linkId": "symptom_duration", "answer": [{"valueQuantity": {"value": 3, "system": "http://unitsofmeasure.org", "code": "wk"}}]})"),
       "symptom_duration", G, 21},
      {"qr_quantity_in_fahrenheit",
       qr(R"({"linkId": "temperature_c", "answer": [{"valueQuantity": {"value": 98.6, "code": "[degF]"}}]})"),
       "temperature_c", G, 37},
      {"observation_by_code", temperature("t1", R"("status": "final", "valueQuantity": {"value": 38.5, "code": "Cel"})"),
       "temperature_c", G, 38.5},
      {"observation_boolean_without_value_is_present",
       R"({"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "386661006"}]}})",
       "fever", G, 1},
      {"observation_not_asked", temperature("t1", R"("status": "final", "dataAbsentReason": {"coding": [{"code": "not-asked"}]})"),
       "temperature_c", N},
      {"observation_asked_unknown", temperature("t1", R"("status": "final", "dataAbsentReason": {"coding": [{"code": "asked-unknown"}]})"),
       "temperature_c", U},
      {"observation_asked_declined", temperature("t1", R"("status": "final", "dataAbsentReason": {"coding": [{"code": "asked-declined"}]})"),
       "temperature_c", U},
      {"observation_entered_in_error_ignored",
       temperature("t1", R"("status": "entered-in-error", "valueQuantity": {"value": 39, "code": "Cel"})"), "temperature_c", N},
      {"observation_cancelled_ignored",
       temperature("t1", R"("status": "cancelled", "valueQuantity": {"value": 39, "code": "Cel"})"), "temperature_c", N},
      {"latest_observation_wins",
       bundle({temperature("t1", R"("status": "final", "effectiveDateTime": "2026-01-03T10:00:00Z", "valueQuantity": {"value": 39, "code": "Cel"})"),
               temperature("t2", R"("status": "final", "effectiveDateTime": "2026-01-01T10:00:00Z", "valueQuantity": {"value": 37, "code": "Cel"})")}),
       "temperature_c", G, 39},
      {"issued_when_no_effective_time",
       bundle({temperature("t1", R"("status": "final", "issued": "2026-01-01T10:00:00Z", "valueQuantity": {"value": 39, "code": "Cel"})"),
               temperature("t2", R"("status": "final", "issued": "2026-01-05T10:00:00Z", "valueQuantity": {"value": 37, "code": "Cel"})")}),
       "temperature_c", G, 37},
      {"latest_questionnaire_response_wins",
       bundle({qr(R"({"linkId": "night_pain", "answer": [{"valueBoolean": true}]})", "2026-01-01"),
               qr(R"({"linkId": "night_pain", "answer": [{"valueBoolean": false}]})", "2026-02-01")}),
       "night_pain", G, 0},
      {"conflict_is_unknown_with_a_warning",
       bundle({temperature("t1", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 39, "code": "Cel"})"),
               temperature("t2", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 37, "code": "Cel"})")}),
       "temperature_c", U, 0, 1},
      {"agreeing_answers_are_no_conflict",
       bundle({temperature("t1", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 39, "code": "Cel"})"),
               temperature("t2", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 39, "code": "Cel"})")}),
       "temperature_c", G, 39},
      {"condition_active_is_present",
       R"({"resourceType": "Condition", "clinicalStatus": {"coding": [{"code": "active"}]}, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M84.35"}]}})",
       "hip_fracture_history", G, 1},
      {"condition_refuted_is_absent",
       R"({"resourceType": "Condition", "verificationStatus": {"coding": [{"code": "refuted"}]}, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M84.35"}]}})",
       "hip_fracture_history", G, 0},
      {"condition_entered_in_error_ignored",
       R"({"resourceType": "Condition", "verificationStatus": {"coding": [{"code": "entered-in-error"}]}, "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M84.35"}]}})",
       "hip_fracture_history", N},
      {"code_of_another_system_does_not_match",
       R"({"resourceType": "Condition", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M84.35"}]}})",
       "hip_fracture_history", N},
  };
  return cases;
}

class FhirMapping : public ::testing::TestWithParam<MappingCase> {};

TEST_P(FhirMapping, SetsTheFinding) {
  const MappingCase& k = GetParam();
  Case c(ruleset());
  const auto warnings = fhir::set_case(c, k.input);
  const auto slot = *ruleset()->finding_index(k.finding);
  EXPECT_EQ(c.state(slot), k.state);
  if (k.state == FindingState::given) {
    EXPECT_NEAR(c.number(slot), k.value, 1e-9);
  }
  EXPECT_EQ(warnings.size(), k.warnings);
  ASSERT_EQ(c.warnings().size(), k.warnings);  // the case keeps them for every evaluation
  if (k.warnings) {
    EXPECT_EQ(c.warnings()[0].kind, EvalWarning::Kind::conflicting_answers);
    EXPECT_EQ(c.warnings()[0].owner, EvalWarning::Owner::finding);
    EXPECT_EQ(c.warnings()[0].index, slot);
  }
}

TEST(FhirWarnings, ReachTheResultAndItsJsonUntilTheCaseIsCleared) {
  Case c(ruleset());
  fhir::set_case(c, bundle({temperature("t1", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 39, "code": "Cel"})"),
                            temperature("t2", R"("status": "final", "effectiveDateTime": "2026-01-03", "valueQuantity": {"value": 37, "code": "Cel"})")}));
  Result r;
  evaluate(c, r);
  ASSERT_EQ(r.warnings().size(), 1u);
  const auto j = nlohmann::json::parse(format_json(c, r));
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0]["kind"], "conflicting_answers");
  EXPECT_EQ(j["warnings"][0]["finding"], "temperature_c");
  EXPECT_NE(j["warnings"][0]["message"].get<std::string>().find("'temperature_c'"), std::string::npos);
  EXPECT_NE(format_text(c, r).find("disagree for finding 'temperature_c'"), std::string::npos);

  c.clear();
  evaluate(c, r);
  EXPECT_TRUE(c.warnings().empty());
  EXPECT_TRUE(r.warnings().empty());
}

INSTANTIATE_TEST_SUITE_P(Table, FhirMapping, ::testing::ValuesIn(mapping_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

struct ErrorCase {
  const char* name;
  std::string input;
  InputError::Kind kind;
  const char* message;  // a substring
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

const std::vector<ErrorCase>& error_cases() {
  static const std::vector<ErrorCase> cases = {
      {"not_json", "{", InputError::Kind::Malformed, "not JSON"},
      {"no_resource_type", R"({"id": "x"})", InputError::Kind::Malformed, "no resourceType"},
      {"unconvertible_unit", temperature("t9", R"("status": "final", "valueQuantity": {"value": 3, "code": "wk"})"),
       InputError::Kind::WrongType, "Observation/t9.valueQuantity: the unit 'wk' cannot be converted to the unit of 'temperature_c'"},
      {"unknown_unit_in_a_bundle",
       bundle({temperature("t9", R"("status": "final", "valueQuantity": {"value": 3, "code": "mg"})")}),
       InputError::Kind::WrongType, "Observation/t9.valueQuantity: the unit 'mg'"},
      {"wrong_value_type", qr(R"({"linkId": "night_pain", "answer": [{"valueInteger": 1}]})"),
       InputError::Kind::WrongType, "QuestionnaireResponse/qr1 item[0].answer[0]: 'night_pain' is a yes/no finding"},
      {"value_outside_domain", qr(R"({"linkId": "pain_peak", "answer": [{"valueCoding": {"code": "never"}}]})"),
       InputError::Kind::OutOfDomain, "'never' is not a value of 'pain_peak'"},
      {"value_outside_range", qr(R"({"linkId": "pain_score", "answer": [{"valueInteger": 11}]})"),
       InputError::Kind::OutOfRange, "QuestionnaireResponse/qr1 item[0]: "},
      {"duration_without_quantity", qr(R"({"linkId": "symptom_duration", "answer": [{"valueInteger": 3}]})"),
       InputError::Kind::WrongType, "expected a valueQuantity in a unit of time"},
  };
  return cases;
}

class FhirErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(FhirErrors, NameTheResourceAndPath) {
  const ErrorCase& k = GetParam();
  Case c(ruleset());
  c.set_bool("night_pain", true);
  try {
    fhir::set_case(c, k.input);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind(), k.kind) << e.what();
    EXPECT_NE(std::string(e.what()).find(k.message), std::string::npos) << e.what();
  }
  EXPECT_EQ(c.state(*ruleset()->finding_index("night_pain")), FindingState::given);  // all or nothing
}

INSTANTIATE_TEST_SUITE_P(Table, FhirErrors, ::testing::ValuesIn(error_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ardent
