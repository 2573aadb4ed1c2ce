// Sealed audit logs: the writer commits every batch with a signed checkpoint of its last row, so
// a row that no checkpoint covers (one forged after the latest checkpoint) is tampering.
#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::tamper_with;
using Problem = VerifyReport::Problem;

AuditEntry entry(int i) {
  AuditEntry e;
  e.context = {"enc-" + std::to_string(i), "dr-who", {}};
  e.ruleset_name = "mini";
  e.ruleset_version = "1.0.0";
  e.ruleset_hash = std::string(64, 'b');
  e.triage = "urgent";
  return e;
}

class Sealed : public ::testing::Test {
 protected:
  void write(int from, int to, bool sealed, std::size_t batch_size = 512) {
    AuditOptions options;
    options.batch_size = batch_size;
    if (sealed) options.seal_key = key_;
    Audit audit(file_, options);
    for (int i = from; i <= to; ++i) audit.record(entry(i));
    audit.close();
  }
  VerifyReport verify_sealed() { return verify_audit(file_, trusted_, {.sealed = true}); }
  // A row appended with its hash computed correctly, as a forger who knows the format writes it.
  void forge_row() {
    AuditRow forged = query_audit(file_).back();
    const std::int64_t seq = forged.seq + 1;
    forged.seq = seq;
    forged.context.encounter_id = "enc-forged";
    forged.prev_hash = forged.hash;
    forged.hash = audit_row_hash(forged);
    ASSERT_EQ(tamper_with(file_, "INSERT INTO audit_log SELECT " + std::to_string(seq) +
                                     ", time, 'enc-forged', user_id, tags, ruleset_name, ruleset_version, "
                                     "ruleset_hash, engine_version, findings, triage, red_flags, conditions, '" +
                                     forged.prev_hash + "', '" + forged.hash + "', latency_ns FROM audit_log WHERE seq = " +
                                     std::to_string(seq - 1)),
              "");
  }

  ScratchDir dir_;
  std::filesystem::path file_ = dir_ / "audit.db";
  testing::KeyPair pair_ = testing::make_key_pair(dir_, "host");
  PrivateKey key_ = PrivateKey::from_pem_file(pair_.private_pem);
  TrustedKeys trusted_ = load_trusted_keys({pair_.public_pem});
};

TEST_F(Sealed, EveryBatchIsCommittedWithItsCheckpoint) {
  write(1, 10, true, /*batch_size=*/3);
  const VerifyReport r = verify_sealed();
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.signatures_verified);
  EXPECT_EQ(r.head_seq, 10);
  ASSERT_TRUE(r.latest.has_value());
  EXPECT_EQ(r.latest->seq, 10);
  EXPECT_GE(r.checkpoints, 4);  // at least ceil(10 / 3) batches
}

TEST_F(Sealed, AForgedRowAfterTheLatestCheckpointIsCaught) {
  write(1, 5, true);
  forge_row();
  // Without the seal, the same file passes: the row is only reported as not yet covered.
  ASSERT_TRUE(verify_audit(file_, trusted_).ok());
  const VerifyReport r = verify_sealed();
  EXPECT_EQ(r.problem, Problem::unsealed) << r.message;
  EXPECT_EQ(r.seq, 6);
  EXPECT_NE(r.message.find("row 6 comes after the latest checkpoint"), std::string::npos) << r.message;
}

TEST_F(Sealed, RowsOfAWriterWithoutTheSealAreCaught) {
  write(1, 3, true);
  write(4, 6, false);
  const VerifyReport r = verify_sealed();
  EXPECT_EQ(r.problem, Problem::unsealed) << r.message;
  EXPECT_EQ(r.seq, 4);
  EXPECT_NE(r.message.find("rows 4 to 6 come after the latest checkpoint"), std::string::npos) << r.message;
}

TEST_F(Sealed, ALogNeverSealedHasEveryRowUncovered) {
  write(1, 2, false);
  const VerifyReport r = verify_audit(file_, {}, {.sealed = true});
  EXPECT_EQ(r.problem, Problem::unsealed) << r.message;
  EXPECT_EQ(r.seq, 1);
}

TEST_F(Sealed, AnEmptyLogIsSealed) {
  write(1, 0, true);
  EXPECT_TRUE(verify_audit(file_, {}, {.sealed = true}).ok());
}

TEST_F(Sealed, ATailCutIsStillCaughtByTheCheckpoints) {
  write(1, 6, true, /*batch_size=*/6);
  ASSERT_EQ(tamper_with(file_, "DELETE FROM audit_log WHERE seq >= 5"), "");
  EXPECT_EQ(verify_sealed().problem, Problem::truncated);
}

}  // namespace
}  // namespace ardent::store
