#include "compile/name_index.hpp"

#include <algorithm>
#include <numeric>

namespace ardent::prog {

void NameIndex::build(const std::vector<std::string_view>& names) {
  std::vector<std::uint32_t> order(names.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (names[a].size() != names[b].size()) return names[a].size() < names[b].size();
    const std::uint64_t ka = prefix_key(names[a]), kb = prefix_key(names[b]);
    return ka != kb ? ka < kb : names[a] < names[b];  // find() searches by key
  });
  auto same = [&](std::uint32_t a, std::uint32_t b) { return names[a] == names[b]; };
  order.erase(std::unique(order.begin(), order.end(), same), order.end());
  std::size_t longest = 0;
  for (std::string_view name : names) longest = std::max(longest, name.size());
  group_.assign(longest + 2, 0);
  start_.assign(longest + 2, 0);
  index_.clear();
  keys_.clear();
  bytes_.clear();
  std::size_t length = 0;
  for (std::uint32_t i : order) {
    while (length < names[i].size()) {  // the groups up to this name's length end here
      ++length;
      group_[length] = static_cast<std::uint32_t>(index_.size());
      start_[length] = bytes_.size();
    }
    index_.push_back(i);
    keys_.push_back(prefix_key(names[i]));
    bytes_ += names[i];
  }
  while (++length < group_.size()) {
    group_[length] = static_cast<std::uint32_t>(index_.size());
    start_[length] = bytes_.size();
  }
}

}  // namespace ardent::prog
