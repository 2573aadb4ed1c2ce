// Reading an audit log as it is: readers never migrate a file, whatever its schema version.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "store/audit_row.hpp"
#include "store/sqlite.hpp"

namespace ardent::store {

struct AuditReader {
  std::unique_ptr<sql::Connection> db;
  int version = 0;  // the file's schema version

  // Throws Kind::NotFound when the file holds no audit log.
  explicit AuditReader(const std::filesystem::path& file);
  // SELECT of kHashedColumns, then hash, FROM audit_log (NULL for a column older files lack).
  std::string select() const;
};

// A row with its values coerced as the query API shows them.
StoredRow read_row(const sql::Statement& s);

// A row as verification needs it: the values, and each column's storage class.
struct TypedRow {
  StoredRow row;
  std::array<sql::Type, kHashedColumns.size() + 1> types{};  // the hashed columns, then hash
  std::string seq_text, latency_text;  // as SQLite renders them, whatever their type
  Cell cell(std::size_t column) const;
};
TypedRow read_typed_row(const sql::Statement& s);

}  // namespace ardent::store
