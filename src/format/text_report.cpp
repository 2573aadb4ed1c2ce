// The readable report a clinician sees (`ardent eval`).
#include <fmt/format.h>

#include "ardent/format.hpp"
#include "eval/phrases.hpp"
#include "format/json_parts.hpp"
#include "format/reasons.hpp"

namespace ardent {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) {
    if (ch == '_') ch = '-';
    else if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return out;
}

std::string because(const std::vector<std::string_view>& reasons) {
  return reasons.empty() ? std::string() : " because " + eval::join_phrase_list(reasons);
}

}  // namespace

std::string format_text(const Case& c, const Result& r, const TextOptions& options) {
  format_detail::check_pair(c, r);
  const Ruleset& rs = c.ruleset();
  format_detail::Reasons reasons(c, r);
  std::string out;
  out += fmt::format("Triage: {}{}\n  {}\n", upper(to_string(r.triage())),
                     r.triage_is_default() ? " (the rule set's default)" : "", triage_meaning(r.triage()));

  // The interview: complete, or what keeps the triage provisional.
  if (r.complete()) {
    out += "Interview: complete\n";
  } else {
    out += "Interview: incomplete (provisional triage)\n";
    const auto progress = format_detail::screen_progress(c);
    if (!progress.pending.empty()) {
      std::vector<std::string> pending;
      for (std::uint32_t slot : progress.pending) pending.push_back(eval::lower_first(rs.findings()[slot].label));
      out += fmt::format("  {}: {} of {} questions not asked yet: {}\n", rs.screen().title, progress.pending.size(),
                         progress.pending.size() + progress.asked, join_phrases(pending));
    }
  }

  if (!r.red_flags().empty()) {
    out += "\nRed flags:\n";
    for (std::uint32_t rf : r.red_flags()) {
      const RuleInfo& info = rs.rules()[rf];
      out += fmt::format("  ! {}", info.label.empty() ? info.name : info.label);
      if (info.triage) out += fmt::format(" [{}]", to_string(*info.triage));
      out += because(reasons.of_rule(rf)) + "\n";
      for (const auto& a : info.advice) out += fmt::format("    -> {}\n", a);
    }
  }

  if (!r.conditions().empty()) {
    out += "\nConditions:\n";
    for (const auto& o : r.conditions()) {
      const ConditionInfo& info = rs.conditions()[o.condition];
      std::string status(to_string(o.status));
      if (o.status == ConditionStatus::suggested && o.strength != Strength::none)
        status += fmt::format(" ({})", to_string(o.strength));
      out += fmt::format("  - {}: {}{}\n", info.label, status, because(reasons.of_condition(o)));
    }
  }

  if (!r.advice().empty()) {
    out += "\nAdvice:\n";
    for (std::uint32_t id : r.advice()) out += fmt::format("  - {}\n", rs.advice_text(id));
  }

  if (options.max_questions > 0 && !r.ask_next().empty()) {
    out += "\nAsk next:\n";
    std::size_t n = 0;
    for (const auto& a : r.ask_next()) {
      if (n++ == options.max_questions) {
        out += fmt::format("  ... and {} more\n", r.ask_next().size() - options.max_questions);
        break;
      }
      const FindingInfo& f = rs.findings()[a.finding];
      out += fmt::format("  {}. {} [{}; {}]\n", n, format_detail::question_of(f), f.name, ask_reason_phrase(a.reason));
    }
  }

  if (options.show_undecided && !r.undecided().empty()) {
    out += "\nUndecided:\n";
    for (const auto& u : r.undecided()) {
      std::vector<std::string> missing;
      for (std::uint32_t slot : r.missing(u)) missing.push_back(eval::lower_first(rs.findings()[slot].label));
      out += fmt::format("  - {}{} [{}: {}]\n", rs.rules()[u.rule].name,
                         missing.empty() ? std::string(": waits on findings recorded as unknown")
                                         : ": needs " + join_phrases(missing),
                         to_string(u.standing), standing_phrase(u.standing));
    }
  }

  if (!r.warnings().empty()) {
    out += "\nWarnings:\n";
    for (const auto& w : r.warnings()) out += fmt::format("  - {}\n", format_detail::warning_message(rs, w));
  }

  if (options.show_provenance)
    out += fmt::format("\nRule set {} {} (sha256 {}), engine {}\n", rs.name(), rs.version(),
                       rs.hash().substr(0, 12), kEngineVersion);
  return out;
}

}  // namespace ardent
