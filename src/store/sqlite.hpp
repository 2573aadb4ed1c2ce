// Small RAII wrappers over the SQLite C API: a connection, a prepared statement and a
// transaction. Every failing call throws StoreError with the file name and SQLite's message.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "ardent/store.hpp"

namespace ardent::store::sql {

// SQLite's storage classes: what a value is, whatever its column was declared as.
enum class Type { integer, real, text, blob, null };
std::string_view to_string(Type t);

// Maps an SQLite result code onto the store's error kinds.
StoreError::Kind kind_of(int rc);
[[noreturn]] void fail(int rc, const std::string& what, sqlite3* db = nullptr);

class Connection {
 public:
  // Opens (read-write, creating it when `create`) and sets the busy timeout. Nothing is read yet.
  Connection(const std::filesystem::path& file, bool create, std::chrono::milliseconds busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  const std::string& file() const { return file_; }
  // Runs one or more statements that return no rows we need.
  void exec(const char* sql);
  // The first column of the first row of a single statement, as an integer or text.
  std::int64_t scalar_int(const char* sql);
  std::string scalar_text(const char* sql);
  [[noreturn]] void fail(int rc, std::string_view doing) const;
  std::int64_t changes() const { return sqlite3_changes64(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::string file_;
};

class Statement {
 public:
  Statement(Connection& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQLite.
  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, std::int64_t value);
  Statement& bind_null(int i);
  Statement& bind(int i, const std::optional<std::int64_t>& value);

  bool step();   // true: a row is ready; false: done
  void run();    // steps a statement that returns no row
  void reset();  // ready to run again; bindings are cleared

  std::int64_t int_at(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool null_at(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text_at(int col) const;
  Type type_at(int col) const;
  // The value as SQLite renders it in text (a blob's bytes as they are); valid until the next step.
  std::string_view view_at(int col) const;
  std::optional<std::int64_t> opt_int_at(int col) const;

 private:
  Connection& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so a
// transaction that reads and then writes cannot be overtaken by another writer.
class Transaction {
 public:
  enum class Mode { deferred, immediate };
  Transaction(Connection& db, Mode mode = Mode::immediate);
  ~Transaction();  // rolls back unless committed
  void commit();

 private:
  Connection& db_;
  bool open_ = false;
};

}  // namespace ardent::store::sql
