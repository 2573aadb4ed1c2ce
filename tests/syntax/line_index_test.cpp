// LineIndex answers the same line and column whatever order spans are asked for in: the lines
// after the last answer are tried first, then a binary search.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "syntax/line_index.hpp"

namespace ardent::syntax {
namespace {

TEST(LineIndex, AnyOrderOfOffsetsGivesTheirLineAndColumn) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += std::string(static_cast<std::size_t>(i % 7), 'x') + "\n";
  text += "last line without a break";
  std::vector<std::uint32_t> line_of, col_of;
  std::uint32_t line = 1, col = 1;
  for (char c : text) {
    line_of.push_back(line);
    col_of.push_back(col);
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  const LineIndex lines(text, 3);
  std::mt19937 random(7);
  std::vector<std::uint32_t> offsets;
  for (std::uint32_t o = 0; o < text.size(); ++o) offsets.push_back(o);  // forward, then
  for (int i = 0; i < 2000; ++i) offsets.push_back(random() % text.size());  // jumps both ways
  for (std::uint32_t o : offsets) {
    const Span s = lines.span(o, 2);
    EXPECT_EQ(s.line, line_of[o]) << "offset " << o;
    EXPECT_EQ(s.col, col_of[o]) << "offset " << o;
    EXPECT_EQ(s.file, 3u);
    EXPECT_EQ(s.offset, o);
    EXPECT_EQ(s.length, 2u);
  }
}

}  // namespace
}  // namespace ardent::syntax
