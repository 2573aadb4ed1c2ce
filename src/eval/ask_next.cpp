// The interview (docs/interview.md): undecided rules, what to ask next, and when to stop.
//
// A finding "could decide" an undecided rule when it is not asked yet and appears in an
// undecided part of the rule's condition: walking down from the rule's root through nodes
// whose value is unknown only. Findings given as unknown are never asked again. Rule sets with
// at most 256 findings get every undecided node's findings as a bit set in one bottom-up pass;
// larger ones walk each undecided rule. Both give the same lists.
//
// What is asked, in order: at emergency, what could take it back (an emergency that rests on a
// question not asked yet); what completes a started emergency; the screen; then what completes
// any other alarm (a rule or red flag that would raise the triage or add a red flag and already
// has a true part), most urgent first, then closest to firing; then what a fired rule asks for;
// then, when one answer could conclude a lower triage, what would raise it again (guards); then
// what follows the picture (a rule that would change the leading condition, then a self-care
// rule that would lower the triage: self-care is the interview's last conclusion). A rule with no
// true part asks nothing; at emergency, after the rest of the screen, only another emergency one
// answer away is completed (a red flag or a plain rule alike). The interview is complete when
// nothing is left to ask.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "eval/changed_findings.hpp"
#include "eval/logic.hpp"
#include "eval/result_writer.hpp"

namespace ardent {

using namespace eval;

namespace {

constexpr auto kNotAsked = static_cast<std::uint8_t>(FindingState::not_asked);

bool open(const double* lo, const double* hi, std::uint32_t n) {
  return std::isnan(lo[n]) || lo[n] != hi[n];
}

// Where the lists go: vectors already sized by ResultWriter::prepare, written through pointers.
struct Lists {
  UndecidedRule* undecided;
  std::uint32_t* missing;
  std::size_t n_undecided = 0, n_missing = 0;

  UndecidedRule& open_rule(std::uint32_t rule) {
    UndecidedRule& u = undecided[n_undecided++];
    u.rule = rule;
    u.missing_begin = static_cast<std::uint32_t>(n_missing);
    u.missing_count = 0;
    u.standing = Standing::no_true_part;
    return u;
  }
  void close_rule(UndecidedRule& u) const {
    u.missing_count = static_cast<std::uint32_t>(n_missing) - u.missing_begin;
  }
};

// Per finding: the number of undecided rules it is in (zeroed by the caller).
struct Tally {
  std::uint32_t* count;
};

// Calls on_bool(node) for each boolean operand and on_num(node) for each numeric operand of an
// instruction: the one place that knows where each operation keeps its operands.
template <class B, class N>
void each_operand(const Program& p, const prog::Instr& in, B&& on_bool, N&& on_num) {
  switch (in.op) {
    case prog::Op::And:
    case prog::Op::Or:
    case prog::Op::AtLeast:
      for (std::uint32_t i = 0; i < in.n; ++i) on_bool(p.operands[in.a + i]);
      break;
    case prog::Op::Not: on_bool(in.a); break;
    case prog::Op::Compare:
    case prog::Op::Add:
    case prog::Op::Sub:
    case prog::Op::Mul:
    case prog::Op::Div:
      on_num(in.a);
      on_num(in.b);
      break;
    case prog::Op::Negate: on_num(in.a); break;
    case prog::Op::Score:
      for (std::uint32_t i = 0; i < in.n; ++i) on_bool(p.terms[in.a + i].cond);
      break;
  }
}

// Calls f(slot) for each not-asked finding that a fired rule asks for with `ask F`.
template <class F>
void each_request(const Program& p, const RuleState* states, const std::uint8_t* st, F&& f) {
  for (std::uint32_t rule = 0; rule < p.rule_out.size(); ++rule) {
    if (states[rule] != RuleState::fired) continue;
    const prog::RuleOut& ro = p.rule_out[rule];
    for (std::uint32_t i = 0; i < ro.ask_n; ++i) {
      const std::uint32_t slot = p.rule_asks[ro.ask_begin + i];
      if (st[slot] == kNotAsked) f(slot);
    }
  }
}

// Every undecided node's set of not-asked findings below it through undecided parts, as W
// words of bits, node by node (a decided node's set is never read).
template <unsigned W>
struct NodeBits {
  const Program& p;
  internal::EvalScratch& s;

  void set_leaf(std::uint64_t* m, std::uint32_t slot) const {
    for (unsigned w = 0; w < W; ++w) m[w] = 0;
    if (s.states[slot] == kNotAsked) m[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  }
  void bool_leaf(std::uint32_t n) const {
    if (s.truth[n] == U) set_leaf(s.bool_bits.data() + std::size_t(n) * W, p.bool_def[n]);
  }
  void num_leaf(std::uint32_t n) const {
    if (std::isnan(s.lo[n])) set_leaf(s.num_bits.data() + std::size_t(n) * W, p.num_def[n]);
  }
  void instr(const prog::Instr& in) const {
    const std::uint8_t* t = s.truth.data();
    const double* lo = s.lo.data();
    const double* hi = s.hi.data();
    const bool numeric = prog::is_numeric(in.op);
    if (numeric ? !open(lo, hi, in.out) : t[in.out] != U) return;
    std::uint64_t m[W] = {};
    auto take_bool = [&](std::uint32_t k) {
      if (t[k] != U) return;
      const std::uint64_t* km = s.bool_bits.data() + std::size_t(k) * W;
      for (unsigned w = 0; w < W; ++w) m[w] |= km[w];
    };
    auto take_num = [&](std::uint32_t k) {
      if (!open(lo, hi, k)) return;
      const std::uint64_t* km = s.num_bits.data() + std::size_t(k) * W;
      for (unsigned w = 0; w < W; ++w) m[w] |= km[w];
    };
    each_operand(p, in, take_bool, take_num);
    std::uint64_t* out = (numeric ? s.num_bits : s.bool_bits).data() + std::size_t(in.out) * W;
    for (unsigned w = 0; w < W; ++w) out[w] = m[w];
  }
};

// Without bit sets (too many findings for them): nothing per node.
template <>
struct NodeBits<0> {
  const Program& p;
  internal::EvalScratch& s;
  void bool_leaf(std::uint32_t) const {}
  void num_leaf(std::uint32_t) const {}
  void instr(const prog::Instr&) const {}
};

// With node bit sets: each undecided rule's findings are the bits of its root, in
// declaration order.
template <unsigned W>
void collect_by_bits(const Result& r, const Program& p, internal::EvalScratch& s, Lists& lists, Tally& tally) {
  const RuleState* states = r.rule_states().data();
  const std::uint64_t* bb = s.bool_bits.data();
  std::uint32_t* count = tally.count;
  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    UndecidedRule& u = lists.open_rule(rule);
    const std::uint64_t* m = bb + std::size_t(p.rule_root[rule]) * W;
    for (unsigned w = 0; w < W; ++w)
      for (std::uint64_t bits = m[w]; bits; bits &= bits - 1) {
        const std::uint32_t slot = w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits));
        lists.missing[lists.n_missing++] = slot;
        ++count[slot];
      }
    lists.close_rule(u);
  }
}

// Walks down from `root` through undecided nodes and calls leaf(slot) for the finding of each
// leaf reached, once per node; stops early when leaf returns true, and says whether it did.
template <class Leaf>
bool walk_open(const Program& p, internal::EvalScratch& s, std::uint32_t root, Leaf&& leaf) {
  const std::uint8_t* t = s.truth.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  std::uint32_t* stack = s.stack.data();
  const std::uint32_t epoch = next_epoch(s);
  // Stack entries: node * 2 + 1 for numeric nodes. Nodes are marked when pushed, so the
  // stack never holds more than all nodes once.
  std::size_t top = 0;
  auto push_bool = [&](std::uint32_t n) {
    if (t[n] == U && s.bool_mark[n] != epoch) {
      s.bool_mark[n] = epoch;
      stack[top++] = n * 2;
    }
  };
  auto push_num = [&](std::uint32_t n) {
    if (open(lo, hi, n) && s.num_mark[n] != epoch) {
      s.num_mark[n] = epoch;
      stack[top++] = n * 2 + 1;
    }
  };
  push_bool(root);
  while (top) {
    const std::uint32_t e = stack[--top];
    const std::uint32_t n = e >> 1;
    const bool numeric = e & 1;
    if (numeric ? n < p.const_base : n < p.composite_base) {
      if (leaf(numeric ? p.num_def[n] : p.bool_def[n])) return true;
      continue;
    }
    each_operand(p, p.code[numeric ? p.num_def[n] : p.bool_def[n]], push_bool, push_num);
  }
  return false;
}

// The general case: walk down from each undecided rule's root through undecided nodes.
void collect_by_walk(const Result& r, const Program& p, internal::EvalScratch& s, Lists& lists, Tally& tally) {
  const std::uint8_t* st = s.states.data();
  const RuleState* states = r.rule_states().data();
  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    UndecidedRule& u = lists.open_rule(rule);
    const std::uint32_t epoch = next_epoch(s);
    walk_open(p, s, p.rule_root[rule], [&](std::uint32_t slot) {
      if (st[slot] == kNotAsked && s.finding_mark[slot] != epoch) {
        s.finding_mark[slot] = epoch;
        lists.missing[lists.n_missing++] = slot;
      }
      return false;
    });
    lists.close_rule(u);
    std::sort(lists.missing + u.missing_begin, lists.missing + lists.n_missing);
  }

  for (std::size_t k = 0; k < lists.n_undecided; ++k) {
    const UndecidedRule& u = lists.undecided[k];
    for (std::uint32_t i = 0; i < u.missing_count; ++i) ++tally.count[lists.missing[u.missing_begin + i]];
  }
}

// True parts. A node "holds positively" when it is true because of something present in the
// patient: a yes, an enumeration value, a comparison that holds, or an `and`/`or` resting on
// one. Absences (`not x`) and presence tests (`x is known`) hold, but not positively: after a
// negative screen every `not fever` is true, and counting those would let every rule with a
// `not fever` in it drive questions. An undecided node "has a true part" when a child holds
// positively or an undecided child has a true part; under `not`, a true part is evidence
// against firing, so it does not count.
constexpr std::uint8_t kHolds = 1, kTruePart = 2;

constexpr std::uint8_t kFar = 255;

struct TrueParts {
  const Program& p;
  internal::EvalScratch& s;

  void bool_leaf(std::uint32_t n) const {
    const std::uint8_t v = s.truth[n];
    s.part[n] = (v == T && (n < p.known_base || n >= p.cmp_base[0])) ? kHolds : 0;
    s.distance[n] = v == T ? 0 : (v == U && s.states[p.bool_def[n]] == kNotAsked) ? 1 : kFar;
    s.width[n] = s.distance[n] == 1 ? 1 : 0;
  }
  // Most nodes of a rich case are decided: their step stays small and inline, the others' out
  // of line (inlined, they made every node's step save and restore registers it did not use).
  void instr(const prog::Instr& in) const {
    if (prog::is_numeric(in.op)) return numeric(in);
    const std::uint8_t v = s.truth[in.out];
    if (v != U) return decided(in, v);
    undecided(in);
  }
  // A decided node: only whether a true node holds positively.
  void decided(const prog::Instr& in, std::uint8_t v) const {
    const std::uint8_t* t = s.truth.data();
    std::uint8_t* part = s.part.data();
    const std::uint32_t* ops = p.operands.data();
    std::uint8_t holds = 0;
    if (v == T) {
      if (in.op == prog::Op::Compare) holds = kHolds;
      else if (in.op != prog::Op::Not)
        for (std::uint32_t i = 0; i < in.n; ++i) holds |= t[ops[in.a + i]] == T ? (part[ops[in.a + i]] & kHolds) : 0;
    }
    part[in.out] = holds;
    s.distance[in.out] = v == T ? 0 : kFar;
    s.width[in.out] = 0;
  }
  // A true part inside a number: a score term that holds.
  [[gnu::noinline]] void numeric(const prog::Instr& in) const {
    const std::uint8_t* t = s.truth.data();
    const std::uint8_t* part = s.part.data();
    std::uint8_t* npart = s.num_part.data();
    std::uint8_t bits = 0;
    if (in.op == prog::Op::Score) {
      for (std::uint32_t i = 0; i < in.n; ++i) {
        const prog::ScoreTerm& term = p.terms[in.a + i];
        if ((t[term.cond] == T && (part[term.cond] & kHolds) && term.points > 0) ||
            (t[term.cond] == U && (part[term.cond] & kTruePart)))
          bits = kTruePart;
      }
    } else {
      bits = (npart[in.a] | (in.op == prog::Op::Negate ? 0 : npart[in.b])) & kTruePart;
    }
    npart[in.out] = bits;
  }
  [[gnu::noinline]] void undecided(const prog::Instr& in) const {
    const std::uint8_t* t = s.truth.data();
    std::uint8_t* part = s.part.data();
    const std::uint8_t* npart = s.num_part.data();
    std::uint8_t* dist = s.distance.data();
    std::uint8_t* width = s.width.data();
    const std::uint32_t* ops = p.operands.data();
    const std::uint32_t out = in.out;
    std::uint8_t bits = 0;
    std::uint32_t d = 1, w = 1;  // `not` and comparisons: one answer may decide them
    switch (in.op) {
      case prog::Op::Not: w = width[in.a]; break;
      case prog::Op::Compare: bits = (npart[in.a] | npart[in.b]) & kTruePart; break;
      case prog::Op::And:
      case prog::Op::Or:
      case prog::Op::AtLeast: {
        const bool is_or = in.op == prog::Op::Or;
        std::uint32_t sum = 0, nearest = kFar, n_true = 0;
        w = 0;
        bool earlier_open = false;
        for (std::uint32_t i = 0; i < in.n; ++i) {
          const std::uint32_t k = ops[in.a + i];
          if (t[k] == U) {
            bits |= part[k] & kTruePart;
            // A part that shares a finding with an earlier open part may need one answer fewer.
            const bool shares = earlier_open && p.operand_overlaps[in.a + i] && dist[k] != kFar && dist[k] > 0;
            sum += dist[k] - (shares ? 1 : 0);
            earlier_open = true;
            nearest = std::min<std::uint32_t>(nearest, dist[k]);
            w += width[k];
          } else if (t[k] == T) {
            ++n_true;
            if (!is_or && (part[k] & kHolds)) bits = kTruePart;
          }
        }
        d = in.op == prog::Op::And ? sum : is_or ? nearest : (in.k > n_true ? in.k - n_true : 0) * nearest;
        break;
      }
      default: break;
    }
    part[out] = bits;
    dist[out] = static_cast<std::uint8_t>(std::min<std::uint32_t>(d, kFar));
    width[out] = static_cast<std::uint8_t>(std::min<std::uint32_t>(w, kFar));
  }
};

// The planning's per-node arrays (true parts, distances, widths, bit sets). A node's entries
// depend only on its own value and operands (and, for a leaf, on its finding's state), so they
// can be computed for every node, or only above the findings that changed since the arrays were
// last computed, in the scheduled order.
template <unsigned W>
void plan_every_node(const Program& p, internal::EvalScratch& s) {
  const TrueParts parts{p, s};
  const NodeBits<W> bits{p, s};
  for (std::uint32_t n = 0; n < p.composite_base; ++n) {
    parts.bool_leaf(n);
    bits.bool_leaf(n);
  }
  for (std::uint32_t n = 0; n < p.num_composite_base; ++n) s.num_part[n] = 0;
  for (std::uint32_t n = 0; n < p.const_base; ++n) bits.num_leaf(n);
  for (const prog::Instr& in : p.code) {
    parts.instr(in);
    bits.instr(in);
  }
}

// Only above the findings in s.given, which changed since the arrays were computed for the
// case in plan_states and plan_values (whose node values were plan_truth, plan_lo, plan_hi).
template <unsigned W>
void plan_by_steps(const Program& p, internal::EvalScratch& s) {
  const TrueParts parts{p, s};
  const NodeBits<W> bits{p, s};
  auto queue_users = [&](const prog::Csr& users, std::uint32_t n) {
    for (const std::uint32_t* i = users.row(n), *e = i + users.size(n); i != e; ++i)
      s.queued[*i >> 6] |= std::uint64_t{1} << (*i & 63);
  };
  // A node's users are computed again only when what they read of it changed: its value
  // since the last plan, or its entries (the bit set counts only while it is undecided).
  std::uint64_t old_bits[W > 0 ? W : 1];
  auto bool_node = [&](std::uint32_t n, auto&& compute) {
    const std::uint8_t part = s.part[n], dist = s.distance[n], width = s.width[n];
    std::uint64_t* m = W ? s.bool_bits.data() + std::size_t(n) * W : old_bits;
    if (W) std::memcpy(old_bits, m, sizeof old_bits);
    compute();
    const bool same = s.truth[n] == s.plan_truth[n] && part == s.part[n] && dist == s.distance[n] &&
                      width == s.width[n] && (!W || s.truth[n] != U || std::memcmp(old_bits, m, sizeof old_bits) == 0);
    if (!same) queue_users(p.bool_users, n);
  };
  auto num_node = [&](std::uint32_t n, auto&& compute) {
    const std::uint8_t part = s.num_part[n];
    std::uint64_t* m = W ? s.num_bits.data() + std::size_t(n) * W : old_bits;
    if (W) std::memcpy(old_bits, m, sizeof old_bits);
    compute();
    const bool is_open = open(s.lo.data(), s.hi.data(), n);
    const bool same = same_bits(s.lo[n], s.plan_lo[n]) && same_bits(s.hi[n], s.plan_hi[n]) && part == s.num_part[n] &&
                      (!W || !is_open || std::memcmp(old_bits, m, sizeof old_bits) == 0);
    if (!same) queue_users(p.num_users, n);
  };
  for (std::uint32_t slot : s.given) {
    for (const std::uint32_t* n = p.slot_bool_leaves.row(slot), *e = n + p.slot_bool_leaves.size(slot); n != e; ++n)
      bool_node(*n, [&] {
        parts.bool_leaf(*n);
        bits.bool_leaf(*n);
      });
    for (const std::uint32_t* n = p.slot_num_leaves.row(slot), *e = n + p.slot_num_leaves.size(slot); n != e; ++n)
      num_node(*n, [&] { bits.num_leaf(*n); });
  }
  for (std::size_t word = 0; word < s.queued.size(); ++word) {
    while (s.queued[word]) {  // re-read: an instruction queues later ones, maybe in this word
      const auto at = static_cast<std::uint32_t>(word * 64 + static_cast<unsigned>(__builtin_ctzll(s.queued[word])));
      s.queued[word] &= s.queued[word] - 1;
      const prog::Instr& in = p.code[at];
      auto compute = [&] {
        parts.instr(in);
        bits.instr(in);
      };
      if (prog::is_numeric(in.op)) num_node(in.out, compute);
      else bool_node(in.out, compute);
    }
  }
}

// The baseline's arrays, built once per program.
template <unsigned W>
const prog::PlanBaseline& plan_baseline(const Program& p) {
  std::call_once(p.plan_baseline_once, [&p] {
    const prog::Baseline& b = internal::baseline(p);
    internal::EvalScratch t;
    t.states.assign(p.findings.size(), kNotAsked);
    t.values.assign(p.findings.size(), 0.0);
    t.truth = b.truth;
    t.lo = b.lo;
    t.hi = b.hi;
    t.part.assign(p.bool_count, 0);
    t.distance.assign(p.bool_count, 0);
    t.width.assign(p.bool_count, 0);
    t.num_part.assign(p.num_count, 0);
    t.bool_bits.assign(std::size_t(p.bool_count) * W, 0);
    t.num_bits.assign(std::size_t(p.num_count) * W, 0);
    plan_every_node<W>(p, t);
    prog::PlanBaseline& pb = p.plan_baseline;
    pb.states = std::move(t.states);
    pb.values = std::move(t.values);
    pb.part = std::move(t.part);
    pb.num_part = std::move(t.num_part);
    pb.distance = std::move(t.distance);
    pb.width = std::move(t.width);
    pb.bool_bits = std::move(t.bool_bits);
    pb.num_bits = std::move(t.num_bits);
  });
  return p.plan_baseline;
}

// The arrays for the case last evaluated: by steps from the result's last plan when the case
// changed little since; else by steps from the baseline when the case gives few findings (an
// interview's first step, a sparse EHR record); else for every node.
template <unsigned W>
void plan_nodes(const Program& p, internal::EvalScratch& s) {
  const std::uint64_t limit = p.code.size() / 4;
  bool by_steps = s.plan_valid && changed_findings(p, s.plan_states.data(), s.plan_values.data(), s.states.data(),
                                                   s.values.data(), s.given, limit) <= limit;
  if (!by_steps) {
    const prog::PlanBaseline& pb = plan_baseline<W>(p);
    by_steps = changed_findings(p, pb.states.data(), pb.values.data(), s.states.data(), s.values.data(), s.given,
                                limit) <= limit;
    if (by_steps) {
      const prog::Baseline& b = internal::baseline(p);
      std::copy(pb.part.begin(), pb.part.end(), s.part.begin());
      std::copy(pb.num_part.begin(), pb.num_part.end(), s.num_part.begin());
      std::copy(pb.distance.begin(), pb.distance.end(), s.distance.begin());
      std::copy(pb.width.begin(), pb.width.end(), s.width.begin());
      std::copy(pb.bool_bits.begin(), pb.bool_bits.end(), s.bool_bits.begin());
      std::copy(pb.num_bits.begin(), pb.num_bits.end(), s.num_bits.begin());
      std::copy(pb.states.begin(), pb.states.end(), s.plan_states.begin());
      std::copy(pb.values.begin(), pb.values.end(), s.plan_values.begin());
      std::copy(b.truth.begin(), b.truth.end(), s.plan_truth.begin());
      std::copy(b.lo.begin(), b.lo.end(), s.plan_lo.begin());
      std::copy(b.hi.begin(), b.hi.end(), s.plan_hi.begin());
    }
  }
  if (by_steps) plan_by_steps<W>(p, s);
  else plan_every_node<W>(p, s);
  if (!p.findings.empty()) {
    std::memcpy(s.plan_states.data(), s.states.data(), p.findings.size());
    std::memcpy(s.plan_values.data(), s.values.data(), p.findings.size() * sizeof(double));
  }
  std::copy(s.truth.begin(), s.truth.end(), s.plan_truth.begin());
  std::copy(s.lo.begin(), s.lo.end(), s.plan_lo.begin());
  std::copy(s.hi.begin(), s.hi.end(), s.plan_hi.begin());
  s.plan_valid = true;
}

// The findings that would complete a rule with a true part: below an undecided `or`, only its
// branches that have a true part; below an `and`, every undecided part (a part without a true
// part of its own is needed whole). A part that no answer can make true any more (it needs a
// finding answered unknown) asks nothing: its questions could not fire the rule. Below a `not`,
// a comparison or a score everything counts, since there an answer may decide either way.
// Calls f(slot) for each not-asked finding, once.
template <class F>
void focused_findings(const Program& p, internal::EvalScratch& s, std::uint32_t root, F&& f, bool whole_root = false) {
  const std::uint8_t* st = s.states.data();
  const std::uint8_t* t = s.truth.data();
  const std::uint8_t* part = s.part.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  std::uint32_t* stack = s.stack.data();
  const std::uint32_t epoch = next_epoch(s);
  // Entries: node * 4 + kind: 0 = boolean focused, 1 = boolean whole, 2 = numeric, 3 = boolean
  // whole below a negation (or a comparison or score), where reach does not prune.
  enum : std::uint32_t { kFocused = 0, kWhole = 1, kNumeric = 2, kEither = 3 };
  std::size_t top = 0;
  auto push_bool = [&](std::uint32_t n, std::uint32_t kind) {
    if (t[n] != U) return;
    if (kind != kEither && s.distance[n] == kFar) return;
    std::uint32_t& mark = kind == kFocused ? s.bool_fmark[n] : s.bool_mark[n];
    if (mark == epoch) return;
    mark = epoch;
    stack[top++] = n * 4 + kind;
  };
  auto push_num = [&](std::uint32_t n) {
    if (open(lo, hi, n) && s.num_mark[n] != epoch) {
      s.num_mark[n] = epoch;
      stack[top++] = n * 4 + kNumeric;
    }
  };
  auto finding = [&](std::uint32_t slot) {
    if (st[slot] == kNotAsked && s.finding_mark[slot] != epoch) {
      s.finding_mark[slot] = epoch;
      f(slot);
    }
  };
  push_bool(root, whole_root ? kWhole : kFocused);
  while (top) {
    const std::uint32_t e = stack[--top];
    const std::uint32_t n = e >> 2, kind = e & 3;
    if (kind == kNumeric ? n < p.const_base : n < p.composite_base) {
      finding(kind == kNumeric ? p.num_def[n] : p.bool_def[n]);
      continue;
    }
    const prog::Instr& in = p.code[kind == kNumeric ? p.num_def[n] : p.bool_def[n]];
    const bool whole = kind != kFocused;
    const std::uint32_t whole_kind = kind == kFocused ? kWhole : kind;
    switch (in.op) {
      case prog::Op::Or:
        for (std::uint32_t i = 0; i < in.n; ++i) {
          const std::uint32_t k = p.operands[in.a + i];
          if (whole) push_bool(k, whole_kind);
          else if (part[k] & kTruePart) push_bool(k, kFocused);
        }
        break;
      case prog::Op::And:
        if (!whole) {  // one part at a time, the narrowest first: it is the quickest to rule out
          std::uint32_t pick = prog::kNone;
          for (std::uint32_t i = 0; i < in.n; ++i) {
            const std::uint32_t k = p.operands[in.a + i];
            if (t[k] == U && s.distance[k] != kFar && (pick == prog::kNone || s.width[k] < s.width[pick])) pick = k;
          }
          if (pick != prog::kNone) push_bool(pick, (part[pick] & kTruePart) ? kFocused : kWhole);
          break;
        }
        [[fallthrough]];
      case prog::Op::AtLeast:
        for (std::uint32_t i = 0; i < in.n; ++i) {
          const std::uint32_t k = p.operands[in.a + i];
          push_bool(k, whole || !(part[k] & kTruePart) ? whole_kind : kFocused);
        }
        break;
      default:  // below `not`, a comparison or a score, everything counts
        each_operand(p, in, [&](std::uint32_t k) { push_bool(k, kEither); }, push_num);
        break;
    }
  }
}

// Guards: when one answer could conclude a lower triage (a self-care rule one answer from
// firing), the rules that would then raise it again are asked first, so that self-care is the
// interview's last conclusion and never shown while something could still forbid it. A guard
// shares findings with the lowering rule and needs at most one answer once that rule fires; its
// questions are the parts that do not depend on the lowering rule's findings.
struct Lowering {
  int triage = -1;          // the lowest triage a rule one answer away would conclude, or -1
  std::uint32_t epoch = 0;  // lower_mark[slot] == epoch: a finding such a rule waits for
};

// Whether the undecided subtree at `node` waits for a finding the lowering rules wait for.
bool reads_lowering(const Program& p, internal::EvalScratch& s, std::uint32_t node, const Lowering& low) {
  const std::uint8_t* st = s.states.data();
  return walk_open(p, s, node, [&](std::uint32_t slot) { return st[slot] == kNotAsked && s.lower_mark[slot] == low.epoch; });
}

// A guard's questions: below its `and`s, every open part that does not read the lowering
// rules' findings, whole.
template <class F>
void guard_findings(const Program& p, internal::EvalScratch& s, std::uint32_t root, const Lowering& low, F&& f) {
  const std::uint8_t* t = s.truth.data();
  std::uint32_t* stack = s.guard_stack.data();
  const std::uint32_t epoch = next_epoch(s);
  std::size_t top = 0;
  stack[top++] = root;
  s.guard_mark[root] = epoch;
  while (top) {
    const std::uint32_t n = stack[--top];
    if (n < p.composite_base) continue;
    const prog::Instr& in = p.code[p.bool_def[n]];
    if (in.op != prog::Op::And) continue;
    for (std::uint32_t i = 0; i < in.n; ++i) {
      const std::uint32_t k = p.operands[in.a + i];
      if (t[k] != U || s.guard_mark[k] == epoch) continue;
      s.guard_mark[k] = epoch;
      if (!reads_lowering(p, s, k, low)) focused_findings(p, s, k, f, true);
      else stack[top++] = k;
    }
  }
}

// Settling a fired alarm. A rule may fire because a finding was not asked yet: `course is
// unknown` holds until the course is asked. The findings whose answer could make such a rule
// false again are read through presence tests (`is known`, `is unknown`) below the parts that
// decide its value. Calls f(slot) for each not-asked one. A part that only several answers
// could overturn (an `or` with two true branches) is left alone.
template <class Fn>
void settling_findings(const Program& p, internal::EvalScratch& s, std::uint32_t root, Fn&& f) {
  const std::uint8_t* t = s.truth.data();
  const std::uint8_t* st = s.states.data();
  const std::uint32_t* ops = p.operands.data();
  std::uint32_t* stack = s.stack.data();
  const std::uint32_t epoch = next_epoch(s);
  const std::uint32_t presence_end = p.cmp_base[0];
  std::size_t top = 0;
  auto push = [&](std::uint32_t n) {
    if (t[n] != U && s.bool_mark[n] != epoch) {
      s.bool_mark[n] = epoch;
      stack[top++] = n;
    }
  };
  push(root);
  while (top) {
    const std::uint32_t n = stack[--top];
    if (n < p.composite_base) {
      const std::uint32_t slot = p.bool_def[n];
      if (n >= p.known_base && n < presence_end && st[slot] == kNotAsked) f(slot);
      continue;
    }
    const prog::Instr& in = p.code[p.bool_def[n]];
    if (in.op == prog::Op::Not) {
      push(in.a);
      continue;
    }
    if (in.op == prog::Op::Compare) continue;
    // An operand can overturn this node when every operand holding its value is that one
    // (a true `and` or a false `or`: each operand), or when the node needs one more or one
    // fewer true operand (`at least k`).
    const std::uint8_t v = t[n];
    std::uint32_t n_true = 0, n_false = 0;
    for (std::uint32_t i = 0; i < in.n; ++i) {
      n_true += t[ops[in.a + i]] == T;
      n_false += t[ops[in.a + i]] == F;
    }
    std::uint8_t follow = U;  // the value of the operands to follow
    if (in.op == prog::Op::And) follow = v == T ? T : (n_false == 1 ? F : U);
    else if (in.op == prog::Op::Or) follow = v == F ? F : (n_true == 1 ? T : U);
    else if (in.op == prog::Op::AtLeast) follow = v == T ? (n_true == in.k ? T : U) : (n_true + 1 == in.k ? F : U);
    if (follow == U) continue;
    for (std::uint32_t i = 0; i < in.n; ++i)
      if (t[ops[in.a + i]] == follow) push(ops[in.a + i]);
  }
}

// What firing a rule would change, judged against the current outcome.
struct Outlook {
  const Program& p;
  const internal::EvalScratch& s;
  int triage;                // the current triage (before any self-care is withheld)
  bool any_triage_fired;
  const ConditionOutcome* leader;  // the leading condition, or null

  // At emergency the interview stops chasing (clinical practice: "show emergency at once and
  // stop"): only another emergency still counts, for the emergency team; a plain rule that sets
  // emergency counts as a red flag does (it may name the cause: a femoral neck stress fracture
  // behind an inability to weight-bear).
  bool at_emergency() const { return triage == static_cast<int>(Triage::emergency); }
  bool raises(const prog::RuleOut& ro) const {
    if (at_emergency()) return ro.triage == triage;
    return ro.redflag || ro.triage > triage;
  }
  bool lowers(const prog::RuleOut& ro) const {
    return ro.triage >= 0 && !any_triage_fired && ro.triage < static_cast<int>(p.default_triage);
  }
  bool changes_leader(const prog::RuleOut& ro) const {
    if (at_emergency()) return false;
    for (std::uint32_t i = 0; i < ro.cond_n; ++i)
      if (takes_lead(p.cond_actions[ro.cond_begin + i], ro.priority)) return true;
    return false;
  }

 private:
  bool takes_lead(const prog::CondAction& act, std::int32_t priority) const {
    const std::uint32_t c = act.condition;
    const std::uint8_t flags = s.cond_flags[c];
    constexpr std::uint8_t kSuggested = 1u << static_cast<unsigned>(prog::CondKind::suggest);
    constexpr std::uint8_t kExcluded = 1u << static_cast<unsigned>(prog::CondKind::exclude);
    if (act.kind == prog::CondKind::exclude) return leader && leader->condition == c;
    if (flags & kExcluded) return false;
    if (!leader) return true;
    if (leader->condition == c) return false;
    const bool suggest = act.kind == prog::CondKind::suggest;
    if (!suggest && (flags & kSuggested)) return false;
    const auto status = suggest ? ConditionStatus::suggested : ConditionStatus::considered;
    if (status != leader->status) return status < leader->status;
    const std::int32_t prio = std::max(priority, s.cond_priority[static_cast<unsigned>(act.kind)][c]);
    return prio != leader->priority ? prio > leader->priority : c < leader->condition;
  }
};

// Ranking keys, larger first: the kind of question (3 bits), a level within it (3 bits), a
// closeness (8 bits: fewer findings still missing, or earlier on the screen), then the
// declaration order (inverted slot).
// A lowering answer comes last so that no other question is left once self-care is shown.
enum Kind : std::uint64_t { kLowers = 1, kDecides = 2, kGuard = 3, kRequested = 4, kAlarm = 5, kScreen = 6, kEmergency = 7 };

std::uint64_t rank_key(Kind kind, unsigned level, unsigned closeness, std::uint32_t slot) {
  return (std::uint64_t{kind} << 61) | (std::uint64_t{level & 7} << 58) | (std::uint64_t{closeness & 255} << 50) |
         (0xffffffffu - slot);
}

// Closest to firing first: the fewest positive answers still needed, then the fewest findings
// that could give them.
unsigned closeness_of(std::uint32_t distance, std::uint32_t n_findings) {
  return ((15 - std::min<std::uint32_t>(distance, 15)) << 4) | (15 - std::min<std::uint32_t>(n_findings, 15));
}

AskReason reason_of(Kind kind, bool redflag) {
  switch (kind) {
    case kScreen: return AskReason::screen;
    case kEmergency:
    case kAlarm: return redflag ? AskReason::red_flag : AskReason::raises_triage;
    case kRequested: return AskReason::requested;
    case kLowers: return AskReason::lowers_triage;
    case kGuard: return AskReason::raises_triage;
    case kDecides: return AskReason::decides_condition;
  }
  return AskReason::decides_condition;
}

// How many positive answers away a rule may be and still drive questions: alarms and
// self-care rules up to two, a change of the leading condition only one. Measured on the
// development vignettes (docs/interview.md): chasing conditions two answers away doubled the
// questions and found no more red flags; chasing alarms only one away missed a bone-stress flag.
// At emergency, one: clinical practice allows the follow-up that informs the emergency team, not
// a new line of questions.
std::uint32_t reach(Kind kind, const prog::RuleOut& ro, const Outlook& outlook) {
  if (kind == kDecides) return 1;
  if (outlook.at_emergency()) return 1;
  if (kind == kEmergency) return 2;
  if (kind == kAlarm && !ro.redflag && ro.triage <= static_cast<int>(Triage::routine)) return 1;
  return 2;
}

// The lowering rules one answer from firing, with the findings they wait for marked.
Lowering lowering_at_hand(const Program& p, internal::EvalScratch& s, const Lists& lists, const Outlook& outlook) {
  Lowering low;
  for (std::size_t k = 0; k < lists.n_undecided; ++k) {
    const UndecidedRule& u = lists.undecided[k];
    const prog::RuleOut& ro = p.rule_out[u.rule];
    const std::uint32_t root = p.rule_root[u.rule];
    if (!(s.part[root] & kTruePart) || u.missing_count == 0 || s.distance[root] != 1) continue;
    if (outlook.raises(ro) || !outlook.lowers(ro)) continue;
    if (low.triage < 0) low.epoch = next_epoch(s);
    low.triage = low.triage < 0 ? int{ro.triage} : std::min<int>(low.triage, ro.triage);
    for (std::uint32_t i = 0; i < u.missing_count; ++i) s.lower_mark[lists.missing[u.missing_begin + i]] = low.epoch;
  }
  return low;
}

// Whether a rule that does not raise the triage now would raise it above a lowering at hand,
// shares its findings and is then at most one answer from firing.
bool guards(const Program& p, internal::EvalScratch& s, const prog::RuleOut& ro, std::uint32_t root, const Lowering& low) {
  if (low.triage < 0 || ro.triage <= low.triage || s.distance[root] > 2) return false;
  return s.distance[root] <= 1 || reads_lowering(p, s, root, low);
}

// When every fired rule that sets the current triage could be overturned by one not-asked
// finding (the CES red flag fires on bilateral symptoms while their course is unknown), that
// finding is asked at once: clinical practice asks the follow-up that decides a flag's class
// right after the flag's question, and the answer may show the alarm was not one.
template <class Offer>
void settle_the_triage(const RuleState* states, int level, const Program& p, internal::EvalScratch& s, Offer&& offer) {
  std::uint32_t* focus = s.focus.data();
  std::uint32_t n = 0;
  bool first = true, redflag = false;
  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    const prog::RuleOut& ro = p.rule_out[rule];
    if (states[rule] != RuleState::fired || ro.triage != level) continue;
    redflag |= ro.redflag;
    const std::uint32_t epoch = next_epoch(s);
    std::uint32_t found = 0;
    settling_findings(p, s, p.rule_root[rule], [&](std::uint32_t slot) {
      if (s.finding_mark[slot] == epoch) return;
      s.finding_mark[slot] = epoch;
      if (first) focus[n++] = slot;
      ++found;
    });
    if (!first) n = static_cast<std::uint32_t>(std::remove_if(focus, focus + n, [&](std::uint32_t slot) {
                      return s.finding_mark[slot] != epoch;
                    }) - focus);
    first = false;
    if (n == 0) return;
  }
  const Kind kind = level == static_cast<int>(Triage::emergency) ? kEmergency : kAlarm;
  for (std::uint32_t i = 0; i < n; ++i)
    offer(focus[i], rank_key(kind, static_cast<unsigned>(level + 1), 255, focus[i]), reason_of(kind, redflag));
}

}  // namespace

void internal::ResultWriter::plan_questions(const Result& r, const Program& p) {
  auto& s = r.scratch_.get();
  const std::size_t nf = p.findings.size();
  const std::uint8_t* st = s.states.data();
  Tally tally{s.ask_rules.data()};
  std::uint64_t* best = s.ask_best.data();
  std::uint8_t* why = s.ask_why.data();
  if (nf) {
    std::memset(tally.count, 0, nf * sizeof(std::uint32_t));
    std::memset(best, 0, nf * sizeof(std::uint64_t));
  }

  r.undecided_.resize(p.rule_root.size());
  Lists lists{r.undecided_.data(), r.missing_.data()};
  switch (p.mask_words) {
    case 0:
      plan_nodes<0>(p, s);
      collect_by_walk(r, p, s, lists, tally);
      break;
    case 1:
      plan_nodes<1>(p, s);
      collect_by_bits<1>(r, p, s, lists, tally);
      break;
    case 2:
      plan_nodes<2>(p, s);
      collect_by_bits<2>(r, p, s, lists, tally);
      break;
    case 3:
      plan_nodes<3>(p, s);
      collect_by_bits<3>(r, p, s, lists, tally);
      break;
    default:
      plan_nodes<4>(p, s);
      collect_by_bits<4>(r, p, s, lists, tally);
      break;
  }
  r.undecided_.resize(lists.n_undecided);

  // Of the two lowest kinds, an answer that could conclude a lower triage ranks as that even when
  // it could also change the leading condition: it is asked last either way.
  auto offer = [&](std::uint32_t slot, std::uint64_t key, AskReason reason) {
    const std::uint64_t kind = key >> 61, held = best[slot] >> 61;
    const bool lowering_wins = (kind == kLowers && held == kDecides) || (kind == kDecides && held == kLowers);
    if (lowering_wins ? kind == kLowers : key > best[slot]) {
      best[slot] = key;
      why[slot] = static_cast<std::uint8_t>(reason);
    }
  };

  // 1. The screen, in declared order.
  const auto& screen = p.screen.findings;
  for (std::uint32_t i = 0; i < screen.size(); ++i)
    if (st[screen[i]] == kNotAsked) offer(screen[i], rank_key(kScreen, 0, 255 - std::min<std::uint32_t>(i, 255), screen[i]), AskReason::screen);

  // 2-3. Undecided rules with a true part: completing alarms, then following the picture.
  const ConditionOutcome* leader = nullptr;
  if (!r.conditions_.empty() && r.conditions_.front().status != ConditionStatus::excluded) leader = &r.conditions_.front();
  const Outlook outlook{p, s, static_cast<int>(r.triage_), !r.triage_is_default_, leader};
  const Lowering low = lowering_at_hand(p, s, lists, outlook);
  std::uint32_t* focus = s.focus.data();
  auto ask_guard = [&](const prog::RuleOut& ro, std::uint32_t root) {
    std::uint32_t n = 0;
    auto take = [&](std::uint32_t slot) { focus[n++] = slot; };
    if (reads_lowering(p, s, root, low)) guard_findings(p, s, root, low, take);
    else focused_findings(p, s, root, take);
    const unsigned level = static_cast<unsigned>(std::max<int>(ro.triage, -1) + 1);
    const unsigned closeness = closeness_of(s.distance[root], n);
    for (std::uint32_t i = 0; i < n; ++i)
      offer(focus[i], rank_key(kGuard, level, closeness, focus[i]), AskReason::raises_triage);
  };
  for (std::size_t k = 0; k < lists.n_undecided; ++k) {
    UndecidedRule& u = lists.undecided[k];
    const prog::RuleOut& ro = p.rule_out[u.rule];
    const std::uint32_t root = p.rule_root[u.rule];
    Kind kind;
    if (!(s.part[root] & kTruePart)) {
      u.standing = Standing::no_true_part;
      // An emergency that the lowering answer itself would start (a pain site it shares) is
      // asked before that answer, so that self-care is never shown while it is still open.
      if (low.triage >= 0 && ro.triage == static_cast<int>(Triage::emergency) && u.missing_count &&
          s.distance[root] <= 3 && reads_lowering(p, s, root, low)) {
        u.standing = Standing::raises;
        ask_guard(ro, root);
      }
      continue;
    } else if (u.missing_count == 0) {
      u.standing = Standing::nothing_to_ask;
      continue;
    } else if (outlook.raises(ro)) {
      u.standing = Standing::raises;
      // An emergency that has started is completed at once, before the rest of the screen:
      // the follow-up decides the flag's class (docs/interview.md). Once at emergency the
      // screen comes first: the triage is decided, and the screen's own emergencies matter more
      // to the emergency team than another name for the same one.
      kind = ro.triage == static_cast<int>(Triage::emergency) && !outlook.at_emergency() ? kEmergency : kAlarm;
    } else if (outlook.lowers(ro)) {
      u.standing = Standing::lowers;
      kind = kLowers;
    } else if (guards(p, s, ro, root, low)) {
      u.standing = Standing::raises;
      ask_guard(ro, root);
      continue;
    } else if (outlook.changes_leader(ro)) {
      u.standing = Standing::decides_condition;
      kind = kDecides;
    } else {
      u.standing = Standing::no_change;
      continue;
    }
    const std::uint32_t distance = s.distance[root];
    if (distance > reach(kind, ro, outlook)) {
      u.standing = Standing::distant;
      continue;
    }
    std::uint32_t n = 0;
    focused_findings(p, s, root, [&](std::uint32_t slot) { focus[n++] = slot; });
    if (n == 0) {  // its started part needs an answer that was given as unknown
      u.standing = Standing::nothing_to_ask;
      continue;
    }
    const unsigned level = static_cast<unsigned>(std::max<int>(ro.triage, -1) + 1);
    const unsigned closeness = closeness_of(distance, n);
    const AskReason reason = reason_of(kind, ro.redflag);
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint64_t key = rank_key(kind, level, closeness, focus[i]);
      // A plain rule ranks exactly as a red flag of the same level; on a tie the red flag names it.
      if (key == best[focus[i]] && reason == AskReason::red_flag) why[focus[i]] = static_cast<std::uint8_t>(reason);
      offer(focus[i], key, reason);
    }
  }

  if (r.triage_ == Triage::emergency && !r.triage_is_default_) settle_the_triage(r.rule_states().data(), static_cast<int>(r.triage_), p, s, offer);

  // What a fired rule asks for with `ask F`.
  each_request(p, r.rule_states().data(), st, [&](std::uint32_t slot) {
    offer(slot, rank_key(kRequested, 0, 0, slot), AskReason::requested);
  });

  std::uint64_t* keys = s.ask_keys.data();
  std::size_t n_keys = 0;
  for (std::uint32_t slot = 0; slot < nf; ++slot)
    if (best[slot]) keys[n_keys++] = best[slot];
  std::sort(keys, keys + n_keys, [](std::uint64_t a, std::uint64_t b) { return a > b; });

  // The rules each finding could decide, in declaration order.
  r.ask_next_.resize(n_keys);
  std::uint32_t* fill = s.ask_fill.data();
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < n_keys; ++i) {
    AskItem& a = r.ask_next_[i];
    const std::uint32_t slot = 0xffffffffu - static_cast<std::uint32_t>(keys[i]);
    a.finding = slot;
    a.reason = static_cast<AskReason>(why[slot]);
    a.decide_begin = offset;
    a.decide_count = tally.count[slot];
    fill[slot] = offset;
    offset += a.decide_count;
  }
  r.complete_ = n_keys == 0;
  r.decide_ready_ = false;
}

// The rules each question could decide, from the plan's lists: the undecided rules in
// declaration order, each question's place (ask_fill) and which findings are asked (ask_best).
void internal::ResultWriter::list_could_decide(const Result& r) {
  auto& s = r.scratch_.get();
  const std::uint64_t* best = s.ask_best.data();
  std::uint32_t* fill = s.ask_fill.data();
  std::uint32_t* __restrict decide = r.could_decide_.data();
  for (const UndecidedRule& u : r.undecided_) {
    const std::uint32_t* __restrict m = r.missing_.data() + u.missing_begin;
    for (std::uint32_t i = 0; i < u.missing_count; ++i)
      if (best[m[i]]) decide[fill[m[i]]++] = u.rule;
  }
  r.decide_ready_ = true;
}

}  // namespace ardent