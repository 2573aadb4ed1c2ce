#include "fhir/units.hpp"

#include <array>

namespace ardent::fhir::detail {

namespace {

struct UnitRow {
  std::string_view word;  // as rule sets write it
  UcumUnit unit;
};

// Times take their length in days from the vocabulary (a month is 30.4375 days, a year 365.25),
// so that a FHIR duration and a case's duration agree.
constexpr UcumUnit time_unit(std::string_view code, DurationUnit u) {
  return {code, to_string(u), Dimension::time, days_per(u), 0};
}

constexpr std::array<UnitRow, 7> kUnits = {{
    {"minutes", time_unit("min", DurationUnit::minutes)},
    {"hours", time_unit("h", DurationUnit::hours)},
    {"days", time_unit("d", DurationUnit::days)},
    {"weeks", time_unit("wk", DurationUnit::weeks)},
    {"months", time_unit("mo", DurationUnit::months)},
    {"years", time_unit("a", DurationUnit::years)},
    {"degrees Celsius", {"Cel", "degrees Celsius", Dimension::temperature, 1, 0}},
}};

// Fahrenheit arrives from EHRs, though no rule set declares it: (F - 32) * 5/9.
constexpr UcumUnit kFahrenheit{"[degF]", "degrees Fahrenheit", Dimension::temperature, 5.0 / 9.0, -32.0 * 5.0 / 9.0};

}  // namespace

std::optional<UcumUnit> ucum_unit(std::string_view word_or_code) {
  for (const auto& row : kUnits)
    if (row.word == word_or_code || row.unit.code == word_or_code) return row.unit;
  if (word_or_code == kFahrenheit.code) return kFahrenheit;
  return std::nullopt;
}

UcumUnit ucum_unit(DurationUnit unit) { return kUnits[static_cast<std::size_t>(unit)].unit; }

std::optional<double> convert(double value, const UcumUnit& from, const UcumUnit& to) {
  if (from.dimension != to.dimension) return std::nullopt;
  const double base = value * from.scale + from.offset;
  return (base - to.offset) / to.scale;
}

}  // namespace ardent::fhir::detail
