// ardent_evaluate_into() allocates nothing once the result has been used with the rule set,
// and neither do the by-index setters nor the result's accessors. The test counts calls of
// malloc, calloc and realloc: the self-contained libardent.so has its own hidden operator new,
// which no replacement here can reach, but it allocates through libc's malloc, which an
// executable's definition interposes. Under a sanitizer, whose runtime owns malloc, the library
// uses the shared C++ runtime (ARDENT_SELF_CONTAINED is off) and the replaced operator new below
// serves it instead.
// GCC cannot see that the replaced operator new below allocates with malloc, and warns that
// operator delete frees what new returned.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "fixture.hpp"
#include "sample.hpp"

namespace {
std::atomic<long> allocations{0};

void* counted(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
// glibc's own entry points, which its malloc family forwards to.
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* malloc(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t n, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
}
#endif

void* operator new(std::size_t size) { return counted(size); }
void* operator new[](std::size_t size) { return counted(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace capi_test;

TEST(Allocation, ReevaluatingAllocatesNothing) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  auto shapes = shapes_of(rs.get());
  Case c = new_case(rs.get());
  ardent_result* raw = nullptr;
  long at_start = allocations.load();
  ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result r(raw);
  // The counter sees the library's allocations (else this test would prove nothing).
  ASSERT_GT(allocations.load(), at_start);

  // Reads everything a typical embedder reads after an evaluation.
  auto read = [&](ardent_result* result) {
    long sum = ardent_result_triage(result);
    for (size_t i = 0; i < ardent_result_redflag_count(result); ++i) {
      ardent_redflag rf = ARDENT_REDFLAG_INIT;
      sum += ardent_result_get_redflag(&rf, result, i);
    }
    for (size_t i = 0; i < ardent_result_condition_count(result); ++i) {
      ardent_conclusion k = ARDENT_CONCLUSION_INIT;
      sum += ardent_result_get_condition(&k, result, i);
    }
    for (size_t i = 0; i < ardent_result_ask_count(result); ++i) {
      ardent_ask a = ARDENT_ASK_INIT;
      sum += ardent_result_get_ask(&a, result, i);
    }
    return sum;
  };

  // Warm up on a spread of cases so that every buffer reaches its working size.
  for (uint64_t i = 0; i < 200; ++i) {
    fill_random(c.get(), shapes, i);
    ASSERT_EQ(ardent_evaluate_into(r.get(), rs.get(), c.get(), nullptr), ARDENT_OK);
    read(r.get());
  }
  long before = allocations.load();
  for (int round = 0; round < 3; ++round) {
    for (uint64_t i = 0; i < 200; ++i) {
      ASSERT_EQ(ardent_case_clear(c.get()), ARDENT_OK);
      // The typed setters by index, as an EHR's hot path uses them.
      ASSERT_EQ(ardent_case_set_bool_at(c.get(), 0, static_cast<int>(i % 2)), ARDENT_OK);
      ASSERT_EQ(ardent_case_set_enum_index_at(c.get(), 5, static_cast<uint32_t>(i % 4)), ARDENT_OK);
      ASSERT_EQ(ardent_case_set_number_at(c.get(), 6, static_cast<double>(i % 11)), ARDENT_OK);
      ASSERT_EQ(ardent_case_set_duration_at(c.get(), 8, static_cast<double>(i), ARDENT_DAYS), ARDENT_OK);
      ASSERT_EQ(ardent_evaluate_into(r.get(), rs.get(), c.get(), nullptr), ARDENT_OK);
      read(r.get());
    }
  }
  EXPECT_EQ(allocations.load() - before, 0) << "allocations while re-evaluating";
}

// A stream keeps one case and one result for each place in its window and reuses them: what it
// allocates depends on the window, not on how many cases pass through.
TEST(Allocation, AStreamAllocatesForItsWindowNotForItsCases) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  struct Source {
    std::vector<FindingShape> shapes;
    uint64_t count;
  };
  auto source = [](void* ctx, ardent_case* kase, uint64_t index) -> int {
    auto* s = static_cast<Source*>(ctx);
    if (index == s->count) return 0;
    fill_random(kase, s->shapes, index % 256);
    return 1;
  };
  auto sink = [](void*, const ardent_result* r, uint64_t) -> int { return ardent_result_triage(r) < 0; };
  auto allocations_of = [&](uint64_t count) {
    Source s{shapes_of(rs.get()), count};
    ardent_stream_options opts = ARDENT_STREAM_OPTIONS_INIT;
    opts.threads = 2;
    opts.window = 8;
    const long before = allocations.load();
    EXPECT_EQ(ardent_evaluate_stream(rs.get(), source, sink, &s, &opts), ARDENT_OK);
    return allocations.load() - before;
  };
  const long few = allocations_of(1000);
  const long many = allocations_of(20000);
  ASSERT_GT(few, 0) << "the counter sees the library's allocations";
  EXPECT_LT(many - few, 100) << few << " allocations for 1,000 cases, " << many << " for 20,000";
}
