// Kleene logic of and / or / not / at least over true, false and unknown (docs/language.md §12),
// table-driven. "?" rows run twice: once with the finding not asked, once given as unknown.
#include <gtest/gtest.h>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

enum V { f, t, u };
constexpr RuleState F = RuleState::not_fired, T = RuleState::fired, U = RuleState::undecided;

void set(Case& c, std::uint32_t slot, V v, bool explicit_unknown) {
  if (v == u) {
    if (explicit_unknown) c.set_unknown(slot);
    else c.unset(slot);
  } else {
    c.set_bool(slot, v == t);
  }
}

struct Fixture {
  ModelBuilder b;
  std::uint32_t x, y, z, w;
  std::uint32_t r_and, r_or, r_not, r_least2, r_and3, r_or_not;
  RulesetPtr rs;
  Fixture() {
    x = b.boolean("x");
    y = b.boolean("y");
    z = b.boolean("z");
    w = b.boolean("w");
    r_and = b.rule("r_and", And({B(x), B(y)})).index();
    r_or = b.rule("r_or", Or({B(x), B(y)})).index();
    r_not = b.rule("r_not", Not(B(x))).index();
    r_least2 = b.rule("r_least2", AtLeast(2, {B(x), B(y), B(z)})).index();
    r_and3 = b.rule("r_and3", And({B(x), And({B(y), B(z)})})).index();
    r_or_not = b.rule("r_or_not", Or({Not(B(x)), B(y)})).index();
    rs = b.ruleset();
  }
};

struct Binary {
  V a, b;
  RuleState and_, or_;
};

const Binary kBinary[] = {
    {f, f, F, F}, {f, t, F, T}, {f, u, F, U},  //
    {t, f, F, T}, {t, t, T, T}, {t, u, U, T},  //
    {u, f, F, U}, {u, t, U, T}, {u, u, U, U},
};

TEST(Logic, AndOrTruthTable) {
  Fixture fx;
  for (bool explicit_unknown : {false, true}) {
    for (const auto& row : kBinary) {
      Case c(fx.rs);
      set(c, fx.x, row.a, explicit_unknown);
      set(c, fx.y, row.b, explicit_unknown);
      Result r = evaluate(c);
      EXPECT_EQ(r.rule_state(fx.r_and), row.and_) << row.a << " and " << row.b;
      EXPECT_EQ(r.rule_state(fx.r_or), row.or_) << row.a << " or " << row.b;
    }
  }
}

TEST(Logic, NotTruthTable) {
  Fixture fx;
  const std::pair<V, RuleState> rows[] = {{f, T}, {t, F}, {u, U}};
  for (bool explicit_unknown : {false, true})
    for (auto [in, out] : rows) {
      Case c(fx.rs);
      set(c, fx.x, in, explicit_unknown);
      EXPECT_EQ(evaluate(c).rule_state(fx.r_not), out) << "not " << in;
    }
}

struct Ternary {
  V a, b, c;
  RuleState least2, and3;
};

const Ternary kTernary[] = {
    {t, t, t, T, T}, {t, t, f, T, F}, {t, t, u, T, U}, {t, f, f, F, F}, {t, f, u, U, F},
    {t, u, u, U, U}, {f, f, f, F, F}, {f, f, u, F, F}, {f, u, u, U, F}, {u, u, u, U, U},
    {f, t, t, T, F}, {u, t, t, T, U}, {u, f, f, F, F}, {u, t, f, U, F},
};

TEST(Logic, AtLeastTruthTable) {
  Fixture fx;
  for (bool explicit_unknown : {false, true})
    for (const auto& row : kTernary) {
      Case c(fx.rs);
      set(c, fx.x, row.a, explicit_unknown);
      set(c, fx.y, row.b, explicit_unknown);
      set(c, fx.z, row.c, explicit_unknown);
      Result r = evaluate(c);
      EXPECT_EQ(r.rule_state(fx.r_least2), row.least2) << row.a << row.b << row.c;
      EXPECT_EQ(r.rule_state(fx.r_and3), row.and3) << row.a << row.b << row.c;
    }
}

TEST(Logic, AtLeastEdgeCounts) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y");
  auto zero = b.rule("zero", AtLeast(0, {B(x), B(y)})).index();
  auto three = b.rule("three_of_two", AtLeast(3, {B(x), B(y)})).index();
  auto dup = b.rule("duplicates_count", AtLeast(2, {B(x), B(x)})).index();
  auto rs = b.ruleset();
  Case c(rs);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(zero), T);
  EXPECT_EQ(r.rule_state(three), F);
  EXPECT_EQ(r.rule_state(dup), U);
  c.set_bool(x, true);
  r = evaluate(c);
  EXPECT_EQ(r.rule_state(dup), T);
}

TEST(Logic, NotAskedAndUnknownStayDistinctInTheCase) {
  Fixture fx;
  Case c(fx.rs);
  c.set_unknown(fx.x);
  EXPECT_EQ(c.state(fx.x), FindingState::unknown);
  EXPECT_EQ(c.state(fx.y), FindingState::not_asked);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(fx.r_and), U);
}

TEST(Logic, KnownAndUnknownAreNeverUnknown) {
  ModelBuilder b;
  auto x = b.boolean("x");
  auto known = b.rule("known", Known(x)).index();
  auto unknown = b.rule("unknown", Unknown(x)).index();
  auto rs = b.ruleset();
  struct Row {
    int state;  // 0 not asked, 1 unknown, 2 yes, 3 no
    RuleState known, unknown;
  };
  const Row rows[] = {{0, F, T}, {1, F, T}, {2, T, F}, {3, T, F}};
  for (const auto& row : rows) {
    Case c(rs);
    if (row.state == 1) c.set_unknown(x);
    if (row.state == 2) c.set_bool(x, true);
    if (row.state == 3) c.set_bool(x, false);
    Result r = evaluate(c);
    EXPECT_EQ(r.rule_state(known), row.known) << row.state;
    EXPECT_EQ(r.rule_state(unknown), row.unknown) << row.state;
  }
}

TEST(Logic, EnumTests) {
  ModelBuilder b;
  auto peak = b.enumeration("peak", {"during", "hours_after", "day_after", "constant"});
  auto is_day = b.rule("is_day", In(peak, {2})).index();
  auto in_after = b.rule("in_after", In(peak, {1, 2})).index();
  auto rs = b.ruleset();
  struct Row {
    int value;  // -1 not asked
    RuleState is_day, in_after;
  };
  const Row rows[] = {{-1, U, U}, {0, F, F}, {1, F, T}, {2, T, T}, {3, F, F}};
  for (const auto& row : rows) {
    Case c(rs);
    if (row.value >= 0) c.set_enum(peak, static_cast<std::uint32_t>(row.value));
    Result r = evaluate(c);
    EXPECT_EQ(r.rule_state(is_day), row.is_day) << row.value;
    EXPECT_EQ(r.rule_state(in_after), row.in_after) << row.value;
  }
}

}  // namespace
}  // namespace ardent::test
