// Turns the grammar's expectation failures into one friendly syntax error per file.
// Rules that are targets of `>` carry a readable name ("a finding type (...)"); the message is
// "expected " + that name, except for a few failures that read better phrased on their own.
#pragma once

#include <array>
#include <boost/spirit/home/x3.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "ardent/vocabulary.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

// Names of the rules whose failure deserves a message of its own (see message_for).
inline constexpr const char* string_end_name = "the closing '\"' of the string";
inline constexpr const char* escape_name = "an escape sequence (\\\", \\\\ or \\n)";

// "a, b, c or d": the words of a vocabulary table as a message lists them.
template <std::size_t N>
std::string one_of(const std::array<std::string_view, N>& words) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += words[i];
  }
  return out;
}

// Built from the vocabulary so that the message names exactly the words the grammar accepts.
inline std::string duration_unit_name() {
  std::array<std::string_view, kDurationUnits.size()> plurals;
  for (std::size_t i = 0; i < plurals.size(); ++i) plurals[i] = kDurationUnits[i].plural;
  return "a duration unit (" + one_of(plurals) + ")";
}

// A rule's name must outlive the grammar, hence the one static copy.
inline const char* triage_level_name() {
  static const std::string name = "a triage level (" + one_of(kTriageNames) + ")";
  return name.c_str();
}

// Where the first syntax error was found, and what was expected there.
struct error_sink {
  bool failed = false;
  const char* where = nullptr;
  std::string message;
};

struct error_sink_tag;

inline std::string message_for(std::string_view which) {
  if (which == string_end_name)
    return "unterminated string: expected '\"' before the end of the line";
  if (which == escape_name) return "unknown escape sequence in string (use \\\", \\\\ or \\n)";
  return "expected " + std::string(which);
}

// The top rule's ID derives from this, so the first expectation failure anywhere in the file
// ends the parse of that file with one precise error (a syntax error stops only its own file).
struct error_handler_base {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& /*first*/, Iterator const& /*last*/,
                                    Exception const& x, Context const& context) {
    error_sink& sink = x3::get<error_sink_tag>(context);
    if (!sink.failed) {
      sink.failed = true;
      sink.where = x.where();
      sink.message = message_for(x.which());
    }
    return x3::error_handler_result::fail;
  }
};

}  // namespace ardent::syntax::grammar
