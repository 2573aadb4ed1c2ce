#include <gtest/gtest.h>

#include "store/clock.hpp"

namespace ardent::store {
namespace {

TEST(Clock, UtcTimestampsSortAsTimes) {
  using namespace std::chrono;
  const system_clock::time_point t(seconds(1'700'000'000) + microseconds(42));
  EXPECT_EQ(utc_timestamp(t), "2023-11-14T22:13:20.000042Z");
  EXPECT_EQ(utc_timestamp(system_clock::time_point(seconds(0))), "1970-01-01T00:00:00.000000Z");
  EXPECT_LT(utc_timestamp(t), utc_timestamp(t + microseconds(1)));
  EXPECT_LT(utc_timestamp(t + microseconds(999'999)), utc_timestamp(t + seconds(1)));
}

TEST(Clock, UtcTimestampsAtTheEdgesOfADay) {
  using namespace std::chrono;
  EXPECT_EQ(utc_timestamp(system_clock::time_point(days(19'675) - microseconds(1))), "2023-11-13T23:59:59.999999Z");
  EXPECT_EQ(utc_timestamp(system_clock::time_point(days(19'675))), "2023-11-14T00:00:00.000000Z");
  EXPECT_EQ(utc_timestamp(system_clock::time_point(-microseconds(1))), "1969-12-31T23:59:59.999999Z");
  // Finer than microseconds is dropped, not rounded into the next second.
  EXPECT_EQ(utc_timestamp(system_clock::time_point(seconds(1) - nanoseconds(1))), "1970-01-01T00:00:00.999999Z");
}

struct PrefixCase {
  const char* text;
  bool valid;
};

TEST(Clock, TimestampPrefixes) {
  const PrefixCase cases[] = {
      {"2025", true},
      {"2025-03", true},
      {"2025-03-01", true},
      {"2025-03-01T09", true},
      {"2025-03-01T09:30", true},
      {"2025-03-01T09:30:00", true},
      {"2025-03-01T09:30:00Z", true},
      {"2025-03-01T09:30:00.5", true},
      {"2025-03-01T09:30:00.123456Z", true},
      {"2025-03-01T09:30:00.1234567", false},
      {"2025-0", false},
      {"2025-03-01 09:30", false},
      {"2025-3-1", false},
      {"2025-03-01Z", false},
      {"yesterday", false},
      {"", false},
      {"20250301", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_timestamp_prefix(c.text), c.valid) << "'" << c.text << "'";
}

}  // namespace
}  // namespace ardent::store
