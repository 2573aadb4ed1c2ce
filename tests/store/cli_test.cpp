// The store's commands end to end through the `ardent` executable.
#include <sqlite3.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ardent/store.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// `env` is put before the command, e.g. "ARDENT_TRUST=/keys/a.pub.pem".
CliRun ardent(const std::string& args, const std::string& env = "") {
  CliRun r;
  const std::string command = (env.empty() ? "" : env + " ") + std::string(ARDENT_CLI) + " " + args + " 2>&1";
  FILE* p = popen(command.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

TEST(StoreCli, PublishListShowApproveRetire) {
  ScratchDir dir;
  const auto db = dir / "registry.db";
  const auto rules = testing::write_ruleset(dir, "mini", "1.0.0");

  CliRun r = ardent("publish " + q(rules) + " --db " + q(db) + " --author alice");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("published mini@1.0.0 as draft"), std::string::npos) << r.out;

  r = ardent("publish " + q(rules) + " --db " + q(db));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("already published with this content"), std::string::npos) << r.out;

  testing::write_ruleset(dir, "mini", "1.0.0", "emergency", "emergency");
  r = ardent("publish " + q(rules) + " --db " + q(db));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("already published (draft"), std::string::npos) << r.out;

  r = ardent("registry list --db " + q(db));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("mini"), std::string::npos);
  EXPECT_NE(r.out.find("draft"), std::string::npos);
  EXPECT_NE(r.out.find("alice"), std::string::npos);

  r = ardent("registry approve mini@1.0.0 --db " + q(db) + " --by bob");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("approved mini@1.0.0"), std::string::npos) << r.out;

  r = ardent("registry show mini@approved --db " + q(db) + " --json --sources");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "approved");
  EXPECT_EQ(j["approved"]["by"], "bob");
  EXPECT_EQ(j["sources"].size(), 2u);

  r = ardent("registry retire mini@1.0.0 --db " + q(db) + " --by carol");
  EXPECT_EQ(r.code, 0) << r.out;
  r = ardent("registry show mini@approved --db " + q(db));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("no approved version of 'mini'"), std::string::npos) << r.out;
}

TEST(StoreCli, ApproveRefusesFailingTests) {
  ScratchDir dir;
  const auto db = dir / "registry.db";
  const auto rules = testing::write_ruleset(dir, "mini", "1.0.0", "routine", "urgent");
  CliRun r = ardent("publish " + q(rules) + " --db " + q(db) + " --status approved");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("cannot be approved"), std::string::npos) << r.out;
  EXPECT_EQ(ardent("publish " + q(rules) + " --db " + q(db)).code, 0);
  r = ardent("registry approve mini@1.0.0 --db " + q(db));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("fever suggests flu"), std::string::npos) << r.out;
}

TEST(StoreCli, PublishReportsCompileErrorsWithTheirPaths) {
  ScratchDir dir;
  const auto rules = testing::write_ruleset(dir, "mini", "1.0.0");
  testing::write_file(rules / "rules" / "fever.ard", "rule r: fevr -> triage urgent\n");
  CliRun r = ardent("publish " + q(rules) + " --db " + q(dir / "registry.db"));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("rules/fever.ard:1:"), std::string::npos) << r.out;
}

TEST(StoreCli, BadDatabaseFiles) {
  ScratchDir dir;
  testing::write_file(dir / "junk.db", std::string(4096, 'j'));
  CliRun r = ardent("registry list --db " + q(dir / "junk.db"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("not an Ardent database"), std::string::npos) << r.out;
  r = ardent("audit verify --db " + q(dir / "missing.db"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("no such file"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
  r = ardent("audit query --db " + q(dir / "junk.db") + " --since yesterday");
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST(StoreCli, AuditVerifyAndQuery) {
  ScratchDir dir;
  const auto db = dir / "audit.db";
  {
    Audit audit(db);
    for (int i = 1; i <= 3; ++i) {
      AuditEntry e;
      e.context = {"enc-" + std::to_string(i), "nurse", {{"site", "north"}}};
      e.ruleset_name = "mini";
      e.ruleset_version = "1.0.0";
      e.ruleset_hash = std::string(64, 'a');
      e.findings = R"({"saddle_anaesthesia":true})";
      e.triage = i == 2 ? "emergency" : "routine";
      if (i == 2) e.red_flags = {"cauda_equina"};
      audit.record(e);
    }
  }
  CliRun r = ardent("audit verify --db " + q(db));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("3 rows, chain intact"), std::string::npos) << r.out;

  r = ardent("audit query --db " + q(db) + " --redflag cauda_equina --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto row = nlohmann::json::parse(r.out);  // one row: one line
  EXPECT_EQ(row["encounter_id"], "enc-2");
  EXPECT_EQ(row["findings"]["saddle_anaesthesia"], true);
  EXPECT_EQ(row["tags"]["site"], "north");

  r = ardent("audit query --db " + q(db) + " --encounter enc-3");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("#3 "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("#1 "), std::string::npos) << r.out;

  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle,
                         "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET triage = 'self_care' WHERE seq = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  r = ardent("audit verify --db " + q(db));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("row 2 was altered"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("append-only"), std::string::npos) << r.out;
}

TEST(StoreCli, EvalRecordsEveryEvaluationInTheAuditLog) {
  ScratchDir dir;
  const auto db = dir / "audit.db";
  const auto rules = testing::write_ruleset(dir, "mini", "1.0.0");
  const auto single = dir / "case.json";
  testing::write_file(single, R"({"fever": true})");
  CliRun r = ardent("eval " + q(rules) + " " + q(single) + " --audit " + q(db) +
                    " --encounter enc-7 --user dr-a --tag site=north --tag app=cli");
  EXPECT_EQ(r.code, 0) << r.out;

  // A batch: each line's row is tagged with its line; a line that cannot be read is not recorded.
  const auto lines = dir / "cases.jsonl";
  testing::write_file(lines, "{\"saddle_anaesthesia\": true}\n{\"fever\": 3}\n{\"fever\": false}\n");
  r = ardent("eval --batch " + q(rules) + " " + q(lines) + " --audit " + q(db) + " --encounter enc-8 --threads 2");
  EXPECT_EQ(r.code, 1) << r.out;  // line 2 is bad

  auto rows = query_audit(db);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].context.encounter_id, "enc-7");
  EXPECT_EQ(rows[0].context.user_id, "dr-a");
  EXPECT_EQ(rows[0].context.tags, (std::map<std::string, std::string>{{"app", "cli"}, {"site", "north"}}));
  EXPECT_EQ(rows[0].triage, "urgent");
  EXPECT_EQ(rows[0].findings, R"({"fever":true})");
  std::map<std::string, std::string> triage_by_line;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].context.encounter_id, "enc-8");
    triage_by_line[rows[i].context.tags["line"]] = rows[i].triage;
  }
  EXPECT_EQ(triage_by_line, (std::map<std::string, std::string>{{"1", "emergency"}, {"3", "routine"}}));
  EXPECT_TRUE(verify_audit(db).ok());

  // Without --audit nothing is recorded; a log that cannot be opened stops before evaluating.
  r = ardent("eval " + q(rules) + " " + q(single));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(query_audit(db).size(), 3u);
  r = ardent("eval " + q(rules) + " " + q(single) + " --audit " + q(dir / "missing" / "audit.db"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("cannot open"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Triage"), std::string::npos) << r.out;
  r = ardent("eval " + q(rules) + " " + q(single) + " --audit " + q(db) + " --tag nokey");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("--tag 'nokey' is not KEY=VALUE"), std::string::npos) << r.out;
  r = ardent("eval " + q(rules) + " " + q(single) + " --encounter enc-9");
  EXPECT_EQ(r.code, 2) << r.out;  // --encounter needs --audit
}


// A log that fails mid-batch (here the file size limit stands in for a full disk) loses no result:
// every line still prints its result, the command exits 1 and says how many rows were not
// written, and what was written still verifies.
TEST(StoreCli, BatchKeepsEveryResultWhenTheAuditLogFails) {
  ScratchDir dir;
  const auto db = dir / "audit.db";
  const auto rules = testing::write_ruleset(dir, "mini", "1.0.0");
  const auto single = dir / "case.json";
  testing::write_file(single, R"({"fever": true})");
  ASSERT_EQ(ardent("eval " + q(rules) + " " + q(single) + " --audit " + q(db)).code, 0);

  constexpr std::size_t kLines = 3000;
  std::string cases;
  for (std::size_t i = 0; i < kLines; ++i) cases += i % 2 ? "{\"fever\": true}\n" : "{\"fever\": false}\n";
  const auto lines = dir / "cases.jsonl";
  testing::write_file(lines, cases);
  const auto errors = dir / "stderr.txt";
  // 400 blocks of 512 bytes; SIGXFSZ ignored, so writes past the limit fail with EFBIG instead.
  const std::string command = "ulimit -f 400; trap '' XFSZ; exec " + std::string(ARDENT_CLI) + " eval --batch " +
                              q(rules) + " " + q(lines) + " --audit " + q(db) + " --threads 2 2>" + q(errors);
  FILE* p = popen(command.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  std::ifstream err_in(errors);
  const std::string err((std::istreambuf_iterator<char>(err_in)), std::istreambuf_iterator<char>());

  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  std::size_t results = 0;
  std::istringstream out_lines(out);
  for (std::string line; std::getline(out_lines, line);) results += nlohmann::json::parse(line).contains("triage");
  EXPECT_EQ(results, kLines);
  EXPECT_NE(err.find("ardent eval: the audit log failed: "), std::string::npos) << err;
  const std::string tail = " of " + std::to_string(kLines) + " audit rows were not written";
  const auto at = err.find(tail);
  ASSERT_NE(at, std::string::npos) << err;
  const auto start = err.rfind("ardent eval: ", at) + std::string("ardent eval: ").size();
  const std::size_t lost = std::stoul(err.substr(start, at - start));
  EXPECT_GT(lost, 0u);
  EXPECT_EQ(query_audit(db).size(), 1 + kLines - lost);
  EXPECT_TRUE(verify_audit(db).ok());
}

// ---- signatures ---------------------------------------------------------------------------

bool contains(const CliRun& r, const std::string& words) { return r.out.find(words) != std::string::npos; }

class SignedCli : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = testing::write_ruleset(dir_, "mini", "1.0.0");
    testing::write_file(case_, R"({"saddle_anaesthesia": true})");
  }
  std::string spec(const std::string& version = "approved") const { return q("db:" + db_.string() + ":mini@" + version); }

  ScratchDir dir_;
  std::filesystem::path db_ = dir_ / "registry.db", audit_ = dir_ / "audit.db", case_ = dir_ / "case.json";
  std::filesystem::path rules_;
  testing::KeyPair lead_ = testing::make_key_pair(dir_, "lead");
  testing::KeyPair other_ = testing::make_key_pair(dir_, "other");
};

TEST_F(SignedCli, ApproveWithAKeyThenLoadWithTrust) {
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_) + " --author alice").code, 0);
  CliRun r = ardent("registry approve mini@1.0.0 --db " + q(db_) + " --by bob --key " + q(lead_.private_pem));
  EXPECT_EQ(r.code, 0) << r.out;
  const std::string key_id = short_key_id(PublicKey::from_pem_file(lead_.public_pem).id());
  EXPECT_TRUE(contains(r, "approved mini@1.0.0")) << r.out;
  EXPECT_TRUE(contains(r, "by bob, signed with key " + key_id)) << r.out;
  r = ardent("registry show mini@1.0.0 --db " + q(db_) + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["approved"]["signature"]["key_id"],
            PublicKey::from_pem_file(lead_.public_pem).id());

  r = ardent("eval " + spec() + " " + q(case_) + " --json --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(contains(r, "ardent: warning")) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["triage"], "emergency");
  // The repeatable option: any of the keys given will do.
  r = ardent("test " + spec() + " --trust " + q(other_.public_pem) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r, "2 passed")) << r.out;
  // ARDENT_TRUST, ':'-separated.
  r = ardent("eval " + spec() + " " + q(case_), "ARDENT_TRUST=" + q(other_.public_pem.string() + ":" +
                                                                      lead_.public_pem.string()));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_FALSE(contains(r, "ardent: warning")) << r.out;
}

TEST_F(SignedCli, WithoutTrustedKeysTheLoadWarns) {
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_) + " --status approved").code, 0);
  CliRun r = ardent("eval " + spec() + " " + q(case_));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r, "ardent: warning: the approval of db:")) << r.out;
  EXPECT_TRUE(contains(r, "is not verified: no trusted key (give --trust PUB.pem or set ARDENT_TRUST)")) << r.out;
}

TEST_F(SignedCli, RefusalsNameTheVersionAndWhy) {
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_) + " --status approved").code, 0);
  CliRun r = ardent("eval " + spec() + " " + q(case_) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "mini@1.0.0 is refused: its approval (by ")) << r.out;
  EXPECT_TRUE(contains(r, "is not signed")) << r.out;
  EXPECT_FALSE(contains(r, "Triage")) << r.out;

  testing::write_ruleset(dir_, "mini", "1.1.0");
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_) + " --status approved --key " + q(other_.private_pem)).code,
            0);
  r = ardent("test " + spec() + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "mini@1.1.0 is refused: its approval is signed with key")) << r.out;
  r = ardent("test " + spec(), "ARDENT_TRUST=" + q(lead_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  // --trust replaces ARDENT_TRUST.
  r = ardent("test " + spec() + " --trust " + q(other_.public_pem), "ARDENT_TRUST=" + q(lead_.public_pem));
  EXPECT_EQ(r.code, 0) << r.out;

  ASSERT_EQ(ardent("registry retire mini@1.1.0 --db " + q(db_) + " --by carol --key " + q(other_.private_pem)).code, 0);
  ASSERT_EQ(testing::tamper_with(db_, "UPDATE ruleset_version SET status = 'approved' WHERE version = '1.1.0'"), "");
  r = ardent("eval " + spec() + " " + q(case_) + " --trust " + q(other_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "mini@1.1.0 is refused: it was retired by carol")) << r.out;
}

TEST_F(SignedCli, KeyOptionsThatCannotBeUsed) {
  CliRun r = ardent("publish " + q(rules_) + " --db " + q(db_) + " --key " + q(lead_.private_pem));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r, "--key signs an approval: give --status approved")) << r.out;
  r = ardent("publish " + q(rules_) + " --db " + q(db_) + " --status approved --key " + q(dir_ / "none.pem"));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r, "cannot read private key file")) << r.out;
  EXPECT_FALSE(std::filesystem::exists(db_));  // the key is read before anything is written
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_)).code, 0);
  r = ardent("registry approve mini@1.0.0 --db " + q(db_) + " --key " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r, "holds no Ed25519 private key")) << r.out;
  EXPECT_EQ(Registry(db_).find("mini@1.0.0").status, Status::draft);
  r = ardent("eval " + spec("1.0.0") + " " + q(case_) + " --trust " + q(lead_.private_pem));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r, "holds a private key")) << r.out;
  r = ardent("eval " + q(rules_) + " " + q(case_) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(contains(r, "is not one")) << r.out;
  // ARDENT_TRUST does not concern rule sets read from files.
  EXPECT_EQ(ardent("eval " + q(rules_) + " " + q(case_), "ARDENT_TRUST=" + q(lead_.public_pem)).code, 0);
}

TEST_F(SignedCli, CheckpointAndVerifyWithTrust) {
  ASSERT_EQ(ardent("eval " + q(rules_) + " " + q(case_) + " --audit " + q(audit_)).code, 0);
  CliRun r = ardent("audit verify --db " + q(audit_) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "the log has no checkpoint")) << r.out;

  r = ardent("audit checkpoint --db " + q(audit_) + " --key " + q(lead_.private_pem));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r, "checkpoint 1 signed with key")) << r.out;
  ASSERT_EQ(ardent("eval " + q(rules_) + " " + q(case_) + " --audit " + q(audit_)).code, 0);
  r = ardent("audit verify --db " + q(audit_) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r, "2 rows, chain intact")) << r.out;
  EXPECT_TRUE(contains(r, "1 checkpoint, signatures verified; the latest, number 1")) << r.out;
  EXPECT_TRUE(contains(r, "covers row 1; row 2 comes after it")) << r.out;

  r = ardent("audit verify --db " + q(audit_) + " --trust " + q(other_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "which is not one of the trusted keys")) << r.out;
  r = ardent("audit verify --db " + q(audit_));
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r, "warning: the signature of 1 checkpoint was not checked")) << r.out;

  ASSERT_EQ(testing::tamper_with(audit_, "DELETE FROM audit_log"), "");
  r = ardent("audit verify --db " + q(audit_) + " --trust " + q(lead_.public_pem));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "covers row 1: row 1 was cut off its end")) << r.out;

  r = ardent("audit checkpoint --db " + q(dir_ / "missing.db") + " --key " + q(lead_.private_pem));
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.db"));
}

TEST_F(SignedCli, AuditVerifyReportsTamperingWithExit1) {
  ASSERT_EQ(ardent("eval " + q(rules_) + " " + q(case_) + " --audit " + q(audit_)).code, 0);
  ASSERT_EQ(testing::tamper_with(audit_, "UPDATE audit_log SET latency_ns = '638 ms (edited)'"), "");
  CliRun r = ardent("audit verify --db " + q(audit_));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "row 1 was altered: its latency_ns is text")) << r.out;
  // Dropped triggers alone, on an intact chain.
  const auto fresh = dir_ / "fresh.db";
  ASSERT_EQ(ardent("eval " + q(rules_) + " " + q(case_) + " --audit " + q(fresh)).code, 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(fresh.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_log_no_delete", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  r = ardent("audit verify --db " + q(fresh));
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_TRUE(contains(r, "the trigger audit_log_no_delete was dropped")) << r.out;
}

TEST_F(SignedCli, KeysMadeWithTheDocumentedOpensslCommands) {
  // docs/store.md tells people to make keys this way.
  const auto key = dir_ / "approver.pem", pub = dir_ / "approver.pub.pem";
  ASSERT_EQ(std::system(("openssl genpkey -algorithm ed25519 -out " + q(key) + " && openssl pkey -in " + q(key) +
                         " -pubout -out " + q(pub))
                            .c_str()),
            0);
  ASSERT_EQ(ardent("publish " + q(rules_) + " --db " + q(db_) + " --status approved --key " + q(key)).code, 0);
  CliRun r = ardent("eval " + spec() + " " + q(case_) + " --trust " + q(pub));
  EXPECT_EQ(r.code, 0) << r.out;
  // The key id is what the documented command prints.
  FILE* p = popen(("openssl pkey -pubin -in " + q(pub) + " -outform DER | sha256sum").c_str(), "r");
  ASSERT_NE(p, nullptr);
  char digest[65] = {};
  ASSERT_EQ(fread(digest, 1, 64, p), 64u);
  pclose(p);
  EXPECT_EQ(Registry(db_).find("mini@1.0.0").approval_key, std::string(digest));
}

}  // namespace
}  // namespace ardent::store
