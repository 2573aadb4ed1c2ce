// Rendering a Result: a text report for clinicians, the JSON result (schema v2, and v1 on
// request; documented in docs/result-schema.md) and CDS Hooks cards. Rendering is the only place where an evaluation
// meets names and texts; `c` must be the case that produced `r`.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/numbers.hpp"
#include "ardent/result.hpp"

namespace ardent {

// The JSON result's schema: the version written unless another is asked for, and the oldest
// still written (schema 1 carries codes as written, {"system": "icd10", "value"}; schema 2 as
// FHIR Codings). An older schema stays available for one major version of the engine.
inline constexpr int kResultSchemaVersion = 2;
inline constexpr int kOldestResultSchema = 1;

// Throws std::invalid_argument, naming the schemas written, unless `schema` is one of them.
void check_result_schema(int schema);

// One line saying what a triage level means for the patient.
std::string_view triage_meaning(Triage t);

// Why a finding is asked, for people: "on the screen", "could reveal a red flag", "could raise
// the triage", "requested by a rule", "could lower the triage", "could change the leading
// condition".
std::string_view ask_reason_phrase(AskReason r);
// Where an undecided rule stands in the interview, for people: why it drives questions or why
// it does not ("firing it would change neither the triage, the red flags nor the leading
// condition").
std::string_view standing_phrase(Standing s);
// Why a complete interview asks nothing more: "the screen is answered, and nothing not yet asked
// could change the triage, the red flags or the leading condition" (without the screen's part
// when the rule set declares none).
std::string interview_stop_reason(const Ruleset& rs);

struct TextOptions {
  std::size_t max_questions = 5;  // "Ask next" lines; 0 hides the section
  bool show_undecided = false;    // list undecided rules with what they wait for
  bool show_provenance = true;    // rule set name, version and hash
};

// Triage with its meaning, red flags with their advice, conditions with status and a
// "because ..." sentence, advice, the next questions and warnings.
std::string format_text(const Case& c, const Result& r, const TextOptions& options = {});

// The JSON result, schema kResultSchemaVersion. `indent` < 0 gives one line (JSON Lines). `max_ask` > 0 lists only
// that many ask-next items (the interview's `complete` still reports the whole list).
std::string format_json(const Case& c, const Result& r, int indent = -1, std::size_t max_ask = 0);

// The members of the JSON result's top-level object, in the order they are written.
std::span<const std::string_view> json_result_fields();

struct JsonOptions {
  int indent = -1;                  // < 0: one line; otherwise spaces per level
  std::size_t max_ask = 0;          // > 0: at most that many ask-next items
  std::vector<std::string> fields;  // only these top-level members (json_result_fields()); empty: all
  int schema = kResultSchemaVersion;  // kOldestResultSchema ... kResultSchemaVersion
};
// The JSON result with only what was asked for written. Throws std::invalid_argument for a
// field that is not a member of the result, naming the members there are, and for a schema
// not written (check_result_schema).
std::string format_json(const Case& c, const Result& r, const JsonOptions& options);
// The same text written straight into `out`, snprintf's way: at most `capacity` bytes, the NUL
// included. Returns the text's length (without the NUL); when that is `capacity` or more, `out`
// holds nothing of use and a buffer of length + 1 bytes is needed.
std::size_t format_json_into(char* out, std::size_t capacity, const Case& c, const Result& r,
                             const JsonOptions& options);

// {"cards": [...]} as a CDS Hooks 2.0 service response: red flags are `critical`, an urgent
// triage `warning` (emergency `critical`), the rest `info`; summaries are at most 140
// characters. Every card has a fresh uuid, `source.label` and `source.topic` (what kind of card
// it is), and the provenance extension (rule set name, version, hash; engine version); red-flag
// cards offer `overrideReasons`.
std::string format_cds_cards(const Case& c, const Result& r, int indent = -1);

struct CdsOptions {
  int indent = -1;         // < 0: one line
  std::string source_url;  // every card's `source.url`; empty: none
};
std::string format_cds_cards(const Case& c, const Result& r, const CdsOptions& options);

// The "because" phrases of a fired red flag or of a concluded condition (from the explanations
// of the fired rules that concluded it), each once.
std::vector<std::string> because_rule(const Case& c, const Result& r, std::uint32_t rule);
std::vector<std::string> because_condition(const Case& c, const Result& r, const ConditionOutcome& o);

}  // namespace ardent
