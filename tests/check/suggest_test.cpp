// "Did you mean" suggestions.
#include <gtest/gtest.h>

#include "check/suggest.hpp"

namespace ardent::check::detail {
namespace {

TEST(EditDistance, CountsTranspositionAsOneEdit) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("fever", "fever"), 0u);
  EXPECT_EQ(edit_distance("fevre", "fever"), 1u);   // transposition
  EXPECT_EQ(edit_distance("fevr", "fever"), 1u);    // deletion
  EXPECT_EQ(edit_distance("feverr", "fever"), 1u);  // insertion
  EXPECT_EQ(edit_distance("fevar", "fever"), 1u);   // substitution
  EXPECT_EQ(edit_distance("pain_sight", "pain_site"), 3u);
}

struct SuggestCase {
  const char* name;
  std::vector<std::string_view> candidates;
  const char* expected;  // "" for no suggestion
};

TEST(Suggest, PicksTheClosestOfTheRightKind) {
  const SuggestCase cases[] = {
      {"pain_sight", {"pain_score", "pain_site", "fever"}, "pain_site"},
      {"urgnet", {"self_care", "routine", "urgent", "emergency"}, "urgent"},
      {"fevr", {"fever", "fewer"}, "fever"},              // ties keep the earlier candidate
      {"pain", {"age", "pain_central_buttock"}, "pain_central_buttock"},  // a prefix
      {"xy", {"ab", "cd"}, ""},                           // short names get little slack
      {"completely_different", {"fever", "age"}, ""},
      {"fever", {"fever"}, ""},                           // never suggests the name itself
  };
  for (const auto& c : cases) {
    auto got = closest(c.name, c.candidates);
    EXPECT_EQ(got.value_or(""), c.expected) << c.name;
  }
}

TEST(Suggest, Phrase) {
  EXPECT_EQ(did_you_mean("fevr", {"fever"}), "; did you mean 'fever'?");
  EXPECT_EQ(did_you_mean("zzz", {"fever"}), "");
}

}  // namespace
}  // namespace ardent::check::detail
