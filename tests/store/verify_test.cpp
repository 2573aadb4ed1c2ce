// `audit verify` against a log tampered with through SQLite itself, triggers dropped first,
// the way someone with write access to the file would do it.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using Problem = VerifyReport::Problem;

class Tampered : public ::testing::Test {
 protected:
  void SetUp() override {
    Audit audit(file_);
    for (int i = 1; i <= 10; ++i) {
      AuditEntry e;
      e.context = {"enc-" + std::to_string(i), "dr-who", {}};
      e.ruleset_name = "mini";
      e.ruleset_version = "1.0.0";
      e.ruleset_hash = std::string(64, 'b');
      e.findings = R"({"fever":true})";
      e.triage = "urgent";
      e.latency = std::chrono::nanoseconds(600 + i);
      audit.record(e);
    }
    audit.close();
    ASSERT_TRUE(verify_audit(file_).ok());
    rows_ = query_audit(file_);
    ASSERT_EQ(sqlite3_open(file_.c_str(), &db_), SQLITE_OK);
    // The attacker drops the triggers that stand in the way, and puts them back when done.
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'",
                                 -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      triggers_.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
      drop_triggers_ += "DROP TRIGGER " + std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) + ";";
    }
    sqlite3_finalize(st);
    ASSERT_EQ(triggers_.size(), 4u);
    sql(drop_triggers_);
  }
  void restore_triggers() {
    for (const auto& t : triggers_) sql(t);
  }
  void TearDown() override { sqlite3_close(db_); }

  void sql(const std::string& text) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n" << text;
  }
  // Makes room for a row at `seq` by moving every later row one place up.
  void shift_from(std::int64_t seq) {
    for (std::int64_t s = rows_.back().seq; s >= seq; --s)
      sql("UPDATE audit_log SET seq = seq + 1 WHERE seq = " + std::to_string(s));
  }
  void insert(const AuditRow& r) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_,
                                 "INSERT INTO audit_log (seq, time, encounter_id, user_id, tags, ruleset_name, "
                                 "ruleset_version, ruleset_hash, engine_version, findings, triage, red_flags, "
                                 "conditions, latency_ns, prev_hash, hash) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, "
                                 "?, '[]', '[]', NULL, ?, ?)",
                                 -1, &st, nullptr),
              SQLITE_OK);
    int i = 0;
    sqlite3_bind_int64(st, ++i, r.seq);
    for (const std::string* s : {&r.time, &r.context.encounter_id, &r.context.user_id, &r.ruleset_name,
                                 &r.ruleset_version, &r.ruleset_hash, &r.engine_version, &r.findings, &r.triage,
                                 &r.prev_hash, &r.hash})
      sqlite3_bind_text(st, ++i, s->c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db_);
    sqlite3_finalize(st);
  }
  void expect(Problem problem, std::int64_t seq) {
    restore_triggers();
    VerifyReport r = verify_audit(file_);
    EXPECT_EQ(r.problem, problem) << to_string(r.problem) << ": " << r.message;
    EXPECT_EQ(r.seq, seq) << r.message;
    EXPECT_FALSE(r.message.empty());
    EXPECT_FALSE(r.ok());
  }

  ScratchDir dir_;
  std::filesystem::path file_ = dir_ / "audit.db";
  std::vector<AuditRow> rows_;
  sqlite3* db_ = nullptr;
  std::vector<std::string> triggers_;
  std::string drop_triggers_;
};

TEST_F(Tampered, DroppedTriggersAreTampering) {
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::schema) << r.message;
  for (const char* t : {"audit_log_no_update", "audit_log_no_delete", "audit_log_chained", "audit_log_numbered"})
    EXPECT_NE(r.message.find(std::string("the trigger ") + t + " was dropped"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("append-only"), std::string::npos) << r.message;
  restore_triggers();
  EXPECT_TRUE(verify_audit(file_).ok());
}

TEST_F(Tampered, EditedRow) {
  sql("UPDATE audit_log SET triage = 'self_care' WHERE seq = 4");
  expect(Problem::altered, 4);
}

TEST_F(Tampered, EditedFindingsOfTheLastRow) {
  sql("UPDATE audit_log SET findings = '{\"fever\":false}' WHERE seq = 10");
  expect(Problem::altered, 10);
}

TEST_F(Tampered, EditedPredecessorLink) {
  sql("UPDATE audit_log SET prev_hash = '" + std::string(64, 'f') + "' WHERE seq = 7");
  expect(Problem::altered, 7);
}

TEST_F(Tampered, DeletedRow) {
  sql("DELETE FROM audit_log WHERE seq = 5");
  expect(Problem::deleted, 5);
}

TEST_F(Tampered, DeletedRows) {
  sql("DELETE FROM audit_log WHERE seq BETWEEN 3 AND 6");
  restore_triggers();
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::deleted);
  EXPECT_EQ(r.seq, 3);
  EXPECT_NE(r.message.find("rows 3 to 6 were deleted"), std::string::npos) << r.message;
}

TEST_F(Tampered, DeletedFirstRow) {
  sql("DELETE FROM audit_log WHERE seq = 1");
  expect(Problem::deleted, 1);
}

TEST_F(Tampered, InsertedCopyOfAnotherRow) {
  shift_from(6);
  AuditRow copy = rows_[1];  // row 2, hash and all
  copy.seq = 6;
  insert(copy);
  expect(Problem::inserted, 6);
}

TEST_F(Tampered, InsertedRowWithAForgedHash) {
  // The forger knows the algorithm: the row links to row 5 and its own hash is right. The row
  // after it still names row 5 as its predecessor.
  shift_from(6);
  AuditRow forged = rows_[4];
  forged.seq = 6;
  forged.context.encounter_id = "enc-forged";
  forged.time = rows_[4].time;
  forged.prev_hash = rows_[4].hash;
  forged.context.tags.clear();
  forged.red_flags.clear();
  forged.conditions.clear();
  forged.latency_ns.reset();
  forged.hash = audit_row_hash(forged);
  insert(forged);
  expect(Problem::inserted, 6);
}

TEST_F(Tampered, EditedAndRehashedRow) {
  // Row 4 rewritten with a valid hash of its new content: row 5 no longer follows it.
  AuditRow r = rows_[3];
  r.triage = "self_care";
  r.hash = audit_row_hash(r);
  sql("UPDATE audit_log SET triage = 'self_care', hash = '" + r.hash + "' WHERE seq = 4");
  expect(Problem::broken, 5);
}

TEST_F(Tampered, SwappedRows) {
  sql("UPDATE audit_log SET seq = 100 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4;"
      "UPDATE audit_log SET seq = 4 WHERE seq = 100");
  restore_triggers();
  VerifyReport r = verify_audit(file_);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.seq, 3) << r.message;
}

// ---- every column with its type, and the row number, are covered ----------------------------

TEST_F(Tampered, LatencyStoredAsText) {
  sql("UPDATE audit_log SET latency_ns = '638 ms (edited)' WHERE seq = 4");
  expect(Problem::altered, 4);
  EXPECT_NE(verify_audit(file_).message.find("row 4 was altered: its latency_ns is text ('638 ms (edited)'), where "
                                             "Ardent writes an integer or NULL"),
            std::string::npos)
      << verify_audit(file_).message;
}

TEST_F(Tampered, LatencyStoredAsARealThatReadsAsTheSameInteger) {
  // query_audit() shows the number it showed before; only the stored value and its type changed.
  // (A whole-numbered real would be turned back into an integer by the column's affinity.)
  sql("UPDATE audit_log SET latency_ns = latency_ns + 0.5 WHERE seq = 6");
  ASSERT_EQ(query_audit(file_)[5].latency_ns, rows_[5].latency_ns);
  expect(Problem::altered, 6);
  EXPECT_NE(verify_audit(file_).message.find("its latency_ns is real ('606.5')"), std::string::npos)
      << verify_audit(file_).message;
}

TEST_F(Tampered, TextStoredAsABlobOfTheSameBytes) {
  sql("UPDATE audit_log SET triage = CAST(triage AS BLOB) WHERE seq = 2");
  expect(Problem::altered, 2);
  EXPECT_NE(verify_audit(file_).message.find("its triage is blob ('urgent'), where Ardent writes text"),
            std::string::npos);
}

TEST_F(Tampered, LatencyChangedToNull) {
  sql("UPDATE audit_log SET latency_ns = NULL WHERE seq = 3");
  expect(Problem::altered, 3);
}

TEST_F(Tampered, EveryRowRenumbered) {
  sql("UPDATE audit_log SET seq = seq + 5000");
  expect(Problem::renumbered, 5001);
  EXPECT_NE(verify_audit(file_).message.find("row 5001 was renumbered: it was written as row 1"), std::string::npos);
}

TEST_F(Tampered, RowsRenumberedLeavingAGap) {
  for (int s = 10; s >= 6; --s) sql("UPDATE audit_log SET seq = seq + 1 WHERE seq = " + std::to_string(s));
  expect(Problem::renumbered, 7);
  EXPECT_NE(verify_audit(file_).message.find("row 7 was renumbered: it was written as row 6"), std::string::npos);
}

TEST_F(Tampered, RenumberedRowRehashed) {
  // The forger renumbers row 10 to 11 and re-hashes it: its content matches, the gap remains.
  AuditRow last = rows_.back();
  last.seq = 11;
  sql("UPDATE audit_log SET seq = 11, hash = '" + audit_row_hash(last) + "' WHERE seq = 10");
  expect(Problem::renumbered, 11);
}

TEST_F(Tampered, AddedColumn) {
  sql("ALTER TABLE audit_log ADD COLUMN note TEXT");
  expect(Problem::schema, 0);
  EXPECT_NE(verify_audit(file_).message.find("audit_log has a column 'note' that Ardent does not write"),
            std::string::npos);
}

TEST_F(Tampered, DroppedColumn) {
  sql("ALTER TABLE audit_log DROP COLUMN latency_ns");
  expect(Problem::schema, 0);
  EXPECT_NE(verify_audit(file_).message.find("audit_log has lost its column 'latency_ns'"), std::string::npos);
}

TEST_F(Tampered, ColumnRedeclaredAsText) {
  // The table rebuilt with latency_ns declared TEXT: its values keep their types.
  sql("CREATE TABLE copy AS SELECT * FROM audit_log; DROP TABLE audit_log;"
      "CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, encounter_id TEXT NOT NULL, "
      "user_id TEXT NOT NULL, tags TEXT NOT NULL, ruleset_name TEXT NOT NULL, ruleset_version TEXT NOT NULL, "
      "ruleset_hash TEXT NOT NULL, engine_version TEXT NOT NULL, findings TEXT NOT NULL, triage TEXT NOT NULL, "
      "red_flags TEXT NOT NULL, conditions TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, "
      "latency_ns TEXT); INSERT INTO audit_log SELECT * FROM copy; DROP TABLE copy;"
      "CREATE INDEX audit_log_by_encounter ON audit_log (encounter_id, seq);"
      "CREATE INDEX audit_log_by_time ON audit_log (time)");
  expect(Problem::schema, 0);
  EXPECT_NE(verify_audit(file_).message.find("audit_log's column 'latency_ns' is declared TEXT, where Ardent "
                                             "declares INTEGER"),
            std::string::npos)
      << verify_audit(file_).message;
}

TEST_F(Tampered, OneTriggerDropped) {
  restore_triggers();
  sql("DROP TRIGGER audit_log_chained");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::schema);
  EXPECT_NE(r.message.find("the trigger audit_log_chained was dropped"), std::string::npos) << r.message;
}

TEST_F(Tampered, TriggerReplacedByOneThatAllowsEverything) {
  restore_triggers();
  sql("DROP TRIGGER audit_log_no_update; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
      "WHEN 0 BEGIN SELECT RAISE(ABORT, 'never'); END");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::schema);
  EXPECT_NE(r.message.find("the trigger audit_log_no_update was replaced"), std::string::npos) << r.message;
}

TEST_F(Tampered, TriggerAdded) {
  restore_triggers();
  sql("CREATE TRIGGER audit_log_quietly AFTER INSERT ON audit_log BEGIN SELECT 1; END");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::schema);
  EXPECT_NE(r.message.find("a trigger audit_log_quietly was added"), std::string::npos) << r.message;
}

TEST_F(Tampered, AlteredRowAndDroppedTriggersNameTheRowFirst) {
  sql("UPDATE audit_log SET triage = 'routine' WHERE seq = 8");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::altered);
  EXPECT_EQ(r.seq, 8);
  EXPECT_NE(r.message.find("besides, the audit log's triggers were changed"), std::string::npos) << r.message;
}

TEST_F(Tampered, FormatRecordMovedToHashMoreRowsByTheOldRule) {
  sql("DROP TRIGGER audit_format_no_update; UPDATE audit_format SET since_seq = 100");
  expect(Problem::altered, 1);  // row 1 was hashed in format 2, not format 1
}

TEST_F(Tampered, FormatRecordDeleted) {
  sql("DROP TRIGGER audit_format_no_delete; DELETE FROM audit_format");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::schema);
  EXPECT_NE(r.message.find("audit_format"), std::string::npos) << r.message;
}

TEST(Verify, EmptyLogIsIntact) {
  ScratchDir dir;
  { Audit audit(dir / "audit.db"); }
  VerifyReport r = verify_audit(dir / "audit.db");
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.rows, 0);
}

TEST(Verify, FileWithoutAnAuditLog) {
  ScratchDir dir;
  try {
    verify_audit(dir / "missing.db");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Open);
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

}  // namespace
}  // namespace ardent::store
