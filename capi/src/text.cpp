// Text checks at the boundary: UTF-8 validation, safe quoting of caller-supplied names in
// messages, and "did you mean" suggestions for names that are not found.
#include <algorithm>
#include <array>

#include "internal.hpp"

namespace ardent::capi {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view text, std::size_t i) noexcept {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xbf;  // allowed range of the second byte
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    n = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    n = 3;
    if (b0 == 0xe0) lo = 0xa0;
    if (b0 == 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    n = 4;
    if (b0 == 0xf0) lo = 0x90;
    if (b0 == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (text.size() - i < n) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
  }
  return n;
}

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    // ASCII runs are the common case.
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    std::size_t bad = invalid_utf8_at(text);
    if (bad == std::string_view::npos) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, bad));
    out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
    text.remove_prefix(bad + 1);
  }
  return out;
}

std::string quote(std::string_view name) {
  constexpr std::size_t kMaxShown = 80;  // characters; a name longer than this is a mistake
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < name.size(); ++shown) {
    if (shown == kMaxShown) {
      out += "...";
      break;
    }
    std::size_t n = sequence_length(name, i);
    auto b = static_cast<unsigned char>(name[i]);
    if (n == 0 || b < 0x20 || b == 0x7f) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
      i += 1;
    } else {
      out.append(name.substr(i, n));
      i += n;
    }
  }
  out += "'";
  return out;
}

std::optional<std::string_view> closest(std::string_view name,
                                        const std::vector<std::string_view>& candidates) {
  // Levenshtein distance with one rolling row; names are short identifiers.
  if (name.size() > 64) return std::nullopt;
  std::array<std::size_t, 65> row{};
  std::size_t best = static_cast<std::size_t>(-1);
  std::optional<std::string_view> best_name;
  for (std::string_view cand : candidates) {
    if (cand.size() > 64) continue;
    for (std::size_t j = 0; j <= cand.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= name.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= cand.size(); ++j) {
        std::size_t above = row[j];
        std::size_t substitute = diagonal + (name[i - 1] == cand[j - 1] ? 0 : 1);
        row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
        diagonal = above;
      }
    }
    if (row[cand.size()] < best) {
      best = row[cand.size()];
      best_name = cand;
    }
  }
  // A likely typo: at most a third of the name changed (and at least one edit allowed).
  std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  if (best_name && best > 0 && best <= limit) return best_name;
  return std::nullopt;
}

}  // namespace ardent::capi
