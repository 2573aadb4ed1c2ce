// Defines and scores, resolved in dependency order so each define's type is known before use.
#include "check/resolve.hpp"

namespace ardent::check::detail {

void resolve_definitions(Context& c) {
  Resolver resolver(c);
  c.define_clean.assign(c.model.defines.size(), false);
  // Scores are numeric whatever their terms hold, so they need no pending state: a score
  // counts as clean until its own terms say otherwise.
  c.score_clean.assign(c.model.scores.size(), true);
  for (const auto& def : c.definition_order) {
    const std::size_t errors_before = c.errors;
    resolver.reset();
    if (def.score) {
      const syntax::ScoreDecl& src = *c.score_src[def.index];
      auto& terms = c.model.scores[def.index].terms;
      for (const auto& t : src.terms) terms.push_back({t.points, resolver.condition(t.when), t.span});
      c.score_clean[def.index] = c.errors == errors_before && !resolver.tainted();
      continue;
    }
    Type type = Type::Poison;
    Expr e = resolver.definition(c.define_src[def.index]->expr, type);
    // A define in a cycle has no meaningful type: later uses stay silent rather than guess.
    if (c.define_cyclic[def.index]) type = Type::Poison;
    Define& d = c.model.defines[def.index];
    d.expr = std::move(e);
    d.numeric = type == Type::Number || type == Type::Duration;
    c.define_type[def.index] = type;
    c.define_resolved[def.index] = true;
    c.define_clean[def.index] = type != Type::Poison && c.errors == errors_before && !resolver.tainted();
  }
}

}  // namespace ardent::check::detail
