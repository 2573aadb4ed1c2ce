// A reused Result allocates nothing: counted by replacing the global operator new
// in this test binary.
// GCC cannot see that the replaced operator new below allocates with malloc, and warns that
// operator delete frees what new returned.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

#include "compile/ruleset_access.hpp"
#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace ardent::test {
namespace {

struct Counter {
  Counter() {
    allocations = 0;
    counting = true;
  }
  ~Counter() { counting = false; }
  long count() const { return allocations.load(); }
};

RulesetPtr rich_ruleset(std::uint32_t mask_words) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y"), z = b.boolean("z");
  auto e = b.enumeration("e", {"p", "q", "r"});
  auto a = b.number("a", 0, 100), d = b.number("d", 0, 100);
  auto c0 = b.condition("c0", "C0", {"advice"}), c1 = b.condition("c1");
  auto s = b.score("s", {{2, B(x)}, {1, B(y)}});
  auto def = b.define("ratio", Arith(ArithOp::Div, Num(a), Num(d)));
  b.rule("r0", And({B(x), In(e, {1, 2})})).suggest(c0).triage(Triage::routine).advise("go");
  b.rule("r1", AtLeast(2, {B(x), B(y), B(z)})).consider(c1).ask(z);
  b.rule("r2", Cmp(CmpOp::Ge, ScoreRef(s), K(3))).exclude(c1);
  b.rule("r3", Cmp(CmpOp::Gt, NumDef(def), K(2))).triage(Triage::urgent);
  b.redflag("rf", And({B(z), Not(B(y))})).triage(Triage::emergency).advise("now");
  return internal::RulesetAccess::make(compile::compile(b.model_copy(), "h", mask_words));
}

TEST(Reuse, EvaluatingAgainAllocatesNothing) {
  for (std::uint32_t words : {4u, 0u}) {  // bit sets and the general walk
    auto rs = rich_ruleset(words);
    Case empty(rs), partial(rs), full(rs);
    partial.set_bool("x", true);
    partial.set_enum("e", "q");
    full.set_bool("x", true);
    full.set_bool("y", false);
    full.set_bool("z", true);
    full.set_enum("e", "r");
    full.set_number("a", 10);
    full.set_number("d", 0);  // division by zero: a warning, still no allocation
    Result r;
    evaluate(empty, r);
    (void)r.ask_next();
    Counter counter;
    for (int i = 0; i < 50; ++i) {
      for (const Case* c : {&empty, &partial, &full}) {
        evaluate(*c, r);
        (void)r.ask_next();
        (void)r.undecided();
      }
    }
    EXPECT_EQ(counter.count(), 0) << "mask words " << words;
    EXPECT_FALSE(r.warnings().empty());
  }
}

// A Result moved from, or moved onto, is evaluated into again as a new one would be.
TEST(Reuse, AMovedFromResultEvaluatesAgain) {
  auto rs = rich_ruleset(4);
  Case first(rs), second(rs);
  first.set_bool("x", true);
  second.set_bool("z", true);
  second.set_bool("y", false);
  Result a, b, want;
  evaluate(first, a);
  evaluate(first, b);
  a = std::move(b);
  evaluate(second, b);
  evaluate(second, want);
  ASSERT_EQ(b.rule_states().size(), want.rule_states().size());
  EXPECT_TRUE(std::equal(b.rule_states().begin(), b.rule_states().end(), want.rule_states().begin()));
  EXPECT_EQ(b.triage(), Triage::emergency);
  evaluate(second, a);
  EXPECT_EQ(a.triage(), Triage::emergency);
  Result c(std::move(a));
  evaluate(first, a);
  Result want_first;
  evaluate(first, want_first);
  ASSERT_EQ(a.rule_states().size(), want_first.rule_states().size());
  EXPECT_TRUE(std::equal(a.rule_states().begin(), a.rule_states().end(), want_first.rule_states().begin()));
  EXPECT_EQ(a.triage(), want_first.triage());
  EXPECT_EQ(c.triage(), Triage::emergency);
}

TEST(Reuse, TheCounterWorks) {
  Counter counter;
  // Stored through a volatile pointer: the optimiser may otherwise elide the new/delete pair.
  int* volatile p = new int(3);
  delete p;
  EXPECT_EQ(counter.count(), 1);
}

}  // namespace
}  // namespace ardent::test
