// Undecided rules and what to ask next (`ask_next` in docs/result-schema.md).
//
// A finding "could decide" an undecided rule when it is not asked yet and appears in an
// undecided part of the rule's condition: walking down from the rule's root through nodes
// whose value is unknown only, so a finding inside an already-false branch of an `or`, or
// inside a comparison already decided by a score's interval, is never asked for it. Findings
// given as unknown are never asked again.
//
// Two ways to get there: rule sets with at most 256 findings give every undecided node a bit
// set of the findings below it in one bottom-up pass (fast, and each rule's list comes out in
// declaration order); larger ones walk each undecided rule. Both give the same answers.
#include <algorithm>
#include <cmath>
#include <cstring>

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
    return u;
  }
  void close_rule(UndecidedRule& u) const {
    u.missing_count = static_cast<std::uint32_t>(n_missing) - u.missing_begin;
  }
};

// Per-finding ranking inputs (arrays over finding slots, zeroed by the caller) and the
// candidates found so far.
struct Tally {
  std::uint8_t* redflag;   // 2 + triage of the most urgent undecided red flag it is in (1: no triage)
  std::uint8_t* requested; // asked for by an `ask` action of a fired rule
  std::uint8_t* raise;     // 1 + the highest triage above the current one it could reach
  std::uint32_t* count;    // undecided rules it is in
  std::uint32_t* mark;     // == listed: already a candidate
  std::uint64_t* keys;     // candidates (slots, later sort keys)
  std::size_t n_keys = 0;
  std::uint32_t listed = 0;
  int current = 0;         // the result's triage

  void candidate(std::uint32_t slot) {
    if (mark[slot] != listed) {
      mark[slot] = listed;
      keys[n_keys++] = slot;
    }
  }
  std::uint8_t redflag_of(const prog::RuleOut& ro) const {
    return ro.redflag ? static_cast<std::uint8_t>(2 + ro.triage) : 0;
  }
  std::uint8_t raise_of(const prog::RuleOut& ro) const {
    return ro.triage > current ? static_cast<std::uint8_t>(1 + ro.triage) : 0;
  }
};

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

// One bottom-up pass: every undecided node gets the set of not-asked findings below it through
// undecided parts, as W words of bits.
template <unsigned W>
void node_bits(const Program& p, internal::EvalScratch& s) {
  const std::uint8_t* st = s.states.data();
  const std::uint8_t* t = s.truth.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  std::uint64_t* bb = s.bool_bits.data();
  std::uint64_t* nb = s.num_bits.data();

  auto leaf = [&](std::uint64_t* m, std::uint32_t slot) {
    for (unsigned w = 0; w < W; ++w) m[w] = 0;
    if (st[slot] == kNotAsked) m[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  };
  for (std::uint32_t n = 0; n < p.composite_base; ++n)
    if (t[n] == U) leaf(bb + std::size_t(n) * W, p.bool_def[n]);
  for (std::uint32_t n = 0; n < p.const_base; ++n)
    if (std::isnan(lo[n])) leaf(nb + std::size_t(n) * W, p.num_def[n]);

  for (const prog::Instr& in : p.code) {
    const bool numeric = prog::is_numeric(in.op);
    if (numeric ? !open(lo, hi, in.out) : t[in.out] != U) continue;
    std::uint64_t m[W] = {};
    auto take_bool = [&](std::uint32_t k) {
      if (t[k] != U) return;
      const std::uint64_t* km = bb + std::size_t(k) * W;
      for (unsigned w = 0; w < W; ++w) m[w] |= km[w];
    };
    auto take_num = [&](std::uint32_t k) {
      if (!open(lo, hi, k)) return;
      const std::uint64_t* km = nb + std::size_t(k) * W;
      for (unsigned w = 0; w < W; ++w) m[w] |= km[w];
    };
    switch (in.op) {
      case prog::Op::And:
      case prog::Op::Or:
      case prog::Op::AtLeast:
        for (std::uint32_t i = 0; i < in.n; ++i) take_bool(p.operands[in.a + i]);
        break;
      case prog::Op::Not: take_bool(in.a); break;
      case prog::Op::Compare:
      case prog::Op::Add:
      case prog::Op::Sub:
      case prog::Op::Mul:
      case prog::Op::Div:
        take_num(in.a);
        take_num(in.b);
        break;
      case prog::Op::Negate: take_num(in.a); break;
      case prog::Op::Score:
        for (std::uint32_t i = 0; i < in.n; ++i) take_bool(p.terms[in.a + i].cond);
        break;
    }
    std::uint64_t* out = (numeric ? nb : bb) + std::size_t(in.out) * W;
    for (unsigned w = 0; w < W; ++w) out[w] = m[w];
  }
}

// With node bit sets: each undecided rule's findings are the bits of its root. The ranking
// inputs are gathered per rule as bit sets too and read back once per candidate, and the
// candidates come out in declaration order.
template <unsigned W>
void collect_by_bits(const Result& r, const Program& p, internal::EvalScratch& s, Lists& lists, Tally& tally) {
  node_bits<W>(p, s);
  const RuleState* states = r.rule_states().data();
  const std::uint64_t* bb = s.bool_bits.data();
  constexpr int kLevels = 6;  // rank values 0..5
  std::uint64_t any[W] = {}, by_redflag[kLevels][W] = {}, by_raise[kLevels][W] = {};
  std::uint32_t* count = tally.count;
  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    UndecidedRule& u = lists.open_rule(rule);
    const std::uint64_t* m = bb + std::size_t(p.rule_root[rule]) * W;
    const prog::RuleOut& ro = p.rule_out[rule];
    const std::uint8_t rf = tally.redflag_of(ro), up = tally.raise_of(ro);
    for (unsigned w = 0; w < W; ++w) {
      any[w] |= m[w];
      by_redflag[rf][w] |= m[w];
      by_raise[up][w] |= m[w];
      for (std::uint64_t bits = m[w]; bits; bits &= bits - 1) {
        const std::uint32_t slot = w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits));
        lists.missing[lists.n_missing++] = slot;
        ++count[slot];
      }
    }
    lists.close_rule(u);
  }
  each_request(p, states, s.states.data(), [&](std::uint32_t slot) {
    tally.requested[slot] = 1;
    any[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  });
  for (unsigned w = 0; w < W; ++w)
    for (std::uint64_t bits = any[w]; bits; bits &= bits - 1) {
      const int b = __builtin_ctzll(bits);
      const std::uint32_t slot = w * 64 + static_cast<std::uint32_t>(b);
      tally.keys[tally.n_keys++] = slot;
      for (int level = kLevels - 1; level > 0; --level)
        if ((by_redflag[level][w] >> b) & 1) {
          tally.redflag[slot] = static_cast<std::uint8_t>(level);
          break;
        }
      for (int level = kLevels - 1; level > 0; --level)
        if ((by_raise[level][w] >> b) & 1) {
          tally.raise[slot] = static_cast<std::uint8_t>(level);
          break;
        }
    }
}

// The general case: walk down from each undecided rule's root through undecided nodes.
void collect_by_walk(const Result& r, const Program& p, internal::EvalScratch& s, Lists& lists, Tally& tally) {
  const std::uint8_t* st = s.states.data();
  const std::uint8_t* t = s.truth.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  const RuleState* states = r.rule_states().data();
  std::uint32_t* stack = s.stack.data();

  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    const std::uint32_t epoch = next_epoch(s);
    UndecidedRule& u = lists.open_rule(rule);
    auto finding = [&](std::uint32_t slot) {
      if (st[slot] == kNotAsked && s.finding_mark[slot] != epoch) {
        s.finding_mark[slot] = epoch;
        lists.missing[lists.n_missing++] = slot;
      }
    };
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
    push_bool(p.rule_root[rule]);
    while (top) {
      const std::uint32_t e = stack[--top];
      const std::uint32_t n = e >> 1;
      if (e & 1) {
        if (n < p.const_base) {
          finding(p.num_def[n]);
          continue;
        }
      } else if (n < p.composite_base) {
        finding(p.bool_def[n]);
        continue;
      }
      const prog::Instr& in = p.code[(e & 1) ? p.num_def[n] : p.bool_def[n]];
      switch (in.op) {
        case prog::Op::And:
        case prog::Op::Or:
        case prog::Op::AtLeast:
          for (std::uint32_t i = 0; i < in.n; ++i) push_bool(p.operands[in.a + i]);
          break;
        case prog::Op::Not: push_bool(in.a); break;
        case prog::Op::Compare:
        case prog::Op::Add:
        case prog::Op::Sub:
        case prog::Op::Mul:
        case prog::Op::Div:
          push_num(in.a);
          push_num(in.b);
          break;
        case prog::Op::Negate: push_num(in.a); break;
        case prog::Op::Score:
          for (std::uint32_t i = 0; i < in.n; ++i) push_bool(p.terms[in.a + i].cond);
          break;
      }
    }
    lists.close_rule(u);
    std::sort(lists.missing + u.missing_begin, lists.missing + lists.n_missing);
  }

  tally.listed = next_epoch(s);  // the walks above used the finding marks per rule
  for (std::size_t k = 0; k < lists.n_undecided; ++k) {
    const UndecidedRule& u = lists.undecided[k];
    const prog::RuleOut& ro = p.rule_out[u.rule];
    const std::uint8_t rf = tally.redflag_of(ro), up = tally.raise_of(ro);
    for (std::uint32_t i = 0; i < u.missing_count; ++i) {
      const std::uint32_t slot = lists.missing[u.missing_begin + i];
      tally.candidate(slot);
      ++tally.count[slot];
      tally.redflag[slot] = std::max(tally.redflag[slot], rf);
      tally.raise[slot] = std::max(tally.raise[slot], up);
    }
  }
  each_request(p, states, st, [&](std::uint32_t slot) {
    tally.candidate(slot);
    tally.requested[slot] = 1;
  });
}

// Sorts keys in descending order of their high 32 bits, keeping the order of equal ones: an
// LSD radix sort with one pass per byte that is not the same in every key (usually two: the
// count of rules and the rank byte).
void radix_sort_descending_high(std::uint64_t* keys, std::uint64_t* tmp, std::size_t n) {
  std::uint64_t any = 0, all = ~std::uint64_t{0};
  for (std::size_t i = 0; i < n; ++i) {
    any |= keys[i];
    all &= keys[i];
  }
  const std::uint64_t differs = any ^ all;
  std::uint64_t* from = keys;
  std::uint64_t* to = tmp;
  for (int shift = 32; shift < 64; shift += 8) {
    if (((differs >> shift) & 255) == 0) continue;
    std::uint32_t counts[256] = {};
    for (std::size_t i = 0; i < n; ++i) ++counts[255 - ((from[i] >> shift) & 255)];
    std::uint32_t sum = 0;
    for (auto& c : counts) {
      const std::uint32_t here = c;
      c = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) to[counts[255 - ((from[i] >> shift) & 255)]++] = from[i];
    std::swap(from, to);
  }
  if (from != keys) std::memcpy(keys, from, n * sizeof(std::uint64_t));
}

}  // namespace

void internal::ResultWriter::plan_questions(const Result& r, const Program& p) {
  auto& s = r.scratch_.get();
  const std::size_t nf = p.findings.size();
  Tally tally{s.ask_redflag.data(), s.ask_requested.data(), s.ask_raise.data(), s.ask_rules.data(),
              s.finding_mark.data(), s.ask_keys.data()};
  tally.current = static_cast<int>(r.triage_);
  if (nf) {
    std::memset(tally.redflag, 0, nf);
    std::memset(tally.requested, 0, nf);
    std::memset(tally.raise, 0, nf);
    std::memset(tally.count, 0, nf * sizeof(std::uint32_t));
  }

  r.undecided_.resize(p.rule_root.size());
  Lists lists{r.undecided_.data(), r.missing_.data()};
  if (p.mask_words == 0) {
    collect_by_walk(r, p, s, lists, tally);
  } else {
    switch (p.mask_words) {
      case 1: collect_by_bits<1>(r, p, s, lists, tally); break;
      case 2: collect_by_bits<2>(r, p, s, lists, tally); break;
      case 3: collect_by_bits<3>(r, p, s, lists, tally); break;
      default: collect_by_bits<4>(r, p, s, lists, tally); break;
    }
  }
  r.undecided_.resize(lists.n_undecided);

  // Rank the candidates by one packed key each (larger first): red flag urgency, requested by
  // a fired rule's `ask`, the triage it could reach, the number of undecided rules, and the
  // declaration order (inverted so that earlier findings sort first).
  std::uint64_t* keys = tally.keys;
  const std::size_t n_keys = tally.n_keys;
  constexpr std::uint64_t kCountMax = (std::uint64_t{1} << 24) - 1;
  for (std::size_t i = 0; i < n_keys; ++i) {
    const auto slot = static_cast<std::uint32_t>(keys[i]);
    keys[i] = (std::uint64_t{tally.redflag[slot]} << 60) | (std::uint64_t{tally.requested[slot]} << 59) |
              (std::uint64_t{tally.raise[slot]} << 56) | (std::min<std::uint64_t>(tally.count[slot], kCountMax) << 32) |
              (0xffffffffu - slot);
  }
  if (p.mask_words == 0)
    std::sort(keys, keys + n_keys, [](std::uint64_t a, std::uint64_t b) { return a > b; });
  else  // candidates are in declaration order already: a stable sort on the rank is enough
    radix_sort_descending_high(keys, s.ask_tmp.data(), n_keys);

  // The rules each finding could decide, in declaration order.
  r.ask_next_.resize(n_keys);
  std::uint32_t* fill = s.ask_fill.data();
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < n_keys; ++i) {
    AskItem& a = r.ask_next_[i];
    const std::uint32_t slot = 0xffffffffu - static_cast<std::uint32_t>(keys[i]);
    a.finding = slot;
    a.reason = tally.redflag[slot]     ? AskReason::red_flag
               : tally.requested[slot] ? AskReason::requested
               : tally.raise[slot]     ? AskReason::raises_triage
                                       : AskReason::refines;
    a.decide_begin = offset;
    a.decide_count = tally.count[slot];
    fill[slot] = offset;
    offset += a.decide_count;
  }
  std::uint32_t* __restrict decide = r.could_decide_.data();
  std::uint32_t* __restrict next = fill;
  for (std::size_t k = 0; k < lists.n_undecided; ++k) {
    const UndecidedRule& u = lists.undecided[k];
    const std::uint32_t* __restrict m = lists.missing + u.missing_begin;
    const std::uint32_t n = u.missing_count, rule = u.rule;
    for (std::uint32_t i = 0; i < n; ++i) decide[next[m[i]]++] = rule;
  }
}

}  // namespace ardent
