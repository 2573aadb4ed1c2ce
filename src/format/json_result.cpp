// The JSON result, schemas 1 and 2 (docs/result-schema.md). Written straight to text from the
// Program's pre-escaped names and texts: rendering runs for every case an EHR sends.
#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

#include "ardent/format.hpp"
#include "ardent/names.hpp"
#include "compile/ruleset_access.hpp"
#include "compile/program.hpp"
#include "format/json_parts.hpp"
#include "format/reasons.hpp"
#include "format/json_writer.hpp"

namespace ardent {

namespace format_detail {

namespace {

// The top-level members of the result, in the order they are written; a FieldMask has bit i for
// kFields[i].
constexpr std::array<std::string_view, 13> kFields = {
    "schema", "ruleset", "engine", "dsl", "triage", "triage_is_default", "interview",
    "red_flags", "conditions", "advice", "undecided", "ask_next", "warnings"};

constexpr FieldMask bit(std::string_view field) {
  for (std::size_t i = 0; i < kFields.size(); ++i)
    if (kFields[i] == field) return FieldMask{1} << i;
  return 0;
}

// A member known when compiling: a misspelt name does not compile.
consteval FieldMask member(std::string_view field) {
  if (bit(field) == 0) throw "not a member of the JSON result";
  return bit(field);
}

// What follows the rule's name in an `undecided` entry after its missing findings, and in a
// `settled` entry, for each standing: one-line text writes each whole.
constexpr std::size_t kStandings = static_cast<std::size_t>(Standing::distant) + 1;

template <class Make>
std::array<std::string, kStandings> per_standing(Make make) {
  std::array<std::string, kStandings> out;
  for (std::size_t i = 0; i < kStandings; ++i) out[i] = make(static_cast<Standing>(i));
  return out;
}

const std::string& undecided_tail(Standing s) {
  static const auto tails =
      per_standing([](Standing st) { return R"(],"standing":")" + std::string(to_string(st)) + R"("})"; });
  return tails[static_cast<std::size_t>(s)];
}

const std::string& settled_tail(Standing s) {
  static const auto tails = per_standing([](Standing st) {
    return R"(,"standing":")" + std::string(to_string(st)) + R"(","reason":")" + std::string(standing_phrase(st)) +
           R"("})";
  });
  return tails[static_cast<std::size_t>(s)];
}

}  // namespace

FieldMask field_mask(const std::vector<std::string>& fields) {
  if (fields.empty()) return kAllFields;
  FieldMask mask = 0;
  for (const auto& f : fields) {
    const FieldMask b = bit(f);
    if (b == 0) {
      std::string known;
      for (auto k : kFields) known += (known.empty() ? "" : ", ") + std::string(k);
      throw std::invalid_argument("the JSON result has no field " + in_quotes(f) + " (its fields: " + known + ")");
    }
    mask |= b;
  }
  return mask;
}

std::string question_of(const FindingInfo& f) {
  return f.question.empty() ? f.label + "?" : f.question;
}

std::string owner_name(const Ruleset& rs, const EvalWarning& w) {
  switch (w.owner) {
    case EvalWarning::Owner::rule: return rs.rules()[w.index].name;
    case EvalWarning::Owner::define: return rs.defines()[w.index].name;
    case EvalWarning::Owner::score: return rs.scores()[w.index].name;
    case EvalWarning::Owner::finding: return rs.findings()[w.index].name;
  }
  return {};
}

std::string_view owner_kind(const EvalWarning& w) {
  switch (w.owner) {
    case EvalWarning::Owner::rule: return "rule";
    case EvalWarning::Owner::define: return "define";
    case EvalWarning::Owner::score: return "score";
    case EvalWarning::Owner::finding: return "finding";
  }
  return "rule";
}

std::string_view warning_kind(const EvalWarning& w) {
  return w.kind == EvalWarning::Kind::conflicting_answers ? "conflicting_answers" : "division_by_zero";
}

std::string warning_message(const Ruleset& rs, const EvalWarning& w) {
  if (w.kind == EvalWarning::Kind::conflicting_answers)
    return "answers of the same latest time disagree for finding '" + owner_name(rs, w) +
           "'; it is treated as unknown";
  return "division by zero in " + std::string(owner_kind(w)) + " '" + owner_name(rs, w) +
         "'; the value is treated as unknown";
}

namespace {

template <class Texts>
void strings(JsonWriter& w, const Texts& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

// `interview` (docs/result-schema.md): complete or provisional, the screen's progress and, once
// complete, why nothing more is asked.
void interview(JsonWriter& w, const Case& c, const Result& r, const JsonTexts& jt) {
  const Ruleset& rs = c.ruleset();
  const ScreenInfo& screen = rs.screen();
  const bool complete = r.complete();
  w.key("interview").begin_object();
  w.key("complete").boolean(complete);
  w.key("provisional").boolean(!complete);
  w.key("self_care_withheld").boolean(false);  // schema 1 keeps the key; the engine no longer withholds
  w.key("screen");
  if (screen.findings.empty()) {
    w.null();
  } else {
    // Two passes over the screen rather than a list: rendering allocates only its text.
    std::int64_t asked = 0;
    for (std::uint32_t slot : screen.findings) asked += c.state(slot) != FindingState::not_asked;
    w.begin_object();
    w.key("title").string(screen.title);
    w.key("asked").integer(asked);
    w.key("pending").begin_array();
    for (std::uint32_t slot : screen.findings)
      if (c.state(slot) == FindingState::not_asked) w.raw(jt.finding_name[slot]);
    w.end_array();
    w.end_object();
  }
  w.key("stop");
  if (!complete) {
    w.null();
  } else {
    w.begin_object();
    w.key("screen_answered").boolean(true);
    w.key("message").string(interview_stop_reason(rs));
    std::int64_t no_true_part = 0;
    w.key("settled").begin_array();
    for (const auto& u : r.undecided()) {
      if (u.standing == Standing::no_true_part) {
        ++no_true_part;
        continue;
      }
      if (w.compact()) {
        w.start_item(R"({"rule":)", jt.rule_name[u.rule], settled_tail(u.standing)).finish_item();
        continue;
      }
      w.begin_object();
      w.key("rule").raw(jt.rule_name[u.rule]);
      w.key("standing").ascii(to_string(u.standing));
      w.key("reason").ascii(standing_phrase(u.standing));
      w.end_object();
    }
    w.end_array();
    w.key("no_true_part").integer(no_true_part);
    w.end_object();
  }
  w.end_object();
}

}  // namespace

namespace {

// What the result will need, about: the writer starts with that much, so the text is rarely
// copied as it grows.
std::size_t estimate_of(const Case& c, const Result& r, std::size_t max_ask, int indent) {
  std::size_t estimate = 4096 + 256 * (r.red_flags().size() + r.conditions().size());
  for (const auto& u : r.undecided()) estimate += 48 + 32 * u.missing_count;
  const std::size_t n_asks = max_ask == 0 ? r.ask_next().size() : std::min(max_ask, r.ask_next().size());
  for (const auto& a : r.ask_next().first(n_asks)) estimate += 160 + 32 * a.decide_count;
  estimate += 32 * c.ruleset().screen().findings.size();
  if (r.complete()) estimate += 128 * r.undecided().size();
  if (indent >= 0) estimate += estimate / 2;  // the new lines and their indentation
  return estimate;
}

void write_result(JsonWriter& w, const Case& c, const Result& r, std::size_t max_ask, FieldMask fields, int schema) {
  const std::size_t codes = schema == 1 ? 0 : 1;  // which rendering of the codes (JsonTexts)
  const auto want = [fields](FieldMask member) { return (fields & member) != 0; };
  const Ruleset& rs = c.ruleset();
  const JsonTexts& jt = internal::program_of(rs).json;
  const auto asks = r.ask_next().first(max_ask == 0 ? r.ask_next().size() : std::min(max_ask, r.ask_next().size()));
  Reasons reasons(c, r);
  w.begin_object();
  if (want(member("schema"))) w.key("schema").integer(schema);
  if (want(member("ruleset"))) w.key("ruleset").raw(jt.ruleset);
  if (want(member("engine"))) w.key("engine").ascii(kEngineVersion);
  if (want(member("dsl"))) w.key("dsl").integer(kDslVersion);
  if (want(member("triage"))) w.key("triage").ascii(to_string(r.triage()));
  if (want(member("triage_is_default"))) w.key("triage_is_default").boolean(r.triage_is_default());
  if (want(member("interview"))) interview(w, c, r, jt);

  if (want(member("red_flags"))) {
    w.key("red_flags").begin_array();
    for (std::uint32_t rf : r.red_flags()) {
      w.begin_object();
      w.key("id").raw(jt.rule_name[rf]);
      w.key("label").raw(jt.rule_label[rf]);
      w.key("triage").raw(jt.rule_triage[rf]);
      w.key("because");
      strings(w, reasons.of_rule(rf));
      w.key("advice").raw(jt.rule_advice[rf]);
      w.key("codes").raw(jt.rule_codes[codes][rf]);
      w.key("source").raw(jt.rule_source[rf]);
      w.end_object();
    }
    w.end_array();
  }

  if (want(member("conditions"))) {
    w.key("conditions").begin_array();
    for (const auto& o : r.conditions()) {
      const std::uint32_t i = o.condition;
      w.begin_object();
      w.key("id").raw(jt.condition_name[i]);
      w.key("label").raw(jt.condition_label[i]);
      w.key("status").ascii(to_string(o.status));
      w.key("strength");
      if (o.status == ConditionStatus::suggested && o.strength != Strength::none)
        w.ascii(to_string(o.strength));
      else
        w.null();
      w.key("priority").integer(o.priority);
      w.key("codes").raw(jt.condition_codes[codes][i]);
      w.key("advice").raw(jt.condition_advice[i]);
      w.key("because");
      strings(w, reasons.of_condition(o));
      w.end_object();
    }
    w.end_array();
  }

  if (want(member("advice"))) {
    w.key("advice").begin_array();
    for (std::uint32_t id : r.advice()) w.raw(jt.advice_text[id]);
    w.end_array();
  }

  if (want(member("undecided"))) {
    w.key("undecided").begin_array();
    for (const auto& u : r.undecided()) {
      if (w.compact()) {
        w.start_item(R"({"rule":)", jt.rule_name[u.rule], R"(,"missing":[)");
        const char* comma = "";
        for (std::uint32_t slot : r.missing(u)) {
          w.append(comma, jt.finding_name[slot]);
          comma = ",";
        }
        w.append(undecided_tail(u.standing)).finish_item();
        continue;
      }
      w.begin_object();
      w.key("rule").raw(jt.rule_name[u.rule]);
      w.key("missing").begin_array();
      for (std::uint32_t slot : r.missing(u)) w.raw(jt.finding_name[slot]);
      w.end_array();
      w.key("standing").ascii(to_string(u.standing));
      w.end_object();
    }
    w.end_array();
  }

  if (want(member("ask_next"))) {
    w.key("ask_next").begin_array();
    for (const auto& a : asks) {
      w.begin_object();
      w.key("finding").raw(jt.finding_name[a.finding]);
      w.key("question").raw(jt.finding_question[a.finding]);
      w.key("reason").ascii(to_string(a.reason));
      w.key("why").ascii(to_string(a.reason));  // the same: `why` is the interview's name for it
      w.key("could_decide").begin_array();
      for (std::uint32_t rule : r.could_decide(a)) w.raw(jt.rule_name[rule]);
      w.end_array();
      w.end_object();
    }
    w.end_array();
  }

  if (want(member("warnings"))) {
    w.key("warnings").begin_array();
    for (const auto& warning : r.warnings()) {
      w.begin_object();
      w.key("kind").ascii(warning_kind(warning));
      w.key(owner_kind(warning)).string(owner_name(rs, warning));
      w.key("message").string(warning_message(rs, warning));
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace

std::string result_text(const Case& c, const Result& r, std::size_t max_ask, int indent, FieldMask fields, int schema) {
  check_pair(c, r);
  JsonWriter w(estimate_of(c, r, max_ask, indent), indent);
  write_result(w, c, r, max_ask, fields, schema);
  return w.take();
}

std::size_t result_into(char* out, std::size_t capacity, const Case& c, const Result& r, std::size_t max_ask,
                        int indent, FieldMask fields, int schema) {
  check_pair(c, r);
  JsonWriter w(out, capacity == 0 ? 0 : capacity - 1, indent);  // room for the NUL
  write_result(w, c, r, max_ask, fields, schema);
  if (w.in_place()) out[w.size()] = '\0';
  return w.size();
}

}  // namespace format_detail

std::string format_json(const Case& c, const Result& r, int indent, std::size_t max_ask) {
  return format_detail::result_text(c, r, max_ask, indent);
}

std::span<const std::string_view> json_result_fields() { return format_detail::kFields; }

void check_result_schema(int schema) {
  if (schema >= kOldestResultSchema && schema <= kResultSchemaVersion) return;
  throw std::invalid_argument("the JSON result has no schema " + std::to_string(schema) + " (schemas written: " +
                              std::to_string(kOldestResultSchema) + " to " + std::to_string(kResultSchemaVersion) +
                              ")");
}

std::size_t format_json_into(char* out, std::size_t capacity, const Case& c, const Result& r,
                             const JsonOptions& options) {
  check_result_schema(options.schema);
  return format_detail::result_into(out, capacity, c, r, options.max_ask, options.indent,
                                    format_detail::field_mask(options.fields), options.schema);
}

std::string format_json(const Case& c, const Result& r, const JsonOptions& options) {
  check_result_schema(options.schema);
  return format_detail::result_text(c, r, options.max_ask, options.indent, format_detail::field_mask(options.fields),
                                    options.schema);
}

}  // namespace ardent
