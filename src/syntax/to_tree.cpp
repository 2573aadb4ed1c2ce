#include "syntax/to_tree.hpp"

#include <boost/variant/apply_visitor.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "syntax/characters.hpp"

namespace ardent::syntax {
namespace {

const char* attr_word(ast::attr_kind kind) {
  switch (kind) {
    case ast::attr_kind::label:
      return "label";
    case ast::attr_kind::ask:
      return "ask";
    case ast::attr_kind::group:
      return "group";
    case ast::attr_kind::code:
      return "code";
    case ast::attr_kind::advice:
      return "advice";
    case ast::attr_kind::title:
      return "title";
    case ast::attr_kind::default_triage:
      return "default triage";
  }
  return "?";
}

// Which attributes a kind of declaration takes, for the error message and the check.
struct AttrRule {
  const char* what;     // "a finding"
  const char* allowed;  // "label, ask, group and code"
  bool label, ask, group, code, advice;
};

constexpr AttrRule finding_attrs{"a finding", "label, ask, group and code", true, true, true, true,
                                 false};
constexpr AttrRule condition_attrs{
    "a condition", "label, code and advice", true, false, false, true, true};
constexpr AttrRule define_attrs{"a define", "label", true, false, false, false, false};
constexpr AttrRule score_attrs{"a score", "label", true, false, false, false, false};
constexpr AttrRule rule_attrs{"a rule", "label, advice and code", true, false, false, true, true};
constexpr AttrRule redflag_attrs{"a red flag", "label, advice and code", true, false, false, true,
                                 true};

class Converter {
 public:
  Converter(std::string_view text, const LineIndex& lines, std::uint32_t file,
            std::vector<SyntaxError>& errors)
      : text_(text), lines_(lines), file_(file), errors_(errors) {}

  Module run(ast::module& decls) {
    Module m;
    m.file = file_;
    reserve(m, decls);
    for (auto& d : decls) {
      boost::apply_visitor([&](auto& decl) { add(m, decl); }, d);
      d = ast::declaration();
    }
    return m;
  }

 private:
  // Each table sized once: growing them moved every declaration converted so far, again and
  // again, in a file of thousands.
  static void reserve(Module& m, const ast::module& decls) {
    std::size_t findings = 0, conditions = 0, defines = 0, scores = 0, rules = 0, tests = 0;
    for (const auto& d : decls) {
      boost::apply_visitor(
          [&](const auto& decl) {
            using T = std::decay_t<decltype(decl)>;
            findings += std::is_same_v<T, ast::finding_decl>;
            conditions += std::is_same_v<T, ast::condition_decl>;
            defines += std::is_same_v<T, ast::define_decl>;
            scores += std::is_same_v<T, ast::score_decl>;
            rules += std::is_same_v<T, ast::rule_decl>;
            tests += std::is_same_v<T, ast::test_decl>;
          },
          d);
    }
    m.findings.reserve(findings);
    m.conditions.reserve(conditions);
    m.defines.reserve(defines);
    m.scores.reserve(scores);
    m.rules.reserve(rules);
    m.tests.reserve(tests);
  }

  Span span(const ast::tagged& node) const {
    if (node.first == nullptr) return lines_.span(0, 0);
    // Ranges recorded by semantic actions start before the skipped blanks and comments,
    // and a failed optional token at the end of a rule may have skipped trailing blanks.
    const char* first = skip_blanks_and_comments(node.first, node.last);
    const char* last = node.last;
    while (last > first && is_blank(last[-1])) --last;
    return lines_.span(static_cast<std::uint32_t>(first - text_.data()), static_cast<std::uint32_t>(last - first));
  }

  void error(const ast::tagged& node, std::string message) {
    errors_.push_back(SyntaxError{span(node), std::move(message)});
  }

  // The tree takes the strings of the parse: the parse is dropped declaration by declaration.
  Name name(ast::name& n) const { return Name{std::move(n.text), span(n)}; }
  Text text(ast::text& t) const { return Text{std::move(t.value), span(t)}; }

  Attributes attributes(std::vector<ast::attribute>& attrs, const AttrRule& rule) {
    Attributes out;
    auto once = [&](std::optional<Text>& slot, ast::attribute& a) {
      if (slot) {
        error(a, std::string("'") + attr_word(a.kind) + "' given twice for " + rule.what);
        return;
      }
      slot = text(a.value);
    };
    for (auto& a : attrs) {
      bool ok = false;
      switch (a.kind) {
        case ast::attr_kind::label:
          ok = rule.label;
          break;
        case ast::attr_kind::ask:
          ok = rule.ask;
          break;
        case ast::attr_kind::group:
          ok = rule.group;
          break;
        case ast::attr_kind::code:
          ok = rule.code;
          break;
        case ast::attr_kind::advice:
          ok = rule.advice;
          break;
        default:
          break;
      }
      if (!ok) {
        error(a, std::string("'") + attr_word(a.kind) + "' is not an attribute of " + rule.what +
                     " (it takes " + rule.allowed + ")");
        continue;
      }
      switch (a.kind) {
        case ast::attr_kind::label:
          once(out.label, a);
          break;
        case ast::attr_kind::ask:
          once(out.ask, a);
          break;
        case ast::attr_kind::group:
          once(out.group, a);
          break;
        case ast::attr_kind::code:
          out.codes.push_back(Code{std::move(a.system.text), std::move(a.value.value), span(a), a.system.quoted,
                                   span(a.system), span(a.value)});
          break;
        case ast::attr_kind::advice:
          out.advice.push_back(text(a.value));
          break;
        default:
          break;
      }
    }
    return out;
  }

  Expr expr(ast::expr& e) const {
    Expr out;
    out.kind = e.kind;
    out.span = span(e);
    if (!e.ref.text.empty()) out.name = name(e.ref);
    out.values.reserve(e.values.size());
    for (auto& v : e.values) out.values.push_back(name(v));
    out.number = e.number;
    out.unit = e.unit;
    out.cmp = e.cmp;
    out.arith = e.arith;
    out.count = e.count;
    out.kids.reserve(e.kids.size());
    for (auto& k : e.kids) out.kids.push_back(expr(k));
    return out;
  }

  void add(Module& m, ast::header& h) {
    if (m.header) {
      error(h, "a file holds at most one 'ruleset' header");
      return;
    }
    RulesetHeader out;
    out.name = name(h.id);
    out.version = text(h.version);
    out.span = span(h);
    for (auto& item : h.items) {
      if (item.kind == ast::attr_kind::title) {
        if (out.title) error(item, "'title' given twice in the ruleset header");
        out.title = text(item.value);
      } else {
        if (out.default_triage) error(item, "'default triage' given twice in the ruleset header");
        out.default_triage = name(item.word);
      }
    }
    m.header = std::move(out);
  }

  void add(Module& m, ast::finding_decl& f) {
    FindingDecl out;
    out.name = name(f.id);
    out.type = f.type.kind;
    out.values.reserve(f.type.values.size());
    for (auto& v : f.type.values) out.values.push_back(name(v));
    if (f.type.min) out.min = f.type.min->value;
    if (f.type.max) out.max = f.type.max->value;
    if (f.type.min && f.type.max && f.type.min->value > f.type.max->value) {
      error(f.type, "the range's lower bound is above its upper bound");
    }
    out.integer = f.type.integer;
    if (f.type.unit) out.unit = text(*f.type.unit);
    out.attrs = attributes(f.attrs, finding_attrs);
    out.span = span(f);
    m.findings.push_back(std::move(out));
  }

  void add(Module& m, ast::condition_decl& c) {
    ConditionDecl out;
    out.name = name(c.id);
    out.attrs = attributes(c.attrs, condition_attrs);
    out.span = span(c);
    m.conditions.push_back(std::move(out));
  }

  void add(Module& m, ast::define_decl& d) {
    DefineDecl out;
    out.name = name(d.id);
    out.expr = expr(d.value);
    out.attrs = attributes(d.attrs, define_attrs);
    out.span = span(d);
    m.defines.push_back(std::move(out));
  }

  void add(Module& m, ast::score_decl& s) {
    ScoreDecl out;
    out.name = name(s.id);
    out.attrs = attributes(s.attrs, score_attrs);
    out.terms.reserve(s.terms.size());
    for (auto& t : s.terms) {
      out.terms.push_back(ScoreTerm{t.points.value, expr(t.when), span(t)});
    }
    out.span = span(s);
    m.scores.push_back(std::move(out));
  }

  void add(Module& m, ast::screen_decl& d) {
    ScreenDecl out;
    if (d.title) {
      // An empty title would read as "no screen" (ScreenInfo::title): leave it out instead.
      if (d.title->value.empty())
        error(*d.title, "the screen's title is empty (leave it out for the default, \"Screen\")");
      out.title = text(*d.title);
    }
    out.findings.reserve(d.findings.size());
    for (auto& f : d.findings) out.findings.push_back(name(f));
    out.span = span(d);
    m.screens.push_back(std::move(out));
  }

  void add(Module& m, ast::rule_decl& r) {
    RuleDecl out;
    out.name = name(r.id);
    out.redflag = r.redflag;
    out.priority = r.priority.value_or(0);
    out.attrs = attributes(r.attrs, r.redflag ? redflag_attrs : rule_attrs);
    out.when = expr(r.when);
    out.actions.reserve(r.actions.size());
    for (auto& a : r.actions) {
      Action act;
      act.kind = a.kind;
      if (a.kind == Action::Kind::Advise) {
        act.text = text(a.message);
      } else {
        act.target = name(a.target);
      }
      if (a.strength) act.strength = name(*a.strength);
      act.span = span(a);
      out.actions.push_back(std::move(act));
    }
    out.span = span(r);
    m.rules.push_back(std::move(out));
  }

  void add(Module& m, ast::test_decl& t) {
    TestDecl out;
    out.name = text(t.id);
    out.given.reserve(t.given.size());
    for (auto& g : t.given) {
      GivenItem item;
      item.finding = name(g.finding);
      item.kind = g.kind;
      item.number = g.number;
      item.unit = g.unit;
      if (g.kind == GivenItem::Kind::Enum) item.value = name(g.value);
      item.span = span(g);
      out.given.push_back(std::move(item));
    }
    out.expect.reserve(t.expect.size());
    for (auto& e : t.expect) {
      ExpectItem item;
      item.kind = e.kind;
      if (!e.target.text.empty()) item.target = name(e.target);
      item.span = span(e);
      out.expect.push_back(std::move(item));
    }
    out.span = span(t);
    m.tests.push_back(std::move(out));
  }

  std::string_view text_;
  const LineIndex& lines_;
  std::uint32_t file_;
  std::vector<SyntaxError>& errors_;
};

}  // namespace

Module to_tree(ast::module&& decls, std::string_view text, const LineIndex& lines,
               std::uint32_t file, std::vector<SyntaxError>& errors) {
  return Converter(text, lines, file, errors).run(decls);
}

}  // namespace ardent::syntax
