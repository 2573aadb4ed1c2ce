// Clinician-facing phrases built from labels: "no fever", "age: 54 years",
// "pain peak: day after activity", "symptom duration: 6 weeks".
#pragma once

#include <string>
#include <string_view>

#include "ardent/numbers.hpp"
#include "ardent/ruleset.hpp"

namespace ardent::eval {

// "Pain felt centrally" -> "pain felt centrally"; acronyms keep their case ("SLR test").
std::string lower_first(std::string_view label);

std::string enum_value_text(std::string_view value);  // "day_after_activity" -> "day after activity"

// The value of a given finding as a phrase; `value` as stored in a Case.
std::string value_phrase(const FindingInfo& f, double value);

}  // namespace ardent::eval
