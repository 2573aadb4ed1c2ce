// Audit logs written before schema version 3: their rows are hashed in format 1 (no types, no
// row numbers). They are verified by that rule, said to be, and still checked for types and
// numbering on their own; after a writer migrates the file, new rows are hashed in format 2.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store/audit_row.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::exec;
using Problem = VerifyReport::Problem;

// A file as schema version 2 wrote it: `n` rows with a latency, hashed in format 1.
void write_version2_log(const std::filesystem::path& file, int n) {
  schema::open(file, OpenOptions{}, /*target=*/2).reset();
  std::string prev = schema::kGenesisHash;
  Sha256 sha;
  for (int i = 1; i <= n; ++i) {
    StoredRow r;
    r.time = "2024-02-0" + std::to_string(i) + "T00:00:00.000000Z";
    r.encounter_id = "v2-" + std::to_string(i);
    r.user_id = "u";
    r.tags = "{}";
    r.ruleset_name = "mini";
    r.ruleset_version = "1.0.0";
    r.ruleset_hash = std::string(64, 'c');
    r.engine_version = "0.1.0";
    r.findings = R"({"fever":true})";
    r.triage = "urgent";
    r.red_flags = "[]";
    r.conditions = "[]";
    r.latency_ns = 700 + i;
    r.prev_hash = prev;
    r.hash = row_hash_v1(sha, r);
    exec(file, "INSERT INTO audit_log (time, encounter_id, user_id, tags, ruleset_name, ruleset_version, ruleset_hash, "
               "engine_version, findings, triage, red_flags, conditions, latency_ns, prev_hash, hash) VALUES ('" +
                   r.time + "', '" + r.encounter_id + "', 'u', '{}', 'mini', '1.0.0', '" + r.ruleset_hash +
                   "', '0.1.0', '{\"fever\":true}', 'urgent', '[]', '[]', " + std::to_string(*r.latency_ns) + ", '" +
                   r.prev_hash + "', '" + r.hash + "')");
    prev = r.hash;
  }
}

AuditEntry entry(const std::string& encounter) {
  AuditEntry e;
  e.context = {encounter, "u", {}};
  e.ruleset_name = "mini";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'c');
  e.findings = R"({"fever":true})";
  e.triage = "urgent";
  e.latency = std::chrono::nanoseconds(42);
  return e;
}

const char* kDropGuards =
    "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_chained;";

TEST(OldFormat, UnmigratedLogIsVerifiedByItsRuleAndSaysSo) {
  ScratchDir dir;
  const auto file = dir / "v2.db";
  write_version2_log(file, 4);
  VerifyReport r = verify_audit(file);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.old_format_rows, 4);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("schema version 2: its rows are hashed in format 1"), std::string::npos)
      << r.warnings[0];
  // Reading did not migrate it.
  EXPECT_EQ(query_audit(file).size(), 4u);
}

TEST(OldFormat, RenumberingIsCaughtWithoutTheHash) {
  ScratchDir dir;
  const auto file = dir / "v2.db";
  write_version2_log(file, 4);
  exec(file, std::string(kDropGuards) + "UPDATE audit_log SET seq = seq + 5000");
  VerifyReport r = verify_audit(file);
  EXPECT_EQ(r.problem, Problem::renumbered) << r.message;
  EXPECT_EQ(r.seq, 5001);
  EXPECT_NE(r.message.find("numbered from 1 without gaps, so it was written as row 1"), std::string::npos)
      << r.message;
}

TEST(OldFormat, ATypeChangeIsCaughtWithoutTheHash) {
  ScratchDir dir;
  const auto file = dir / "v2.db";
  write_version2_log(file, 4);
  exec(file, std::string(kDropGuards) + "UPDATE audit_log SET latency_ns = '638 ms (edited)' WHERE seq = 2");
  VerifyReport r = verify_audit(file);
  EXPECT_EQ(r.problem, Problem::altered) << r.message;
  EXPECT_EQ(r.seq, 2);
  EXPECT_NE(r.message.find("latency_ns is text"), std::string::npos) << r.message;
}

TEST(OldFormat, DroppedTriggersOfAnOldLogAreTampering) {
  ScratchDir dir;
  const auto file = dir / "v2.db";
  write_version2_log(file, 2);
  exec(file, "DROP TRIGGER audit_log_no_delete");
  VerifyReport r = verify_audit(file);
  EXPECT_EQ(r.problem, Problem::schema) << r.message;
  EXPECT_NE(r.message.find("the trigger audit_log_no_delete was dropped"), std::string::npos) << r.message;
}

class Migrated : public ::testing::Test {
 protected:
  void SetUp() override {
    write_version2_log(file_, 3);
    Audit audit(file_);  // a writer migrates the file, then appends in format 2
    audit.record(entry("new-4"));
    audit.record(entry("new-5"));
    audit.close();
  }
  ScratchDir dir_;
  std::filesystem::path file_ = dir_ / "migrated.db";
};

TEST_F(Migrated, OldRowsKeepFormat1AndNewRowsUseFormat2) {
  VerifyReport r = verify_audit(file_);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.rows, 5);
  EXPECT_EQ(r.old_format_rows, 3);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("rows 1 to 3 were written before schema version 3"), std::string::npos);
  auto rows = query_audit(file_);
  EXPECT_EQ(rows[3].prev_hash, rows[2].hash);  // one chain across the formats
  EXPECT_EQ(rows[4].hash, audit_row_hash(rows[4]));
}

TEST_F(Migrated, MovingTheFormatBoundaryDownIsCaught) {
  exec(file_, "DROP TRIGGER audit_format_no_update; UPDATE audit_format SET since_seq = 1");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::altered) << r.message;
  EXPECT_EQ(r.seq, 1);
}

TEST_F(Migrated, MovingTheFormatBoundaryUpIsCaught) {
  // Row 4 would be verified by the weaker rule: its format-2 hash does not match that rule.
  exec(file_, "DROP TRIGGER audit_format_no_update; UPDATE audit_format SET since_seq = 5");
  VerifyReport r = verify_audit(file_);
  EXPECT_EQ(r.problem, Problem::altered) << r.message;
  EXPECT_EQ(r.seq, 4);
}

TEST(OldFormat, OldRowsCutOffTheEndOfAMigratedLogAreCaught) {
  ScratchDir dir;
  const auto file = dir / "cut.db";
  write_version2_log(file, 3);
  { Audit audit(file); }  // migrated: format 2 would begin at row 4
  exec(file, std::string(kDropGuards) + "DELETE FROM audit_log WHERE seq = 3");
  VerifyReport r = verify_audit(file);
  EXPECT_EQ(r.problem, Problem::truncated) << r.message;
  EXPECT_EQ(r.seq, 3);
  EXPECT_NE(r.message.find("row 3 was cut off its end"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace ardent::store
