#include "store/schema.hpp"

#include <fmt/format.h>

namespace ardent::store {

int schema_version() { return schema::kLatest; }

namespace schema {

namespace {

struct Header {
  std::int64_t application_id = 0;
  std::int64_t user_version = 0;
  std::int64_t objects = 0;  // tables, indexes, triggers, views
};

// The first read of a file is where SQLite finds out what it is; its errors get our words.
Header read_header(sql::Connection& db) {
  try {
    Header h;
    h.objects = db.scalar_int("SELECT count(*) FROM sqlite_schema");
    h.application_id = db.scalar_int("PRAGMA application_id");
    h.user_version = db.scalar_int("PRAGMA user_version");
    return h;
  } catch (const StoreError& e) {
    if (e.kind() == StoreError::Kind::NotArdent)
      throw StoreError(StoreError::Kind::NotArdent,
                       fmt::format("'{}' is not an Ardent database: it is not an SQLite file", db.file()));
    if (e.kind() == StoreError::Kind::Corrupt)
      throw StoreError(StoreError::Kind::Corrupt, fmt::format("'{}' is damaged: {}", db.file(), e.what()));
    throw;
  }
}

void check_header(const sql::Connection& db, const Header& h) {
  if (h.application_id != 0 && h.application_id != kApplicationId)
    throw StoreError(StoreError::Kind::NotArdent,
                     fmt::format("'{}' is not an Ardent database: it belongs to another application "
                                 "(application_id 0x{:08x})",
                                 db.file(), static_cast<std::uint32_t>(h.application_id)));
  if (h.application_id == 0 && h.objects > 0)
    throw StoreError(StoreError::Kind::NotArdent,
                     fmt::format("'{}' is not an Ardent database: it holds tables of another application",
                                 db.file()));
  if (h.user_version > kLatest)
    throw StoreError(StoreError::Kind::Schema,
                     fmt::format("'{}' was written by a newer Ardent (schema version {}; this build knows "
                                 "versions up to {})",
                                 db.file(), h.user_version, kLatest));
  if (h.application_id == kApplicationId && h.user_version < 1)
    throw StoreError(StoreError::Kind::Corrupt,
                     fmt::format("'{}' is marked as Ardent's but has no schema version", db.file()));
}

// Changing the journal mode needs a moment without other writers; when another process has
// already switched the file to WAL, there is nothing to do.
void use_wal(sql::Connection& db) {
  std::string mode;
  try {
    mode = db.scalar_text("PRAGMA journal_mode = WAL");
  } catch (const StoreError& e) {
    if (e.kind() != StoreError::Kind::Busy) throw;
    mode = db.scalar_text("PRAGMA journal_mode");
  }
  if (mode != "wal" && mode != "memory")
    throw StoreError(StoreError::Kind::Io,
                     fmt::format("'{}': cannot switch to write-ahead logging (journal mode is '{}')", db.file(), mode));
}

void migrate(sql::Connection& db, int target) {
  sql::Transaction tx(db);
  // Another process may have created or migrated the file since we looked.
  Header h = read_header(db);
  check_header(db, h);
  if (h.user_version >= target) return;
  for (const Migration& m : migrations()) {
    if (m.version <= h.user_version || m.version > target) continue;
    try {
      db.exec(m.sql);
    } catch (const StoreError& e) {
      throw StoreError(e.kind() == StoreError::Kind::Internal ? StoreError::Kind::Schema : e.kind(),
                       fmt::format("migrating '{}' to schema version {} failed: {}", db.file(), m.version, e.what()));
    }
  }
  db.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {}", kApplicationId, target).c_str());
  tx.commit();
}

}  // namespace

std::unique_ptr<sql::Connection> open(const std::filesystem::path& file, const OpenOptions& options, int target) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw StoreError(StoreError::Kind::Open, fmt::format("cannot open '{}': it is a directory", file.string()));
  auto db = std::make_unique<sql::Connection>(file, options.create, options.busy_timeout);
  Header h = read_header(*db);
  check_header(*db, h);
  use_wal(*db);
  db->exec("PRAGMA foreign_keys = ON");
  if (options.max_page_count > 0)
    db->exec(fmt::format("PRAGMA max_page_count = {}", options.max_page_count).c_str());
  if (h.user_version < target) migrate(*db, target);
  return db;
}

}  // namespace schema
}  // namespace ardent::store
