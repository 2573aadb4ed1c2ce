// The compiled program against a plain tree-walking interpreter written here from
// docs/language.md §12-§13: thousands of random rule sets and cases (fixed seed), no difference
// allowed in any rule's state, the triage, the red flags or the findings each undecided rule is
// waiting for; and the ask-next ranking is the same whether worked out with bit sets or by
// walking; and a result rendered before anything else was read (so that the triage, the
// conclusions and the interview are worked out on the way) gives the same JSON, byte for byte,
// as one whose conclusions were worked out right after evaluating.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

#include "compile/ruleset_access.hpp"
#include "ardent/case.hpp"
#include "ardent/format.hpp"
#include "ardent/result.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

// ---- reference semantics ---------------------------------------------------------------
enum Tri { kF = 0, kU = 1, kT = 2 };

struct Interval {
  bool known = false;
  double lo = 0, hi = 0;
};

class Reference {
 public:
  Reference(const check::Model& m, const Case& c) : m_(m), c_(c) {}

  Tri truth(const Expr& e) {
    using EK = Expr::Kind;
    switch (e.kind) {
      case EK::BoolFinding:
        if (!given(e.index)) return kU;
        return c_.number(e.index) != 0 ? kT : kF;
      case EK::EnumIn:
        if (!given(e.index)) return kU;
        return (e.mask >> static_cast<int>(c_.number(e.index))) & 1 ? kT : kF;
      case EK::Known: return given(e.index) ? kT : kF;
      case EK::Unknown: return given(e.index) ? kF : kT;
      case EK::Not: {
        Tri x = truth(e.kids[0]);
        return x == kU ? kU : (x == kT ? kF : kT);
      }
      case EK::And: {
        bool any_unknown = false;
        for (const auto& k : e.kids) {
          Tri x = truth(k);
          if (x == kF) return kF;
          any_unknown |= x == kU;
        }
        return any_unknown ? kU : kT;
      }
      case EK::Or: {
        bool any_unknown = false;
        for (const auto& k : e.kids) {
          Tri x = truth(k);
          if (x == kT) return kT;
          any_unknown |= x == kU;
        }
        return any_unknown ? kU : kF;
      }
      case EK::AtLeast: {
        unsigned yes = 0, maybe = 0;
        for (const auto& k : e.kids) {
          Tri x = truth(k);
          yes += x == kT;
          maybe += x != kF;
        }
        if (yes >= e.count) return kT;
        if (maybe < e.count) return kF;
        return kU;
      }
      case EK::Compare: {
        Interval a = number(e.kids[0]), b = number(e.kids[1]);
        if (!a.known || !b.known) return kU;
        // Decided when every pair of reachable values agrees.
        bool all = true, none = true;
        for (double x : {a.lo, a.hi})
          for (double y : {b.lo, b.hi}) {
            bool r = holds(e.cmp, x, y);
            all &= r;
            none &= !r;
          }
        if (e.cmp == CmpOp::Eq || e.cmp == CmpOp::Ne) {
          // Between the endpoints equality can hold even when it fails at every endpoint.
          const bool overlap = !(a.hi < b.lo || b.hi < a.lo);
          const bool exact = a.lo == a.hi && b.lo == b.hi;
          const bool eq = exact && a.lo == b.lo;
          if (e.cmp == CmpOp::Eq) return eq ? kT : (!overlap ? kF : kU);
          return eq ? kF : (!overlap ? kT : kU);
        }
        return all ? kT : (none ? kF : kU);
      }
      case EK::BoolDefine: return truth(m_.defines[e.index].expr);
      default: ADD_FAILURE() << "numeric node as a condition"; return kU;
    }
  }

  Interval number(const Expr& e) {
    using EK = Expr::Kind;
    switch (e.kind) {
      case EK::NumFinding:
        if (!given(e.index)) return {};
        return {true, c_.number(e.index), c_.number(e.index)};
      case EK::Constant: return {true, e.number, e.number};
      case EK::Negate: {
        Interval a = number(e.kids[0]);
        return a.known ? Interval{true, -a.hi, -a.lo} : Interval{};
      }
      case EK::Arith: {
        Interval a = number(e.kids[0]), b = number(e.kids[1]);
        if (!a.known || !b.known) return {};
        if (e.arith == ArithOp::Div && b.lo <= 0 && b.hi >= 0) return {};
        double lo = INFINITY, hi = -INFINITY;
        for (double x : {a.lo, a.hi})
          for (double y : {b.lo, b.hi}) {
            double v = e.arith == ArithOp::Add ? x + y
                       : e.arith == ArithOp::Sub ? x - y
                       : e.arith == ArithOp::Mul ? x * y
                                                 : x / y;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
          }
        if (e.arith == ArithOp::Sub) {  // [a.lo - b.hi, a.hi - b.lo]
          lo = a.lo - b.hi;
          hi = a.hi - b.lo;
        }
        if (e.arith == ArithOp::Add) {
          lo = a.lo + b.lo;
          hi = a.hi + b.hi;
        }
        return {true, lo, hi};
      }
      case EK::ScoreRef: {
        Interval s{true, 0, 0};
        for (const auto& t : m_.scores[e.index].terms) {
          Tri x = truth(t.when);
          if (x == kT) {
            s.lo += t.points;
            s.hi += t.points;
          } else if (x == kU) {
            if (t.points > 0) s.hi += t.points;
            else s.lo += t.points;
          }
        }
        return s;
      }
      case EK::NumDefine: return number(m_.defines[e.index].expr);
      default: ADD_FAILURE() << "condition as a number"; return {};
    }
  }

  // Not-asked findings inside undecided parts.
  void missing(const Expr& e, std::set<std::uint32_t>& out) {
    using EK = Expr::Kind;
    if (e.numeric) {
      Interval v = number(e);
      if (v.known && v.lo == v.hi) return;
      switch (e.kind) {
        case EK::NumFinding:
          if (c_.state(e.index) == FindingState::not_asked) out.insert(e.index);
          return;
        case EK::ScoreRef:
          for (const auto& t : m_.scores[e.index].terms)
            if (truth(t.when) == kU) missing(t.when, out);
          return;
        case EK::NumDefine: missing(m_.defines[e.index].expr, out); return;
        default:
          for (const auto& k : e.kids) missing(k, out);
          return;
      }
    }
    if (truth(e) != kU) return;
    switch (e.kind) {
      case EK::BoolFinding:
      case EK::EnumIn:
        if (c_.state(e.index) == FindingState::not_asked) out.insert(e.index);
        return;
      case EK::BoolDefine: missing(m_.defines[e.index].expr, out); return;
      default:
        for (const auto& k : e.kids) missing(k, out);
    }
  }

 private:
  bool given(std::uint32_t slot) const { return c_.state(slot) == FindingState::given; }
  static bool holds(CmpOp op, double x, double y) {
    switch (op) {
      case CmpOp::Lt: return x < y;
      case CmpOp::Le: return x <= y;
      case CmpOp::Gt: return x > y;
      case CmpOp::Ge: return x >= y;
      case CmpOp::Eq: return x == y;
      case CmpOp::Ne: return x != y;
    }
    return false;
  }
  const check::Model& m_;
  const Case& c_;
};

// ---- random rule sets -------------------------------------------------------------------
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  void findings(ModelBuilder& b) {
    for (int i = 0; i < 8; ++i) bools_.push_back(b.boolean("b" + std::to_string(i)));
    for (int i = 0; i < 3; ++i) {
      std::vector<std::string> values;
      const int n = 2 + pick(4);
      for (int v = 0; v < n; ++v) values.push_back("v" + std::to_string(v));
      enums_.push_back({b.enumeration("e" + std::to_string(i), values), static_cast<std::uint32_t>(n)});
    }
    for (int i = 0; i < 3; ++i) nums_.push_back(b.number("n" + std::to_string(i), 0, 10, true));
    nums_.push_back(b.duration("d0"));
  }

  Expr numeric(int depth) {
    const int k = depth <= 0 ? pick(2) : pick(6);
    switch (k) {
      case 0: return Num(nums_[pick(static_cast<int>(nums_.size()))]);
      case 1: return K(pick(11));
      case 2: return Arith(static_cast<ArithOp>(pick(4)), numeric(depth - 1), numeric(depth - 1));
      case 3: return Neg(numeric(depth - 1));
      case 4:
        if (!scores_.empty()) return ScoreRef(scores_[pick(static_cast<int>(scores_.size()))]);
        return Num(nums_[0]);
      default:
        if (!num_defines_.empty()) return NumDef(num_defines_[pick(static_cast<int>(num_defines_.size()))]);
        return K(3);
    }
  }

  Expr condition(int depth) {
    const int k = depth <= 0 ? pick(5) : pick(11);
    switch (k) {
      case 0:
      case 1: return B(bools_[pick(static_cast<int>(bools_.size()))]);
      case 2: {
        auto [slot, n] = enums_[pick(static_cast<int>(enums_.size()))];
        Expr e = In(slot, {});
        for (std::uint32_t v = 0; v < n; ++v)
          if (chance(0.4)) e.mask |= std::uint64_t{1} << v;
        return e;
      }
      case 3: return Cmp(static_cast<CmpOp>(pick(6)), Num(nums_[pick(static_cast<int>(nums_.size()))]), K(pick(11)));
      case 4: return chance(0.5) ? Known(any_slot()) : Unknown(any_slot());
      case 5: return Not(condition(depth - 1));
      case 6:
      case 7: {
        std::vector<Expr> kids;
        const int n = 2 + pick(3);
        for (int i = 0; i < n; ++i) kids.push_back(condition(depth - 1));
        return k == 6 ? And(std::move(kids)) : Or(std::move(kids));
      }
      case 8: {
        std::vector<Expr> kids;
        const int n = 2 + pick(4);
        for (int i = 0; i < n; ++i) kids.push_back(condition(depth - 1));
        return AtLeast(static_cast<std::uint32_t>(pick(n + 2)), std::move(kids));
      }
      case 9: return Cmp(static_cast<CmpOp>(pick(6)), numeric(depth - 1), numeric(depth - 1));
      default:
        if (!bool_defines_.empty()) return BoolDef(bool_defines_[pick(static_cast<int>(bool_defines_.size()))]);
        return B(bools_[0]);
    }
  }

  check::Model model() {
    ModelBuilder b;
    findings(b);
    auto c0 = b.condition("c0"), c1 = b.condition("c1");
    for (int i = 0; i < 2; ++i) {
      std::vector<std::pair<double, Expr>> terms;
      const int n = 2 + pick(3);
      for (int t = 0; t < n; ++t) terms.emplace_back(pick(7) - 3, condition(1));
      scores_.push_back(b.score("s" + std::to_string(i), std::move(terms)));
    }
    bool_defines_.push_back(b.define("db", condition(2)));
    num_defines_.push_back(b.define("dn", numeric(2)));
    for (int r = 0; r < 30; ++r) {
      auto rule = chance(0.2) ? b.redflag("r" + std::to_string(r), condition(3))
                              : b.rule("r" + std::to_string(r), condition(3));
      if (chance(0.5)) rule.triage(static_cast<Triage>(pick(4)));
      if (chance(0.5)) rule.suggest(pick(2) ? c0 : c1);
      if (chance(0.2)) rule.exclude(pick(2) ? c0 : c1);
      if (chance(0.15)) rule.ask(any_slot());
      rule.priority(pick(3));
    }
    return std::move(b.model());
  }

  void fill(Case& c, const check::Model& m) {
    for (std::uint32_t slot = 0; slot < m.findings.size(); ++slot) {
      const int state = pick(20);
      if (state < 6) continue;  // not asked
      if (state < 9) {
        c.set_unknown(slot);
        continue;
      }
      const auto& f = m.findings[slot];
      switch (f.type) {
        case check::ValueType::Bool: c.set_bool(slot, chance(0.5)); break;
        case check::ValueType::Enum: c.set_enum(slot, static_cast<std::uint32_t>(pick(static_cast<int>(f.values.size())))); break;
        case check::ValueType::Number: c.set_number(slot, pick(11)); break;
        case check::ValueType::Duration: c.set_duration(slot, pick(11), DurationUnit::days); break;
      }
    }
  }

 private:
  std::uint32_t any_slot() {
    switch (pick(3)) {
      case 0: return bools_[pick(static_cast<int>(bools_.size()))];
      case 1: return enums_[pick(static_cast<int>(enums_.size()))].first;
      default: return nums_[pick(static_cast<int>(nums_.size()))];
    }
  }
  std::mt19937 rng_;
  std::vector<std::uint32_t> bools_, nums_, scores_, bool_defines_, num_defines_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> enums_;
};

TEST(Equivalence, CompiledProgramMatchesTreeInterpreter) {
  constexpr int kRuleSets = 40, kCases = 150;
  std::size_t compared = 0, undecided = 0, fired = 0;
  for (int set = 0; set < kRuleSets; ++set) {
    Generator gen(1234u + static_cast<std::uint32_t>(set));
    const check::Model model = gen.model();
    auto rs = internal::RulesetAccess::make(compile::compile(model, "x"));
    // The same rule set with ask-next worked out by walking instead of bit sets.
    auto walked = internal::RulesetAccess::make(compile::compile(model, "x", 0));
    Result result, walked_result, lazy, eager;  // reused across cases, as an embedder would
    for (int n = 0; n < kCases; ++n) {
      Case c(rs);
      gen.fill(c, model);
      evaluate(c, result);
      Reference ref(model, c);
      int best = -1;
      std::vector<std::uint32_t> flags;
      for (std::uint32_t r = 0; r < model.rules.size(); ++r) {
        const Tri want = ref.truth(model.rules[r].when);
        ASSERT_EQ(static_cast<int>(result.rule_state(r)), static_cast<int>(want))
            << "rule set " << set << " case " << n << " rule " << r;
        ++compared;
        if (want == kT) {
          ++fired;
          for (const auto& a : model.rules[r].actions)
            if (a.kind == check::Action::Kind::Triage) best = std::max(best, static_cast<int>(a.target));
          if (model.rules[r].redflag) flags.push_back(r);
        }
        if (want == kU) {
          ++undecided;
          std::set<std::uint32_t> expected;
          ref.missing(model.rules[r].when, expected);
          std::set<std::uint32_t> got;
          for (const auto& u : result.undecided())
            if (u.rule == r)
              for (auto slot : result.missing(u)) got.insert(slot);
          ASSERT_EQ(got, expected) << "missing findings, rule set " << set << " case " << n << " rule " << r;
        }
      }
      Case same(walked);
      for (std::uint32_t slot = 0; slot < model.findings.size(); ++slot) {
        if (c.state(slot) == FindingState::unknown) same.set_unknown(slot);
        if (c.state(slot) != FindingState::given) continue;
        switch (model.findings[slot].type) {
          case check::ValueType::Bool: same.set_bool(slot, c.number(slot) != 0); break;
          case check::ValueType::Enum: same.set_enum(slot, static_cast<std::uint32_t>(c.number(slot))); break;
          default: same.set_number(slot, c.number(slot)); break;
        }
      }
      evaluate(same, walked_result);
      ASSERT_EQ(result.ask_next().size(), walked_result.ask_next().size()) << "rule set " << set << " case " << n;
      for (std::size_t i = 0; i < result.ask_next().size(); ++i) {
        const AskItem& a = result.ask_next()[i];
        const AskItem& b = walked_result.ask_next()[i];
        ASSERT_EQ(a.finding, b.finding) << "ask-next order, rule set " << set << " case " << n << " item " << i;
        ASSERT_EQ(a.reason, b.reason);
        ASSERT_TRUE(std::equal(result.could_decide(a).begin(), result.could_decide(a).end(),
                               walked_result.could_decide(b).begin(), walked_result.could_decide(b).end()));
      }
      evaluate(c, lazy);
      evaluate(c, eager);
      (void)eager.triage();  // concluded at once, as every evaluation did before conclusions were lazy
      ASSERT_EQ(format_json(c, lazy), format_json(c, eager)) << "rule set " << set << " case " << n;
      const Triage triage = best < 0 ? static_cast<Triage>(model.default_triage) : static_cast<Triage>(best);
      ASSERT_EQ(result.complete(), result.ask_next().empty());
      ASSERT_EQ(result.triage(), triage);
      std::vector<std::uint32_t> got(result.red_flags().begin(), result.red_flags().end());
      std::sort(got.begin(), got.end());
      ASSERT_EQ(got, flags);
    }
  }
  // The generator must exercise every outcome, or the comparison proves little.
  EXPECT_EQ(compared, std::size_t{kRuleSets} * kCases * 30);
  EXPECT_GT(fired, compared / 10);
  EXPECT_GT(undecided, compared / 10);
}

}  // namespace
}  // namespace ardent::test
