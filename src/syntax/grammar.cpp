// The one translation unit that compiles Boost.Spirit: it instantiates the grammar and runs it.
#include "syntax/grammar_def.hpp"

namespace ardent::syntax::grammar {

BOOST_SPIRIT_INSTANTIATE(module_type, iterator_type, context_type)

module_type const& module() { return module_rule; }

bool parse_module(const char*& first, const char* end, declaration_sink& out, error_sink& sink) {
  auto const parser = x3::with<error_sink_tag>(sink)[x3::with<declaration_sink_tag>(out)[module()]];
  const skipper_type skipper;
  return x3::phrase_parse(first, end, parser, skipper);
}

}  // namespace ardent::syntax::grammar
