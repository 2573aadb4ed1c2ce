#include "ardent/names.hpp"

#include <algorithm>
#include <vector>

namespace ardent {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows are enough for the look-back of a swap.
  std::vector<std::size_t> before(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[m];
}

namespace {

// Short names get little slack: "ab" must not suggest "xy".
std::size_t slack(std::size_t length) { return length <= 3 ? 1 : std::max<std::size_t>(2, length / 3); }

// Longer than this, a name is not a typo of another, and comparing two of that length costs
// the product of their lengths (two names of half a megabyte in a rule file: minutes).
constexpr std::size_t kLongestTypo = 100;

// One is the start of the other, over at least three characters: "pain_cen", "feverish".
bool shares_start(std::string_view name, std::string_view candidate) {
  const std::size_t shorter = std::min(name.size(), candidate.size());
  return shorter >= 3 && name.substr(0, shorter) == candidate.substr(0, shorter);
}

template <class Text>
std::optional<std::string> closest(std::string_view name, std::span<const Text> candidates) {
  if (name.empty()) return std::nullopt;
  const std::size_t limit = slack(name.size());
  std::size_t best = limit + 1;
  std::optional<std::string_view> pick;
  for (std::string_view c : candidates) {
    if (c == name) continue;
    const std::size_t diff = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (diff > limit || name.size() > kLongestTypo) continue;  // the lengths alone are too far apart
    if (const std::size_t d = edit_distance(name, c); d < best) {
      best = d;
      pick = c;
    }
  }
  if (pick) return std::string(*pick);
  for (std::string_view c : candidates) {
    if (c == name || !shares_start(name, c)) continue;
    if (pick) return std::nullopt;  // several: no single guess
    pick = c;
  }
  if (pick) return std::string(*pick);
  return std::nullopt;
}

std::string phrase(const std::optional<std::string>& guess) {
  return guess ? "; did you mean " + in_quotes(*guess) + "?" : std::string();
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name, std::span<const std::string_view> candidates) {
  return closest(name, candidates);
}
std::optional<std::string> closest_name(std::string_view name, std::span<const std::string> candidates) {
  return closest(name, candidates);
}
std::string did_you_mean(std::string_view name, std::span<const std::string_view> candidates) {
  return phrase(closest(name, candidates));
}
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates) {
  return phrase(closest(name, candidates));
}

}  // namespace ardent
