#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"

namespace ardent::cli {

namespace {
struct CheckOptions {
  std::string rules;
  bool werror = false;
  bool quiet = false;
  Limits limits;
};
}  // namespace

Command add_check(CLI::App& app) {
  auto opts = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand("check", "Check a rule set: print diagnostics and a summary");
  sub->add_option("RULES", opts->rules, "rule-set directory or .ard file")->required();
  sub->add_flag("--werror", opts->werror, "treat warnings as errors");
  sub->add_flag("-q,--quiet", opts->quiet, "print only diagnostics, no summary");
  add_limit_options(sub, opts->limits);
  return {sub, [opts]() {
    std::error_code ec;
    if (!std::filesystem::exists(opts->rules, ec)) {
      fmt::print(stderr, "ardent check: cannot open '{}': no such file or directory\n", opts->rules);
      return kExitUsage;
    }
    CompileOutput out = compile_path(opts->rules, opts->limits);
    bool io_failure = false;
    for (auto& d : out.diagnostics) {
      if (opts->werror && d.severity == Severity::Warning) d.severity = Severity::Error;
      if (d.code == "io") io_failure = true;
    }
    const bool colour = use_colour(2);
    for (const auto& d : out.diagnostics) std::fputs(format(d, colour).c_str(), stderr);
    DiagnosticCounts n = count(out.diagnostics);
    if (!opts->quiet)
      fmt::print("{}: {} findings, {} conditions, {} rules, {} red flags, {} tests; {} error{}, {} warning{}\n",
                 opts->rules, out.findings, out.conditions, out.rules, out.redflags, out.tests, n.errors,
                 n.errors == 1 ? "" : "s", n.warnings, n.warnings == 1 ? "" : "s");
    if (io_failure && out.findings == 0) return kExitUsage;
    return n.errors ? kExitFailure : kExitOk;
  }};
}

}  // namespace ardent::cli
