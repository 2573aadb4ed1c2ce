// Undecided rules and what to ask next (DESIGN §4.4).
//
// A finding "could decide" an undecided rule when it is not asked yet and appears in an
// undecided part of the rule's condition: walking down from the rule's root through nodes
// whose value is unknown only, so a finding inside an already-false branch of an `or`, or
// inside a comparison already decided by a score's interval, is never asked for it. Findings
// given as unknown are never asked again.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "eval/logic.hpp"
#include "eval/result_writer.hpp"

namespace ardent {

using namespace eval;

namespace {

bool open(const double* lo, const double* hi, std::uint32_t n) {
  return std::isnan(lo[n]) || lo[n] != hi[n];
}

constexpr auto kNotAsked = static_cast<std::uint8_t>(FindingState::not_asked);

// For small rule sets: one bottom-up pass gives every undecided node the set of not-asked
// findings below it through undecided parts, as W words of bits; a rule's missing findings are
// then the bits of its root, already in declaration order.
template <unsigned W>
void missing_by_bits(const Result& r, const Program& p, detail::EvalScratch& s,
                     std::vector<UndecidedRule>& undecided, std::vector<std::uint32_t>& missing) {
  const std::uint8_t* st = s.states.data();
  const std::uint8_t* t = s.truth.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  std::uint64_t* bb = s.bool_bits.data();
  std::uint64_t* nb = s.num_bits.data();

  for (std::uint32_t n = 0; n < p.composite_base; ++n) {
    if (t[n] != U) continue;
    std::uint64_t* m = bb + std::size_t(n) * W;
    for (unsigned w = 0; w < W; ++w) m[w] = 0;
    const std::uint32_t slot = p.bool_def[n];
    if (st[slot] == kNotAsked) m[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  }
  for (std::uint32_t n = 0; n < p.const_base; ++n) {
    if (!std::isnan(lo[n])) continue;
    std::uint64_t* m = nb + std::size_t(n) * W;
    for (unsigned w = 0; w < W; ++w) m[w] = 0;
    const std::uint32_t slot = p.num_def[n];
    if (st[slot] == kNotAsked) m[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  }
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

  const RuleState* states = r.rule_states().data();
  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    UndecidedRule u;
    u.rule = rule;
    u.missing_begin = static_cast<std::uint32_t>(missing.size());
    const std::uint64_t* m = bb + std::size_t(p.rule_root[rule]) * W;
    for (unsigned w = 0; w < W; ++w)
      for (std::uint64_t bits = m[w]; bits; bits &= bits - 1)
        missing.push_back(w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits)));
    u.missing_count = static_cast<std::uint32_t>(missing.size()) - u.missing_begin;
    undecided.push_back(u);
  }
}

// The general case: walk down from each undecided rule's root through undecided nodes.
void missing_by_walk(const Result& r, const Program& p, detail::EvalScratch& s,
                     std::vector<UndecidedRule>& undecided, std::vector<std::uint32_t>& missing) {
  const std::uint8_t* st = s.states.data();
  const std::uint8_t* t = s.truth.data();
  const double* lo = s.lo.data();
  const double* hi = s.hi.data();
  const RuleState* states = r.rule_states().data();
  std::uint32_t* stack = s.stack.data();

  for (std::uint32_t rule = 0; rule < p.rule_root.size(); ++rule) {
    if (states[rule] != RuleState::undecided) continue;
    const std::uint32_t epoch = next_epoch(s);
    UndecidedRule u;
    u.rule = rule;
    u.missing_begin = static_cast<std::uint32_t>(missing.size());
    auto finding = [&](std::uint32_t slot) {
      if (st[slot] == kNotAsked && s.finding_mark[slot] != epoch) {
        s.finding_mark[slot] = epoch;
        missing.push_back(slot);
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
    u.missing_count = static_cast<std::uint32_t>(missing.size()) - u.missing_begin;
    std::sort(missing.begin() + u.missing_begin, missing.end());
    undecided.push_back(u);
  }
}

}  // namespace

void ResultWriter::plan_questions(const Result& r, const Program& p) {
  auto& s = r.scratch_;
  const std::uint8_t* st = s.states.data();
  const RuleState* states = r.rule_states_.data();
  constexpr auto not_asked = kNotAsked;

  r.undecided_.clear();
  r.missing_.clear();
  switch (p.mask_words) {
    case 1: missing_by_bits<1>(r, p, s, r.undecided_, r.missing_); break;
    case 2: missing_by_bits<2>(r, p, s, r.undecided_, r.missing_); break;
    case 3: missing_by_bits<3>(r, p, s, r.undecided_, r.missing_); break;
    case 4: missing_by_bits<4>(r, p, s, r.undecided_, r.missing_); break;
    default: missing_by_walk(r, p, s, r.undecided_, r.missing_); break;
  }

  // Rank the candidates by one packed key each (larger first): red flag urgency, requested by
  // a fired rule's `ask`, the triage it could reach, the number of undecided rules, and the
  // declaration order (inverted so that earlier findings sort first).
  const std::size_t nf = p.findings.size();
  std::uint8_t* redflag = s.ask_redflag.data();
  std::uint8_t* requested = s.ask_requested.data();
  std::uint8_t* raise = s.ask_raise.data();
  std::uint32_t* count = s.ask_rules.data();
  std::uint32_t* mark = s.finding_mark.data();
  std::uint64_t* keys = s.ask_keys.data();
  if (nf) {
    std::memset(redflag, 0, nf);
    std::memset(requested, 0, nf);
    std::memset(raise, 0, nf);
    std::memset(count, 0, nf * sizeof(std::uint32_t));
  }
  const int current = static_cast<int>(r.triage_);
  const std::uint32_t listed = next_epoch(s);
  std::size_t n_keys = 0;
  const std::uint32_t* missing = r.missing_.data();
  for (const UndecidedRule& u : r.undecided_) {
    const prog::RuleOut& ro = p.rule_out[u.rule];
    const std::uint8_t rf = ro.redflag ? static_cast<std::uint8_t>(2 + ro.triage) : 0;
    const std::uint8_t up = ro.triage > current ? static_cast<std::uint8_t>(1 + ro.triage) : 0;
    for (std::uint32_t i = 0; i < u.missing_count; ++i) {
      const std::uint32_t slot = missing[u.missing_begin + i];
      if (mark[slot] != listed) {
        mark[slot] = listed;
        keys[n_keys++] = slot;
      }
      ++count[slot];
      redflag[slot] = std::max(redflag[slot], rf);
      raise[slot] = std::max(raise[slot], up);
    }
  }
  for (std::uint32_t rule = 0; rule < p.rule_out.size(); ++rule) {
    if (states[rule] != RuleState::fired) continue;
    const prog::RuleOut& ro = p.rule_out[rule];
    for (std::uint32_t i = 0; i < ro.ask_n; ++i) {
      const std::uint32_t slot = p.rule_asks[ro.ask_begin + i];
      if (st[slot] != not_asked) continue;
      if (mark[slot] != listed) {
        mark[slot] = listed;
        keys[n_keys++] = slot;
      }
      requested[slot] = 1;
    }
  }
  constexpr std::uint64_t kCountMax = (std::uint64_t{1} << 24) - 1;
  for (std::size_t i = 0; i < n_keys; ++i) {
    const auto slot = static_cast<std::uint32_t>(keys[i]);
    keys[i] = (std::uint64_t{redflag[slot]} << 60) | (std::uint64_t{requested[slot]} << 59) |
              (std::uint64_t{raise[slot]} << 56) | (std::min<std::uint64_t>(count[slot], kCountMax) << 32) |
              (0xffffffffu - slot);
  }
  std::sort(keys, keys + n_keys, [](std::uint64_t a, std::uint64_t b) { return a > b; });

  // The rules each finding could decide, in declaration order.
  r.ask_next_.resize(n_keys);
  std::uint32_t* fill = s.ask_fill.data();
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < n_keys; ++i) {
    AskItem& a = r.ask_next_[i];
    const std::uint32_t slot = 0xffffffffu - static_cast<std::uint32_t>(keys[i]);
    a.finding = slot;
    a.reason = redflag[slot]     ? AskReason::red_flag
               : requested[slot] ? AskReason::requested
               : raise[slot]     ? AskReason::raises_triage
                                 : AskReason::refines;
    a.decide_begin = offset;
    a.decide_count = count[slot];
    fill[slot] = offset;
    offset += a.decide_count;
  }
  r.could_decide_.resize(offset);
  std::uint32_t* decide = r.could_decide_.data();
  for (const UndecidedRule& u : r.undecided_) {
    const std::uint32_t* m = missing + u.missing_begin;
    const std::uint32_t n = u.missing_count, rule = u.rule;
    for (std::uint32_t i = 0; i < n; ++i) decide[fill[m[i]]++] = rule;
  }
}

}  // namespace ardent
