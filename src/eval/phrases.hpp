// Clinician-facing phrases built from labels: "no fever", "age: 54 years",
// "pain peak: day after activity", "symptom duration: 6 weeks".
#pragma once

#include <iterator>
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

// join_phrases() over any list of texts (strings or views): "a", "a and b", "a, b and c".
template <class Phrases>
std::string join_phrase_list(const Phrases& phrases) {
  std::size_t size = 0;
  for (const auto& p : phrases) size += std::string_view(p).size() + 2;
  std::string out;
  out.reserve(size + 3);
  std::size_t i = 0;
  for (const auto& p : phrases) {
    if (i > 0) out += (i + 1 == std::size(phrases)) ? " and " : ", ";
    out += std::string_view(p);
    ++i;
  }
  return out;
}

}  // namespace ardent::eval
