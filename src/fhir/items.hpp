// The pieces of the rule set's Questionnaire that other FHIR answers reuse: SDC's adaptive form
// ($next-question, src/serve) contains the items of the questions it has asked.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ardent/ruleset.hpp"

namespace ardent::fhir::detail {

// The Questionnaire item of one finding (docs/fhir.md): linkId, text, code, type, and the
// answer options, range and unit of its type.
nlohmann::ordered_json questionnaire_item(const FindingInfo& f);

// The rule set's name as a resource id (the Questionnaire's): '_' written as '-'.
std::string resource_id(std::string name);

}  // namespace ardent::fhir::detail
