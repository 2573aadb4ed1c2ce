// `ardent questionnaire RULES [-o FILE]`: the rule set's FHIR R4 Questionnaire (SDC).
#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "ardent/fhir.hpp"
#include "cli/commands.hpp"

namespace ardent::cli {

namespace {
struct QuestionnaireOptions {
  std::string rules;
  std::string output;  // empty: standard output
  std::vector<std::string> trust;
  Limits limits;
};

int write_output(const std::string& path, const std::string& text) {
  if (path.empty()) {
    fmt::print("{}\n", text);
    return kExitOk;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text << '\n';
  out.close();
  if (!out) {
    fmt::print(stderr, "ardent questionnaire: cannot write '{}'\n", path);
    return kExitUsage;
  }
  return kExitOk;
}
}  // namespace

Command add_questionnaire(CLI::App& app) {
  auto opts = std::make_shared<QuestionnaireOptions>();
  auto* sub = app.add_subcommand("questionnaire", "Write the rule set's FHIR R4 Questionnaire (SDC) as JSON");
  sub->add_option("RULES", opts->rules, "rule-set directory or .ard file")->required();
  sub->add_option("-o,--output", opts->output, "write to FILE instead of standard output");
  add_trust_option(sub, opts->trust);
  add_limit_options(sub, opts->limits);
  return {sub, [opts]() {
    int exit_code = kExitOk;
    RulesetPtr rs = load_rules(opts->rules, exit_code, false, opts->trust, opts->limits);
    if (!rs) return exit_code;
    return write_output(opts->output, fhir::questionnaire(*rs));
  }};
}

}  // namespace ardent::cli
