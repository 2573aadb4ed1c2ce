// Explanations (`because` in docs/result-schema.md), computed on request by re-walking one
// rule's expression tree.
#include <stdexcept>

#include "ardent/result.hpp"
#include "compile/ruleset_access.hpp"
#include "compile/program.hpp"
#include "eval/explaining.hpp"
#include "eval/interp.hpp"
#include "eval/phrases.hpp"

namespace ardent {

using eval::F;
using eval::T;
using eval::U;

class internal::Explainer {
 public:
  Explainer(const Program& p, const Case& c) : p_(p), c_(c), interp_(p.model, c) {}

  // Collects the facts that make `e` evaluate to `want` (T or F); `e` has that value.
  void support(const check::Expr& e, std::uint8_t want, std::vector<Fact>& out) {
    using K = check::Expr::Kind;
    switch (e.kind) {
      case K::BoolFinding:
      case K::EnumIn:
        finding_fact(e.index, want == T, out);
        break;
      case K::Known:
      case K::Unknown:
        presence_fact(e.index, want == (e.kind == K::Known ? T : F), want == T, out);
        break;
      case K::Compare:
        for (const auto& k : e.kids) numeric_facts(k, want == T, out);
        break;
      case K::Not:
        support(e.kids[0], static_cast<std::uint8_t>(T - want), out);
        break;
      case K::And:
      case K::Or:
      case K::AtLeast: {
        // and/true and or/false need every part; otherwise the parts with the wanted value
        // (the first one only for a true `or`: the branch that made it true).
        const bool every = (e.kind == K::And && want == T) || (e.kind == K::Or && want == F);
        for (const auto& k : e.kids) {
          if (!every && interp_.truth(k) != want) continue;
          support(k, want, out);
          if (e.kind == K::Or && want == T) break;
        }
        break;
      }
      case K::BoolDefine:
        support(p_.model.defines.at(e.index).expr, want, out);
        break;
      default:
        break;
    }
  }

  // Findings recorded as unknown inside the undecided parts of `e`.
  void unknowns(const check::Expr& e, std::vector<Fact>& out) {
    using K = check::Expr::Kind;
    if (e.kind >= K::NumFinding) {
      const eval::Interval v = interp_.number(e);
      if (!v.unknown() && v.exact()) return;
      switch (e.kind) {
        case K::NumFinding:
          if (c_.state(e.index) == FindingState::unknown) add(label_fact(e.index), out);
          return;
        case K::ScoreRef:
          for (const auto& term : p_.model.scores.at(e.index).terms)
            if (interp_.truth(term.when) == U) unknowns(term.when, out);
          return;
        case K::NumDefine: unknowns(p_.model.defines.at(e.index).expr, out); return;
        default:
          for (const auto& k : e.kids) unknowns(k, out);
          return;
      }
    }
    if (interp_.truth(e) != U) return;
    switch (e.kind) {
      case K::BoolFinding:
      case K::EnumIn:
        if (c_.state(e.index) == FindingState::unknown) add(label_fact(e.index), out);
        return;
      case K::BoolDefine: unknowns(p_.model.defines.at(e.index).expr, out); return;
      default:
        for (const auto& k : e.kids) unknowns(k, out);
    }
  }

  Fact label_fact(std::uint32_t slot) const {
    const FindingInfo& f = p_.findings.at(slot);
    return Fact{Fact::Kind::finding, slot, true, eval::lower_first(f.label)};
  }

  static void add(Fact f, std::vector<Fact>& out) {
    for (const auto& x : out)
      if (x.text == f.text) return;
    out.push_back(std::move(f));
  }

 private:
  void finding_fact(std::uint32_t slot, bool holds, std::vector<Fact>& out) {
    const FindingInfo& f = p_.findings.at(slot);
    add(Fact{Fact::Kind::finding, slot, holds, eval::value_phrase(f, c_.number(slot))}, out);
  }

  void presence_fact(std::uint32_t slot, bool given, bool holds, std::vector<Fact>& out) {
    const FindingInfo& f = p_.findings.at(slot);
    std::string text = given ? eval::value_phrase(f, c_.number(slot))
                             : eval::lower_first(f.label) +
                                   (c_.state(slot) == FindingState::unknown ? " unknown" : " not asked");
    add(Fact{Fact::Kind::presence, slot, holds, std::move(text)}, out);
  }

  void numeric_facts(const check::Expr& e, bool holds, std::vector<Fact>& out) {
    using K = check::Expr::Kind;
    switch (e.kind) {
      case K::NumFinding:
        if (c_.state(e.index) == FindingState::given) finding_fact(e.index, holds, out);
        break;
      case K::ScoreRef: {
        const eval::Interval v = interp_.score(e.index);
        const ScoreInfo& s = p_.scores.at(e.index);
        std::string text = eval::lower_first(s.label) + ": " + format_number(v.lo);
        if (v.hi != v.lo) text += " to " + format_number(v.hi);
        add(Fact{Fact::Kind::score, e.index, holds, std::move(text)}, out);
        // The terms that count towards it are the evidence behind the number.
        for (const auto& term : p_.model.scores.at(e.index).terms)
          if (interp_.truth(term.when) == T) support(term.when, T, out);
        break;
      }
      case K::NumDefine:
        numeric_facts(p_.model.defines.at(e.index).expr, holds, out);
        break;
      default:
        for (const auto& k : e.kids) numeric_facts(k, holds, out);
    }
  }

  const Program& p_;
  const Case& c_;
  eval::Interp interp_;

  friend class Explaining;
};

internal::Explaining::Explaining(const Case& c, const Result& r) : r_(r) {
  const Program& p = program_of(c.ruleset());
  if (!r.ruleset_ptr() || &program_of(*r.ruleset_ptr()) != &p)
    throw std::invalid_argument("the result was not produced from a case of this rule set");
  ex_ = std::make_unique<Explainer>(p, c);
}

internal::Explaining::~Explaining() = default;

Explanation internal::Explaining::explain(std::uint32_t rule) {
  const Program& p = ex_->p_;
  if (rule >= p.rules.size())
    throw std::out_of_range("no rule with index " + std::to_string(rule));
  Explanation x;
  x.rule = rule;
  x.state = r_.rule_state(rule);
  x.location = p.rules[rule].location;
  const check::Expr& when = p.model.rules[rule].when;
  switch (x.state) {
    case RuleState::fired: ex_->support(when, T, x.facts); break;
    case RuleState::not_fired: ex_->support(when, F, x.facts); break;
    case RuleState::undecided:
      for (const auto& u : r_.undecided())
        if (u.rule == rule)
          for (std::uint32_t slot : r_.missing(u)) Explainer::add(ex_->label_fact(slot), x.missing);
      ex_->unknowns(when, x.unknown);
      break;
  }
  return x;
}

Explanation explain(const Case& c, const Result& r, std::uint32_t rule) {
  return internal::Explaining(c, r).explain(rule);
}

std::string Explanation::reasons() const {
  auto texts = [](const std::vector<Fact>& facts) {
    std::vector<std::string> out;
    for (const auto& f : facts) out.push_back(f.text);
    return out;
  };
  if (state != RuleState::undecided) return join_phrases(texts(facts));
  std::string s;
  if (!missing.empty()) s = "depends on " + join_phrases(texts(missing));
  if (!unknown.empty()) s += (s.empty() ? "" : "; ") + std::string("recorded as unknown: ") + join_phrases(texts(unknown));
  return s;
}

}  // namespace ardent
