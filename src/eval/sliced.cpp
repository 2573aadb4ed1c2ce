// The bit-sliced evaluator of ardent/sliced.hpp. Lane j of every word is case j of a block of up
// to 64. A boolean node holds two words, `t` (true in these lanes) and `f` (false in these);
// unknown is neither. Numbers stay intervals, one per lane: arithmetic and comparisons run lane
// by lane with the scalar evaluator's own operations (node_ops.hpp), so both agree exactly.
#include "ardent/sliced.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile/ruleset_access.hpp"
#include "eval/case_access.hpp"
#include "eval/case_values.hpp"
#include "eval/lanes.hpp"
#include "eval/logic.hpp"
#include "eval/node_ops.hpp"

namespace ardent {

using namespace eval;
using internal::CaseAccess;
using internal::program_of;

namespace {

constexpr std::size_t kLanes = 64;
constexpr std::uint8_t kGiven = static_cast<std::uint8_t>(FindingState::given);

struct Block {
  explicit Block(const Program& p)
      : t(p.bool_count), f(p.bool_count), lo(std::size_t{p.num_count} * kLanes), hi(lo.size()) {
    for (std::uint32_t i = 0; i < p.constants.size(); ++i) {
      std::fill_n(lo.begin() + (std::size_t{p.const_base} + i) * kLanes, kLanes, p.constants[i]);
      std::fill_n(hi.begin() + (std::size_t{p.const_base} + i) * kLanes, kLanes, p.constants[i]);
    }
  }
  std::vector<std::uint64_t> t, f;
  std::vector<double> lo, hi;  // numeric node n, lane j: [n * 64 + j]

  std::uint8_t truth(std::uint32_t node, std::size_t lane) const {
    return (t[node] >> lane) & 1u ? T : ((f[node] >> lane) & 1u ? F : U);
  }
  void set(std::uint32_t node, std::size_t lane, std::uint8_t v) {
    const std::uint64_t bit = std::uint64_t{1} << lane;
    if (v == T) t[node] |= bit;
    else if (v == F) f[node] |= bit;
  }
};

// A bit column's words for one block, lanes past the block's last case cleared.
struct BitWords {
  std::uint64_t yes, given, lanes;
};

// Where a block's findings come from. `at(slot)` gives a view of one finding across the lanes,
// with state(j) and value(j) for lane j; `bits(slot)` the finding's bit column, if it has one.
// - CaseLanes: the raw storage of up to 64 cases, looked up once per block;
// - ColumnLanes: the columns of a table, from case `first` (a multiple of 64) on.
struct CaseLanes {
  const std::uint8_t* states[kLanes];
  const double* values[kLanes];
  std::size_t n;

  struct View {
    const CaseLanes* lanes;
    std::uint32_t slot;
    std::uint8_t state(std::size_t j) const { return lanes->states[j][slot]; }
    double value(std::size_t j) const { return lanes->values[j][slot]; }
    std::uint64_t given() const {
      std::uint64_t bits = 0;
      for (std::size_t j = 0; j < lanes->n; ++j) bits |= std::uint64_t{state(j) == kGiven} << j;
      return bits;
    }
    template <syntax::CmpOp Op>
    std::uint64_t holding(double constant) const {
      std::uint64_t bits = 0;
      for (std::size_t j = 0; j < lanes->n; ++j) bits |= std::uint64_t{compare_exact(Op, value(j), constant)} << j;
      return bits;
    }
  };
  View at(std::uint32_t slot) const { return {this, slot}; }
  std::uint64_t lanes() const { return lanes_below(n); }
  static constexpr const BitColumn* bits(std::uint32_t) { return nullptr; }
  static BitWords words(const BitColumn&) { return {}; }
};

struct ColumnLanes {
  const Column* const* by_slot;           // nullptr: no column, the finding is not asked in any case
  const BitColumn* const* bits_by_slot;  // a yes/no finding's bit column, else nullptr
  std::size_t first, n;

  // Plain arrays for every lane, so that the leaves' loops have no branch: a missing column
  // reads not-asked states, a column without states reads given ones.
  static constexpr std::uint8_t kNotAskedLanes[kLanes] = {};
  static const std::uint8_t* given_lanes() {
    static const auto lanes = [] {
      std::array<std::uint8_t, kLanes> a;
      a.fill(kGiven);
      return a;
    }();
    return lanes.data();
  }
  static constexpr double kZeroLanes[kLanes] = {};

  struct View {
    const double* values;
    const std::uint8_t* states;
    std::size_t n;
    std::uint8_t state(std::size_t j) const { return states[j]; }
    double value(std::size_t j) const { return values[j]; }
    std::uint64_t given() const {
      if (states == given_lanes()) return lanes_below(n);
      return lanes_equal(states, n, kGiven);
    }
    template <syntax::CmpOp Op>
    std::uint64_t holding(double constant) const {
      return lanes_holding<Op>(values, n, constant);
    }
  };
  View at(std::uint32_t slot) const {
    const Column* c = by_slot[slot];
    if (c == nullptr) return {kZeroLanes, kNotAskedLanes, n};
    return {c->values + first, c->states ? c->states + first : given_lanes(), n};
  }
  std::uint64_t lanes() const { return lanes_below(n); }
  const BitColumn* bits(std::uint32_t slot) const { return bits_by_slot[slot]; }
  BitWords words(const BitColumn& b) const {
    const std::size_t w = first / kLanes;
    const std::uint64_t given = (b.given ? b.given[w] : ~std::uint64_t{0}) & lanes();
    return {b.yes[w] & given, given, lanes()};
  }
};

// A boolean leaf for every lane: `value(state, number)` gives its truth in one case.
template <class Lanes, class Value>
void leaf(Block& b, std::uint32_t node, const Lanes& c, std::uint32_t slot, Value value) {
  const auto at = c.at(slot);
  std::uint64_t t = 0, f = 0;
  for (std::size_t j = 0; j < c.n; ++j) {
    const std::uint8_t v = value(at.state(j), at.value(j));
    t |= std::uint64_t{v == T} << j;
    f |= std::uint64_t{v == F} << j;
  }
  b.t[node] = t;
  b.f[node] = f;
}

// The comparisons of one operator with a constant, the operator fixed at compile time so that
// a column's lanes are compared a pair at a time.
template <syntax::CmpOp Op, class Lanes>
void compare_leaves(const Program& p, Block& b, const Lanes& c) {
  constexpr int op = static_cast<int>(Op);
  for (std::uint32_t i = 0; i < p.cmp_atoms[op].size(); ++i) {
    const double constant = p.cmp_atoms[op][i].constant;
    const auto at = c.at(p.cmp_atoms[op][i].slot);
    const std::uint64_t given = at.given(), holds = at.template holding<Op>(constant);
    b.t[p.cmp_base[op] + i] = given & holds;
    b.f[p.cmp_base[op] + i] = given & ~holds;
  }
}

template <class Lanes>
void leaves(const Program& p, Block& b, const Lanes& c) {
  // Yes/no findings, the commonest leaves, without a three-valued detour: given and yes, given
  // and no.
  for (std::uint32_t i = 0; i < p.bool_atoms.size(); ++i) {
    if (const BitColumn* bits = c.bits(p.bool_atoms[i])) {  // already words: given and yes, given and no
      const BitWords w = c.words(*bits);
      b.t[i] = w.yes;
      b.f[i] = w.given & ~w.yes;
      continue;
    }
    const auto at = c.at(p.bool_atoms[i]);
    const std::uint64_t given = at.given(), yes = at.template holding<syntax::CmpOp::Ne>(0.0);
    b.t[i] = given & yes;
    b.f[i] = given & ~yes;
  }
  for (std::uint32_t i = 0; i < p.enum_atoms.size(); ++i) {
    const std::uint64_t mask = p.enum_atoms[i].mask;
    leaf(b, p.enum_base + i, c, p.enum_atoms[i].slot, [mask](std::uint8_t s, double v) {
      return s == kGiven ? static_cast<std::uint8_t>(((mask >> static_cast<std::uint32_t>(v)) & 1u) * 2u) : U;
    });
  }
  for (std::uint32_t i = 0; i < p.known_atoms.size(); ++i) {
    if (const BitColumn* bits = c.bits(p.known_atoms[i])) {
      const BitWords w = c.words(*bits);
      b.t[p.known_base + i] = w.given;
      b.f[p.known_base + i] = w.lanes & ~w.given;
      continue;
    }
    const std::uint64_t given = c.at(p.known_atoms[i]).given();
    b.t[p.known_base + i] = given;
    b.f[p.known_base + i] = c.lanes() & ~given;
  }
  for (std::uint32_t i = 0; i < p.unknown_atoms.size(); ++i) {
    if (const BitColumn* bits = c.bits(p.unknown_atoms[i])) {
      const BitWords w = c.words(*bits);
      b.t[p.unknown_base + i] = w.lanes & ~w.given;
      b.f[p.unknown_base + i] = w.given;
      continue;
    }
    const std::uint64_t given = c.at(p.unknown_atoms[i]).given();
    b.t[p.unknown_base + i] = c.lanes() & ~given;
    b.f[p.unknown_base + i] = given;
  }
  for_each_cmp_op([&]<syntax::CmpOp Op>() { compare_leaves<Op>(p, b, c); });
  for (std::uint32_t i = 0; i < p.num_findings.size(); ++i) {
    const auto at = c.at(p.num_findings[i]);
    for (std::size_t j = 0; j < c.n; ++j) {
      const double v = at.state(j) == kGiven ? at.value(j) : kNaN;
      b.lo[i * kLanes + j] = b.hi[i * kLanes + j] = v;
    }
  }
}

// One lane's view of the block, for the instructions that run lane by lane: the scalar
// operations read truths and intervals through plain arrays, so they get a lane's copy.
struct LaneView {
  std::vector<std::uint8_t> t;
  std::vector<double> lo, hi;
};

void composite(const Program& p, const prog::Instr& in, Block& b, std::size_t n, LaneView& lane) {
  const std::uint32_t* ops = p.operands.data();
  switch (in.op) {
    case prog::Op::And: {
      std::uint64_t t = ~std::uint64_t{0}, f = 0;
      for (std::uint32_t k = 0; k < in.n; ++k) {
        t &= b.t[ops[in.a + k]];
        f |= b.f[ops[in.a + k]];
      }
      b.t[in.out] = t;
      b.f[in.out] = f;
      return;
    }
    case prog::Op::Or: {
      std::uint64_t t = 0, f = ~std::uint64_t{0};
      for (std::uint32_t k = 0; k < in.n; ++k) {
        t |= b.t[ops[in.a + k]];
        f &= b.f[ops[in.a + k]];
      }
      b.t[in.out] = t;
      b.f[in.out] = f;
      return;
    }
    case prog::Op::Not:
      b.t[in.out] = b.f[in.a];
      b.f[in.out] = b.t[in.a];
      return;
    default: break;
  }
  // AtLeast, Compare and the numeric instructions: lane by lane, through the scalar operation,
  // with the nodes it reads copied into the lane's arrays.
  if (!prog::is_numeric(in.op)) b.t[in.out] = b.f[in.out] = 0;
  for (std::size_t j = 0; j < n; ++j) {
    for_each_input(
        in, p.operands, p.terms, [&](std::uint32_t node) { lane.t[node] = b.truth(node, j); },
        [&](std::uint32_t node) {
          lane.lo[node] = b.lo[node * kLanes + j];
          lane.hi[node] = b.hi[node * kLanes + j];
        });
    if (prog::is_numeric(in.op)) {
      bool by_zero = false;
      const Interval x = num_instr(p, in, lane.t.data(), lane.lo.data(), lane.hi.data(), by_zero);
      b.lo[std::size_t{in.out} * kLanes + j] = x.lo;
      b.hi[std::size_t{in.out} * kLanes + j] = x.hi;
    } else {
      b.set(in.out, j, bool_instr(p, in, lane.t.data(), lane.lo.data(), lane.hi.data()));
    }
  }
}

// The 64-case blocks of `count` cases: `load(b, first, n)` fills the leaves of cases
// [first, first + n), then the composites, the rule states and the triage follow.
template <class Load>
void run_blocks(const Program& p, std::size_t count, std::span<Triage> triage, std::span<std::uint64_t> fired,
                std::size_t words, Load load) {
  Block b(p);
  LaneView lane{std::vector<std::uint8_t>(p.bool_count, U), std::vector<double>(p.num_count, kNaN),
                std::vector<double>(p.num_count, kNaN)};
  std::fill_n(fired.begin(), count * words, std::uint64_t{0});
  for (std::size_t first = 0; first < count; first += kLanes) {
    const std::size_t n = std::min(kLanes, count - first);
    load(b, first, n);
    for (const prog::Instr& in : p.code) composite(p, in, b, n, lane);

    // The triage: the most urgent level among the fired rules, else the default.
    std::uint64_t at_level[4] = {0, 0, 0, 0};
    for (std::uint32_t r = 0; r < p.rule_root.size(); ++r) {
      std::uint64_t lanes = b.t[p.rule_root[r]];
      lanes &= lanes_below(n);
      if (lanes == 0) continue;
      if (const int level = p.rule_out[r].triage; level >= 0) at_level[level] |= lanes;
      for (std::uint64_t rest = lanes; rest; rest &= rest - 1) {
        const auto j = static_cast<std::size_t>(__builtin_ctzll(rest));
        fired[(first + j) * words + r / 64] |= std::uint64_t{1} << (r % 64);
      }
    }
    for (std::size_t j = 0; j < n; ++j) {
      Triage level = p.default_triage;
      for (int l = 3; l >= 0; --l)
        if ((at_level[l] >> j) & 1u) {
          level = static_cast<Triage>(l);
          break;
        }
      triage[first + j] = level;
    }
  }
}

void check_outputs(std::size_t count, std::size_t words, std::span<Triage> triage, std::span<std::uint64_t> fired) {
  if (triage.size() < count) throw std::invalid_argument("evaluate_sliced: fewer triage places than cases");
  if (words != 0 && fired.size() / words < count)
    throw std::invalid_argument("evaluate_sliced: fewer fired-rule words than the cases need");
}

// Which column, if any, gives each finding.
struct Sources {
  std::vector<const Column*> columns;
  std::vector<const BitColumn*> bits;
};

// A finding named by a column: in range, and named once among both kinds of column.
const FindingInfo& claim(const Program& p, Sources& by_slot, std::uint32_t slot, const std::string& where) {
  try {
    const FindingInfo& f = finding_at(p, slot);
    if (by_slot.columns[slot] != nullptr || by_slot.bits[slot] != nullptr) given_twice(f);
    return f;
  } catch (const InputError& e) {
    throw InputError(e.kind(), e.finding(), where + ": " + e.what());
  }
}

// Bit columns hold yes/no answers and nothing else: any bits are answers, so only the
// finding's type is checked.
void checked_bit_columns(const Program& p, std::span<const BitColumn> bit_columns, std::size_t count,
                         Sources& by_slot) {
  for (std::size_t k = 0; k < bit_columns.size(); ++k) {
    const BitColumn& col = bit_columns[k];
    const std::string where = "bit_columns[" + std::to_string(k) + "]";
    const FindingInfo& f = claim(p, by_slot, col.finding, where);
    if (f.type != FindingType::boolean)
      throw InputError(InputError::Kind::WrongType, f.name,
                       where + ": finding '" + f.name + "' is not a yes/no finding; only yes/no answers are given as bits");
    if (col.yes == nullptr && count != 0)
      throw std::invalid_argument(where + ": no yes bits for finding '" + f.name + "'");
    by_slot.bits[col.finding] = &col;
  }
}

// The first row of a column from which the values need the single setters' checks: rows of
// the commonest kinds (a yes/no value, a number in range) pass here in a tight loop.
std::size_t plain_rows(const FindingInfo& f, const Column& col, std::size_t count) {
  std::size_t i = 0;
  const double* v = col.values;
  const std::uint8_t* st = col.states;
  if (f.type == FindingType::boolean) {  // a yes/no value is refused only as NaN
    if (st == nullptr)
      while (i < count && !std::isnan(v[i])) ++i;
    else
      while (i < count && st[i] <= kGiven && !(st[i] == kGiven && std::isnan(v[i]))) ++i;
  } else if (f.type == FindingType::number || f.type == FindingType::duration) {
    const NumberRange range(f);
    if (st == nullptr)
      while (i < count && range.fits(v[i])) ++i;
    else
      while (i < count && st[i] <= kGiven && (st[i] != kGiven || range.fits(v[i]))) ++i;
  }
  return i;
}

// Every given value of every column, checked by the single setter of its finding's type.
void checked_columns(const Program& p, std::span<const BitColumn> bit_columns, std::span<const Column> columns,
                     std::size_t count, Sources& by_slot) {
  by_slot.columns.assign(p.findings.size(), nullptr);
  by_slot.bits.assign(p.findings.size(), nullptr);
  checked_bit_columns(p, bit_columns, count, by_slot);
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const Column& col = columns[k];
    const std::string where = "columns[" + std::to_string(k) + "]";
    const FindingInfo& f = claim(p, by_slot, col.finding, where);
    if (col.values == nullptr && count != 0)
      throw std::invalid_argument(where + ": no values for finding '" + f.name + "'");
    by_slot.columns[col.finding] = &col;
    for (std::size_t i = plain_rows(f, col, count); i < count; ++i) {
      const std::uint8_t state = col.states ? col.states[i] : kGiven;
      try {
        if (state > kGiven)
          throw InputError(InputError::Kind::OutOfRange, f.name,
                           "state " + std::to_string(state) + " is not a finding state (0 not asked, 1 unknown, 2 given)");
        if (state != kGiven) continue;
        if (f.type == FindingType::boolean && std::isnan(col.values[i]))  // a table's missing cell, said so
          throw InputError(InputError::Kind::WrongType, f.name,
                           "finding '" + f.name + "' is a yes/no finding; NaN is no answer (give a missing value "
                           "the state not asked or unknown)");
        check_column_value(f, col.values[i]);
      } catch (const InputError& e) {
        throw InputError(e.kind(), e.finding(), where + ", case " + std::to_string(i) + ": " + e.what());
      }
    }
  }
}

}  // namespace

std::size_t fired_words(const Ruleset& ruleset) { return (program_of(ruleset).rule_root.size() + 63) / 64; }

void evaluate_sliced(const Ruleset& ruleset, std::span<const Case* const> cases, std::span<Triage> triage,
                     std::span<std::uint64_t> fired) {
  const Program& p = program_of(ruleset);
  const std::size_t words = fired_words(ruleset);
  check_outputs(cases.size(), words, triage, fired);
  for (std::size_t i = 0; i < cases.size(); ++i)
    if (cases[i] == nullptr || &cases[i]->ruleset() != &ruleset)
      throw std::invalid_argument("evaluate_sliced: case " + std::to_string(i) + " is not a case of this rule set");
  CaseLanes lanes;
  run_blocks(p, cases.size(), triage, fired, words, [&](Block& b, std::size_t first, std::size_t n) {
    lanes.n = n;
    for (std::size_t j = 0; j < n; ++j) {
      lanes.states[j] = CaseAccess::states(*cases[first + j]);
      lanes.values[j] = CaseAccess::values(*cases[first + j]);
    }
    leaves(p, b, lanes);
  });
}

void evaluate_sliced(const Ruleset& ruleset, std::span<const Column> columns, std::size_t count,
                     std::span<Triage> triage, std::span<std::uint64_t> fired) {
  evaluate_sliced(ruleset, {}, columns, count, triage, fired);
}

void evaluate_sliced(const Ruleset& ruleset, std::span<const BitColumn> bit_columns, std::span<const Column> columns,
                     std::size_t count, std::span<Triage> triage, std::span<std::uint64_t> fired) {
  const Program& p = program_of(ruleset);
  const std::size_t words = fired_words(ruleset);
  check_outputs(count, words, triage, fired);
  Sources by_slot;
  checked_columns(p, bit_columns, columns, count, by_slot);
  run_blocks(p, count, triage, fired, words, [&](Block& b, std::size_t first, std::size_t n) {
    leaves(p, b, ColumnLanes{by_slot.columns.data(), by_slot.bits.data(), first, n});
  });
}

void check_columns(const Ruleset& ruleset, std::span<const Column> columns, std::size_t count) {
  check_columns(ruleset, {}, columns, count);
}

void check_columns(const Ruleset& ruleset, std::span<const BitColumn> bit_columns, std::span<const Column> columns,
                   std::size_t count) {
  Sources by_slot;
  checked_columns(program_of(ruleset), bit_columns, columns, count, by_slot);
}

}  // namespace ardent
