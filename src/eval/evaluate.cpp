// The hot path: Case -> node values -> rule states. No strings, no allocation once prepared.
#include <cstring>

#include "eval/logic.hpp"
#include "eval/leaves.hpp"
#include "eval/node_ops.hpp"
#include "compile/ruleset_access.hpp"
#include "eval/case_access.hpp"
#include "eval/result_writer.hpp"

namespace ardent {

using namespace eval;
using internal::CaseAccess;
using internal::EvalScratch;
using internal::program_of;
using internal::ResultWriter;

Result::Scratch::Scratch() = default;
Result::Scratch::~Scratch() = default;
Result::Scratch::Scratch(const Scratch& other) {
  if (other.p_) p_ = std::make_unique<EvalScratch>(*other.p_);
}
Result::Scratch::Scratch(Scratch&& other) noexcept : p_(std::move(other.p_)) {}
Result::Scratch& Result::Scratch::operator=(const Scratch& other) {
  if (this != &other) get() = other.get();
  return *this;
}
// The source is left with no working memory, as a new Result: its vectors were moved too, and
// a scratch that still described them would let the next evaluation skip sizing them.
Result::Scratch& Result::Scratch::operator=(Scratch&& other) noexcept {
  p_ = std::move(other.p_);
  return *this;
}
EvalScratch& Result::Scratch::get() const {
  if (!p_) p_ = std::make_unique<EvalScratch>();
  return *p_;
}

void ResultWriter::prepare(Result& r, const Case& c, const Program& p) {
  if (r.ruleset_ != c.ruleset_ptr()) r.ruleset_ = c.ruleset_ptr();
  auto& s = r.scratch_.get();
  if (s.sized_for == &p) return;
  s.sized_for = &p;
  (void)baseline(p);  // built once per program, here, so that no later evaluation allocates
  const std::size_t nf = p.findings.size(), nc = p.conditions.size(), nr = p.rules.size();
  s.states.assign(nf, 0);
  s.values.assign(nf, 0.0);
  s.touched.assign((nf + 4095) / 4096, 0);
  s.plan_states.assign(nf, 0);
  s.plan_values.assign(nf, 0.0);
  s.plan_truth.assign(p.bool_count, U);
  s.plan_lo.assign(p.num_count, kNaN);
  s.plan_hi.assign(p.num_count, kNaN);
  s.values_valid = false;
  s.nodes_pending = false;
  s.plan_valid = false;
  s.truth.assign(p.bool_count, U);
  s.lo.assign(p.num_count, kNaN);
  s.hi.assign(p.num_count, kNaN);
  for (std::uint32_t i = 0; i < p.constants.size(); ++i)
    s.lo[p.const_base + i] = s.hi[p.const_base + i] = p.constants[i];
  s.cond_flags.assign(nc, 0);
  s.cond_strength.assign(nc, 0);
  for (auto& v : s.cond_priority) v.assign(nc, 0);
  s.ask_why.assign(nf, 0);
  s.ask_rules.assign(nf, 0);
  s.ask_fill.assign(nf, 0);
  s.finding_mark.assign(nf, 0);
  s.focus.assign(nf, 0);
  s.ask_keys.assign(nf, 0);
  s.ask_best.assign(nf, 0);
  s.bool_mark.assign(p.bool_count, 0);
  s.bool_fmark.assign(p.bool_count, 0);
  s.lower_mark.assign(nf, 0);
  s.guard_mark.assign(p.bool_count, 0);
  s.guard_stack.assign(std::size_t(p.bool_count) + 1, 0);
  s.part.assign(p.bool_count, 0);
  s.num_part.assign(p.num_count, 0);
  s.distance.assign(p.bool_count, 0);
  s.width.assign(p.bool_count, 0);
  s.num_mark.assign(p.num_count, 0);
  s.stack.assign(std::size_t(p.bool_count) + p.num_count + 1, 0);
  s.text_mark.assign(p.advice_texts.size(), 0);
  s.queued.assign((p.code.size() + 63) / 64, 0);
  s.settle.assign(p.bool_count, 0);
  for (auto* v : {&s.given, &s.fired, &s.fired_other, &s.cond_touched}) v->clear();
  s.given.reserve(nf);
  s.dirty_bool.make_room(p.bool_count);
  s.dirty_num.make_room(p.num_count);
  s.dirty_rules.make_room(nr);
  s.fired_now.make_room(nr);
  s.fired.reserve(nr);
  s.fired_other.reserve(nr);
  s.cond_touched.reserve(nc);
  s.at_baseline = false;
  s.fired_valid = false;
  const prog::Rows& rows = rule_rows(p);
  s.atom_yes.assign(rows.atom_words, 0);
  s.atom_no.assign(rows.atom_words, 0);
  s.bool_bits.assign(std::size_t(p.bool_count) * p.mask_words, 0);
  s.num_bits.assign(std::size_t(p.num_count) * p.mask_words, 0);
  s.epoch = 0;

  r.rule_states_.assign(nr, RuleState::undecided);
  r.red_flags_.clear();
  r.red_flags_.reserve(p.redflag_order.size());
  r.conditions_.clear();
  r.conditions_.reserve(nc);
  r.advice_.clear();
  r.advice_.reserve(p.advice_texts.size());
  // missing_ and could_decide_ are only read through ranges, so they keep their full size.
  r.undecided_.clear();
  r.undecided_.reserve(nr);
  r.missing_.assign(p.missing_capacity, 0);
  r.ask_next_.clear();
  r.ask_next_.reserve(nf);
  r.could_decide_.assign(p.missing_capacity, 0);
  r.warnings_.clear();
  r.warnings_.reserve(p.div_owners.size());
}

namespace {

// Every node's value, leaves then composites in the scheduled order; on_div_by_zero(i) for
// each instruction i that divides by exactly zero.
template <class OnDivByZero>
void full_pass(const Program& p, const std::uint8_t* st, const double* val, std::uint8_t* t, double* lo, double* hi,
               OnDivByZero on_div_by_zero) {
  compute_leaves(p, st, val, t, lo, hi);

  const std::uint32_t* ops = p.operands.data();
  const prog::Instr* code = p.code.data();
  for (const prog::Segment& seg : p.segments) {
    const prog::Instr* it = code + seg.begin;
    const prog::Instr* const end = code + seg.end;
    switch (seg.op) {
      // and = min, or = max over false 0 < unknown 1 < true 2; no early exit, no branches.
      case prog::Op::And:
        switch (seg.arity) {
          case 2:
            for (; it != end; ++it) t[it->out] = std::min(t[ops[it->a]], t[ops[it->a + 1]]);
            break;
          case 3:
            for (; it != end; ++it)
              t[it->out] = std::min(std::min(t[ops[it->a]], t[ops[it->a + 1]]), t[ops[it->a + 2]]);
            break;
          case 4:
            for (; it != end; ++it) {
              const std::uint32_t* o = ops + it->a;
              t[it->out] = std::min(std::min(t[o[0]], t[o[1]]), std::min(t[o[2]], t[o[3]]));
            }
            break;
          default:
            for (; it != end; ++it) {
              std::uint8_t m = T;
              for (const std::uint32_t *o = ops + it->a, *e = o + it->n; o != e; ++o) m = std::min(m, t[*o]);
              t[it->out] = m;
            }
        }
        break;
      case prog::Op::Or:
        switch (seg.arity) {
          case 2:
            for (; it != end; ++it) t[it->out] = std::max(t[ops[it->a]], t[ops[it->a + 1]]);
            break;
          case 3:
            for (; it != end; ++it)
              t[it->out] = std::max(std::max(t[ops[it->a]], t[ops[it->a + 1]]), t[ops[it->a + 2]]);
            break;
          case 4:
            for (; it != end; ++it) {
              const std::uint32_t* o = ops + it->a;
              t[it->out] = std::max(std::max(t[o[0]], t[o[1]]), std::max(t[o[2]], t[o[3]]));
            }
            break;
          default:
            for (; it != end; ++it) {
              std::uint8_t m = F;
              for (const std::uint32_t *o = ops + it->a, *e = o + it->n; o != e; ++o) m = std::max(m, t[*o]);
              t[it->out] = m;
            }
        }
        break;
      case prog::Op::Not:
        for (; it != end; ++it) t[it->out] = static_cast<std::uint8_t>(T - t[it->a]);
        break;
      case prog::Op::AtLeast:
      case prog::Op::Compare:
        for (; it != end; ++it) t[it->out] = bool_instr(p, *it, t, lo, hi);
        break;
      default:  // numeric
        for (; it != end; ++it) {
          bool by_zero = false;
          const Interval x = num_instr(p, *it, t, lo, hi, by_zero);
          lo[it->out] = x.lo;
          hi[it->out] = x.hi;
          if (by_zero) on_div_by_zero(static_cast<std::uint32_t>(it - code));
        }
        break;
    }
  }
}

// Baseline::readers: what follows a change of each boolean node, grouped by direction.
void sparse_readers(const Program& p, prog::Baseline& b) {
  using Kind = prog::SparseReader::Kind;
  constexpr std::uint32_t kNone = 0xffffffffu;
  constexpr std::uint8_t kRise = 1, kFall = 2, kBoth = kRise | kFall;
  // The operand each `and` waits on to rise (and each `or` to fall): one at the baseline's
  // minimum (maximum), read by as few instructions as possible.
  std::vector<std::uint32_t> waits_on(p.code.size(), kNone);
  for (std::uint32_t i = 0; i < p.code.size(); ++i) {
    const prog::Instr& in = p.code[i];
    if (in.op != prog::Op::And && in.op != prog::Op::Or) continue;
    for (const std::uint32_t *o = p.operands.data() + in.a, *e = o + in.n; o != e; ++o)
      if (b.truth[*o] == b.truth[in.out] &&
          (waits_on[i] == kNone || p.bool_users.size(*o) < p.bool_users.size(waits_on[i])))
        waits_on[i] = *o;
  }
  auto reader = [&](std::uint32_t node, std::uint32_t i, std::uint8_t& groups) {
    const prog::Instr& in = p.code[i];
    const bool logic = (in.op == prog::Op::And || in.op == prog::Op::Or) && waits_on[i] != kNone;
    if (!logic) {
      groups = kBoth;
      return prog::SparseReader{Kind::instr, i, 0, prog::SparseReader::kNoRule};
    }
    const bool is_and = in.op == prog::Op::And;
    groups = waits_on[i] == node ? kBoth : is_and ? kFall : kRise;
    const bool one_rule = p.bool_users.size(in.out) == 0 && p.bool_rules.size(in.out) == 1;
    return prog::SparseReader{is_and ? Kind::and_op : Kind::or_op, i, in.out,
                              one_rule ? p.bool_rules.row(in.out)[0] : prog::SparseReader::kNoRule};
  };
  b.rows.assign(p.bool_count, {});
  b.readers.clear();
  b.readers.reserve(p.bool_users.items.size() + p.rule_root.size());
  auto at = [&] { return static_cast<std::uint32_t>(b.readers.size()); };
  for (std::uint32_t n = 0; n < p.bool_count; ++n) {
    prog::ReaderRows& row = b.rows[n];
    row.rise_begin = at();
    for (const std::uint8_t group : {kRise, kBoth, kFall}) {
      if (group == kBoth) {
        row.fall_begin = at();
        for (std::uint32_t k = 0; k < p.bool_rules.size(n); ++k)
          b.readers.push_back({Kind::rule, p.bool_rules.row(n)[k], 0, prog::SparseReader::kNoRule});
      }
      if (group == kFall) row.rise_end = at();
      for (std::uint32_t k = 0; k < p.bool_users.size(n); ++k) {
        std::uint8_t groups = 0;
        const prog::SparseReader r = reader(n, p.bool_users.row(n)[k], groups);
        if (groups == group) b.readers.push_back(r);
      }
    }
    row.fall_end = at();
  }
}

// The case as evaluated, into s.states and s.values: the blocks the case touched are copied and
// those only the last snapshot held cleared, so that the cost follows the findings given.
void snapshot(EvalScratch& s, const Case& c, std::size_t n) {
  static_assert(static_cast<int>(FindingState::not_asked) == 0);
  if (n <= internal::kWholeCase) {
    if (n != 0) {
      std::memcpy(s.states.data(), CaseAccess::states(c), n);
      std::memcpy(s.values.data(), CaseAccess::values(c), n * sizeof(double));
    }
    return;
  }
  const std::vector<std::uint64_t>& now = CaseAccess::touched(c);
  for (std::size_t w = 0; w < s.touched.size(); ++w) s.touched[w] &= ~now[w];
  internal::for_each_block(s.touched, n, [&](std::size_t first, std::size_t last) {
    std::memset(s.states.data() + first, 0, last - first);
    std::memset(s.values.data() + first, 0, (last - first) * sizeof(double));
  });
  const std::uint8_t* st = CaseAccess::states(c);
  const double* val = CaseAccess::values(c);
  s.touched = now;
  internal::for_each_block(s.touched, n, [&](std::size_t first, std::size_t last) {
    std::memcpy(s.states.data() + first, st + first, last - first);
    std::memcpy(s.values.data() + first, val + first, (last - first) * sizeof(double));
  });
}

}  // namespace

const prog::Baseline& internal::baseline(const Program& p) {
  std::call_once(p.baseline_once, [&p] {
    prog::Baseline& b = p.baseline;
    const std::vector<std::uint8_t> states(p.findings.size(), static_cast<std::uint8_t>(FindingState::not_asked));
    const std::vector<double> values(p.findings.size(), 0.0);
    b.truth.assign(p.bool_count, U);
    b.lo.assign(p.num_count, kNaN);
    b.hi.assign(p.num_count, kNaN);
    for (std::uint32_t i = 0; i < p.constants.size(); ++i)
      b.lo[p.const_base + i] = b.hi[p.const_base + i] = p.constants[i];
    full_pass(p, states.data(), values.data(), b.truth.data(), b.lo.data(), b.hi.data(),
              [&](std::uint32_t instr) { b.div_warns.push_back(instr); });
    sparse_readers(p, b);
    for (std::uint32_t i = 0; i < p.code.size(); ++i)
      if (p.code[i].op == prog::Op::Div) b.divisions.push_back(i);
    b.rules.resize(p.rule_root.size());
    for (std::uint32_t i = 0; i < p.rule_root.size(); ++i) {
      b.rules[i] = static_cast<RuleState>(b.truth[p.rule_root[i]]);
      if (b.rules[i] == RuleState::fired) b.fired.push_back(i);
    }
  });
  return p.baseline;
}

void ResultWriter::compute_nodes(Result& r, const Case& c, const Program& p, NodePass pass) {
  const std::uint8_t* st = CaseAccess::states(c);
  const double* val = CaseAccess::values(c);
  EvalScratch& s = r.scratch_.get();

  r.questions_ready_ = false;
  r.concluded_ = false;
  r.warnings_.clear();
  s.fired_valid = false;
  s.nodes_pending = false;
  const bool automatic = pass == NodePass::automatic;
  // A program small enough for rows is below the sparse pass's threshold, so rows come first.
  const bool stepped = (automatic || pass == NodePass::step) && step_nodes(r, st, val, p, pass == NodePass::step);
  const bool by_rows = !stepped && (automatic || pass == NodePass::rows) && p.rows.usable;  // built by prepare
  const bool done = stepped || by_rows ||
                    ((automatic || pass == NodePass::sparse) && sparse_nodes(r, c, p, pass == NodePass::sparse));
  if (by_rows) {
    row_nodes(r, st, val, p);
    s.nodes_pending = true;
  } else if (!done) {
    s.at_baseline = false;  // every value may now differ from the baseline
    r.warnings_.clear();    // a pass that gave up may have added some
    full_pass(p, st, val, s.truth.data(), s.lo.data(), s.hi.data(),
              [&](std::uint32_t instr) { add_warning(r.warnings_, p.div_owners[p.code[instr].k]); });
    RuleState* states = r.rule_states_.data();
    const std::uint8_t* t = s.truth.data();
    for (std::uint32_t i = 0; i < p.rule_root.size(); ++i)
      states[i] = static_cast<RuleState>(t[p.rule_root[i]]);
  }
  snapshot(s, c, p.findings.size());
  s.values_valid = !s.nodes_pending;
}

void ResultWriter::settle_nodes(const Result& r, const Program& p) {
  EvalScratch& s = r.scratch_.get();
  if (!s.nodes_pending) return;
  full_pass(p, s.states.data(), s.values.data(), s.truth.data(), s.lo.data(), s.hi.data(), [](std::uint32_t) {});
  s.nodes_pending = false;
  s.values_valid = true;
}

void evaluate(const Case& c, Result& out) {
  const Program& p = program_of(c.ruleset());
  ResultWriter::prepare(out, c, p);
  ResultWriter::compute_nodes(out, c, p);
  ResultWriter::add_case_warnings(out, c);
}

void Result::conclude() const {
  if (ruleset_) ResultWriter::conclude(*this, program_of(*ruleset_));
  concluded_ = true;
}

void Result::list_could_decide() const {
  if (!questions_ready_) plan_questions();
  if (!decide_ready_) ResultWriter::list_could_decide(*this);
}

void Result::plan_questions() const {
  if (!concluded_) conclude();  // the interview weighs questions against the triage and conditions
  if (ruleset_) {
    ResultWriter::settle_nodes(*this, program_of(*ruleset_));
    ResultWriter::plan_questions(*this, program_of(*ruleset_));
  }
  questions_ready_ = true;
}

Result evaluate(const Case& c) {
  Result r;
  evaluate(c, r);
  return r;
}

}  // namespace ardent
