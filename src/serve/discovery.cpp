// Discovery (GET /cds-services): one service per hook, each with the prefetch templates that
// bring the service everything the rule set can read from FHIR (docs/fhir.md).
#include <set>

#include <fmt/format.h>

#include "ardent/vocabulary.hpp"
#include "fhir/items.hpp"
#include "serve/handlers.hpp"

namespace ardent::serve {

std::string operation_outcome(std::string_view issue, std::string_view message) {
  json o = {{"resourceType", "OperationOutcome"},
            {"issue", {{{"severity", "error"}, {"code", issue}, {"diagnostics", message}}}}};
  return o.dump(-1, ' ', false, json::error_handler_t::replace);
}

json parse_object(std::string_view body, std::string_view what) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw HttpError(400, "structure", fmt::format("the {} is not JSON", what));
  if (!j.is_object()) throw HttpError(400, "structure", fmt::format("the {} is not a JSON object", what));
  return j;
}

std::string service_id(const Ruleset& rs, std::string_view hook) {
  return fhir::detail::resource_id(rs.name()) + "-" + std::string(hook);
}

std::optional<std::string_view> hook_of(const Ruleset& rs, std::string_view id) {
  for (std::string_view hook : kHooks)
    if (service_id(rs, hook) == id) return hook;
  return std::nullopt;
}

namespace {

// "system|code,system|code": a FHIR token search for any of the codes, each once.
std::string code_list(const std::set<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

}  // namespace

json prefetch_templates(const Ruleset& rs) {
  json t = json::object();
  // The latest answers to the rule set's own Questionnaire (its canonical url, docs/fhir.md).
  t["questionnaireResponse"] = "QuestionnaireResponse?subject={{context.patientId}}&questionnaire=urn:ardent:ruleset:" +
                               rs.name() + "&_sort=-authored&_count=1";
  std::set<std::string> observed, conditions;
  for (const FindingInfo& f : rs.findings())
    for (const Code& code : f.codes) {
      const std::string token = std::string(system_uri(code)) + "|" + code.value;
      observed.insert(token);
      if (f.type == FindingType::boolean) conditions.insert(token);  // a Condition answers yes/no only
    }
  if (!observed.empty()) t["observations"] = "Observation?patient={{context.patientId}}&code=" + code_list(observed);
  if (!conditions.empty()) t["conditions"] = "Condition?patient={{context.patientId}}&code=" + code_list(conditions);
  return t;
}

std::string discovery(const Ruleset& rs) {
  const std::string title = rs.title().empty() ? rs.name() : rs.title();
  json services = json::array();
  for (std::string_view hook : kHooks)
    services.push_back(
        {{"hook", hook},
         {"title", fmt::format("{} ({})", title, hook)},
         {"description",
          fmt::format("Triage, red flags and suggested conditions from the Ardent rule set {} {} (sha256 {}), read "
                      "from the prefetched QuestionnaireResponse, Observations and Conditions. This version never "
                      "fetches from a FHIR server itself: a prefetch key that is absent is refused with 412.",
                      rs.name(), rs.version(), rs.hash())},
         {"id", service_id(rs, hook)},
         {"prefetch", prefetch_templates(rs)}});
  return json{{"services", std::move(services)}}.dump(2);
}

}  // namespace ardent::serve
