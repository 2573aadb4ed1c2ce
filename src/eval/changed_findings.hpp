// The findings that changed between two snapshots of a case: the step pass compares the case
// with the result's last evaluation, the interview's planning compares that with its last plan.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "compile/program.hpp"
#include "eval/node_ops.hpp"

namespace ardent::eval {

// The findings whose state, or value where given, differs between (st, val) and (old_st,
// old_val), into `changed`; returns how many instructions read their leaves, and stops once
// that passes `limit`.
inline std::uint64_t changed_findings(const Program& p, const std::uint8_t* old_st, const double* old_val,
                                      const std::uint8_t* st, const double* val, std::vector<std::uint32_t>& changed,
                                      std::uint64_t limit) {
  constexpr auto kGiven = static_cast<std::uint8_t>(FindingState::given);
  changed.clear();
  std::uint64_t fanout = 0;
  const auto nf = static_cast<std::uint32_t>(p.findings.size());
  const bool same_values = nf == 0 || std::memcmp(val, old_val, nf * sizeof(double)) == 0;
  for (std::uint32_t slot = 0; slot < nf; ++slot) {
    if (same_values) {  // only the states can differ: skip eight equal ones at a time
      if (slot + 8 <= nf && std::memcmp(st + slot, old_st + slot, 8) == 0) {
        slot += 7;
        continue;
      }
      if (st[slot] == old_st[slot]) continue;
    } else if (st[slot] == old_st[slot] && (st[slot] != kGiven || same_bits(val[slot], old_val[slot]))) {
      continue;
    }
    changed.push_back(slot);
    fanout += p.slot_fanout[slot];
    if (fanout > limit) break;
  }
  return fanout;
}

}  // namespace ardent::eval
