// "Did you mean" and quoting: the one implementation every front end uses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ardent/names.hpp"

namespace ardent {
namespace {

struct DistanceCase {
  const char* a;
  const char* b;
  std::size_t distance;
};

class EditDistance : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistance, CountsSingleCharacterEditsBothWays) {
  const auto& c = GetParam();
  EXPECT_EQ(edit_distance(c.a, c.b), c.distance) << c.a << " / " << c.b;
  EXPECT_EQ(edit_distance(c.b, c.a), c.distance) << c.b << " / " << c.a;
}

INSTANTIATE_TEST_SUITE_P(Table, EditDistance,
                         ::testing::Values(DistanceCase{"", "", 0}, DistanceCase{"", "abc", 3},
                                           DistanceCase{"fever", "fever", 0},
                                           DistanceCase{"fevre", "fever", 1},   // a swap costs one
                                           DistanceCase{"fevr", "fever", 1},    // deletion
                                           DistanceCase{"feverr", "fever", 1},  // insertion
                                           DistanceCase{"fevar", "fever", 1},   // substitution
                                           DistanceCase{"kitten", "sitting", 3},
                                           DistanceCase{"pain_sight", "pain_site", 3}));

struct GuessCase {
  const char* name;
  std::vector<std::string> candidates;
  const char* expected;  // "" for no suggestion
};

class ClosestName : public ::testing::TestWithParam<GuessCase> {};

const std::vector<std::string> kFindings = {"pain_central_buttock", "pain_peak", "pain_score", "fever", "age"};

TEST_P(ClosestName, GuessesOnlyWhenClose) {
  const auto& c = GetParam();
  EXPECT_EQ(closest_name(c.name, c.candidates).value_or(""), c.expected) << c.name;
  // Both candidate forms give the same answer.
  std::vector<std::string_view> views(c.candidates.begin(), c.candidates.end());
  EXPECT_EQ(closest_name(c.name, views).value_or(""), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ClosestName,
    ::testing::Values(GuessCase{"fevre", kFindings, "fever"}, GuessCase{"fevr", {"fever", "fewer"}, "fever"},
                      GuessCase{"pain_sight", {"pain_score", "pain_site", "fever"}, "pain_site"},
                      GuessCase{"pain_centrl_buttock", kFindings, "pain_central_buttock"},
                      GuessCase{"pain_scroe", kFindings, "pain_score"},
                      GuessCase{"urgnet", {"self_care", "routine", "urgent", "emergency"}, "urgent"},
                      GuessCase{"ag", kFindings, "age"},
                      // a unique start helps where the distance is too large
                      GuessCase{"pain_cen", kFindings, "pain_central_buttock"},
                      GuessCase{"day", {"during_activity", "day_after_activity", "constant"}, "day_after_activity"},
                      GuessCase{"feverish", kFindings, "fever"},
                      // several share the start: no single guess
                      GuessCase{"pain", kFindings, ""},
                      // ties go to the earlier candidate
                      GuessCase{"pain_pea", {"pain_peak", "pain_pear"}, "pain_peak"},
                      GuessCase{"xy", {"ab", "cd"}, ""},  // short names get little slack
                      GuessCase{"temperature", kFindings, ""}, GuessCase{"fever", kFindings, ""},
                      GuessCase{"", kFindings, ""}, GuessCase{"fever", {}, ""}));

TEST(DidYouMean, PhrasesTheGuess) {
  EXPECT_EQ(did_you_mean("fevr", kFindings), "; did you mean 'fever'?");
  EXPECT_EQ(did_you_mean("temperature", kFindings), "");
}

// Two names of 20,000 letters one apart took a second to compare (half a megabyte each, within a
// rule file's limit: minutes); past 100 characters a name is no typo, except of a name it starts.
TEST(DidYouMean, LongNamesAreNotComparedLetterByLetter) {
  const std::string long_name(100, 'a');
  EXPECT_EQ(closest_name(long_name.substr(0, 99) + "b", std::vector<std::string>{long_name}).value_or(""), long_name);
  const std::string longer(20'000, 'a');
  EXPECT_EQ(closest_name(longer.substr(0, 19'999) + "b", std::vector<std::string>{longer}), std::nullopt);
  EXPECT_EQ(closest_name(longer.substr(0, 5'000), std::vector<std::string>{longer}).value_or(""), longer);
  // A guess is quoted like any name: shortened.
  EXPECT_EQ(did_you_mean(longer.substr(0, 5'000), std::vector<std::string>{longer}),
            "; did you mean '" + std::string(80, 'a') + "...'?");
}

TEST(InQuotes, EscapesAndShortens) {
  EXPECT_EQ(in_quotes("fever"), "'fever'");
  EXPECT_EQ(in_quotes("a\nb"), "'a\\x0ab'");
  EXPECT_EQ(in_quotes("\xff"), "'\\xff'");
  EXPECT_EQ(in_quotes("caf\xc3\xa9"), "'caf\xc3\xa9'");
  const std::string huge(50'000'000, 'x');
  const std::string q = in_quotes(huge);
  EXPECT_EQ(q, "'" + std::string(80, 'x') + "...'");
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_TRUE(valid_utf8("caf\xc3\xa9"));
  EXPECT_EQ(invalid_utf8_at("ab\xc3("), 2u);
  EXPECT_EQ(invalid_utf8_at("\xed\xa0\x80"), 0u);  // a surrogate
  EXPECT_EQ(to_valid_utf8("a\xff" "b"), "a\xEF\xBF\xBD" "b");
}

}  // namespace
}  // namespace ardent
