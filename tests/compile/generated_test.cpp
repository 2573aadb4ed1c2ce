// The benchmarks' generated 10,000-rule set (tests/bench/generated_ruleset.hpp) compiles into
// a correct Program: its tables have the generator's sizes and sampled rules decide as their
// conditions say. What makes compiling it fast must not change what it compiles to.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ardent/ardent.hpp"
#include "bench/generated_ruleset.hpp"

namespace ardent::test {
namespace {

constexpr int kRules = 10000;
constexpr int kBools = kRules * 2;  // the generator's bool findings for this many rules

const RulesetPtr& generated() {
  static const RulesetPtr rs = [] {
    Limits limits;
    limits.max_file_bytes = limits.max_ruleset_bytes;  // one file of about 3 MB
    CompileOutput out = compile_source(bench::generated_ruleset(kRules), "generated.ard", limits);
    EXPECT_TRUE(out.ok()) << format(out.diagnostics);
    return out.ruleset;
  }();
  return rs;
}

std::string f(int i) { return "f" + std::to_string(i); }

TEST(GeneratedRuleset, TablesHaveTheGeneratorsSizes) {
  const RulesetPtr& rs = generated();
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->rules().size(), static_cast<std::size_t>(kRules));
  EXPECT_EQ(std::count_if(rs->rules().begin(), rs->rules().end(), [](const RuleInfo& r) { return r.redflag; }),
            kRules / 10);
  EXPECT_EQ(rs->findings().size(), static_cast<std::size_t>(5 + kBools));
  EXPECT_EQ(rs->conditions().size(), static_cast<std::size_t>(kRules / 4 + 1));
  EXPECT_EQ(rs->defines().size(), static_cast<std::size_t>(kRules / 10 + 1));
  EXPECT_EQ(rs->scores().size(), static_cast<std::size_t>(kRules / 20 + 1));
  EXPECT_EQ(rs->rules()[5000].name, "r5000");
  EXPECT_EQ(rs->rules()[9999].name, "rf9999");
  EXPECT_EQ(rs->rules()[5000].location.line, rs->rules()[4999].location.line + 4);  // four lines a rule
  EXPECT_EQ(rs->rules()[5000].source,
            "rule r5000 priority 2\n  label \"Rule 5000\"\n  when f10000 and (f10013 or not f10026) and age >= 20\n"
            "  then suggest c2499, triage urgent");
}

// r5000: `f10000 and (f10013 or not f10026) and age >= 20`.
TEST(GeneratedRuleset, SampledRuleDecidesAsItsConditionSays) {
  const RulesetPtr& rs = generated();
  ASSERT_TRUE(rs);
  Case c(rs);
  EXPECT_EQ(evaluate(c).rule_state(5000), RuleState::undecided);
  c.set_bool(f(10000), true);
  c.set_bool(f(10013), true);
  c.set_number("age", 25);
  EXPECT_EQ(evaluate(c).rule_state(5000), RuleState::fired);
  c.set_number("age", 15);
  EXPECT_EQ(evaluate(c).rule_state(5000), RuleState::not_fired);
  c.set_number("age", 25);
  c.set_bool(f(10013), false);
  c.set_bool(f(10026), true);
  EXPECT_EQ(evaluate(c).rule_state(5000), RuleState::not_fired);
}

// rf9999: `s480 >= 3 and onset is sudden or f19998 and f11`, triage emergency.
TEST(GeneratedRuleset, SampledRedFlagFiresWithItsTriage) {
  const RulesetPtr& rs = generated();
  ASSERT_TRUE(rs);
  Case c(rs);
  c.set_bool(f(19998), true);
  c.set_bool(f(11), true);
  Result r = evaluate(c);
  EXPECT_EQ(r.rule_state(9999), RuleState::fired);
  ASSERT_FALSE(r.red_flags().empty());
  EXPECT_EQ(r.red_flags()[0], 9999u);
  EXPECT_EQ(r.triage(), Triage::emergency);
}

}  // namespace
}  // namespace ardent::test
