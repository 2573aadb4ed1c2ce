// Builds checked models by hand, so the compile and eval stages can be tested without the
// parser and checker (and with shapes the language makes awkward to write).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compile/ruleset_access.hpp"
#include "ardent/ruleset.hpp"
#include "check/model.hpp"
#include "compile/compile.hpp"

namespace ardent::test {

using check::Expr;
using syntax::ArithOp;
using syntax::CmpOp;

inline Expr node(Expr::Kind k, std::vector<Expr> kids = {}) {
  Expr e;
  e.kind = k;
  e.kids = std::move(kids);
  e.numeric = k >= Expr::Kind::NumFinding;
  return e;
}
inline Expr B(std::uint32_t slot) {
  Expr e = node(Expr::Kind::BoolFinding);
  e.index = slot;
  return e;
}
inline Expr In(std::uint32_t slot, std::initializer_list<std::uint32_t> values) {
  Expr e = node(Expr::Kind::EnumIn);
  e.index = slot;
  for (auto v : values) e.mask |= std::uint64_t{1} << v;
  return e;
}
inline Expr Not(Expr x) { return node(Expr::Kind::Not, {std::move(x)}); }
inline Expr And(std::vector<Expr> kids) { return node(Expr::Kind::And, std::move(kids)); }
inline Expr Or(std::vector<Expr> kids) { return node(Expr::Kind::Or, std::move(kids)); }
inline Expr AtLeast(std::uint32_t k, std::vector<Expr> kids) {
  Expr e = node(Expr::Kind::AtLeast, std::move(kids));
  e.count = k;
  return e;
}
inline Expr Known(std::uint32_t slot) {
  Expr e = node(Expr::Kind::Known);
  e.index = slot;
  return e;
}
inline Expr Unknown(std::uint32_t slot) {
  Expr e = node(Expr::Kind::Unknown);
  e.index = slot;
  return e;
}
inline Expr Num(std::uint32_t slot) {
  Expr e = node(Expr::Kind::NumFinding);
  e.index = slot;
  return e;
}
inline Expr K(double c) {
  Expr e = node(Expr::Kind::Constant);
  e.number = c;
  return e;
}
inline Expr Cmp(CmpOp op, Expr l, Expr r) {
  Expr e = node(Expr::Kind::Compare, {std::move(l), std::move(r)});
  e.cmp = op;
  return e;
}
inline Expr Arith(ArithOp op, Expr l, Expr r) {
  Expr e = node(Expr::Kind::Arith, {std::move(l), std::move(r)});
  e.arith = op;
  return e;
}
inline Expr Neg(Expr x) { return node(Expr::Kind::Negate, {std::move(x)}); }
inline Expr ScoreRef(std::uint32_t index) {
  Expr e = node(Expr::Kind::ScoreRef);
  e.index = index;
  return e;
}
inline Expr BoolDef(std::uint32_t index) {
  Expr e = node(Expr::Kind::BoolDefine);
  e.index = index;
  return e;
}
inline Expr NumDef(std::uint32_t index) {
  Expr e = node(Expr::Kind::NumDefine);
  e.index = index;
  return e;
}

class ModelBuilder {
 public:
  explicit ModelBuilder(std::string name = "test", std::string version = "1.0.0") {
    m_.name = std::move(name);
    m_.version = std::move(version);
    m_.files.push_back({"test.ard", "# hand-built\n"});
  }

  std::uint32_t boolean(std::string name, std::string label = "") {
    return add_finding(std::move(name), check::ValueType::Bool, std::move(label));
  }
  std::uint32_t enumeration(std::string name, std::vector<std::string> values, std::string label = "") {
    auto s = add_finding(std::move(name), check::ValueType::Enum, std::move(label));
    m_.findings[s].values = std::move(values);
    return s;
  }
  std::uint32_t number(std::string name, double lo, double hi, bool integer = false, std::string unit = "",
                       std::string label = "") {
    auto s = add_finding(std::move(name), check::ValueType::Number, std::move(label));
    m_.findings[s].min = lo;
    m_.findings[s].max = hi;
    m_.findings[s].integer = integer;
    m_.findings[s].unit = std::move(unit);
    return s;
  }
  std::uint32_t duration(std::string name, std::string label = "") {
    return add_finding(std::move(name), check::ValueType::Duration, std::move(label));
  }
  void question(std::uint32_t slot, std::string q) { m_.findings[slot].question = std::move(q); }

  std::uint32_t condition(std::string name, std::string label = "", std::vector<std::string> advice = {}) {
    check::Condition c;
    c.name = std::move(name);
    c.label = label.empty() ? c.name : std::move(label);
    c.advice = std::move(advice);
    m_.conditions.push_back(std::move(c));
    return static_cast<std::uint32_t>(m_.conditions.size() - 1);
  }
  std::uint32_t define(std::string name, Expr e) {
    check::Define d;
    d.name = std::move(name);
    d.numeric = e.numeric;
    d.expr = std::move(e);
    m_.defines.push_back(std::move(d));
    return static_cast<std::uint32_t>(m_.defines.size() - 1);
  }
  std::uint32_t score(std::string name, std::vector<std::pair<double, Expr>> terms) {
    check::Score s;
    s.name = std::move(name);
    s.label = s.name;
    for (auto& [points, when] : terms) s.terms.push_back({points, std::move(when), {}});
    m_.scores.push_back(std::move(s));
    return static_cast<std::uint32_t>(m_.scores.size() - 1);
  }

  class RuleRef {
   public:
    RuleRef(check::Model& m, std::size_t i) : m_(m), i_(i) {}
    RuleRef& priority(std::int32_t p) { rule().priority = p; return *this; }
    RuleRef& label(std::string l) { rule().label = std::move(l); return *this; }
    RuleRef& advice(std::string a) { rule().advice.push_back(std::move(a)); return *this; }
    RuleRef& suggest(std::uint32_t c, check::Action::Strength s = check::Action::Strength::None) {
      return act(check::Action::Kind::Suggest, c, s);
    }
    RuleRef& consider(std::uint32_t c) { return act(check::Action::Kind::Consider, c); }
    RuleRef& exclude(std::uint32_t c) { return act(check::Action::Kind::Exclude, c); }
    RuleRef& triage(Triage t) { return act(check::Action::Kind::Triage, static_cast<std::uint32_t>(t)); }
    RuleRef& ask(std::uint32_t slot) { return act(check::Action::Kind::Ask, slot); }
    RuleRef& advise(std::string text) {
      act(check::Action::Kind::Advise, 0);
      rule().actions.back().text = std::move(text);
      return *this;
    }
    std::uint32_t index() const { return static_cast<std::uint32_t>(i_); }

   private:
    check::Rule& rule() { return m_.rules[i_]; }
    RuleRef& act(check::Action::Kind k, std::uint32_t target,
                 check::Action::Strength s = check::Action::Strength::None) {
      check::Action a;
      a.kind = k;
      a.target = target;
      a.strength = s;
      rule().actions.push_back(std::move(a));
      return *this;
    }
    check::Model& m_;
    std::size_t i_;
  };

  RuleRef rule(std::string name, Expr when) { return add_rule(std::move(name), std::move(when), false); }
  RuleRef redflag(std::string name, Expr when) { return add_rule(std::move(name), std::move(when), true); }

  void default_triage(Triage t) { m_.default_triage = t; }
  check::Model& model() { return m_; }
  check::Model model_copy() const { return m_; }

  RulesetPtr ruleset(std::string hash = "0") const {
    return internal::RulesetAccess::make(compile::compile(m_, std::move(hash)));
  }

 private:
  std::uint32_t add_finding(std::string name, check::ValueType t, std::string label) {
    check::Finding f;
    f.name = std::move(name);
    f.type = t;
    f.label = label.empty() ? f.name : std::move(label);
    m_.findings.push_back(std::move(f));
    return static_cast<std::uint32_t>(m_.findings.size() - 1);
  }
  RuleRef add_rule(std::string name, Expr when, bool redflag) {
    check::Rule r;
    r.name = std::move(name);
    r.redflag = redflag;
    if (redflag) r.label = r.name;
    r.when = std::move(when);
    m_.rules.push_back(std::move(r));
    return RuleRef(m_, m_.rules.size() - 1);
  }
  check::Model m_;
};

}  // namespace ardent::test
