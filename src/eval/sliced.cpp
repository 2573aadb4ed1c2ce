// The bit-sliced evaluator of ardent/sliced.hpp. Lane j of every word is case j of a block of up
// to 64. A boolean node holds two words, `t` (true in these lanes) and `f` (false in these);
// unknown is neither. Numbers stay intervals, one per lane: arithmetic and comparisons run lane
// by lane with the scalar evaluator's own operations (node_ops.hpp), so both agree exactly.
#include "ardent/sliced.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "compile/ruleset_access.hpp"
#include "eval/case_access.hpp"
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

// The raw storage of a block's cases, looked up once per block.
struct Lanes {
  const std::uint8_t* states[kLanes];
  const double* values[kLanes];
  std::size_t n;
};

// A boolean leaf for every lane: `value(state, number)` gives its truth in one case.
template <class Value>
void leaf(Block& b, std::uint32_t node, const Lanes& c, std::uint32_t slot, Value value) {
  std::uint64_t t = 0, f = 0;
  for (std::size_t j = 0; j < c.n; ++j) {
    const std::uint8_t v = value(c.states[j][slot], c.values[j][slot]);
    t |= std::uint64_t{v == T} << j;
    f |= std::uint64_t{v == F} << j;
  }
  b.t[node] = t;
  b.f[node] = f;
}

void leaves(const Program& p, Block& b, const Case* const* cases, std::size_t n) {
  Lanes lanes;
  lanes.n = n;
  for (std::size_t j = 0; j < n; ++j) {
    lanes.states[j] = CaseAccess::states(*cases[j]);
    lanes.values[j] = CaseAccess::values(*cases[j]);
  }
  const Lanes& c = lanes;
  // Yes/no findings, the commonest leaves, without a three-valued detour: given and yes, given
  // and no.
  for (std::uint32_t i = 0; i < p.bool_atoms.size(); ++i) {
    const std::uint32_t slot = p.bool_atoms[i];
    std::uint64_t t = 0, f = 0;
    for (std::size_t j = 0; j < c.n; ++j) {
      const std::uint64_t given = c.states[j][slot] == kGiven, yes = c.values[j][slot] != 0;
      t |= (given & yes) << j;
      f |= (given & (yes ^ 1u)) << j;
    }
    b.t[i] = t;
    b.f[i] = f;
  }
  for (std::uint32_t i = 0; i < p.enum_atoms.size(); ++i) {
    const std::uint64_t mask = p.enum_atoms[i].mask;
    leaf(b, p.enum_base + i, c, p.enum_atoms[i].slot, [mask](std::uint8_t s, double v) {
      return s == kGiven ? static_cast<std::uint8_t>(((mask >> static_cast<std::uint32_t>(v)) & 1u) * 2u) : U;
    });
  }
  for (std::uint32_t i = 0; i < p.known_atoms.size(); ++i)
    leaf(b, p.known_base + i, c, p.known_atoms[i], [](std::uint8_t s, double) { return s == kGiven ? T : F; });
  for (std::uint32_t i = 0; i < p.unknown_atoms.size(); ++i)
    leaf(b, p.unknown_base + i, c, p.unknown_atoms[i], [](std::uint8_t s, double) { return s == kGiven ? F : T; });
  for (int op = 0; op < prog::kCmpOps; ++op) {
    const auto cmp = static_cast<syntax::CmpOp>(op);
    for (std::uint32_t i = 0; i < p.cmp_atoms[op].size(); ++i) {
      const double constant = p.cmp_atoms[op][i].constant;
      leaf(b, p.cmp_base[op] + i, c, p.cmp_atoms[op][i].slot, [cmp, constant](std::uint8_t s, double v) {
        return s == kGiven ? (compare_exact(cmp, v, constant) ? T : F) : U;
      });
    }
  }
  for (std::uint32_t i = 0; i < p.num_findings.size(); ++i) {
    const std::uint32_t slot = p.num_findings[i];
    for (std::size_t j = 0; j < n; ++j) {
      const double v = c.states[j][slot] == kGiven ? c.values[j][slot] : kNaN;
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

}  // namespace

std::size_t fired_words(const Ruleset& ruleset) { return (program_of(ruleset).rule_root.size() + 63) / 64; }

void evaluate_sliced(const Ruleset& ruleset, std::span<const Case* const> cases, std::span<Triage> triage,
                     std::span<std::uint64_t> fired) {
  const Program& p = program_of(ruleset);
  const std::size_t words = fired_words(ruleset);
  if (triage.size() < cases.size()) throw std::invalid_argument("evaluate_sliced: fewer triage places than cases");
  if (fired.size() / std::max<std::size_t>(words, 1) < cases.size() && words != 0)
    throw std::invalid_argument("evaluate_sliced: fewer fired-rule words than the cases need");
  for (std::size_t i = 0; i < cases.size(); ++i)
    if (cases[i] == nullptr || &cases[i]->ruleset() != &ruleset)
      throw std::invalid_argument("evaluate_sliced: case " + std::to_string(i) + " is not a case of this rule set");

  Block b(p);
  LaneView lane{std::vector<std::uint8_t>(p.bool_count, U), std::vector<double>(p.num_count, kNaN),
                std::vector<double>(p.num_count, kNaN)};
  std::fill_n(fired.begin(), cases.size() * words, std::uint64_t{0});
  for (std::size_t first = 0; first < cases.size(); first += kLanes) {
    const std::size_t n = std::min(kLanes, cases.size() - first);
    leaves(p, b, cases.data() + first, n);
    for (const prog::Instr& in : p.code) composite(p, in, b, n, lane);

    // The triage: the most urgent level among the fired rules, else the default.
    std::uint64_t at_level[4] = {0, 0, 0, 0};
    for (std::uint32_t r = 0; r < p.rule_root.size(); ++r) {
      std::uint64_t lanes = b.t[p.rule_root[r]];
      if (n < kLanes) lanes &= (std::uint64_t{1} << n) - 1;
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

}  // namespace ardent
