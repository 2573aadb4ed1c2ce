// Setting many findings in one call (ardent_case_set_bools / _numbers) and reading every rule's
// state in one call (ardent_result_rule_states / _fired_mask): each refusal is the single
// setter's, with the same code and message after the position of the refused value, and a
// refused call changes nothing.
#include <cmath>
#include <string>
#include <vector>

#include "fixture.hpp"

using namespace capi_test;

namespace {

struct Refusal {
  int code;
  std::string message, finding;
};

Refusal last_refusal(int code) {
  const ardent_error* e = ardent_last_error();
  return {code, e->message, e->finding};
}

std::string case_json(const ardent_case* c) {
  char* text = nullptr;
  EXPECT_EQ(ardent_case_json(&text, c), ARDENT_OK);
  String owner(text);
  return text ? std::string(text) : std::string();
}

class Bulk : public ::testing::Test {
 protected:
  Ruleset rs = compile(small_rules());
  uint32_t fever = finding(rs.get(), "fever"), night = finding(rs.get(), "night_pain");
  uint32_t score = finding(rs.get(), "pain_score"), age = finding(rs.get(), "age");
  uint32_t peak = finding(rs.get(), "pain_peak"), duration = finding(rs.get(), "symptom_duration");
};

TEST_F(Bulk, SetsWhatTheSingleSettersSet) {
  Case bulk = new_case(rs.get()), single = new_case(rs.get());
  const uint32_t bools[] = {fever, night, fever};  // fever twice: the last value stays
  const int flags[] = {1, 7, 0};
  ASSERT_EQ(ardent_case_set_bools(bulk.get(), bools, flags, 3), ARDENT_OK);
  const uint32_t numbers[] = {score, age};
  const double values[] = {4, 54.5};
  ASSERT_EQ(ardent_case_set_numbers(bulk.get(), numbers, values, 2), ARDENT_OK);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(ardent_case_set_bool_at(single.get(), bools[i], flags[i]), ARDENT_OK);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(ardent_case_set_number_at(single.get(), numbers[i], values[i]), ARDENT_OK);
  EXPECT_EQ(case_json(bulk.get()), case_json(single.get()));
  EXPECT_EQ(ardent_case_state(bulk.get(), fever), ARDENT_STATE_GIVEN);
}

TEST_F(Bulk, NothingToSetIsNoError) {
  Case c = new_case(rs.get());
  EXPECT_EQ(ardent_case_set_bools(c.get(), nullptr, nullptr, 0), ARDENT_OK);
  EXPECT_EQ(ardent_case_set_numbers(c.get(), nullptr, nullptr, 0), ARDENT_OK);
  EXPECT_EQ(case_json(c.get()), "{}");
}

TEST_F(Bulk, NullArgumentsAreRefused) {
  Case c = new_case(rs.get());
  const uint32_t slots[] = {fever};
  const int flags[] = {1};
  const double values[] = {1};
  EXPECT_EQ(ardent_case_set_bools(nullptr, slots, flags, 1), ARDENT_EINVALID);
  EXPECT_STREQ(ardent_last_error()->message, "case is NULL");
  EXPECT_EQ(ardent_case_set_bools(nullptr, nullptr, nullptr, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_bools(c.get(), nullptr, flags, 1), ARDENT_EINVALID);
  EXPECT_STREQ(ardent_last_error()->message, "findings is NULL");
  EXPECT_EQ(ardent_case_set_bools(c.get(), slots, nullptr, 1), ARDENT_EINVALID);
  EXPECT_STREQ(ardent_last_error()->message, "values is NULL");
  EXPECT_EQ(ardent_case_set_numbers(c.get(), slots, nullptr, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_numbers(c.get(), nullptr, values, 1), ARDENT_EINVALID);
  EXPECT_EQ(case_json(c.get()), "{}");
}

// Each row: a value the single setter refuses, placed third among good ones.
struct BoolRow {
  const char* what;
  uint32_t slot;
};
struct NumberRow {
  const char* what;
  uint32_t slot;
  double value;
};

TEST_F(Bulk, BoolRefusalsAreTheSingleSettersWithTheirPosition) {
  const BoolRow rows[] = {
      {"a number finding", score},
      {"a choice finding", peak},
      {"a duration finding", duration},
      {"an index past the end", 1000},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    Case c = new_case(rs.get());
    ASSERT_EQ(ardent_case_set_bool_at(c.get(), night, 1), ARDENT_OK);
    const std::string before = case_json(c.get());
    Refusal single = last_refusal(ardent_case_set_bool_at(c.get(), row.slot, 1));
    ASSERT_NE(single.code, ARDENT_OK);
    const uint32_t slots[] = {fever, night, row.slot, fever};
    const int flags[] = {1, 0, 1, 1};
    Refusal bulk = last_refusal(ardent_case_set_bools(c.get(), slots, flags, 4));
    EXPECT_EQ(bulk.code, single.code);
    EXPECT_EQ(bulk.message, "findings[2]: " + single.message);
    EXPECT_EQ(bulk.finding, single.finding);
    EXPECT_EQ(case_json(c.get()), before) << "a refused call must change nothing";
  }
}

TEST_F(Bulk, NumberRefusalsAreTheSingleSettersWithTheirPosition) {
  const NumberRow rows[] = {
      {"a bool finding", fever, 1},
      {"a choice finding", peak, 1},
      {"a duration finding, which needs its unit", duration, 3},
      {"outside the range", score, 11},
      {"a fraction of a whole number", score, 2.5},
      {"not a number", age, std::nan("")},
      {"infinite", age, 1e308 * 10},
      {"an index past the end", 1000, 1},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    Case c = new_case(rs.get());
    const std::string before = case_json(c.get());
    Refusal single = last_refusal(ardent_case_set_number_at(c.get(), row.slot, row.value));
    ASSERT_NE(single.code, ARDENT_OK);
    const uint32_t slots[] = {age, score, row.slot, age};
    const double values[] = {40, 3, row.value, 41};
    Refusal bulk = last_refusal(ardent_case_set_numbers(c.get(), slots, values, 4));
    EXPECT_EQ(bulk.code, single.code);
    EXPECT_EQ(bulk.message, "findings[2]: " + single.message);
    EXPECT_EQ(bulk.finding, single.finding);
    EXPECT_EQ(case_json(c.get()), before) << "a refused call must change nothing";
  }
}

TEST_F(Bulk, TheFirstRefusedValueIsReported) {
  Case c = new_case(rs.get());
  // A number out of range before a duration: the number is reported, as one call after another would.
  const uint32_t slots[] = {age, score, duration};
  const double values[] = {40, 11, 3};
  ASSERT_EQ(ardent_case_set_numbers(c.get(), slots, values, 3), ARDENT_ERANGE);
  EXPECT_EQ(std::string(ardent_last_error()->message).rfind("findings[1]: ", 0), 0u) << ardent_last_error()->message;
  // A duration before a number out of range: the duration.
  const uint32_t later[] = {duration, score};
  const double later_values[] = {3, 11};
  ASSERT_EQ(ardent_case_set_numbers(c.get(), later, later_values, 2), ARDENT_ETYPE);
  EXPECT_EQ(std::string(ardent_last_error()->message).rfind("findings[0]: ", 0), 0u) << ardent_last_error()->message;
  EXPECT_EQ(case_json(c.get()), "{}");
}

TEST_F(Bulk, RuleStatesAndFiredMaskAgreeWithTheSingleReader) {
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_json(c.get(), R"({"saddle_anaesthesia": true, "fever": false, "pain_peak": "constant"})",
                                 ARDENT_NUL_TERMINATED),
            ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ASSERT_EQ(ardent_ruleset_get_info(&info, rs.get()), ARDENT_OK);
  std::vector<int> states(info.rule_count, -1);
  ASSERT_EQ(ardent_result_rule_states(states.data(), r.get(), states.size()), ARDENT_OK);
  std::vector<uint64_t> mask((info.rule_count + 63) / 64 + 1, ~uint64_t{0});
  ASSERT_EQ(ardent_result_fired_mask(mask.data(), r.get(), mask.size()), ARDENT_OK);
  int fired = 0;
  for (uint32_t i = 0; i < info.rule_count; ++i) {
    EXPECT_EQ(states[i], ardent_result_rule_state(r.get(), i)) << "rule " << i;
    const bool bit = (mask[i / 64] >> (i % 64)) & 1u;
    EXPECT_EQ(bit, states[i] == ARDENT_RULE_FIRED) << "rule " << i;
    fired += bit;
  }
  EXPECT_GT(fired, 0) << "the case should fire a red flag";
  EXPECT_EQ(mask.back(), 0u) << "bits past the last rule are 0";
  // A prefix of the states is allowed; more states than rules, or too few words, are not.
  EXPECT_EQ(ardent_result_rule_states(states.data(), r.get(), 1), ARDENT_OK);
  EXPECT_EQ(ardent_result_rule_states(nullptr, r.get(), 0), ARDENT_OK);
  std::vector<int> too_many(info.rule_count + 1);
  EXPECT_EQ(ardent_result_rule_states(too_many.data(), r.get(), too_many.size()), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_fired_mask(mask.data(), r.get(), 0), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_rule_states(nullptr, r.get(), 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_fired_mask(nullptr, r.get(), 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_rule_states(states.data(), nullptr, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_fired_mask(mask.data(), nullptr, 1), ARDENT_EINVALID);
  ardent_result* empty = nullptr;
  ASSERT_EQ(ardent_result_new(&empty), ARDENT_OK);
  Result owner(empty);
  EXPECT_EQ(ardent_result_rule_states(states.data(), empty, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_fired_mask(mask.data(), empty, 1), ARDENT_EINVALID);
}

}  // namespace
