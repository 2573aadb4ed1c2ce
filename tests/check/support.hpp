// Shared pieces of the checker tests: a prelude rule set and diagnostic matching.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ardent/diagnostics.hpp"
#include "builder.hpp"
#include "check/check.hpp"

namespace ardent::check::fixture {

// Nine lines every table case starts with; the case's own text begins on line 10.
inline constexpr const char* kPrelude =
    "ruleset demo version \"1.0.0\"\n"
    "finding age: number 0..130 integer\n"
    "finding pain_score: number 0..10\n"
    "finding fever: bool\n"
    "finding night_pain: bool\n"
    "finding pain_peak: one of {during_activity, hours_after, day_after, constant}\n"
    "finding symptom_duration: duration\n"
    "condition overload\n"
    "condition tear\n";
inline constexpr std::uint32_t kFirstCaseLine = 10;

inline void declare_prelude(FileBuilder& b) {
  b.header("demo", "1.0.0");
  b.number("age", 0, 130, true);
  b.number("pain_score", 0, 10);
  b.boolean("fever");
  b.boolean("night_pain");
  b.enumeration("pain_peak", {"during_activity", "hours_after", "day_after", "constant"});
  b.duration("symptom_duration");
  b.condition("overload");
  b.condition("tear");
  b.search_from_line(kFirstCaseLine);
}

struct Expected {
  std::string code;
  Severity severity = Severity::Error;
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  std::string message;  // a substring of the message
};

inline bool matches(const Diagnostic& d, const Expected& e) {
  return d.code == e.code && d.severity == e.severity && d.line == e.line && d.column == e.col &&
         d.message.find(e.message) != std::string::npos;
}

inline ::testing::AssertionResult has(const std::vector<Diagnostic>& ds, const Expected& e) {
  for (const auto& d : ds)
    if (matches(d, e)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << (e.severity == Severity::Error ? "error" : "warning") << " ["
                                       << e.code << "] at " << e.line << ":" << e.col << " containing \""
                                       << e.message << "\"; got:\n"
                                       << format(ds);
}

inline std::size_t count_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.code == code;
  return n;
}

inline std::vector<Diagnostic> errors_of(const std::vector<Diagnostic>& ds) {
  std::vector<Diagnostic> out;
  for (const auto& d : ds)
    if (d.severity == Severity::Error) out.push_back(d);
  return out;
}

}  // namespace ardent::check::fixture
