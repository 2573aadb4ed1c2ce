// The `ardent` subcommands. Each add_* registers one subcommand on the app and returns the
// function that runs it once the command line has been parsed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "ardent/limits.hpp"
#include "ardent/ruleset.hpp"

namespace ardent::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // errors in the rules, failed tests, bad case input
inline constexpr int kExitUsage = 2;    // bad command line, unreadable files

using Runner = std::function<int()>;

struct Command {
  CLI::App* app = nullptr;
  Runner run;
};

Command add_check(CLI::App& app);
Command add_eval(CLI::App& app);
Command add_test(CLI::App& app);
Command add_repl(CLI::App& app);
Command add_questionnaire(CLI::App& app);  // FHIR R4 Questionnaire
Command add_serve(CLI::App& app);          // the CDS Hooks 2.0 service
Command add_store_commands(CLI::App& app);  // publish, registry, audit (when built with the store)

// Colour only when the stream is a terminal and NO_COLOR is unset (https://no-color.org).
bool use_colour(int fd);

// --max-file-bytes, --max-ruleset-bytes and --max-case-bytes (ardent/limits.hpp), into `limits`.
void add_limit_options(CLI::App* command, Limits& limits);

// Loads RULES as given on the command line: a directory or a .ard file (and, with the store,
// `db:FILE:name@version`) under `limits`. Prints diagnostics to stderr. Returns null on failure and
// sets `exit_code` to kExitFailure (errors in the rules, an approval that does not verify) or
// kExitUsage (nothing readable). `trust` lists the public keys (PEM files) whose signed approval a
// version loaded from a registry must carry; when empty, those of $ARDENT_TRUST; when neither
// names any, approvals are not verified, and a warning says so.
RulesetPtr load_rules(const std::string& spec, int& exit_code, bool print_warnings = false,
                      const std::vector<std::string>& trust = {}, const Limits& limits = {});

// --trust PUB.pem (repeatable), for the commands that take `db:FILE:name@version`.
void add_trust_option(CLI::App* command, std::vector<std::string>& trust);

}  // namespace ardent::cli
