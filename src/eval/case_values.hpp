// Validation of one finding value against its declaration: the one place where a Case decides
// what it accepts and how a refusal is worded. Each function either writes the value into
// (state, value) or throws InputError, leaving them unchanged.
#pragma once

#include <cstdint>
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

inline void put_bool(const FindingInfo& f, Slot out, bool v) {
  if (f.type != FindingType::boolean) wrong_type(f, v ? "yes" : "no");
  out.state = static_cast<std::uint8_t>(FindingState::given);
  out.value = v ? 1.0 : 0.0;
}
void put_number(const FindingInfo& f, Slot out, double v);  // number findings; durations in days
void put_enum(const FindingInfo& f, Slot out, std::uint32_t index);
void put_enum(const FindingInfo& f, Slot out, std::string_view value);
void put_duration(const FindingInfo& f, Slot out, double amount, DurationUnit unit);
void put_duration_text(const FindingInfo& f, Slot out, std::string_view text);  // "6 weeks", "6 wks"
void put_unknown(Slot out);
// A value as a person types it: "yes", "7", "54 years", "6 wks", "day_after_activity", "?".
void put_text(const FindingInfo& f, Slot out, std::string_view text);

}  // namespace ardent::eval
