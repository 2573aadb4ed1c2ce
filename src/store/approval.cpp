// What approval demands of a rule-set version: it compiles without errors, it has tests, and
// every `test` block written in it passes.
#include <fmt/format.h>

#include "ardent/store.hpp"
#include "ardent/testing.hpp"

namespace ardent::store {

ApprovalCheck check_for_approval(std::vector<SourceText> sources) {
  ApprovalCheck check;
  CompileOutput out = compile_sources(std::move(sources));
  check.diagnostics = out.diagnostics;
  if (!out.ok()) {
    const DiagnosticCounts n = count(out.diagnostics);
    check.report = fmt::format("it does not compile ({} error{}):\n", n.errors, n.errors == 1 ? "" : "s");
    for (const auto& d : out.diagnostics)
      if (d.severity == Severity::Error) check.report += format(d);
    return check;
  }
  const TestReport tests = run_tests(out.ruleset);
  check.tests = tests.tests.size();
  check.failed = tests.failed();
  if (check.tests == 0) {
    check.report = "it has no tests: write `test` blocks that show what it does before approving it\n";
    return check;
  }
  if (check.failed > 0) {
    check.report = fmt::format("{} of its {} test{} failed:\n", check.failed, check.tests, check.tests == 1 ? "" : "s");
    for (const auto& t : tests.tests) {
      if (t.passed()) continue;
      check.report += fmt::format("  test \"{}\" ({}):\n", t.name, to_string(t.location));
      for (const auto& f : t.failures)
        check.report += fmt::format("    expected {}: {}\n", f.expectation, f.actual);
    }
    return check;
  }
  check.ok = true;
  check.report = fmt::format("compiles; {} test{} passed", check.tests, check.tests == 1 ? "" : "s");
  return check;
}

}  // namespace ardent::store
