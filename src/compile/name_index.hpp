// Name -> index for the names a rule set declares (findings, conditions, rules). A case's JSON
// names every finding it gives: hashing each name, and a binary search by string comparison over
// every name, each cost more than the rest of reading a case. Here the names are grouped by
// length and sorted within a group, back to back in one buffer, so that a lookup is a binary
// search among the few names of its length; by their first eight bytes read as one number,
// which orders them as memcmp does, and memcmp only for the bytes after those.
#pragma once

#include <bit>
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
    const std::uint64_t key = prefix_key(name);
    std::uint32_t lo = group_[n], hi = group_[n + 1];
    while (lo < hi) {  // the first name of this length whose key is not below `key`
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (keys_[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    if (n <= 8) return lo < group_[n + 1] && keys_[lo] == key ? index_[lo] : kNone;
    const char* const bytes = bytes_.data() + start_[n];
    for (; lo < group_[n + 1] && keys_[lo] == key; ++lo)
      if (std::memcmp(bytes + std::size_t(lo - group_[n]) * n + 8, name.data() + 8, n - 8) == 0) return index_[lo];
    return kNone;
  }

 private:
  // The first eight bytes (fewer, then zeros), the first the most significant.
  static std::uint64_t prefix_key(std::string_view name) {
    std::uint64_t key = 0;
    if (name.size() >= 8) {
      std::memcpy(&key, name.data(), 8);
      if constexpr (std::endian::native == std::endian::little) key = __builtin_bswap64(key);
      return key;
    }
    for (std::size_t i = 0; i < 8; ++i)
      key = key << 8 | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0u);
    return key;
  }

  std::vector<std::uint32_t> group_;  // by length n: the names of n bytes are index_[group_[n], group_[n + 1])
  std::vector<std::size_t> start_;    // by length n: where their bytes begin in bytes_
  std::vector<std::uint32_t> index_;  // the names' indices, by length, then by bytes
  std::vector<std::uint64_t> keys_;   // their prefix keys, in the same order
  std::string bytes_;                 // the names in that order, back to back
};

}  // namespace ardent::prog
