// Finding values as a rule author types and reads them in the REPL: "yes", "7", "54 years",
// "3 weeks", "day_after_activity", "?" for unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/format.hpp"

namespace ardent::cli::repl {

struct Value {
  enum class Kind : std::uint8_t { unknown, boolean, number, enumeration, duration };
  Kind kind = Kind::unknown;
  bool flag = false;
  double number = 0;        // a number, or a duration's amount in `unit`
  std::uint32_t index = 0;  // position in an enumeration's domain
  DurationUnit unit = DurationUnit::days;
};

// What the user typed for finding `f`, or a one-line error (with a suggestion where one helps).
// Range and whole-number checks are left to the Case, whose messages already say the range.
std::variant<Value, std::string> parse_value(const FindingInfo& f, std::string_view text);

// Sets the value in the case; throws InputError when the case refuses it.
void apply(Case& c, std::uint32_t slot, const Value& v);

// The value of a finding that is given or unknown, as the user would type it ("yes", "7 years",
// "3 weeks", "unknown"); empty when not asked.
std::string value_text(const Case& c, std::uint32_t slot);

// "y/n/?", "a number 0..10 (years)", "one of: a, b, c", "a duration such as 3 weeks".
std::string value_hint(const FindingInfo& f);

// The words of a command line, split at spaces and tabs.
std::vector<std::string> split_words(std::string_view s);

// The words that complete a value of `f`.
std::vector<std::string> value_words(const FindingInfo& f);

// Values as the REPL echoes them: every digit kept, so what is shown reads back the same.
inline std::string format_number(double v) { return ardent::format_number(v, Digits::exact); }
inline std::string format_duration(double days) { return ardent::format_duration(days, Digits::exact); }

std::string lower(std::string_view s);
std::string_view trim(std::string_view s);

}  // namespace ardent::cli::repl
