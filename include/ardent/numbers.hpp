// Numbers and durations written for people: one formatter for reports, explanations, error
// messages and the REPL.
#pragma once

#include <string>

namespace ardent {

// Numbers and durations as reports write them: whole numbers without a decimal point,
// durations in their largest whole unit ("6 weeks", "90 minutes"). `readable` keeps at most
// four significant digits (explanations, reports); `exact` every digit the value needs to read
// back the same (the REPL, which echoes what was set).
enum class Digits { readable, exact };
std::string format_number(double v, Digits digits = Digits::readable);    // 54, 38.5, 0.3333
std::string format_duration(double days, Digits digits = Digits::readable);  // "6 weeks", "1.5 days"

}  // namespace ardent
