// Building each rule's disjunctive normal form over atoms (prog::Rows), once per program on
// first use. A node's form is built from its operands' (an `and` multiplies them out, an `or`
// joins them, a `not` pushes inwards by De Morgan's laws, `at least k of n` is the `or` of every
// k operands' `and`); a node whose form would exceed kMaxConjunctions, or that is not a
// connective (a comparison), stays whole: an atom computed one by one before the rows.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "eval/result_writer.hpp"

namespace ardent {

namespace {

// Beyond this many conjunctions a node's form costs more than computing the node.
constexpr std::size_t kMaxConjunctions = 16;
// The conjunctions of every rule are the bits of at most two words: beyond, looking them up
// costs more than the full pass saves (measured: the generated rule set of 100 rules, 4 words of
// conjunctions, took 12.5k instructions a case by rows against 8.3k by the full pass; 40 rules,
// 2 words, 3.8k against 4.2k; the peer harness's, 1 word, 1.4k against 2.5k).
constexpr std::size_t kMaxRowConjunctions = 128;

using Conjunction = std::vector<std::uint32_t>;  // sorted literals: atom * 2 + (1 when negated)
using Form = std::vector<Conjunction>;           // their `or`; empty: false; one empty conjunction: true

std::optional<Form> multiply(const Form& a, const Form& b) {
  if (a.size() * b.size() > kMaxConjunctions) return std::nullopt;
  Form out;
  out.reserve(a.size() * b.size());
  for (const Conjunction& x : a)
    for (const Conjunction& y : b) {
      Conjunction c;
      c.reserve(x.size() + y.size());
      std::set_union(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(c));
      out.push_back(std::move(c));
    }
  return out;
}

class Builder {
 public:
  explicit Builder(const Program& p) : p_(p), memo_{std::vector<std::optional<Form>>(p.bool_count),
                                                    std::vector<std::optional<Form>>(p.bool_count)},
                                       atom_(p.bool_count, prog::kNone) {}

  // The form of boolean node `n`, or of its negation.
  const Form& form(std::uint32_t n, bool negated) {
    std::optional<Form>& memo = memo_[negated][n];
    if (!memo) {
      std::optional<Form> f = n < p_.composite_base ? std::nullopt : expand(p_.code[p_.bool_def[n]], negated);
      memo = f ? std::move(*f) : Form{{literal(n, negated)}};
    }
    return *memo;
  }

  std::vector<std::uint32_t> computed;

 private:
  std::uint32_t literal(std::uint32_t n, bool negated) {
    std::uint32_t atom = n;
    if (n >= p_.composite_base) {
      if (atom_[n] == prog::kNone) {
        atom_[n] = p_.composite_base + static_cast<std::uint32_t>(computed.size());
        computed.push_back(n);
      }
      atom = atom_[n];
    }
    return atom * 2 + (negated ? 1 : 0);
  }

  // The form of a connective, or nothing when it is not one or its form is too long.
  std::optional<Form> expand(const prog::Instr& in, bool negated) {
    const std::uint32_t* ops = p_.operands.data();
    switch (in.op) {
      case prog::Op::Not: return form(in.a, !negated);
      case prog::Op::And:
      case prog::Op::Or:
        // and, or not-or: every operand holds; or, or not-and: one does.
        return (in.op == prog::Op::And) != negated ? all_of(ops + in.a, in.n, negated)
                                                    : any_of(ops + in.a, in.n, negated);
      case prog::Op::AtLeast: {
        // Not (at least k of n) is at least n - k + 1 of their negations.
        const std::uint32_t k = negated ? in.n + 1 - std::min(in.k, in.n + 1) : in.k;
        return at_least(ops + in.a, in.n, k, negated);
      }
      default: return std::nullopt;
    }
  }

  std::optional<Form> all_of(const std::uint32_t* ops, std::uint32_t n, bool negated) {
    Form out{Conjunction{}};
    for (std::uint32_t i = 0; i < n; ++i) {
      std::optional<Form> next = multiply(out, form(ops[i], negated));
      if (!next) return std::nullopt;
      out = std::move(*next);
    }
    return out;
  }

  std::optional<Form> any_of(const std::uint32_t* ops, std::uint32_t n, bool negated) {
    Form out;
    for (std::uint32_t i = 0; i < n; ++i) {
      const Form& f = form(ops[i], negated);
      if (out.size() + f.size() > kMaxConjunctions) return std::nullopt;
      out.insert(out.end(), f.begin(), f.end());
    }
    return out;
  }

  // The `or` over every choice of k operands of their `and`.
  std::optional<Form> at_least(const std::uint32_t* ops, std::uint32_t n, std::uint32_t k, bool negated) {
    if (k == 0) return Form{Conjunction{}};
    if (k > n) return Form{};
    double choices = 1;  // n choose k, as a double so that it cannot wrap
    for (std::uint32_t i = 0; i < k; ++i) choices = choices * (n - i) / (i + 1);
    if (choices > kMaxConjunctions) return std::nullopt;
    Form out;
    std::vector<std::uint32_t> pick(k);
    for (std::uint32_t i = 0; i < k; ++i) pick[i] = i;
    for (;;) {
      Form chosen{Conjunction{}};
      for (std::uint32_t i : pick) {
        std::optional<Form> next = multiply(chosen, form(ops[i], negated));
        if (!next) return std::nullopt;
        chosen = std::move(*next);
      }
      if (out.size() + chosen.size() > kMaxConjunctions) return std::nullopt;
      out.insert(out.end(), chosen.begin(), chosen.end());
      std::uint32_t i = k;  // the next choice in lexicographic order
      while (i > 0 && pick[i - 1] == n - k + i - 1) --i;
      if (i == 0) return out;
      ++pick[i - 1];
      for (std::uint32_t j = i; j < k; ++j) pick[j] = pick[j - 1] + 1;
    }
  }

  const Program& p_;
  std::vector<std::optional<Form>> memo_[2];
  std::vector<std::uint32_t> atom_;  // per boolean node: its atom when it is computed whole
};

// Every instruction that the computed atoms and the divisions (whose warnings are the
// evaluation's) read, directly or not, in code order.
std::vector<std::uint32_t> cone_of(const Program& p, const std::vector<std::uint32_t>& computed) {
  std::vector<std::uint8_t> in_cone(p.code.size(), 0);
  std::vector<std::uint32_t> stack;
  auto push_bool = [&](std::uint32_t n) {
    if (n >= p.composite_base) stack.push_back(p.bool_def[n]);
  };
  auto push_num = [&](std::uint32_t n) {
    if (n >= p.num_composite_base) stack.push_back(p.num_def[n]);
  };
  for (std::uint32_t n : computed) push_bool(n);
  for (std::uint32_t i = 0; i < p.code.size(); ++i)
    if (p.code[i].op == prog::Op::Div) stack.push_back(i);
  while (!stack.empty()) {
    const std::uint32_t i = stack.back();
    stack.pop_back();
    if (in_cone[i]) continue;
    in_cone[i] = 1;
    prog::for_each_input(p.code[i], p.operands, p.terms, push_bool, push_num);
  }
  std::vector<std::uint32_t> cone;
  for (std::uint32_t i = 0; i < p.code.size(); ++i)
    if (in_cone[i]) cone.push_back(i);
  return cone;
}

// Each rule's form as rows, when the program is small enough for them to pay.
void build_rows(const Program& p, prog::Rows& rows) {
  // Each rule has a conjunction or more (but for those never fired), so a larger program
  // cannot fit; it is not worth building the forms to find out.
  if (p.rule_root.size() > kMaxRowConjunctions) return;
  Builder b(p);
  std::vector<const Form*> forms;
  std::size_t conjunctions = 0;
  for (std::uint32_t root : p.rule_root) {
    forms.push_back(&b.form(root, false));
    conjunctions += forms.back()->size();
  }
  if (conjunctions > kMaxRowConjunctions) return;
  rows.computed = std::move(b.computed);
  rows.cone = cone_of(p, rows.computed);
  // The nodes computed one by one cost about as much as in the full pass: rows pay only when
  // they replace most of the program.
  if (rows.cone.size() * 4 > p.code.size()) return;
  const std::uint32_t atoms = p.composite_base + static_cast<std::uint32_t>(rows.computed.size());
  rows.atom_words = std::max<std::uint32_t>(1, (atoms + 63) / 64);
  rows.conj_words = static_cast<std::uint32_t>(std::max<std::size_t>(1, (conjunctions + 63) / 64));
  const std::uint32_t cw = rows.conj_words;
  rows.read.assign(rows.atom_words, 0);
  std::vector<std::uint64_t> wants(std::size_t(atoms) * 3 * cw, 0);  // per atom, per kind, per word
  rows.rule_conj.assign(forms.size() * cw, 0);
  rows.conj_owner.reserve(conjunctions);
  std::uint32_t next = 0;
  for (std::size_t r = 0; r < forms.size(); ++r) {
    for (const Conjunction& c : *forms[r]) {
      const std::uint32_t word = next / 64;
      const std::uint64_t bit = std::uint64_t{1} << (next++ % 64);
      rows.rule_conj[r * cw + word] |= bit;
      rows.conj_owner.push_back({static_cast<std::uint32_t>(r), p.rule_out[r].triage});
      for (std::uint32_t lit : c) {
        const std::uint32_t atom = lit / 2;
        rows.read[atom / 64] |= std::uint64_t{1} << (atom % 64);
        wants[(std::size_t(atom) * 3 + (lit & 1)) * cw + word] |= bit;
        wants[(std::size_t(atom) * 3 + 2) * cw + word] |= bit;
      }
    }
  }
  const std::uint32_t groups = rows.atom_words * 16;
  rows.marks.assign(std::size_t(groups) * 3 * 16 * cw, 0);
  for (std::uint32_t g = 0; g < groups; ++g)
    for (std::uint32_t k = 0; k < 3; ++k)
      for (std::uint32_t b = 1; b < 16; ++b)
        for (std::uint32_t i = 0; i < 4; ++i)
          if ((b >> i) & 1u && g * 4 + i < atoms)
            for (std::uint32_t c = 0; c < cw; ++c)
              rows.marks[((std::size_t(g) * 3 + k) * 16 + b) * cw + c] |= wants[((std::size_t(g) * 4 + i) * 3 + k) * cw + c];
  if (rows.atom_words == 1) {
    // Each subset's marks from a smaller subset's: b's without its lowest atom, or that atom's.
    rows.byte_marks.assign(std::size_t(8) * 2 * 256 * cw, 0);
    for (std::uint32_t g = 0; g < 8; ++g)
      for (std::uint32_t k = 0; k < 2; ++k) {
        std::uint64_t* table = rows.byte_marks.data() + (std::size_t(g) * 2 + k) * 256 * cw;
        for (std::uint32_t b = 1; b < 256; ++b) {
          const std::uint32_t atom = g * 8 + static_cast<std::uint32_t>(__builtin_ctz(b));
          for (std::uint32_t c = 0; c < cw; ++c)
            table[b * cw + c] = table[(b & (b - 1)) * cw + c] |
                                (atom < atoms ? wants[(std::size_t(atom) * 3 + k) * cw + c] : 0);
        }
      }
  }
  rows.usable = true;
}

}  // namespace

const prog::Rows& internal::rule_rows(const Program& p) {
  if (p.rows_built.load(std::memory_order_acquire)) return p.rows;  // what call_once checks, without its call
  std::call_once(p.rows_once, [&p] {
    prog::Rows& rows = p.rows;
    rows.yes_no.assign((p.findings.size() + 63) / 64, 0);
    for (std::size_t i = 0; i < p.findings.size(); ++i)
      if (p.finding_types[i] == FindingType::boolean) rows.yes_no[i / 64] |= std::uint64_t{1} << (i % 64);
    for (const auto& atoms : p.cmp_atoms)
      for (const auto& a : atoms) rows.compared.push_back(a.slot);
    std::sort(rows.compared.begin(), rows.compared.end());
    rows.compared.erase(std::unique(rows.compared.begin(), rows.compared.end()), rows.compared.end());
    rows.yes_no_in_order = p.bool_atoms.size() <= 256;
    for (std::uint32_t i = 0; i < p.bool_atoms.size() && rows.yes_no_in_order; ++i)
      rows.yes_no_in_order = p.bool_atoms[i] == i;
    build_rows(p, rows);
    p.rows_built.store(true, std::memory_order_release);
  });
  return p.rows;
}

}  // namespace ardent
