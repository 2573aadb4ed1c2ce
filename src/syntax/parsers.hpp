// The grammar's own X3 parsers and directives: case-insensitive keywords, duration units, and
// the recording of each node's source range. Included only by the grammar.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "ardent/vocabulary.hpp"
#include "syntax/ast.hpp"
#include "syntax/characters.hpp"
#include "syntax/reserved.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

// ---------------------------------------------------------------------------------------
// Words

// A case-insensitive keyword ending at a word boundary: `android` is not `and` + `roid`.
struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  constexpr explicit keyword_parser(std::string_view w) : word(w) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    It i = first;
    x3::skip_over(i, last, ctx);
    for (char w : word) {
      if (i == last || ascii_lower(*i) != w) return false;
      ++i;
    }
    if (i != last && is_word_char(*i)) return false;
    first = i;
    return true;
  }

  std::string_view word;  // lower case
};

constexpr keyword_parser kw(std::string_view word) { return keyword_parser(word); }
// `bool`, `number`, `duration`: a finding type spelled as the vocabulary names it.
constexpr keyword_parser kw(FindingType type) { return keyword_parser(to_string(type)); }

// Succeeds, consuming nothing, where a name followed by the keyword `is` or `in` starts: the
// test of a finding (`ref_test`) is tried only there, so a plain reference is not parsed
// twice (once as a test that fails on its missing tail, again as an operand). It accepts
// exactly where `name >> (kw("is") | kw("in"))` would match.
struct ref_test_ahead_parser : x3::parser<ref_test_ahead_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    It i = first;
    x3::skip_over(i, last, ctx);
    const It start = i;
    if (i == last || *i < 'a' || *i > 'z') return false;
    while (i != last && ((*i >= 'a' && *i <= 'z') || (*i >= '0' && *i <= '9') || *i == '_')) ++i;
    if (i != last && is_word_char(*i)) return false;
    if (is_reserved(std::string_view(start, static_cast<std::size_t>(i - start)))) return false;
    x3::skip_over(i, last, ctx);
    if (last - i < 2 || ascii_lower(i[0]) != 'i' || (ascii_lower(i[1]) != 's' && ascii_lower(i[1]) != 'n'))
      return false;
    return i + 2 == last || !is_word_char(i[2]);
  }
};

inline const ref_test_ahead_parser ref_test_ahead{};

// The characters of a string up to its closing quote, escapes resolved: any byte but '"',
// '\\' and a line break, or `\"`, `\\`, `\n`. A backslash followed by anything else is an
// expectation failure right after the backslash, named `escape_what`. One loop instead of a
// rule invocation per character, which made strings a sixth of parsing.
struct string_chars_parser : x3::parser<string_chars_parser> {
  using attribute_type = std::string;
  static bool const has_attribute = true;

  constexpr explicit string_chars_parser(const char* what) : escape_what(what) {}

  const char* escape_what;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& out) const {
    std::string chars;
    It i = first;
    while (i != last) {
      const char c = *i;
      if (c == '"' || c == '\r' || c == '\n') break;
      if (c != '\\') {
        It run = i;
        while (i != last && !ends_string_run(*i)) ++i;
        chars.append(run, i);
        continue;
      }
      ++i;
      const char e = i == last ? '\0' : *i;
      if (i == last || (e != '"' && e != '\\' && e != 'n'))
        boost::throw_exception(x3::expectation_failure<It>(i, escape_what));
      chars.push_back(e == 'n' ? '\n' : e);
      ++i;
    }
    x3::traits::move_to(chars, out);
    first = i;
    return true;
  }
};

// A duration unit spelled out, singular or plural, any case: `week`, `Weeks`. Rule files take
// no abbreviations, so `6 w` is a number followed by a name.
struct duration_unit_parser : x3::parser<duration_unit_parser> {
  using attribute_type = DurationUnit;
  static bool const has_attribute = true;

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& out) const {
    It i = first;
    x3::skip_over(i, last, ctx);
    const It word_start = i;
    while (i != last && is_word_char(*i)) ++i;
    const std::string_view word(word_start, static_cast<std::size_t>(i - word_start));
    const std::optional<DurationUnit> unit = parse_duration_unit(word, UnitSpelling::words);
    if (!unit) return false;
    x3::traits::move_to(*unit, out);
    first = i;
    return true;
  }
};

inline const duration_unit_parser duration_unit{};

// ---------------------------------------------------------------------------------------
// Source ranges

// Records the source range of a rule whose node is built by semantic actions: X3 hands such
// a rule's on_success `unused` instead of the node, and `_where` in Boost 1.74 does not give
// the matched range. The rule's own attribute arrives here as the rule context.
template <typename Subject>
struct locate_directive : x3::unary_parser<Subject, locate_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, locate_directive<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr explicit locate_directive(Subject const& subject) : base_type(subject) {}

  // The subject starts after the blanks too: it would skip them first itself (every subject
  // starts with a token), and nested ranges would skip the same comments once per level.
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& node, Attr& attr) const {
    It start = first;
    x3::skip_over(start, last, ctx);
    It i = start;
    if (!this->subject.parse(i, last, ctx, node, attr)) return false;
    if constexpr (std::is_base_of_v<ast::tagged, RCtx>) {
      node.first = start;
      node.last = i;
    }
    first = i;
    return true;
  }
};

struct locate_gen {
  template <typename Subject>
  constexpr auto operator[](Subject const& subject) const {
    using parser_type = typename x3::extension::as_parser<Subject>::value_type;
    return locate_directive<parser_type>(x3::as_parser(subject));
  }
};
inline constexpr locate_gen locate{};

// The base of a rule's ID: the node of a rule whose attribute is built by propagation learns
// the source range it was parsed from.
struct annotate {
  template <typename It, typename Attr, typename Ctx>
  void on_success(It const& first, It const& last, Attr& node, Ctx const&) const {
    if constexpr (std::is_base_of_v<ast::tagged, Attr>) {
      node.first = first;
      node.last = last;
    }
  }
};

}  // namespace ardent::syntax::grammar
