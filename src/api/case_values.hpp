// Validation of one finding value against its declaration, shared by the Case setters and
// Case::set_json. Each function either writes the value into (state, value) or throws
// InputError, leaving them unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "ardent/case.hpp"
#include "compile/program.hpp"

namespace ardent::api {

struct Slot {
  std::uint8_t& state;
  double& value;
};

const FindingInfo& finding_at(const Program& p, std::uint32_t slot);  // throws UnknownFinding
std::uint32_t slot_of(const Program& p, std::string_view name);      // throws UnknownFinding

void put_bool(const FindingInfo& f, Slot out, bool v);
void put_number(const FindingInfo& f, Slot out, double v);  // number findings; durations in days
void put_enum(const FindingInfo& f, Slot out, std::uint32_t index);
void put_enum(const FindingInfo& f, Slot out, std::string_view value);
void put_duration(const FindingInfo& f, Slot out, double amount, DurationUnit unit);
void put_unknown(Slot out);

}  // namespace ardent::api
