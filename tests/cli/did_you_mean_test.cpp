// The "did you mean" helper behind the CLI's and the REPL's error messages.
#include <gtest/gtest.h>

#include "cli/did_you_mean.hpp"

namespace {

using ardent::cli::closest;
using ardent::cli::did_you_mean;
using ardent::cli::edit_distance;

struct DistanceCase {
  const char* a;
  const char* b;
  std::size_t distance;
};

class EditDistance : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistance, CountsSingleCharacterEdits) {
  const auto& c = GetParam();
  EXPECT_EQ(c.distance, edit_distance(c.a, c.b)) << c.a << " / " << c.b;
  EXPECT_EQ(c.distance, edit_distance(c.b, c.a)) << "symmetric: " << c.b << " / " << c.a;
}

INSTANTIATE_TEST_SUITE_P(Table, EditDistance,
                         ::testing::Values(DistanceCase{"", "", 0}, DistanceCase{"", "abc", 3},
                                           DistanceCase{"fever", "fever", 0}, DistanceCase{"fevr", "fever", 1},
                                           DistanceCase{"fevers", "fever", 1}, DistanceCase{"fecer", "fever", 1},
                                           DistanceCase{"fveer", "fever", 1},  // a swap costs one
                                           DistanceCase{"kitten", "sitting", 3},
                                           DistanceCase{"pain_centrl_buttock", "pain_central_buttock", 1},
                                           DistanceCase{"abc", "xyz", 3}));

struct GuessCase {
  const char* word;
  std::vector<std::string> candidates;
  const char* expected;  // nullptr: no guess
};

class Closest : public ::testing::TestWithParam<GuessCase> {};

TEST_P(Closest, GuessesOnlyWhenClose) {
  const auto& c = GetParam();
  auto guess = closest(c.word, c.candidates);
  if (c.expected) {
    ASSERT_TRUE(guess.has_value()) << c.word;
    EXPECT_EQ(c.expected, *guess);
  } else {
    EXPECT_FALSE(guess.has_value()) << c.word << " -> " << guess.value_or("");
  }
}

const std::vector<std::string> kFindings = {"pain_central_buttock", "pain_peak", "pain_score", "fever", "age"};

INSTANTIATE_TEST_SUITE_P(
    Table, Closest,
    ::testing::Values(GuessCase{"pain_centrl_buttock", kFindings, "pain_central_buttock"},
                      GuessCase{"fevr", kFindings, "fever"}, GuessCase{"pain_scroe", kFindings, "pain_score"},
                      GuessCase{"ag", kFindings, "age"},
                      GuessCase{"temperature", kFindings, nullptr},  // nothing alike
                      GuessCase{"fever", kFindings, nullptr},        // an exact name needs no guess
                      GuessCase{"", kFindings, nullptr}, GuessCase{"fever", {}, nullptr},
                      // a unique prefix helps where the distance is too large
                      GuessCase{"pain_cen", kFindings, "pain_central_buttock"},
                      GuessCase{"day", {"during_activity", "day_after_activity", "constant"}, "day_after_activity"},
                      // ties go to the earlier candidate
                      GuessCase{"pain_pea", {"pain_peak", "pain_pear"}, "pain_peak"}));

TEST(DidYouMean, FormatsTheSuggestion) {
  EXPECT_EQ("; did you mean 'fever'?", did_you_mean("fevr", kFindings));
  EXPECT_EQ("", did_you_mean("temperature", kFindings));
}

}  // namespace
