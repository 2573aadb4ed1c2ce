// Numbers and durations as reports (readable) and the REPL (exact) write them.
#include <cmath>

#include <gtest/gtest.h>

#include "ardent/numbers.hpp"

namespace ardent {
namespace {

// A value and how each kind of Digits writes it.
struct Row {
  double value;
  const char* readable;
  const char* exact;
};

TEST(FormatNumber, ReadableAndExact) {
  const Row rows[] = {
      {54, "54", "54"},           {-3, "-3", "-3"},     {38.5, "38.5", "38.5"},
      {1.0 / 3, "0.3333", "0.3333333333333333"},      {123456.789, "1.235e+05", "123456.789"},
      {NAN, "unknown", "unknown"}, {0, "0", "0"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(format_number(r.value), r.readable) << r.value;
    EXPECT_EQ(format_number(r.value, Digits::exact), r.exact) << r.value;
  }
}

TEST(FormatDuration, LargestWholeUnitThenDays) {
  const Row rows[] = {  // values in days
      {42, "6 weeks", "6 weeks"},
      {1, "1 day", "1 day"},
      {90.0 / 1440, "90 minutes", "90 minutes"},
      {365.25, "1 year", "1 year"},
      {0, "0 days", "0 days"},
      {1.504, "1.5 days", "1.504 days"},  // readable rounds to hundredths of a day
      {0.0123, "0.3 hours", "0.0123 days"},  // below a day, readable speaks in hours
  };
  for (const Row& r : rows) {
    EXPECT_EQ(format_duration(r.value), r.readable) << r.value;
    EXPECT_EQ(format_duration(r.value, Digits::exact), r.exact) << r.value;
  }
}

// A case may hold any finite duration (fuzz_capi set 1e303 years): too many units for an integer,
// which the whole-unit form would have overflowed into.
TEST(FormatDuration, BeyondWholeUnits) {
  const Row rows[] = {
      {1e300, "1e+300 days", "1e+300 days"},
      {365.25e15, "3.652e+17 days", "3.6525e+17 days"},  // 1e15 years
      {365.25e15 - 365.25, "999999999999999 years", "999999999999999 years"},
      {1.6e308, "1.6e+308 days", "1.6e+308 days"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(format_duration(r.value), r.readable) << r.value;
    EXPECT_EQ(format_duration(r.value, Digits::exact), r.exact) << r.value;
  }
}

}  // namespace
}  // namespace ardent
