#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"

namespace ardent::cli {

bool use_colour(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return isatty(fd) == 1;
}

RulesetPtr load_rules(const std::string& spec, int& exit_code, bool print_warnings) {
  std::error_code ec;
  if (!std::filesystem::exists(spec, ec)) {
    fmt::print(stderr, "ardent: cannot open rule set '{}': no such file or directory\n", spec);
    exit_code = kExitUsage;
    return nullptr;
  }
  CompileOutput out = compile_path(spec);
  const bool colour = use_colour(2);
  for (const auto& d : out.diagnostics)
    if (d.severity == Severity::Error || print_warnings) std::fputs(format(d, colour).c_str(), stderr);
  if (!out.ok()) {
    DiagnosticCounts n = count(out.diagnostics);
    fmt::print(stderr, "ardent: rule set '{}' has {} error{}\n", spec, n.errors, n.errors == 1 ? "" : "s");
    exit_code = kExitFailure;
    return nullptr;
  }
  exit_code = kExitOk;
  return out.ruleset;
}

}  // namespace ardent::cli
