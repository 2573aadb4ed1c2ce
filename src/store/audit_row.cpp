#include "store/audit_row.hpp"

#include <nlohmann/json.hpp>

namespace ardent::store {

bool type_as_written(std::size_t column, sql::Type type) {
  if (column == 0) return type == sql::Type::integer;
  if (column == kLatencyColumn) return type == sql::Type::integer || type == sql::Type::null;
  return type == sql::Type::text;
}

std::string canonical_content(const StoredRow& r) {
  const std::string seq = std::to_string(r.seq);
  const std::string latency = r.latency_ns ? std::to_string(*r.latency_ns) : std::string();
  const std::string_view texts[] = {seq,         r.time,           r.encounter_id, r.user_id,   r.tags,
                                    r.ruleset_name, r.ruleset_version, r.ruleset_hash, r.engine_version, r.findings,
                                    r.triage,    r.red_flags,      r.conditions,   latency,     r.prev_hash};
  static_assert(std::size(texts) == kHashedColumns.size());
  return canonical_content([&](std::size_t i) {
    if (i == 0) return Cell{sql::Type::integer, texts[i]};
    if (i == kLatencyColumn) return Cell{r.latency_ns ? sql::Type::integer : sql::Type::null, texts[i]};
    return Cell{sql::Type::text, texts[i]};
  });
}

std::string canonical_content_v1(const StoredRow& r) {
  std::string out;
  out.reserve(256 + r.findings.size() + r.tags.size() + r.conditions.size() + r.red_flags.size());
  out.append("ardent-audit-row 1\n");
  append_field(out, "time", r.time);
  append_field(out, "encounter_id", r.encounter_id);
  append_field(out, "user_id", r.user_id);
  append_field(out, "tags", r.tags);
  append_field(out, "ruleset_name", r.ruleset_name);
  append_field(out, "ruleset_version", r.ruleset_version);
  append_field(out, "ruleset_hash", r.ruleset_hash);
  append_field(out, "engine_version", r.engine_version);
  append_field(out, "findings", r.findings);
  append_field(out, "triage", r.triage);
  append_field(out, "red_flags", r.red_flags);
  append_field(out, "conditions", r.conditions);
  if (r.latency_ns) append_field(out, "latency_ns", std::to_string(*r.latency_ns));
  out.append("prev=");
  out.append(r.prev_hash);
  return out;
}

std::string tags_json(const std::map<std::string, std::string>& tags) {
  return tags.empty() ? std::string("{}") : nlohmann::json(tags).dump();
}

std::string red_flags_json(const std::vector<std::string>& red_flags) { return nlohmann::json(red_flags).dump(); }

std::string conditions_json(const std::vector<AuditCondition>& conditions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : conditions) out.push_back({{"id", c.id}, {"status", c.status}});
  return out.dump();
}

StoredRow to_stored(const AuditRow& row) {
  StoredRow s;
  s.seq = row.seq;
  s.time = row.time;
  s.encounter_id = row.context.encounter_id;
  s.user_id = row.context.user_id;
  s.tags = tags_json(row.context.tags);
  s.ruleset_name = row.ruleset_name;
  s.ruleset_version = row.ruleset_version;
  s.ruleset_hash = row.ruleset_hash;
  s.engine_version = row.engine_version;
  s.findings = row.findings;
  s.triage = row.triage;
  s.red_flags = red_flags_json(row.red_flags);
  s.conditions = conditions_json(row.conditions);
  s.latency_ns = row.latency_ns;
  s.prev_hash = row.prev_hash;
  s.hash = row.hash;
  return s;
}

AuditRow from_stored(const StoredRow& s) {
  AuditRow row;
  row.seq = s.seq;
  row.time = s.time;
  row.context.encounter_id = s.encounter_id;
  row.context.user_id = s.user_id;
  row.ruleset_name = s.ruleset_name;
  row.ruleset_version = s.ruleset_version;
  row.ruleset_hash = s.ruleset_hash;
  row.engine_version = s.engine_version;
  row.findings = s.findings;
  row.triage = s.triage;
  row.latency_ns = s.latency_ns;
  row.prev_hash = s.prev_hash;
  row.hash = s.hash;
  // A tampered row may hold anything; reading it must not fail (verify says what is wrong).
  auto tags = nlohmann::json::parse(s.tags, nullptr, false);
  if (tags.is_object())
    for (const auto& [k, v] : tags.items())
      if (v.is_string()) row.context.tags[k] = v.get<std::string>();
  auto flags = nlohmann::json::parse(s.red_flags, nullptr, false);
  if (flags.is_array())
    for (const auto& f : flags)
      if (f.is_string()) row.red_flags.push_back(f.get<std::string>());
  auto conditions = nlohmann::json::parse(s.conditions, nullptr, false);
  if (conditions.is_array())
    for (const auto& c : conditions)
      if (c.is_object()) row.conditions.push_back({c.value("id", ""), c.value("status", "")});
  return row;
}

std::string audit_row_hash(const AuditRow& row) {
  Sha256 sha;
  return row_hash(sha, to_stored(row));
}

}  // namespace ardent::store
