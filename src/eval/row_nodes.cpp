// The row pass: a new case's rule states from each rule's disjunctive normal form (prog::Rows),
// a few word operations a rule. The leaves and the nodes the rows read whole are computed as in
// the full pass; the other nodes are left for the interview to compute when it asks
// (ResultWriter::settle_nodes), from the snapshot of the case.
#include <algorithm>

#include "eval/lanes.hpp"
#include "eval/leaves.hpp"
#include "eval/node_ops.hpp"
#include "eval/result_writer.hpp"
#include "eval/rows.hpp"

namespace ardent {

using namespace eval;

namespace {

// Atom truths as two bit sets (atoms true, atoms false; an unknown atom is in neither) from
// the computed nodes' truths, for a program whose rows read some.
void atom_bits(const Program& p, const prog::Rows& rows, const std::uint8_t* t, std::uint64_t* yes, std::uint64_t* no) {
  const std::uint32_t leaves = p.composite_base;
  for (std::uint32_t w = 0; w < rows.atom_words; ++w) {
    const std::uint32_t from = std::min(leaves, w * 64), n = std::min<std::uint32_t>(64, leaves - from);
    yes[w] = lanes_equal(t + from, n, T);
    no[w] = lanes_equal(t + from, n, F);
  }
  for (std::uint32_t k = 0; k < rows.computed.size(); ++k) {
    const std::uint32_t atom = leaves + k;
    const std::uint8_t v = t[rows.computed[k]];
    yes[atom / 64] |= std::uint64_t{v == T} << (atom % 64);
    no[atom / 64] |= std::uint64_t{v == F} << (atom % 64);
  }
}

// Where leaf_atoms() reads a case as its states and values: a value counts only where given
// (a finding not given may keep an old value).
struct StatesSource {
  const std::uint8_t* st;
  const double* val;
  static constexpr auto kGiven = static_cast<std::uint8_t>(FindingState::given);
  bool given(std::uint32_t slot) const { return st[slot] == kGiven; }
  bool yes(std::uint32_t slot) const { return val[slot] != 0; }
  double number(std::uint32_t slot) const { return st[slot] == kGiven ? val[slot] : kNaN; }
  std::uint32_t enum_index(std::uint32_t slot) const {
    return st[slot] == kGiven ? static_cast<std::uint32_t>(val[slot]) : 0;
  }
  void yes_no_words(std::uint32_t w, std::uint32_t n, std::uint64_t& y, std::uint64_t& no) const {
    const std::uint64_t g = lanes_equal(st + w * 64, n, kGiven);
    const std::uint64_t nonzero = lanes_holding<syntax::CmpOp::Ne>(val + w * 64, n, 0.0);
    y = g & nonzero;
    no = g & ~nonzero;
  }
};

}  // namespace

void internal::ResultWriter::row_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p) {
  EvalScratch& s = r.scratch_.get();
  const prog::Rows& rows = p.rows;  // built by prepare
  s.at_baseline = false;  // the sparse pass's next restore puts back every value
  std::uint64_t* yes = s.atom_yes.data();
  std::uint64_t* no = s.atom_no.data();
  if (rows.cone.empty()) {  // nothing to compute one by one: the atoms are the leaves, read as bits
    std::fill(yes, yes + rows.atom_words, 0);
    std::fill(no, no + rows.atom_words, 0);
    leaf_atoms(p, rows, StatesSource{st, val}, yes, no);
  } else {  // the leaves as node values, for the nodes computed one by one to read
    std::uint8_t* t = s.truth.data();
    double* lo = s.lo.data();
    double* hi = s.hi.data();
    compute_leaves(p, st, val, t, lo, hi);
    for (std::uint32_t i : rows.cone) {
      const prog::Instr& in = p.code[i];
      if (prog::is_numeric(in.op)) {
        bool by_zero = false;
        const Interval x = num_instr(p, in, t, lo, hi, by_zero);
        lo[in.out] = x.lo;
        hi[in.out] = x.hi;
        if (by_zero) add_warning(r.warnings_, p.div_owners[in.k]);
      } else {
        t[in.out] = bool_instr(p, in, t, lo, hi);
      }
    }
    atom_bits(p, rows, t, yes, no);
  }
  RuleState* states = r.rule_states_.data();
  s.fired.clear();  // prepare reserved room for every rule
  decide_by_rows(rows, yes, no, [&](std::uint32_t rule, RuleState v) {
    states[rule] = v;
    if (v == RuleState::fired) s.fired.push_back(rule);
  });
  s.fired_valid = true;
}

}  // namespace ardent
