// Finding values as the REPL shows them: "yes", "7 years", "3 weeks", "unknown". What a user
// types is read by the engine (Case::set_text), as every other door does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/format.hpp"

namespace ardent::cli::repl {

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
