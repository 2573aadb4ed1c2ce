// Parse real `.ard` text and check it, the way the compile facade does: syntax errors become
// "syntax" diagnostics, and a file with errors contributes an empty module.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "check/check.hpp"
#include "diag/make.hpp"
#include "syntax/tree.hpp"

namespace ardent::check::fixture {

inline CheckOutput parse_and_check(const std::vector<std::pair<std::string, std::string>>& sources) {
  std::vector<syntax::SourceFile> files;
  for (const auto& [path, text] : sources) files.push_back({path, text});
  std::vector<syntax::Module> modules;
  std::vector<Diagnostic> syntax_errors;
  for (std::size_t i = 0; i < files.size(); ++i) {
    syntax::ParseOutput parsed = syntax::parse(files[i], static_cast<std::uint32_t>(i));
    for (const auto& e : parsed.errors)
      syntax_errors.push_back(diag::make(files, e.span, Severity::Error, "syntax", e.message));
    modules.push_back(parsed.errors.empty() ? std::move(parsed.module) : syntax::Module{});
    modules.back().file = static_cast<std::uint32_t>(i);
  }
  CheckOutput out = check(files, std::move(modules), !syntax_errors.empty());
  out.diagnostics.insert(out.diagnostics.end(), syntax_errors.begin(), syntax_errors.end());
  diag::sort(out.diagnostics, files);
  return out;
}

inline CheckOutput parse_and_check(const std::string& text, const std::string& path = "demo.ard") {
  return parse_and_check({{path, text}});
}

}  // namespace ardent::check::fixture
