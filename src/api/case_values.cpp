#include "api/case_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace ardent::api {

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

[[noreturn]] void wrong_type(const FindingInfo& f, std::string_view got) {
  throw InputError(InputError::Kind::WrongType, f.name,
                   fmt::format("finding '{}' is {}; cannot set it to {}", f.name, describe(f.type), got));
}

void expect_type(const FindingInfo& f, FindingType t, std::string_view got) {
  if (f.type != t) wrong_type(f, got);
}

std::string domain(const FindingInfo& f) {
  std::string s;
  for (std::size_t i = 0; i < f.values.size(); ++i) s += (i ? ", " : "") + f.values[i];
  return s;
}

}  // namespace

const FindingInfo& finding_at(const Program& p, std::uint32_t slot) {
  if (slot >= p.findings.size())
    throw InputError(InputError::Kind::UnknownFinding, "#" + std::to_string(slot),
                     fmt::format("no finding with index {} (the rule set has {})", slot, p.findings.size()));
  return p.findings[slot];
}

std::uint32_t slot_of(const Program& p, std::string_view name) {
  auto it = std::lower_bound(p.finding_names.begin(), p.finding_names.end(), name,
                             [](const auto& e, std::string_view n) { return e.first < n; });
  if (it == p.finding_names.end() || it->first != name)
    throw InputError(InputError::Kind::UnknownFinding, std::string(name),
                     fmt::format("rule set '{}' has no finding '{}'", p.name, name));
  return it->second;
}

void put_bool(const FindingInfo& f, Slot out, bool v) {
  expect_type(f, FindingType::boolean, v ? "yes" : "no");
  out.state = kGiven;
  out.value = v ? 1.0 : 0.0;
}

void put_number(const FindingInfo& f, Slot out, double v) {
  if (f.type != FindingType::number && f.type != FindingType::duration)
    wrong_type(f, fmt::format("the number {}", v));
  if (!std::isfinite(v))
    throw InputError(InputError::Kind::OutOfRange, f.name, fmt::format("finding '{}' needs a finite number", f.name));
  if (f.type == FindingType::duration) {
    if (v < 0)
      throw InputError(InputError::Kind::OutOfRange, f.name,
                       fmt::format("finding '{}' is a duration and cannot be negative ({} days)", f.name, v));
  } else {
    const bool below = !std::isnan(f.min) && v < f.min;
    const bool above = !std::isnan(f.max) && v > f.max;
    if (below || above) {
      std::string range = std::isnan(f.min)   ? fmt::format("at most {}", f.max)
                          : std::isnan(f.max) ? fmt::format("at least {}", f.min)
                                              : fmt::format("{}..{}", f.min, f.max);
      throw InputError(InputError::Kind::OutOfRange, f.name,
                       fmt::format("{} is outside the range of finding '{}' ({})", v, f.name, range));
    }
    if (f.integer && v != std::floor(v))
      throw InputError(InputError::Kind::OutOfRange, f.name,
                       fmt::format("finding '{}' takes whole numbers; got {}", f.name, v));
  }
  out.state = kGiven;
  out.value = v;
}

void put_enum(const FindingInfo& f, Slot out, std::uint32_t index) {
  expect_type(f, FindingType::enumeration, fmt::format("value #{}", index));
  if (index >= f.values.size())
    throw InputError(InputError::Kind::OutOfDomain, f.name,
                     fmt::format("finding '{}' has {} values; no value #{}", f.name, f.values.size(), index));
  out.state = kGiven;
  out.value = index;
}

void put_enum(const FindingInfo& f, Slot out, std::string_view value) {
  expect_type(f, FindingType::enumeration, fmt::format("'{}'", value));
  for (std::uint32_t i = 0; i < f.values.size(); ++i)
    if (f.values[i] == value) {
      out.state = kGiven;
      out.value = i;
      return;
    }
  throw InputError(InputError::Kind::OutOfDomain, f.name,
                   fmt::format("'{}' is not a value of finding '{}' (one of: {})", value, f.name, domain(f)));
}

void put_duration(const FindingInfo& f, Slot out, double amount, DurationUnit unit) {
  expect_type(f, FindingType::duration, "a duration");
  if (!std::isfinite(amount) || amount < 0)
    throw InputError(InputError::Kind::OutOfRange, f.name,
                     fmt::format("finding '{}' needs a duration of zero or more", f.name));
  out.state = kGiven;
  out.value = amount * days_per(unit);
}

void put_unknown(Slot out) {
  out.state = kUnknown;
  out.value = 0;
}

}  // namespace ardent::api

