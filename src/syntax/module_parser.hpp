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

// Takes each declaration as soon as it is read, so that a large file is never held whole as
// the grammar's attributes: the reader converts it while it is still in the cache, and drops it.
class declaration_sink {
 public:
  virtual void take(ast::declaration& d) = 0;  // `d` may be moved from

 protected:
  ~declaration_sink() = default;
};

// Reads declarations from `first` to `end`, skipping blanks and comments, into `out`. `first`
// is left where reading stopped; after an expectation failure `sink` says where and why (the
// declarations before it have gone to `out` already). Throws only what allocation throws, and
// what `out` throws.
bool parse_module(const char*& first, const char* end, declaration_sink& out, error_sink& sink);

}  // namespace ardent::syntax::grammar
