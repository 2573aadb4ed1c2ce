#include "cli/repl_values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>


namespace ardent::cli::repl {

namespace {

std::string range_text(const FindingInfo& f) {
  const bool lo = !std::isnan(f.min), hi = !std::isnan(f.max);
  if (lo && hi) return fmt::format("{}..{}", format_number(f.min), format_number(f.max));
  if (lo) return fmt::format("at least {}", format_number(f.min));
  if (hi) return fmt::format("at most {}", format_number(f.max));
  return "";
}

std::string domain_text(const FindingInfo& f) {
  std::string s;
  for (std::size_t i = 0; i < f.values.size(); ++i) s += (i ? ", " : "") + f.values[i];
  return s;
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}


std::string value_text(const Case& c, std::uint32_t slot) {
  switch (c.state(slot)) {
    case FindingState::not_asked: return "";
    case FindingState::unknown: return "unknown";
    case FindingState::given: break;
  }
  const FindingInfo& f = c.ruleset().findings()[slot];
  const double x = c.number(slot);
  switch (f.type) {
    case FindingType::boolean: return x != 0 ? "yes" : "no";
    case FindingType::enumeration: {
      const auto i = static_cast<std::size_t>(x);
      return i < f.values.size() ? f.values[i] : "?";
    }
    case FindingType::number: return format_number(x) + (f.unit.empty() ? "" : " " + f.unit);
    case FindingType::duration: return format_duration(x);
  }
  return "";
}

std::string value_hint(const FindingInfo& f) {
  switch (f.type) {
    case FindingType::boolean: return "y/n/?";
    case FindingType::enumeration: return "one of: " + domain_text(f);
    case FindingType::number: {
      std::string s = f.integer ? "a whole number" : "a number";
      const std::string range = range_text(f);
      if (!range.empty()) s += " " + range;
      if (!f.unit.empty()) s += " (" + f.unit + ")";
      return s;
    }
    case FindingType::duration: return "a duration such as 3 weeks";
  }
  return "a value";
}

std::vector<std::string> value_words(const FindingInfo& f) {
  std::vector<std::string> words;
  switch (f.type) {
    case FindingType::boolean: words = {"yes", "no"}; break;
    case FindingType::enumeration: words = f.values; break;
    case FindingType::number:
    case FindingType::duration: break;
  }
  if (std::find(words.begin(), words.end(), "unknown") == words.end()) words.push_back("unknown");
  return words;
}

}  // namespace ardent::cli::repl
