// A problem met while reading a case or evaluating it that did not stop either: the value
// concerned is taken as unknown, and the result says so (`warnings` in docs/result-schema.md).
#pragma once

#include <cstdint>

namespace ardent {

struct EvalWarning {
  // division_by_zero: an expression divided by zero (owner: its rule, define or score);
  // conflicting_answers: answers of the same latest time disagree (owner: the finding; FHIR
  // input, docs/fhir.md).
  enum class Kind : std::uint8_t { division_by_zero, conflicting_answers };
  enum class Owner : std::uint8_t { rule, define, score, finding };
  Kind kind = Kind::division_by_zero;
  Owner owner = Owner::rule;
  std::uint32_t index = 0;  // rule, define (Ruleset::define_name), score or finding index
};

}  // namespace ardent
