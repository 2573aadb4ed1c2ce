// Reading the audit log: queries, and the walk along the hash chain behind `ardent audit verify`.
#include <fmt/format.h>

#include "ardent/names.hpp"

#include "store/audit_row.hpp"
#include "store/clock.hpp"
#include "store/schema.hpp"

namespace ardent::store {

namespace {

// Readers never migrate: a file of an older schema is read as it is.
struct Reader {
  std::unique_ptr<sql::Connection> db;
  std::int64_t version = 0;

  explicit Reader(const std::filesystem::path& file) {
    OpenOptions options;
    options.create = false;
    db = schema::open(file, options, /*target=*/0);
    version = db->scalar_int("PRAGMA user_version");
    if (version < 1 || db->scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log'") == 0)
      throw StoreError(StoreError::Kind::NotFound, fmt::format("'{}' holds no audit log", file.string()));
  }

  std::string select() const {
    return fmt::format(
        "SELECT seq, time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, engine_version, "
        "findings, triage, red_flags, conditions, {}, prev_hash, hash FROM audit_log",
        version >= 2 ? "latency_ns" : "NULL");
  }
};

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

}  // namespace

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
  Reader reader(file);
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

std::string_view to_string(VerifyReport::Problem p) {
  switch (p) {
    case VerifyReport::Problem::none: return "ok";
    case VerifyReport::Problem::altered: return "altered";
    case VerifyReport::Problem::deleted: return "deleted";
    case VerifyReport::Problem::inserted: return "inserted";
    case VerifyReport::Problem::broken: return "broken";
    case VerifyReport::Problem::damaged: return "damaged";
  }
  return "?";
}

VerifyReport verify_audit(const std::filesystem::path& file) {
  Reader reader(file);
  VerifyReport report;
  {
    sql::Statement check(*reader.db, "PRAGMA integrity_check(5)");
    std::vector<std::string> lines;
    while (check.step()) lines.push_back(check.text_at(0));
    if (lines.empty() || lines.front() != "ok") {
      report.problem = VerifyReport::Problem::damaged;
      std::string detail;
      for (const auto& l : lines) detail += (detail.empty() ? "" : "; ") + l;
      report.message = fmt::format("the database file is damaged: {}", detail);
      return report;
    }
  }
  if (reader.db->scalar_int("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN "
                            "('audit_log_no_update', 'audit_log_no_delete', 'audit_log_chained')") != 3)
    report.warnings.push_back("the triggers that keep the audit log append-only have been removed");
  const std::string select = reader.select() + " ORDER BY seq";
  sql::Statement s(*reader.db, select.c_str());
  Sha256 sha;

  // The last two good rows: a row that chains to the one before its predecessor shows that its
  // predecessor was inserted.
  std::string expected_prev = schema::kGenesisHash, before_prev;
  std::int64_t prev_seq = 0;
  std::optional<StoredRow> row, next;
  if (s.step()) row = read_row(s);
  auto fail = [&](VerifyReport::Problem p, std::int64_t seq, std::string message) {
    report.problem = p;
    report.seq = seq;
    report.message = std::move(message);
    return report;
  };
  while (row) {
    next.reset();
    if (s.step()) next = read_row(s);
    ++report.rows;
    const StoredRow& r = *row;
    const bool content_ok = row_hash(sha, r) == r.hash;
    const bool link_ok = r.prev_hash == expected_prev;
    if (!link_ok) {
      if (prev_seq > 0 && r.prev_hash == before_prev)
        return fail(VerifyReport::Problem::inserted, prev_seq,
                    fmt::format("row {} was inserted: row {} follows the row before it", prev_seq, r.seq));
      if (next && next->prev_hash == expected_prev)
        return fail(VerifyReport::Problem::inserted, r.seq,
                    fmt::format("row {} was inserted: the row after it follows row {}", r.seq, prev_seq));
      if (r.seq > prev_seq + 1)
        return fail(VerifyReport::Problem::deleted, prev_seq + 1,
                    r.seq == prev_seq + 2
                        ? fmt::format("row {} was deleted: row {} does not follow row {}", prev_seq + 1, r.seq, prev_seq)
                        : fmt::format("rows {} to {} were deleted: row {} does not follow row {}", prev_seq + 1,
                                      r.seq - 1, r.seq, prev_seq));
      if (!content_ok)
        return fail(VerifyReport::Problem::altered, r.seq,
                    fmt::format("row {} was altered: its content does not match its hash", r.seq));
      return fail(VerifyReport::Problem::broken, r.seq,
                  prev_seq == 0
                      ? fmt::format("row {} does not start the chain: rows before it were deleted or replaced", r.seq)
                      : fmt::format("row {} does not follow row {}: row {} was replaced, or rows were deleted or "
                                    "inserted between them",
                                    r.seq, prev_seq, prev_seq));
    }
    if (!content_ok)
      return fail(VerifyReport::Problem::altered, r.seq,
                  fmt::format("row {} was altered: its content does not match its hash", r.seq));
    before_prev = std::move(expected_prev);
    expected_prev = r.hash;
    prev_seq = r.seq;
    row = std::move(next);
  }
  report.head_seq = prev_seq;
  report.head_hash = prev_seq ? expected_prev : std::string();
  report.message = report.rows == 0 ? "the audit log is empty"
                                    : fmt::format("{} row{}, chain intact; head: row {} {}", report.rows,
                                                  report.rows == 1 ? "" : "s", report.head_seq, report.head_hash);
  return report;
}

}  // namespace ardent::store
