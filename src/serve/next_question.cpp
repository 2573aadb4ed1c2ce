// SDC's adaptive form (POST /Questionnaire/{id}/$next-question,
// http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-next-question): the interview of
// docs/interview.md over HTTP. The answers so far are read as any QuestionnaireResponse is
// (fhir::set_case); the response comes back holding a contained Questionnaire of the questions
// answered plus the interview's next one, or with status `completed` when the interview is.
#include <fmt/format.h>

#include "ardent/case.hpp"
#include "ardent/fhir.hpp"
#include "ardent/result.hpp"
#include "fhir/items.hpp"
#include "serve/handlers.hpp"

namespace ardent::serve {

namespace {

constexpr const char* kAdaptiveProfile = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-adapt";
constexpr const char* kContainedId = "ardent-next";

// SDC sends a Parameters with the QuestionnaireResponse as its `questionnaire-response`
// parameter; a bare QuestionnaireResponse is taken too.
json response_of(const json& body) {
  const std::string type = body.value("resourceType", "");
  if (type == "QuestionnaireResponse") return body;
  if (type != "Parameters")
    throw HttpError(400, "structure",
                    fmt::format("$next-question takes a Parameters or a QuestionnaireResponse, not '{}'",
                                type.empty() ? "a JSON object without resourceType" : type));
  if (auto list = body.find("parameter"); list != body.end() && list->is_array())
    for (const auto& p : *list)
      if (p.is_object() && p.value("name", "") == "questionnaire-response") {
        auto r = p.find("resource");
        if (r == p.end() || !r->is_object() || r->value("resourceType", "") != "QuestionnaireResponse")
          throw HttpError(400, "structure", "the parameter 'questionnaire-response' holds no QuestionnaireResponse");
        return *r;
      }
  throw HttpError(400, "required", "the Parameters have no 'questionnaire-response' parameter");
}

// The answered items of the rule set's findings, flattened out of groups and nested answers,
// in the order they came.
void answered_items(const Ruleset& rs, const json& list, json& out) {
  if (!list.is_array()) return;
  for (const auto& item : list) {
    if (!item.is_object()) continue;
    const auto answers = item.value("answer", json::array());
    if (rs.finding_index(item.value("linkId", "")) && answers.is_array() && !answers.empty()) {
      json kept = {{"linkId", item["linkId"]}};
      if (item.contains("text")) kept["text"] = item["text"];
      kept["answer"] = json::array();
      for (json a : answers) {
        if (a.is_object()) a.erase("item");
        kept["answer"].push_back(std::move(a));
      }
      out.push_back(std::move(kept));
    }
    answered_items(rs, item.value("item", json::array()), out);
    if (answers.is_array())
      for (const auto& a : answers)
        if (a.is_object()) answered_items(rs, a.value("item", json::array()), out);
  }
}

}  // namespace

std::string next_question(const RulesetPtr& rules, std::string_view questionnaire_id, std::string_view body_text) {
  const Ruleset& rs = *rules;
  const std::string id = fhir::detail::resource_id(rs.name());
  if (questionnaire_id != id)
    throw HttpError(404, "not-found", fmt::format("no Questionnaire '{}' here (this service has '{}')", questionnaire_id, id));
  const json qr = response_of(parse_object(body_text, "$next-question request"));

  Case c(rules);
  try {
    fhir::set_case(c, qr.dump());
  } catch (const InputError& e) {
    throw HttpError(400, "invalid", fmt::format("the QuestionnaireResponse cannot be read: {}", e.what()));
  }
  Result r;
  evaluate(c, r);

  json items = json::array();
  answered_items(rs, qr.value("item", json::array()), items);
  json questions = json::array();
  for (const auto& item : items) questions.push_back(fhir::detail::questionnaire_item(rs.findings()[*rs.finding_index(item["linkId"].get<std::string>())]));
  const bool complete = r.complete();
  if (!complete) questions.push_back(fhir::detail::questionnaire_item(rs.findings()[r.ask_next().front().finding]));

  json questionnaire = {{"resourceType", "Questionnaire"},
                        {"id", kContainedId},
                        {"meta", {{"profile", {kAdaptiveProfile}}}},
                        {"derivedFrom", {"urn:ardent:ruleset:" + rs.name()}},
                        {"status", "active"},
                        {"subjectType", {"Patient"}},
                        {"item", std::move(questions)}};
  json out = {{"resourceType", "QuestionnaireResponse"}};
  if (qr.contains("id")) out["id"] = qr["id"];
  out["contained"] = json::array({std::move(questionnaire)});
  out["questionnaire"] = std::string("#") + kContainedId;
  out["status"] = complete ? "completed" : "in-progress";
  for (const char* key : {"subject", "encounter", "authored", "author"})
    if (qr.contains(key)) out[key] = qr[key];
  if (!items.empty()) out["item"] = std::move(items);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace ardent::serve
