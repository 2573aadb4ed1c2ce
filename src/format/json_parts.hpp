// Pieces shared by the JSON result, the text report and the CDS Hooks cards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/format.hpp"

namespace ardent::format_detail {

// The JSON result (schema v1, compact).
std::string result_text(const Case& c, const Result& r, std::size_t max_ask = 0);
std::string question_of(const FindingInfo& f);  // the `ask` text, else "Label?"
std::string owner_name(const Ruleset& rs, const EvalWarning& w);
std::string_view owner_kind(const EvalWarning& w);  // "rule", "define", "score"
std::string warning_message(const Ruleset& rs, const EvalWarning& w);

// The screen's questions in a case: how many are answered (given or unknown), and the slots of
// those not asked yet, in screen order. Both empty when the rule set declares no screen.
struct ScreenProgress {
  std::size_t asked = 0;
  std::vector<std::uint32_t> pending;
};
ScreenProgress screen_progress(const Case& c);

// Throws std::invalid_argument unless `r` was produced from a case of `c`'s rule set.
void check_pair(const Case& c, const Result& r);

}  // namespace ardent::format_detail
