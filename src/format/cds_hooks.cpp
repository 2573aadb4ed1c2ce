// CDS Hooks cards (https://cds-hooks.org/specification/current/#card-attributes).
//
// Cards, in order: one per fired red flag (critical); one for the triage (critical for
// emergency, warning for urgent, info otherwise) listing excluded conditions in its detail;
// one per suggested condition (info); one "also consider" card for the considered conditions.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ardent/format.hpp"
#include "compile/compile.hpp"
#include "format/json_parts.hpp"

namespace ardent {

namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kSummaryLimit = 140;

// At most 140 characters (code points), cut at a character boundary with an ellipsis.
std::string summary(std::string_view s) {
  std::size_t chars = 0;
  for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
  if (chars <= kSummaryLimit) return std::string(s);
  std::string out;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if ((ch & 0xC0) != 0x80 && kept++ == kSummaryLimit - 1) break;
    out.push_back(s[i]);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\u2026";
}

// A stable UUID (version-5 layout) from the rule set's hash and the card's key.
std::string card_uuid(const Ruleset& rs, const std::string& key) {
  const std::string h = compile::sha256_hex(rs.hash() + ":" + key);
  std::string u = h.substr(0, 32);
  u[12] = '5';
  static constexpr char variant[] = "89ab";
  u[16] = variant[std::stoi(u.substr(16, 1), nullptr, 16) & 3];
  return u.substr(0, 8) + "-" + u.substr(8, 4) + "-" + u.substr(12, 4) + "-" + u.substr(16, 4) + "-" + u.substr(20);
}

std::string bullets(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += "- " + i + "\n";
  return out;
}

std::string because_md(const std::vector<std::string>& reasons) {
  return reasons.empty() ? std::string() : "**Because:** " + join_phrases(reasons) + ".\n\n";
}

json card(const Ruleset& rs, const std::string& key, std::string_view indicator, std::string_view text,
          std::string detail) {
  return {{"uuid", card_uuid(rs, key)},
          {"summary", summary(text)},
          {"indicator", indicator},
          {"detail", std::move(detail)},
          {"source", {{"label", fmt::format("Ardent rule set {} {}", rs.name(), rs.version())}}}};
}

}  // namespace

std::string format_cds_cards(const Case& c, const Result& r, int indent) {
  format_detail::check_pair(c, r);
  const Ruleset& rs = c.ruleset();
  json cards = json::array();

  for (std::uint32_t rf : r.red_flags()) {
    const RuleInfo& info = rs.rules()[rf];
    const std::string label = info.label.empty() ? info.name : info.label;
    std::string detail = because_md(because_rule(c, r, rf));
    if (!info.advice.empty()) detail += "**Advice:**\n\n" + bullets(info.advice) + "\n";
    detail += fmt::format("_Rule `{}` at {}._", info.name, to_string(info.location));
    cards.push_back(card(rs, "redflag:" + info.name, "critical", "Red flag: " + label, std::move(detail)));
  }

  {
    const Triage t = r.triage();
    const std::string_view indicator = t == Triage::emergency ? "critical" : t == Triage::urgent ? "warning" : "info";
    std::string detail = std::string(triage_meaning(t)) + "\n\n";
    std::vector<std::string> advice;
    for (std::uint32_t id : r.advice()) advice.push_back(rs.advice_text(id));
    if (!advice.empty()) detail += "**Advice:**\n\n" + bullets(advice) + "\n";
    std::vector<std::string> excluded;
    for (const auto& o : r.conditions())
      if (o.status == ConditionStatus::excluded) {
        auto reasons = because_condition(c, r, o);
        excluded.push_back(rs.conditions()[o.condition].label +
                           (reasons.empty() ? "" : " (" + join_phrases(reasons) + ")"));
      }
    if (!excluded.empty()) detail += "**Ruled out:**\n\n" + bullets(excluded);
    cards.push_back(card(rs, "triage", indicator, fmt::format("Triage: {}", to_string(t)), std::move(detail)));
  }

  std::vector<std::string> considered;
  for (const auto& o : r.conditions()) {
    const ConditionInfo& info = rs.conditions()[o.condition];
    if (o.status == ConditionStatus::considered) {
      considered.push_back(info.label);
      continue;
    }
    if (o.status != ConditionStatus::suggested) continue;
    std::string text = "Suggested: " + info.label;
    if (o.strength != Strength::none) text += fmt::format(" ({})", to_string(o.strength));
    std::string detail = because_md(because_condition(c, r, o));
    if (!info.advice.empty()) detail += "**Advice:**\n\n" + bullets(info.advice);
    cards.push_back(card(rs, "condition:" + info.name, "info", text, std::move(detail)));
  }
  if (!considered.empty())
    cards.push_back(card(rs, "considered", "info", "Also consider: " + join_phrases(considered),
                         "Differential diagnoses to keep in mind:\n\n" + bullets(considered)));

  json out{{"cards", std::move(cards)}};
  return out.dump(indent < 0 ? -1 : indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace ardent
