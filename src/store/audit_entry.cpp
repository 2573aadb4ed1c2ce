// From an evaluation to an audit entry, for callers that want the row's content in hand.
#include "store/evaluation_row.hpp"

namespace ardent::store {

std::string findings_json(const Case& c) {
  const RowVocabulary vocabulary(c.ruleset_ptr());
  const EvaluationSnapshot snapshot(c, Result{});
  std::string out;
  vocabulary.findings_json(out, snapshot.findings);
  return out;
}

AuditEntry audit_entry(const Case& c, const Result& r, const AuditContext& context,
                       std::optional<std::chrono::nanoseconds> latency) {
  const Ruleset& rs = c.ruleset();
  const RowVocabulary vocabulary(c.ruleset_ptr());
  const EvaluationSnapshot snapshot(c, r);
  AuditEntry e;
  e.context = context;
  e.ruleset_name = rs.name();
  e.ruleset_version = rs.version();
  e.ruleset_hash = rs.hash();
  e.engine_version = kEngineVersion;
  e.findings.clear();
  vocabulary.findings_json(e.findings, snapshot.findings);
  e.triage = std::string(to_string(snapshot.triage));
  for (std::uint32_t i : snapshot.red_flags) e.red_flags.push_back(rs.rules()[i].name);
  for (const auto& o : snapshot.conditions)
    e.conditions.push_back({rs.conditions()[o.condition].name, std::string(to_string(o.status))});
  e.latency = latency;
  return e;
}

std::uint64_t evaluate_audited(const Case& c, Result& out, Audit& audit, const AuditContext& context) {
  const auto start = std::chrono::steady_clock::now();
  evaluate(c, out);
  const auto latency = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start);
  return audit.record(c, out, context, latency);
}

}  // namespace ardent::store
