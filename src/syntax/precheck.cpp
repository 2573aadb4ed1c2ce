#include "syntax/precheck.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "syntax/characters.hpp"

namespace ardent::syntax {
namespace {

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", static_cast<unsigned>(c));
  return buf;
}

bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 if it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  const unsigned char c = at(0);
  if (c < 0x80) return 1;
  if (in(c, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

std::optional<PrecheckIssue> check_encoding(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Eight bytes at a time while they are all printable ASCII, nearly all of a rule file: no
    // byte with the high bit set, below 0x20 or equal to 0x7F.
    if (i + 8 <= text.size()) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, sizeof w);
      constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
      const std::uint64_t below_space = (w - ones * 0x20) & ~w;
      const std::uint64_t x7f = w ^ (ones * 0x7F);
      const std::uint64_t is_7f = (x7f - ones) & ~x7f;
      if (((w | below_space | is_7f) & highs) == 0) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {  // printable ASCII
      ++i;
      continue;
    }
    const bool allowed_control = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if ((c < 0x20 && !allowed_control) || c == 0x7F) {
      return PrecheckIssue{static_cast<std::uint32_t>(i), 1,
                           "control character " + hex_byte(c) + " is not allowed in a rule file"};
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      return PrecheckIssue{static_cast<std::uint32_t>(i), 1, "invalid UTF-8 byte " + hex_byte(c)};
    }
    i += n;
  }
  return std::nullopt;
}

bool word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

bool equals_lower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (ascii_lower(word[i]) != lower[i]) return false;
  return true;
}

// What a word means to the nesting count. Most words are names; the first letter picks the
// few keywords worth comparing, so a name costs one switch rather than seventeen comparisons.
enum class WordKind { other, prefix, separator, declaration, link };

WordKind classify(std::string_view word) {
  auto is = [&](std::string_view lower) { return equals_lower(word, lower); };
  switch (ascii_lower(word[0])) {
    case 'n': return is("not") ? WordKind::prefix : WordKind::other;
    case 'a': return is("and") ? WordKind::separator : WordKind::other;
    case 'o': return is("or") ? WordKind::separator : is("of") ? WordKind::link : WordKind::other;
    case 'w': return is("when") ? WordKind::separator : WordKind::other;
    case 't': return is("then") ? WordKind::separator : is("test") ? WordKind::declaration : WordKind::other;
    case 'r':
      return is("ruleset") || is("rule") || is("redflag") ? WordKind::declaration : WordKind::other;
    case 'f': return is("finding") ? WordKind::declaration : WordKind::other;
    case 'c': return is("condition") ? WordKind::declaration : WordKind::other;
    case 'd': return is("define") ? WordKind::declaration : WordKind::other;
    case 's': return is("score") || is("screen") ? WordKind::declaration : WordKind::other;
    case 'i': return is("is") || is("in") ? WordKind::link : WordKind::other;
    case 'b': return is("between") ? WordKind::link : WordKind::other;
    default: return WordKind::other;
  }
}

// Counts how deeply the grammar would recurse: one level per open parenthesis and one per
// pending prefix operator (`not`, unary `-`). Prefix operators are pending until the next
// `and`, `or`, `,`, `when`, `then` or arrow at their level; counting a few too many is
// harmless, counting too few is not.
std::optional<PrecheckIssue> check_nesting(std::string_view text) {
  std::vector<int> saved_prefix;  // prefix count of each enclosing level
  int depth = 0;                  // levels held by the open parentheses
  int prefix = 0;                 // pending prefix operators at the current level
  bool after_operand = false;     // a '-' here would be binary
  const std::size_t n = text.size();
  auto too_deep = [&](std::size_t at, std::size_t len) -> std::optional<PrecheckIssue> {
    if (depth + prefix <= max_nesting) return std::nullopt;
    return PrecheckIssue{
        static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(len),
        "expression nested too deeply (more than " + std::to_string(max_nesting) + " levels)"};
  };
  for (std::size_t i = 0; i < n;) {
    const char c = text[i];
    if (is_blank(c)) {  // most bytes, in runs (indentation)
      do ++i;
      while (i < n && is_blank(text[i]));
    } else if (c == '#') {  // a fifth of a rule file
      const std::size_t lf = text.find('\n', i);
      i = lf == std::string_view::npos ? n : lf;
    } else if (c == '"') {
      ++i;
      // To the closing quote or the line's end; an escape's second byte is skipped, and a
      // '\r' is an ordinary byte here.
      for (;;) {
        while (i < n && !ends_string_run(text[i])) ++i;
        if (i >= n || text[i] == '"' || text[i] == '\n') break;
        i += text[i] == '\\' ? 2 : 1;
      }
      ++i;
      after_operand = true;
    } else if (word_start(c)) {
      const std::size_t start = i;
      while (i < n && is_word_char(text[i])) ++i;
      const std::string_view word = text.substr(start, i - start);
      const WordKind kind = classify(word);
      if (kind == WordKind::prefix) {
        ++prefix;
        after_operand = false;
        if (auto issue = too_deep(start, word.size())) return issue;
      } else if (kind == WordKind::separator) {
        prefix = 0;
        after_operand = false;
      } else if (saved_prefix.empty() && kind == WordKind::declaration) {
        // Outside parentheses a declaration word ends the previous declaration. (Should it be
        // a name inside an expression instead, the count is off by at most one limit's worth.)
        prefix = 0;
        after_operand = false;
      } else {
        after_operand = kind != WordKind::link;
      }
    } else if (c >= '0' && c <= '9') {
      while (i < n && (is_word_char(text[i]) || text[i] == '.')) ++i;
      after_operand = true;
    } else if (c == '(') {
      saved_prefix.push_back(prefix);
      depth += 1 + prefix;
      prefix = 0;
      after_operand = false;
      if (auto issue = too_deep(i, 1)) return issue;
      ++i;
    } else if (c == ')') {
      if (!saved_prefix.empty()) {
        prefix = saved_prefix.back();
        saved_prefix.pop_back();
        depth -= 1 + prefix;
      }
      after_operand = true;
      ++i;
    } else if (c == '-' && i + 1 < n && text[i + 1] == '>') {
      prefix = 0;
      after_operand = false;
      i += 2;
    } else if (c == '-') {
      if (!after_operand) {
        ++prefix;
        if (auto issue = too_deep(i, 1)) return issue;
      }
      after_operand = false;
      ++i;
    } else if (c == ',') {
      prefix = 0;
      after_operand = false;
      ++i;
    } else {
      after_operand = c == '}';
      ++i;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<PrecheckIssue> precheck(std::string_view text) {
  if (auto issue = check_encoding(text)) return issue;
  return check_nesting(text);
}

}  // namespace ardent::syntax
