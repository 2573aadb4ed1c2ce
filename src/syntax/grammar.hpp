// Declaration of the Ardent grammar's top rule. The rule is defined in grammar_def.hpp and
// instantiated once, in grammar.cpp, for the types of config.hpp.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "syntax/ast.hpp"
#include "syntax/config.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

struct module_class;
using module_type = x3::rule<module_class>;  // each declaration goes to the declaration_sink
BOOST_SPIRIT_DECLARE(module_type)

// The whole file: declarations until the end of the input.
module_type const& module();

}  // namespace ardent::syntax::grammar
