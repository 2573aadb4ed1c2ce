// The check stage: resolves names, types and domains across all files of a rule set, runs the
// static analyses of docs/language.md §15, and produces the checked Model plus diagnostics.
#pragma once

#include <vector>

#include "ardent/diagnostics.hpp"
#include "check/model.hpp"
#include "syntax/tree.hpp"

namespace ardent::check {

struct CheckOutput {
  Model model;                          // complete only when no error was reported
  std::vector<Diagnostic> diagnostics;  // errors and warnings, in file/line order
  bool ok() const;                      // no error
};

// `files` are the rule set's sources in read order; `modules[i]` is the parse of files[i]
// (a file with syntax errors contributes an empty module; its errors are already reported
// by the caller and `had_syntax_errors` suppresses follow-on "unused" warnings).
CheckOutput check(std::vector<syntax::SourceFile> files, std::vector<syntax::Module> modules,
                  bool had_syntax_errors = false);

}  // namespace ardent::check
