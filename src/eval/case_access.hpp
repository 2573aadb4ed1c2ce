// The evaluator's (and the audit row's) view of a Case's raw storage, which the public header
// keeps private.
#pragma once

#include <cstdint>

#include "ardent/case.hpp"

namespace ardent::internal {

struct CaseAccess {
  static const std::uint8_t* states(const Case& c) { return c.state_.data(); }
  static const double* values(const Case& c) { return c.value_.data(); }
};

}  // namespace ardent::internal
