// The interview as the renderings show it: why a finding is asked, where an undecided rule
// stands, why a complete interview asks nothing more, and the screen's progress.
#include "ardent/format.hpp"
#include "format/json_parts.hpp"

namespace ardent {

std::string_view ask_reason_phrase(AskReason r) {
  switch (r) {
    case AskReason::screen: return "on the screen";
    case AskReason::red_flag: return "could reveal a red flag";
    case AskReason::raises_triage: return "could raise the triage";
    case AskReason::requested: return "requested by a rule";
    case AskReason::lowers_triage: return "could lower the triage";
    case AskReason::decides_condition: return "could change the leading condition";
    case AskReason::refines: return "refines the assessment";  // no longer produced
  }
  return "";
}

std::string_view standing_phrase(Standing s) {
  switch (s) {
    case Standing::no_true_part: return "nothing in it holds yet";
    case Standing::raises: return "it could add a red flag or raise the triage";
    case Standing::lowers: return "it could lower the triage below the default";
    case Standing::decides_condition: return "it could change the leading condition";
    case Standing::nothing_to_ask: return "what could still complete it was recorded as unknown";
    case Standing::no_change:
      return "firing it would change neither the triage, the red flags nor the leading condition";
    case Standing::distant: return "it would matter, but needs more positive answers than the interview chases";
  }
  return "";
}

std::string interview_stop_reason(const Ruleset& rs) {
  const std::string rest = "nothing not yet asked could change the triage, the red flags or the leading condition";
  return rs.screen().findings.empty() ? rest : "the screen is answered, and " + rest;
}

namespace format_detail {

ScreenProgress screen_progress(const Case& c) {
  ScreenProgress p;
  for (std::uint32_t slot : c.ruleset().screen().findings) {
    if (c.state(slot) == FindingState::not_asked)
      p.pending.push_back(slot);
    else
      ++p.asked;
  }
  return p;
}

}  // namespace format_detail

}  // namespace ardent
