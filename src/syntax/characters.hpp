// What the language calls a blank, a comment and a word character. The grammar's skipper and
// the code that places error positions and spans read the same definitions, so that a span
// never starts in text the grammar skipped.
#pragma once

#include <array>
#include <string_view>

namespace ardent::syntax {

namespace detail {
enum CharClass : unsigned char { kBlank = 1, kWordChar = 2, kEndsStringRun = 4 };

// One load per test instead of a chain of comparisons: the precheck and the grammar ask these
// of nearly every byte of a rule file. Built by listing, never by <cctype>, so bytes >= 0x80
// are neither.
inline constexpr auto kCharClasses = [] {
  std::array<unsigned char, 256> t{};
  for (unsigned char c : {' ', '\t', '\r', '\n', '\f', '\v'}) t[c] = kBlank;
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<unsigned char>(c)] = kWordChar;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<unsigned char>(c)] = kWordChar;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<unsigned char>(c)] = kWordChar;
  t['_'] = kWordChar;
  for (unsigned char c : {'"', '\\', '\r', '\n'}) t[c] |= kEndsStringRun;
  return t;
}();
}  // namespace detail

// Any line ending is a blank.
constexpr bool is_blank(char c) {
  return detail::kCharClasses[static_cast<unsigned char>(c)] & detail::kBlank;
}

// [a-zA-Z0-9_]
constexpr bool is_word_char(char c) {
  return detail::kCharClasses[static_cast<unsigned char>(c)] & detail::kWordChar;
}

// What ends a run of plain characters inside a string: its closing quote, an escape, or a
// line break (a string stays on one line).
constexpr bool ends_string_run(char c) {
  return detail::kCharClasses[static_cast<unsigned char>(c)] & detail::kEndsStringRun;
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
