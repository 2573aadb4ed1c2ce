#include <cstdio>

#include <fmt/format.h>

#include "ardent/testing.hpp"
#include "cli/commands.hpp"
#include "cli/style.hpp"

namespace ardent::cli {

namespace {
struct TestOptions {
  std::string rules;
  std::vector<std::string> trust;
  double coverage_min = 0;
  bool verbose = false;
  Limits limits;
};

void indent_lines(std::string& out, const std::string& text, const char* prefix) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix;
    out.append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
}
}  // namespace

Command add_test(CLI::App& app) {
  auto o = std::make_shared<TestOptions>();
  auto* sub = app.add_subcommand("test", "Run the test blocks of a rule set and report rule coverage");
  sub->add_option("RULES", o->rules, "rule-set directory or .ard file")->required();
  sub->add_option("--coverage-min", o->coverage_min, "fail when fewer than P percent of rules and red flags fire in some test")
      ->check(CLI::Range(0.0, 100.0));
  sub->add_flag("-v,--verbose", o->verbose, "list every test, not only failures");
  add_trust_option(sub, o->trust);
  add_limit_options(sub, o->limits);
  return {sub, [o]() {
    int code = kExitOk;
    RulesetPtr rules = load_rules(o->rules, code, false, o->trust, o->limits);
    if (!rules) return code;
    TestReport report = run_tests(rules);
    const Style style{use_colour(1)};
    std::string out;
    for (const auto& t : report.tests) {
      if (t.passed()) {
        if (o->verbose) out += fmt::format("{} {} ({})\n", style.bold_green("PASS"), t.name, to_string(t.location));
        continue;
      }
      out += fmt::format("{} {} ({})\n", style.red("FAIL"), t.name, to_string(t.location));
      for (const auto& f : t.failures) {
        out += fmt::format("  {}: expected {}\n", to_string(f.location), f.expectation);
        out += fmt::format("    got: {}\n", f.actual);
        if (!f.explanation.empty()) indent_lines(out, f.explanation, "    because: ");
      }
    }
    const auto& rule_infos = rules->rules();
    std::size_t total = rule_infos.size();
    std::size_t covered = report.rules_covered();
    double pct = total ? 100.0 * static_cast<double>(covered) / static_cast<double>(total) : 100.0;
    out += fmt::format("{} passed, {} failed\n", report.passed(), report.failed());
    out += fmt::format("coverage: {} of {} rules and red flags fired by a test ({:.1f}%)\n", covered, total, pct);
    for (auto i : report.uncovered()) {
      const auto& r = rule_infos[i];
      out += fmt::format("  never fired: {} {} ({})\n", r.redflag ? "redflag" : "rule", r.name, to_string(r.location));
    }
    std::fputs(out.c_str(), stdout);
    if (!report.ok()) return kExitFailure;
    if (pct + 1e-9 < o->coverage_min) {
      fmt::print(stderr, "ardent test: coverage {:.1f}% is below the required {:.1f}%\n", pct, o->coverage_min);
      return kExitFailure;
    }
    return kExitOk;
  }};
}

}  // namespace ardent::cli
