// An evaluation captured for the audit log without naming anything: the case's raw values and
// the result's indices. The writer thread turns it into an AuditEntry, off the caller's path.
#pragma once

#include <cstdint>
#include <vector>

#include "ardent/store.hpp"

namespace ardent::store {

struct EvaluationSnapshot {
  RulesetPtr ruleset;
  std::vector<std::uint8_t> states;
  std::vector<double> values;
  Triage triage = Triage::routine;
  std::vector<std::uint32_t> red_flags;   // rule indices
  std::vector<ConditionOutcome> conditions;

  EvaluationSnapshot(const Case& c, const Result& r);
  // Fills the rule-set, findings and outcome fields of `e`.
  void describe(AuditEntry& e) const;
};

// The given and unknown findings as a JSON object (see findings_json(const Case&)).
std::string findings_json(const Ruleset& rs, const std::uint8_t* states, const double* values);

}  // namespace ardent::store
