// Warns about rules whose condition can never be true: contradictory parts in the conjunction
// (defines expanded), e.g. `age > 60 and age < 40`, `x and not x`, two values of one enum,
// `x is known and x is unknown`. `or` parts are searched branch by branch within a budget.
#include <boost/container/flat_map.hpp>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "check/context.hpp"
#include "check/conjuncts.hpp"
#include "check/resolve.hpp"

namespace ardent::check::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kFlattenBudget = 4096;  // nodes per rule condition
constexpr std::size_t kSearchBudget = 256;    // branch combinations per rule

struct Interval {
  double lo = -kInf, hi = kInf;
  bool lo_open = false, hi_open = false;
  const Literal* lo_by = nullptr;
  const Literal* hi_by = nullptr;
  std::vector<std::pair<double, const Literal*>> excluded;  // `!=` points
  bool integer = false;
};

struct Slot {
  int value = -1;  // a bool finding's required value
  const Literal* value_by = nullptr;
  std::uint64_t allowed = ~std::uint64_t{0};  // enum values still possible
  const Literal* allowed_by = nullptr;
  int presence = -1;  // 1: must be known, 0: must be unknown
  const Literal* presence_by = nullptr;
  const Literal* known_by = nullptr;  // first test of the value (true only when known)
};

// Sorted vectors rather than trees: a search copies the state for every alternative it tries,
// and a copy is then one allocation per table instead of one per entry. (No reference into a
// table is kept across an insertion into it.)
struct State {
  boost::container::flat_map<std::string, std::pair<bool, const Literal*>> atoms;
  boost::container::flat_map<std::uint32_t, Slot> slots;
  boost::container::flat_map<std::string, Interval> intervals;
};

struct Conflict {
  const Literal* a = nullptr;
  const Literal* b = nullptr;  // null: `a` alone is never true
};

class Solver {
 public:
  explicit Solver(const Model& m) : m_(m) {}

  std::optional<Conflict> add(State& s, const Literal& l) const {
    const Expr& e = *l.expr;
    switch (e.kind) {
      case Expr::Kind::BoolFinding: {
        Slot& slot = s.slots[e.index];
        if (auto c = needs_known(slot, l)) return c;
        const int want = l.negated ? 0 : 1;
        if (slot.value != -1 && slot.value != want) return Conflict{&l, slot.value_by};
        slot.value = want;
        slot.value_by = &l;
        return std::nullopt;
      }
      case Expr::Kind::EnumIn: {
        Slot& slot = s.slots[e.index];
        if (auto c = needs_known(slot, l)) return c;
        const std::size_t n = e.index < m_.findings.size() ? m_.findings[e.index].values.size() : 64;
        const std::uint64_t full = n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
        slot.allowed &= (l.negated ? ~e.mask : e.mask) & full;
        if (slot.allowed == 0) return Conflict{&l, slot.allowed_by};
        slot.allowed_by = &l;
        return std::nullopt;
      }
      case Expr::Kind::Known:
      case Expr::Kind::Unknown: {
        Slot& slot = s.slots[e.index];
        const int want = (e.kind == Expr::Kind::Known) != l.negated ? 1 : 0;
        if (slot.presence != -1 && slot.presence != want) return Conflict{&l, slot.presence_by};
        if (want == 0 && slot.known_by) return Conflict{&l, slot.known_by};
        slot.presence = want;
        slot.presence_by = &l;
        return std::nullopt;
      }
      case Expr::Kind::Compare:
        if (auto done = compare(s, l)) return *done;
        break;
      default: break;
    }
    const std::string k = key(e);
    auto [it, fresh] = s.atoms.emplace(k, std::make_pair(!l.negated, &l));
    if (!fresh && it->second.first == l.negated) return Conflict{&l, it->second.second};
    return std::nullopt;
  }

  // Whether some choice of one alternative per pending disjunction fits the state.
  bool satisfiable(const State& s, std::vector<Literal> pending, std::size_t& budget) const {
    if (pending.empty() || budget == 0) return true;  // out of budget: assume it can fire
    --budget;
    const Literal d = pending.back();
    pending.pop_back();
    // One list of parts for all alternatives: the state of one (which points into it) is done
    // with before the next is tried.
    std::vector<Literal> lits, rest;
    for (const Literal& alt : alternatives(d)) {
      lits.clear();
      std::size_t flatten = kFlattenBudget;
      if (!conjuncts(m_, *alt.expr, alt.negated, lits, flatten)) return true;
      State next = s;
      rest.clear();
      rest.reserve(pending.size() + lits.size());
      rest.insert(rest.end(), pending.begin(), pending.end());
      bool ok = true;
      for (const auto& l : lits) {
        if (l.disjunction()) rest.push_back(l);
        else if (add(next, l)) {
          ok = false;
          break;
        }
      }
      if (ok && satisfiable(next, rest, budget)) return true;
    }
    return false;
  }

 private:
  std::optional<Conflict> needs_known(Slot& slot, const Literal& l) const {
    if (slot.presence == 0) return Conflict{&l, slot.presence_by};
    if (!slot.known_by) slot.known_by = &l;
    return std::nullopt;
  }

  // A comparison of something with a constant narrows that thing's interval. Returns nullopt
  // when the comparison is not of that shape (it is then treated as an opaque atom).
  std::optional<std::optional<Conflict>> compare(State& s, const Literal& l) const {
    const Expr& e = *l.expr;
    if (e.kids.size() != 2) return std::nullopt;
    double a, b;
    const bool ca = constant_value(e.kids[0], a), cb = constant_value(e.kids[1], b);
    syntax::CmpOp op = l.negated ? negate(e.cmp) : e.cmp;
    if (ca && cb) {
      if (!holds(a, op, b)) return std::optional<Conflict>(Conflict{&l, nullptr});
      return std::optional<Conflict>();
    }
    if (!ca && !cb) return std::nullopt;
    const Expr& var = ca ? e.kids[1] : e.kids[0];
    const double v = ca ? a : b;
    if (ca) op = flip(op);
    if (var.kind == Expr::Kind::NumFinding) {
      if (auto c = needs_known(s.slots[var.index], l)) return std::optional<Conflict>(*c);
    }
    Interval& iv = s.intervals[key(var)];
    iv.integer = var.kind == Expr::Kind::NumFinding && var.index < m_.findings.size() && m_.findings[var.index].integer;
    switch (op) {
      case syntax::CmpOp::Lt: upper(iv, v, true, l); break;
      case syntax::CmpOp::Le: upper(iv, v, false, l); break;
      case syntax::CmpOp::Gt: lower(iv, v, true, l); break;
      case syntax::CmpOp::Ge: lower(iv, v, false, l); break;
      case syntax::CmpOp::Eq:
        lower(iv, v, false, l);
        upper(iv, v, false, l);
        break;
      case syntax::CmpOp::Ne: iv.excluded.push_back({v, &l}); break;
    }
    if (!empty(iv)) return std::optional<Conflict>();
    const Literal* other = iv.hi_by == &l ? iv.lo_by : iv.hi_by;
    if (other == &l || !other) other = iv.lo_by != &l ? iv.lo_by : nullptr;
    for (const auto& [point, by] : iv.excluded)
      if (by != &l && point == iv.lo && other == nullptr) other = by;
    return std::optional<Conflict>(Conflict{&l, other});
  }

  static bool holds(double a, syntax::CmpOp op, double b) {
    switch (op) {
      case syntax::CmpOp::Lt: return a < b;
      case syntax::CmpOp::Le: return a <= b;
      case syntax::CmpOp::Gt: return a > b;
      case syntax::CmpOp::Ge: return a >= b;
      case syntax::CmpOp::Eq: return a == b;
      case syntax::CmpOp::Ne: return a != b;
    }
    return true;
  }

  static void upper(Interval& iv, double v, bool open, const Literal& l) {
    if (v < iv.hi || (v == iv.hi && open && !iv.hi_open)) {
      iv.hi = v;
      iv.hi_open = open;
      iv.hi_by = &l;
    }
  }

  static void lower(Interval& iv, double v, bool open, const Literal& l) {
    if (v > iv.lo || (v == iv.lo && open && !iv.lo_open)) {
      iv.lo = v;
      iv.lo_open = open;
      iv.lo_by = &l;
    }
  }

  static bool empty(const Interval& iv) {
    double lo = iv.lo, hi = iv.hi;
    bool lo_open = iv.lo_open, hi_open = iv.hi_open;
    if (iv.integer) {  // a whole-number finding: `x > 3 and x < 4` is empty
      if (std::isfinite(lo)) lo = lo_open ? std::floor(lo) + 1 : std::ceil(lo);
      if (std::isfinite(hi)) hi = hi_open ? std::ceil(hi) - 1 : std::floor(hi);
      lo_open = hi_open = false;
    }
    if (lo > hi) return true;
    if (lo < hi) return false;
    if (lo_open || hi_open) return true;
    for (const auto& [point, by] : iv.excluded)
      if (point == lo) return true;
    return false;
  }

  const Model& m_;
};

std::string literal_text(const Context& c, const Literal& l) {
  std::string text = c.quote(l.expr->span);
  if (!l.negated) return text;
  const bool compound = l.expr->kind == Expr::Kind::And || l.expr->kind == Expr::Kind::Or;
  return compound ? "not (" + text + ")" : "not " + text;
}

std::string conflict_text(const Context& c, const Conflict& cf) {
  if (!cf.b) return fmt::format("'{}' is never true", literal_text(c, *cf.a));
  // Name the two parts in source order.
  const Span& sa = cf.a->expr->span;
  const Span& sb = cf.b->expr->span;
  const bool swap = sb.file < sa.file || (sb.file == sa.file && sb.offset < sa.offset);
  const std::string a = literal_text(c, swap ? *cf.b : *cf.a);
  const std::string b = literal_text(c, swap ? *cf.a : *cf.b);
  if (a == b) return fmt::format("'{}' is never true", a);
  return fmt::format("'{}' contradicts '{}'", a, b);
}

}  // namespace

void warn_never_fires(Context& c) {
  const Solver solver(c.model);
  c.rule_never_fires.assign(c.model.rules.size(), false);
  for (std::size_t i = 0; i < c.model.rules.size(); ++i) {
    if (!c.rule_clean[i]) continue;
    const Rule& r = c.model.rules[i];
    // Phrased only for a rule that is reported: most are not.
    auto who = [&r] {
      return fmt::format("{} '{}' can never fire", r.redflag ? "red flag" : "rule", r.name);
    };
    const Span& at = c.rule_src[i]->name.span;
    std::vector<Literal> lits;
    std::size_t budget = kFlattenBudget;
    if (!conjuncts(c.model, r.when, false, lits, budget)) continue;
    State state;
    std::vector<Literal> disjunctions;
    std::optional<Conflict> conflict;
    for (const auto& l : lits) {
      if (l.disjunction()) disjunctions.push_back(l);
      else if ((conflict = solver.add(state, l))) break;
    }
    if (conflict) {
      c.rule_never_fires[i] = true;
      c.warning(at, "never-fires", fmt::format("{}: {}", who(), conflict_text(c, *conflict)));
      continue;
    }
    std::size_t search = kSearchBudget;
    if (solver.satisfiable(state, disjunctions, search)) continue;
    c.rule_never_fires[i] = true;
    // Name the `or` that fits nothing, if one does so on its own.
    std::string why = "its condition contradicts itself";
    for (const auto& d : disjunctions) {
      std::size_t one = kSearchBudget;
      if (!solver.satisfiable(state, {d}, one)) {
        why = fmt::format("no alternative of '{}' fits the rest of its condition", literal_text(c, d));
        break;
      }
    }
    c.warning(at, "never-fires", fmt::format("{}: {}", who(), why));
  }
}

}  // namespace ardent::check::detail
