// The sparse pass (only what the given findings reach, the rest from the baseline) against the
// full pass (every node): over thousands of random cases on rules/hip, the conformance rule sets,
// generated rule sets and a rule set of edge cases, both give the same node values (bit for bit),
// rule states, warnings and JSON (byte for byte), whether the result is reused or fresh and
// whichever pass ran before.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "bench/generated_ruleset.hpp"
#include "eval/pass_equivalence.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

// `cases` random cases through the full pass (fresh result), the sparse pass (a result reused
// across cases, and a fresh one), and the automatic choice on a result that alternates.
void check_ruleset(const RulesetPtr& rs, int cases, double given_share, std::uint32_t seed, const std::string& name) {
  ASSERT_TRUE(rs) << name << " does not compile";
  std::mt19937 rng(seed);
  Result reused_full, reused_sparse, reused_auto, reused_rows, alternating;
  for (int n = 0; n < cases; ++n) {
    // Mostly the given share; now and then nothing, or nearly everything, given.
    const double share = n % 17 == 0 ? 0.0 : n % 13 == 0 ? 0.95 : given_share;
    const Case c = random_case(rs, rng, share);
    const std::string where = name + " case " + std::to_string(n);
    Result full, fresh_sparse, fresh_rows;
    evaluate_with(c, full, NodePass::full);
    evaluate_with(c, fresh_sparse, NodePass::sparse);
    evaluate_with(c, fresh_rows, NodePass::rows);
    evaluate_with(c, reused_rows, NodePass::rows);
    evaluate_with(c, reused_full, NodePass::full);
    evaluate_with(c, reused_sparse, NodePass::sparse);
    evaluate_with(c, reused_auto, NodePass::automatic);
    evaluate_with(c, alternating, n % 3 == 0 ? NodePass::full : n % 3 == 1 ? NodePass::sparse : NodePass::rows);
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, fresh_sparse, where + " (fresh sparse)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, fresh_rows, where + " (fresh rows)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, reused_rows, where + " (reused rows)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, reused_full, where + " (reused full)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, reused_sparse, where + " (reused sparse)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, reused_auto, where + " (automatic)"));
    ASSERT_NO_FATAL_FAILURE(expect_same(c, full, alternating, where + " (alternating)"));
  }
}

TEST(SparsePass, MatchesFullPassOnHip) {
  check_ruleset(compile_path(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip").ruleset, 3000, 0.3, 11, "rules/hip");
}

TEST(SparsePass, MatchesFullPassOnConformanceRuleSets) {
  std::uint32_t seed = 100;
  for (const auto& entry : fs::directory_iterator(fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance" / "rules")) {
    if (entry.path().extension() != ".ard") continue;
    check_ruleset(compile_path(entry.path()).ruleset, 1500, 0.4, ++seed, entry.path().filename().string());
  }
}

TEST(SparsePass, MatchesFullPassOnGeneratedRuleSets) {
  check_ruleset(compile_text(bench::generated_ruleset(100)).ruleset, 2000, 0.1, 21, "generated 100");
  check_ruleset(compile_text(bench::generated_ruleset(1000)).ruleset, 300, 0.02, 22, "generated 1000");
}

TEST(SparsePass, MatchesFullPassOnEdgeCases) {
  const CompileOutput out = compile_text(kEdges);
  for (const auto& d : out.diagnostics)
    if (d.severity == Severity::Error) ADD_FAILURE() << d.line << ": " << d.message;
  ASSERT_TRUE(out.ruleset);
  // The cases this rule set is for: warnings and fired rules with nothing given.
  const prog::Baseline& base = internal::baseline(internal::program_of(*out.ruleset));
  EXPECT_FALSE(base.div_warns.empty());
  EXPECT_GE(base.fired.size(), 3u);
  check_ruleset(out.ruleset, 4000, 0.5, 31, "edges");
}

// The row pass is taken where its forms are short: the conformance rule sets of plain logic,
// and the edge cases with enough plain rules around them that their comparisons, scores and
// divisions (computed one by one) are a small part of the program. Not on rules/hip, whose
// rules nest defines that multiply out to thousands of conjunctions.
TEST(RowPass, TakenWhereTheFormsAreShort) {
  auto rows_of = [](const RulesetPtr& rs) -> const prog::Rows& {
    return internal::rule_rows(internal::program_of(*rs));
  };
  const fs::path rules = fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance" / "rules";
  const RulesetPtr logic = compile_path(rules / "logic.ard").ruleset;
  ASSERT_TRUE(logic);
  EXPECT_TRUE(rows_of(logic).usable);
  const RulesetPtr hip = compile_path(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip").ruleset;
  ASSERT_TRUE(hip);
  EXPECT_FALSE(rows_of(hip).usable);

  std::string text = kEdges;
  for (int i = 0; i < 12; ++i) {
    const std::string f = "f" + std::to_string(i);
    text += "finding " + f + ": bool\nrule plain_" + std::to_string(i) + ": (" + f + " and not c) or (b and " + f +
            ") or a is known -> consider k" + std::to_string(1 + i % 2) + "\n";
  }
  const CompileOutput out = compile_text(text);
  ASSERT_TRUE(out.ruleset);
  const prog::Rows& rows = rows_of(out.ruleset);
  ASSERT_TRUE(rows.usable);
  EXPECT_FALSE(rows.computed.empty()) << "the comparisons are atoms computed one by one";
  check_ruleset(out.ruleset, 4000, 0.5, 32, "edges with plain rules");

  for (const auto& [findings, rules] : {std::pair{70, 35}, std::pair{20, 40}}) {
    const RulesetPtr rs = compile_text(rows_ruleset(findings, rules)).ruleset;
    ASSERT_TRUE(rs);
    ASSERT_TRUE(rows_of(rs).usable && rows_of(rs).cone.empty());
    check_ruleset(rs, 3000, 0.5, 33 + static_cast<std::uint32_t>(findings), "rows " + std::to_string(findings));
  }
}

// A program whose only composite is a `not` has no operand list at all (found by fuzz_fhir on
// a conformance rule set: the sanitizers saw an offset applied to the list's null pointer).
TEST(SparsePass, AProgramWithoutAndOrOrStillEvaluates) {
  const CompileOutput out = compile_text(
      "ruleset nots version \"1.0.0\"\nfinding a: bool\nfinding b: number 0..10\n"
      "rule r: not a -> triage urgent\nrule s: b > 3 -> triage urgent\n");
  ASSERT_TRUE(out.ruleset);
  check_ruleset(out.ruleset, 200, 0.5, 7, "nots");
}

}  // namespace
}  // namespace ardent::test
