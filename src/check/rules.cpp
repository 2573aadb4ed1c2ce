// Rules and red flags: conditions, actions, and the red-flag triage lint.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "check/resolve.hpp"
#include "ardent/names.hpp"

namespace ardent::check::detail {

namespace {

bool missing(const syntax::Expr& e) { return e.kind == syntax::Expr::Kind::Ref && e.name.text.empty(); }

std::string lower(std::string s) {
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

const char* action_word(syntax::Action::Kind k) {
  switch (k) {
    case syntax::Action::Kind::Suggest: return "suggest";
    case syntax::Action::Kind::Consider: return "consider";
    case syntax::Action::Kind::Exclude: return "exclude";
    case syntax::Action::Kind::Triage: return "triage";
    case syntax::Action::Kind::Advise: return "advise";
    case syntax::Action::Kind::Ask: return "ask";
  }
  return "action";
}

class ActionResolver {
 public:
  explicit ActionResolver(Context& c) : c_(c) {}

  bool resolve(const syntax::Action& a, Action& out) {
    out.span = a.span;
    switch (a.kind) {
      case syntax::Action::Kind::Suggest:
      case syntax::Action::Kind::Consider:
      case syntax::Action::Kind::Exclude:
        out.kind = a.kind == syntax::Action::Kind::Suggest    ? Action::Kind::Suggest
                   : a.kind == syntax::Action::Kind::Consider ? Action::Kind::Consider
                                                              : Action::Kind::Exclude;
        if (a.strength && !strength(*a.strength, out.strength)) return false;
        return condition(a, out.target);
      case syntax::Action::Kind::Triage: {
        out.kind = Action::Kind::Triage;
        const auto level = c_.triage_level(a.target, "unknown-name");
        if (level) out.target = static_cast<std::uint32_t>(*level);
        return level.has_value();
      }
      case syntax::Action::Kind::Advise:
        out.kind = Action::Kind::Advise;
        out.text = a.text.value;
        return true;
      case syntax::Action::Kind::Ask: out.kind = Action::Kind::Ask; return finding(a, out.target);
    }
    return false;
  }

 private:
  bool strength(const syntax::Name& n, Action::Strength& out) {
    const std::string s = lower(n.text);
    if (s == "likely") out = Action::Strength::Likely;
    else if (s == "possible") out = Action::Strength::Possible;
    else {
      c_.error(n.span, "unknown-name",
               fmt::format("unknown strength {}: a suggestion is 'likely' or 'possible'{}", in_quotes(n.text),
                           did_you_mean(s, std::array<std::string_view, 2>{"likely", "possible"})));
      return false;
    }
    return true;
  }

  bool condition(const syntax::Action& a, std::uint32_t& target) {
    const Symbol* s = c_.lookup(a.target.text);
    if (!s) {
      std::vector<std::string_view> names;
      for (const auto& cond : c_.model.conditions) names.push_back(cond.name);
      c_.error(a.target.span, "unknown-name",
               fmt::format("unknown condition {}{}", in_quotes(a.target.text), did_you_mean(a.target.text, names)));
      return false;
    }
    if (s->kind != SymbolKind::Condition) {
      c_.error(a.target.span, "type-mismatch",
               fmt::format("'{}' is a {}, not a condition: '{}' names a declared condition", a.target.text,
                           kind_word(s->kind), action_word(a.kind)));
      return false;
    }
    c_.condition_used[s->index] = true;
    target = s->index;
    return true;
  }

  bool finding(const syntax::Action& a, std::uint32_t& target) {
    const Symbol* s = c_.lookup(a.target.text);
    if (!s) {
      std::vector<std::string_view> names;
      for (const auto& f : c_.model.findings) names.push_back(f.name);
      c_.error(a.target.span, "unknown-name",
               fmt::format("unknown finding {}{}", in_quotes(a.target.text), did_you_mean(a.target.text, names)));
      return false;
    }
    if (s->kind != SymbolKind::Finding) {
      c_.error(a.target.span, "type-mismatch",
               fmt::format("'{}' is a {}, not a finding: 'ask' requests a finding", a.target.text,
                           kind_word(s->kind)));
      return false;
    }
    c_.finding_used[s->index] = true;
    target = s->index;
    return true;
  }

  Context& c_;
};

// A red flag exists to escalate: one that leaves self-care possible is almost certainly a slip.
void lint_redflag_triage(Context& c, const Rule& r, const syntax::RuleDecl& src) {
  bool any = false, above_self_care = false;
  for (const auto& a : r.actions) {
    if (a.kind != Action::Kind::Triage) continue;
    any = true;
    above_self_care |= a.target != static_cast<std::uint32_t>(Triage::self_care);
  }
  if (!any)
    c.warning(src.name.span, "redflag-triage",
              fmt::format("red flag '{}' sets no triage: add 'triage urgent' or 'triage emergency' (or at least "
                          "'triage routine')",
                          r.name));
  else if (!above_self_care)
    c.warning(src.name.span, "redflag-triage",
              fmt::format("red flag '{}' sets only 'triage self_care': a red flag should rule self-care out",
                          r.name));
}

}  // namespace

void resolve_rules(Context& c) {
  Resolver resolver(c);
  ActionResolver actions(c);
  for (std::size_t i = 0; i < c.model.rules.size(); ++i) {
    const syntax::RuleDecl& src = *c.rule_src[i];
    Rule& r = c.model.rules[i];
    const std::size_t errors_before = c.errors;
    resolver.reset();
    if (missing(src.when)) {
      c.error(src.name.span, "missing-when",
              fmt::format("{} '{}' has no 'when' condition", r.redflag ? "red flag" : "rule", r.name));
    } else {
      r.when = resolver.condition(src.when);
    }
    bool actions_ok = true;
    for (const auto& a : src.actions) {
      Action out;
      if (actions.resolve(a, out)) r.actions.push_back(std::move(out));
      else actions_ok = false;
    }
    c.rule_clean[i] = c.errors == errors_before && !resolver.tainted();
    if (r.redflag && actions_ok) lint_redflag_triage(c, r, src);
  }
}

}  // namespace ardent::check::detail
