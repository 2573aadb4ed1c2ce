// ardent_evaluate_sliced(): 64 cases a word give the triage and fired rules that ardent_evaluate()
// gives case by case, over thousands of random cases of the tests' rule set and of rules/hip,
// for counts that do and do not fill the last word, on one and several threads.
#include <cmath>
#include <random>
#include <set>
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

namespace {

// A random table: per finding a column of states and values (about a third not asked, one in
// ten unknown), and the same cases built through the single setters.
struct Table {
  std::vector<std::vector<double>> values;
  std::vector<std::vector<uint8_t>> states;
  std::vector<ardent_column> columns;
  std::vector<Case> owners;
  std::vector<const ardent_case*> cases;
};

// `closed_bools`: every other yes/no finding is answered in every case (as a table with no
// missing cell holds it), so that its bit column may go without given bits.
Table random_table(const ardent_ruleset* rs, size_t count, bool closed_bools = false) {
  const auto shapes = shapes_of(rs);
  Table t;
  t.values.assign(shapes.size(), std::vector<double>(count));
  t.states.assign(shapes.size(), std::vector<uint8_t>(count));
  std::mt19937_64 rng(count);
  for (uint32_t f = 0; f < shapes.size(); ++f) {
    const FindingShape& s = shapes[f];
    for (size_t i = 0; i < count; ++i) {
      const unsigned roll = static_cast<unsigned>(rng() % 10);
      t.states[f][i] = roll < 3 ? ARDENT_STATE_NOT_ASKED : roll == 3 ? ARDENT_STATE_UNKNOWN : ARDENT_STATE_GIVEN;
      if (closed_bools && s.type == ARDENT_FINDING_BOOL && f % 2 == 1) t.states[f][i] = ARDENT_STATE_GIVEN;
      double& v = t.values[f][i];
      switch (s.type) {
        case ARDENT_FINDING_BOOL: v = static_cast<double>(rng() % 2); break;
        case ARDENT_FINDING_ENUM: v = static_cast<double>(rng() % s.values); break;
        case ARDENT_FINDING_NUMBER:
          v = s.min + static_cast<double>(rng() % 1001) / 1000.0 * (s.max - s.min);
          if (s.integer) v = std::floor(v);
          break;
        default: v = static_cast<double>(rng() % 120); break;  // days
      }
    }
    t.columns.push_back({f, t.values[f].data(), t.states[f].data()});
  }
  for (size_t i = 0; i < count; ++i) {
    t.owners.push_back(new_case(rs));
    ardent_case* c = t.owners.back().get();
    for (uint32_t f = 0; f < shapes.size(); ++f) {
      const double v = t.values[f][i];
      int rc = ARDENT_OK;
      if (t.states[f][i] == ARDENT_STATE_UNKNOWN) rc = ardent_case_set_unknown_at(c, f);
      if (t.states[f][i] != ARDENT_STATE_GIVEN) {
        EXPECT_EQ(rc, ARDENT_OK);
        continue;
      }
      switch (shapes[f].type) {
        case ARDENT_FINDING_BOOL: rc = ardent_case_set_bool_at(c, f, v != 0); break;
        case ARDENT_FINDING_ENUM: rc = ardent_case_set_enum_index_at(c, f, static_cast<uint32_t>(v)); break;
        case ARDENT_FINDING_NUMBER: rc = ardent_case_set_number_at(c, f, v); break;
        default: rc = ardent_case_set_duration_at(c, f, v, ARDENT_DAYS); break;
      }
      EXPECT_EQ(rc, ARDENT_OK) << ardent_last_error()->message;
    }
    t.cases.push_back(c);
  }
  return t;
}

}  // namespace

// A table of columns gives what the same cases give, whole and in runs on two threads.
TEST(Sliced, ColumnsEqualCases) {
  for (const std::string& rules : {small_rules(), std::string(ARDENT_SOURCE_DIR) + "/rules/hip"}) {
    Ruleset rs = compile(rules);
    ASSERT_TRUE(rs);
    const size_t words = words_of(rs.get());
    constexpr size_t kCount = 2500;
    const Table t = random_table(rs.get(), kCount);
    std::vector<int> by_case(kCount), by_column(kCount, -1);
    std::vector<uint64_t> fired_case(kCount * words), fired_column(kCount * words, ~uint64_t{0});
    ASSERT_EQ(ardent_evaluate_sliced(by_case.data(), fired_case.data(), rs.get(), t.cases.data(), kCount, 1), ARDENT_OK);
    std::set<int> levels(by_case.begin(), by_case.end());
    EXPECT_GT(levels.size(), 1u) << "the table must give more than one triage for the test to mean much";
    for (unsigned threads : {1u, 2u}) {
      ASSERT_EQ(ardent_evaluate_sliced_columns(by_column.data(), fired_column.data(), rs.get(), t.columns.data(),
                                               t.columns.size(), kCount, threads),
                ARDENT_OK)
          << ardent_last_error()->message;
      EXPECT_EQ(by_column, by_case) << rules << ", " << threads << " threads";
      EXPECT_EQ(fired_column, fired_case) << rules << ", " << threads << " threads";
    }
  }
}

TEST(Sliced, ColumnsAreCheckedAsTheSettersCheck) {
  Ruleset rs = compile(small_rules());
  const uint32_t fever = finding(rs.get(), "fever"), age = finding(rs.get(), "age");
  const double ages[3] = {30, 400, 50};
  const double yes[3] = {1, 0, 1};
  const double missing[3] = {1, std::nan(""), 0};  // a table's missing cell
  const uint8_t states[3] = {ARDENT_STATE_GIVEN, ARDENT_STATE_NOT_ASKED, 7};
  int triage[3] = {-7, -7, -7};
  struct Row {
    std::vector<ardent_column> columns;
    int code;
    std::string message;
  };
  const std::vector<Row> rows = {
      {{{fever, yes, nullptr}, {age, ages, nullptr}}, ARDENT_ERANGE, "columns[1], case 1: 400 is outside the range"},
      {{{fever, yes, states}}, ARDENT_ERANGE, "columns[0], case 2: state 7"},
      {{{fever, yes, nullptr}, {fever, yes, nullptr}}, ARDENT_EINVALID, "columns[1]: finding 'fever' is given twice"},
      {{{999, yes, nullptr}}, ARDENT_ERANGE, "columns[0]: no finding with index 999"},
      {{{fever, missing, nullptr}}, ARDENT_ETYPE, "columns[0], case 1: finding 'fever' is a yes/no finding; NaN is no answer"},
      {{{age, yes, nullptr}, {fever, ages, nullptr}}, ARDENT_OK, ""},  // any nonzero number is yes
  };
  for (const Row& row : rows) {
    const int rc = ardent_evaluate_sliced_columns(triage, nullptr, rs.get(), row.columns.data(), row.columns.size(), 3, 1);
    EXPECT_EQ(rc, row.code) << row.message;
    if (row.code == ARDENT_OK) continue;
    EXPECT_NE(std::string(ardent_last_error()->message).find(row.message), std::string::npos) << ardent_last_error()->message;
    EXPECT_EQ(triage[0], -7) << "nothing is written when a value is refused";
  }
  const ardent_column no_values = {fever, nullptr, nullptr};
  EXPECT_EQ(ardent_evaluate_sliced_columns(triage, nullptr, rs.get(), &no_values, 1, 3, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced_columns(triage, nullptr, rs.get(), nullptr, 1, 3, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced_columns(triage, nullptr, rs.get(), nullptr, 0, 3, 1), ARDENT_OK)
      << "no column: nothing asked";
}

namespace {

// A table's yes/no columns as bit sets, the other columns as they are. The yes bits of cases
// that did not answer are set at random: they must be ignored. A column answered in every case
// goes without given bits.
struct BitTable {
  std::vector<std::vector<uint64_t>> yes, given;
  std::vector<ardent_bit_column> bits;
  std::vector<ardent_column> others;
};

BitTable bit_table(const ardent_ruleset* rs, const Table& t, size_t count) {
  const auto shapes = shapes_of(rs);
  BitTable b;
  b.yes.reserve(shapes.size());
  b.given.reserve(shapes.size());
  std::mt19937_64 rng(count + 1);
  for (uint32_t f = 0; f < shapes.size(); ++f) {
    if (shapes[f].type != ARDENT_FINDING_BOOL) {
      b.others.push_back(t.columns[f]);
      continue;
    }
    std::vector<uint64_t>& yes = b.yes.emplace_back((count + 63) / 64);
    std::vector<uint64_t>& given = b.given.emplace_back((count + 63) / 64);
    bool every = true;
    for (size_t i = 0; i < count; ++i) {
      const bool answered = t.states[f][i] == ARDENT_STATE_GIVEN;
      every = every && answered;
      const bool bit = answered ? t.values[f][i] != 0 : rng() % 2 == 0;
      yes[i / 64] |= uint64_t{bit} << (i % 64);
      given[i / 64] |= uint64_t{answered} << (i % 64);
    }
    b.bits.push_back({f, yes.data(), every ? nullptr : given.data()});
  }
  return b;
}

}  // namespace

// Yes/no findings as bit sets give what the same table's columns give, and what its cases give.
TEST(Sliced, BitColumnsEqualCases) {
  for (const std::string& rules : {small_rules(), std::string(ARDENT_SOURCE_DIR) + "/rules/hip"}) {
    Ruleset rs = compile(rules);
    ASSERT_TRUE(rs);
    const size_t words = words_of(rs.get());
    constexpr size_t kCount = 2500;  // not a whole number of words, and two runs of 1,024 and more
    const Table t = random_table(rs.get(), kCount, true);
    const BitTable b = bit_table(rs.get(), t, kCount);
    ASSERT_FALSE(b.bits.empty());
    size_t without_given = 0;
    for (const ardent_bit_column& c : b.bits) without_given += c.given == nullptr;
    EXPECT_GT(without_given, 0u) << "some bit columns must go without given bits";
    EXPECT_LT(without_given, b.bits.size()) << "some bit columns must have given bits";
    std::vector<int> by_case(kCount), by_bits(kCount, -1);
    std::vector<uint64_t> fired_case(kCount * words), fired_bits(kCount * words, ~uint64_t{0});
    ASSERT_EQ(ardent_evaluate_sliced(by_case.data(), fired_case.data(), rs.get(), t.cases.data(), kCount, 1), ARDENT_OK);
    EXPECT_GT(std::set<int>(by_case.begin(), by_case.end()).size(), 1u);
    for (unsigned threads : {1u, 2u}) {
      ASSERT_EQ(ardent_evaluate_sliced_bits(by_bits.data(), fired_bits.data(), rs.get(), b.bits.data(), b.bits.size(),
                                            b.others.data(), b.others.size(), kCount, threads),
                ARDENT_OK)
          << ardent_last_error()->message;
      EXPECT_EQ(by_bits, by_case) << rules << ", " << threads << " threads";
      EXPECT_EQ(fired_bits, fired_case) << rules << ", " << threads << " threads";
    }
  }
}

TEST(Sliced, BitColumnsAreChecked) {
  Ruleset rs = compile(small_rules());
  const uint32_t fever = finding(rs.get(), "fever"), age = finding(rs.get(), "age");
  const uint64_t yes[1] = {0b101};
  const double ages[3] = {30, 40, 50};
  int triage[3] = {-7, -7, -7};
  struct Row {
    std::vector<ardent_bit_column> bits;
    std::vector<ardent_column> columns;
    int code;
    std::string message;
  };
  const std::vector<Row> rows = {
      {{{age, yes, nullptr}}, {}, ARDENT_ETYPE, "bit_columns[0]: finding 'age' is not a yes/no finding"},
      {{{fever, yes, nullptr}}, {{fever, ages, nullptr}}, ARDENT_EINVALID, "columns[0]: finding 'fever' is given twice"},
      {{{fever, yes, nullptr}, {fever, yes, yes}}, {}, ARDENT_EINVALID, "bit_columns[1]: finding 'fever' is given twice"},
      {{{999, yes, nullptr}}, {}, ARDENT_ERANGE, "bit_columns[0]: no finding with index 999"},
      {{{fever, nullptr, yes}}, {}, ARDENT_EINVALID, "bit_columns[0]: no yes bits for finding 'fever'"},
      {{{fever, yes, nullptr}}, {{age, ages, nullptr}}, ARDENT_OK, ""},
  };
  for (const Row& row : rows) {
    const int rc = ardent_evaluate_sliced_bits(triage, nullptr, rs.get(), row.bits.data(), row.bits.size(),
                                               row.columns.data(), row.columns.size(), 3, 1);
    EXPECT_EQ(rc, row.code) << row.message;
    if (row.code == ARDENT_OK) continue;
    EXPECT_NE(std::string(ardent_last_error()->message).find(row.message), std::string::npos) << ardent_last_error()->message;
    EXPECT_EQ(triage[0], -7) << "nothing is written when a column is refused";
  }
  EXPECT_EQ(ardent_evaluate_sliced_bits(triage, nullptr, rs.get(), nullptr, 1, nullptr, 0, 3, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_sliced_bits(triage, nullptr, rs.get(), nullptr, 0, nullptr, 0, 3, 1), ARDENT_OK)
      << "no column: nothing asked";
}

// One case as bit sets (ardent_evaluate_bits) gives what ardent_evaluate() gives for its case:
// row by row of a random table, on the tests' rule set (decided by its rows, or by the sliced
// evaluator) and on rules/hip (the sliced evaluator).
TEST(Sliced, OneCaseAsBitsEqualsItsCase) {
  for (const std::string& rules : {small_rules(), std::string(ARDENT_SOURCE_DIR) + "/rules/hip"}) {
    Ruleset rs = compile(rules);
    ASSERT_TRUE(rs);
    const auto shapes = shapes_of(rs.get());
    const size_t words = words_of(rs.get()), bit_words = (shapes.size() + 63) / 64;
    constexpr size_t kCount = 1500;
    const Table t = random_table(rs.get(), kCount);
    std::vector<uint64_t> mask(words), fired(words + 1);
    size_t any_fired = 0;
    for (size_t i = 0; i < kCount; ++i) {
      std::vector<uint64_t> given(bit_words), yes(bit_words);
      std::vector<uint32_t> slots;
      std::vector<double> values;
      for (uint32_t f = 0; f < shapes.size(); ++f) {
        if (t.states[f][i] != ARDENT_STATE_GIVEN) continue;
        if (shapes[f].type == ARDENT_FINDING_BOOL && f % 3 != 0) {
          given[f / 64] |= uint64_t{1} << (f % 64);
          if (t.values[f][i] != 0) yes[f / 64] |= uint64_t{1} << (f % 64);
        } else {  // the other findings, and some yes/no ones, as values
          slots.push_back(f);
          values.push_back(t.values[f][i]);
        }
      }
      int triage = -1;
      std::fill(fired.begin(), fired.end(), ~uint64_t{0});
      ASSERT_EQ(ardent_evaluate_bits(&triage, fired.data(), fired.size(), rs.get(), given.data(), yes.data(), bit_words,
                                     slots.data(), values.data(), slots.size()),
                ARDENT_OK)
          << ardent_last_error()->message;
      Result r = evaluate(rs.get(), t.cases[i]);
      ASSERT_EQ(ardent_result_fired_mask(mask.data(), r.get(), words), ARDENT_OK);
      ASSERT_EQ(triage, ardent_result_triage(r.get())) << rules << ", case " << i;
      for (size_t w = 0; w < words; ++w) ASSERT_EQ(fired[w], mask[w]) << rules << ", case " << i;
      EXPECT_EQ(fired[words], ~uint64_t{0}) << "a word past the rules' is not written";
      any_fired += mask[0] != 0;
    }
    EXPECT_GT(any_fired, kCount / 10) << "the random cases must fire rules for the comparison to mean much";
  }
}

TEST(Sliced, OneCaseAsBitsIsChecked) {
  Ruleset rs = compile(small_rules());
  const uint32_t fever = finding(rs.get(), "fever"), age = finding(rs.get(), "age");
  const size_t bit_words = (shapes_of(rs.get()).size() + 63) / 64;
  const std::vector<uint64_t> none(bit_words + 1, 0);
  std::vector<uint64_t> age_bit(bit_words + 1, 0), past(bit_words + 1, 0), fever_bit(bit_words, 0);
  age_bit[age / 64] |= uint64_t{1} << (age % 64);
  past[bit_words] = 1;
  fever_bit[fever / 64] |= uint64_t{1} << (fever % 64);
  struct Row {
    const uint64_t* given;
    size_t words;
    std::vector<uint32_t> slots;
    std::vector<double> values;
    int code;
    std::string message;
  };
  const std::vector<Row> rows = {
      {age_bit.data(), bit_words, {}, {}, ARDENT_ETYPE, "given bit " + std::to_string(age) + ": finding 'age' is not a yes/no finding"},
      {past.data(), bit_words + 1, {}, {}, ARDENT_ERANGE, "given bit " + std::to_string(bit_words * 64) + ": "},
      {fever_bit.data(), bit_words, {fever}, {1}, ARDENT_EINVALID, "values[0]: finding 'fever' is given twice"},
      {none.data(), bit_words, {age, age}, {30, 40}, ARDENT_EINVALID, "values[1]: finding 'age' is given twice"},
      {none.data(), bit_words, {age}, {-5}, ARDENT_ERANGE, "values[0]: "},
      {none.data(), bit_words, {999}, {1}, ARDENT_ERANGE, "values[0]: no finding with index 999"},
      {none.data(), bit_words - 1, {}, {}, ARDENT_EINVALID, "fewer than"},
      {fever_bit.data(), bit_words, {age}, {30}, ARDENT_OK, ""},
  };
  std::vector<uint64_t> fired(words_of(rs.get()), 7);
  for (const Row& row : rows) {
    int triage = -7;
    const int rc = ardent_evaluate_bits(&triage, fired.data(), fired.size(), rs.get(), row.given, none.data(), row.words,
                                        row.slots.data(), row.values.data(), row.slots.size());
    EXPECT_EQ(rc, row.code) << row.message;
    if (row.code == ARDENT_OK) continue;
    EXPECT_NE(std::string(ardent_last_error()->message).find(row.message), std::string::npos) << ardent_last_error()->message;
    EXPECT_EQ(triage, -7) << "nothing is written when the input is refused";
    EXPECT_EQ(fired[0], 7u) << "nothing is written when the input is refused";
  }
  int triage = -7;
  EXPECT_EQ(ardent_evaluate_bits(&triage, nullptr, 0, rs.get(), none.data(), none.data(), bit_words, nullptr, nullptr, 0),
            ARDENT_OK)
      << "the fired rules are optional";
  EXPECT_GE(triage, ARDENT_TRIAGE_SELF_CARE);
  EXPECT_EQ(ardent_evaluate_bits(&triage, fired.data(), 0, rs.get(), none.data(), none.data(), bit_words, nullptr,
                                 nullptr, 0),
            words_of(rs.get()) ? ARDENT_ERANGE : ARDENT_OK);
  EXPECT_EQ(ardent_evaluate_bits(nullptr, nullptr, 0, rs.get(), none.data(), none.data(), bit_words, nullptr, nullptr, 0),
            ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_bits(&triage, nullptr, 0, rs.get(), nullptr, none.data(), bit_words, nullptr, nullptr, 0),
            ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_bits(&triage, nullptr, 0, rs.get(), none.data(), none.data(), bit_words, nullptr, nullptr, 1),
            ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_bits(&triage, nullptr, 0, nullptr, none.data(), none.data(), bit_words, nullptr, nullptr, 0),
            ARDENT_EINVALID);
}
