// Deciding rules from their rows (prog::Rows): the atoms' truths as bit sets from a case's
// leaves, then the rules from their conjunctions. What the row pass and the evaluation of one
// case given as bits share.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ardent/result.hpp"
#include "compile/program.hpp"
#include "eval/logic.hpp"

namespace ardent::eval {

// What a case's atoms do to the conjunctions that read them, four atoms a look-up: an unknown
// atom leaves them incomplete; a true one breaks those that want it false, a false one those
// that want it true (and a broken conjunction is incomplete too). W: the conjunctions' words.
template <unsigned W>
void mark_conjunctions(const prog::Rows& rows, const std::uint64_t* yes, const std::uint64_t* no,
                       std::uint64_t* incomplete, std::uint64_t* broken) {
  std::uint64_t open[W] = {}, against[W] = {};
  for (std::uint32_t w = 0; w < rows.atom_words; ++w) {
    const std::uint64_t read = rows.read[w];
    const std::uint64_t t = yes[w] & read, f = no[w] & read, u = read & ~(yes[w] | no[w]);
    const std::uint32_t end = read ? 64 - static_cast<std::uint32_t>(__builtin_clzll(read)) : 0;  // past the last atom read
    const std::uint64_t* marks = rows.marks.data() + std::size_t(w) * 16 * 48 * W;
    for (std::uint32_t q = 0; q < end; q += 4, marks += 48 * W) {
      const std::uint64_t* when_false = marks + ((f >> q) & 15) * W;
      const std::uint64_t* when_true = marks + (16 + ((t >> q) & 15)) * W;
      const std::uint64_t* when_unknown = marks + (32 + ((u >> q) & 15)) * W;
      for (unsigned c = 0; c < W; ++c) {
        against[c] |= when_false[c] | when_true[c];
        open[c] |= when_unknown[c];
      }
    }
  }
  for (unsigned c = 0; c < W; ++c) {
    incomplete[c] = open[c] | against[c];
    broken[c] = against[c];
  }
}

// Each rule's state, in rule order, to on_rule(rule, state): fired when one of its conjunctions
// is complete; not fired when all are broken (a rule with none never fires); undecided
// otherwise.
template <unsigned W, class OnRule>
void decide_rules(const prog::Rows& rows, const std::uint64_t* incomplete, const std::uint64_t* broken,
                  OnRule& on_rule) {
  const std::uint64_t* conj = rows.rule_conj.data();
  const auto rules = static_cast<std::uint32_t>(rows.rule_conj.size() / W);
  for (std::uint32_t rule = 0; rule < rules; ++rule, conj += W) {
    bool fired = false, not_fired = true;
    for (unsigned c = 0; c < W; ++c) {
      fired |= (conj[c] & ~incomplete[c]) != 0;
      not_fired &= (conj[c] & ~broken[c]) == 0;
    }
    on_rule(rule, static_cast<RuleState>(fired ? 2 : not_fired ? 0 : 1));
  }
}

// The rules' states from the atoms' truths (atoms true, atoms false), as decide_rules gives them.
template <class OnRule>
void decide_by_rows(const prog::Rows& rows, const std::uint64_t* yes, const std::uint64_t* no, OnRule on_rule) {
  std::uint64_t incomplete[2], broken[2];
  auto run = [&]<unsigned W>() {
    mark_conjunctions<W>(rows, yes, no, incomplete, broken);
    decide_rules<W>(rows, incomplete, broken, on_rule);
  };
  if (rows.conj_words == 1) return run.template operator()<1>();
  run.template operator()<2>();
}

// Atom bits written in order, a word at a time.
class AtomWriter {
 public:
  AtomWriter(std::uint64_t* yes, std::uint64_t* no) : yes_(yes), no_(no) {}
  void add(bool is_given, bool holds) {
    y_ |= std::uint64_t{is_given && holds} << (atom_ % 64);
    n_ |= std::uint64_t{is_given && !holds} << (atom_ % 64);
    if (++atom_ % 64 == 0) flush();
  }
  // Whole words of atoms at once, from atom 0 (before any add).
  void add_words(const std::uint64_t* y, const std::uint64_t* n, std::uint32_t atoms) {
    const std::uint32_t whole = atoms / 64;
    for (std::uint32_t w = 0; w < whole; ++w) {
      yes_[w] = y[w];
      no_[w] = n[w];
    }
    atom_ = whole * 64;
    if (const std::uint32_t rest = atoms % 64) {
      const std::uint64_t mask = (std::uint64_t{1} << rest) - 1;
      y_ = y[whole] & mask;
      n_ = n[whole] & mask;
      atom_ += rest;
    }
  }
  void finish() {
    if (atom_ % 64) flush();
  }

 private:
  void flush() {
    yes_[(atom_ - 1) / 64] = y_;
    no_[(atom_ - 1) / 64] = n_;
    y_ = n_ = 0;
  }
  std::uint64_t* yes_;
  std::uint64_t* no_;
  std::uint32_t atom_ = 0;
  std::uint64_t y_ = 0, n_ = 0;
};

template <syntax::CmpOp Op, class Source>
void add_comparisons(const Program& p, const Source& in, AtomWriter& out) {
  for (const auto& a : p.cmp_atoms[static_cast<int>(Op)])
    out.add(in.given(a.slot), compare_exact(Op, in.value(a.slot), a.constant));
}

// The truth of every leaf as atom bits, from a case as `in` holds it: given(slot), yes(slot)
// (of a yes/no finding), value(slot) (0 where not given, which add() then ignores: no branch on
// whether a finding was given), and yes_no_words(w, n, yes, no) for the yes/no findings
// [64 w, 64 w + n) answered yes and no.
template <class Source>
void leaf_atoms(const Program& p, const prog::Rows& rows, const Source& in, std::uint64_t* atom_yes,
                std::uint64_t* atom_no) {
  AtomWriter out(atom_yes, atom_no);
  if (rows.yes_no_in_order) {  // yes/no leaf i reads finding i: the answers are the atoms
    const auto n = static_cast<std::uint32_t>(p.bool_atoms.size());
    std::uint64_t y[4] = {}, no[4] = {};
    for (std::uint32_t w = 0; w * 64 < n; ++w) in.yes_no_words(w, std::min<std::uint32_t>(64, n - w * 64), y[w], no[w]);
    out.add_words(y, no, n);
  } else {
    for (std::uint32_t slot : p.bool_atoms) out.add(in.given(slot), in.yes(slot));
  }
  for (const auto& a : p.enum_atoms)
    out.add(in.given(a.slot), (a.mask >> static_cast<std::uint32_t>(in.value(a.slot))) & 1u);
  for (std::uint32_t slot : p.known_atoms) out.add(true, in.given(slot));
  for (std::uint32_t slot : p.unknown_atoms) out.add(true, !in.given(slot));
  for_each_cmp_op([&]<syntax::CmpOp Op>() { add_comparisons<Op>(p, in, out); });
  out.finish();
}

}  // namespace ardent::eval
