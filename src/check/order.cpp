// Orders defines and scores so that each comes after everything it refers to, and reports
// cycles. The model's define and score indices are this order (declaration order where
// nothing forces otherwise), so the compile stage can evaluate them front to back.
#include <fmt/format.h>

#include "check/context.hpp"

namespace ardent::check::detail {

namespace {

void collect_refs(const Context& c, const syntax::Expr& e, std::uint32_t defines,
                  std::vector<std::uint32_t>& out) {
  if (!e.name.text.empty()) {
    if (const Symbol* s = c.lookup(e.name.text)) {
      if (s->kind == SymbolKind::Define) out.push_back(s->index);
      if (s->kind == SymbolKind::Score) out.push_back(defines + s->index);
    }
  }
  for (const auto& k : e.kids) collect_refs(c, k, defines, out);
}

}  // namespace

void order_definitions(Context& c) {
  const auto defines = static_cast<std::uint32_t>(c.define_decls.size());
  const auto scores = static_cast<std::uint32_t>(c.score_decls.size());
  const std::uint32_t n = defines + scores;

  // Nodes: defines by declaration index, then scores.
  std::vector<std::vector<std::uint32_t>> edges(n);
  for (std::uint32_t i = 0; i < defines; ++i) collect_refs(c, c.define_decls[i]->expr, defines, edges[i]);
  for (std::uint32_t i = 0; i < scores; ++i)
    for (const auto& t : c.score_decls[i]->terms) collect_refs(c, t.when, defines, edges[defines + i]);

  auto node_name = [&](std::uint32_t v) -> const syntax::Name& {
    return v < defines ? c.define_decls[v]->name : c.score_decls[v - defines]->name;
  };

  enum : std::uint8_t { White, Grey, Black };
  std::vector<std::uint8_t> colour(n, White);
  std::vector<bool> cyclic(n, false);
  std::vector<std::uint32_t> post;
  post.reserve(n);
  // Iterative depth-first search: a long chain of defines must not exhaust the stack.
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (colour[root] != White) continue;
    colour[root] = Grey;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < edges[v].size()) {
        const std::uint32_t w = edges[v][next++];
        if (colour[w] == White) {
          colour[w] = Grey;
          stack.push_back({w, 0});
        } else if (colour[w] == Grey) {
          // A back edge: the cycle is the stack from w up to v.
          std::size_t from = stack.size();
          while (from > 0 && stack[from - 1].first != w) --from;
          --from;
          bool fresh = false;
          for (std::size_t i = from; i < stack.size(); ++i) fresh |= !cyclic[stack[i].first];
          if (fresh) {
            std::string path;
            for (std::size_t i = from; i < stack.size(); ++i) {
              cyclic[stack[i].first] = true;
              path += node_name(stack[i].first).text + " -> ";
            }
            path += node_name(w).text;
            c.error(node_name(w).span, "define-cycle", "define cycle: " + path);
          }
        }
        continue;
      }
      colour[v] = Black;
      post.push_back(v);
      stack.pop_back();
    }
  }

  // Model indices follow the post-order; symbols are rewritten to them.
  std::vector<std::uint32_t> final_index(n);
  c.model.defines.clear();
  c.model.scores.clear();
  for (std::uint32_t v : post) {
    if (v < defines) {
      const auto& d = *c.define_decls[v];
      final_index[v] = static_cast<std::uint32_t>(c.model.defines.size());
      Define out;
      out.name = d.name.text;
      if (d.attrs.label) out.label = d.attrs.label->value;
      out.span = d.span;
      c.model.defines.push_back(std::move(out));
      c.define_src.push_back(&d);
      c.define_cyclic.push_back(cyclic[v]);
      c.definition_order.push_back({false, final_index[v]});
    } else {
      const auto& s = *c.score_decls[v - defines];
      final_index[v] = static_cast<std::uint32_t>(c.model.scores.size());
      Score out;
      out.name = s.name.text;
      out.label = s.attrs.label ? s.attrs.label->value : s.name.text;
      out.span = s.span;
      double lo = 0, hi = 0;
      for (const auto& t : s.terms) (t.points < 0 ? lo : hi) += t.points;
      c.score_min.push_back(lo);
      c.score_max.push_back(hi);
      c.model.scores.push_back(std::move(out));
      c.score_src.push_back(&s);
      c.definition_order.push_back({true, final_index[v]});
    }
  }
  for (auto& [name, sym] : c.symbols) {
    if (sym.kind == SymbolKind::Define) sym.index = final_index[sym.index];
    if (sym.kind == SymbolKind::Score) sym.index = final_index[defines + sym.index];
  }
  c.define_type.assign(defines, Type::Poison);
  c.define_resolved.assign(defines, false);
}

}  // namespace ardent::check::detail
