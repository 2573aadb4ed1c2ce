// "Did you mean ...?" for names typed on the command line or in the REPL. Header-only so that
// the unit tests (which do not link the CLI) can exercise it directly.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ardent::cli {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring characters each cost 1 (a swap is the most common typing slip).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(row);
  }
  return prev[m];
}

// The candidate the user most likely meant: the nearest one within a distance that grows with
// the length of the word (a third of it, at least 2), else the only candidate that starts with
// the word. Ties go to the earlier candidate, so the answer is deterministic.
inline std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || candidates.empty()) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::size_t best = limit + 1;
  const std::string* choice = nullptr;
  for (const auto& c : candidates) {
    if (c == word) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      choice = &c;
    }
  }
  if (choice) return *choice;
  const std::string* prefixed = nullptr;
  for (const auto& c : candidates) {
    if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
      if (prefixed) return std::nullopt;  // several: no single guess
      prefixed = &c;
    }
  }
  if (prefixed) return *prefixed;
  return std::nullopt;
}

// "; did you mean 'x'?" or nothing.
inline std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto c = closest(word, candidates);
  return c ? "; did you mean '" + *c + "'?" : std::string();
}

}  // namespace ardent::cli
