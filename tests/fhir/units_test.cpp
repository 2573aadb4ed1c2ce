// The UCUM table of src/fhir: the unit words of rule sets, the codes EHRs send, and conversion
// between units of one dimension (never across dimensions).
#include <gtest/gtest.h>

#include "fhir/units.hpp"

namespace ardent::fhir::detail {
namespace {

struct Conversion {
  double value;
  const char* from;
  const char* to;
  double expected;
};

TEST(Units, ConvertWithinADimension) {
  const std::vector<Conversion> cases = {
      {2, "wk", "days", 14},           {14, "d", "weeks", 2},       {90, "min", "hours", 1.5},
      {1, "a", "months", 12},          {6, "mo", "weeks", 26.0892857142857},  // 30.4375-day months
      {48, "h", "d", 2},               {1, "years", "days", 365.25},
      {98.6, "[degF]", "Cel", 37},     {38.5, "Cel", "degrees Celsius", 38.5}, {37, "Cel", "[degF]", 98.6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.from) + " -> " + c.to);
    auto from = ucum_unit(c.from), to = ucum_unit(c.to);
    ASSERT_TRUE(from && to);
    auto v = convert(c.value, *from, *to);
    ASSERT_TRUE(v);
    EXPECT_NEAR(*v, c.expected, 1e-9);
  }
}

TEST(Units, AcrossDimensionsThereIsNoConversion) {
  EXPECT_FALSE(convert(1, *ucum_unit("wk"), *ucum_unit("Cel")));
}

TEST(Units, WordsWithoutAUcumUnit) {
  for (const char* word : {"points (0-10 numeric rating scale)", "MRC grade", "mg", "", "Weeks"})
    EXPECT_FALSE(ucum_unit(word)) << word;
}

TEST(Units, EveryDurationUnitHasItsUcumCode) {
  const std::vector<std::pair<DurationUnit, const char*>> cases = {
      {DurationUnit::minutes, "min"}, {DurationUnit::hours, "h"},   {DurationUnit::days, "d"},
      {DurationUnit::weeks, "wk"},    {DurationUnit::months, "mo"}, {DurationUnit::years, "a"}};
  for (const auto& [unit, code] : cases) {
    EXPECT_EQ(ucum_unit(unit).code, code);
    EXPECT_DOUBLE_EQ(ucum_unit(unit).scale, days_per(unit));
  }
}

}  // namespace
}  // namespace ardent::fhir::detail
