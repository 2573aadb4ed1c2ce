// `ardent repl RULES`: the rule author's workbench (docs/repl.md).
//
// On a terminal the REPL edits lines with libedit (history in ~/.ardent_history, Tab
// completion, colour unless NO_COLOR is set). Otherwise it reads commands line by line from
// stdin, prints no prompts and no colour, and exits with status 1 when any command failed, so
// that scripts can drive it; --echo prints each command after a prompt, as a terminal would.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/repl_line_source.hpp"
#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli {

namespace {

struct ReplOptions {
  std::string rules;
  std::string case_file;
  bool echo = false;
  Limits limits;
};

constexpr const char* kPrompt = "ardent> ";

int run_repl(const ReplOptions& o) {
  std::error_code ec;
  if (!std::filesystem::exists(o.rules, ec)) {
    fmt::print(stderr, "ardent repl: cannot open rule set '{}': no such file or directory\n", o.rules);
    return kExitUsage;
  }
  CompileOutput compiled = compile_path(o.rules, o.limits);
  if (!compiled.ok()) {
    const bool colour = use_colour(2);
    for (const auto& d : compiled.diagnostics)
      if (d.severity == Severity::Error) std::fputs(format(d, colour).c_str(), stderr);
    fmt::print(stderr, "ardent repl: rule set '{}' has errors; fix them and start again\n", o.rules);
    return kExitFailure;
  }

  const bool terminal = isatty(STDIN_FILENO) == 1;
  repl::Session session(o.rules, std::move(compiled), stdout, terminal && use_colour(STDOUT_FILENO));
  std::unique_ptr<repl::LineSource> source;
  if (terminal) {
    repl::install_interrupt_handler();
    auto editor = std::make_unique<repl::LineEditor>(
        repl::default_history_file(), [&session](std::string_view before) { return session.complete(before); });
    if (editor->ok()) source = std::move(editor);
  }
  // Without libedit on a terminal the prompt is still wanted; in a pipe only with --echo.
  if (!source) source = std::make_unique<repl::StreamSource>(std::cin, stdout, o.echo);

  session.start();
  if (!o.case_file.empty()) session.load(o.case_file);
  std::fflush(stdout);
  for (;;) {
    const repl::LineSource::Input in = source->read(kPrompt);
    if (in.status == repl::LineSource::Status::eof) break;
    if (in.status == repl::LineSource::Status::interrupted) continue;
    source->remember(std::string(repl::trim(in.text)));
    if (!session.execute(in.text, *source)) break;
  }
  std::fflush(stdout);
  if (terminal) return kExitOk;
  return session.errors() ? kExitFailure : kExitOk;
}

}  // namespace

Command add_repl(CLI::App& app) {
  auto o = std::make_shared<ReplOptions>();
  auto* sub = app.add_subcommand("repl", "Interactive session on a rule set: live triage, why/whynot, interview, reload");
  sub->add_option("RULES", o->rules, "rule-set directory or .ard file")->required();
  sub->add_option("-c,--case", o->case_file, "load the findings of a case file (JSON) at the start");
  sub->add_flag("--echo", o->echo, "when reading a script, print each command after the prompt");
  add_limit_options(sub, o->limits);
  sub->footer("Type 'help' in the session for its commands.");
  return {sub, [o]() { return run_repl(*o); }};
}

}  // namespace ardent::cli
