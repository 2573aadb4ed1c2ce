// The types the grammar is declared for (grammar.hpp) and instantiated with (grammar.cpp).
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <type_traits>

#include "syntax/characters.hpp"
#include "syntax/module_parser.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// Blanks and `#` comments to the end of the line (characters.hpp).
inline const auto skipper = x3::char_(kBlankChars) | (x3::lit('#') >> *(x3::char_ - x3::eol));
using skipper_type = std::remove_cv_t<decltype(skipper)>;

// The error sink travels in the parse context under this tag (see error_handler_base).
struct error_sink_tag;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<error_sink_tag, error_sink, phrase_context_type>;

}  // namespace ardent::syntax::grammar
