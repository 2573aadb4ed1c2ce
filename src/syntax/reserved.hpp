// The words that can never be names: the expression keywords. The grammar refuses them as
// identifiers, and the parser's error hint explains that refusal; both read this one list.
// Declaration words (`finding`, `rule`, ...) are not here: a name may be spelt like them.
#pragma once

#include <array>
#include <string_view>

namespace ardent::syntax {

inline constexpr std::array<std::string_view, 15> kReservedWords = {
    "and", "or", "not", "is", "in", "between", "of", "at", "least",
    "known", "unknown", "when", "then", "yes", "no"};

// Names are lower case, so the comparison is exact: `AND` is refused as a name for its case.
constexpr bool is_reserved(std::string_view word) {
  for (std::string_view reserved : kReservedWords)
    if (word == reserved) return true;
  return false;
}

}  // namespace ardent::syntax
