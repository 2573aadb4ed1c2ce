// Validation of one finding value against its declaration: the one place where a Case decides
// what it accepts and how a refusal is worded. Each function either writes the value into
// (state, value) or throws InputError, leaving them unchanged.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "ardent/case.hpp"
#include "compile/program.hpp"

namespace ardent::eval {

struct Slot {
  std::uint8_t& state;
  double& value;
};

[[noreturn]] void no_finding_at(const Program& p, std::uint32_t slot);  // throws OutOfRange
// Inline, as put_bool below: setting many findings in one call then costs a few instructions each.
inline const FindingInfo& finding_at(const Program& p, std::uint32_t slot) {
  if (slot >= p.findings.size()) no_finding_at(p, slot);
  return p.findings[slot];
}
std::uint32_t slot_of(const Program& p, std::string_view name);      // throws UnknownFinding

// An input that names the same finding twice is ambiguous: which answer is the patient's?
[[noreturn]] void given_twice(const FindingInfo& f);
[[noreturn]] void wrong_type(const FindingInfo& f, std::string_view got);  // got: "the number 3", "'x'"

// A value already checked against its finding, as every put_ function stores it.
inline void put_checked(Slot out, double v) {
  out.state = static_cast<std::uint8_t>(FindingState::given);
  out.value = v;
}
inline void put_bool(const FindingInfo& f, Slot out, bool v) {
  if (f.type != FindingType::boolean) wrong_type(f, v ? "yes" : "no");
  put_checked(out, v ? 1.0 : 0.0);
}
// Whether a finite `v` is a whole number (from 2^52 on, every double is), without the library
// call floor() becomes on processors before SSE4.1.
inline bool is_whole(double v) {
  return !(std::fabs(v) < 0x1p52) || v == static_cast<double>(static_cast<std::int64_t>(v));
}

// What put_number() takes for a finding as it is: a finite number in the finding's range (whole
// when it must be), or a duration of 0 days or more. Inline and copied out of the finding, for
// checking a column of numbers in a tight loop.
struct NumberRange {
  explicit NumberRange(const FindingInfo& f) : type(f.type), min(f.min), max(f.max), whole(f.integer) {}
  bool fits(double v) const {
    if (type == FindingType::duration) return v >= 0 && v <= std::numeric_limits<double>::max();
    return type == FindingType::number && std::isfinite(v) && !(v < min) && !(v > max) && (!whole || is_whole(v));
  }
  FindingType type;
  double min, max;
  bool whole;
};
void put_number(const FindingInfo& f, Slot out, double v);  // number findings; durations in days
// A value as a table's column holds it, checked as the single setter of the finding's type
// checks it: a yes/no value is any number but NaN (which throws), an enum value its index.
void check_any_column_value(const FindingInfo& f, double v);
// The same, with the most common value, a number in its range, accepted inline.
inline void check_column_value(const FindingInfo& f, double v) {
  if (f.type == FindingType::number && NumberRange(f).fits(v)) return;
  check_any_column_value(f, v);
}
void put_enum(const FindingInfo& f, Slot out, std::uint32_t index);
void put_enum(const FindingInfo& f, Slot out, std::string_view value);
void put_duration(const FindingInfo& f, Slot out, double amount, DurationUnit unit);
void put_duration_text(const FindingInfo& f, Slot out, std::string_view text);  // "6 weeks", "6 wks"
void put_unknown(Slot out);
// A value as a person types it: "yes", "7", "54 years", "6 wks", "day_after_activity", "?".
void put_text(const FindingInfo& f, Slot out, std::string_view text);

}  // namespace ardent::eval
