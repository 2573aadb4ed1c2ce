#include "check/check.hpp"

#include <algorithm>

#include "check/context.hpp"
#include "diag/make.hpp"

namespace ardent::check {

bool CheckOutput::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

CheckOutput check(std::vector<syntax::SourceFile> files, std::vector<syntax::Module> modules,
                  bool had_syntax_errors) {
  detail::Context c;
  c.model.files = std::move(files);
  c.modules = std::move(modules);
  c.had_syntax_errors = had_syntax_errors;

  detail::declare_header(c);
  detail::declare(c);
  detail::check_codes(c);
  detail::declare_screen(c);
  detail::order_definitions(c);
  detail::resolve_definitions(c);
  detail::resolve_rules(c);
  detail::resolve_tests(c);
  // The analyses only look at rules that resolved cleanly, so they run even after errors.
  detail::warn_never_fires(c);
  detail::warn_covered(c);
  detail::warn_unused(c);

  CheckOutput out;
  diag::sort(c.diagnostics, c.model.files);
  out.diagnostics = std::move(c.diagnostics);
  out.model = std::move(c.model);
  return out;
}

}  // namespace ardent::check
