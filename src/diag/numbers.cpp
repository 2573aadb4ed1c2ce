// Numbers and durations as reports, explanations and the REPL write them.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ardent/numbers.hpp"
#include "ardent/vocabulary.hpp"

namespace ardent {

namespace {
// Whole numbers below this are written as integers; above it a double has no fraction left to
// show, and casting it to an integer could overflow.
constexpr double kLargestWhole = 1e15;
}  // namespace

std::string format_number(double v, Digits digits) {
  if (std::isnan(v)) return "unknown";
  if (v == std::floor(v) && std::fabs(v) < kLargestWhole) return fmt::format("{}", static_cast<long long>(v));
  return digits == Digits::exact ? fmt::format("{}", v) : fmt::format("{:.4g}", v);
}

std::string format_duration(double days, Digits digits) {
  if (days == 0) return "0 days";
  // The largest unit in which the duration is a whole number reads best ("6 weeks", "90 minutes").
  for (auto u = kDurationUnits.rbegin(); u != kDurationUnits.rend(); ++u) {
    const double amount = days / u->days;
    if (amount >= 1 && amount < kLargestWhole && std::fabs(amount - std::round(amount)) < 1e-9 * std::max(1.0, amount)) {
      const auto n = static_cast<long long>(std::round(amount));
      return fmt::format("{} {}", n, n == 1 ? u->singular : u->plural);
    }
  }
  if (digits == Digits::exact) return fmt::format("{} days", format_number(days, digits));
  if (days >= kLargestWhole) return fmt::format("{} days", format_number(days, digits));
  if (days >= 1) return fmt::format("{} days", format_number(std::round(days * 100) / 100, digits));
  return fmt::format("{} hours", format_number(std::round(days * 24 * 100) / 100, digits));
}

}  // namespace ardent
