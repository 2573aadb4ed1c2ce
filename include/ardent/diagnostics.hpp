// Diagnostics: what the front end reports about a rule set, compiler style.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ardent {

enum class Severity : std::uint8_t { Error, Warning, Note };
constexpr std::string_view to_string(Severity s) {
  constexpr std::string_view names[] = {"error", "warning", "note"};
  return names[static_cast<std::size_t>(s)];
}

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;        // stable, machine-readable: "syntax", "unknown-name", "type-mismatch", ...
  std::string file;        // path as given; empty when the diagnostic has no location
  std::uint32_t line = 0;  // 1-based; 0 when unknown
  std::uint32_t column = 0;
  std::uint32_t length = 0;   // bytes under the caret (at least 1 is drawn)
  std::string message;        // "unknown finding 'pain_sight'; did you mean 'pain_site'?"
  std::string source_line;    // the text of the line, without its newline
};

struct DiagnosticCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

DiagnosticCounts count(const std::vector<Diagnostic>& diagnostics);

// "file:line:col: error: message", then the source line and a caret under the span.
// With colour, uses ANSI escapes the way gcc and clang do.
std::string format(const Diagnostic& d, bool colour = false);
std::string format(const std::vector<Diagnostic>& diagnostics, bool colour = false);

}  // namespace ardent
