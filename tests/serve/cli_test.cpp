// `ardent serve` as an operator runs it: the real binary on port 0, its one line saying where it
// listens, a hook call over HTTP, and SIGTERM: requests finished, the audit log closed, exit 0.
#include <csignal>
#include <cstdlib>
#include <regex>

#include "cli/child_process.hpp"
#include "ardent/store.hpp"
#include "serve/support.hpp"

namespace ardent::test {
namespace {

TEST(ServeCommand, ListensAnswersAndStopsCleanlyOnSigterm) {
  ScratchDir dir;
  const auto audit = dir.path() / "audit.db";
  ChildProcess child({ARDENT_CLI, "serve", std::string(ARDENT_SOURCE_DIR) + "/rules/hip", "--port", "0", "--audit",
                      audit.string()});
  const std::string line = child.read_until("/cds-services\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(posterior_hip \S+ listening on http://127\.0\.0\.1:(\d+)/cds-services)")))
      << line;
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  auto res = client.Post("/cds-services/posterior-hip-patient-view", hook_request(red_flag_answers()).dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;

  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0) << child.err();
  const auto rows = store::query_audit(audit);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].triage, "emergency");
  EXPECT_TRUE(store::verify_audit(audit).ok());
}

TEST(ServeCommand, RefusesWhatItCannotServe) {
  ChildProcess missing({ARDENT_CLI, "serve", "no/such/rules", "--port", "0"});
  EXPECT_EQ(missing.wait(), 2);
  EXPECT_NE(missing.err().find("cannot open rule set"), std::string::npos) << missing.err();
  ChildProcess bad_port({ARDENT_CLI, "serve", std::string(ARDENT_SOURCE_DIR) + "/rules/hip", "--port", "70000"});
  EXPECT_EQ(bad_port.wait(), 2);
  const std::string hip = std::string(ARDENT_SOURCE_DIR) + "/rules/hip";
  ChildProcess half({ARDENT_CLI, "serve", hip, "--port", "0", "--issuers", "issuers.json"});
  EXPECT_EQ(half.wait(), 2);
  EXPECT_NE(half.err().find("--issuers and --audience go together"), std::string::npos) << half.err();
  ChildProcess no_file({ARDENT_CLI, "serve", hip, "--port", "0", "--issuers", "no/such/issuers.json", "--audience",
                        "https://cds.example.org"});
  EXPECT_EQ(no_file.wait(), 2);
  EXPECT_NE(no_file.err().find("issuers.json"), std::string::npos) << no_file.err();
}

}  // namespace
}  // namespace ardent::test

namespace ardent::test {
namespace {

// The approved version from a registry, and --trust refusing one whose approval is not signed.
TEST(ServeCommand, ServesTheApprovedVersionOfARegistry) {
  ScratchDir dir;
  const std::string db = (dir.path() / "registry.db").string();
  ChildProcess publish({ARDENT_CLI, "publish", std::string(ARDENT_SOURCE_DIR) + "/rules/hip", "--db", db, "--status",
                        "approved", "--author", "alice"});
  ASSERT_EQ(publish.wait(std::chrono::minutes(5)), 0) << publish.out() << publish.err();

  ChildProcess child({ARDENT_CLI, "serve", "db:" + db + ":posterior_hip@approved", "--port", "0"});
  const std::string line = child.read_until("/cds-services\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(posterior_hip \S+ listening on http://127\.0\.0\.1:(\d+)/)")))
      << line;
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  auto res = client.Get("/cds-services");
  ASSERT_TRUE(res);
  EXPECT_NE(res->body.find(hip()->hash()), std::string::npos) << "the stored sources are the same rule set";
  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0);
  EXPECT_NE(child.err().find("not verified"), std::string::npos) << child.err();

  const std::string key = (dir.path() / "key.pem").string(), pub = (dir.path() / "pub.pem").string();
  ASSERT_EQ(std::system(("openssl genpkey -algorithm ed25519 -out '" + key + "' && openssl pkey -in '" + key +
                         "' -pubout -out '" + pub + "'").c_str()),
            0);
  ChildProcess untrusted({ARDENT_CLI, "serve", "db:" + db + ":posterior_hip@approved", "--trust", pub, "--port", "0"});
  EXPECT_NE(untrusted.wait(), 0) << "an unsigned approval is not served under --trust";
  EXPECT_EQ(untrusted.out().find("listening"), std::string::npos);
}

}  // namespace
}  // namespace ardent::test
