// One `ardent repl` session: a compiled rule set, the findings of one case, and the result of
// evaluating them, re-evaluated after every change. Commands arrive as lines; everything the
// session says goes to one output stream, so that a transcript reads top to bottom.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"
#include "cli/repl_line_source.hpp"
#include "cli/repl_status.hpp"
#include "cli/style.hpp"

namespace ardent::cli::repl {

class Session {
 public:
  // `compiled` must hold a rule set (compiled.ok()).
  Session(std::string rules_path, CompileOutput compiled, std::FILE* out, bool colour);

  // The banner and the first triage line.
  void start();
  // Runs one command line; false when the user asked to leave. `in` supplies the answers of
  // an interview.
  bool execute(std::string_view line, LineSource& in);
  // Completion of the word under the cursor: commands, findings, values, rule names, files.
  Completion complete(std::string_view before_cursor) const;
  // Loads a case file as `load` does; false on error (already reported).
  bool load(const std::string& file);

  // Commands that failed (bad names, values, files): a script's exit status reports them.
  std::size_t errors() const { return errors_; }

 private:
  using Args = std::vector<std::string>;

  // repl_session.cpp: dispatch, output, evaluation
  void say(std::string_view text);
  void error(std::string_view message);
  // Re-evaluates and prints the triage line with what changed; `quiet_if_unchanged` prints
  // nothing when nothing changed (between interview questions).
  void refresh(bool quiet_if_unchanged = false);
  std::optional<std::uint32_t> finding_named(std::string_view name);
  void run_command(std::string_view name, const Args& args, std::string_view rest, LineSource& in);

  // repl_findings.cpp: setting findings, case files
  void assign(std::string_view text);
  void set_unknown_or_unset(const Args& names, bool unknown);
  void clear();
  void facts();
  bool save(const std::string& file);

  // repl_explain.cpp: why, whynot, show, listings
  void why(const Args& args, bool why_not);
  void why_triage();
  void explain_rule(std::uint32_t rule, std::string_view indent);
  void explain_condition(std::uint32_t condition, bool why_not);
  void show(const Args& args);
  void show_source(const SourceLocation& at, const std::string& text, std::string_view indent);
  void show_declaration(const SourceLocation& at, std::string_view indent);
  void list_rules(const Args& args);
  void list_findings(const Args& args);
  void list_conditions();
  std::vector<std::string> explainable_names() const;

  // repl_interview.cpp
  void ask(const Args& args);
  void interview(LineSource& in);
  void report(const Args& args);

  // repl_authoring.cpp: reload, test, check
  void reload();
  void run_tests();
  void check();

  // repl_help.cpp
  void help(const Args& args);

  std::string rules_path_;
  RulesetPtr rules_;
  std::vector<Diagnostic> diagnostics_;  // of the rule set in use
  Case case_;
  Result result_;
  Snapshot last_;
  std::FILE* out_;
  Style style_;
  std::size_t errors_ = 0;
  std::optional<std::uint32_t> answering_;  // the finding an interview is asking about
};

// The REPL's commands, for dispatch, `help` and completion.
struct CommandHelp {
  const char* name;
  const char* usage;
  const char* summary;
  const char* details;  // may be empty
};
const std::vector<CommandHelp>& command_table();
const CommandHelp* find_command(std::string_view name);

}  // namespace ardent::cli::repl
