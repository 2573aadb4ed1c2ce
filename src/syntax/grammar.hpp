// Declaration of the Ardent grammar's top rule and of the types it is instantiated with.
// The rule is defined in grammar_def.hpp and instantiated once, in grammar.cpp.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <type_traits>

#include "syntax/ast.hpp"
#include "syntax/error_handler.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// Whitespace (any line ending) and `#` comments to the end of the line. Explicit character
// sets rather than character classes: bytes >= 0x80 must never reach <cctype>.
inline const auto skipper = x3::char_(" \t\r\n\f\v") | (x3::lit('#') >> *(x3::char_ - x3::eol));
using skipper_type = std::remove_cv_t<decltype(skipper)>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<error_sink_tag, error_sink, phrase_context_type>;

struct module_class;
using module_type = x3::rule<module_class, ast::module>;
BOOST_SPIRIT_DECLARE(module_type)

// The whole file: declarations until the end of the input.
module_type const& module();

}  // namespace ardent::syntax::grammar
