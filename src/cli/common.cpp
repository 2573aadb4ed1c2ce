#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>

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

void add_trust_option(CLI::App* command, std::vector<std::string>& trust) {
  command->add_option("--trust", trust,
                      fmt::format("load a rule set from a registry only when its approval is signed by this public "
                                  "key (PEM; repeatable; default: the '{}'-separated list in ${})",
                                  store::kTrustSeparator, store::kTrustVariable));
}

void add_limit_options(CLI::App* command, Limits& limits) {
  const auto at_least_one = CLI::Range(std::size_t{1}, std::numeric_limits<std::size_t>::max());
  command->add_option("--max-file-bytes", limits.max_file_bytes, "refuse a rule file larger than this")
      ->capture_default_str()->check(at_least_one);
  command->add_option("--max-ruleset-bytes", limits.max_ruleset_bytes, "refuse a rule set whose files hold more")
      ->capture_default_str()->check(at_least_one);
  command->add_option("--max-case-bytes", limits.max_case_bytes, "refuse a case (a line of a batch) of more JSON")
      ->capture_default_str()->check(at_least_one);
}

namespace {

// The trusted keys: --trust, else $ARDENT_TRUST. Empty: approvals are not verified.
store::TrustedKeys trusted_keys(const std::vector<std::string>& given) {
  std::vector<std::filesystem::path> files(given.begin(), given.end());
  if (files.empty())
    if (const char* list = std::getenv(store::kTrustVariable)) files = store::split_trust_list(list);
  return store::load_trusted_keys(files);
}

// `db:FILE:name@version` or `db:FILE:name@approved` loads a published version from a registry.
bool compile_spec(const std::string& spec, const std::vector<std::string>& trust, const Limits& limits,
                  CompileOutput& out, int& exit_code) {
  if (auto reg = store::parse_registry_spec(spec)) {
    try {
      const store::TrustedKeys keys = trusted_keys(trust);
      out = store::compile_from_registry(*reg, keys, limits);
      if (keys.empty())
        fmt::print(stderr,
                   "ardent: warning: the approval of {} is not verified: no trusted key (give --trust PUB.pem or "
                   "set {})\n",
                   spec, store::kTrustVariable);
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
  if (!trust.empty()) {
    fmt::print(stderr,
               "ardent: --trust verifies the signed approval of a rule set loaded from a registry "
               "(db:FILE:name@version); '{}' is not one\n",
               spec);
    exit_code = kExitUsage;
    return false;
  }
  std::error_code ec;
  if (!std::filesystem::exists(spec, ec)) {
    fmt::print(stderr, "ardent: cannot open rule set '{}': no such file or directory\n", spec);
    exit_code = kExitUsage;
    return false;
  }
  out = compile_path(spec, limits);
  return true;
}

}  // namespace

RulesetPtr load_rules(const std::string& spec, int& exit_code, bool print_warnings,
                      const std::vector<std::string>& trust, const Limits& limits) {
  CompileOutput out;
  if (!compile_spec(spec, trust, limits, out, exit_code)) return nullptr;
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
