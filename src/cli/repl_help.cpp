// The REPL's commands and their help texts.
#include <fmt/format.h>

#include "ardent/names.hpp"
#include "cli/repl_session.hpp"

namespace ardent::cli::repl {

const std::vector<CommandHelp>& command_table() {
  static const std::vector<CommandHelp> table = {
      {"set", "set FINDING VALUE", "set a finding (also: FINDING = VALUE)",
       "Values: yes/no (y/n), a number (optionally followed by the finding's unit), a duration with a\n"
       "unit (90 minutes, 48 hours, 3 days, 6 weeks, 4 months, 1 year), a value of a choice finding,\n"
       "or ? / unknown for asked-but-unknown. Several at once, all or none: a = yes, b = 3 weeks."},
      {"unknown", "unknown FINDING...", "record findings as asked but unknown", ""},
      {"unset", "unset FINDING...", "make findings not asked again", ""},
      {"clear", "clear", "unset every finding", ""},
      {"facts", "facts", "the findings set so far, by group", ""},
      {"load", "load FILE", "replace the findings with those of a case file",
       "A case file is a JSON object of finding names to values: true/false, numbers, strings for\n"
       "choices and durations (\"6 weeks\"; a bare number is days), null for unknown."},
      {"save", "save FILE", "write the findings to a case file (null = unknown)", ""},
      {"why", "why [NAME]", "why a rule, red flag or condition fired; without a name, why this triage",
       "Lists the findings that made the rule's condition true and prints the rule's source with its\n"
       "file and line. For a condition, explains every fired rule that concluded it."},
      {"whynot", "whynot NAME", "which parts of a rule were false or unknown; why a condition was not concluded",
       "For a rule that did not fire: the parts that were false. For an undecided rule: the findings\n"
       "not asked yet and those recorded as unknown. For a condition: the rules that would conclude it."},
      {"show", "show NAME", "the source of a rule, or a condition, finding, define or score", ""},
      {"rules", "rules [fired|not_fired|undecided|redflags|TEXT]", "rules and red flags with their state", ""},
      {"findings", "findings [GROUP|TEXT]", "findings with their values and what they take", ""},
      {"conditions", "conditions", "conditions with their status", ""},
      {"ask", "ask [N|all]", "the next questions worth asking, best first (10 unless told)", ""},
      {"interview", "interview", "ask the questions one at a time until the interview is complete",
       "Asks the next questions in order, each with why it is asked: the screen first, then those\n"
       "that could reveal a red flag or raise the triage, those a fired rule requests, then those\n"
       "that could lower the triage or change the leading condition. Stops when the interview is\n"
       "complete and says why, then prints the report. Answers: y/n, a number, a value (or its\n"
       "number in the list), ? for unknown; Tab completes values. An empty line or 'skip' skips a\n"
       "question, 'q' or Ctrl-C stops the interview."},
      {"report", "report [json|cds|undecided]", "the full report for the findings (JSON, CDS Hooks cards)", ""},
      {"reload", "reload", "recompile the rule files, keeping the findings",
       "Findings are carried over by name; those the new rule set no longer accepts are dropped and\n"
       "listed. When the rule files have errors, prints them and keeps the previous rule set."},
      {"test", "test", "run the rule set's test blocks", ""},
      {"check", "check", "check the rule files as they are on disk: errors and warnings", ""},
      {"help", "help [COMMAND]", "this list, or the details of one command", ""},
      {"quit", "quit", "leave the REPL (also: exit, Ctrl-D)", ""},
  };
  return table;
}

const CommandHelp* find_command(std::string_view name) {
  for (const auto& c : command_table())
    if (name == c.name) return &c;
  if (name == "exit") return find_command("quit");
  return nullptr;
}

void Session::help(const Args& args) {
  if (args.empty()) {
    std::size_t width = 0;
    for (const auto& c : command_table()) width = std::max(width, std::string_view(c.usage).size());
    say("commands:");
    for (const auto& c : command_table()) say(fmt::format("  {:<{}}  {}", c.usage, width, c.summary));
    say("Tab completes commands, names and values; Ctrl-C abandons a line; 'help COMMAND' says more.");
    return;
  }
  for (const auto& name : args) {
    const CommandHelp* c = find_command(name);
    if (!c) {
      std::vector<std::string> names;
      for (const auto& e : command_table()) names.emplace_back(e.name);
      error(fmt::format("no command {}{}", in_quotes(name), did_you_mean(name, names)));
      continue;
    }
    say(style_.bold(c->usage));
    say("  " + std::string(c->summary));
    std::string_view details = c->details;
    while (!details.empty()) {
      const std::size_t end = details.find('\n');
      say("  " + std::string(details.substr(0, end)));
      if (end == std::string_view::npos) break;
      details.remove_prefix(end + 1);
    }
  }
}

}  // namespace ardent::cli::repl
