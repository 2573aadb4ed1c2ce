// Turns the grammar's expectation failures into one friendly syntax error per file.
// Every parser that is the target of `>` has a readable name ("a finding type (...)"); the
// message is "expected " + that name, except for a few failures that read better phrased on
// their own. The names that list vocabulary words are built from the vocabulary's tables.
#pragma once

#include <array>
#include <boost/spirit/home/x3.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "ardent/vocabulary.hpp"
#include "syntax/config.hpp"
#include "syntax/parsers.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

// ---------------------------------------------------------------------------------------
// Names

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

inline std::string duration_unit_name() {
  std::array<std::string_view, kDurationUnits.size()> plurals;
  for (std::size_t i = 0; i < plurals.size(); ++i) plurals[i] = kDurationUnits[i].plural;
  return "a duration unit (" + one_of(plurals) + ")";
}

// A rule keeps a pointer to its name, so the name is built once and kept.
inline const char* triage_level_name() {
  static const std::string name = "a triage level (" + one_of(kTriageNames) + ")";
  return name.c_str();
}

// A readable name for a parser that is the target of an expectation.
struct named_class {};
template <typename Attr = x3::unused_type, typename P>
constexpr auto named(const char* what, P const& p) {
  return x3::rule<named_class, Attr>{what} = p;
}

// ---------------------------------------------------------------------------------------
// Messages

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

// What an expectation failure says was expected at a custom parser.
namespace boost::spirit::x3 {
template <>
struct get_info<ardent::syntax::grammar::keyword_parser> {
  using result_type = std::string;
  std::string operator()(ardent::syntax::grammar::keyword_parser const& p) const {
    return "'" + std::string(p.word) + "'";
  }
};
template <>
struct get_info<ardent::syntax::grammar::duration_unit_parser> {
  using result_type = std::string;
  std::string operator()(ardent::syntax::grammar::duration_unit_parser const&) const {
    return ardent::syntax::grammar::duration_unit_name();
  }
};
}  // namespace boost::spirit::x3
