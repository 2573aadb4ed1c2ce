// The step pass and the interview's planning by steps (only what the findings changed since the
// result's last evaluation, or its last plan, reach) against a fresh result's full pass: random
// walks that change one to three findings at a time, as an interview does, now and then a whole
// new case, on rules/hip, the conformance rule sets, generated rule sets and a rule set of edge
// cases. Node values, rule states, warnings, the planning's per-node arrays, the undecided rules,
// the ranked questions and the JSON all agree, whether the questions are read after every
// evaluation or only after some.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "bench/generated_ruleset.hpp"
#include "eval/case_access.hpp"
#include "eval/pass_equivalence.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

// One finding changed at random: a new value, unknown, or back to not asked.
void change_one(Case& c, std::mt19937& rng) {
  const auto findings = c.ruleset().findings();
  if (findings.empty()) return;
  const auto slot = static_cast<std::uint32_t>(rng() % findings.size());
  const unsigned roll = rng() % 10;
  if (roll == 0) return c.unset(slot);
  if (roll == 1) return c.set_unknown(slot);
  const FindingInfo& f = findings[slot];
  std::uniform_real_distribution<double> unit(0, 1);
  switch (f.type) {
    case FindingType::boolean: c.set_bool(slot, unit(rng) < 0.5); break;
    case FindingType::enumeration: c.set_enum(slot, static_cast<std::uint32_t>(rng() % f.values.size())); break;
    case FindingType::number: {
      const double lo = std::isnan(f.min) ? -20 : f.min, hi = std::isnan(f.max) ? 200 : f.max;
      c.set_number(slot, std::clamp(std::round(lo + (hi - lo) * unit(rng)), lo, hi));
      break;
    }
    case FindingType::duration: c.set_duration(slot, std::floor(unit(rng) * 100), DurationUnit::days); break;
  }
}

// What the interview reads, planned by steps in `got` and afresh in `want`.
void expect_same_plan(const Result& want, const Result& got, const std::string& where) {
  const auto& a = ResultWriter::scratch(want);
  const auto& b = ResultWriter::scratch(got);
  ASSERT_EQ(want.ask_next().size(), got.ask_next().size()) << where;
  for (std::size_t i = 0; i < want.ask_next().size(); ++i) {
    const AskItem &x = want.ask_next()[i], &y = got.ask_next()[i];
    ASSERT_EQ(x.finding, y.finding) << where << ", question " << i;
    ASSERT_EQ(x.reason, y.reason) << where << ", question " << i;
    ASSERT_TRUE(std::ranges::equal(want.could_decide(x), got.could_decide(y))) << where << ", question " << i;
  }
  ASSERT_EQ(want.undecided().size(), got.undecided().size()) << where;
  for (std::size_t i = 0; i < want.undecided().size(); ++i) {
    const UndecidedRule &x = want.undecided()[i], &y = got.undecided()[i];
    ASSERT_EQ(x.rule, y.rule) << where;
    ASSERT_EQ(x.standing, y.standing) << where << ", rule " << x.rule;
    ASSERT_TRUE(std::ranges::equal(want.missing(x), got.missing(y))) << where << ", rule " << x.rule;
  }
  ASSERT_EQ(want.complete(), got.complete()) << where;
  // Every node's entry is written by both (the bit sets of decided nodes are never read).
  ASSERT_EQ(a.part, b.part) << where;
  ASSERT_EQ(a.num_part, b.num_part) << where;
  ASSERT_EQ(a.distance, b.distance) << where;
  ASSERT_EQ(a.width, b.width) << where;
}

// `steps` steps of a random walk. `automatic` and `forced` are reused across the walk (the
// automatic choice, and the step pass whatever the change); `sparse_reads` reads the questions
// only now and then, so that its plans span several evaluations.
void walk(const RulesetPtr& rs, int steps, double given_share, std::uint32_t seed, const std::string& name) {
  ASSERT_TRUE(rs) << name << " does not compile";
  std::mt19937 rng(seed);
  Case c = random_case(rs, rng, given_share);
  Result automatic, forced, sparse_reads, rows;
  for (int n = 0; n < steps; ++n) {
    if (n % 97 == 96) c = random_case(rs, rng, given_share);  // another patient
    else
      for (unsigned k = 1 + rng() % 3; k; --k) change_one(c, rng);
    const std::string where = name + " step " + std::to_string(n);
    Result full;
    evaluate_with(c, full, NodePass::full);
    evaluate_with(c, automatic, NodePass::automatic);
    evaluate_with(c, forced, NodePass::step);
    evaluate_with(c, sparse_reads, NodePass::automatic);
    evaluate_with(c, rows, NodePass::rows);
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, automatic, where + " (automatic)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, forced, where + " (step)"));
    ASSERT_NO_FATAL_FAILURE(expect_same_plan(full, automatic, where + " (automatic)"));
    ASSERT_NO_FATAL_FAILURE(expect_same_plan(full, forced, where + " (step)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, rows, where + " (rows)"));
    ASSERT_NO_FATAL_FAILURE(expect_same_plan(full, rows, where + " (rows)"));
    if (n % 4 == 3) {
      ASSERT_NO_FATAL_FAILURE(expect_same(c, full, sparse_reads, where + " (questions read now and then)"));
      ASSERT_NO_FATAL_FAILURE(expect_same_plan(full, sparse_reads, where + " (questions read now and then)"));
    }
  }
}

TEST(StepPass, MatchesFullPassOnHip) {
  walk(compile_path(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip").ruleset, 3000, 0.3, 41, "rules/hip");
}

TEST(StepPass, MatchesFullPassOnConformanceRuleSets) {
  std::uint32_t seed = 200;
  for (const auto& entry : fs::directory_iterator(fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance" / "rules")) {
    if (entry.path().extension() != ".ard") continue;
    walk(compile_path(entry.path()).ruleset, 800, 0.4, ++seed, entry.path().filename().string());
  }
}

TEST(StepPass, MatchesFullPassOnGeneratedRuleSets) {
  walk(compile_text(bench::generated_ruleset(100)).ruleset, 1500, 0.1, 51, "generated 100");
  walk(compile_text(bench::generated_ruleset(1000)).ruleset, 300, 0.02, 52, "generated 1000");
}

TEST(StepPass, MatchesFullPassOnEdgeCases) {
  const CompileOutput out = compile_text(kEdges);
  ASSERT_TRUE(out.ruleset);
  walk(out.ruleset, 4000, 0.5, 61, "edges");
}

// The step is taken for an answer or two, not for a result that holds nothing yet, nor for
// another patient (which the other passes evaluate for less).
TEST(StepPass, TakenForAFewAnswersOnly) {
  const RulesetPtr rs = compile_path(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip").ruleset;
  ASSERT_TRUE(rs);
  const Program& p = internal::program_of(*rs);
  auto step = [&](Result& r, const Case& c) {
    return ResultWriter::step_nodes(r, internal::CaseAccess::states(c), internal::CaseAccess::values(c), p, false);
  };
  Case c(rs);
  c.set_json(R"({"age": 34, "sex": "female", "pain_central_buttock": true})");
  Result r;
  ResultWriter::prepare(r, c, p);
  EXPECT_FALSE(step(r, c)) << "nothing evaluated yet";
  evaluate(c, r);

  std::mt19937 rng(5);
  const Case other = random_case(rs, rng, 0.6);
  EXPECT_FALSE(step(r, other)) << "another patient";

  c.set_bool("fever", false);
  c.set_bool("saddle_anaesthesia", true);
  EXPECT_TRUE(step(r, c)) << "two answers";
  evaluate(c, r);  // completes what the bare step left (the snapshot of the case)
  Result full;
  evaluate_with(c, full, NodePass::full);
  ASSERT_NO_FATAL_FAILURE(expect_same(c, full, r, "after two answers"));
}

}  // namespace
}  // namespace ardent::test
