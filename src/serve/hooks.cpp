// A hook call (POST /cds-services/{id}): the request checked, its prefetch read as a case
// (fhir::set_case), the case evaluated, and the cards written by the card renderer.
#include <chrono>

#include <fmt/format.h>

#include "ardent/case.hpp"
#include "ardent/fhir.hpp"
#include "ardent/format.hpp"
#include "ardent/names.hpp"
#include "ardent/result.hpp"
#include "serve/handlers.hpp"

namespace ardent::serve {

namespace {

// A member that must be a string (not empty); 400 naming it otherwise.
std::string required_string(const json& holder, const char* key, std::string_view where) {
  auto it = holder.find(key);
  if (it == holder.end()) throw HttpError(400, "required", fmt::format("{} has no '{}'", where, key));
  if (!it->is_string() || it->get_ref<const std::string&>().empty())
    throw HttpError(400, "structure", fmt::format("{}'s '{}' is not a non-empty string", where, key));
  return it->get<std::string>();
}

std::string optional_string(const json& holder, const char* key) {
  auto it = holder.find(key);
  return it != holder.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct HookRequest {
  std::string hook, instance, patient, encounter, user;
  json prefetch = json::object();
};

// The CDS Hooks request (https://cds-hooks.org/specification/current/#http-request-1).
HookRequest read_request(const json& body, std::string_view expected_hook) {
  HookRequest r;
  r.hook = required_string(body, "hook", "the request");
  if (r.hook != expected_hook)
    throw HttpError(400, "invalid", fmt::format("the request is for the hook '{}', but this service answers '{}'",
                                                r.hook, expected_hook));
  r.instance = required_string(body, "hookInstance", "the request");
  if (!body.contains("context") || !body["context"].is_object())
    throw HttpError(400, "required", "the request has no 'context' object");
  const json& context = body["context"];
  r.patient = required_string(context, "patientId", "the context");
  if (r.hook == "encounter-start") r.encounter = required_string(context, "encounterId", "the context");
  else r.encounter = optional_string(context, "encounterId");
  r.user = optional_string(context, "userId");
  if (body.contains("prefetch")) {
    if (!body["prefetch"].is_object()) throw HttpError(400, "structure", "the request's 'prefetch' is not an object");
    r.prefetch = body["prefetch"];
  }
  if (body.contains("fhirServer") && !body["fhirServer"].is_string())
    throw HttpError(400, "structure", "the request's 'fhirServer' is not a string");
  return r;
}

// Every key of the discovery's templates must be in the prefetch: the service does not fetch
// from fhirServer itself (in this version), so without a key it would judge on less than it
// asked for. A key sent as null (the client's fetch failed or found nothing) is read as no
// resources.
void require_prefetch(const Ruleset& rs, const HookRequest& r, bool has_fhir_server) {
  const json templates = prefetch_templates(rs);
  std::string missing;
  for (const auto& [key, _] : templates.items())
    if (!r.prefetch.contains(key)) missing += (missing.empty() ? "" : ", ") + in_quotes(key);
  if (missing.empty()) return;
  throw HttpError(412, "incomplete",
                  fmt::format("the prefetch has no {}{}", missing,
                              has_fhir_server ? "; this service does not fetch from fhirServer itself in this version"
                                              : " and no fhirServer was given"));
}

// A resource about another patient than the context's must not decide this patient's cards: a
// resource whose subject (or patient) names a Patient names the context's one, as
// "Patient/ID" or a URL ending in it. Bundles are checked entry by entry.
void require_same_patient(const json& resource, const std::string& patient, const std::string& where) {
  if (!resource.is_object()) return;
  if (auto entries = resource.find("entry"); entries != resource.end() && entries->is_array())
    for (std::size_t i = 0; i < entries->size(); ++i)
      if ((*entries)[i].is_object() && (*entries)[i].contains("resource"))
        require_same_patient((*entries)[i]["resource"], patient, fmt::format("{}.entry[{}].resource", where, i));
  const std::string expected = "Patient/" + patient;
  for (const char* key : {"subject", "patient"}) {
    auto ref = resource.find(key);
    if (ref == resource.end() || !ref->is_object() || !ref->contains("reference") || !(*ref)["reference"].is_string()) continue;
    const std::string& r = (*ref)["reference"].get_ref<const std::string&>();
    if (!r.starts_with("Patient/") && r.find("/Patient/") == std::string::npos) continue;
    if (r != expected && !r.ends_with("/" + expected))
      throw HttpError(400, "invalid", fmt::format("{}.{} is '{}', another patient than the context's '{}'", where, key, r, patient));
  }
}

// The prefetched resources as one Bundle, key by key (a search's Bundle stays a Bundle inside it).
std::string prefetch_bundle(const json& prefetch, const std::string& patient) {
  json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", json::array()}};
  for (const auto& [key, resource] : prefetch.items()) {
    if (resource.is_null()) continue;
    if (!resource.is_object())
      throw HttpError(400, "structure", fmt::format("the prefetch {} is not a FHIR resource", in_quotes(key)));
    require_same_patient(resource, patient, "prefetch." + key);
    bundle["entry"].push_back({{"fullUrl", "urn:prefetch:" + key}, {"resource", resource}});
  }
  return bundle.dump();
}

}  // namespace

std::string hook_cards(const HookCall& call, std::string_view body_text) {
  const Ruleset& rs = *call.rules;
  const auto hook = hook_of(rs, call.service);
  if (!hook) throw HttpError(404, "not-found", fmt::format("no CDS service {} here", in_quotes(call.service)));
  const json body = parse_object(body_text, "CDS Hooks request");
  const HookRequest request = read_request(body, *hook);
  require_prefetch(rs, request, body.contains("fhirServer"));

  const auto start = std::chrono::steady_clock::now();
  Case c(call.rules);
  try {
    fhir::set_case(c, prefetch_bundle(request.prefetch, request.patient));
  } catch (const InputError& e) {
    throw HttpError(400, "invalid", fmt::format("the prefetch cannot be read: {}", e.what()));
  }
  Result r;
  evaluate(c, r);
  const std::string cards = format_cds_cards(c, r, CdsOptions{.indent = -1, .source_url = call.source_url});
  if (call.audit) {
    // The row names the hook call and its cards, so that feedback (by card uuid) finds its evaluation.
    store::AuditContext context{request.encounter, request.user, {}};
    context.tags = {{"cds.service", call.service}, {"cds.hookInstance", request.instance}, {"cds.patient", request.patient}};
    const json sent = json::parse(cards);
    std::string uuids;
    for (const auto& card : sent["cards"]) uuids += (uuids.empty() ? "" : " ") + card["uuid"].get<std::string>();
    context.tags["cds.cards"] = uuids;
    call.audit->record(c, r, context, std::chrono::steady_clock::now() - start);
  }
  return cards;
}

}  // namespace ardent::serve
