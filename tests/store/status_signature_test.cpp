// Signed approvals and retirements in the registry, and loading with trusted keys: what each
// attack on the registry file does without keys, and how loading with them refuses it.
#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::tamper_with;

std::string quoted(std::string text) {
  for (std::size_t at = 0; (at = text.find('\'', at)) != std::string::npos; at += 2) text.insert(at, "'");
  return "'" + text + "'";
}

class SignedRegistry : public ::testing::Test {
 protected:
  void SetUp() override {
    Registry reg(file_);
    reg.publish(read_sources(testing::write_ruleset(dir_, "mini", "1.0.0")), {Status::draft, "alice"});
    reg.approve("mini@1.0.0", "bob", &key_);
  }

  Registry trusting(TrustedKeys keys) const { return Registry(file_, OpenOptions{.create = false}, std::move(keys)); }
  Registry trusting() const { return trusting(trusted_); }
  // Loads `spec` with the trusted key; expects a refusal of Kind::Untrusted containing `words`.
  void expect_refused(const std::string& spec, const std::string& words) const {
    try {
      trusting().load(spec);
      ADD_FAILURE() << spec << " loaded; expected a refusal saying '" << words << "'";
    } catch (const StoreError& e) {
      EXPECT_EQ(e.kind(), StoreError::Kind::Untrusted) << e.what();
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(file_.string()), std::string::npos) << e.what();
    }
  }
  Triage saddle_numbness_triage(const RulesetPtr& rs) const {
    Case c(rs);
    c.set_bool("saddle_anaesthesia", true);
    Result r;
    evaluate(c, r);
    return r.triage();
  }

  ScratchDir dir_;
  std::filesystem::path file_ = dir_ / "registry.db";
  testing::KeyPair pair_ = testing::make_key_pair(dir_, "lead");
  PrivateKey key_ = PrivateKey::from_pem_file(pair_.private_pem);
  TrustedKeys trusted_ = load_trusted_keys({pair_.public_pem});
};

TEST_F(SignedRegistry, SignedApprovalRoundTrips) {
  Registry reg = trusting();
  EXPECT_TRUE(reg.verifies_approvals());
  RulesetVersion v = reg.find("mini@1.0.0");
  EXPECT_EQ(v.approval_key, key_.id());
  EXPECT_TRUE(trusted_[0].verifies(status_statement(v, Status::approved), v.approval_signature));
  RulesetPtr rs = reg.load("mini@approved");
  EXPECT_EQ(rs->hash(), v.hash);
  EXPECT_EQ(saddle_numbness_triage(rs), Triage::emergency);
  // And through the path the command line takes.
  CompileOutput out = compile_from_registry({file_, "mini@1.0.0"}, trusted_);
  EXPECT_TRUE(out.ok());
}

TEST_F(SignedRegistry, StatementIsTheDocumentedByteString) {
  RulesetVersion v;
  v.name = "mini";
  v.version = "1.0.0";
  v.hash = std::string(64, 'f');
  v.approved_by = "bob";
  v.approved_at = "2025-03-01T09:30:00.000000Z";
  v.retired_by = "carol";
  v.retired_at = "2025-04-01T10:00:00.000000Z";
  EXPECT_EQ(status_statement(v, Status::approved),
            "ardent-ruleset-status 1\nname=4:mini\nversion=5:1.0.0\nhash=64:" + std::string(64, 'f') +
                "\nstatus=8:approved\nby=3:bob\nat=27:2025-03-01T09:30:00.000000Z\n");
  EXPECT_EQ(status_statement(v, Status::retired),
            "ardent-ruleset-status 1\nname=4:mini\nversion=5:1.0.0\nhash=64:" + std::string(64, 'f') +
                "\nstatus=7:retired\nby=5:carol\nat=27:2025-04-01T10:00:00.000000Z\n");
}

TEST_F(SignedRegistry, PublishedAsApprovedWithAKey) {
  Registry reg(file_);
  reg.publish(read_sources(testing::write_ruleset(dir_, "mini", "1.1.0")), {Status::approved, "dana", key_});
  EXPECT_EQ(trusting().load("mini@approved")->version(), "1.1.0");
  EXPECT_EQ(reg.find("mini@1.1.0").approved_by, "dana");
  try {
    reg.publish(read_sources(testing::write_ruleset(dir_, "mini", "1.2.0")), {Status::draft, "dana", key_});
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Invalid);
    EXPECT_NE(std::string(e.what()).find("a key signs an approval"), std::string::npos);
  }
}

TEST_F(SignedRegistry, WithoutTrustedKeysLoadingIsAsBeforeAndSaysSo) {
  Registry reg(file_);
  EXPECT_FALSE(reg.verifies_approvals());
  reg.publish(read_sources(testing::write_ruleset(dir_, "mini", "1.1.0")), {Status::approved, "eve"});
  EXPECT_EQ(reg.load("mini@approved")->version(), "1.1.0");  // unsigned, and loaded
}

TEST_F(SignedRegistry, UnsignedApprovalIsRefused) {
  Registry(file_).publish(read_sources(testing::write_ruleset(dir_, "mini", "1.1.0")), {Status::approved, "eve"});
  expect_refused("mini@approved", "mini@1.1.0 is refused: its approval (by eve at ");
  expect_refused("mini@1.1.0", "is not signed (approve with --key KEY.pem)");
  EXPECT_NO_THROW(trusting().load("mini@1.0.0"));
}

TEST_F(SignedRegistry, ApprovalSignedWithAnotherKeyIsRefused) {
  const auto other = testing::make_key_pair(dir_, "other");
  try {
    trusting(load_trusted_keys({other.public_pem})).load("mini@1.0.0");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Untrusted);
    EXPECT_NE(std::string(e.what()).find("signed with key " + short_key_id(key_.id()) +
                                         ", which is not one of the trusted keys"),
              std::string::npos)
        << e.what();
  }
  // Several trusted keys: any one of them will do.
  EXPECT_NO_THROW(trusting(load_trusted_keys({other.public_pem, pair_.public_pem})).load("mini@1.0.0"));
}

TEST_F(SignedRegistry, AlteredSignatureIsRefused) {
  const std::string signature = Registry(file_).find("mini@1.0.0").approval_signature;
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET approval_signature = " +
                                   quoted(testing::altered_signature(signature))),
            "");
  expect_refused("mini@1.0.0", "the signature of its approval does not verify");
}

TEST_F(SignedRegistry, MissingSignatureIsRefused) {
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET approval_signature = NULL, approval_key = NULL"), "");
  expect_refused("mini@1.0.0", "is not signed");
}

TEST_F(SignedRegistry, AlteredApproverOrTimeIsRefused) {
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET approved_by = 'the head of department'"), "");
  expect_refused("mini@1.0.0", "does not verify");
}

TEST_F(SignedRegistry, ChangedSourcesWithTheirHashRecomputed) {
  // The attack of issue 15: the source edited so that saddle numbness is routine, and the hash
  // column recomputed so that the content check passes.
  std::string edited = testing::rules_file();
  const std::string emergency = "then triage emergency";
  edited.replace(edited.find(emergency), emergency.size(), "then triage routine");
  auto sources = read_sources(dir_ / "mini");
  for (auto& s : sources)
    if (s.path == "rules/fever.ard") s.text = edited;
  CompileOutput forged = compile_sources(sources);
  ASSERT_TRUE(forged.ok());
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_source SET text = " + quoted(edited) +
                                   " WHERE path = 'rules/fever.ard'; UPDATE ruleset_version SET hash = '" +
                                   forged.ruleset->hash() + "'"),
            "");
  // Without keys it loads, and the emergency is gone.
  EXPECT_EQ(saddle_numbness_triage(Registry(file_).load("mini@approved")), Triage::routine);
  expect_refused("mini@approved", "mini@1.0.0 is refused: the signature of its approval does not verify");
}

TEST_F(SignedRegistry, VersionRenamed) {
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET version = '9.9.9'"), "");
  EXPECT_EQ(Registry(file_).find("mini@approved").version, "9.9.9");  // without keys: loads as 9.9.9
  expect_refused("mini@approved", "mini@9.9.9 is refused: the signature of its approval does not verify");
}

TEST_F(SignedRegistry, RetiredVersionSetBackToApproved) {
  Registry(file_).retire("mini@1.0.0", "carol", &key_);
  expect_refused("mini@1.0.0", "it was retired by carol");
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET status = 'approved'"), "");
  EXPECT_NO_THROW(Registry(file_).load("mini@approved"));  // without keys: back in service
  expect_refused("mini@approved", "mini@1.0.0 is refused: it was retired by carol at ");
}

TEST_F(SignedRegistry, RetirementErasedIsOutOfReach) {
  // docs/store.md: erasing a retirement altogether returns the version to its signed approval,
  // a state that once was genuine. A signature shows what was signed, not that nothing came
  // after it; this stays loadable.
  Registry(file_).retire("mini@1.0.0", "carol", &key_);
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET status = 'approved', retired_by = NULL, retired_at = NULL, "
                               "retirement_key = NULL, retirement_signature = NULL"),
            "");
  EXPECT_NO_THROW(trusting().load("mini@approved"));
}

TEST_F(SignedRegistry, SignedRetirementRoundTrips) {
  RulesetVersion v = Registry(file_).retire("mini@1.0.0", "carol", &key_);
  EXPECT_EQ(v.retirement_key, key_.id());
  EXPECT_TRUE(trusted_[0].verifies(status_statement(v, Status::retired), v.retirement_signature));
  EXPECT_FALSE(trusted_[0].verifies(status_statement(v, Status::approved), v.retirement_signature));
}

TEST_F(SignedRegistry, DraftMadeApprovedWithoutASignatureIsRefused) {
  Registry(file_).publish(read_sources(testing::write_ruleset(dir_, "mini", "2.0.0")), {Status::draft, "mallory"});
  expect_refused("mini@2.0.0", "it is a draft");
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET status = 'approved', approved_by = 'bob', approved_at = "
                               "'2025-01-01T00:00:00.000000Z' WHERE version = '2.0.0'"),
            "");
  expect_refused("mini@approved", "mini@2.0.0 is refused: its approval (by bob at 2025-01-01T00:00:00.000000Z) is "
                                  "not signed");
}

TEST_F(SignedRegistry, ApprovalSignatureMovedToAnotherVersionIsRefused) {
  Registry reg(file_);
  reg.publish(read_sources(testing::write_ruleset(dir_, "mini", "2.0.0", "emergency", "emergency")),
              {Status::approved, "eve"});
  ASSERT_EQ(tamper_with(file_, "UPDATE ruleset_version SET (approval_key, approval_signature, approved_by, "
                               "approved_at) = (SELECT approval_key, approval_signature, approved_by, approved_at "
                               "FROM ruleset_version WHERE version = '1.0.0') WHERE version = '2.0.0'"),
            "");
  expect_refused("mini@2.0.0", "does not verify");
}

TEST_F(SignedRegistry, RecordedApprovalCannotBeChangedThroughSql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE ruleset_version SET approval_signature = NULL", nullptr, nullptr, nullptr),
            SQLITE_CONSTRAINT);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE ruleset_version SET approved_by = 'x'", nullptr, nullptr, nullptr),
            SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

}  // namespace
}  // namespace ardent::store
