// What the language calls a blank, a comment and a word character. The grammar's skipper and
// the code that places error positions and spans read the same definitions, so that a span
// never starts in text the grammar skipped.
#pragma once

#include <string_view>

namespace ardent::syntax {

// Any line ending is a blank. Listed rather than classified: bytes >= 0x80 must never reach
// <cctype>.
constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The first character from `p` on that is neither a blank nor inside a `#` comment; `p`
// itself when it is at or past `end`.
constexpr const char* skip_blanks_and_comments(const char* p, const char* end) {
  while (p < end) {
    if (is_blank(*p)) {
      ++p;
    } else if (*p == '#') {
      while (p < end && *p != '\n') ++p;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace ardent::syntax
