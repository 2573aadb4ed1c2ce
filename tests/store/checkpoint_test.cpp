// Signed checkpoints of the audit chain's head, and what they catch that the chain alone cannot:
// rows cut off the end, a history changed and re-hashed, another log in the file's place.
#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::tamper_with;
using Problem = VerifyReport::Problem;

AuditEntry entry(int i, const std::string& encounter_prefix = "enc-") {
  AuditEntry e;
  e.context = {encounter_prefix + std::to_string(i), "dr-who", {}};
  e.ruleset_name = "mini";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'b');
  e.findings = R"({"saddle_anaesthesia":true})";
  e.triage = "emergency";
  e.red_flags = {"cauda_equina"};
  e.latency = std::chrono::nanoseconds(500 + i);
  return e;
}

void append(const std::filesystem::path& file, int from, int to, const std::string& prefix = "enc-") {
  Audit audit(file);
  for (int i = from; i <= to; ++i) audit.record(entry(i, prefix));
  audit.close();
}

class Checkpoints : public ::testing::Test {
 protected:
  void SetUp() override { append(file_, 1, 10); }

  VerifyReport verify() { return verify_audit(file_, trusted_); }
  void expect(Problem problem, std::int64_t seq, const std::string& words) {
    VerifyReport r = verify();
    EXPECT_EQ(r.problem, problem) << to_string(r.problem) << ": " << r.message;
    EXPECT_EQ(r.seq, seq) << r.message;
    EXPECT_NE(r.message.find(words), std::string::npos) << r.message;
  }
  // Every row re-hashed in order, as a forger who knows the format does after changing one.
  void rehash_chain() {
    std::string prev(64, '0');
    std::string script;
    for (AuditRow r : query_audit(file_)) {
      r.prev_hash = prev;
      r.hash = audit_row_hash(r);
      script += "UPDATE audit_log SET prev_hash = '" + r.prev_hash + "', hash = '" + r.hash +
                "' WHERE seq = " + std::to_string(r.seq) + ";";
      prev = r.hash;
    }
    ASSERT_EQ(tamper_with(file_, script), "");
  }

  ScratchDir dir_;
  std::filesystem::path file_ = dir_ / "audit.db";
  testing::KeyPair pair_ = testing::make_key_pair(dir_, "host");
  PrivateKey key_ = PrivateKey::from_pem_file(pair_.private_pem);
  TrustedKeys trusted_ = load_trusted_keys({pair_.public_pem});
};

TEST_F(Checkpoints, SignedCheckpointRoundTrips) {
  const Checkpoint c = checkpoint_audit(file_, key_);
  EXPECT_EQ(c.number, 1);
  EXPECT_EQ(c.seq, 10);
  EXPECT_EQ(c.hash, query_audit(file_).back().hash);
  EXPECT_EQ(c.key_id, key_.id());
  EXPECT_TRUE(trusted_[0].verifies(checkpoint_statement(c), c.signature));
  VerifyReport r = verify();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.signatures_verified);
  EXPECT_EQ(r.checkpoints, 1);
  ASSERT_TRUE(r.latest);
  EXPECT_EQ(r.latest->seq, 10);
  EXPECT_EQ(r.latest->signature, c.signature);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
}

TEST_F(Checkpoints, StatementIsTheDocumentedByteString) {
  Checkpoint c;
  c.number = 3;
  c.seq = 1000;
  c.hash = std::string(64, 'a');
  c.time = "2025-03-01T09:30:00.000000Z";
  EXPECT_EQ(checkpoint_statement(c), "ardent-audit-checkpoint 1\nnumber=1:3\nseq=4:1000\nhash=64:" + std::string(64, 'a') +
                                         "\ntime=27:2025-03-01T09:30:00.000000Z\n");
}

TEST_F(Checkpoints, SeveralCheckpointsAndRowsAfterTheLatest) {
  checkpoint_audit(file_, key_);
  append(file_, 11, 12);
  checkpoint_audit(file_, key_);
  append(file_, 13, 15);
  VerifyReport r = verify();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.latest->number, 2);
  EXPECT_EQ(r.latest->seq, 12);
  EXPECT_EQ(r.head_seq, 15);  // rows 13 to 15 are not covered yet
}

TEST_F(Checkpoints, HostCheckpointsThroughItsAuditAfterFlushing) {
  Audit audit(file_);
  for (int i = 11; i <= 14; ++i) audit.record(entry(i));
  const Checkpoint c = audit.checkpoint(key_);  // the four queued rows are committed first
  EXPECT_EQ(c.seq, 14);
  audit.record(entry(15));
  audit.close();
  VerifyReport r = verify();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.latest->seq, 14);
}

TEST_F(Checkpoints, EmptyLogCanBeCheckpointed) {
  const auto empty = dir_ / "empty.db";
  { Audit audit(empty); }
  const Checkpoint c = checkpoint_audit(empty, key_);
  EXPECT_EQ(c.seq, 0);
  EXPECT_EQ(c.hash, std::string(64, '0'));
  EXPECT_TRUE(verify_audit(empty, trusted_).ok());
}

TEST_F(Checkpoints, TailCutAfterACheckpointIsCaught) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "DELETE FROM audit_log WHERE seq >= 8"), "");
  expect(Problem::truncated, 8, "rows 8 to 10 were cut off its end");
  // The checkpoint's numbers show it without the key too.
  VerifyReport unkeyed = verify_audit(file_);
  EXPECT_EQ(unkeyed.problem, Problem::truncated) << unkeyed.message;
}

TEST_F(Checkpoints, TailCutAndCheckpointMovedBackIsCaughtByItsSignature) {
  checkpoint_audit(file_, key_);
  const std::string row7 = query_audit(file_)[6].hash;
  ASSERT_EQ(tamper_with(file_, "DELETE FROM audit_log WHERE seq >= 8; UPDATE audit_checkpoint SET seq = 7, hash = '" +
                                   row7 + "'"),
            "");
  expect(Problem::signature, 0, "the signature of checkpoint 1 does not verify");
}

TEST_F(Checkpoints, ForgedRowAppendedAfterTheLatestCheckpointIsOnlyUncovered) {
  // Out of reach by design (docs/store.md): nothing signed covers rows after the latest
  // checkpoint. verify says which rows those are.
  checkpoint_audit(file_, key_);
  AuditRow forged = query_audit(file_).back();
  forged.seq = 11;
  forged.context.encounter_id = "enc-forged";
  forged.prev_hash = forged.hash;
  forged.hash = audit_row_hash(forged);
  ASSERT_EQ(tamper_with(file_, "INSERT INTO audit_log SELECT 11, time, 'enc-forged', user_id, tags, ruleset_name, "
                               "ruleset_version, ruleset_hash, engine_version, findings, triage, red_flags, "
                               "conditions, prev_hash, '" + forged.hash + "', latency_ns FROM audit_log WHERE seq = 10;"
                               "UPDATE audit_log SET prev_hash = '" + forged.prev_hash + "' WHERE seq = 11"),
            "");
  VerifyReport r = verify();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.head_seq, 11);
  EXPECT_EQ(r.latest->seq, 10);
}

TEST_F(Checkpoints, HistoryChangedAndRehashedIsCaught) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE audit_log SET triage = 'routine', red_flags = '[]' WHERE seq = 1"), "");
  rehash_chain();
  // The chain itself is whole again; the checkpoint's hash shows the change even without a key.
  EXPECT_EQ(verify_audit(file_).problem, Problem::rewritten);
  expect(Problem::rewritten, 10, "row 10 does not match checkpoint 1");
}

TEST_F(Checkpoints, RowInsertedInTheMiddleWithLaterRowsRehashedIsCaught) {
  checkpoint_audit(file_, key_);
  std::string shift;
  for (int s = 10; s >= 5; --s) shift += "UPDATE audit_log SET seq = seq + 1 WHERE seq = " + std::to_string(s) + ";";
  ASSERT_EQ(tamper_with(file_, shift + "INSERT INTO audit_log SELECT 5, time, 'enc-inserted', user_id, tags, "
                                       "ruleset_name, ruleset_version, ruleset_hash, engine_version, findings, "
                                       "'routine', '[]', conditions, prev_hash, hash, latency_ns FROM audit_log "
                                       "WHERE seq = 4"),
            "");
  rehash_chain();
  expect(Problem::rewritten, 10, "row 10 does not match checkpoint 1");
}

TEST_F(Checkpoints, FileReplacedByAnotherValidLogWithoutCheckpoints) {
  const auto other = dir_ / "other.db";
  append(other, 1, 10, "other-");
  ASSERT_TRUE(verify_audit(other).ok());
  std::filesystem::copy_file(other, file_, std::filesystem::copy_options::overwrite_existing);
  expect(Problem::signature, 0, "the log has no checkpoint");
}

TEST_F(Checkpoints, FileReplacedByAnotherValidLogWithTheCheckpointsCopied) {
  const Checkpoint c = checkpoint_audit(file_, key_);
  const auto other = dir_ / "other.db";
  append(other, 1, 10, "other-");
  ASSERT_EQ(tamper_with(other, "INSERT INTO audit_checkpoint VALUES (1, 10, '" + c.hash + "', '" + c.time + "', '" +
                                   c.key_id + "', '" + c.signature + "')"),
            "");
  std::filesystem::remove(file_);
  std::filesystem::copy_file(other, file_);
  expect(Problem::rewritten, 10, "or the file was replaced by another log");
}

TEST_F(Checkpoints, CheckpointSignedWithAnUntrustedKey) {
  const auto stranger = testing::make_key_pair(dir_, "stranger");
  checkpoint_audit(file_, PrivateKey::from_pem_file(stranger.private_pem));
  expect(Problem::signature, 0, "is signed with key " + short_key_id(PublicKey::from_pem_file(stranger.public_pem).id()) +
                                    ", which is not one of the trusted keys");
}

TEST_F(Checkpoints, AlteredSignature) {
  const Checkpoint c = checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE audit_checkpoint SET signature = '" + testing::altered_signature(c.signature) + "'"),
            "");
  expect(Problem::signature, 0, "the signature of checkpoint 1 does not verify");
}

TEST_F(Checkpoints, AlteredSignedField) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE audit_checkpoint SET time = '2020-01-01T00:00:00.000000Z'"), "");
  expect(Problem::signature, 0, "its number, row, hash or time was changed after signing");
}

TEST_F(Checkpoints, MissingSignature) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE audit_checkpoint SET signature = ''"), "");
  expect(Problem::signature, 0, "does not verify");
}

TEST_F(Checkpoints, DeletedCheckpointBetweenOthers) {
  for (int i = 0; i < 3; ++i) {
    append(file_, 11 + i, 11 + i);
    checkpoint_audit(file_, key_);
  }
  ASSERT_EQ(tamper_with(file_, "DELETE FROM audit_checkpoint WHERE number = 2"), "");
  expect(Problem::checkpoint, 0, "checkpoint 2 was deleted: checkpoint 3 follows checkpoint 1");
}

TEST_F(Checkpoints, CheckpointValueStoredAsAnotherType) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE audit_checkpoint SET hash = CAST(hash AS BLOB)"), "");
  expect(Problem::checkpoint, 0, "checkpoint 1 was altered: its hash is blob");
}

TEST_F(Checkpoints, DroppedCheckpointTriggerIsTampering) {
  checkpoint_audit(file_, key_);
  ASSERT_EQ(tamper_with(file_, "SELECT 1"), "");
  EXPECT_TRUE(verify().ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_checkpoint_no_delete", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  expect(Problem::schema, 0, "the trigger audit_checkpoint_no_delete was dropped");
}

TEST_F(Checkpoints, TrustedKeysDemandACheckpoint) {
  expect(Problem::signature, 0, "the log has no checkpoint: nothing signed vouches for it");
  EXPECT_TRUE(verify_audit(file_).ok());  // without keys: the chain alone, as before
}

TEST_F(Checkpoints, WithoutTrustedKeysSignaturesAreReportedUnchecked) {
  checkpoint_audit(file_, key_);
  VerifyReport r = verify_audit(file_);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_FALSE(r.signatures_verified);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("the signature of 1 checkpoint was not checked"), std::string::npos) << r.warnings[0];
}

TEST_F(Checkpoints, TheTriggersRefuseACheckpointThatIsNotOfTheHead) {
  const Checkpoint c = checkpoint_audit(file_, key_);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
  const std::string stale = "INSERT INTO audit_checkpoint VALUES (2, 9, '" + c.hash + "', 't', 'k', 's')";
  EXPECT_EQ(sqlite3_exec(db, stale.c_str(), nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
  EXPECT_EQ(sqlite3_exec(db, "DELETE FROM audit_checkpoint", nullptr, nullptr, nullptr), SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

TEST_F(Checkpoints, CheckpointMigratesAnOlderFile) {
  // A version-2 file gets checkpoints once Ardent writes to it: the checkpoint migrates it.
  const auto old = dir_ / "old.db";
  schema::open(old, OpenOptions{}, /*target=*/2).reset();
  VerifyReport before = verify_audit(old, trusted_);
  EXPECT_EQ(before.problem, Problem::signature) << before.message;
  EXPECT_NE(before.message.find("schema version 2 had none"), std::string::npos) << before.message;
  checkpoint_audit(old, key_);
  EXPECT_TRUE(verify_audit(old, trusted_).ok());
}

TEST_F(Checkpoints, KeyProblemsAreClear) {
  try {
    checkpoint_audit(file_, PrivateKey::from_pem_file(pair_.public_pem));
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Invalid);
  }
  try {
    checkpoint_audit(dir_ / "missing.db", key_);
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Open);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.db"));
  }
}

}  // namespace
}  // namespace ardent::store
