// ardent_case_set_fhir: FHIR resources into a case through the C ABI, with the engine's
// refusals as status codes and messages that name the resource and the path.
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

TEST(Fhir, BadArguments) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  EXPECT_EQ(ardent_case_set_fhir(nullptr, "{}", ARDENT_NUL_TERMINATED), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_fhir(c.get(), nullptr, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_fhir(c.get(), "{", ARDENT_NUL_TERMINATED), ARDENT_EINVALID);
}

}  // namespace
