// The storage functions: loading rule sets from a registry and evaluating with an audit log.
// Registries are published, and audit logs checked, with the command-line tool, since an
// embedder sees nothing but ardent.h. On Windows there is no command-line tool: the tests that
// need it are listed, with why, in scripts/test.sh --windows's filter.
#ifdef _WIN32
#include <process.h>
#define getpid _getpid
#else
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ardent.h"
#include "fixture.hpp"

namespace fs = std::filesystem;
using namespace capi_test;

namespace {

struct RegistryFree { void operator()(ardent_registry* p) const { ardent_registry_free(p); } };
struct AuditFree { void operator()(ardent_audit* p) const { ardent_audit_free(p); } };
using Registry = std::unique_ptr<ardent_registry, RegistryFree>;
using Audit = std::unique_ptr<ardent_audit, AuditFree>;

std::string shell_quote(const fs::path& p) { return "'" + p.string() + "'"; }

// Runs the command-line tool; returns its exit status and, through `output`, its stdout.
#ifdef _WIN32
int cli(const std::string& args, std::string* output = nullptr) {
  if (output != nullptr) output->clear();
  ADD_FAILURE() << "no command-line tool on Windows to run: ardent " << args;
  return -1;
}
#else
int cli(const std::string& args, std::string* output = nullptr) {
  const std::string command = std::string("'") + ARDENT_CLI_PATH + "' " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::string text;
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  int status = pclose(pipe);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
#endif

class Store : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("ardent_capi_store_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A registry holding the small rule set, approved (its tests pass).
  fs::path publish_small() {
    fs::path db = dir_ / "registry.db";
    EXPECT_EQ(cli("publish " + shell_quote(small_rules()) + " --db " + shell_quote(db) +
                  " --status approved --author capi-test"),
              0);
    return db;
  }

  Case overload_case(const ardent_ruleset* rs) {
    Case c = new_case(rs);
    const char* json =
        R"({"pain_central_buttock": true, "pain_peak": "day_after_activity", "pain_side_lying": true,
            "pain_score": 6, "symptom_duration": 49})";
    EXPECT_EQ(ardent_case_set_json(c.get(), json, ARDENT_NUL_TERMINATED), ARDENT_OK)
        << ardent_last_error()->message;
    return c;
  }

  // An Ed25519 key pair made as docs/store.md says: dir/NAME.pem and dir/NAME.pub.pem.
  std::pair<fs::path, fs::path> key_pair(const std::string& name) {
    const fs::path key = dir_ / (name + ".pem"), pub = dir_ / (name + ".pub.pem");
    const std::string command = "openssl genpkey -algorithm ed25519 -out " + shell_quote(key) +
                                " && openssl pkey -in " + shell_quote(key) + " -pubout -out " + shell_quote(pub);
    EXPECT_EQ(std::system(command.c_str()), 0);
    return {key, pub};
  }

  // A registry holding the small rule set, approved with a signature by `key`.
  fs::path publish_signed(const fs::path& key) {
    fs::path db = dir_ / "signed.db";
    EXPECT_EQ(cli("publish " + shell_quote(small_rules()) + " --db " + shell_quote(db) +
                  " --status approved --author capi-test --key " + shell_quote(key)),
              0);
    return db;
  }

  fs::path dir_;
};

std::string result_json(const ardent_result* r) {
  char* json = nullptr;
  EXPECT_EQ(ardent_result_json(&json, r, 0), ARDENT_OK) << ardent_last_error()->message;
  String owner(json);
  return json != nullptr ? std::string(json) : std::string();
}

TEST_F(Store, OpeningAMissingRegistryFailsAndCreatesNothing) {
  fs::path db = dir_ / "missing.db";
  ardent_registry* reg = reinterpret_cast<ardent_registry*>(&db);  // must be reset to NULL
  EXPECT_EQ(ardent_registry_open(&reg, db.string().c_str()), ARDENT_ESTORAGE);
  EXPECT_EQ(reg, nullptr);
  EXPECT_EQ(ardent_last_error()->code, ARDENT_ESTORAGE);
  EXPECT_NE(std::string(ardent_last_error()->message).find("missing.db"), std::string::npos)
      << ardent_last_error()->message;
  EXPECT_FALSE(fs::exists(db));
}

TEST_F(Store, OpeningAFileThatIsNotAnArdentDatabaseFails) {
  fs::path db = dir_ / "notes.txt";
  { std::FILE* f = std::fopen(db.string().c_str(), "w"); std::fputs("hello, not a database\n", f); std::fclose(f); }
  ardent_registry* reg = nullptr;
  EXPECT_EQ(ardent_registry_open(&reg, db.string().c_str()), ARDENT_ESTORAGE);
  EXPECT_EQ(reg, nullptr);
  EXPECT_STRNE(ardent_last_error()->message, "");
}

TEST_F(Store, LoadsTheApprovedVersionAndEvaluatesAsTheSourcesDo) {
  fs::path db = publish_small();
  ardent_registry* raw = nullptr;
  ASSERT_EQ(ardent_registry_open(&raw, db.string().c_str()), ARDENT_OK) << ardent_last_error()->message;
  Registry reg(raw);

  for (const char* spec : {"small_hip@approved", "small_hip@1.2.3"}) {
    SCOPED_TRACE(spec);
    ardent_ruleset* loaded_raw = nullptr;
    ardent_diagnostics* diags = nullptr;
    ASSERT_EQ(ardent_ruleset_from_registry(&loaded_raw, &diags, reg.get(), spec), ARDENT_OK)
        << ardent_last_error()->message;
    Ruleset loaded(loaded_raw);
    Diagnostics owner(diags);
    EXPECT_NE(diags, nullptr);
    EXPECT_EQ(ardent_diagnostics_error_count(diags), 0u);

    ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
    ASSERT_EQ(ardent_ruleset_get_info(&info, loaded.get()), ARDENT_OK);
    EXPECT_STREQ(info.name, "small_hip");
    EXPECT_STREQ(info.ruleset_version, "1.2.3");

    Ruleset direct = compile(small_rules());
    ardent_ruleset_info direct_info = ARDENT_RULESET_INFO_INIT;
    ASSERT_EQ(ardent_ruleset_get_info(&direct_info, direct.get()), ARDENT_OK);
    EXPECT_STREQ(info.hash, direct_info.hash);

    Case from_registry = overload_case(loaded.get());
    Case from_sources = overload_case(direct.get());
    Result a = evaluate(loaded.get(), from_registry.get());
    Result b = evaluate(direct.get(), from_sources.get());
    EXPECT_EQ(ardent_result_triage(a.get()), ARDENT_TRIAGE_URGENT);
    EXPECT_EQ(result_json(a.get()), result_json(b.get()));
  }
}

TEST_F(Store, RegistryErrorsMapOntoTheStatusCodes) {
  fs::path db = publish_small();
  ardent_registry* raw = nullptr;
  ASSERT_EQ(ardent_registry_open(&raw, db.string().c_str()), ARDENT_OK) << ardent_last_error()->message;
  Registry reg(raw);
  struct Row {
    const char* spec;
    int code;
  };
  for (const Row& row : {Row{"small_hip@9.9.9", ARDENT_ENOTFOUND}, Row{"nothing@approved", ARDENT_ENOTFOUND},
                         Row{"no-at-sign", ARDENT_EINVALID}, Row{"small_hip@\xff", ARDENT_EINVALID}}) {
    SCOPED_TRACE(row.spec);
    ardent_ruleset* rs = reinterpret_cast<ardent_ruleset*>(&raw);
    ardent_diagnostics* diags = reinterpret_cast<ardent_diagnostics*>(&raw);
    EXPECT_EQ(ardent_ruleset_from_registry(&rs, &diags, reg.get(), row.spec), row.code);
    EXPECT_EQ(rs, nullptr);
    EXPECT_EQ(diags, nullptr);
    EXPECT_EQ(ardent_last_error()->code, row.code);
    EXPECT_STRNE(ardent_last_error()->message, "");
  }
}

TEST_F(Store, AuditedEvaluationsAreWrittenToAVerifiableLog) {
  Ruleset rs = compile(small_rules());
  fs::path log = dir_ / "audit.db";
  ardent_audit_options opts = ARDENT_AUDIT_OPTIONS_INIT;
  opts.synchronous = ARDENT_SYNC_FULL;
  opts.batch_size = 2;
  ardent_audit* raw = nullptr;
  ASSERT_EQ(ardent_audit_open(&raw, log.string().c_str(), &opts), ARDENT_OK) << ardent_last_error()->message;
  Audit audit(raw);

  const ardent_tag tags[] = {{"site", "north"}, {"app", "ed-triage"}};
  ardent_audit_context context = ARDENT_AUDIT_CONTEXT_INIT;
  context.encounter_id = "enc-42";
  context.user_id = "dr-who";
  context.tag_count = 2;
  context.tags = tags;

  Case c = overload_case(rs.get());
  for (int i = 0; i < 3; ++i) {
    ardent_result* r = nullptr;
    ASSERT_EQ(ardent_evaluate_audited(&r, rs.get(), c.get(), &context, audit.get()), ARDENT_OK)
        << ardent_last_error()->message;
    Result owner(r);
    EXPECT_EQ(ardent_result_triage(r), ARDENT_TRIAGE_URGENT);
  }
  Result reused = evaluate(rs.get(), c.get());
  ASSERT_EQ(ardent_evaluate_audited_into(reused.get(), rs.get(), c.get(), nullptr, audit.get()), ARDENT_OK)
      << ardent_last_error()->message;
  EXPECT_EQ(ardent_result_triage(reused.get()), ARDENT_TRIAGE_URGENT);
  ASSERT_EQ(ardent_audit_flush(audit.get()), ARDENT_OK) << ardent_last_error()->message;

  // Flushed rows are in the file while the log is still open.
  EXPECT_EQ(cli("audit verify --db " + shell_quote(log)), 0);
  std::string lines;
  ASSERT_EQ(cli("audit query --json --db " + shell_quote(log), &lines), 0);
  std::vector<nlohmann::json> rows;
  std::size_t start = 0;
  while (start < lines.size()) {
    std::size_t end = lines.find('\n', start);
    if (end == std::string::npos) end = lines.size();
    if (end > start) rows.push_back(nlohmann::json::parse(lines.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(rows.size(), 4u) << lines;
  EXPECT_NE(rows[0].dump().find("enc-42"), std::string::npos) << rows[0].dump();
  EXPECT_NE(rows[0].dump().find("dr-who"), std::string::npos) << rows[0].dump();
  EXPECT_NE(rows[0].dump().find("north"), std::string::npos) << rows[0].dump();
  EXPECT_NE(rows[0].dump().find("small_hip"), std::string::npos) << rows[0].dump();
  EXPECT_EQ(rows[3].dump().find("enc-42"), std::string::npos) << rows[3].dump();

  // Freeing writes what is still queued.
  ASSERT_EQ(ardent_evaluate_audited_into(reused.get(), rs.get(), c.get(), &context, audit.get()), ARDENT_OK);
  audit.reset();
  ASSERT_EQ(cli("audit query --json --db " + shell_quote(log), &lines), 0);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 5);
  EXPECT_EQ(cli("audit verify --db " + shell_quote(log)), 0);
}

// A program built against the version 1 header has a struct without seal_key: initialising it
// as version 1 writes nothing past it.
TEST(AuditOptions, InitialisingVersionOneWritesNoFurtherThanAVersionOneStruct) {
  const std::size_t v1_size = offsetof(ardent_audit_options, seal_key);
  std::vector<unsigned char> memory(sizeof(ardent_audit_options) + 16, 0x7f);
  auto* opts = reinterpret_cast<ardent_audit_options*>(memory.data());
  ASSERT_EQ(ardent_audit_options_init(opts, 1), ARDENT_OK);
  EXPECT_EQ(opts->version, 1u);
  EXPECT_EQ(opts->batch_size, 512u);
  for (std::size_t i = v1_size; i < memory.size(); ++i) EXPECT_EQ(memory[i], 0x7f) << "byte " << i;
}

TEST_F(Store, BadAuditOptionsAndContextsAreRefused) {
  ardent_audit_options opts;
  ASSERT_EQ(ardent_audit_options_init(&opts, ARDENT_AUDIT_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(opts.synchronous, ARDENT_SYNC_NORMAL);
  EXPECT_EQ(opts.batch_size, 512u);
  EXPECT_EQ(opts.flush_interval_ms, 100u);
  EXPECT_EQ(ardent_audit_options_init(&opts, 99), ARDENT_EINVALID);
  EXPECT_EQ(ardent_audit_options_init(nullptr, ARDENT_AUDIT_OPTIONS_VERSION), ARDENT_EINVALID);

  fs::path log = dir_ / "audit.db";
  ardent_audit* raw = nullptr;
  ardent_audit_options bad = ARDENT_AUDIT_OPTIONS_INIT;
  bad.synchronous = 7;
  EXPECT_EQ(ardent_audit_open(&raw, log.string().c_str(), &bad), ARDENT_EINVALID);
  bad = ARDENT_AUDIT_OPTIONS_INIT;
  bad.batch_size = 0;
  EXPECT_EQ(ardent_audit_open(&raw, log.string().c_str(), &bad), ARDENT_EINVALID);
  bad = ARDENT_AUDIT_OPTIONS_INIT;
  bad.version = 0;
  EXPECT_EQ(ardent_audit_open(&raw, log.string().c_str(), &bad), ARDENT_EINVALID);
  EXPECT_EQ(raw, nullptr);
  // A directory cannot be an audit log.
  EXPECT_EQ(ardent_audit_open(&raw, dir_.string().c_str(), nullptr), ARDENT_ESTORAGE);
  EXPECT_EQ(raw, nullptr);

  ASSERT_EQ(ardent_audit_open(&raw, log.string().c_str(), nullptr), ARDENT_OK) << ardent_last_error()->message;
  Audit audit(raw);
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());

  const ardent_tag twice[] = {{"site", "a"}, {"site", "b"}};
  const ardent_tag null_key[] = {{nullptr, "a"}};
  ardent_audit_context contexts[5];
  for (auto& one : contexts) one = ardent_audit_context ARDENT_AUDIT_CONTEXT_INIT;
  contexts[0].version = 42;
  contexts[1].encounter_id = "bad \xc3(";
  contexts[2].tag_count = 2;
  contexts[2].tags = twice;
  contexts[3].tag_count = 1;
  contexts[3].tags = null_key;
  contexts[4].tag_count = 3;  // tags NULL
  for (const auto& context : contexts) {
    ardent_result* r = reinterpret_cast<ardent_result*>(&raw);
    EXPECT_EQ(ardent_evaluate_audited(&r, rs.get(), c.get(), &context, audit.get()), ARDENT_EINVALID);
    EXPECT_EQ(r, nullptr);
    EXPECT_STRNE(ardent_last_error()->message, "");
  }
  // A refused context leaves a reused result empty.
  Result reused = evaluate(rs.get(), c.get());
  EXPECT_EQ(ardent_evaluate_audited_into(reused.get(), rs.get(), c.get(), &contexts[0], audit.get()),
            ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_triage(reused.get()), ARDENT_EINVALID);
  ASSERT_EQ(ardent_audit_flush(audit.get()), ARDENT_OK);
  audit.reset();
  std::string lines;
  ASSERT_EQ(cli("audit query --json --db " + shell_quote(log), &lines), 0);
  EXPECT_EQ(lines, "");  // nothing refused was recorded
}

TEST_F(Store, NullArgumentsAreInvalid) {
  fs::path db = publish_small();
  fs::path log = dir_ / "audit.db";
  ardent_registry* reg = nullptr;
  EXPECT_EQ(ardent_registry_open(nullptr, db.string().c_str()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_registry_open(&reg, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(reg, nullptr);
  ASSERT_EQ(ardent_registry_open(&reg, db.string().c_str()), ARDENT_OK);
  Registry registry(reg);
  ardent_ruleset* rs = nullptr;
  EXPECT_EQ(ardent_ruleset_from_registry(nullptr, nullptr, reg, "small_hip@approved"), ARDENT_EINVALID);
  EXPECT_EQ(ardent_ruleset_from_registry(&rs, nullptr, nullptr, "small_hip@approved"), ARDENT_EINVALID);
  EXPECT_EQ(ardent_ruleset_from_registry(&rs, nullptr, reg, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(rs, nullptr);

  ardent_audit* audit_raw = nullptr;
  EXPECT_EQ(ardent_audit_open(nullptr, log.string().c_str(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_audit_open(&audit_raw, nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_audit_flush(nullptr), ARDENT_EINVALID);
  ASSERT_EQ(ardent_audit_open(&audit_raw, log.string().c_str(), nullptr), ARDENT_OK);
  Audit audit(audit_raw);

  Ruleset compiled = compile(small_rules());
  Case c = new_case(compiled.get());
  ardent_result* r = nullptr;
  EXPECT_EQ(ardent_evaluate_audited(nullptr, compiled.get(), c.get(), nullptr, audit_raw), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_audited(&r, nullptr, c.get(), nullptr, audit_raw), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_audited(&r, compiled.get(), nullptr, nullptr, audit_raw), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_audited(&r, compiled.get(), c.get(), nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_audited_into(nullptr, compiled.get(), c.get(), nullptr, audit_raw), ARDENT_EINVALID);
  EXPECT_EQ(r, nullptr);

  ardent_registry_free(nullptr);
  ardent_audit_free(nullptr);
}

// ---- signatures -----------------------------------------------------------------------------

Registry open_trusting(const fs::path& db, const std::vector<fs::path>& keys, int expected = ARDENT_OK) {
  std::vector<std::string> paths;
  for (const auto& k : keys) paths.push_back(k.string());
  std::vector<const char*> list;
  for (const auto& p : paths) list.push_back(p.c_str());
  ardent_registry_options opts = ARDENT_REGISTRY_OPTIONS_INIT;
  opts.trusted_keys = list.data();
  opts.trusted_key_count = list.size();
  ardent_registry* raw = nullptr;
  EXPECT_EQ(ardent_registry_open_v2(&raw, db.string().c_str(), &opts), expected) << ardent_last_error()->message;
  return Registry(raw);
}

int load(ardent_registry* registry, const char* spec) {
  ardent_ruleset* rs = nullptr;
  const int rc = ardent_ruleset_from_registry(&rs, nullptr, registry, spec);
  ardent_ruleset_free(rs);
  return rc;
}

TEST_F(Store, SignedApprovalLoadsOnlyWithATrustedKey) {
  const auto [key, pub] = key_pair("lead");
  const auto [other_key, other_pub] = key_pair("other");
  fs::path db = publish_signed(key);

  Registry trusting = open_trusting(db, {pub});
  EXPECT_EQ(ardent_registry_verifies_approvals(trusting.get()), 1);
  EXPECT_EQ(load(trusting.get(), "small_hip@approved"), ARDENT_OK) << ardent_last_error()->message;
  Registry both = open_trusting(db, {other_pub, pub});
  EXPECT_EQ(load(both.get(), "small_hip@1.2.3"), ARDENT_OK) << ardent_last_error()->message;

  Registry wrong = open_trusting(db, {other_pub});
  EXPECT_EQ(load(wrong.get(), "small_hip@approved"), ARDENT_ESTORAGE);
  EXPECT_NE(std::string(ardent_last_error()->message).find("small_hip@1.2.3 is refused: its approval is signed with key"),
            std::string::npos)
      << ardent_last_error()->message;

  // Without trusted keys: as before, and it says so.
  ardent_registry* raw = nullptr;
  ASSERT_EQ(ardent_registry_open(&raw, db.string().c_str()), ARDENT_OK);
  Registry plain(raw);
  EXPECT_EQ(ardent_registry_verifies_approvals(plain.get()), 0);
  EXPECT_EQ(load(plain.get(), "small_hip@approved"), ARDENT_OK);
  Registry no_keys = open_trusting(db, {});
  EXPECT_EQ(ardent_registry_verifies_approvals(no_keys.get()), 0);
  ASSERT_EQ(ardent_registry_open_v2(&raw, db.string().c_str(), nullptr), ARDENT_OK);
  Registry null_options(raw);
  EXPECT_EQ(ardent_registry_verifies_approvals(null_options.get()), 0);
  EXPECT_EQ(ardent_registry_verifies_approvals(nullptr), 0);
}

TEST_F(Store, UnsignedApprovalIsRefusedWithTrustedKeys) {
  const auto [key, pub] = key_pair("lead");
  fs::path db = publish_small();  // approved without a key
  Registry trusting = open_trusting(db, {pub});
  EXPECT_EQ(load(trusting.get(), "small_hip@approved"), ARDENT_ESTORAGE);
  EXPECT_NE(std::string(ardent_last_error()->message).find("is not signed"), std::string::npos)
      << ardent_last_error()->message;
}

TEST_F(Store, RegistryOptionsThatCannotBeUsed) {
  const auto [key, pub] = key_pair("lead");
  fs::path db = publish_signed(key);
  ardent_registry_options opts;
  ASSERT_EQ(ardent_registry_options_init(&opts, ARDENT_REGISTRY_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(opts.trusted_keys, nullptr);
  EXPECT_EQ(opts.trusted_key_count, 0u);
  EXPECT_EQ(ardent_registry_options_init(&opts, 2), ARDENT_EINVALID);
  EXPECT_EQ(ardent_registry_options_init(nullptr, 1), ARDENT_EINVALID);

  ardent_registry* raw = reinterpret_cast<ardent_registry*>(&opts);
  opts.version = 7;
  EXPECT_EQ(ardent_registry_open_v2(&raw, db.string().c_str(), &opts), ARDENT_EINVALID);
  EXPECT_EQ(raw, nullptr);
  opts = ardent_registry_options ARDENT_REGISTRY_OPTIONS_INIT;
  opts.trusted_key_count = 1;  // keys NULL
  EXPECT_EQ(ardent_registry_open_v2(&raw, db.string().c_str(), &opts), ARDENT_EINVALID);
  const char* with_null[] = {nullptr};
  opts.trusted_keys = with_null;
  EXPECT_EQ(ardent_registry_open_v2(&raw, db.string().c_str(), &opts), ARDENT_EINVALID);
  open_trusting(db, {dir_ / "none.pub.pem"}, ARDENT_ESTORAGE);  // cannot be read
  EXPECT_NE(std::string(ardent_last_error()->message).find("none.pub.pem"), std::string::npos);
  open_trusting(db, {key}, ARDENT_EINVALID);  // a private key
  EXPECT_NE(std::string(ardent_last_error()->message).find("holds a private key"), std::string::npos);
  EXPECT_EQ(ardent_registry_open_v2(nullptr, db.string().c_str(), nullptr), ARDENT_EINVALID);
}

TEST_F(Store, HostsCheckpointTheLogWithTheirKey) {
  const auto [key, pub] = key_pair("host");
  Ruleset rs = compile(small_rules());
  fs::path log = dir_ / "audit.db";
  ardent_audit* raw = nullptr;
  ASSERT_EQ(ardent_audit_open(&raw, log.string().c_str(), nullptr), ARDENT_OK) << ardent_last_error()->message;
  Audit audit(raw);
  Case c = overload_case(rs.get());
  int64_t covered = -1;
  ASSERT_EQ(ardent_audit_checkpoint(&covered, audit.get(), key.string().c_str()), ARDENT_OK) << ardent_last_error()->message;
  EXPECT_EQ(covered, 0);  // an empty log
  for (int i = 0; i < 3; ++i) {
    ardent_result* r = nullptr;
    ASSERT_EQ(ardent_evaluate_audited(&r, rs.get(), c.get(), nullptr, audit.get()), ARDENT_OK);
    ardent_result_free(r);
  }
  // Queued rows are committed first, so the checkpoint covers them.
  ASSERT_EQ(ardent_audit_checkpoint(&covered, audit.get(), key.string().c_str()), ARDENT_OK) << ardent_last_error()->message;
  EXPECT_EQ(covered, 3);
  std::string out;
  EXPECT_EQ(cli("audit verify --db " + shell_quote(log) + " --trust " + shell_quote(pub), &out), 0);
  EXPECT_NE(out.find("2 checkpoints, signatures verified"), std::string::npos) << out;

  EXPECT_EQ(ardent_audit_checkpoint(&covered, audit.get(), pub.string().c_str()), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("no Ed25519 private key"), std::string::npos);
  EXPECT_EQ(ardent_audit_checkpoint(&covered, audit.get(), (dir_ / "none.pem").string().c_str()), ARDENT_ESTORAGE);
  EXPECT_EQ(ardent_audit_checkpoint(nullptr, audit.get(), key.string().c_str()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_audit_checkpoint(&covered, nullptr, key.string().c_str()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_audit_checkpoint(&covered, audit.get(), nullptr), ARDENT_EINVALID);
}

TEST_F(Store, ASealedLogCoversEveryRowAndCatchesAForgedOne) {
  const auto [key, pub] = key_pair("host");
  Ruleset rs = compile(small_rules());
  fs::path log = dir_ / "audit.db";
  ardent_audit_options opts;
  ASSERT_EQ(ardent_audit_options_init(&opts, 2), ARDENT_OK);
  EXPECT_EQ(opts.seal_key, nullptr);
  const std::string key_path = key.string();
  opts.seal_key = key_path.c_str();
  opts.batch_size = 2;
  ardent_audit* raw = nullptr;
  ASSERT_EQ(ardent_audit_open(&raw, log.string().c_str(), &opts), ARDENT_OK) << ardent_last_error()->message;
  {
    Audit audit(raw);
    Case c = overload_case(rs.get());
    for (int i = 0; i < 5; ++i) {
      ardent_result* r = nullptr;
      ASSERT_EQ(ardent_evaluate_audited(&r, rs.get(), c.get(), nullptr, audit.get()), ARDENT_OK);
      ardent_result_free(r);
    }
    ASSERT_EQ(ardent_audit_flush(audit.get()), ARDENT_OK);
  }
  const std::string verify = "audit verify --sealed --db " + shell_quote(log) + " --trust " + shell_quote(pub);
  std::string out;
  EXPECT_EQ(cli(verify, &out), 0) << out;
  EXPECT_NE(out.find("covers row 5"), std::string::npos) << out;

  // A version 1 struct has no seal_key: that log is not sealed, and verify --sealed says so.
  ardent_audit_options v1;
  ASSERT_EQ(ardent_audit_options_init(&v1, 1), ARDENT_OK);
  ASSERT_EQ(ardent_audit_open(&raw, log.string().c_str(), &v1), ARDENT_OK) << ardent_last_error()->message;
  {
    Audit audit(raw);
    Case c = overload_case(rs.get());
    ardent_result* r = nullptr;
    ASSERT_EQ(ardent_evaluate_audited(&r, rs.get(), c.get(), nullptr, audit.get()), ARDENT_OK);
    ardent_result_free(r);
  }
  EXPECT_EQ(cli(verify), 1);  // tampering: row 6 comes after the latest checkpoint

  const std::string public_path = pub.string();
  opts.seal_key = public_path.c_str();
  EXPECT_EQ(ardent_audit_open(&raw, log.string().c_str(), &opts), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("no Ed25519 private key"), std::string::npos);
  EXPECT_EQ(raw, nullptr);
}

}  // namespace

#ifdef _WIN32
// The Windows build has no libcrypto (docs/windows.md): a trusted key is refused with a clear
// message, before any database is touched, rather than approvals going unverified.
TEST_F(Store, TrustedKeysAreRefusedWhereSignaturesAreUnsupported) {
  const fs::path pub = dir_ / "lead.pub.pem";
  std::FILE* f = std::fopen(pub.string().c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n", f);
  std::fclose(f);
  Registry refused = open_trusting(dir_ / "registry.db", {pub}, ARDENT_EINVALID);
  EXPECT_EQ(refused, nullptr);
  EXPECT_NE(std::string(ardent_last_error()->message).find("Ed25519 signatures are not supported by this build"),
            std::string::npos)
      << ardent_last_error()->message;
  EXPECT_FALSE(fs::exists(dir_ / "registry.db"));
}
#endif
