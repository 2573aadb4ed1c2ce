// The evaluator's (and the audit row's) view of a Case's raw storage, which the public header
// keeps private.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ardent/case.hpp"

namespace ardent::internal {

struct CaseAccess {
  static const std::uint8_t* states(const Case& c) { return c.state_.data(); }
  static const double* values(const Case& c) { return c.value_.data(); }
  // Bit b of word w: findings [64 (64 w + b), +64) may be other than not asked (Case::touched_).
  static const std::vector<std::uint64_t>& touched(const Case& c) { return c.touched_; }
};

// Up to this many findings (eight blocks), an evaluation copies a case whole: choosing its
// blocks would cost more (rules/hip has 124 findings).
inline constexpr std::size_t kWholeCase = 512;

// Calls f(first, last) for each block of findings [first, last) that `touched` marks (as
// Case::touched_ does), in order; `n` is the number of findings.
template <class F>
void for_each_block(const std::vector<std::uint64_t>& touched, std::size_t n, F f) {
  for (std::size_t w = 0; w < touched.size(); ++w)
    for (std::uint64_t bits = touched[w]; bits; bits &= bits - 1) {
      const std::size_t first = (w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))) * 64;
      f(first, first + 64 < n ? first + 64 : n);
    }
}

}  // namespace ardent::internal
