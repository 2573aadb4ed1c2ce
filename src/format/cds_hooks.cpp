// CDS Hooks cards (https://cds-hooks.org/specification/current/#card-attributes).
//
// Cards, in order: one per fired red flag (critical); one for the triage (critical for
// emergency, warning for urgent, info otherwise) listing excluded conditions in its detail and
// saying "(provisional)" while the interview is incomplete; one (warning) listing the screen's
// questions not asked yet, when there are any; one per suggested condition (info); one "also
// consider" card for the considered conditions.
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ardent/format.hpp"
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

// CDS Hooks feedback names a card by its uuid, so each card of each rendering gets a fresh
// random (version 4) one: two responses never share a card uuid, even for the same result.
// One generator per thread, because batches are rendered on many threads at once.
std::string card_uuid() {
  thread_local boost::uuids::random_generator generate;
  return boost::uuids::to_string(generate());
}

std::string bullets(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += "- " + i + "\n";
  return out;
}

std::string because_md(const std::vector<std::string>& reasons) {
  return reasons.empty() ? std::string() : "**Because:** " + join_phrases(reasons) + ".\n\n";
}

// What a card is about, as its source.topic: a Coding of Ardent's own system.
enum class Topic { red_flag, triage, screen, condition, differential };

constexpr const char* kTopicSystem = "urn:ardent:cds-card-topic";
constexpr const char* kOverrideSystem = "urn:ardent:cds-override-reason";
// CDS Hooks extensions are named by reverse domain: this one carries where a card came from.
constexpr const char* kProvenanceExtension = "org.ardent.provenance";

json topic(Topic t) {
  static constexpr const char* codes[][2] = {{"red-flag", "Red flag"},
                                             {"triage", "Triage"},
                                             {"screen", "Screen incomplete"},
                                             {"condition", "Suggested condition"},
                                             {"differential", "Differential diagnoses"}};
  const auto& [code, display] = codes[static_cast<int>(t)];
  return {{"system", kTopicSystem}, {"code", code}, {"display", display}};
}

// Why a clinician may set a red flag aside; sent back in feedback's overrideReason.
json override_reasons() {
  static constexpr const char* reasons[][2] = {{"already-addressed", "Already addressed"},
                                               {"not-applicable", "Not applicable to this patient"},
                                               {"patient-declined", "Patient declined"},
                                               {"clinical-judgement", "Overridden by clinical judgement"}};
  json out = json::array();
  for (const auto& [code, display] : reasons) out.push_back({{"system", kOverrideSystem}, {"code", code}, {"display", display}});
  return out;
}

struct Cards {
  const Ruleset& rs;
  const CdsOptions& options;
  json list = json::array();

  void add(Topic t, std::string_view indicator, std::string_view text, std::string detail) {
    json source = {{"label", fmt::format("Ardent rule set {} {}", rs.name(), rs.version())}};
    if (!options.source_url.empty()) source["url"] = options.source_url;
    source["topic"] = topic(t);
    json c = {{"uuid", card_uuid()},
              {"summary", summary(text)},
              {"indicator", indicator},
              {"detail", std::move(detail)},
              {"source", std::move(source)}};
    if (t == Topic::red_flag) c["overrideReasons"] = override_reasons();
    c["extension"] = {{kProvenanceExtension,
                       {{"ruleset", rs.name()}, {"version", rs.version()}, {"hash", rs.hash()}, {"engine", kEngineVersion}}}};
    list.push_back(std::move(c));
  }
};

}  // namespace

std::string format_cds_cards(const Case& c, const Result& r, int indent) {
  return format_cds_cards(c, r, CdsOptions{.indent = indent});
}

std::string format_cds_cards(const Case& c, const Result& r, const CdsOptions& options) {
  format_detail::check_pair(c, r);
  const Ruleset& rs = c.ruleset();
  Cards cards{rs, options};

  for (std::uint32_t rf : r.red_flags()) {
    const RuleInfo& info = rs.rules()[rf];
    const std::string label = info.label.empty() ? info.name : info.label;
    std::string detail = because_md(because_rule(c, r, rf));
    if (!info.advice.empty()) detail += "**Advice:**\n\n" + bullets(info.advice) + "\n";
    detail += fmt::format("_Rule `{}` at {}._", info.name, to_string(info.location));
    cards.add(Topic::red_flag, "critical", "Red flag: " + label, std::move(detail));
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
    std::string summary_text = fmt::format("Triage: {}", to_string(t));
    if (r.provisional()) {
      summary_text += " (provisional)";
      std::string note =
          "**Provisional:** the interview is incomplete; questions not asked yet could still change the "
          "triage, the red flags or the leading condition.";
      detail = note + "\n\n" + detail;
    }
    cards.add(Topic::triage, indicator, summary_text, std::move(detail));
  }

  // The screen's questions not asked yet: the triage cannot be trusted before they are.
  if (const auto progress = format_detail::screen_progress(c); !progress.pending.empty()) {
    std::vector<std::string> questions;
    for (std::uint32_t slot : progress.pending) questions.push_back(format_detail::question_of(rs.findings()[slot]));
    const std::string& title = rs.screen().title;
    std::string detail = fmt::format("**{}:** {} of {} questions not asked yet. Ask them before relying on the triage:\n\n",
                                     title, progress.pending.size(), progress.pending.size() + progress.asked);
    detail += bullets(questions);
    cards.add(Topic::screen, "warning", "Screen incomplete: ask " + join_phrases(questions), std::move(detail));
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
    cards.add(Topic::condition, "info", text, std::move(detail));
  }
  if (!considered.empty())
    cards.add(Topic::differential, "info", "Also consider: " + join_phrases(considered),
                         "Differential diagnoses to keep in mind:\n\n" + bullets(considered));

  json out{{"cards", std::move(cards.list)}};
  return out.dump(options.indent < 0 ? -1 : options.indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace ardent
