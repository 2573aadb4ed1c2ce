// Pieces shared by the JSON result, the text report and the CDS Hooks cards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/format.hpp"

namespace ardent::format_detail {

// A set of the JSON result's top-level members (json_result_fields()), bit i for the i-th.
using FieldMask = std::uint32_t;
constexpr FieldMask kAllFields = ~FieldMask{0};
// The members named; all for none. Throws std::invalid_argument for a name that is no member.
FieldMask field_mask(const std::vector<std::string>& fields);

// The JSON result in `schema` (checked by the caller): one line, or indented by `indent` spaces
// a level; only the members in `fields`, and at most `max_ask` (> 0) ask-next items.
std::string result_text(const Case& c, const Result& r, std::size_t max_ask = 0, int indent = -1,
                        FieldMask fields = kAllFields, int schema = kResultSchemaVersion);
// The same written into `out` (format_json_into): returns the length, the NUL not counted.
std::size_t result_into(char* out, std::size_t capacity, const Case& c, const Result& r, std::size_t max_ask,
                        int indent, FieldMask fields, int schema);
std::string question_of(const FindingInfo& f);  // the `ask` text, else "Label?"
std::string owner_name(const Ruleset& rs, const EvalWarning& w);
std::string_view owner_kind(const EvalWarning& w);  // "rule", "define", "score", "finding"
std::string_view warning_kind(const EvalWarning& w);  // "division_by_zero", "conflicting_answers"
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
