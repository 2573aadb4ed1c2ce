// The threading contract: one compiled rule set shared by many threads, a case and a result
// per thread, and a last error per thread. Run it under ThreadSanitizer too (-DARDENT_TSAN=ON).
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "fixture.hpp"
#include "sample.hpp"

using namespace capi_test;

namespace {

constexpr int kThreads = 8;
constexpr uint64_t kCasesPerThread = 100000;

std::vector<std::string> single_threaded(const ardent_ruleset* rs, uint64_t count) {
  auto shapes = shapes_of(rs);
  Case c = new_case(rs);
  ardent_result* raw = nullptr;
  EXPECT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result r(raw);
  std::vector<std::string> signatures;
  signatures.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    fill_random(c.get(), shapes, i);
    EXPECT_EQ(ardent_evaluate_into(r.get(), rs, c.get(), nullptr), ARDENT_OK);
    signatures.push_back(signature(r.get()));
  }
  return signatures;
}

}  // namespace

TEST(Threads, LastErrorIsPerThread) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  ardent_error_clear();
  std::atomic<int> ready{0};
  std::string seen_a, seen_b;
  int code_a = 0, code_b = 0;
  std::thread a([&] {
    Case c = new_case(rs.get());
    EXPECT_EQ(ardent_case_set_bool(c.get(), "no_such_finding", 1), ARDENT_ENOTFOUND);
    ready.fetch_add(1);
    while (ready.load() < 2) std::this_thread::yield();  // both threads have failed by now
    code_a = ardent_last_error()->code;
    seen_a = ardent_last_error()->finding;
  });
  std::thread b([&] {
    Case c = new_case(rs.get());
    EXPECT_EQ(ardent_case_set_number(c.get(), "pain_score", 99), ARDENT_ERANGE);
    ready.fetch_add(1);
    while (ready.load() < 2) std::this_thread::yield();
    code_b = ardent_last_error()->code;
    seen_b = ardent_last_error()->finding;
  });
  a.join();
  b.join();
  EXPECT_EQ(code_a, ARDENT_ENOTFOUND);
  EXPECT_EQ(seen_a, "no_such_finding");
  EXPECT_EQ(code_b, ARDENT_ERANGE);
  EXPECT_EQ(seen_b, "pain_score");
  EXPECT_EQ(ardent_last_error()->code, ARDENT_OK);  // the main thread saw neither failure
}

TEST(Threads, EightThreadsShareOneRuleSet) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  const std::vector<std::string> expected = single_threaded(rs.get(), kCasesPerThread);

  std::vector<uint64_t> mismatches(kThreads, 0), failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto shapes = shapes_of(rs.get());
      ardent_case* c = nullptr;
      ardent_result* r = nullptr;
      if (ardent_case_new(&c, rs.get()) != ARDENT_OK || ardent_result_new(&r) != ARDENT_OK) {
        ++failures[t];
        return;
      }
      // Each thread walks the cases in its own order so that they are not in lockstep.
      for (uint64_t n = 0; n < kCasesPerThread; ++n) {
        uint64_t i = (n * 7919 + static_cast<uint64_t>(t) * 104729) % kCasesPerThread;
        fill_random(c, shapes, i);
        if (ardent_evaluate_into(r, rs.get(), c, nullptr) != ARDENT_OK) {
          ++failures[t];
          continue;
        }
        if (signature(r) != expected[i]) ++mismatches[t];
      }
      ardent_result_free(r);
      ardent_case_free(c);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], 0u) << "thread " << t;
    EXPECT_EQ(mismatches[t], 0u) << "thread " << t;
  }
}

TEST(Threads, BatchEqualsOneByOne) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  constexpr size_t kCases = 2000;
  const std::vector<std::string> expected = single_threaded(rs.get(), kCases);
  auto shapes = shapes_of(rs.get());
  std::vector<Case> owners;
  std::vector<const ardent_case*> cases;
  for (size_t i = 0; i < kCases; ++i) {
    owners.push_back(new_case(rs.get()));
    fill_random(owners.back().get(), shapes, i);
    cases.push_back(owners.back().get());
  }
  for (unsigned threads : {1u, 2u, 0u, 7u}) {
    std::vector<ardent_result*> out(kCases, nullptr);
    ASSERT_EQ(ardent_evaluate_batch(out.data(), rs.get(), cases.data(), kCases, threads, nullptr), ARDENT_OK)
        << ardent_last_error()->message;
    size_t mismatches = 0;
    for (size_t i = 0; i < kCases; ++i) {
      if (signature(out[i]) != expected[i]) ++mismatches;
    }
    EXPECT_EQ(mismatches, 0u) << threads << " threads";
    // Evaluating again into the same results reuses them.
    std::vector<ardent_result*> again = out;
    ASSERT_EQ(ardent_evaluate_batch(again.data(), rs.get(), cases.data(), kCases, threads, nullptr), ARDENT_OK);
    EXPECT_EQ(again, out);
    EXPECT_EQ(signature(again[kCases - 1]), expected[kCases - 1]);
    for (ardent_result* r : out) ardent_result_free(r);
  }
}

TEST(Threads, BatchHonoursOptions) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  // A fever and a long history start rules whose questions are worth asking.
  ASSERT_EQ(ardent_case_set_json(c.get(), R"({"fever": true, "symptom_duration": "7 weeks"})", ARDENT_NUL_TERMINATED),
            ARDENT_OK);
  const ardent_case* cases[1] = {c.get()};
  ardent_result* out[1] = {nullptr};
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.max_ask = 1;
  ASSERT_EQ(ardent_evaluate_batch(out, rs.get(), cases, 1, 1, &opts), ARDENT_OK);
  Result owner(out[0]);
  EXPECT_EQ(ardent_result_ask_count(out[0]), 1u);
}
