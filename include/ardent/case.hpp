// The findings of one patient. A Case belongs to one thread at a time.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/ruleset.hpp"
#include "ardent/warning.hpp"

namespace ardent {

namespace internal {
struct CaseAccess;  // the evaluator's view of the raw storage (src/eval/case_access.hpp)
}  // namespace internal

// A value refused by a Case. Every door into a Case (the C++ API, the C ABI and so the bindings,
// the command line, the REPL) reports these same kinds with these same messages.
class InputError : public std::runtime_error {
 public:
  enum class Kind {
    UnknownFinding,  // no finding of that name (the message suggests the closest one)
    WrongType,       // a value of another type than the finding's
    OutOfDomain,     // not one of an enumeration's values
    OutOfRange,      // outside the declared range, not whole, not finite, negative duration, bad index
    Malformed,       // not a JSON object, or not JSON at all
    Duplicate,       // the same finding given twice in one input
    TooLarge,        // more JSON than the rule set's limits().max_case_bytes
  };
  InputError(Kind kind, std::string finding, const std::string& message)
      : std::runtime_error(message), kind_(kind), finding_(std::move(finding)) {}
  Kind kind() const { return kind_; }
  const std::string& finding() const { return finding_; }  // empty for Malformed

 private:
  Kind kind_;
  std::string finding_;
};

// A refusal from a setter of many values (Case::set_bools, Case::set_numbers): the refusal the
// single setter gives for that value, and the value's position in the arrays.
class InputErrorAt : public InputError {
 public:
  InputErrorAt(const InputError& e, std::size_t position) : InputError(e), position_(position) {}
  std::size_t position() const { return position_; }

 private:
  std::size_t position_;
};

// The state of one finding in a case.
enum class FindingState : std::uint8_t { not_asked = 0, unknown = 1, given = 2 };
constexpr std::string_view to_string(FindingState s) {
  constexpr std::string_view names[] = {"not_asked", "unknown", "given"};
  return names[static_cast<std::size_t>(s)];
}

class Case {
 public:
  explicit Case(RulesetPtr ruleset);

  // By slot (fast path; slots come from Ruleset::finding_index).
  void set_bool(std::uint32_t slot, bool value);
  void set_number(std::uint32_t slot, double value);        // number findings, in their unit
  void set_enum(std::uint32_t slot, std::uint32_t value_index);
  void set_enum(std::uint32_t slot, std::string_view value);
  void set_duration(std::uint32_t slot, double amount, DurationUnit unit);  // duration findings
  void set_unknown(std::uint32_t slot);   // asked, nobody knows
  void unset(std::uint32_t slot);         // back to not asked

  // Many findings by slot in one call: slots[i] gets values[i] (bools: nonzero is yes). The same
  // as the single setters called in order (a slot named twice keeps its last value), but all or
  // nothing: a refused value throws InputErrorAt, the single setter's error with the value's
  // position, and leaves the case unchanged. Spans of different sizes: std::invalid_argument.
  void set_bools(std::span<const std::uint32_t> slots, std::span<const int> values);
  void set_numbers(std::span<const std::uint32_t> slots, std::span<const double> values);

  // By name: throw InputError(UnknownFinding) for a name the rule set does not declare.
  void set_bool(std::string_view finding, bool value);
  void set_number(std::string_view finding, double value);
  void set_enum(std::string_view finding, std::string_view value);
  void set_duration(std::string_view finding, double amount, DurationUnit unit);
  void set_unknown(std::string_view finding);
  void unset(std::string_view finding);

  // Sets from a JSON object text: true/false, numbers, enum strings, durations as numbers (in
  // days) or strings ("6 weeks", "6 wks"), null = unknown. A finding given twice, malformed
  // JSON or invalid UTF-8 is an InputError like any refused value, and so is a text longer than
  // ruleset().limits().max_case_bytes (TooLarge). All or nothing: on error the case is left
  // unchanged.
  void set_json(std::string_view json_object);

  // Sets findings from values as a person types them: "yes"/"no", "7", "54 years",
  // "6 weeks" (or "6 wks"), an enumeration value, "?" or "unknown". All or nothing, like
  // set_json, and with the same errors for the same mistakes.
  struct TextValue {
    std::string_view finding;
    std::string_view text;
  };
  void set_text(std::span<const TextValue> values);
  void set_text(std::string_view finding, std::string_view text);

  void clear();  // every finding back to not asked, and no warnings

  // Problems met while reading input that did not stop it (answers that disagree, made
  // unknown by fhir::set_case). Every evaluation of the case reports them first among its
  // warnings. They stay until clear().
  std::span<const EvalWarning> warnings() const { return warnings_; }
  void add_warning(const EvalWarning& w) { warnings_.push_back(w); }

  FindingState state(std::uint32_t slot) const { return static_cast<FindingState>(state_[slot]); }
  double number(std::uint32_t slot) const { return value_[slot]; }  // bool: 0/1; enum: index; duration: days
  const Ruleset& ruleset() const { return *ruleset_; }
  const RulesetPtr& ruleset_ptr() const { return ruleset_; }

 private:
  friend struct internal::CaseAccess;
  std::uint32_t checked_slot(std::string_view finding) const;
  void touch(std::uint32_t slot) { touched_[slot >> 12] |= std::uint64_t{1} << ((slot >> 6) & 63); }
  void touch_all_set();
  RulesetPtr ruleset_;
  std::vector<std::uint8_t> state_;
  std::vector<double> value_;
  // Bit b: findings [64 b, 64 b + 64) may hold something other than "not asked"; every other
  // finding is not asked with value 0. An evaluation reads only these blocks, so that its cost
  // follows the findings given rather than those the rule set has.
  std::vector<std::uint64_t> touched_;
  std::vector<EvalWarning> warnings_;
};

}  // namespace ardent
