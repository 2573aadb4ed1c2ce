// Signed status changes of rule-set versions: what an approval or a retirement signs, and the
// check a registry with trusted keys makes before it loads a version.
#pragma once

#include <string>

#include "ardent/store.hpp"

namespace ardent::store {

// Throws Kind::Untrusted, naming the version and why, unless `v` is approved, not retired, and
// its approval is signed by one of `trusted` over what the version holds now.
void check_approval(const RulesetVersion& v, const TrustedKeys& trusted);

}  // namespace ardent::store
