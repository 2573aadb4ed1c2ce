#include "cli/repl_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "ardent/names.hpp"

namespace ardent::cli::repl {

namespace {

// A leading decimal number and what follows it (trimmed); nullopt when there is no number.
std::optional<std::pair<double, std::string_view>> leading_number(std::string_view text) {
  text = trim(text);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return std::make_pair(v, trim(std::string_view(end, static_cast<std::size_t>(text.data() + text.size() - end))));
}

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


std::variant<Value, std::string> parse_value(const FindingInfo& f, std::string_view text) {
  text = trim(text);
  if (text.empty()) return fmt::format("no value given for '{}'; expected {}", f.name, value_hint(f));
  const std::string word = lower(text);
  Value v;
  if (word == "?") return v;
  if (word == "unknown" &&
      !(f.type == FindingType::enumeration && std::find(f.values.begin(), f.values.end(), "unknown") != f.values.end()))
    return v;

  switch (f.type) {
    case FindingType::boolean:
      v.kind = Value::Kind::boolean;
      if (word == "yes" || word == "y" || word == "true") {
        v.flag = true;
        return v;
      }
      if (word == "no" || word == "n" || word == "false") return v;
      return fmt::format("finding '{}' is yes or no; got '{}' (use yes, no, or ? for unknown)", f.name, text);

    case FindingType::enumeration:
      for (std::uint32_t i = 0; i < f.values.size(); ++i)
        if (f.values[i] == text) {
          v.kind = Value::Kind::enumeration;
          v.index = i;
          return v;
        }
      if (auto guess = closest_name(text, f.values))
        return fmt::format("'{}' is not a value of '{}'; did you mean '{}'?", text, f.name, *guess);
      return fmt::format("'{}' is not a value of '{}' (one of: {})", text, f.name, domain_text(f));

    case FindingType::number: {
      auto n = leading_number(text);
      if (!n) return fmt::format("finding '{}' takes {}; got '{}'", f.name, value_hint(f), text);
      if (!n->second.empty() && (f.unit.empty() || lower(n->second) != lower(f.unit)))
        return f.unit.empty() ? fmt::format("finding '{}' takes a plain number; got '{}'", f.name, text)
                              : fmt::format("finding '{}' is in {}; got '{}'", f.name, f.unit, text);
      v.kind = Value::Kind::number;
      v.number = n->first;
      return v;
    }

    case FindingType::duration: {
      if (auto d = parse_duration(text)) {
        v.kind = Value::Kind::duration;
        v.number = d->amount;
        v.unit = d->unit;
        return v;
      }
      auto n = leading_number(text);
      if (n && n->second.empty())
        return fmt::format("finding '{}' is a duration: give a unit, e.g. '{} weeks'", f.name, format_number(n->first));
      return fmt::format("finding '{}' takes a duration such as '3 weeks'; got '{}'", f.name, text);
    }
  }
  return fmt::format("finding '{}' cannot take '{}'", f.name, text);
}

void apply(Case& c, std::uint32_t slot, const Value& v) {
  switch (v.kind) {
    case Value::Kind::unknown: c.set_unknown(slot); break;
    case Value::Kind::boolean: c.set_bool(slot, v.flag); break;
    case Value::Kind::number: c.set_number(slot, v.number); break;
    case Value::Kind::enumeration: c.set_enum(slot, v.index); break;
    case Value::Kind::duration: c.set_duration(slot, v.number, v.unit); break;
  }
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
