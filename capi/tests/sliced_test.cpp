// ardent_evaluate_sliced(): 64 cases a word give the triage and fired rules that ardent_evaluate()
// gives case by case, over thousands of random cases of the tests' rule set and of rules/hip,
// for counts that do and do not fill the last word, on one and several threads.
#include <string>
#include <vector>

#include "fixture.hpp"
#include "sample.hpp"

using namespace capi_test;

namespace {

size_t words_of(const ardent_ruleset* rs) {
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  EXPECT_EQ(ardent_ruleset_get_info(&info, rs), ARDENT_OK);
  return (info.rule_count + 63) / 64;
}

void expect_same_as_one_by_one(const ardent_ruleset* rs, size_t count, unsigned threads) {
  const auto shapes = shapes_of(rs);
  const size_t words = words_of(rs);
  std::vector<Case> owners;
  std::vector<const ardent_case*> cases;
  for (size_t i = 0; i < count; ++i) {
    owners.push_back(new_case(rs));
    fill_random(owners.back().get(), shapes, i * 7 + count);
    cases.push_back(owners.back().get());
  }
  std::vector<int> triage(count, -1);
  std::vector<uint64_t> fired(count * words, ~uint64_t{0});
  ASSERT_EQ(ardent_evaluate_sliced(triage.data(), fired.data(), rs, cases.data(), count, threads), ARDENT_OK)
      << ardent_last_error()->message;
  size_t triage_wrong = 0, fired_wrong = 0, any_fired = 0;
  std::vector<uint64_t> mask(words);
  for (size_t i = 0; i < count; ++i) {
    Result r = evaluate(rs, cases[i]);
    ASSERT_EQ(ardent_result_fired_mask(mask.data(), r.get(), words), ARDENT_OK);
    if (triage[i] != ardent_result_triage(r.get())) ++triage_wrong;
    for (size_t w = 0; w < words; ++w) {
      if (fired[i * words + w] != mask[w]) ++fired_wrong;
      any_fired += mask[w] != 0;
    }
  }
  EXPECT_EQ(triage_wrong, 0u) << count << " cases, " << threads << " threads";
  EXPECT_EQ(fired_wrong, 0u) << count << " cases, " << threads << " threads";
  EXPECT_GT(any_fired, count / 10) << "the random cases must fire rules for the comparison to mean much";
}

}  // namespace

TEST(Sliced, EqualsOneByOneOnTheTestRules) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  for (size_t count : {1u, 63u, 64u, 65u, 3001u}) expect_same_as_one_by_one(rs.get(), count, 1);
  expect_same_as_one_by_one(rs.get(), 5000, 2);
  expect_same_as_one_by_one(rs.get(), 5000, 0);
}

TEST(Sliced, EqualsOneByOneOnRulesHip) {
  Ruleset rs = compile(std::string(ARDENT_SOURCE_DIR) + "/rules/hip");
  ASSERT_TRUE(rs);
  expect_same_as_one_by_one(rs.get(), 2500, 1);
  expect_same_as_one_by_one(rs.get(), 2500, 3);
}

TEST(Sliced, FiredRulesAreOptional) {
  Ruleset rs = compile(small_rules());
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_json(c.get(), R"({"fever": true, "symptom_duration": "7 weeks"})", ARDENT_NUL_TERMINATED),
            ARDENT_OK);
  const ardent_case* cases[1] = {c.get()};
  int triage = -1;
  ASSERT_EQ(ardent_evaluate_sliced(&triage, nullptr, rs.get(), cases, 1, 1), ARDENT_OK);
  EXPECT_EQ(triage, ardent_result_triage(evaluate(rs.get(), c.get()).get()));
}

TEST(Sliced, RefusesNullsAndForeignCasesWritingNothing) {
  Ruleset rs = compile(small_rules());
  Ruleset other = compile(small_rules());
  Case mine = new_case(rs.get()), theirs = new_case(other.get());
  const ardent_case* cases[3] = {mine.get(), mine.get(), theirs.get()};
  int triage[3] = {-7, -7, -7};
  EXPECT_EQ(ardent_evaluate_sliced(triage, nullptr, rs.get(), cases, 3, 1), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("cases[2]"), std::string::npos) << ardent_last_error()->message;
  EXPECT_EQ(triage[0], -7) << "nothing is written when a case is refused";
  EXPECT_EQ(ardent_evaluate_sliced(nullptr, nullptr, rs.get(), cases, 1, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced(triage, nullptr, nullptr, cases, 1, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced(triage, nullptr, rs.get(), nullptr, 1, 1), ARDENT_EINVALID);
  const ardent_case* none[1] = {nullptr};
  EXPECT_EQ(ardent_evaluate_sliced(triage, nullptr, rs.get(), none, 1, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced(triage, nullptr, rs.get(), cases, 0, 1), ARDENT_OK);
}
