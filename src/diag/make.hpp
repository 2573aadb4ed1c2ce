// Builds a public Diagnostic from a span in one of the rule set's files.
#pragma once

#include <string>
#include <vector>

#include "ardent/diagnostics.hpp"
#include "syntax/tree.hpp"

namespace ardent::diag {

Diagnostic make(const std::vector<syntax::SourceFile>& files, const syntax::Span& span,
                Severity severity, std::string code, std::string message);

// Sorts by file, line, column (stable), so output order does not depend on analysis order.
void sort(std::vector<Diagnostic>& diagnostics, const std::vector<syntax::SourceFile>& files);

}  // namespace ardent::diag
