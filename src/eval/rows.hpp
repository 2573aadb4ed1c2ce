// Deciding rules from their rows (prog::Rows), given the atoms' truths as bit sets: what the
// row pass and the evaluation of one case given as bits share.
#pragma once

#include <cstdint>

#include "ardent/result.hpp"
#include "compile/program.hpp"

namespace ardent::eval {

// For each atom read, what it does to the conjunctions that read it: an unknown atom leaves
// them incomplete; a true one breaks those that want it false, a false one those that want it
// true (and a broken conjunction is incomplete too).
inline void mark_conjunctions(const prog::Rows& rows, const std::uint64_t* yes, const std::uint64_t* no,
                              std::uint64_t& incomplete, std::uint64_t& broken) {
  std::uint64_t open = 0, against = 0;
  const auto* wants = rows.wants.data();
  for (std::uint32_t w = 0; w < rows.atom_words; ++w) {
    const auto* atoms = wants + std::size_t(w) * 64;
    const std::uint64_t read = rows.read[w];
    for (std::uint64_t bits = read & ~(yes[w] | no[w]); bits; bits &= bits - 1)
      open |= atoms[__builtin_ctzll(bits)][2];
    for (std::uint64_t bits = read & yes[w]; bits; bits &= bits - 1) against |= atoms[__builtin_ctzll(bits)][1];
    for (std::uint64_t bits = read & no[w]; bits; bits &= bits - 1) against |= atoms[__builtin_ctzll(bits)][0];
  }
  incomplete = open | against;
  broken = against;
}

// Each rule's state, in rule order, to on_rule(rule, state): fired when one of its conjunctions
// is complete; not fired when all are broken (a rule with none never fires); undecided
// otherwise.
template <class OnRule>
void decide_rules(const prog::Rows& rows, std::uint64_t incomplete, std::uint64_t broken, OnRule on_rule) {
  const std::uint64_t* conj = rows.rule_conj.data();
  const auto rules = static_cast<std::uint32_t>(rows.rule_conj.size());
  for (std::uint32_t rule = 0; rule < rules; ++rule) {
    const std::uint64_t mine = conj[rule];
    const bool fired = (mine & ~incomplete) != 0, not_fired = (mine & ~broken) == 0;
    on_rule(rule, static_cast<RuleState>(fired ? 2 : not_fired ? 0 : 1));
  }
}

}  // namespace ardent::eval
