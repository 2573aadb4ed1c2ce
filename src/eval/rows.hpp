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

// The incomplete conjunctions alone, two look-ups for four atoms: a conjunction is incomplete
// when an atom it wants true is not true (false or unknown), or one it wants false is not false.
template <unsigned W>
void mark_incomplete(const prog::Rows& rows, const std::uint64_t* yes, const std::uint64_t* no,
                     std::uint64_t* incomplete) {
  std::uint64_t open[W] = {};
  if (!rows.byte_marks.empty()) {  // one word of atoms, eight a look-up
    const std::uint64_t read = rows.read[0];
    const std::uint64_t not_true = read & ~yes[0], not_false = read & ~no[0];
    const std::uint32_t end = read ? 64 - static_cast<std::uint32_t>(__builtin_clzll(read)) : 0;
    const std::uint64_t* marks = rows.byte_marks.data();
    for (std::uint32_t q = 0; q < end; q += 8, marks += 512 * W) {
      const std::uint64_t* wanting_true = marks + ((not_true >> q) & 255) * W;
      const std::uint64_t* wanting_false = marks + (256 + ((not_false >> q) & 255)) * W;
      for (unsigned c = 0; c < W; ++c) open[c] |= wanting_true[c] | wanting_false[c];
    }
    for (unsigned c = 0; c < W; ++c) incomplete[c] = open[c];
    return;
  }
  for (std::uint32_t w = 0; w < rows.atom_words; ++w) {
    const std::uint64_t read = rows.read[w];
    const std::uint64_t not_true = read & ~yes[w], not_false = read & ~no[w];
    const std::uint32_t end = read ? 64 - static_cast<std::uint32_t>(__builtin_clzll(read)) : 0;
    const std::uint64_t* marks = rows.marks.data() + std::size_t(w) * 16 * 48 * W;
    for (std::uint32_t q = 0; q < end; q += 4, marks += 48 * W) {
      const std::uint64_t* wanting_true = marks + ((not_true >> q) & 15) * W;
      const std::uint64_t* wanting_false = marks + (16 + ((not_false >> q) & 15)) * W;
      for (unsigned c = 0; c < W; ++c) open[c] |= wanting_true[c] | wanting_false[c];
    }
  }
  for (unsigned c = 0; c < W; ++c) incomplete[c] = open[c];
}

// The rules that fire, to on_fired(rule, triage), from the atoms' truths: those with a complete
// conjunction, each once for each such conjunction. For callers that need no other state.
template <class OnFired>
void fired_by_rows(const prog::Rows& rows, const std::uint64_t* yes, const std::uint64_t* no, OnFired on_fired) {
  std::uint64_t incomplete[2];
  if (rows.conj_words == 1) mark_incomplete<1>(rows, yes, no, incomplete);
  else mark_incomplete<2>(rows, yes, no, incomplete);
  const auto count = static_cast<std::uint32_t>(rows.conj_owner.size());
  for (std::uint32_t c = 0; c < rows.conj_words; ++c) {
    const std::uint32_t here = std::min<std::uint32_t>(64, count - std::min(count, c * 64));
    const std::uint64_t present = here == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << here) - 1;
    for (std::uint64_t complete = present & ~incomplete[c]; complete; complete &= complete - 1) {
      const prog::Rows::ConjOwner& o = rows.conj_owner[c * 64 + static_cast<std::uint32_t>(__builtin_ctzll(complete))];
      on_fired(o.rule, o.triage);
    }
  }
}

// Atom bits written in order, a word at a time. OneWord: at most 64 atoms, all kept in
// registers until finish(), with no test for a full word after each.
template <bool OneWord>
class AtomWriter {
 public:
  AtomWriter(std::uint64_t* yes, std::uint64_t* no) : yes_(yes), no_(no) {}
  void add(bool is_given, bool holds) { add_bits(is_given && holds, is_given && !holds); }
  // An atom true, false, or (neither) unknown.
  void add_bits(bool is_true, bool is_false) {
    y_ |= std::uint64_t{is_true} << (atom_ % 64);
    n_ |= std::uint64_t{is_false} << (atom_ % 64);
    ++atom_;
    if constexpr (!OneWord) {
      if (atom_ % 64 == 0) flush();
    }
  }
  // Whole words of atoms at once, from atom 0 (before any add).
  void add_words(const std::uint64_t* y, const std::uint64_t* n, std::uint32_t atoms) {
    const std::uint32_t whole = OneWord ? 0 : atoms / 64;
    for (std::uint32_t w = 0; w < whole; ++w) {
      yes_[w] = y[w];
      no_[w] = n[w];
    }
    atom_ = atoms;
    if (const std::uint32_t rest = atoms - whole * 64) {
      const std::uint64_t mask = rest == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << rest) - 1;
      y_ = y[whole] & mask;
      n_ = n[whole] & mask;
    }
  }
  void finish() {
    if (OneWord ? atom_ != 0 : atom_ % 64 != 0) flush();
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

template <syntax::CmpOp Op, class Source, class Writer>
void add_comparisons(const Program& p, const Source& in, Writer& out) {
  for (const auto& a : p.cmp_atoms[static_cast<int>(Op)]) {
    const double v = in.number(a.slot);
    out.add_bits(holds_exact(Op, v, a.constant), fails_exact(Op, v, a.constant));
  }
}

template <class Source, class Writer>
void leaf_atoms_with(const Program& p, const prog::Rows& rows, const Source& in, Writer out) {
  if (rows.yes_no_in_order) {  // yes/no leaf i reads finding i: the answers are the atoms
    const auto n = static_cast<std::uint32_t>(p.bool_atoms.size());
    std::uint64_t y[4] = {}, no[4] = {};
    for (std::uint32_t w = 0; w * 64 < n; ++w) in.yes_no_words(w, std::min<std::uint32_t>(64, n - w * 64), y[w], no[w]);
    out.add_words(y, no, n);
  } else {
    for (std::uint32_t slot : p.bool_atoms) out.add(in.given(slot), in.yes(slot));
  }
  for (const auto& a : p.enum_atoms)
    out.add(in.given(a.slot), (a.mask >> in.enum_index(a.slot)) & 1u);
  for (std::uint32_t slot : p.known_atoms) out.add(true, in.given(slot));
  for (std::uint32_t slot : p.unknown_atoms) out.add(true, !in.given(slot));
  for_each_cmp_op([&]<syntax::CmpOp Op>() { add_comparisons<Op>(p, in, out); });
  out.finish();
}

// The truth of every leaf as atom bits, from a case as `in` holds it: given(slot), yes(slot)
// (of a yes/no finding), number(slot) (NaN where not given, which no comparison affirms or
// refutes: no test of whether it was given), enum_index(slot) (0 where not given, which add()
// then ignores), and yes_no_words(w, n, yes, no) for the yes/no findings [64 w, 64 w + n)
// answered yes and no.
template <class Source>
void leaf_atoms(const Program& p, const prog::Rows& rows, const Source& in, std::uint64_t* atom_yes,
                std::uint64_t* atom_no) {
  if (p.composite_base <= 64) return leaf_atoms_with(p, rows, in, AtomWriter<true>(atom_yes, atom_no));
  leaf_atoms_with(p, rows, in, AtomWriter<false>(atom_yes, atom_no));
}

}  // namespace ardent::eval
