// Reading the audit log: opening it as it is, and the queries of `ardent audit query`.
#include <fmt/format.h>

#include "ardent/names.hpp"

#include "store/audit_reader.hpp"
#include "store/clock.hpp"
#include "store/schema.hpp"

namespace ardent::store {

AuditReader::AuditReader(const std::filesystem::path& file) {
  OpenOptions options;
  options.create = false;
  db = schema::open(file, options, /*target=*/0);
  version = static_cast<int>(db->scalar_int("PRAGMA user_version"));
  if (version < 1 || db->scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log'") == 0)
    throw StoreError(StoreError::Kind::NotFound, fmt::format("'{}' holds no audit log", file.string()));
}

std::string AuditReader::select() const {
  std::string columns;
  for (std::string_view c : kHashedColumns) {
    if (!columns.empty()) columns += ", ";
    columns += (c == "latency_ns" && version < 2) ? std::string_view("NULL") : c;
  }
  return fmt::format("SELECT {}, hash FROM audit_log", columns);
}

StoredRow read_row(const sql::Statement& s) {
  StoredRow r;
  r.seq = s.int_at(0);
  r.time = s.text_at(1);
  r.encounter_id = s.text_at(2);
  r.user_id = s.text_at(3);
  r.tags = s.text_at(4);
  r.ruleset_name = s.text_at(5);
  r.ruleset_version = s.text_at(6);
  r.ruleset_hash = s.text_at(7);
  r.engine_version = s.text_at(8);
  r.findings = s.text_at(9);
  r.triage = s.text_at(10);
  r.red_flags = s.text_at(11);
  r.conditions = s.text_at(12);
  r.latency_ns = s.opt_int_at(13);
  r.prev_hash = s.text_at(14);
  r.hash = s.text_at(15);
  return r;
}

TypedRow read_typed_row(const sql::Statement& s) {
  TypedRow t;
  // Types first: reading a value as text may convert it.
  for (std::size_t i = 0; i < t.types.size(); ++i) t.types[i] = s.type_at(static_cast<int>(i));
  t.seq_text = s.view_at(0);
  t.latency_text = s.view_at(kLatencyColumn);
  t.row = read_row(s);
  return t;
}

Cell TypedRow::cell(std::size_t column) const {
  const StoredRow& r = row;
  switch (column) {
    case 0: return {types[0], seq_text};
    case 1: return {types[1], r.time};
    case 2: return {types[2], r.encounter_id};
    case 3: return {types[3], r.user_id};
    case 4: return {types[4], r.tags};
    case 5: return {types[5], r.ruleset_name};
    case 6: return {types[6], r.ruleset_version};
    case 7: return {types[7], r.ruleset_hash};
    case 8: return {types[8], r.engine_version};
    case 9: return {types[9], r.findings};
    case 10: return {types[10], r.triage};
    case 11: return {types[11], r.red_flags};
    case 12: return {types[12], r.conditions};
    case kLatencyColumn: return {types[kLatencyColumn], latency_text};
    default: return {types[14], r.prev_hash};
  }
}

void query_audit(const std::filesystem::path& file, const AuditQuery& q,
                 const std::function<void(const AuditRow&)>& each) {
  std::string since;
  if (q.since) {
    if (!is_timestamp_prefix(*q.since))
      throw StoreError(StoreError::Kind::Invalid,
                       fmt::format("{} is not a UTC time such as 2025-03-01 or 2025-03-01T09:30:00Z", in_quotes(*q.since)));
    since = *q.since;
    if (since.back() == 'Z') since.pop_back();  // stored times carry microseconds before their Z
  }
  AuditReader reader(file);
  std::string sql = reader.select() + " WHERE 1";
  if (q.encounter_id) sql += " AND encounter_id = ?1";
  if (q.since) sql += " AND time >= ?2";
  // A tampered row may hold malformed JSON; CASE keeps json_each away from it.
  if (q.red_flag)
    sql += " AND CASE WHEN json_valid(red_flags) THEN EXISTS (SELECT 1 FROM json_each(audit_log.red_flags) "
           "WHERE value = ?3) ELSE 0 END";
  sql += " ORDER BY seq";
  if (q.limit) sql += fmt::format(" LIMIT {}", *q.limit);
  sql::Statement s(*reader.db, sql.c_str());
  if (q.encounter_id) s.bind(1, *q.encounter_id);
  if (q.since) s.bind(2, since);
  if (q.red_flag) s.bind(3, *q.red_flag);
  while (s.step()) each(from_stored(read_row(s)));
}

std::vector<AuditRow> query_audit(const std::filesystem::path& file, const AuditQuery& query) {
  std::vector<AuditRow> rows;
  query_audit(file, query, [&](const AuditRow& r) { rows.push_back(r); });
  return rows;
}

}  // namespace ardent::store
