#include "check/suggest.hpp"

#include <algorithm>
#include <limits>

namespace ardent::check::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Three rolling rows are enough for the transposition lookback.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

namespace {
// Short names get little slack: "ab" must not suggest "xy".
std::size_t threshold(std::size_t length) {
  if (length <= 3) return 1;
  return std::max<std::size_t>(2, length / 3);
}

bool prefix_match(std::string_view name, std::string_view candidate) {
  const std::size_t shorter = std::min(name.size(), candidate.size());
  if (shorter < 3) return false;
  return candidate.substr(0, shorter) == name.substr(0, shorter);
}
}  // namespace

std::optional<std::string> closest(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::size_t limit = threshold(name.size());
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::optional<std::string> pick;
  for (auto c : candidates) {
    if (c == name) continue;
    // Cheap reject: the length difference alone already exceeds the limit.
    const std::size_t diff = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (diff > limit) continue;
    const std::size_t d = edit_distance(name, c);
    if (d <= limit && d < best) {
      best = d;
      pick = std::string(c);
    }
  }
  if (pick) return pick;
  for (auto c : candidates)
    if (c != name && prefix_match(name, c)) return std::string(c);
  return std::nullopt;
}

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  auto c = closest(name, candidates);
  return c ? "; did you mean '" + *c + "'?" : std::string();
}

}  // namespace ardent::check::detail
