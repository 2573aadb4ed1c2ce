// Discovery and hook calls over real HTTP against a started service: the shape of discovery,
// the cards of a red-flag patient read from a prefetch, and every refusal (412, 400, 404, 413,
// 415, the authorization seam) as a FHIR OperationOutcome.
#include <set>

#include "serve/support.hpp"

namespace ardent::test {
namespace {

// The refusal's OperationOutcome: one error issue of the given type.
void expect_outcome(const httplib::Result& res, int status, const std::string& issue) {
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, status) << res->body;
  const json o = json::parse(res->body);
  EXPECT_EQ(o["resourceType"], "OperationOutcome");
  ASSERT_EQ(o["issue"].size(), 1u);
  EXPECT_EQ(o["issue"][0]["severity"], "error");
  EXPECT_EQ(o["issue"][0]["code"], issue) << res->body;
  EXPECT_FALSE(o["issue"][0]["diagnostics"].get<std::string>().empty());
}

using Discovery = ServiceTest;

TEST_F(Discovery, OneServicePerHookWithPrefetchTemplates) {
  start();
  auto res = client().Get("/cds-services");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  const json d = json::parse(res->body);
  ASSERT_EQ(d["services"].size(), 2u);
  std::set<std::string> hooks, ids;
  for (const auto& s : d["services"]) {
    hooks.insert(s["hook"]);
    ids.insert(s["id"]);
    EXPECT_FALSE(s["title"].get<std::string>().empty());
    EXPECT_NE(s["description"].get<std::string>().find("never fetches from a FHIR server"), std::string::npos);
    EXPECT_EQ(s["prefetch"]["questionnaireResponse"],
              "QuestionnaireResponse?subject={{context.patientId}}&questionnaire=urn:ardent:ruleset:posterior_hip&_sort=-authored&_count=1");
    EXPECT_FALSE(s["prefetch"].contains("observations")) << "rules/hip declares no codes on findings";
  }
  EXPECT_EQ(hooks, (std::set<std::string>{"patient-view", "encounter-start"}));
  EXPECT_EQ(ids, (std::set<std::string>{"posterior-hip-patient-view", "posterior-hip-encounter-start"}));
}

TEST_F(Discovery, SearchesForTheCodesFindingsDeclare) {
  serve::Options o;
  o.rules = compile_source(R"(ruleset coded version "1.0.0"
finding fever: bool
  code snomed "386661006"
finding temperature_c: number 30..44 unit "degrees Celsius"
  code loinc "8310-5"
condition c
rule r: fever and temperature_c > 38 -> consider c
)", "coded.ard").ruleset;
  start(o);
  const json d = json::parse(client().Get("/cds-services")->body);
  const json& p = d["services"][0]["prefetch"];
  EXPECT_EQ(p["observations"],
            "Observation?patient={{context.patientId}}&code=http://loinc.org|8310-5,http://snomed.info/sct|386661006");
  EXPECT_EQ(p["conditions"], "Condition?patient={{context.patientId}}&code=http://snomed.info/sct|386661006");
}

using Hooks = ServiceTest;

TEST_F(Hooks, RedFlagPatientGetsCriticalCardsWithOverrideReasons) {
  start();
  std::set<std::string> uuids;
  for (const std::string hook : {"patient-view", "encounter-start"}) {
    auto res = post("/cds-services/posterior-hip-" + hook, hook_request(red_flag_answers(), hook));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const json cards = json::parse(res->body)["cards"];
    ASSERT_FALSE(cards.empty());
    const json& first = cards[0];
    EXPECT_EQ(first["indicator"], "critical");
    EXPECT_EQ(first["summary"], "Red flag: Unable to weight-bear");
    EXPECT_EQ(first["source"]["topic"]["code"], "red-flag");
    EXPECT_EQ(first["source"]["url"], "http://127.0.0.1:" + std::to_string(port_) + "/Questionnaire/posterior-hip");
    ASSERT_TRUE(first["overrideReasons"].is_array());
    EXPECT_FALSE(first["overrideReasons"].empty());
    for (const auto& card : cards) {
      EXPECT_TRUE(uuids.insert(card["uuid"].get<std::string>()).second) << "a card uuid was reused";
      EXPECT_EQ(card.contains("overrideReasons"), card["source"]["topic"]["code"] == "red-flag");
      const json& prov = card["extension"]["org.ardent.provenance"];
      EXPECT_EQ(prov["ruleset"], "posterior_hip");
      EXPECT_EQ(prov["hash"], hip()->hash());
      EXPECT_EQ(prov["version"], hip()->version());
      EXPECT_FALSE(prov["engine"].get<std::string>().empty());
      EXPECT_LE(card["summary"].get<std::string>().size(), 140u * 4);
      EXPECT_TRUE(card["source"]["label"].is_string());
    }
  }
}

TEST_F(Hooks, AnswersDecideTheTriageCard) {
  start();
  json answers = red_flag_answers();
  answers["unable_to_weight_bear"] = yes(false);
  auto res = post("/cds-services/posterior-hip-patient-view", hook_request(answers));
  ASSERT_EQ(res->status, 200) << res->body;
  const json cards = json::parse(res->body)["cards"];
  ASSERT_FALSE(cards.empty());
  for (const auto& card : cards) EXPECT_NE(card["source"]["topic"]["code"], "red-flag");
}

TEST_F(Hooks, AbsentPrefetchKeyIs412) {
  start();
  json request = hook_request(red_flag_answers());
  request.erase("prefetch");
  expect_outcome(post("/cds-services/posterior-hip-patient-view", request), 412, "incomplete");
  request["fhirServer"] = "https://ehr.example.org/fhir";  // the service would have to fetch: it does not
  auto res = post("/cds-services/posterior-hip-patient-view", request);
  expect_outcome(res, 412, "incomplete");
  EXPECT_NE(res->body.find("does not fetch"), std::string::npos);
  // A key sent as null (the client found nothing) is no resources, not a missing key.
  request["prefetch"] = {{"questionnaireResponse", nullptr}};
  EXPECT_EQ(post("/cds-services/posterior-hip-patient-view", request)->status, 200);
}

TEST_F(Hooks, TheContextsPatientByAbsoluteReferenceToo) {
  start();
  json request = hook_request(red_flag_answers());
  request["prefetch"]["questionnaireResponse"]["subject"]["reference"] = "https://ehr.example.org/fhir/Patient/p1";
  EXPECT_EQ(post("/cds-services/posterior-hip-patient-view", request)->status, 200);
}

struct BadRequest {
  const char* name;
  std::string body;
  int status;
  const char* issue;
};

std::vector<BadRequest> bad_requests() {
  auto without = [](const char* key) {
    json r = hook_request(red_flag_answers());
    r.erase(key);
    return r.dump();
  };
  auto with = [](const json::json_pointer& at, json value) {
    json r = hook_request(red_flag_answers());
    r[at] = std::move(value);
    return r.dump();
  };
  return {
      {"not_json", "{\"hook\": ", 400, "structure"},
      {"not_an_object", "[1, 2]", 400, "structure"},
      {"no_hook", without("hook"), 400, "required"},
      {"other_hook", with(json::json_pointer("/hook"), "order-select"), 400, "invalid"},
      {"no_hook_instance", without("hookInstance"), 400, "required"},
      {"no_context", without("context"), 400, "required"},
      {"no_patient", with(json::json_pointer("/context"), json::object()), 400, "required"},
      {"prefetch_not_object", with(json::json_pointer("/prefetch"), "x"), 400, "structure"},
      {"prefetch_resource_not_object", with(json::json_pointer("/prefetch/questionnaireResponse"), 3), 400, "structure"},
      {"another_patient", with(json::json_pointer("/prefetch/questionnaireResponse/subject/reference"), "Patient/p2"),
       400, "invalid"},
      {"another_patient_in_a_bundle",
       with(json::json_pointer("/prefetch/questionnaireResponse"),
            {{"resourceType", "Bundle"},
             {"type", "searchset"},
             {"entry", {{{"resource", {{"resourceType", "QuestionnaireResponse"}, {"status", "completed"},
                                      {"subject", {{"reference", "https://ehr.example.org/fhir/Patient/p2"}}}}}}}}}),
       400, "invalid"},
      {"answer_of_wrong_type",
       with(json::json_pointer("/prefetch/questionnaireResponse/item/0/answer/0"), {{"valueInteger", 3}}), 400,
       "invalid"},
  };
}

class HookRefusals : public ServiceTest, public ::testing::WithParamInterface<BadRequest> {};

TEST_P(HookRefusals, AnOperationOutcome) {
  start();
  expect_outcome(client().Post("/cds-services/posterior-hip-patient-view", GetParam().body, "application/json"), GetParam().status,
                 GetParam().issue);
}

INSTANTIATE_TEST_SUITE_P(Table, HookRefusals, ::testing::ValuesIn(bad_requests()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(Hooks, UnknownServiceOrEndpointIs404) {
  start();
  expect_outcome(post("/cds-services/nope", hook_request(red_flag_answers())), 404, "not-found");
  expect_outcome(post("/cds-services/nope/feedback", json{{"feedback", json::array()}}), 404, "not-found");
  expect_outcome(client().Get("/nothing-here"), 404, "not-found");
  expect_outcome(client().Get("/Questionnaire/other"), 404, "not-found");
}

TEST_F(Hooks, OnlyJsonIsRead) {
  start();
  expect_outcome(client().Post("/cds-services/posterior-hip-patient-view", hook_request(red_flag_answers()).dump(), "text/plain"),
                 415, "not-supported");
  auto res = client().Post("/cds-services/posterior-hip-patient-view", hook_request(red_flag_answers()).dump(),
                           "application/json; charset=utf-8");
  EXPECT_EQ(res->status, 200);
}

TEST_F(Hooks, BodyOverTheLimitIs413) {
  serve::Options o;
  o.max_body_bytes = 2048;
  start(o);
  json request = hook_request(red_flag_answers());
  request["padding"] = std::string(4096, 'x');
  auto res = post("/cds-services/posterior-hip-patient-view", request);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(Hooks, CorsHeadersAndPreflight) {
  serve::Options o;
  o.cors_origin = "https://app.example.org";
  start(o);
  auto res = client().Options("/cds-services/posterior-hip-patient-view");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_NE(res->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  EXPECT_EQ(client().Get("/cds-services")->get_header_value("Access-Control-Allow-Origin"), "https://app.example.org");
  EXPECT_EQ(post("/cds-services/nope", json::object())->get_header_value("Access-Control-Allow-Origin"),
            "https://app.example.org");
}

TEST_F(Hooks, TheAuthorizerDecidesBeforeTheBodyIsRead) {
  serve::Options o;
  o.authorize = [](const serve::RequestView& r) {
    if (r.header("authorization") == "Bearer good") return serve::Decision{};
    return serve::Decision{false, 401, "no valid bearer token"};
  };
  start(o);
  expect_outcome(client().Get("/cds-services"), 401, "login");
  httplib::Headers auth{{"Authorization", "Bearer good"}};
  EXPECT_EQ(client().Get("/cds-services", auth)->status, 200);
  EXPECT_EQ(client().Options("/cds-services")->status, 204) << "a preflight carries no credentials";
}

TEST_F(Hooks, TheQuestionnaireOfTheRuleSet) {
  start();
  auto res = client().Get("/Questionnaire/posterior-hip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json");
  const json q = json::parse(res->body);
  EXPECT_EQ(q["resourceType"], "Questionnaire");
  EXPECT_EQ(q["url"], "urn:ardent:ruleset:posterior_hip");
}

}  // namespace
}  // namespace ardent::test
