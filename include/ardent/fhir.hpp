// FHIR R4 (docs/fhir.md): the Questionnaire of a rule set, for EHRs and SDC form fillers.
#pragma once

#include <string>

#include "ardent/ruleset.hpp"

namespace ardent::fhir {

// The rule set's FHIR R4 Questionnaire (SDC), as JSON text indented by `indent` spaces (-1: on
// one line). One item per finding, its linkId the finding's name; the screen's findings first,
// in a group of their own.
std::string questionnaire(const Ruleset& ruleset, int indent = 2);

}  // namespace ardent::fhir
