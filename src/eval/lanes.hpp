// Up to 64 values of a column turned into one word, bit j for value j: the sliced evaluator's
// leaves read a table's columns this way. SSE2 (every x86-64 processor) compares two doubles
// or sixteen states an instruction; elsewhere the plain loops give the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "eval/logic.hpp"

namespace ardent::eval {

// The lanes j < n.
inline std::uint64_t lanes_below(std::size_t n) { return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1; }

// The lanes j < n where states[j] == state.
inline std::uint64_t lanes_equal(const std::uint8_t* states, std::size_t n, std::uint8_t state) {
  std::uint64_t bits = 0;
  std::size_t j = 0;
#if defined(__SSE2__)
  const __m128i want = _mm_set1_epi8(static_cast<char>(state));
  for (; j + 16 <= n; j += 16) {
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(states + j));
    bits |= std::uint64_t(static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(s, want)))) << j;
  }
  if (j < n) {  // the last few through a copy, as reading past the end could leave the buffer
    alignas(16) std::uint8_t rest[16] = {};
    std::memcpy(rest, states + j, n - j);
    const __m128i s = _mm_load_si128(reinterpret_cast<const __m128i*>(rest));
    const auto hits = static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(s, want)));
    bits |= (std::uint64_t{hits} & lanes_below(n - j)) << j;
    j = n;
  }
#endif
  for (; j < n; ++j) bits |= std::uint64_t{states[j] == state} << j;
  return bits;
}

#if defined(__SSE2__)
// Two lanes compared as C++ compares doubles: ordered for < <= > >= ==, so that NaN holds none
// of them, and unordered for !=, which NaN holds.
template <syntax::CmpOp Op>
inline __m128d compare_pair(__m128d v, __m128d c) {
  if constexpr (Op == syntax::CmpOp::Lt) return _mm_cmplt_pd(v, c);
  else if constexpr (Op == syntax::CmpOp::Le) return _mm_cmple_pd(v, c);
  else if constexpr (Op == syntax::CmpOp::Gt) return _mm_cmpgt_pd(v, c);
  else if constexpr (Op == syntax::CmpOp::Ge) return _mm_cmpge_pd(v, c);
  else if constexpr (Op == syntax::CmpOp::Eq) return _mm_cmpeq_pd(v, c);
  else return _mm_cmpneq_pd(v, c);
}
#endif

// The lanes j < n where compare_exact(Op, values[j], constant) holds.
template <syntax::CmpOp Op>
inline std::uint64_t lanes_holding(const double* values, std::size_t n, double constant) {
  std::uint64_t bits = 0;
  std::size_t j = 0;
#if defined(__SSE2__)
  const __m128d c = _mm_set1_pd(constant);
  for (; j + 2 <= n; j += 2)
    bits |= std::uint64_t(static_cast<unsigned>(_mm_movemask_pd(compare_pair<Op>(_mm_loadu_pd(values + j), c)))) << j;
#endif
  for (; j < n; ++j) bits |= std::uint64_t{compare_exact(Op, values[j], constant)} << j;
  return bits;
}

}  // namespace ardent::eval
