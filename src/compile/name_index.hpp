// Name -> index for the names a rule set declares (findings, conditions, rules). A case's JSON
// names every finding it gives: hashing each name, and a binary search by string comparison over
// every name, each cost more than the rest of reading a case. Here the names are grouped by
// length and sorted within a group, back to back in one buffer, so that a lookup is a binary
// search by memcmp among the few names of its length.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ardent::prog {

class NameIndex {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // Name i gets index i; of two equal names, the first.
  void build(const std::vector<std::string_view>& names);

  std::uint32_t find(std::string_view name) const {
    const std::size_t n = name.size();
    if (n + 1 >= group_.size()) return kNone;
    const std::uint32_t first = group_[n];
    const char* const bytes = bytes_.data() + start_[n];
    std::uint32_t lo = first, hi = group_[n + 1];
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const int c = std::memcmp(bytes + std::size_t(mid - first) * n, name.data(), n);
      if (c == 0) return index_[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return kNone;
  }

 private:
  std::vector<std::uint32_t> group_;  // by length n: the names of n bytes are index_[group_[n], group_[n + 1])
  std::vector<std::size_t> start_;    // by length n: where their bytes begin in bytes_
  std::vector<std::uint32_t> index_;  // the names' indices, by length, then by bytes
  std::string bytes_;                 // the names in that order, back to back
};

}  // namespace ardent::prog
