// The grammar as the rest of the syntax stage sees it: one function over plain types. Only
// grammar.cpp compiles Boost.Spirit, so no other file pays for its templates.
#pragma once

#include <string>

#include "syntax/ast.hpp"

namespace ardent::syntax::grammar {

// Where the first syntax error was found, and what was expected there.
struct error_sink {
  bool failed = false;
  const char* where = nullptr;
  std::string message;
};

// Reads declarations from `first` to `end`, skipping blanks and comments, into `out`. `first`
// is left where reading stopped; after an expectation failure `sink` says where and why.
// Throws only what allocation throws.
bool parse_module(const char*& first, const char* end, ast::module& out, error_sink& sink);

}  // namespace ardent::syntax::grammar
