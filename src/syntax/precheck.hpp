// Checks a source text before the grammar sees it: the grammar is recursive, and a text it
// must never be given (invalid UTF-8, binary control bytes, absurd nesting) is refused here
// with a precise position instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ardent::syntax {

// Deepest expression nesting the parser accepts; the grammar recurses once per level.
inline constexpr int max_nesting = 200;

struct PrecheckIssue {
  std::uint32_t offset = 0;
  std::uint32_t length = 1;
  std::string message;
};

// The first problem in `text`, if any: an invalid UTF-8 sequence, a control character other
// than tab, line breaks and form feed, or an expression nested more than max_nesting deep.
std::optional<PrecheckIssue> precheck(std::string_view text);

}  // namespace ardent::syntax
