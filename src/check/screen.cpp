// The screen: the findings the interview asks first, in the order given. At most one per rule
// set; every entry a declared finding, each once.
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "ardent/names.hpp"
#include "check/context.hpp"

namespace ardent::check::detail {

namespace {

constexpr const char* kDefaultTitle = "Screen";

// The slot of the finding `n` names; otherwise reports what `n` is instead and gives nullopt.
std::optional<std::uint32_t> screen_finding(Context& c, const syntax::Name& n) {
  if (const Symbol* s = c.lookup(n.text)) {
    if (s->kind == SymbolKind::Finding) return s->index;
    c.error(n.span, "type-mismatch",
            fmt::format("'{}' is a {}, not a finding: a screen lists the findings to ask", n.text,
                        kind_word(s->kind)));
    return std::nullopt;
  }
  if (auto r = c.rule_symbols.find(n.text); r != c.rule_symbols.end()) {
    const bool redflag = c.model.rules[r->second.index].redflag;
    c.error(n.span, "type-mismatch",
            fmt::format("'{}' is a {}, not a finding: a screen lists the findings to ask", n.text,
                        redflag ? "red flag" : "rule"));
    return std::nullopt;
  }
  if (auto v = c.enum_value_owner.find(n.text); v != c.enum_value_owner.end()) {
    const std::string& owner = c.model.findings[v->second].name;
    c.error(n.span, "unknown-name",
            fmt::format("'{}' is a value of '{}', not a finding: list '{}' to ask it", n.text, owner, owner));
    return std::nullopt;
  }
  std::vector<std::string_view> names;
  for (const auto& f : c.model.findings) names.push_back(f.name);
  c.error(n.span, "unknown-name", fmt::format("unknown finding {}{}", in_quotes(n.text), did_you_mean(n.text, names)));
  return std::nullopt;
}

}  // namespace

void declare_screen(Context& c) {
  const syntax::ScreenDecl* first = nullptr;
  for (const auto& m : c.modules) {
    for (const auto& s : m.screens) {
      if (first) {
        c.error(s.span, "duplicate",
                fmt::format("a second 'screen'; the rule set's screen is already declared at {}",
                            c.where(first->span)));
        continue;
      }
      first = &s;
    }
  }
  if (!first) return;

  Screen screen;
  screen.title = first->title ? first->title->value : kDefaultTitle;
  screen.span = first->span;
  std::unordered_map<std::uint32_t, const syntax::Name*> seen;  // slot -> its first entry
  for (const auto& n : first->findings) {
    const std::optional<std::uint32_t> slot = screen_finding(c, n);
    if (!slot) continue;
    auto [it, fresh] = seen.emplace(*slot, &n);
    if (!fresh) {
      c.error(n.span, "duplicate",
              fmt::format("'{}' is asked twice in the screen (first at {})", n.text, c.where(it->second->span)));
      continue;
    }
    screen.findings.push_back(*slot);
    c.screen_src.push_back(&n);
  }
  c.model.screen = std::move(screen);
}

}  // namespace ardent::check::detail
