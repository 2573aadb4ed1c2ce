// The authoring loop: `reload` the edited rule files, run their `test` blocks, `check` them.
#include <fmt/format.h>

#include "ardent/testing.hpp"
#include "cli/repl_session.hpp"
#include "cli/repl_values.hpp"

namespace ardent::cli::repl {

namespace {

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Carries one finding from the old case to the new one by name; the reason it could not
// otherwise. Values are re-validated by the new declaration (type, domain, range).
std::optional<std::string> carry(const Case& from, std::uint32_t old_slot, Case& to) {
  const FindingInfo& old_f = from.ruleset().findings()[old_slot];
  const auto slot = to.ruleset().finding_index(old_f.name);
  if (!slot) return std::string("no longer declared");
  const FindingInfo& new_f = to.ruleset().findings()[*slot];
  if (from.state(old_slot) == FindingState::unknown) {
    to.set_unknown(*slot);
    return std::nullopt;
  }
  if (new_f.type != old_f.type)
    return fmt::format("now {} instead of {}", to_string(new_f.type), to_string(old_f.type));
  const double x = from.number(old_slot);
  try {
    switch (old_f.type) {
      case FindingType::boolean: to.set_bool(*slot, x != 0); break;
      case FindingType::enumeration: to.set_enum(*slot, std::string_view(old_f.values.at(static_cast<std::size_t>(x)))); break;
      case FindingType::number: to.set_number(*slot, x); break;
      case FindingType::duration: to.set_duration(*slot, x, DurationUnit::days); break;
    }
  } catch (const InputError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace

void Session::reload() {
  CompileOutput out = compile_path(rules_path_, rules_->limits());
  if (!out.ok()) {
    for (const auto& d : out.diagnostics)
      if (d.severity == Severity::Error) std::fputs(format(d, style_.colour).c_str(), out_);
    error(fmt::format("reload failed with {}; still using {} {}", plural(count(out.diagnostics).errors, "error"),
                      rules_->name(), rules_->version()));
    return;
  }
  Case next(out.ruleset);
  std::vector<std::string> dropped;
  for (std::uint32_t slot = 0; slot < rules_->findings().size(); ++slot) {
    if (case_.state(slot) == FindingState::not_asked) continue;
    if (auto why = carry(case_, slot, next))
      dropped.push_back(fmt::format("{} = {}: {}", rules_->findings()[slot].name, value_text(case_, slot), *why));
  }
  rules_ = out.ruleset;
  diagnostics_ = std::move(out.diagnostics);
  case_ = std::move(next);
  result_ = Result{};
  const DiagnosticCounts n = count(diagnostics_);
  say(fmt::format("reloaded {} {}: {}, {}, {}, {}, {}{}", rules_->name(), rules_->version(),
                  plural(rules_->findings().size(), "finding"), plural(rules_->conditions().size(), "condition"),
                  plural(rules_->rules().size() - rules_->redflag_count(), "rule"),
                  plural(rules_->redflag_count(), "red flag"), plural(rules_->test_count(), "test"),
                  n.warnings ? fmt::format(" ({}: 'check' lists them)", plural(n.warnings, "warning")) : ""));
  for (const auto& d : dropped) say(style_.yellow("  dropped " + d));
  refresh();
}

void Session::run_tests() {
  const TestReport report = ardent::run_tests(rules_);
  for (const auto& t : report.tests) {
    if (t.passed()) continue;
    say(fmt::format("{} {} ({})", style_.red("FAIL"), t.name, to_string(t.location)));
    for (const auto& f : t.failures) {
      say(fmt::format("  {}: expected {}", to_string(f.location), f.expectation));
      say(fmt::format("    got: {}", f.actual));
      std::size_t start = 0;
      while (start < f.explanation.size()) {
        std::size_t end = f.explanation.find('\n', start);
        if (end == std::string::npos) end = f.explanation.size();
        say("    because: " + f.explanation.substr(start, end - start));
        start = end + 1;
      }
    }
  }
  const std::size_t total = rules_->rules().size();
  say(fmt::format("{} passed, {} failed; {} of {} rules and red flags fired by a test", report.passed(),
                  report.failed(), report.rules_covered(), total));
}

// Checks the rule files as they are on disk now (which may differ from the loaded rule set).
void Session::check() {
  const CompileOutput out = compile_path(rules_path_, rules_->limits());
  for (const auto& d : out.diagnostics) std::fputs(format(d, style_.colour).c_str(), out_);
  const DiagnosticCounts n = count(out.diagnostics);
  say(fmt::format("{}: {}, {}", rules_path_, plural(n.errors, "error"), plural(n.warnings, "warning")));
}

}  // namespace ardent::cli::repl
