// A newly approved version served without dropping a request: Service::reload under load, and
// SIGHUP to the real `ardent serve`.
#include <atomic>
#include <csignal>
#include <fstream>
#include <regex>
#include <set>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/child_process.hpp"
#include "serve/support.hpp"

namespace ardent::test {
namespace {

// A copy of rules/hip whose version is `version`.
void copy_hip(const std::filesystem::path& to, const std::string& version) {
  std::filesystem::copy(std::filesystem::path(ARDENT_SOURCE_DIR) / "rules/hip", to,
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  const auto file = to / "findings.ard";
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  const std::string changed = std::regex_replace(text.str(), std::regex(R"(ruleset posterior_hip version "[^"]+")"),
                                                 "ruleset posterior_hip version \"" + version + "\"");
  std::ofstream(file, std::ios::trunc) << changed;
}

using Reload = ServiceTest;

TEST_F(Reload, UnderLoadNoRequestFails) {
  ScratchDir dir;
  copy_hip(dir.path() / "next", "9.0.0");
  auto compiled = compile_path(dir.path() / "next");
  ASSERT_TRUE(compiled.ok());
  const RulesetPtr next = compiled.ruleset;
  start();

  std::atomic<bool> done{false};
  std::atomic<int> failed{0}, answered{0};
  std::mutex seen_mutex;
  std::set<std::string> versions_seen;
  const std::string body = hook_request(red_flag_answers()).dump();
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t)
    clients.emplace_back([&] {
      httplib::Client c = client();
      while (!done) {
        auto res = c.Post("/cds-services/posterior-hip-patient-view", body, "application/json");
        if (!res || res->status != 200) {
          ++failed;
          continue;
        }
        ++answered;
        const std::string v = json::parse(res->body)["cards"][0]["extension"]["org.ardent.provenance"]["version"];
        std::lock_guard lock(seen_mutex);
        versions_seen.insert(v);
      }
    });
  for (int i = 0; i < 40; ++i) {
    service_->reload(i % 2 ? hip() : next);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  done = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(answered, 40);
  EXPECT_EQ(versions_seen, (std::set<std::string>{hip()->version(), "9.0.0"}));
}

TEST(ServeCommand, SighupServesTheNewVersionAndKeepsTheOldOnError) {
  ScratchDir dir;
  const auto rules = dir.path() / "hip";
  copy_hip(rules, "1.0.0");
  ChildProcess child({ARDENT_CLI, "serve", rules.string(), "--port", "0"});
  const std::string line = child.read_until("/cds-services\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(m[1]));
  auto version = [&] {
    auto res = client.Get("/cds-services");
    return res ? json::parse(res->body)["services"][0]["description"].get<std::string>() : std::string("no answer");
  };
  EXPECT_NE(version().find("posterior_hip 1.0.0"), std::string::npos);

  copy_hip(rules, "1.1.1");
  kill(child.pid(), SIGHUP);
  child.read_until("reloaded: posterior_hip 1.1.1");
  EXPECT_NE(version().find("posterior_hip 1.1.1"), std::string::npos);

  std::ofstream(rules / "broken.ard") << "rule nothing_here: when";
  kill(child.pid(), SIGHUP);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the failure goes to stderr, read at the end
  EXPECT_NE(version().find("posterior_hip 1.1.1"), std::string::npos);
  kill(child.pid(), SIGTERM);
  EXPECT_EQ(child.wait(), 0);
  EXPECT_NE(child.err().find("reload failed; still serving posterior_hip 1.1.1"), std::string::npos) << child.err();
}

}  // namespace
}  // namespace ardent::test
