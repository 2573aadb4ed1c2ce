#include "syntax/to_tree.hpp"

#include <boost/variant/apply_visitor.hpp>
#include <string>
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

  // One declaration, as the grammar has just read it, into `m`; `d` is left empty.
  void take(Module& m, ast::declaration& d) {
    boost::apply_visitor([&](auto& decl) { add(m, decl); }, d);
    d = ast::declaration();
  }

 private:
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

  // In place, parent before kids: the kids are made in their vector instead of moved into it,
  // and spans are asked for in source order (see LineIndex::span).
  void fill(Expr& out, ast::expr& e) const {
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
    out.kids.resize(e.kids.size());
    for (std::size_t i = 0; i < e.kids.size(); ++i) fill(out.kids[i], e.kids[i]);
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

  // Each declaration is built in its table (reserved by run) and its span taken first, so that
  // spans are asked for in source order.
  void add(Module& m, ast::finding_decl& f) {
    FindingDecl& out = m.findings.emplace_back();
    out.span = span(f);
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
  }

  void add(Module& m, ast::condition_decl& c) {
    ConditionDecl& out = m.conditions.emplace_back();
    out.span = span(c);
    out.name = name(c.id);
    out.attrs = attributes(c.attrs, condition_attrs);
  }

  void add(Module& m, ast::define_decl& d) {
    DefineDecl& out = m.defines.emplace_back();
    out.span = span(d);
    out.name = name(d.id);
    fill(out.expr, d.value);
    out.attrs = attributes(d.attrs, define_attrs);
  }

  void add(Module& m, ast::score_decl& s) {
    ScoreDecl& out = m.scores.emplace_back();
    out.span = span(s);
    out.name = name(s.id);
    out.attrs = attributes(s.attrs, score_attrs);
    out.terms.resize(s.terms.size());
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      ScoreTerm& term = out.terms[i];
      term.points = s.terms[i].points.value;
      term.span = span(s.terms[i]);
      fill(term.when, s.terms[i].when);
    }
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
    RuleDecl& out = m.rules.emplace_back();
    out.span = span(r);
    out.name = name(r.id);
    out.redflag = r.redflag;
    out.priority = r.priority.value_or(0);
    out.attrs = attributes(r.attrs, r.redflag ? redflag_attrs : rule_attrs);
    fill(out.when, r.when);
    out.actions.resize(r.actions.size());
    for (std::size_t i = 0; i < r.actions.size(); ++i) {
      ast::action& a = r.actions[i];
      Action& act = out.actions[i];
      act.span = span(a);
      act.kind = a.kind;
      if (a.kind == Action::Kind::Advise) {
        act.text = text(a.message);
      } else {
        act.target = name(a.target);
      }
      if (a.strength) act.strength = name(*a.strength);
    }
  }

  void add(Module& m, ast::test_decl& t) {
    TestDecl& out = m.tests.emplace_back();
    out.span = span(t);
    out.name = text(t.id);
    out.given.resize(t.given.size());
    for (std::size_t i = 0; i < t.given.size(); ++i) {
      ast::given_item& g = t.given[i];
      GivenItem& item = out.given[i];
      item.span = span(g);
      item.finding = name(g.finding);
      item.kind = g.kind;
      item.number = g.number;
      item.unit = g.unit;
      if (g.kind == GivenItem::Kind::Enum) item.value = name(g.value);
    }
    out.expect.resize(t.expect.size());
    for (std::size_t i = 0; i < t.expect.size(); ++i) {
      ast::expect_item& e = t.expect[i];
      ExpectItem& item = out.expect[i];
      item.span = span(e);
      item.kind = e.kind;
      if (!e.target.text.empty()) item.target = name(e.target);
    }
  }

  std::string_view text_;
  const LineIndex& lines_;
  std::uint32_t file_;
  std::vector<SyntaxError>& errors_;
};

}  // namespace

class TreeBuilder::Impl {
 public:
  Impl(std::string_view text, const LineIndex& lines, std::uint32_t file, std::vector<SyntaxError>& errors)
      : converter(text, lines, file, errors) {
    module.file = file;
  }
  Converter converter;
  Module module;
};

TreeBuilder::TreeBuilder(std::string_view text, const LineIndex& lines, std::uint32_t file,
                         std::vector<SyntaxError>& errors)
    : impl_(std::make_unique<Impl>(text, lines, file, errors)) {}

TreeBuilder::~TreeBuilder() = default;

void TreeBuilder::take(ast::declaration& d) { impl_->converter.take(impl_->module, d); }

Module TreeBuilder::finish() { return std::move(impl_->module); }

}  // namespace ardent::syntax
