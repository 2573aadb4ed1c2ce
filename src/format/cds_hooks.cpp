// CDS Hooks cards (https://cds-hooks.org/specification/current/#card-attributes).
//
// Cards, in order: one per fired red flag (critical); one for the triage (critical for
// emergency, warning for urgent, info otherwise) listing excluded conditions in its detail and
// saying "(provisional)" while the interview is incomplete; one (warning) listing the screen's
// questions not asked yet, when there are any; one per suggested condition (info); one "also
// consider" card for the considered conditions.
//
// The cards are written straight into one buffer (an EHR asks for them on every hook call):
// each text is escaped as it is put together, names and texts of the rule set are copied from
// the Program's pre-escaped JsonTexts, and the fixed parts of a card are written key by key.
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <span>
#include <string>
#include <vector>

#include "ardent/format.hpp"
#include "compile/json_escape.hpp"
#include "compile/program.hpp"
#include "compile/ruleset_access.hpp"
#include "eval/phrases.hpp"
#include "format/json_parts.hpp"
#include "format/reasons.hpp"
#include "format/json_writer.hpp"

namespace ardent {

namespace {

using format_detail::JsonWriter;

constexpr std::size_t kSummaryLimit = 140;

// One JSON string, quotes included, built piece by piece: pieces given as text are escaped,
// pieces already in JSON form (the constants of this file, the Program's JsonTexts) are copied.
class JsonString {
 public:
  // `capacity`: what its longest text will need, about, so that it grows once if ever.
  explicit JsonString(std::size_t capacity) { s_.reserve(capacity); }
  JsonString& begin() {
    s_.assign(1, '"');
    return *this;
  }
  JsonString& lit(std::string_view escaped) {
    s_ += escaped;
    return *this;
  }
  JsonString& text(std::string_view raw) {
    json_escape::append_escaped(s_, raw);
    return *this;
  }
  // A JsonTexts entry: a whole quoted string, of which the part between the quotes is taken.
  JsonString& quoted(std::string_view json) { return lit(json.substr(1, json.size() - 2)); }
  std::string_view end() {
    s_ += '"';
    return s_;
  }
  std::string_view str() const { return s_; }  // after end()
  bool empty() const { return s_.empty(); }     // nothing begun

 private:
  std::string s_;
};

// At most 140 characters (code points), cut at a character boundary with an ellipsis.
void summary(JsonString& out, std::string_view s) {
  std::size_t chars = 0;
  for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
  out.begin();
  if (chars <= kSummaryLimit) {
    out.text(s);
    return;
  }
  std::size_t kept = 0, cut = 0;
  for (; cut < s.size(); ++cut) {
    const auto ch = static_cast<unsigned char>(s[cut]);
    if ((ch & 0xC0) != 0x80 && kept++ == kSummaryLimit - 1) break;
  }
  while (cut > 0 && s[cut - 1] == ' ') --cut;
  out.text(s.substr(0, cut)).lit("\u2026");
}

// CDS Hooks feedback names a card by its uuid, so each card of each rendering gets a fresh
// random (version 4) one: two responses never share a card uuid, even for the same result.
// One generator per thread, because batches are rendered on many threads at once.
std::string card_uuid() {
  thread_local boost::uuids::random_generator generate;
  return boost::uuids::to_string(generate());
}

// Markdown items, "- item\n" each.
template <typename Items>
void bullets(JsonString& out, const Items& items) {
  for (const auto& i : items) out.lit("- ").text(i).lit("\\n");
}
void advice_bullets(JsonString& out, const JsonTexts& jt, std::span<const std::uint32_t> ids) {
  for (std::uint32_t id : ids) out.lit("- ").quoted(jt.advice_text[id]).lit("\\n");
}

void because_md(JsonString& out, const std::vector<std::string_view>& reasons) {
  if (!reasons.empty()) out.lit("**Because:** ").text(eval::join_phrase_list(reasons)).lit(".\\n\\n");
}

// What a card is about, as its source.topic: a Coding of Ardent's own system.
enum class Topic { red_flag, triage, screen, condition, differential };

constexpr std::string_view kTopicSystem = "urn:ardent:cds-card-topic";
constexpr std::string_view kOverrideSystem = "urn:ardent:cds-override-reason";
// CDS Hooks extensions are named by reverse domain: this one carries where a card came from.
constexpr std::string_view kProvenanceExtension = "org.ardent.provenance";

void coding(JsonWriter& w, std::string_view system, std::string_view code, std::string_view display) {
  w.begin_object();
  w.key("system").ascii(system);
  w.key("code").ascii(code);
  w.key("display").ascii(display);
  w.end_object();
}

void topic(JsonWriter& w, Topic t) {
  static constexpr std::string_view codes[][2] = {{"red-flag", "Red flag"},
                                                  {"triage", "Triage"},
                                                  {"screen", "Screen incomplete"},
                                                  {"condition", "Suggested condition"},
                                                  {"differential", "Differential diagnoses"}};
  const auto& [code, display] = codes[static_cast<int>(t)];
  coding(w, kTopicSystem, code, display);
}

// Why a clinician may set a red flag aside; sent back in feedback's overrideReason.
void override_reasons(JsonWriter& w) {
  static constexpr std::string_view reasons[][2] = {{"already-addressed", "Already addressed"},
                                                    {"not-applicable", "Not applicable to this patient"},
                                                    {"patient-declined", "Patient declined"},
                                                    {"clinical-judgement", "Overridden by clinical judgement"}};
  w.begin_array();
  for (const auto& [code, display] : reasons) coding(w, kOverrideSystem, code, display);
  w.end_array();
}

// The cards' array, written card by card. What every card of the rule set repeats is in the
// Program's JsonTexts, but for the source's label and url, escaped once per rendering.
class Cards {
 public:
  Cards(JsonWriter& w, const JsonTexts& jt, const CdsOptions& options) : w_(w), jt_(jt) {
    label_.begin().lit("Ardent rule set ").quoted(jt.name).lit(" ").quoted(jt.version).end();
    if (!options.source_url.empty()) url_.begin().text(options.source_url).end();
  }

  // `summary_text` is the summary before it is cut; `detail` a finished JSON string.
  void add(Topic t, std::string_view indicator, std::string_view summary_text, std::string_view detail) {
    summary(summary_, summary_text);
    w_.begin_object();
    w_.key("uuid").ascii(card_uuid());
    w_.key("summary").raw(summary_.end());
    w_.key("indicator").ascii(indicator);
    w_.key("detail").raw(detail);
    w_.key("source").begin_object();
    w_.key("label").raw(label_.str());
    if (!url_.empty()) w_.key("url").raw(url_.str());
    w_.key("topic");
    topic(w_, t);
    w_.end_object();
    if (t == Topic::red_flag) override_reasons(w_.key("overrideReasons"));
    w_.key("extension").begin_object();
    w_.key(kProvenanceExtension).begin_object();
    w_.key("ruleset").raw(jt_.name);
    w_.key("version").raw(jt_.version);
    w_.key("hash").raw(jt_.hash);
    w_.key("engine").ascii(kEngineVersion);
    w_.end_object();
    w_.end_object();
    w_.end_object();
  }

 private:
  JsonWriter& w_;
  const JsonTexts& jt_;
  JsonString label_{64}, url_{0}, summary_{256};
};

// What the cards will need, about: the writer starts with that much, so the text is rarely
// copied as it grows.
std::size_t estimate_of(const Result& r, int indent) {
  const std::size_t estimate = 2048 * (3 + r.red_flags().size() + r.conditions().size());
  return indent >= 0 ? estimate * 2 : estimate;
}

}  // namespace

std::string format_cds_cards(const Case& c, const Result& r, int indent) {
  return format_cds_cards(c, r, CdsOptions{.indent = indent, .source_url = {}});
}

std::string format_cds_cards(const Case& c, const Result& r, const CdsOptions& options) {
  format_detail::check_pair(c, r);
  const Ruleset& rs = c.ruleset();
  const Program& p = internal::program_of(rs);
  const JsonTexts& jt = p.json;
  const int indent = options.indent < 0 ? -1 : options.indent;
  JsonWriter w(estimate_of(r, indent), indent);
  w.begin_object();
  w.key("cards").begin_array();
  Cards cards(w, jt, options);
  JsonString detail(1024);
  std::string text;  // a summary before it is cut
  format_detail::Reasons reasons(c, r);

  for (std::uint32_t rf : r.red_flags()) {
    const RuleInfo& info = rs.rules()[rf];
    detail.begin();
    because_md(detail, reasons.of_rule(rf));
    const prog::RuleOut& out = p.rule_out[rf];
    if (out.advice_n != 0) {
      detail.lit("**Advice:**\\n\\n");
      advice_bullets(detail, jt, std::span(p.rule_advice).subspan(out.advice_begin, out.advice_n));
      detail.lit("\\n");
    }
    detail.lit("_Rule `").quoted(jt.rule_name[rf]).lit("` at ").quoted(jt.rule_source[rf]).lit("._");
    text.assign("Red flag: ").append(info.label.empty() ? info.name : info.label);
    cards.add(Topic::red_flag, "critical", text, detail.end());
  }

  {
    const Triage t = r.triage();
    const std::string_view indicator = t == Triage::emergency ? "critical" : t == Triage::urgent ? "warning" : "info";
    detail.begin();
    if (r.provisional())
      detail.lit(
          "**Provisional:** the interview is incomplete; questions not asked yet could still change the "
          "triage, the red flags or the leading condition.\\n\\n");
    detail.text(triage_meaning(t)).lit("\\n\\n");
    if (!r.advice().empty()) {
      detail.lit("**Advice:**\\n\\n");
      advice_bullets(detail, jt, r.advice());
      detail.lit("\\n");
    }
    bool any_excluded = false;
    for (const auto& o : r.conditions()) {
      if (o.status != ConditionStatus::excluded) continue;
      if (!any_excluded) detail.lit("**Ruled out:**\\n\\n");
      any_excluded = true;
      detail.lit("- ").quoted(jt.condition_label[o.condition]);
      const auto why = reasons.of_condition(o);
      if (!why.empty()) detail.lit(" (").text(eval::join_phrase_list(why)).lit(")");
      detail.lit("\\n");
    }
    text.assign("Triage: ").append(to_string(t));
    if (r.provisional()) text.append(" (provisional)");
    cards.add(Topic::triage, indicator, text, detail.end());
  }

  // The screen's questions not asked yet: the triage cannot be trusted before they are.
  if (const auto progress = format_detail::screen_progress(c); !progress.pending.empty()) {
    std::vector<std::string> questions;
    for (std::uint32_t slot : progress.pending) questions.push_back(format_detail::question_of(rs.findings()[slot]));
    detail.begin()
        .lit("**")
        .text(rs.screen().title)
        .lit(":** ")
        .lit(std::to_string(progress.pending.size()))
        .lit(" of ")
        .lit(std::to_string(progress.pending.size() + progress.asked))
        .lit(" questions not asked yet. Ask them before relying on the triage:\\n\\n");
    bullets(detail, questions);
    text.assign("Screen incomplete: ask ").append(join_phrases(questions));
    cards.add(Topic::screen, "warning", text, detail.end());
  }

  std::vector<std::string> considered;
  for (const auto& o : r.conditions()) {
    const ConditionInfo& info = rs.conditions()[o.condition];
    if (o.status == ConditionStatus::considered) {
      considered.push_back(info.label);
      continue;
    }
    if (o.status != ConditionStatus::suggested) continue;
    text.assign("Suggested: ").append(info.label);
    if (o.strength != Strength::none) text.append(" (").append(to_string(o.strength)).append(")");
    detail.begin();
    because_md(detail, reasons.of_condition(o));
    if (!info.advice.empty()) {
      detail.lit("**Advice:**\\n\\n");
      bullets(detail, info.advice);
    }
    cards.add(Topic::condition, "info", text, detail.end());
  }
  if (!considered.empty()) {
    detail.begin().lit("Differential diagnoses to keep in mind:\\n\\n");
    bullets(detail, considered);
    text.assign("Also consider: ").append(join_phrases(considered));
    cards.add(Topic::differential, "info", text, detail.end());
  }

  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace ardent
