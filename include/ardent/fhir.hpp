// FHIR R4 (docs/fhir.md): the Questionnaire of a rule set, for EHRs and SDC form fillers, and
// FHIR resources as the findings of a Case.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/ruleset.hpp"

namespace ardent::fhir {

// The rule set's FHIR R4 Questionnaire (SDC), as JSON text indented by `indent` spaces (-1: on
// one line). One item per finding, its linkId the finding's name; the screen's findings first,
// in a group of their own.
std::string questionnaire(const Ruleset& ruleset, int indent = 2);

// Sets findings of `c` from a FHIR R4 Bundle or a single resource (JSON text):
// QuestionnaireResponse answers by linkId, Observations and Conditions by the codes the findings
// declare. Per finding the latest answer wins; answers of the latest time that disagree make it
// unknown, and say so twice: in the returned texts, which name the resources, and among the
// case's warnings (Case::warnings), which every evaluation of the case reports. Throws InputError, its message naming the resource
// and the path, for input that cannot be read or converted; all or nothing, like Case::set_json.
std::vector<std::string> set_case(Case& c, std::string_view json);

}  // namespace ardent::fhir
