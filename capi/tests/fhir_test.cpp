// ardent_case_set_fhir: FHIR resources into a case through the C ABI, with the engine's
// refusals as status codes and messages that name the resource and the path, and its warnings.
#include <cstring>
#include <string>

#include "fixture.hpp"

using namespace capi_test;

namespace {

TEST(Fhir, SetsFindingsFromABundle) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  const std::string bundle = R"({"resourceType": "Bundle", "type": "collection", "entry": [
    {"resource": {"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
      {"linkId": "night_pain", "answer": [{"valueBoolean": true}]},
      {"linkId": "age", "answer": [{"valueQuantity": {"value": 54, "code": "a"}}]}]}},
    {"resource": {"resourceType": "Observation", "status": "final",
      "code": {"coding": [{"system": "http://snomed.info/sct", "code": "386661006"}]}, "valueBoolean": false}}]})";
  ASSERT_EQ(ardent_case_set_fhir(c.get(), bundle.data(), bundle.size()), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "night_pain")), ARDENT_STATE_GIVEN);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "fever")), ARDENT_STATE_GIVEN);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "age")), ARDENT_STATE_GIVEN);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "pain_score")), ARDENT_STATE_NOT_ASKED);
}

TEST(Fhir, AnUnconvertibleUnitIsATypeErrorNamingTheResource) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  const char* qr = R"({"resourceType": "QuestionnaireResponse", "id": "q7", "item": [
    {"linkId": "age", "answer": [{"valueQuantity": {"value": 54, "code": "Cel"}}]}]})";
  EXPECT_EQ(ardent_case_set_fhir(c.get(), qr, ARDENT_NUL_TERMINATED), ARDENT_ETYPE);
  EXPECT_NE(std::strstr(ardent_last_error()->message, "QuestionnaireResponse/q7 item[0].answer[0].valueQuantity"), nullptr)
      << ardent_last_error()->message;
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "age")), ARDENT_STATE_NOT_ASKED);
}

TEST(Fhir, ConflictingAnswersAreAWarningOfEveryEvaluationUntilCleared) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  const char* both = R"({"resourceType": "QuestionnaireResponse", "item": [
    {"linkId": "night_pain", "answer": [{"valueBoolean": true}]},
    {"linkId": "night_pain", "answer": [{"valueBoolean": false}]}]})";
  ASSERT_EQ(ardent_case_set_fhir(c.get(), both, ARDENT_NUL_TERMINATED), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "night_pain")), ARDENT_STATE_UNKNOWN);
  for (int round = 0; round < 2; ++round) {
    Result r = evaluate(rs.get(), c.get());
    ASSERT_EQ(ardent_result_warning_count(r.get()), 1u);
    ardent_eval_warning w = ARDENT_EVAL_WARNING_INIT;
    ASSERT_EQ(ardent_result_get_warning(&w, r.get(), 0), ARDENT_OK);
    EXPECT_EQ(w.kind, ARDENT_WARNING_CONFLICTING_ANSWERS);
    EXPECT_EQ(w.owner, ARDENT_OWNER_FINDING);
    EXPECT_EQ(w.index, finding(rs.get(), "night_pain"));
    EXPECT_STREQ(w.name, "night_pain");
  }
  ardent_case_clear(c.get());
  Result r = evaluate(rs.get(), c.get());
  EXPECT_EQ(ardent_result_warning_count(r.get()), 0u);
}

TEST(Fhir, BadArguments) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  EXPECT_EQ(ardent_case_set_fhir(nullptr, "{}", ARDENT_NUL_TERMINATED), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_fhir(c.get(), nullptr, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_fhir(c.get(), "{", ARDENT_NUL_TERMINATED), ARDENT_EINVALID);
}

}  // namespace
