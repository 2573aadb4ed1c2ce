#include "eval/case_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "ardent/numbers.hpp"
#include "ardent/names.hpp"

namespace ardent::eval {

namespace {

constexpr auto kGiven = static_cast<std::uint8_t>(FindingState::given);
constexpr auto kUnknown = static_cast<std::uint8_t>(FindingState::unknown);

std::string describe(FindingType t) {
  switch (t) {
    case FindingType::boolean: return "a yes/no finding";
    case FindingType::enumeration: return "a choice finding";
    case FindingType::number: return "a number finding";
    case FindingType::duration: return "a duration finding";
  }
  return "a finding";
}

std::string domain(const FindingInfo& f) {
  std::string s;
  for (std::size_t i = 0; i < f.values.size(); ++i) s += (i ? ", " : "") + f.values[i];
  return s;
}

std::string range(const FindingInfo& f) {
  if (std::isnan(f.min)) return "at most " + format_number(f.max, Digits::exact);
  if (std::isnan(f.max)) return "at least " + format_number(f.min, Digits::exact);
  return format_number(f.min, Digits::exact) + ".." + format_number(f.max, Digits::exact);
}

[[noreturn]] void out_of_range(const FindingInfo& f, const std::string& message) {
  throw InputError(InputError::Kind::OutOfRange, f.name, message);
}

// A number as typed, with what follows it; std::errc::result_out_of_range reads as infinite so
// that "1e309" meets the same "finite number" refusal as JSON's 1e309.
struct TypedNumber {
  double value = 0;
  std::string_view rest;
};
std::optional<TypedNumber> leading_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  TypedNumber n;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n.value);
  if (end == text.data()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) n.value = text.front() == '-' ? -HUGE_VAL : HUGE_VAL;
  else if (ec != std::errc()) return std::nullopt;
  n.rest = std::string_view(end, static_cast<std::size_t>(text.data() + text.size() - end));
  while (!n.rest.empty() && (n.rest.front() == ' ' || n.rest.front() == '\t')) n.rest.remove_prefix(1);
  return n;
}

bool same_word(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool is_unknown_word(const FindingInfo& f, std::string_view word) {
  if (word == "?") return true;
  if (!same_word(word, "unknown")) return false;
  // A choice finding may itself have a value called "unknown"; then the word is that value.
  return std::find(f.values.begin(), f.values.end(), "unknown") == f.values.end();
}

std::optional<bool> yes_no(std::string_view word) {
  for (auto w : {"yes", "true", "y"})
    if (same_word(word, w)) return true;
  for (auto w : {"no", "false", "n"})
    if (same_word(word, w)) return false;
  return std::nullopt;
}

}  // namespace

[[noreturn]] void given_twice(const FindingInfo& f) {
  throw InputError(InputError::Kind::Duplicate, f.name,
                   fmt::format("finding '{}' is given twice; give each finding once", f.name));
}

[[noreturn]] void wrong_type(const FindingInfo& f, std::string_view got) {
  throw InputError(InputError::Kind::WrongType, f.name,
                   fmt::format("finding '{}' is {}; cannot set it to {}", f.name, describe(f.type), got));
}

void no_finding_at(const Program& p, std::uint32_t slot) {
  throw InputError(InputError::Kind::OutOfRange, "#" + std::to_string(slot),
                   fmt::format("no finding with index {} (the rule set has {})", slot, p.findings.size()));
}

// Names and values from outside must be text before they can be compared or shown.
void require_utf8(std::string_view what, std::string_view text) {
  if (!valid_utf8(text))
    throw InputError(InputError::Kind::Malformed, "",
                     fmt::format("{} is not valid UTF-8: {}", what, ardent::in_quotes(text)));
}

std::uint32_t slot_of(const Program& p, std::string_view name) {
  // Every declared name is valid UTF-8, so a name found needs no check; one not found does, to
  // say which is wrong.
  if (const std::uint32_t slot = p.finding_names.find(name); slot != prog::NameIndex::kNone) return slot;
  require_utf8("the finding name", name);
  std::vector<std::string_view> names;
  names.reserve(p.findings.size());
  for (const auto& f : p.findings) names.push_back(f.name);
  throw InputError(InputError::Kind::UnknownFinding, std::string(name),
                   fmt::format("rule set '{}' has no finding {}{}", p.name, ardent::in_quotes(name), did_you_mean(name, names)));
}

void put_number(const FindingInfo& f, Slot out, double v) {
  if (NumberRange(f).fits(v)) return put_checked(out, v);
  // Refused: say why, in the order a reader checks.
  if (f.type != FindingType::number && f.type != FindingType::duration)
    wrong_type(f, "the number " + format_number(v, Digits::exact));
  if (!std::isfinite(v)) out_of_range(f, fmt::format("finding '{}' needs a finite number", f.name));
  if (f.type == FindingType::duration) {
    if (v < 0)
      out_of_range(f, fmt::format("finding '{}' is a duration and cannot be negative ({} days)", f.name,
                                  format_number(v, Digits::exact)));
  } else {
    if ((!std::isnan(f.min) && v < f.min) || (!std::isnan(f.max) && v > f.max))
      out_of_range(f, fmt::format("{} is outside the range of finding '{}' ({})", format_number(v, Digits::exact),
                                  f.name, range(f)));
    if (f.integer && !is_whole(v))
      out_of_range(f, fmt::format("finding '{}' takes whole numbers; got {}", f.name, format_number(v, Digits::exact)));
  }
  out.state = kGiven;
  out.value = v;
}

void check_any_column_value(const FindingInfo& f, double v) {
  std::uint8_t trial_state = 0;
  double trial_value = 0;
  const Slot trial{trial_state, trial_value};
  switch (f.type) {
    case FindingType::boolean:
      if (std::isnan(v))
        throw InputError(InputError::Kind::WrongType, f.name, "finding '" + f.name + "' is a yes/no finding; NaN is no answer");
      break;
    case FindingType::enumeration:
      if (!(v >= 0 && v == std::floor(v) && v < 4294967296.0))
        throw InputError(InputError::Kind::OutOfDomain, f.name,
                         "finding '" + f.name + "' takes a value's index, not " + std::to_string(v));
      put_enum(f, trial, static_cast<std::uint32_t>(v));
      break;
    default:
      if (!NumberRange(f).fits(v)) put_number(f, trial, v);  // throws the setter's refusal
  }
}

void put_enum(const FindingInfo& f, Slot out, std::uint32_t index) {
  if (f.type != FindingType::enumeration) wrong_type(f, fmt::format("value #{}", index));
  if (index >= f.values.size())
    throw InputError(InputError::Kind::OutOfDomain, f.name,
                     fmt::format("finding '{}' has {} values; no value #{}", f.name, f.values.size(), index));
  out.state = kGiven;
  out.value = index;
}

void put_enum(const FindingInfo& f, Slot out, std::string_view value) {
  require_utf8("the value of finding '" + f.name + "'", value);
  if (f.type != FindingType::enumeration) wrong_type(f, ardent::in_quotes(value));
  for (std::uint32_t i = 0; i < f.values.size(); ++i)
    if (f.values[i] == value) {
      out.state = kGiven;
      out.value = i;
      return;
    }
  throw InputError(InputError::Kind::OutOfDomain, f.name,
                   fmt::format("{} is not a value of finding '{}' (one of: {}){}", ardent::in_quotes(value), f.name, domain(f),
                               did_you_mean(value, f.values)));
}

void put_duration(const FindingInfo& f, Slot out, double amount, DurationUnit unit) {
  if (f.type != FindingType::duration) wrong_type(f, "a duration");
  const double days = amount * days_per(unit);
  if (!std::isfinite(days) || amount < 0)
    out_of_range(f, fmt::format("finding '{}' needs a finite duration of zero or more", f.name));
  out.state = kGiven;
  out.value = days;
}

void put_duration_text(const FindingInfo& f, Slot out, std::string_view text) {
  if (f.type != FindingType::duration) wrong_type(f, ardent::in_quotes(text));
  auto n = leading_number(text);
  if (n && !n->rest.empty())
    if (auto unit = parse_duration_unit(n->rest)) return put_duration(f, out, n->value, *unit);
  throw InputError(InputError::Kind::WrongType, f.name,
                   fmt::format("finding '{}' needs a duration such as '6 weeks'; got {}", f.name, ardent::in_quotes(text)));
}

void put_unknown(Slot out) {
  out.state = kUnknown;
  out.value = 0;
}

void put_text(const FindingInfo& f, Slot out, std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty())
    throw InputError(InputError::Kind::WrongType, f.name, fmt::format("no value given for finding '{}'", f.name));
  if (is_unknown_word(f, text)) return put_unknown(out);
  if (f.type == FindingType::enumeration) return put_enum(f, out, text);
  if (auto flag = yes_no(text)) return put_bool(f, out, *flag);
  auto n = leading_number(text);
  if (!n && f.type == FindingType::duration) return put_duration_text(f, out, text);
  if (!n) wrong_type(f, ardent::in_quotes(text));
  if (n->rest.empty()) {
    if (f.type == FindingType::duration)
      throw InputError(InputError::Kind::WrongType, f.name,
                       fmt::format("finding '{}' is a duration: give a unit, e.g. '{} weeks'", f.name,
                                   format_number(n->value, Digits::exact)));
    return put_number(f, out, n->value);
  }
  // "54 years" for a number finding declared in years.
  if (f.type == FindingType::number && !f.unit.empty()) {
    if (same_word(n->rest, f.unit)) return put_number(f, out, n->value);
    throw InputError(InputError::Kind::WrongType, f.name,
                     fmt::format("finding '{}' is in {}; cannot set it to {}", f.name, f.unit, ardent::in_quotes(text)));
  }
  if (f.type == FindingType::duration) return put_duration_text(f, out, text);
  wrong_type(f, ardent::in_quotes(text));
}

}  // namespace ardent::eval
