// The leaves of a case: every boolean leaf's truth and every numeric leaf's value, one tight
// loop per kind of leaf (the full pass and the row pass start with them).
#pragma once

#include <cstdint>

#include "ardent/case.hpp"
#include "compile/program.hpp"
#include "eval/logic.hpp"

namespace ardent::eval {

// The leaves comparing a finding with a constant by `Op`, the operator fixed for the loop.
template <syntax::CmpOp Op>
inline void compare_leaves(const Program& p, const std::uint8_t* st, const double* val, std::uint8_t* t) {
  constexpr std::uint8_t given = static_cast<std::uint8_t>(FindingState::given);
  std::uint8_t* out = t + p.cmp_base[static_cast<int>(Op)];
  for (const auto& a : p.cmp_atoms[static_cast<int>(Op)])
    *out++ = st[a.slot] == given ? (compare_exact(Op, val[a.slot], a.constant) ? T : F) : U;
}

// Constants are not written: prepare sets them once, and they never change.
inline void compute_leaves(const Program& p, const std::uint8_t* st, const double* val, std::uint8_t* t, double* lo,
                           double* hi) {
  constexpr std::uint8_t given = static_cast<std::uint8_t>(FindingState::given);

  // Boolean leaves, one tight loop per kind.
  {
    std::uint8_t* out = t;
    for (std::uint32_t slot : p.bool_atoms)
      *out++ = st[slot] == given ? (val[slot] != 0 ? T : F) : U;
  }
  {
    std::uint8_t* out = t + p.enum_base;
    for (const auto& a : p.enum_atoms) {
      const std::uint32_t slot = a.slot;
      *out++ = st[slot] == given ? static_cast<std::uint8_t>(((a.mask >> static_cast<std::uint32_t>(val[slot])) & 1u) * 2u) : U;
    }
  }
  {
    std::uint8_t* out = t + p.known_base;
    for (std::uint32_t slot : p.known_atoms) *out++ = st[slot] == given ? T : F;
    out = t + p.unknown_base;
    for (std::uint32_t slot : p.unknown_atoms) *out++ = st[slot] == given ? F : T;
  }
  for_each_cmp_op([&]<syntax::CmpOp Op>() { compare_leaves<Op>(p, st, val, t); });
  // Numeric leaves.
  for (std::uint32_t i = 0; i < p.num_findings.size(); ++i) {
    const std::uint32_t slot = p.num_findings[i];
    lo[i] = hi[i] = st[slot] == given ? val[slot] : kNaN;
  }
}

}  // namespace ardent::eval
