// `test` blocks: given values become slot values, expectations become indices.
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "check/context.hpp"
#include "ardent/names.hpp"

namespace ardent::check::detail {

namespace {

// What a given value for this finding looks like, for messages.
std::string expected_value(const Finding& f) {
  switch (f.type) {
    case ValueType::Bool: return "yes or no";
    case ValueType::Enum: return domain_text(f.values);
    case ValueType::Number:
      if (std::isnan(f.min) && std::isnan(f.max)) return "a number";
      return fmt::format("a number in {}", range_text(f.min, f.max));
    case ValueType::Duration: return "a duration such as '3 weeks'";
  }
  return "a value";
}

const char* type_word(ValueType t) {
  switch (t) {
    case ValueType::Bool: return "bool";
    case ValueType::Enum: return "enum";
    case ValueType::Number: return "number";
    case ValueType::Duration: return "duration";
  }
  return "value";
}

class TestResolver {
 public:
  explicit TestResolver(Context& c) : c_(c), given_at_(c.model.findings.size(), nullptr) {}

  void resolve(const syntax::TestDecl& src, Test& out) {
    out.given.reserve(src.given.size());
    for (const auto& g : src.given) {
      GivenValue v;
      if (!given(g, v)) continue;
      if (const syntax::GivenItem* first = given_at_[v.slot]) {
        c_.error(g.finding.span, "duplicate",
                 fmt::format("'{}' is given twice in this test (first at {})", g.finding.text,
                             c_.where(first->finding.span)));
        continue;
      }
      given_at_[v.slot] = &g;
      out.given.push_back(v);
    }
    for (const auto& v : out.given) given_at_[v.slot] = nullptr;
    out.expect.reserve(src.expect.size());
    for (const auto& e : src.expect) {
      Expectation x;
      if (expectation(e, x)) out.expect.push_back(x);
    }
    conflicts(out);
  }

 private:
  const Finding* finding(const syntax::Name& n, std::uint32_t& slot) {
    const Symbol* s = c_.lookup(n.text);
    if (!s) {
      std::vector<std::string_view> names;
      for (const auto& f : c_.model.findings) names.push_back(f.name);
      c_.error(n.span, "test-unknown", fmt::format("unknown finding {}{}", in_quotes(n.text), did_you_mean(n.text, names)));
      return nullptr;
    }
    if (s->kind != SymbolKind::Finding) {
      c_.error(n.span, "type-mismatch", fmt::format("'{}' is a {}, not a finding", n.text, kind_word(s->kind)));
      return nullptr;
    }
    c_.finding_tested[s->index] = true;
    slot = s->index;
    return &c_.model.findings[s->index];
  }

  bool given(const syntax::GivenItem& g, GivenValue& v) {
    v.span = g.span;
    const Finding* f = finding(g.finding, v.slot);
    if (!f) return false;
    auto mismatch = [&] {
      c_.error(g.span, "type-mismatch",
               fmt::format("'{}' is a {} finding: give {}", f->name, type_word(f->type), expected_value(*f)));
      return false;
    };
    using K = syntax::GivenItem::Kind;
    switch (g.kind) {
      case K::Unknown: v.kind = GivenValue::Kind::Unknown; return true;
      case K::Yes:
      case K::No:
        if (f->type != ValueType::Bool) return mismatch();
        v.kind = GivenValue::Kind::Bool;
        v.boolean = g.kind == K::Yes;
        return true;
      case K::Enum: {
        if (f->type != ValueType::Enum) return mismatch();
        std::size_t i = 0;
        while (i < f->values.size() && f->values[i] != g.value.text) ++i;
        if (i == f->values.size()) {
          std::vector<std::string_view> domain(f->values.begin(), f->values.end());
          c_.error(g.value.span, "enum-domain",
                   fmt::format("{} is not a value of '{}' ({}){}", in_quotes(g.value.text), f->name, domain_text(f->values),
                               did_you_mean(g.value.text, domain)));
          return false;
        }
        v.kind = GivenValue::Kind::Enum;
        v.enum_value = static_cast<std::uint32_t>(i);
        return true;
      }
      case K::Number:
        if (f->type != ValueType::Number) return mismatch();
        if ((!std::isnan(f->min) && g.number < f->min) || (!std::isnan(f->max) && g.number > f->max)) {
          c_.error(g.span, "out-of-range",
                   fmt::format("{} is outside the declared range of '{}' ({})", number_text(g.number), f->name,
                               range_text(f->min, f->max)));
          return false;
        }
        if (f->integer && g.number != std::floor(g.number)) {
          c_.error(g.span, "not-integer",
                   fmt::format("'{}' takes whole numbers only, not {}", f->name, number_text(g.number)));
          return false;
        }
        v.kind = GivenValue::Kind::Number;
        v.number = g.number;
        return true;
      case K::Duration:
        if (f->type != ValueType::Duration) return mismatch();
        v.kind = GivenValue::Kind::Number;
        v.number = g.number * days_per(g.unit);
        return true;
    }
    return false;
  }

  bool expectation(const syntax::ExpectItem& e, Expectation& x) {
    using K = syntax::ExpectItem::Kind;
    x.span = e.span;
    switch (e.kind) {
      case K::Suggest: x.kind = Expectation::Kind::Suggest; return condition(e.target, x.target);
      case K::Consider: x.kind = Expectation::Kind::Consider; return condition(e.target, x.target);
      case K::Exclude: x.kind = Expectation::Kind::Exclude; return condition(e.target, x.target);
      case K::NotConcluded: x.kind = Expectation::Kind::NotConcluded; return condition(e.target, x.target);
      case K::Redflag: x.kind = Expectation::Kind::Redflag; return redflag(e.target, x.target);
      case K::NoRedflag: x.kind = Expectation::Kind::NoRedflag; return true;
      case K::NoOtherRedflag: x.kind = Expectation::Kind::NoOtherRedflag; return true;
      case K::Triage: {
        x.kind = Expectation::Kind::Triage;
        const auto level = c_.triage_level(e.target, "test-unknown");
        if (level) x.target = static_cast<std::uint32_t>(*level);
        return level.has_value();
      }
      case K::Ask: x.kind = Expectation::Kind::Ask; return finding(e.target, x.target) != nullptr;
      case K::NoAsk: x.kind = Expectation::Kind::NoAsk; return finding(e.target, x.target) != nullptr;
    }
    return false;
  }

  bool condition(const syntax::Name& n, std::uint32_t& target) {
    const Symbol* s = c_.lookup(n.text);
    if (!s) {
      std::vector<std::string_view> names;
      for (const auto& cond : c_.model.conditions) names.push_back(cond.name);
      c_.error(n.span, "test-unknown", fmt::format("unknown condition {}{}", in_quotes(n.text), did_you_mean(n.text, names)));
      return false;
    }
    if (s->kind != SymbolKind::Condition) {
      c_.error(n.span, "type-mismatch", fmt::format("'{}' is a {}, not a condition", n.text, kind_word(s->kind)));
      return false;
    }
    target = s->index;
    return true;
  }

  bool redflag(const syntax::Name& n, std::uint32_t& target) {
    auto found = c_.rule_symbols.find(n.text);
    const Symbol* s = found == c_.rule_symbols.end() ? nullptr : &found->second;
    if (!s) {
      std::vector<std::string_view> names;
      for (const auto& r : c_.model.rules)
        if (r.redflag) names.push_back(r.name);
      c_.error(n.span, "test-unknown", fmt::format("unknown red flag {}{}", in_quotes(n.text), did_you_mean(n.text, names)));
      return false;
    }
    if (s->kind != SymbolKind::Rule || !c_.model.rules[s->index].redflag) {
      c_.error(n.span, "type-mismatch",
               fmt::format("'{}' is a {}, not a red flag: 'expect redflag' names a red flag", n.text,
                           "plain rule"));
      return false;
    }
    target = s->index;
    return true;
  }

  // Expectations that no outcome can meet at once: the test could never pass.
  void conflicts(const Test& t) {
    const Expectation* triage = nullptr;
    const Expectation* some_flag = nullptr;
    const Expectation* no_flag = nullptr;
    std::unordered_map<std::uint32_t, const Expectation*> concluded, not_concluded, asked, not_asked;
    // What a test concludes or asks is looked up only by a `not` or a `no ask` of the same
    // test: without one, those tables are not filled (most tests have neither).
    bool any_not = false, any_no_ask = false;
    for (const auto& x : t.expect) {
      any_not |= x.kind == Expectation::Kind::NotConcluded;
      any_no_ask |= x.kind == Expectation::Kind::NoAsk;
    }
    for (const auto& x : t.expect) {
      switch (x.kind) {
        case Expectation::Kind::Triage:
          if (triage && triage->target != x.target)
            c_.error(x.span, "test-conflict",
                     fmt::format("this test already expects triage {} (at {})",
                                 to_string(static_cast<Triage>(triage->target)), c_.where(triage->span)));
          else triage = &x;
          break;
        case Expectation::Kind::Redflag: some_flag = some_flag ? some_flag : &x; break;
        case Expectation::Kind::NoRedflag: no_flag = no_flag ? no_flag : &x; break;
        case Expectation::Kind::Suggest:
        case Expectation::Kind::Consider:
        case Expectation::Kind::Exclude:
          if (any_not) concluded.emplace(x.target, &x);
          break;
        case Expectation::Kind::NotConcluded: not_concluded.emplace(x.target, &x); break;
        case Expectation::Kind::Ask:
          if (any_no_ask) asked.emplace(x.target, &x);
          break;
        case Expectation::Kind::NoAsk: not_asked.emplace(x.target, &x); break;
        default: break;
      }
    }
    if (some_flag && no_flag)
      c_.error(no_flag->span, "test-conflict",
               fmt::format("'no redflag' contradicts 'redflag {}' in the same test",
                           c_.model.rules[some_flag->target].name));
    for (const auto& [cond, x] : not_concluded) {
      auto it = concluded.find(cond);
      if (it != concluded.end())
        c_.error(x->span, "test-conflict",
                 fmt::format("'not {0}' contradicts the expectation at {1} that concludes '{0}'",
                             c_.model.conditions[cond].name, c_.where(it->second->span)));
    }
    for (const auto& [slot, x] : not_asked) {
      auto it = asked.find(slot);
      if (it != asked.end())
        c_.error(x->span, "test-conflict",
                 fmt::format("'no ask {0}' contradicts 'ask {0}' at {1}", c_.model.findings[slot].name,
                             c_.where(it->second->span)));
    }
  }

  Context& c_;
  // By finding slot, the item that gives it in the test being resolved: a table made once
  // and cleared after each test, rather than a map made for each.
  std::vector<const syntax::GivenItem*> given_at_;
};

}  // namespace

void resolve_tests(Context& c) {
  TestResolver resolver(c);
  std::size_t tests = 0;
  for (const auto& m : c.modules) tests += m.tests.size();
  c.model.tests.reserve(c.model.tests.size() + tests);
  std::unordered_map<std::string_view, const syntax::TestDecl*> names;  // views into c.modules
  names.reserve(tests);
  for (const auto& m : c.modules) {
    for (const auto& src : m.tests) {
      auto [it, fresh] = names.emplace(src.name.value, &src);
      if (!fresh)
        c.error(src.name.span, "duplicate",
                fmt::format("duplicate test name \"{}\": already used at {}", src.name.value,
                            c.where(it->second->name.span)));
      Test t;
      t.name = src.name.value;
      t.span = src.span;
      resolver.resolve(src, t);
      c.model.tests.push_back(std::move(t));
    }
  }
}

}  // namespace ardent::check::detail
