#include "eval/phrases.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "ardent/result.hpp"

namespace ardent {

std::string join_phrases(const std::vector<std::string>& phrases) { return eval::join_phrase_list(phrases); }

namespace eval {

namespace {

// A phrase is put together in one string: each piece appended, not a temporary per piece (an
// explanation is built for every red flag and condition of every rendered result).
void append_lower_first(std::string& out, std::string_view label) {
  const std::size_t first_at = out.size();
  out += label;
  if (label.empty()) return;
  const auto first = static_cast<unsigned char>(label[0]);
  const bool acronym = label.size() > 1 && std::isupper(static_cast<unsigned char>(label[1]));
  if (std::isupper(first) && !acronym) out[first_at] = static_cast<char>(std::tolower(first));
}

void append_enum_value_text(std::string& out, std::string_view value) {
  for (char ch : value) out += ch == '_' ? ' ' : ch;
}

}  // namespace

std::string lower_first(std::string_view label) {
  std::string s;
  append_lower_first(s, label);
  return s;
}

std::string enum_value_text(std::string_view value) {
  std::string s;
  append_enum_value_text(s, value);
  return s;
}

std::string value_phrase(const FindingInfo& f, double value) {
  const std::string& label = f.label.empty() ? f.name : f.label;
  std::string out;
  out.reserve(label.size() + 32);
  if (f.type == FindingType::boolean && value == 0) out += "no ";
  append_lower_first(out, label);
  switch (f.type) {
    case FindingType::boolean: break;
    case FindingType::enumeration: {
      const auto i = static_cast<std::size_t>(value);
      out += ": ";
      if (i < f.values.size()) append_enum_value_text(out, f.values[i]);
      else out += '?';
      break;
    }
    case FindingType::number:
      out += ": ";
      out += format_number(value);
      if (!f.unit.empty()) out.append(" ").append(f.unit);
      break;
    case FindingType::duration:
      out += ": ";
      out += format_duration(value);
      break;
  }
  return out;
}

}  // namespace eval
}  // namespace ardent
