// The one translation unit that instantiates the X3 grammar.
#include "syntax/grammar_def.hpp"

namespace ardent::syntax::grammar {

BOOST_SPIRIT_INSTANTIATE(module_type, iterator_type, context_type)

module_type const& module() { return module_rule; }

}  // namespace ardent::syntax::grammar
