// The units of rule sets as UCUM units (https://ucum.org): the one table that maps the unit
// words of `number ... unit "..."` and the duration units to UCUM codes. Internal to src/fhir.
#pragma once

#include <optional>
#include <string_view>

#include "ardent/vocabulary.hpp"

namespace ardent::fhir::detail {

inline constexpr std::string_view kUcumSystem = "http://unitsofmeasure.org";

// What a unit measures; only units of one dimension convert into each other.
enum class Dimension : unsigned char { time, temperature };

struct UcumUnit {
  std::string_view code;     // "wk"
  std::string_view display;  // "weeks"
  Dimension dimension;
  // value in the dimension's base unit = value * scale + offset (base: days; degrees Celsius)
  double scale;
  double offset;
};

// The UCUM unit of a rule set's unit word ("weeks", "degrees Celsius"), or of a UCUM code as
// an EHR sends it ("wk", "Cel"); nullopt for a unit without one (a scale's points, a count).
std::optional<UcumUnit> ucum_unit(std::string_view word_or_code);

// The UCUM unit of a duration unit (durations are kept in days, ardent/vocabulary.hpp).
UcumUnit ucum_unit(DurationUnit unit);

// `value` in `from` expressed in `to`; nullopt when they measure different things (weeks and
// degrees Celsius), which FHIR input reports as an error naming the resource.
std::optional<double> convert(double value, const UcumUnit& from, const UcumUnit& to);

}  // namespace ardent::fhir::detail
