// ardent_evaluate_stream(): the results of a stream equal one-by-one evaluation, arrive in input
// order on the calling thread, and a callback can stop the stream with its own code. Also run
// under ThreadSanitizer (scripts/test.sh --tsan runs Stream.*).
#include <string>
#include <thread>
#include <vector>

#include "fixture.hpp"
#include "sample.hpp"

using namespace capi_test;

namespace {

// A stream of `count` random cases that records what its sink receives.
struct Recorder {
  Recorder(const ardent_ruleset* rules, uint64_t n) : shapes(shapes_of(rules)), count(n) {}

  std::vector<FindingShape> shapes;
  uint64_t count = 0;
  std::vector<std::string> seen;
  std::vector<uint64_t> order;
  std::thread::id caller = std::this_thread::get_id();
  bool off_thread = false;
  uint64_t stop_at = UINT64_MAX;  // the sink returns `stop_code` for this index
  int stop_code = 0;
  uint64_t fail_at = UINT64_MAX;  // the source makes a setter fail for this index

  static int source(void* ctx, ardent_case* kase, uint64_t index) {
    auto* self = static_cast<Recorder*>(ctx);
    if (std::this_thread::get_id() != self->caller) self->off_thread = true;
    if (index == self->count) return 0;
    if (index == self->fail_at) return ardent_case_set_number_at(kase, 0, 1.0);  // a bool: ARDENT_ETYPE
    fill_random(kase, self->shapes, index);
    return 1;
  }
  static int sink(void* ctx, const ardent_result* result, uint64_t index) {
    auto* self = static_cast<Recorder*>(ctx);
    if (std::this_thread::get_id() != self->caller) self->off_thread = true;
    self->order.push_back(index);
    self->seen.push_back(signature(result));
    return index == self->stop_at ? self->stop_code : 0;
  }
};

std::vector<std::string> one_by_one(const ardent_ruleset* rs, uint64_t count) {
  auto shapes = shapes_of(rs);
  Case c = new_case(rs);
  std::vector<std::string> out;
  for (uint64_t i = 0; i < count; ++i) {
    fill_random(c.get(), shapes, i);
    out.push_back(signature(evaluate(rs, c.get()).get()));
  }
  return out;
}

}  // namespace

TEST(Stream, EqualsOneByOneInInputOrder) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  constexpr uint64_t kCases = 3000;
  const std::vector<std::string> expected = one_by_one(rs.get(), kCases);
  struct Shape {
    unsigned threads;
    size_t window;
  };
  for (Shape shape : {Shape{1, 1}, Shape{1, 0}, Shape{2, 1}, Shape{2, 3}, Shape{0, 0}, Shape{7, 16}}) {
    Recorder rec(rs.get(), kCases);
    ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
    opts.threads = shape.threads;
    opts.window = shape.window;
    ASSERT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, Recorder::sink, &rec, &opts), ARDENT_OK)
        << ardent_last_error()->message;
    ASSERT_EQ(rec.seen.size(), kCases);
    size_t mismatches = 0, out_of_order = 0;
    for (uint64_t i = 0; i < kCases; ++i) {
      if (rec.seen[i] != expected[i]) ++mismatches;
      if (rec.order[i] != i) ++out_of_order;
    }
    EXPECT_EQ(mismatches, 0u) << shape.threads << " threads, window " << shape.window;
    EXPECT_EQ(out_of_order, 0u) << shape.threads << " threads, window " << shape.window;
    EXPECT_FALSE(rec.off_thread) << "callbacks run on the calling thread only";
  }
}

TEST(Stream, AnEmptySourceDeliversNothing) {
  Ruleset rs = compile(small_rules());
  Recorder rec(rs.get(), 0);
  EXPECT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, Recorder::sink, &rec, nullptr), ARDENT_OK);
  EXPECT_TRUE(rec.seen.empty());
}

TEST(Stream, TheSinkStopsItWithItsOwnCode) {
  Ruleset rs = compile(small_rules());
  for (unsigned threads : {1u, 3u}) {
    Recorder rec(rs.get(), 500);
    rec.stop_at = 41;
    rec.stop_code = 7;
    ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
    opts.threads = threads;
    opts.window = 8;
    EXPECT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, Recorder::sink, &rec, &opts), 7);
    EXPECT_EQ(ardent_last_error()->code, 7);
    EXPECT_NE(std::string(ardent_last_error()->message).find("stopped by its result sink"), std::string::npos)
        << ardent_last_error()->message;
    EXPECT_EQ(rec.seen.size(), 42u) << "nothing is delivered after the stop";
  }
}

TEST(Stream, ASetterThatFailsInTheSourceKeepsItsError) {
  Ruleset rs = compile(small_rules());
  ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
  ASSERT_EQ(ardent_finding_get(&f, rs.get(), 0), ARDENT_OK);
  ASSERT_EQ(f.type, ARDENT_FINDING_BOOL) << "the test sets a number on finding 0";
  Recorder rec(rs.get(), 500);
  rec.fail_at = 100;
  ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
  opts.threads = 2;
  opts.window = 4;
  EXPECT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, Recorder::sink, &rec, &opts), ARDENT_ETYPE);
  EXPECT_EQ(ardent_last_error()->code, ARDENT_ETYPE);
  EXPECT_NE(std::string(ardent_last_error()->finding), "") << "the setter's own error, naming its finding";
  EXPECT_LE(rec.seen.size(), 100u);
  for (size_t i = 0; i < rec.order.size(); ++i) EXPECT_EQ(rec.order[i], i);
}

TEST(Stream, HonoursMaxAsk) {
  Ruleset rs = compile(small_rules());
  struct Ctx {
    size_t asks = 0;
  } ctx;
  auto source = [](void*, ardent_case* kase, uint64_t index) -> int {
    if (index == 1) return 0;
    int rc = ardent_case_set_json(kase, R"({"fever": true, "symptom_duration": "7 weeks"})", ARDENT_NUL_TERMINATED);
    return rc == ARDENT_OK ? 1 : rc;
  };
  auto sink = [](void* c, const ardent_result* r, uint64_t) -> int {
    static_cast<Ctx*>(c)->asks = ardent_result_ask_count(r);
    return 0;
  };
  ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
  ASSERT_EQ(ardent_evaluate_stream(rs.get(), source, sink, &ctx, &opts), ARDENT_OK);
  ASSERT_GT(ctx.asks, 1u) << "the case must have more than one question for the test to mean anything";
  opts.max_ask = 1;
  ASSERT_EQ(ardent_evaluate_stream(rs.get(), source, sink, &ctx, &opts), ARDENT_OK);
  EXPECT_EQ(ctx.asks, 1u);
}

TEST(Stream, RefusesNullsAndUnknownOptions) {
  Ruleset rs = compile(small_rules());
  Recorder rec(rs.get(), 3);
  EXPECT_EQ(ardent_evaluate_stream(nullptr, Recorder::source, Recorder::sink, &rec, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_stream(rs.get(), nullptr, Recorder::sink, &rec, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, nullptr, &rec, nullptr), ARDENT_EINVALID);
  ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
  opts.version = 99;
  EXPECT_EQ(ardent_evaluate_stream(rs.get(), Recorder::source, Recorder::sink, &rec, &opts), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("ardent_stream_options"), std::string::npos);
  EXPECT_TRUE(rec.seen.empty());
  ardent_stream_options init;
  EXPECT_EQ(ardent_stream_options_init(&init, ARDENT_STREAM_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(init.window, 0u);
  EXPECT_EQ(ardent_stream_options_init(&init, 0), ARDENT_EINVALID);
}
