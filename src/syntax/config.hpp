// The types the grammar is declared for (grammar.hpp) and instantiated with (grammar.cpp).
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "syntax/characters.hpp"
#include "syntax/module_parser.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// Blanks and `#` comments to the end of the line (characters.hpp); either line break ends a
// comment, as x3::eol did. X3 calls a skipper until it fails, before every token it tries and
// again for each rule that succeeds: a whole run is skipped in one call, and the last run is
// remembered, since the alternatives of a declaration each skip the comments before it again.
// The memo makes a skipper good for one parse (parse_module makes one each time).
class skipper_parser : public x3::parser<skipper_parser> {
 public:
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  template <typename Ctx, typename RCtx, typename Attr>
  bool parse(const char*& first, const char* last, Ctx const&, RCtx&, Attr&) const {
    if (first == to_) return false;  // where a run ends, nothing is left to skip
    if (first != from_) {
      const char* end = skip_run(first, last);
      if (end == first) return false;
      from_ = first;
      to_ = end;
    }
    first = to_;
    return true;
  }

 private:
  static const char* skip_run(const char* i, const char* last) {
    while (i != last) {
      if (is_blank(*i)) {
        ++i;
      } else if (*i == '#') {
        while (i != last && *i != '\n' && *i != '\r') ++i;
      } else {
        break;
      }
    }
    return i;
  }

  mutable const char* from_ = nullptr;  // the last run skipped, never an empty one
  mutable const char* to_ = nullptr;
};

using skipper_type = skipper_parser;

// The error sink travels in the parse context under this tag (see error_handler_base), and the
// sink of the declarations read under the other.
struct error_sink_tag;
struct declaration_sink_tag;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<declaration_sink_tag, declaration_sink,
                                 x3::context<error_sink_tag, error_sink, phrase_context_type>>;

}  // namespace ardent::syntax::grammar
