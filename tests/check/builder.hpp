// Builds syntax trees by hand for checker tests, without the parser. Each node's span is
// found by locating its token in the source text the test also supplies, so diagnostics
// carry the positions a parser would give them. Header-only: the test build compiles only
// *_test.cpp files.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "syntax/tree.hpp"

namespace ardent::check::fixture {

class FileBuilder {
 public:
  FileBuilder(std::string path, std::string text, std::uint32_t index = 0);

  // The span of a token: "age" is its first whole-word occurrence, "age@2" the second.
  syntax::Span at(std::string_view token) const;
  syntax::Name name(std::string_view token) const;

  // Expressions. Compound nodes span from their first to their last part.
  syntax::Expr ref(std::string_view token) const;
  syntax::Expr num(std::string_view token) const;  // the token is the number's text: "60", "38.5@2"
  syntax::Expr dur(std::string_view token) const;  // "6 weeks", "48 hours@2"
  syntax::Expr not_(syntax::Expr e) const;
  syntax::Expr and_(std::vector<syntax::Expr> kids) const;
  syntax::Expr or_(std::vector<syntax::Expr> kids) const;
  syntax::Expr is(std::string_view finding, std::string_view value) const;
  syntax::Expr in(std::string_view finding, std::initializer_list<std::string_view> values) const;
  syntax::Expr known(std::string_view finding) const;
  syntax::Expr unknown(std::string_view finding) const;
  syntax::Expr cmp(syntax::Expr a, std::string_view op, syntax::Expr b) const;  // "<", "<=", ..., "!="
  syntax::Expr between(syntax::Expr v, syntax::Expr lo, syntax::Expr hi) const;
  syntax::Expr at_least(std::uint32_t count, std::vector<syntax::Expr> kids,
                        std::string_view token = "at least") const;
  syntax::Expr arith(syntax::Expr a, char op, syntax::Expr b) const;  // '+', '-', '*', '/'
  syntax::Expr neg(syntax::Expr e) const;
  syntax::Expr none() const;  // a missing expression (a rule without `when`)

  // Declarations; each returns the node for further tweaks (labels, attributes).
  syntax::RulesetHeader& header(std::string_view name_token, std::string_view version);
  syntax::FindingDecl& boolean(std::string_view token);
  syntax::FindingDecl& enumeration(std::string_view token, std::initializer_list<std::string_view> values);
  syntax::FindingDecl& number(std::string_view token, std::optional<double> lo, std::optional<double> hi,
                              bool integer = false);
  syntax::FindingDecl& duration(std::string_view token);
  syntax::ConditionDecl& condition(std::string_view token);
  syntax::DefineDecl& define(std::string_view token, syntax::Expr e);
  syntax::ScoreDecl& score(std::string_view token, std::vector<std::pair<double, syntax::Expr>> terms);
  syntax::RuleDecl& rule(std::string_view token, syntax::Expr when, std::vector<syntax::Action> actions);
  syntax::RuleDecl& redflag(std::string_view token, syntax::Expr when, std::vector<syntax::Action> actions);
  syntax::TestDecl& test(std::string_view name_token, std::vector<syntax::GivenItem> given,
                         std::vector<syntax::ExpectItem> expect);
  // A screen from the token `keyword` ("screen", "screen@2") to its last finding.
  syntax::ScreenDecl& screen(std::vector<std::string_view> findings, std::optional<std::string_view> title = {},
                             std::string_view keyword = "screen");

  // Actions.
  syntax::Action suggest(std::string_view token, std::optional<std::string_view> strength = {}) const;
  syntax::Action consider(std::string_view token) const;
  syntax::Action exclude(std::string_view token) const;
  syntax::Action triage(std::string_view token) const;
  syntax::Action ask(std::string_view token) const;
  syntax::Action advise(std::string_view text) const;

  // Test items.
  syntax::GivenItem yes(std::string_view finding) const;
  syntax::GivenItem no(std::string_view finding) const;
  syntax::GivenItem given_number(std::string_view finding, std::string_view number) const;
  syntax::GivenItem given_duration(std::string_view finding, std::string_view duration) const;
  syntax::GivenItem given_enum(std::string_view finding, std::string_view value) const;
  syntax::GivenItem given_unknown(std::string_view finding) const;
  syntax::ExpectItem expect(syntax::ExpectItem::Kind kind, std::string_view token = {}) const;

  // Tokens are searched from this line on (1-based): lets a test's own text follow a
  // shared prelude without counting the prelude's occurrences.
  void search_from_line(std::uint32_t line) {
    search_from = 0;
    for (std::uint32_t l = 1; l < line && search_from < file.text.size(); ++search_from)
      if (file.text[search_from] == '\n') ++l;
  }

  syntax::SourceFile file;
  syntax::Module module;
  std::size_t search_from = 0;

 private:
  syntax::Span cover(const syntax::Span& a, const syntax::Span& b) const;
  syntax::Span span_at(std::size_t offset, std::size_t length) const;
};

// Runs the checker over the given files, in order.
inline CheckOutput run(std::initializer_list<const FileBuilder*> files, bool had_syntax_errors = false) {
  std::vector<syntax::SourceFile> sources;
  std::vector<syntax::Module> modules;
  for (const FileBuilder* f : files) {
    sources.push_back(f->file);
    modules.push_back(f->module);
  }
  return check(std::move(sources), std::move(modules), had_syntax_errors);
}
inline CheckOutput run(const FileBuilder& file) { return run({&file}); }

// ---- implementation ----------------------------------------------------------------------

inline FileBuilder::FileBuilder(std::string path, std::string text, std::uint32_t index) {
  file.path = std::move(path);
  file.text = std::move(text);
  module.file = index;
}

inline syntax::Span FileBuilder::span_at(std::size_t offset, std::size_t length) const {
  syntax::Span s;
  s.file = module.file;
  s.offset = static_cast<std::uint32_t>(offset);
  s.length = static_cast<std::uint32_t>(length);
  s.line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (file.text[i] == '\n') {
      ++s.line;
      line_start = i + 1;
    }
  s.col = static_cast<std::uint32_t>(offset - line_start + 1);
  return s;
}

inline syntax::Span FileBuilder::at(std::string_view token) const {
  int nth = 1;
  if (auto hash = token.rfind('@'); hash != std::string_view::npos && hash > 0) {
    nth = std::atoi(std::string(token.substr(hash + 1)).c_str());
    token = token.substr(0, hash);
  }
  auto word = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
  };
  const std::string& t = file.text;
  std::size_t from = search_from;
  for (;;) {
    std::size_t pos = t.find(token, from);
    if (pos == std::string::npos) throw std::logic_error("token not in text: " + std::string(token));
    from = pos + 1;
    const bool starts = pos == 0 || !word(t[pos - 1]) || !word(token.front());
    const std::size_t end = pos + token.size();
    const bool ends = end >= t.size() || !word(t[end]) || !word(token.back());
    if (starts && ends && --nth == 0) return span_at(pos, token.size());
  }
}

inline syntax::Name FileBuilder::name(std::string_view token) const {
  const auto hash = token.rfind('@');
  const std::string_view text = hash == std::string_view::npos || hash == 0 ? token : token.substr(0, hash);
  return {std::string(text), at(token)};
}

inline syntax::Span FileBuilder::cover(const syntax::Span& a, const syntax::Span& b) const {
  const std::size_t begin = std::min(a.offset, b.offset);
  const std::size_t end = std::max(a.offset + a.length, b.offset + b.length);
  return span_at(begin, end - begin);
}

inline syntax::Expr FileBuilder::ref(std::string_view token) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Ref;
  e.name = name(token);
  e.span = e.name.span;
  return e;
}

inline syntax::Expr FileBuilder::num(std::string_view token) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Number;
  e.span = at(token);
  e.number = std::stod(file.text.substr(e.span.offset, e.span.length));
  return e;
}

inline syntax::Expr FileBuilder::dur(std::string_view token) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Duration;
  e.span = at(token);
  const std::string text = file.text.substr(e.span.offset, e.span.length);
  std::size_t used = 0;
  e.number = std::stod(text, &used);
  const std::string unit = text.substr(text.find_first_not_of(' ', used));
  const auto parsed = parse_duration_unit(unit, UnitSpelling::words);
  if (!parsed) throw std::logic_error("not a duration unit: " + unit);
  e.unit = *parsed;
  return e;
}

inline syntax::Expr FileBuilder::not_(syntax::Expr kid) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Not;
  e.span = kid.span;
  e.kids.push_back(std::move(kid));
  return e;
}

inline syntax::Expr FileBuilder::and_(std::vector<syntax::Expr> kids) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::And;
  e.span = cover(kids.front().span, kids.back().span);
  e.kids = std::move(kids);
  return e;
}

inline syntax::Expr FileBuilder::or_(std::vector<syntax::Expr> kids) const {
  syntax::Expr e = and_(std::move(kids));
  e.kind = syntax::Expr::Kind::Or;
  return e;
}

inline syntax::Expr FileBuilder::is(std::string_view finding, std::string_view value) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Is;
  e.name = name(finding);
  e.values.push_back(name(value));
  e.span = cover(e.name.span, e.values.back().span);
  return e;
}

inline syntax::Expr FileBuilder::in(std::string_view finding, std::initializer_list<std::string_view> values) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::In;
  e.name = name(finding);
  for (auto v : values) e.values.push_back(name(v));
  e.span = cover(e.name.span, e.values.back().span);
  return e;
}

inline syntax::Expr FileBuilder::known(std::string_view finding) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Known;
  e.name = name(finding);
  e.span = e.name.span;
  return e;
}

inline syntax::Expr FileBuilder::unknown(std::string_view finding) const {
  syntax::Expr e = known(finding);
  e.kind = syntax::Expr::Kind::Unknown;
  return e;
}

inline syntax::Expr FileBuilder::cmp(syntax::Expr a, std::string_view op, syntax::Expr b) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Compare;
  using C = syntax::CmpOp;
  e.cmp = op == "<" ? C::Lt : op == "<=" ? C::Le : op == ">" ? C::Gt : op == ">=" ? C::Ge : op == "=" ? C::Eq : C::Ne;
  e.span = cover(a.span, b.span);
  e.kids.push_back(std::move(a));
  e.kids.push_back(std::move(b));
  return e;
}

inline syntax::Expr FileBuilder::between(syntax::Expr v, syntax::Expr lo, syntax::Expr hi) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Between;
  e.span = cover(v.span, hi.span);
  e.kids.push_back(std::move(v));
  e.kids.push_back(std::move(lo));
  e.kids.push_back(std::move(hi));
  return e;
}

inline syntax::Expr FileBuilder::at_least(std::uint32_t count, std::vector<syntax::Expr> kids,
                                          std::string_view token) const {
  syntax::Expr e = and_(std::move(kids));
  e.span = cover(at(token), e.span);
  e.kind = syntax::Expr::Kind::AtLeast;
  e.count = count;
  return e;
}

inline syntax::Expr FileBuilder::arith(syntax::Expr a, char op, syntax::Expr b) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Arith;
  using A = syntax::ArithOp;
  e.arith = op == '+' ? A::Add : op == '-' ? A::Sub : op == '*' ? A::Mul : A::Div;
  e.span = cover(a.span, b.span);
  e.kids.push_back(std::move(a));
  e.kids.push_back(std::move(b));
  return e;
}

inline syntax::Expr FileBuilder::neg(syntax::Expr kid) const {
  syntax::Expr e;
  e.kind = syntax::Expr::Kind::Negate;
  e.span = kid.span;
  e.kids.push_back(std::move(kid));
  return e;
}

inline syntax::Expr FileBuilder::none() const { return syntax::Expr{}; }

inline syntax::RulesetHeader& FileBuilder::header(std::string_view name_token, std::string_view version) {
  syntax::RulesetHeader h;
  h.name = name(name_token);
  h.version.value = std::string(version);
  h.version.span = at("\"" + std::string(version) + "\"");
  h.span = at("ruleset");
  module.header = std::move(h);
  return *module.header;
}

inline syntax::FindingDecl& FileBuilder::boolean(std::string_view token) {
  syntax::FindingDecl f;
  f.name = name(token);
  f.span = f.name.span;
  module.findings.push_back(std::move(f));
  return module.findings.back();
}

inline syntax::FindingDecl& FileBuilder::enumeration(std::string_view token,
                                                     std::initializer_list<std::string_view> values) {
  auto& f = boolean(token);
  f.type = FindingType::enumeration;
  for (auto v : values) f.values.push_back(name(v));
  return f;
}

inline syntax::FindingDecl& FileBuilder::number(std::string_view token, std::optional<double> lo,
                                                std::optional<double> hi, bool integer) {
  auto& f = boolean(token);
  f.type = FindingType::number;
  f.min = lo;
  f.max = hi;
  f.integer = integer;
  return f;
}

inline syntax::FindingDecl& FileBuilder::duration(std::string_view token) {
  auto& f = boolean(token);
  f.type = FindingType::duration;
  return f;
}

inline syntax::ConditionDecl& FileBuilder::condition(std::string_view token) {
  syntax::ConditionDecl c;
  c.name = name(token);
  c.span = c.name.span;
  module.conditions.push_back(std::move(c));
  return module.conditions.back();
}

inline syntax::DefineDecl& FileBuilder::define(std::string_view token, syntax::Expr e) {
  syntax::DefineDecl d;
  d.name = name(token);
  d.span = cover(d.name.span, e.span);
  d.expr = std::move(e);
  module.defines.push_back(std::move(d));
  return module.defines.back();
}

inline syntax::ScoreDecl& FileBuilder::score(std::string_view token,
                                             std::vector<std::pair<double, syntax::Expr>> terms) {
  syntax::ScoreDecl s;
  s.name = name(token);
  s.span = s.name.span;
  for (auto& [points, when] : terms) {
    syntax::ScoreTerm t;
    t.points = points;
    t.span = when.span;
    t.when = std::move(when);
    s.terms.push_back(std::move(t));
  }
  module.scores.push_back(std::move(s));
  return module.scores.back();
}

inline syntax::RuleDecl& FileBuilder::rule(std::string_view token, syntax::Expr when,
                                           std::vector<syntax::Action> actions) {
  syntax::RuleDecl r;
  r.name = name(token);
  r.span = r.name.span;
  r.when = std::move(when);
  r.actions = std::move(actions);
  module.rules.push_back(std::move(r));
  return module.rules.back();
}

inline syntax::RuleDecl& FileBuilder::redflag(std::string_view token, syntax::Expr when,
                                              std::vector<syntax::Action> actions) {
  auto& r = rule(token, std::move(when), std::move(actions));
  r.redflag = true;
  return r;
}

inline syntax::TestDecl& FileBuilder::test(std::string_view name_token, std::vector<syntax::GivenItem> given,
                                           std::vector<syntax::ExpectItem> expect) {
  syntax::TestDecl t;
  const syntax::Span s = at("\"" + std::string(name_token) + "\"");
  t.name.value = std::string(name_token);
  t.name.span = s;
  t.span = s;
  t.given = std::move(given);
  t.expect = std::move(expect);
  module.tests.push_back(std::move(t));
  return module.tests.back();
}

inline syntax::ScreenDecl& FileBuilder::screen(std::vector<std::string_view> findings,
                                               std::optional<std::string_view> title, std::string_view keyword) {
  syntax::ScreenDecl s;
  const syntax::Span head = at(keyword);
  if (title) s.title = syntax::Text{std::string(*title), at("\"" + std::string(*title) + "\"")};
  for (auto f : findings) s.findings.push_back(name(f));
  s.span = s.findings.empty() ? head : cover(head, s.findings.back().span);
  module.screens.push_back(std::move(s));
  return module.screens.back();
}

inline syntax::Action FileBuilder::suggest(std::string_view token, std::optional<std::string_view> strength) const {
  syntax::Action a;
  a.kind = syntax::Action::Kind::Suggest;
  a.target = name(token);
  a.span = a.target.span;
  if (strength) a.strength = name(*strength);
  return a;
}

inline syntax::Action FileBuilder::consider(std::string_view token) const {
  syntax::Action a = suggest(token);
  a.kind = syntax::Action::Kind::Consider;
  return a;
}

inline syntax::Action FileBuilder::exclude(std::string_view token) const {
  syntax::Action a = suggest(token);
  a.kind = syntax::Action::Kind::Exclude;
  return a;
}

inline syntax::Action FileBuilder::triage(std::string_view token) const {
  syntax::Action a = suggest(token);
  a.kind = syntax::Action::Kind::Triage;
  return a;
}

inline syntax::Action FileBuilder::ask(std::string_view token) const {
  syntax::Action a = suggest(token);
  a.kind = syntax::Action::Kind::Ask;
  return a;
}

inline syntax::Action FileBuilder::advise(std::string_view text) const {
  syntax::Action a;
  a.kind = syntax::Action::Kind::Advise;
  a.text.value = std::string(text);
  a.span = at("\"" + std::string(text) + "\"");
  a.text.span = a.span;
  return a;
}

inline syntax::GivenItem FileBuilder::yes(std::string_view finding) const {
  syntax::GivenItem g;
  g.finding = name(finding);
  g.span = g.finding.span;
  g.kind = syntax::GivenItem::Kind::Yes;
  return g;
}

inline syntax::GivenItem FileBuilder::no(std::string_view finding) const {
  syntax::GivenItem g = yes(finding);
  g.kind = syntax::GivenItem::Kind::No;
  return g;
}

inline syntax::GivenItem FileBuilder::given_number(std::string_view finding, std::string_view number) const {
  syntax::GivenItem g = yes(finding);
  g.kind = syntax::GivenItem::Kind::Number;
  syntax::Expr n = num(number);
  g.number = n.number;
  g.span = cover(g.finding.span, n.span);
  return g;
}

inline syntax::GivenItem FileBuilder::given_duration(std::string_view finding, std::string_view duration) const {
  syntax::GivenItem g = yes(finding);
  g.kind = syntax::GivenItem::Kind::Duration;
  syntax::Expr d = dur(duration);
  g.number = d.number;
  g.unit = d.unit;
  g.span = cover(g.finding.span, d.span);
  return g;
}

inline syntax::GivenItem FileBuilder::given_enum(std::string_view finding, std::string_view value) const {
  syntax::GivenItem g = yes(finding);
  g.kind = syntax::GivenItem::Kind::Enum;
  g.value = name(value);
  g.span = cover(g.finding.span, g.value.span);
  return g;
}

inline syntax::GivenItem FileBuilder::given_unknown(std::string_view finding) const {
  syntax::GivenItem g = yes(finding);
  g.kind = syntax::GivenItem::Kind::Unknown;
  return g;
}

inline syntax::ExpectItem FileBuilder::expect(syntax::ExpectItem::Kind kind, std::string_view token) const {
  syntax::ExpectItem x;
  x.kind = kind;
  if (!token.empty()) {
    x.target = name(token);
    x.span = x.target.span;
  }
  return x;
}

}  // namespace ardent::check::fixture
