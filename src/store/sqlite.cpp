#include "store/sqlite.hpp"

#include <fmt/format.h>

namespace ardent::store::sql {

StoreError::Kind kind_of(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CANTOPEN: return StoreError::Kind::Open;
    case SQLITE_NOTADB: return StoreError::Kind::NotArdent;
    case SQLITE_CORRUPT: return StoreError::Kind::Corrupt;
    case SQLITE_FULL: return StoreError::Kind::Full;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StoreError::Kind::Busy;
    case SQLITE_READONLY:
    case SQLITE_PERM: return StoreError::Kind::ReadOnly;
    case SQLITE_CONSTRAINT: return StoreError::Kind::Conflict;
    case SQLITE_MISUSE:
    case SQLITE_RANGE: return StoreError::Kind::Internal;
    case SQLITE_IOERR: return StoreError::Kind::Io;
    default: return StoreError::Kind::Internal;
  }
}

std::string_view to_string(Type t) {
  switch (t) {
    case Type::integer: return "integer";
    case Type::real: return "real";
    case Type::text: return "text";
    case Type::blob: return "blob";
    case Type::null: break;
  }
  return "null";
}

namespace {
std::string explain(int rc, sqlite3* db) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return message + " (held by another connection or process)";
    case SQLITE_FULL: return message + " (no space left, or the database's page limit is reached)";
    default: return message;
  }
}
}  // namespace

void fail(int rc, const std::string& what, sqlite3* db) {
  throw StoreError(kind_of(rc), fmt::format("{}: {}", what, explain(rc, db)));
}

Connection::Connection(const std::filesystem::path& file, bool create, std::chrono::milliseconds busy_timeout)
    : file_(file.string()) {
  if (!create) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
      throw StoreError(StoreError::Kind::Open, fmt::format("cannot open '{}': no such file", file_));
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(file_.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(kind_of(rc) == StoreError::Kind::Internal ? StoreError::Kind::Open : kind_of(rc),
                     fmt::format("cannot open '{}': {}", file_, message));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
}

Connection::~Connection() { sqlite3_close_v2(db_); }

void Connection::fail(int rc, std::string_view doing) const {
  sql::fail(rc, fmt::format("'{}': {}", file_, doing), db_);
}

void Connection::exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw StoreError(kind_of(rc), fmt::format("'{}': {}", file_, message));
  }
}

std::int64_t Connection::scalar_int(const char* sql) {
  Statement s(*this, sql);
  return s.step() ? s.int_at(0) : 0;
}

std::string Connection::scalar_text(const char* sql) {
  Statement s(*this, sql);
  return s.step() ? s.text_at(0) : std::string();
}

Statement::Statement(Connection& db, const char* sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  // Ardent's statements fit the tables it creates: one that does not prepare ("no such column")
  // meets a file whose tables were changed behind Ardent's back.
  if ((rc & 0xff) == SQLITE_ERROR)
    throw StoreError(StoreError::Kind::Corrupt, fmt::format("'{}' is damaged: its tables are not the ones Ardent "
                                                            "created ({})", db.file(), sqlite3_errmsg(db.get())));
  if (rc != SQLITE_OK) db_.fail(rc, "preparing a statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, std::string_view text) {
  int rc = sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int i, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, i, value);
  if (rc != SQLITE_OK) db_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind_null(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) db_.fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int i, const std::optional<std::int64_t>& value) {
  return value ? bind(i, *value) : bind_null(i);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_.fail(rc, "running a statement");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text_at(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
}

Type Statement::type_at(int col) const {
  switch (sqlite3_column_type(stmt_, col)) {
    case SQLITE_INTEGER: return Type::integer;
    case SQLITE_FLOAT: return Type::real;
    case SQLITE_TEXT: return Type::text;
    case SQLITE_BLOB: return Type::blob;
    default: return Type::null;
  }
}

std::string_view Statement::view_at(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}

std::optional<std::int64_t> Statement::opt_int_at(int col) const {
  if (null_at(col)) return std::nullopt;
  return int_at(col);
}

Transaction::Transaction(Connection& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
  open_ = true;
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace ardent::store::sql
