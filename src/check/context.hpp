// State shared by the passes of the check stage (internal to src/check).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ardent/diagnostics.hpp"
#include "check/model.hpp"
#include "syntax/tree.hpp"

namespace ardent::check::detail {

// Findings, conditions, defines, scores and rules share one namespace.
enum class SymbolKind : std::uint8_t { Finding, Condition, Define, Score, Rule };

struct Symbol {
  SymbolKind kind = SymbolKind::Finding;
  std::uint32_t index = 0;  // model index (defines and scores: after dependency ordering)
  Span span;                // the declared name
};

// An expression's type while checking. `Enum` is a bare enum finding, valid only under
// `is`/`in`; `Poison` marks something already reported, so that no follow-on error is raised.
enum class Type : std::uint8_t { Bool, Number, Duration, Enum, Poison };

struct Context {
  Model model;
  std::vector<syntax::Module> modules;  // kept alive: the pointers below point into it
  std::vector<Diagnostic> diagnostics;
  bool had_syntax_errors = false;
  std::size_t errors = 0;

  // The first declaration of each name, keyed by the name in the syntax tree (`modules`).
  std::unordered_map<std::string_view, Symbol> symbols;
  // Rules and red flags have a namespace of their own: no expression names them, and the
  // vocabulary has a finding and a red flag that share a name (unable_to_weight_bear).
  std::unordered_map<std::string_view, Symbol> rule_symbols;
  std::unordered_map<std::string, std::uint32_t> enum_value_owner;  // value -> first enum finding

  // Declarations behind the model's entries, by model index.
  std::vector<const syntax::FindingDecl*> finding_src;
  std::vector<const syntax::ConditionDecl*> condition_src;
  std::vector<const syntax::DefineDecl*> define_src;
  std::vector<const syntax::ScoreDecl*> score_src;
  std::vector<const syntax::RuleDecl*> rule_src;
  // The names in the screen's list, parallel to model.screen->findings.
  std::vector<const syntax::Name*> screen_src;
  // Defines and scores in declaration order, before the dependency ordering picks model indices.
  std::vector<const syntax::DefineDecl*> define_decls;
  std::vector<const syntax::ScoreDecl*> score_decls;

  // Defines and scores, dependencies first: the order in which they are resolved.
  struct Definition {
    bool score = false;
    std::uint32_t index = 0;  // model index
  };
  std::vector<Definition> definition_order;
  std::vector<bool> define_cyclic;     // by model index: part of a reported cycle
  std::vector<Type> define_type;       // by model index; Poison until resolved or when broken
  std::vector<bool> define_resolved;   // resolution finished (false while pending in a cycle)
  std::vector<bool> define_clean;      // resolved without error, nor use of anything broken
  std::vector<bool> score_clean;
  std::vector<double> score_min, score_max;  // the reachable range of each score
  std::vector<bool> rule_clean;        // the rule resolved without error: analyses may trust it
  std::vector<bool> rule_never_fires;  // already reported as never firing

  // Uses by rules, defines and scores; uses by tests are recorded apart.
  std::vector<bool> finding_used, finding_tested, define_used, score_used, condition_used;

  const Symbol* lookup(const std::string& name) const;
  // Whether the declaration at `index` owns its name (a later duplicate does not).
  bool owns_name(const std::string& name, SymbolKind kind, std::uint32_t index) const;
  void error(const Span& span, std::string code, std::string message);
  void warning(const Span& span, std::string code, std::string message);
  std::string where(const Span& span) const;           // "file:line:col"
  std::string_view source(const Span& span) const;     // the text under the span
  std::string quote(const Span& span) const;           // the text on one line, shortened
  // The level `word` names; otherwise reports it under `code` and gives nullopt.
  std::optional<Triage> triage_level(const syntax::Name& word, std::string code);
};

const char* kind_word(SymbolKind k);  // "finding", "condition", ...
std::string number_text(double v);     // 10, 38.5
// Appends `v` as fmt writes "{}" (base 10) or "{:x}" (base 16), for keys built by the
// thousand, where fmt's cost shows.
void append_number(std::string& out, std::uint64_t v, int base = 10);
std::string range_text(double lo, double hi);  // "0..10", "0..", "..10"
std::string domain_text(const std::vector<std::string>& values);  // "one of a, b, c, ..."

// Passes, in the order check() runs them.
void declare_header(Context& c);       // header.cpp
void declare(Context& c);              // declare.cpp
void check_codes(Context& c);          // codes.cpp
void declare_screen(Context& c);       // screen.cpp
void order_definitions(Context& c);    // order.cpp
void resolve_definitions(Context& c);  // definitions.cpp
void resolve_rules(Context& c);        // rules.cpp
void resolve_tests(Context& c);        // test_blocks.cpp
void warn_never_fires(Context& c);     // never_fires.cpp
void warn_covered(Context& c);         // covered.cpp
void warn_unused(Context& c);          // unused.cpp

}  // namespace ardent::check::detail
