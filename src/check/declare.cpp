// Declarations: one namespace for findings, conditions, defines and scores, another for rules
// and red flags; finding
// slots in declaration order across files; enum domains and numeric ranges.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "check/context.hpp"

namespace ardent::check::detail {

namespace {

constexpr std::size_t kMaxEnumValues = 64;  // an enum test is one 64-bit mask

std::vector<Code> codes_of(const syntax::Attributes& a) {
  std::vector<Code> out;
  for (const auto& code : a.codes) out.push_back({code.system, code.value});
  return out;
}

std::vector<std::string> advice_of(const syntax::Attributes& a) {
  std::vector<std::string> out;
  for (const auto& t : a.advice) out.push_back(t.value);
  return out;
}

std::string label_or(const syntax::Attributes& a, const std::string& name) {
  return a.label ? a.label->value : name;
}

ValueType value_type(FindingType t) {
  switch (t) {
    case FindingType::boolean: return ValueType::Bool;
    case FindingType::enumeration: return ValueType::Enum;
    case FindingType::number: return ValueType::Number;
    case FindingType::duration: return ValueType::Duration;
  }
  return ValueType::Bool;
}

void declare_finding(Context& c, const syntax::FindingDecl& d) {
  Finding f;
  f.name = d.name.text;
  f.type = value_type(d.type);
  f.span = d.span;
  f.label = label_or(d.attrs, f.name);
  if (d.attrs.ask) f.question = d.attrs.ask->value;
  if (d.attrs.group) f.group = d.attrs.group->value;
  f.codes = codes_of(d.attrs);
  if (f.type == ValueType::Enum) {
    std::unordered_set<std::string> seen;
    for (const auto& v : d.values) {
      if (!seen.insert(v.text).second) {
        c.error(v.span, "duplicate", fmt::format("value '{}' appears twice in the domain of '{}'", v.text, f.name));
        continue;
      }
      f.values.push_back(v.text);
    }
    if (f.values.empty())
      c.error(d.name.span, "enum-domain", fmt::format("enum finding '{}' has no values", f.name));
    if (f.values.size() > kMaxEnumValues)
      c.error(d.name.span, "enum-domain",
              fmt::format("enum finding '{}' has {} values; an enum may have at most {}", f.name, f.values.size(),
                          kMaxEnumValues));
    const auto slot = static_cast<std::uint32_t>(c.model.findings.size());
    for (const auto& v : f.values) c.enum_value_owner.emplace(v, slot);
  }
  if (f.type == ValueType::Number) {
    if (d.min) f.min = *d.min;
    if (d.max) f.max = *d.max;
    f.integer = d.integer;
    if (d.unit) f.unit = d.unit->value;
    if (d.min && d.max && *d.min > *d.max)
      c.error(d.name.span, "range",
              fmt::format("empty range {} for '{}': the lower bound is above the upper one",
                          range_text(*d.min, *d.max), f.name));
  }
  c.finding_src.push_back(&d);
  c.model.findings.push_back(std::move(f));
}

void declare_rule(Context& c, const syntax::RuleDecl& d) {
  Rule r;
  r.name = d.name.text;
  r.redflag = d.redflag;
  r.priority = d.priority;
  r.label = label_or(d.attrs, r.name);
  r.advice = advice_of(d.attrs);
  r.codes = codes_of(d.attrs);
  r.span = d.span;
  c.rule_src.push_back(&d);
  c.model.rules.push_back(std::move(r));
}

struct Declared {
  const syntax::Name* name;
  SymbolKind kind;
  std::uint32_t index;  // model index; declaration index for defines and scores
};

const char* declared_word(SymbolKind kind, bool redflag) {
  return kind == SymbolKind::Rule && redflag ? "red flag" : kind_word(kind);
}

}  // namespace

void declare(Context& c) {
  std::vector<Declared> names;
  std::size_t declared = 0, rules = 0, findings = 0, conditions = 0;
  for (const auto& m : c.modules) {
    declared += m.findings.size() + m.conditions.size() + m.defines.size() + m.scores.size() + m.rules.size();
    rules += m.rules.size();
    findings += m.findings.size();
    conditions += m.conditions.size();
  }
  names.reserve(declared);
  c.model.rules.reserve(rules);
  c.rule_src.reserve(rules);
  c.model.findings.reserve(findings);
  c.finding_src.reserve(findings);
  c.model.conditions.reserve(conditions);
  c.condition_src.reserve(conditions);
  for (const auto& m : c.modules) {
    for (const auto& f : m.findings) {
      names.push_back({&f.name, SymbolKind::Finding, static_cast<std::uint32_t>(c.model.findings.size())});
      declare_finding(c, f);
    }
    for (const auto& d : m.conditions) {
      names.push_back({&d.name, SymbolKind::Condition, static_cast<std::uint32_t>(c.model.conditions.size())});
      Condition cond;
      cond.name = d.name.text;
      cond.label = label_or(d.attrs, cond.name);
      cond.codes = codes_of(d.attrs);
      cond.advice = advice_of(d.attrs);
      cond.span = d.span;
      c.condition_src.push_back(&d);
      c.model.conditions.push_back(std::move(cond));
    }
    for (const auto& d : m.defines) {
      names.push_back({&d.name, SymbolKind::Define, static_cast<std::uint32_t>(c.define_decls.size())});
      c.define_decls.push_back(&d);
    }
    for (const auto& s : m.scores) {
      names.push_back({&s.name, SymbolKind::Score, static_cast<std::uint32_t>(c.score_decls.size())});
      c.score_decls.push_back(&s);
    }
    for (const auto& r : m.rules) {
      names.push_back({&r.name, SymbolKind::Rule, static_cast<std::uint32_t>(c.model.rules.size())});
      declare_rule(c, r);
    }
  }

  // The first declaration in source order wins; every later one is the duplicate.
  std::stable_sort(names.begin(), names.end(), [](const Declared& a, const Declared& b) {
    if (a.name->span.file != b.name->span.file) return a.name->span.file < b.name->span.file;
    return a.name->span.offset < b.name->span.offset;
  });
  // Sized once: these tables hold every declared name, tens of thousands in a large rule set.
  c.symbols.reserve(names.size());
  c.rule_symbols.reserve(c.model.rules.size());
  for (const auto& d : names) {
    const bool is_rule = d.kind == SymbolKind::Rule;
    const auto [it, fresh] =
        (is_rule ? c.rule_symbols : c.symbols).emplace(d.name->text, Symbol{d.kind, d.index, d.name->span});
    if (fresh) continue;
    const Symbol& was = it->second;
    const bool was_redflag = was.kind == SymbolKind::Rule && c.model.rules[was.index].redflag;
    c.error(d.name->span, "duplicate",
            fmt::format("duplicate name '{}': already declared as a {} at {}", d.name->text,
                        declared_word(was.kind, was_redflag), c.where(was.span)));
  }

  c.finding_used.assign(c.model.findings.size(), false);
  c.finding_tested.assign(c.model.findings.size(), false);
  c.condition_used.assign(c.model.conditions.size(), false);
  c.define_used.assign(c.define_decls.size(), false);
  c.score_used.assign(c.score_decls.size(), false);
  c.rule_clean.assign(c.model.rules.size(), false);
}

}  // namespace ardent::check::detail
