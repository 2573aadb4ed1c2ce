// SDC's $next-question over real HTTP, as a form filler runs it: send the answers so far, read
// the next question from the contained Questionnaire, answer it (from a vignette's table, else
// a plain answer of its type), until the response comes back `completed`.
#include <map>
#include <set>

#include "serve/support.hpp"

namespace ardent::test {
namespace {

using NextQuestion = ServiceTest;

// Vignette V02 of rules/hip (tests/vignettes-dev.ard): a runner with deep rotator overload.
const std::map<std::string, json> kVignette = {
    {"age", 41},
    {"sex", "male"},
    {"main_sport", "running"},
    {"pain_side", "left"},
    {"pain_central_buttock", true},
    {"onset", "gradual"},
    {"duration_weeks", 1},
    {"pain_delayed_after_training", true},
    {"pain_lingers_days", false},
    {"pain_deep_squat", true},
    {"pain_sitting", false},
    {"recent_training_increase", true},
    {"pain_below_knee", false},
    {"neuro_deficit", false},
    {"hop_pain", "none"},
    {"night_pain_non_mechanical", false},
    {"fever", false},
    {"saddle_anaesthesia", false},
    {"bladder_bowel_change", false},
};

// The unit a quantity item asks for: its questionnaire-unit, else its first unit option.
json unit_of(const json& item) {
  for (const auto& e : item.value("extension", json::array()))
    if (e["url"] == "http://hl7.org/fhir/StructureDefinition/questionnaire-unit" ||
        e["url"] == "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption")
      return e["valueCoding"];
  return json::object();
}

// The answer to a question, in the form its item's type asks for.
json answer(const json& item) {
  const std::string type = item["type"];
  auto it = kVignette.find(item["linkId"]);
  const bool known = it != kVignette.end();
  if (type == "boolean") return {{"valueBoolean", known ? it->second.get<bool>() : false}};
  if (type == "choice")
    return {{"valueCoding", {{"code", known ? it->second : item["answerOption"][0]["valueCoding"]["code"]}}}};
  if (type == "integer") return {{"valueInteger", known ? it->second.get<int>() : 1}};
  if (type == "decimal") return {{"valueDecimal", known ? it->second.get<double>() : 1.0}};
  if (type == "quantity") {
    const json unit = unit_of(item);
    json q = {{"value", known ? it->second.get<double>() : 1.0}, {"code", unit.value("code", "")}};
    if (unit.contains("system")) q["system"] = unit["system"];
    if (q["code"] == "Cel" && !known) q["value"] = 37.0;
    return {{"valueQuantity", q}};
  }
  ADD_FAILURE() << "an item of type " << type;
  return json::object();
}

json parameters(const json& qr) {
  return {{"resourceType", "Parameters"}, {"parameter", {{{"name", "questionnaire-response"}, {"resource", qr}}}}};
}

TEST_F(NextQuestion, RunsTheInterviewToCompletion) {
  start();
  json qr = {{"resourceType", "QuestionnaireResponse"}, {"status", "in-progress"}, {"subject", {{"reference", "Patient/p1"}}}};
  std::set<std::string> asked;
  const std::size_t most = hip()->findings().size();
  for (std::size_t round = 0;; ++round) {
    ASSERT_LE(round, most) << "the interview did not complete";
    // SDC's Parameters on odd rounds, a bare QuestionnaireResponse on even ones: both are taken.
    const json body = round % 2 ? parameters(qr) : qr;
    auto res = client().Post("/Questionnaire/posterior-hip/$next-question", body.dump(), "application/fhir+json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/fhir+json");
    json next = json::parse(res->body);
    EXPECT_EQ(next["resourceType"], "QuestionnaireResponse");
    EXPECT_EQ(next["questionnaire"], "#ardent-next");
    EXPECT_EQ(next["subject"]["reference"], "Patient/p1");
    const json& questions = next["contained"][0]["item"];
    const std::size_t answered = next.value("item", json::array()).size();
    EXPECT_EQ(answered, asked.size());
    if (next["status"] == "completed") {
      EXPECT_EQ(questions.size(), answered) << "no new question once complete";
      EXPECT_GE(asked.size(), 8u) << "the screen is asked first";
      EXPECT_TRUE(asked.count("saddle_anaesthesia"));
      return;
    }
    ASSERT_EQ(next["status"], "in-progress");
    ASSERT_EQ(questions.size(), answered + 1);
    const json& question = questions.back();
    EXPECT_TRUE(asked.insert(question["linkId"].get<std::string>()).second) << question["linkId"] << " asked twice";
    if (round == 0) {
      EXPECT_EQ(question["linkId"], "saddle_anaesthesia") << "the screen's first question first";
    }
    next["item"].push_back({{"linkId", question["linkId"]}, {"text", question["text"]}, {"answer", {answer(question)}}});
    qr = next;
  }
}

TEST_F(NextQuestion, Refusals) {
  start();
  const json qr = {{"resourceType", "QuestionnaireResponse"}, {"status", "in-progress"}};
  auto status = [&](const std::string& path, const json& body) {
    return client().Post(path.c_str(), body.dump(), "application/fhir+json")->status;
  };
  EXPECT_EQ(status("/Questionnaire/other/$next-question", qr), 404);
  EXPECT_EQ(status("/Questionnaire/posterior-hip/$next-question", json{{"resourceType", "Patient"}}), 400);
  EXPECT_EQ(status("/Questionnaire/posterior-hip/$next-question", json{{"resourceType", "Parameters"}, {"parameter", json::array()}}), 400);
  json wrong = qr;
  wrong["item"] = {{{"linkId", "fever"}, {"answer", {{{"valueString", "yes"}}}}}};
  EXPECT_EQ(status("/Questionnaire/posterior-hip/$next-question", wrong), 400);
}

}  // namespace
}  // namespace ardent::test
