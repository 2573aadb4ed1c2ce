// The shared vocabulary: the tables every door reads, and the readers built on them.
#include <gtest/gtest.h>

#include "ardent/vocabulary.hpp"

namespace ardent {
namespace {

TEST(Vocabulary, TriageNamesReadBack) {
  for (std::size_t i = 0; i < kTriageNames.size(); ++i) {
    const auto t = static_cast<Triage>(i);
    EXPECT_EQ(parse_triage(to_string(t)), t);
  }
  EXPECT_FALSE(parse_triage("Urgent").has_value());
  EXPECT_FALSE(parse_triage("").has_value());
}

struct UnitCase {
  const char* word;
  UnitSpelling spelling;
  std::optional<DurationUnit> unit;
};

class DurationUnitWords : public ::testing::TestWithParam<UnitCase> {};

TEST_P(DurationUnitWords, ReadsEveryWordOnce) {
  const auto& c = GetParam();
  EXPECT_EQ(parse_duration_unit(c.word, c.spelling), c.unit) << c.word;
}

constexpr auto kWords = UnitSpelling::words;
constexpr auto kAll = UnitSpelling::words_and_abbreviations;

INSTANTIATE_TEST_SUITE_P(
    Table, DurationUnitWords,
    ::testing::Values(UnitCase{"week", kWords, DurationUnit::weeks}, UnitCase{"Weeks", kWords, DurationUnit::weeks},
                      UnitCase{"MINUTE", kWords, DurationUnit::minutes}, UnitCase{"wks", kWords, std::nullopt},
                      UnitCase{"wks", kAll, DurationUnit::weeks}, UnitCase{"w", kAll, DurationUnit::weeks},
                      UnitCase{"hrs", kAll, DurationUnit::hours}, UnitCase{"mo", kAll, DurationUnit::months},
                      UnitCase{"yr", kAll, DurationUnit::years}, UnitCase{"d", kAll, DurationUnit::days},
                      UnitCase{"fortnight", kAll, std::nullopt}, UnitCase{"", kAll, std::nullopt},
                      UnitCase{"weekss", kAll, std::nullopt}));

TEST(Vocabulary, DurationsReadAsDays) {
  EXPECT_EQ(parse_duration("6 weeks")->days(), 42);
  EXPECT_EQ(parse_duration("6wks")->days(), 42);
  EXPECT_DOUBLE_EQ(parse_duration(" 90 min ")->days(), 90.0 / 1440);
  EXPECT_EQ(parse_duration("1 year")->days(), 365.25);
  EXPECT_EQ(parse_duration("2 months")->days(), 60.875);
  EXPECT_FALSE(parse_duration("6").has_value());
  EXPECT_FALSE(parse_duration("weeks").has_value());
  EXPECT_FALSE(parse_duration("6 fortnights").has_value());
}

}  // namespace
}  // namespace ardent
