#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "ardent/store.hpp"

namespace ardent::cli {

bool use_colour(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  return isatty(fd) == 1;
}

namespace {

// `db:FILE:name@version` or `db:FILE:name@approved` loads a published version from a registry.
bool compile_spec(const std::string& spec, CompileOutput& out, int& exit_code) {
  if (auto reg = store::parse_registry_spec(spec)) {
    try {
      out = store::compile_from_registry(*reg);
      return true;
    } catch (const store::StoreError& e) {
      fmt::print(stderr, "ardent: {}\n", e.what());
      using K = store::StoreError::Kind;
      const K k = e.kind();
      exit_code = (k == K::Open || k == K::NotArdent || k == K::Corrupt || k == K::Schema || k == K::Invalid)
                      ? kExitUsage
                      : kExitFailure;
      return false;
    }
  }
  std::error_code ec;
  if (!std::filesystem::exists(spec, ec)) {
    fmt::print(stderr, "ardent: cannot open rule set '{}': no such file or directory\n", spec);
    exit_code = kExitUsage;
    return false;
  }
  out = compile_path(spec);
  return true;
}

}  // namespace

RulesetPtr load_rules(const std::string& spec, int& exit_code, bool print_warnings) {
  CompileOutput out;
  if (!compile_spec(spec, out, exit_code)) return nullptr;
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
