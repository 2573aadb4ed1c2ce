// An audit row as its columns hold it (JSON as text), its canonical forms and its hash.
// The hash covers exactly the stored values, so verification never re-serialises anything.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ardent/store.hpp"
#include "store/canonical.hpp"
#include "store/sha256.hpp"
#include "store/sqlite.hpp"

namespace ardent::store {

struct StoredRow {
  std::int64_t seq = 0;
  std::string time, encounter_id, user_id, tags;
  std::string ruleset_name, ruleset_version, ruleset_hash, engine_version;
  std::string findings, triage, red_flags, conditions;
  std::optional<std::int64_t> latency_ns;
  std::string prev_hash, hash;
};

// The columns of audit_log in the order format 2 hashes them: every column but `hash`. Readers
// select them in this order, followed by `hash`.
inline constexpr std::array<std::string_view, 15> kHashedColumns = {
    "seq",      "time",   "encounter_id", "user_id",    "tags",       "ruleset_name", "ruleset_version", "ruleset_hash",
    "engine_version", "findings", "triage", "red_flags", "conditions", "latency_ns", "prev_hash"};
inline constexpr int kLatencyColumn = 13;

// The storage class a writer gives each column: seq an integer, latency_ns an integer or NULL,
// every other column text. Any other type in a stored row is tampering.
bool type_as_written(std::size_t column, sql::Type type);

// One column's value: its storage class and its text as SQLite renders it.
struct Cell {
  sql::Type type = sql::Type::null;
  std::string_view text;
};

// Format 2 (schema version 3 onwards): "ardent-audit-row 2\n", then every hashed column in
// order as "name=TYPE:LENGTH:VALUE\n" ("name=null\n" for NULL). The row number and each value's
// type are covered, so a renumbered row, or a value stored as another type, no longer matches.
// `cell(i)` gives column i of kHashedColumns.
template <class CellOf>
std::string canonical_content(CellOf&& cell) {
  std::string out = "ardent-audit-row 2\n";
  out.reserve(1024);
  for (std::size_t i = 0; i < kHashedColumns.size(); ++i) {
    const Cell c = cell(i);
    append_typed_field(out, kHashedColumns[i], c.type, c.text);
  }
  return out;
}
// Format 2 of a row as a writer stores it.
std::string canonical_content(const StoredRow& row);

// Format 1 (schema versions 1 and 2): field by field, "name=LENGTH:VALUE\n" in a fixed order,
// a NULL latency left out, then "prev=HASH". It covers neither types nor the row number; rows
// written in it are still verified by it (docs/store.md, "Logs written before schema version 3").
std::string canonical_content_v1(const StoredRow& row);

// The JSON columns as every writer spells them (nlohmann::json's compact form).
std::string tags_json(const std::map<std::string, std::string>& tags);
std::string red_flags_json(const std::vector<std::string>& red_flags);
std::string conditions_json(const std::vector<AuditCondition>& conditions);

StoredRow to_stored(const AuditRow& row);   // JSON columns serialised deterministically
AuditRow from_stored(const StoredRow& row);  // malformed JSON columns are left empty

inline std::string row_hash(Sha256& sha, const StoredRow& row) { return sha.hex(canonical_content(row)); }
inline std::string row_hash_v1(Sha256& sha, const StoredRow& row) { return sha.hex(canonical_content_v1(row)); }

}  // namespace ardent::store
