#include "eval/phrases.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "ardent/result.hpp"

namespace ardent {

std::string join_phrases(const std::vector<std::string>& phrases) {
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    if (i > 0) out += (i + 1 == phrases.size()) ? " and " : ", ";
    out += phrases[i];
  }
  return out;
}

namespace eval {

std::string lower_first(std::string_view label) {
  std::string s(label);
  if (s.empty()) return s;
  const auto first = static_cast<unsigned char>(s[0]);
  const bool acronym = s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]));
  if (std::isupper(first) && !acronym) s[0] = static_cast<char>(std::tolower(first));
  return s;
}


std::string enum_value_text(std::string_view value) {
  std::string s(value);
  for (auto& ch : s)
    if (ch == '_') ch = ' ';
  return s;
}

std::string value_phrase(const FindingInfo& f, double value) {
  const std::string label = lower_first(f.label.empty() ? f.name : f.label);
  switch (f.type) {
    case FindingType::boolean: return value != 0 ? label : "no " + label;
    case FindingType::enumeration: {
      const auto i = static_cast<std::size_t>(value);
      return label + ": " + (i < f.values.size() ? enum_value_text(f.values[i]) : "?");
    }
    case FindingType::number:
      return label + ": " + format_number(value) + (f.unit.empty() ? "" : " " + f.unit);
    case FindingType::duration: return label + ": " + format_duration(value);
  }
  return label;
}

}  // namespace eval
}  // namespace ardent
