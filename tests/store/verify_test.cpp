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
      audit.record(e);
    }
    audit.close();
    ASSERT_TRUE(verify_audit(file_).ok());
    rows_ = query_audit(file_);
    ASSERT_EQ(sqlite3_open(file_.c_str(), &db_), SQLITE_OK);
    sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_chained");
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
};

TEST_F(Tampered, DroppedTriggersAloneAreAWarningNotABrokenChain) {
  VerifyReport r = verify_audit(file_);
  EXPECT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("append-only"), std::string::npos);
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
  VerifyReport r = verify_audit(file_);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.seq, 3) << r.message;
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
