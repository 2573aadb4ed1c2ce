// An evaluation captured for the audit log without naming anything: the case's asked findings
// and the result's indices. The writer thread turns it into row text, off the caller's path,
// with a RowVocabulary that holds each name of the rule set already in JSON form.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ardent/store.hpp"

namespace ardent::store {

struct AskedFinding {
  std::uint32_t slot;
  FindingState state;  // unknown or given
  double value;
};

struct EvaluationSnapshot {
  RulesetPtr ruleset;
  std::vector<AskedFinding> findings;  // in slot order; not-asked findings are left out
  Triage triage = Triage::routine;
  std::vector<std::uint32_t> red_flags;  // rule indices
  std::vector<ConditionOutcome> conditions;

  EvaluationSnapshot() = default;
  EvaluationSnapshot(const Case& c, const Result& r) { capture(c, r); }
  // Overwrites this snapshot, reusing its vectors' capacity: no allocation once warmed up.
  void capture(const Case& c, const Result& r);
};

// The names of one rule set as JSON text, made once and reused for every row.
class RowVocabulary {
 public:
  explicit RowVocabulary(RulesetPtr ruleset);
  const RulesetPtr& ruleset() const { return ruleset_; }

  // {"name": value, ...} with keys in name order (as nlohmann::json writes an object), so the
  // text is the same whichever way it was made.
  void findings_json(std::string& out, const std::vector<AskedFinding>& findings) const;
  void red_flags_json(std::string& out, const std::vector<std::uint32_t>& rules) const;
  void conditions_json(std::string& out, const std::vector<ConditionOutcome>& conditions) const;

 private:
  RulesetPtr ruleset_;
  std::vector<std::string> finding_key_;              // "\"name\":" by slot
  std::vector<std::uint32_t> name_rank_;               // slot -> position in name order
  std::vector<std::vector<std::string>> enum_value_;  // "\"value\"" by slot and index
  std::vector<std::string> rule_name_;                // "\"name\"" by rule index
  std::vector<std::string> condition_name_;           // "\"name\"" by condition index
};

// A double as nlohmann::json writes it: shortest round trip, integral values with ".0".
void append_json_number(std::string& out, double v);

}  // namespace ardent::store
