// The character classes the precheck, the grammar and the spans share, byte by byte: the
// table they are read from says what the listed definitions said.
#include <gtest/gtest.h>

#include <string_view>

#include "syntax/characters.hpp"

namespace ardent::syntax {
namespace {

TEST(Characters, BlanksAreTheListedSpacesAndLineEndings) {
  constexpr std::string_view blanks(" \t\r\n\f\v");
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    EXPECT_EQ(is_blank(c), blanks.find(c) != std::string_view::npos) << "byte " << i;
  }
}

TEST(Characters, WordCharactersAreAsciiLettersDigitsAndUnderscore) {
  for (int i = 0; i < 256; ++i) {
    const bool word = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || (i >= '0' && i <= '9') || i == '_';
    EXPECT_EQ(is_word_char(static_cast<char>(i)), word) << "byte " << i;
  }
}

TEST(Characters, AStringRunEndsAtAQuoteAnEscapeOrALineBreak) {
  constexpr std::string_view ends("\"\\\r\n");
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    EXPECT_EQ(ends_string_run(c), ends.find(c) != std::string_view::npos) << "byte " << i;
  }
}

}  // namespace
}  // namespace ardent::syntax
