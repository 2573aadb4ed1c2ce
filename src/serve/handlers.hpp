// The service's answers, apart from HTTP: each handler takes the request's parts and returns a
// body, or throws HttpError, which the server (service.cpp) writes as a FHIR OperationOutcome.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "ardent/ruleset.hpp"
#include "ardent/store.hpp"

namespace ardent::serve {

using json = nlohmann::ordered_json;

// A refusal: the HTTP status, and the FHIR issue type of the OperationOutcome (invalid,
// structure, not-found, not-supported, too-costly, security, exception, ...).
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string issue, const std::string& message)
      : std::runtime_error(message), status_(status), issue_(std::move(issue)) {}
  int status() const { return status_; }
  const std::string& issue() const { return issue_; }

 private:
  int status_;
  std::string issue_;
};

// {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": issue,
// "diagnostics": message}]}
std::string operation_outcome(std::string_view issue, std::string_view message);

// Parses a request body that must be a JSON object (400 otherwise).
json parse_object(std::string_view body, std::string_view what);

// The hooks the service answers, and the id of the rule set's service for each.
inline constexpr std::string_view kHooks[] = {"patient-view", "encounter-start"};
std::string service_id(const Ruleset& rs, std::string_view hook);
// The hook of a service id of this rule set; nullopt for an id it does not serve.
std::optional<std::string_view> hook_of(const Ruleset& rs, std::string_view id);

// The prefetch templates of the rule set: the patient's latest QuestionnaireResponse to its
// Questionnaire, and searches for the Observations and Conditions whose codes findings declare.
json prefetch_templates(const Ruleset& rs);
// GET /cds-services.
std::string discovery(const Ruleset& rs);

struct HookCall {
  RulesetPtr rules;
  std::string service;     // the service id of the URL
  std::string source_url;  // the cards' source.url
  store::Audit* audit = nullptr;
};
// POST /cds-services/{id}: {"cards": [...]}.
std::string hook_cards(const HookCall& call, std::string_view body);

// POST /cds-services/{id}/feedback: checks the feedback and records each item in the audit log
// (when there is one). Returns how many items were recorded.
std::size_t feedback(const Ruleset& rs, std::string_view service, std::string_view body, store::Audit* audit);

// POST /Questionnaire/{id}/$next-question: the QuestionnaireResponse with the next question.
// 404 for a Questionnaire id that is not the rule set's.
std::string next_question(const RulesetPtr& rules, std::string_view questionnaire_id, std::string_view body);

}  // namespace ardent::serve
