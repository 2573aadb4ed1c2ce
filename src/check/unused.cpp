// Warns about findings, defines, scores and conditions that no rule, define or score uses.
// A finding read only by tests still counts as unused: tests cannot make a rule read it. A
// finding on the screen is asked, so it is not unused; that no rule reads it is reported once,
// at its place in the screen.
#include <fmt/format.h>

#include "check/context.hpp"

namespace ardent::check::detail {

void warn_unused(Context& c) {
  // Declarations in a file with syntax errors are missing, so their uses would be too.
  if (c.had_syntax_errors) return;
  // A declaration that lost its name to an earlier one is already an error, and unusable.
  auto owns = [&](const std::string& name, SymbolKind kind, std::size_t i) {
    return c.owns_name(name, kind, static_cast<std::uint32_t>(i));
  };
  std::vector<const syntax::Name*> screened(c.model.findings.size(), nullptr);  // by slot
  if (c.model.screen)
    for (std::size_t k = 0; k < c.model.screen->findings.size(); ++k)
      screened[c.model.screen->findings[k]] = c.screen_src[k];
  for (std::size_t i = 0; i < c.model.findings.size(); ++i) {
    if (c.finding_used[i] || !owns(c.model.findings[i].name, SymbolKind::Finding, i)) continue;
    const auto& f = c.model.findings[i];
    if (screened[i]) {
      c.warning(screened[i]->span, "unused", fmt::format("screen question '{}' is read by no rule", f.name));
      continue;
    }
    c.warning(c.finding_src[i]->name.span, "unused",
              c.finding_tested[i]
                  ? fmt::format("finding '{}' is only used by tests: no rule, define or score reads it", f.name)
                  : fmt::format("finding '{}' is never used", f.name));
  }
  for (std::size_t i = 0; i < c.model.defines.size(); ++i)
    if (!c.define_used[i] && owns(c.model.defines[i].name, SymbolKind::Define, i))
      c.warning(c.define_src[i]->name.span, "unused", fmt::format("define '{}' is never used", c.model.defines[i].name));
  for (std::size_t i = 0; i < c.model.scores.size(); ++i)
    if (!c.score_used[i] && owns(c.model.scores[i].name, SymbolKind::Score, i))
      c.warning(c.score_src[i]->name.span, "unused", fmt::format("score '{}' is never used", c.model.scores[i].name));
  for (std::size_t i = 0; i < c.model.conditions.size(); ++i)
    if (!c.condition_used[i] && owns(c.model.conditions[i].name, SymbolKind::Condition, i))
      c.warning(c.condition_src[i]->name.span, "unused",
                fmt::format("condition '{}' is never suggested, considered or excluded by a rule",
                            c.model.conditions[i].name));
}

}  // namespace ardent::check::detail
