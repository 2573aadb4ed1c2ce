// `ardent serve` as an operator runs it: the real binary on port 0, its one line saying where it
// listens, a hook call over HTTP, and SIGTERM: requests finished, the audit log closed, exit 0.
#include <csignal>
#include <regex>

#include "cli/child_process.hpp"
#include "ardent/store.hpp"
#include "serve/support.hpp"

namespace ardent::test {
namespace {

TEST(ServeCommand, ListensAnswersAndStopsCleanlyOnSigterm) {
  TempDir dir;
  const auto audit = dir.path / "audit.db";
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
}

}  // namespace
}  // namespace ardent::test
