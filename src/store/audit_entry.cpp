// From an evaluation to an audit entry: the case's findings as JSON and the outcome by name.
#include <nlohmann/json.hpp>

#include "store/evaluation_row.hpp"

namespace ardent::store {

std::string findings_json(const Ruleset& rs, const std::uint8_t* states, const double* values) {
  const auto findings = rs.findings();
  nlohmann::json out = nlohmann::json::object();
  for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
    const FindingInfo& f = findings[slot];
    switch (static_cast<FindingState>(states[slot])) {
      case FindingState::not_asked: continue;
      case FindingState::unknown: out[f.name] = nullptr; continue;
      case FindingState::given: break;
    }
    const double v = values[slot];
    switch (f.type) {
      case FindingType::boolean: out[f.name] = v != 0; break;
      case FindingType::enumeration: {
        const auto i = static_cast<std::size_t>(v);
        if (i < f.values.size()) out[f.name] = f.values[i];
        else out[f.name] = v;
        break;
      }
      case FindingType::number:
      case FindingType::duration: out[f.name] = v; break;
    }
  }
  return out.dump();
}

std::string findings_json(const Case& c) { return findings_json(c.ruleset(), c.states(), c.values()); }

EvaluationSnapshot::EvaluationSnapshot(const Case& c, const Result& r)
    : ruleset(c.ruleset_ptr()),
      states(c.states(), c.states() + c.ruleset().findings().size()),
      values(c.values(), c.values() + c.ruleset().findings().size()),
      triage(r.triage()),
      red_flags(r.red_flags().begin(), r.red_flags().end()),
      conditions(r.conditions().begin(), r.conditions().end()) {}

void EvaluationSnapshot::describe(AuditEntry& e) const {
  const Ruleset& rs = *ruleset;
  e.ruleset_name = rs.name();
  e.ruleset_version = rs.version();
  e.ruleset_hash = rs.hash();
  e.engine_version = kEngineVersion;
  e.findings = findings_json(rs, states.data(), values.data());
  e.triage = std::string(to_string(triage));
  const auto rules = rs.rules();
  e.red_flags.clear();
  for (std::uint32_t i : red_flags) e.red_flags.push_back(rules[i].name);
  const auto names = rs.conditions();
  e.conditions.clear();
  for (const auto& o : conditions) e.conditions.push_back({names[o.condition].name, std::string(to_string(o.status))});
}

AuditEntry audit_entry(const Case& c, const Result& r, const AuditContext& context,
                       std::optional<std::chrono::nanoseconds> latency) {
  AuditEntry e;
  e.context = context;
  EvaluationSnapshot(c, r).describe(e);
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
