// Schema versions and migrations, and files the store must refuse with a clear error.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store/audit_row.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::expect_error;
using testing::exec;

std::int64_t pragma(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

AuditEntry entry(const std::string& encounter) {
  AuditEntry e;
  e.context = {encounter, "u", {}};
  e.ruleset_name = "mini";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'd');
  e.findings = R"({"fever":true})";
  e.triage = "urgent";
  e.latency = std::chrono::microseconds(3);
  return e;
}

TEST(Schema, NewFilesGetTheLatestVersionAndOurApplicationId) {
  ScratchDir dir;
  { Audit audit(dir / "a.db"); }
  EXPECT_EQ(pragma(dir / "a.db", "PRAGMA user_version"), schema_version());
  EXPECT_EQ(schema_version(), 3);
  EXPECT_EQ(pragma(dir / "a.db", "PRAGMA application_id"), schema::kApplicationId);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "a.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(Schema, MigratesAVersion1FileWithItsRows) {
  ScratchDir dir;
  const auto file = dir / "old.db";
  // A file as version 1 wrote it: no latency column, rows hashed without latency.
  schema::open(file, OpenOptions{}, /*target=*/1).reset();
  ASSERT_EQ(pragma(file, "PRAGMA user_version"), 1);
  ASSERT_EQ(pragma(file, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'latency_ns'"), 0);
  std::string prev = schema::kGenesisHash;
  for (int i = 1; i <= 3; ++i) {
    StoredRow r;
    r.time = "2024-01-0" + std::to_string(i) + "T00:00:00.000000Z";
    r.encounter_id = "old-" + std::to_string(i);
    r.user_id = "u";
    r.tags = "{}";
    r.ruleset_name = "mini";
    r.ruleset_version = "0.9.0";
    r.ruleset_hash = std::string(64, 'e');
    r.engine_version = "0.0.9";
    r.findings = R"({"fever":false})";
    r.triage = "routine";
    r.red_flags = "[]";
    r.conditions = "[]";
    r.prev_hash = prev;
    Sha256 sha;
    r.hash = row_hash_v1(sha, r);
    exec(file, "INSERT INTO audit_log (time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, "
               "engine_version, findings, triage, red_flags, conditions, prev_hash, hash) VALUES ('" +
                   r.time + "', '" + r.encounter_id + "', 'u', '{}', 'mini', '0.9.0', '" + r.ruleset_hash +
                   "', '0.0.9', '{\"fever\":false}', 'routine', '[]', '[]', '" + r.prev_hash + "', '" + r.hash + "')");
    prev = r.hash;
  }
  // Readers leave an old file as it is.
  EXPECT_TRUE(verify_audit(file).ok());
  EXPECT_EQ(query_audit(file).size(), 3u);
  EXPECT_EQ(pragma(file, "PRAGMA user_version"), 1);

  {
    Audit audit(file);  // a writer migrates
    audit.record(entry("new-1"));
    audit.flush();
  }
  EXPECT_EQ(pragma(file, "PRAGMA user_version"), 3);
  EXPECT_EQ(pragma(file, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_by_encounter'"), 1);
  EXPECT_EQ(pragma(file, "SELECT since_seq FROM audit_format"), 4);
  auto rows = query_audit(file);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_FALSE(rows[0].latency_ns.has_value());
  EXPECT_EQ(rows[3].latency_ns, 3000);
  EXPECT_EQ(rows[3].prev_hash, rows[2].hash);
  VerifyReport report = verify_audit(file);
  EXPECT_TRUE(report.ok()) << report.message;
  EXPECT_EQ(report.rows, 4);
  // The old rows are verified by the rule they were written with, and said to be.
  EXPECT_EQ(report.old_format_rows, 3);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("rows 1 to 3 were written before schema version 3"), std::string::npos)
      << report.warnings[0];
  // The triggers of version 1 still guard the migrated file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

TEST(Schema, RefusesAFileOfANewerVersion) {
  ScratchDir dir;
  { Audit audit(dir / "a.db"); }
  exec(dir / "a.db", "PRAGMA user_version = 99");
  expect_error(StoreError::Kind::Schema, "newer Ardent", [&] { Audit audit(dir / "a.db"); });
  expect_error(StoreError::Kind::Schema, "newer Ardent", [&] { verify_audit(dir / "a.db"); });
}

TEST(BadFiles, PathThatCannotBeOpened) {
  ScratchDir dir;
  expect_error(StoreError::Kind::Open, "no/such/dir/a.db", [&] { Audit audit(dir / "no/such/dir/a.db"); });
  expect_error(StoreError::Kind::Open, "is a directory", [&] { Registry reg(dir.path()); });
  expect_error(StoreError::Kind::Open, "no such file", [&] {
    OpenOptions o;
    o.create = false;
    Registry reg(dir / "missing.db", o);
  });
}

TEST(BadFiles, NotAnSqliteFile) {
  ScratchDir dir;
  testing::write_file(dir / "notes.db", std::string(4096, 'x'));
  expect_error(StoreError::Kind::NotArdent, "not an SQLite file", [&] { Audit audit(dir / "notes.db"); });
  expect_error(StoreError::Kind::NotArdent, "not an SQLite file", [&] { Registry reg(dir / "notes.db"); });
}

TEST(BadFiles, DatabaseOfAnotherApplication) {
  ScratchDir dir;
  exec(dir / "other.db", "PRAGMA application_id = 1234; CREATE TABLE t (x)");
  expect_error(StoreError::Kind::NotArdent, "another application (application_id 0x000004d2)",
               [&] { Audit audit(dir / "other.db"); });
  exec(dir / "plain.db", "CREATE TABLE customers (id INTEGER PRIMARY KEY)");
  expect_error(StoreError::Kind::NotArdent, "tables of another application", [&] { Registry reg(dir / "plain.db"); });
  // Nothing was added to either file.
  EXPECT_EQ(pragma(dir / "plain.db", "SELECT count(*) FROM sqlite_schema"), 1);
}

TEST(BadFiles, CorruptedFile) {
  ScratchDir dir;
  const auto file = dir / "a.db";
  {
    Audit audit(file);
    for (int i = 0; i < 200; ++i) audit.record(entry("enc-" + std::to_string(i)));
  }
  exec(file, "PRAGMA wal_checkpoint(TRUNCATE)");
  // Overwrite the middle of the file: the schema page survives, data pages do not.
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(file) / 2));
    const std::string junk(8192, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  try {
    VerifyReport r = verify_audit(file);
    EXPECT_EQ(r.problem, VerifyReport::Problem::damaged) << r.message;
    EXPECT_NE(r.message.find("damaged"), std::string::npos);
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Corrupt) << e.what();
  }
  // Overwrite the schema page too: opening fails cleanly.
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    const std::string junk(3000, '\x17');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  try {
    Audit audit(file);
    audit.record(entry("enc-x"));
    audit.flush();
    ADD_FAILURE() << "a damaged file was accepted";
  } catch (const StoreError& e) {
    EXPECT_TRUE(e.kind() == StoreError::Kind::Corrupt || e.kind() == StoreError::Kind::NotArdent) << e.what();
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

TEST(BadFiles, FullDatabase) {
  ScratchDir dir;
  const auto file = dir / "a.db";
  { Audit create(file); }
  AuditOptions options;
  options.max_page_count = 1;  // SQLite keeps the current size: nothing more fits
  Audit audit(file, options);
  AuditEntry big = entry("enc-big");
  big.findings = R"({"note":")" + std::string(20000, 'n') + R"("})";
  audit.record(big);
  expect_error(StoreError::Kind::Full, "1 record not written", [&] { audit.flush(); });
  // The failure sticks: no record is taken that could not be written.
  expect_error(StoreError::Kind::Full, "full", [&] { audit.record(entry("enc-2")); });
  EXPECT_TRUE(verify_audit(file).ok());
  // A fresh Audit without the cap works again.
  Audit again(file);
  again.record(big);
  again.flush();
  EXPECT_EQ(query_audit(file).size(), 1u);
}

TEST(BadFiles, DatabaseLockedByAnotherProcess) {
  ScratchDir dir;
  const auto file = dir / "a.db";
  {
    Registry reg(file);
    Audit create(file);
  }
  int ready[2], release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
      _exit(2);
    char c = 'r';
    if (write(ready[1], &c, 1) != 1) _exit(3);
    if (read(release[0], &c, 1) != 1) _exit(4);  // hold the write lock until told
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  AuditOptions options;
  options.busy_timeout = std::chrono::milliseconds(100);
  {
    Audit audit(file, options);
    audit.record(entry("enc-1"));
    const auto start = std::chrono::steady_clock::now();
    expect_error(StoreError::Kind::Busy, "locked", [&] { audit.flush(); });
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(90));
    // Reading still works while another process writes.
    EXPECT_TRUE(verify_audit(file).ok());
    Registry reg(file, options);
    expect_error(StoreError::Kind::Busy, "locked", [&] {
      reg.publish(read_sources(testing::write_ruleset(dir, "mini", "1.0.0")), {Status::draft, "alice"});
    });
  }
  ASSERT_EQ(write(release[1], "x", 1), 1);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  Audit after(file, options);
  after.record(entry("enc-2"));
  after.flush();
  EXPECT_EQ(query_audit(file).size(), 1u);
}

TEST(BadFiles, EvaluationWithoutAuditKeepsWorking) {
  ScratchDir dir;
  CompileOutput compiled = compile_path(testing::write_ruleset(dir, "mini", "1.0.0"));
  ASSERT_TRUE(compiled.ok());
  testing::write_file(dir / "bad.db", std::string(4096, 'x'));
  Case c(compiled.ruleset);
  c.set_bool("saddle_anaesthesia", true);
  Result result;
  try {
    Audit audit(dir / "bad.db");
    evaluate_audited(c, result, audit, {"enc", "u", {}});
    FAIL();
  } catch (const StoreError&) {
  }
  evaluate(c, result);
  EXPECT_EQ(result.triage(), Triage::emergency);
}

}  // namespace
}  // namespace ardent::store
