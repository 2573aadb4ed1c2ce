// Timestamps as the store writes them: UTC, ISO 8601, microseconds, so that text order is
// time order ("2025-03-01T09:30:00.000123Z").
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ardent::store {

std::string utc_timestamp(std::chrono::system_clock::time_point t);
inline std::string utc_now() { return utc_timestamp(std::chrono::system_clock::now()); }

// A prefix of that form a user may type: "2025-03-01", "2025-03-01T09", "2025-03-01T09:30:00Z"...
bool is_timestamp_prefix(std::string_view text);

}  // namespace ardent::store
