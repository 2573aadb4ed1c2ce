// The Ardent grammar (DSL version 1, docs/language.md): its rules and nothing else. The parsers they
// are made of are in parsers.hpp, the actions that build their nodes in actions.hpp, and the
// handling of their failures in error_handler.hpp. Included only by grammar.cpp.
//
// Conventions:
// - Every rule that is the target of an expectation (`>`) has a readable name; the error
//   handler reports "expected <name>" at the failing position.
// - Keywords are case-insensitive whole words (keyword_parser); identifiers are
//   [a-z][a-z0-9_]* and never one of the reserved expression words (reserved.hpp).
// - Rules with semantic actions build their node explicitly (actions write _val); rules
//   without actions fill adapted structs by attribute propagation.
// - Comparisons need a full `arith op arith`, and a `+`/`-` never starts an arithmetic term
//   when it reads `N when`: in a score, `+1 when x` after `hop_pain` is a new term, not
//   `hop_pain + 1`.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <vector>

#include "syntax/actions.hpp"
#include "syntax/ast.hpp"
#include "syntax/ast_adapted.hpp"
#include "syntax/error_handler.hpp"
#include "syntax/grammar.hpp"
#include "syntax/parsers.hpp"

namespace ardent::syntax::grammar {

namespace x3 = boost::spirit::x3;

using x3::attr;
using x3::lexeme;
using x3::lit;
using x3::raw;

// ---------------------------------------------------------------------------------------
// Rule IDs: every node records the source range it was parsed from.

struct module_class : annotate, error_handler_base {};

#define ARDENT_RULE(id, Attr, what) \
  struct id##_class : annotate {};  \
  x3::rule<id##_class, Attr> const id = what;

// Leaves
ARDENT_RULE(name, ast::name, "a name")
ARDENT_RULE(text, ast::text, "a string (\"...\")")
ARDENT_RULE(number, ast::number, "a number")
ARDENT_RULE(signed_number, ast::number, "a number")
ARDENT_RULE(string_end, x3::unused_type, string_end_name)
ARDENT_RULE(count, unsigned, "a count (a whole number)")
ARDENT_RULE(priority, int, "a priority (a whole number)")

// Expressions
ARDENT_RULE(expr, ast::expr, "an expression")
ARDENT_RULE(and_expr, ast::expr, "an expression")
ARDENT_RULE(not_expr, ast::expr, "an expression")
ARDENT_RULE(not_operand, ast::expr, "an expression after 'not'")
ARDENT_RULE(predicate, ast::expr, "an expression")
ARDENT_RULE(at_least, ast::expr, "'at least K of (...)'")
ARDENT_RULE(expr_list, std::vector<ast::expr>, "an expression")
ARDENT_RULE(ref_test, ast::expr, "a test of a finding")
ARDENT_RULE(ref_tail, ast::expr, "'is' or 'in'")
ARDENT_RULE(is_rhs, ast::name, "'known', 'unknown' or a value after 'is'")
ARDENT_RULE(value_list, std::vector<ast::name>, "a value")
ARDENT_RULE(arith_pred, ast::expr, "an expression")
ARDENT_RULE(cmp_tail, ast::expr, "a comparison")
ARDENT_RULE(cmp_op, CmpOp, "a comparison operator")
ARDENT_RULE(operand, ast::expr, "a number, a name or an arithmetic expression")
ARDENT_RULE(paren_expr, ast::expr, "'(' expression ')'")
ARDENT_RULE(arith, ast::expr, "an arithmetic expression")
ARDENT_RULE(term, ast::expr, "an arithmetic expression")
ARDENT_RULE(factor, ast::expr, "an arithmetic expression")
ARDENT_RULE(primary, ast::expr, "a number, a duration, a name or '('")
ARDENT_RULE(number_expr, ast::expr, "a number")
ARDENT_RULE(duration_expr, ast::expr, "a duration")
ARDENT_RULE(ref_expr, ast::expr, "a name")
ARDENT_RULE(add_op, ArithOp, "'+' or '-'")
ARDENT_RULE(mul_op, ArithOp, "'*' or '/'")

// Declarations
ARDENT_RULE(attribute, ast::attribute, "an attribute (label, ask, group, code or advice)")
ARDENT_RULE(text_attr_kind, ast::attr_kind, "an attribute")
ARDENT_RULE(code_system, ast::code_system,
            "a terminology system (snomed, loinc, icd10, icd10cm or a URI in quotes)")
ARDENT_RULE(header_item, ast::attribute, "'title' or 'default triage'")
ARDENT_RULE(header, ast::header, "a ruleset header")
ARDENT_RULE(finding_type, ast::finding_type,
            "a finding type ('bool', 'one of {...}', 'number', 'duration')")
ARDENT_RULE(range, ast::range, "a range (LOW..HIGH)")
ARDENT_RULE(finding_decl, ast::finding_decl, "a finding")
ARDENT_RULE(condition_decl, ast::condition_decl, "a condition")
ARDENT_RULE(define_decl, ast::define_decl, "a define")
ARDENT_RULE(sign, double, "'+' or '-'")
ARDENT_RULE(points, ast::number, "a score term ('+N when ...' or '-N when ...')")
ARDENT_RULE(score_term, ast::score_term, "a score term ('+N when ...' or '-N when ...')")
ARDENT_RULE(score_terms, std::vector<ast::score_term>,
            "a score term ('+N when ...' or '-N when ...')")
ARDENT_RULE(score_decl, ast::score_decl, "a score")
ARDENT_RULE(screen_decl, ast::screen_decl, "a screen")
ARDENT_RULE(screen_list, std::vector<ast::name>, "a finding name after 'ask'")
ARDENT_RULE(rule_kind, bool, "'rule' or 'redflag'")
ARDENT_RULE(strength, ast::name, "'likely' or 'possible'")
ARDENT_RULE(action, ast::action,
            "an action ('suggest', 'consider', 'exclude', 'triage', 'advise' or 'ask')")
ARDENT_RULE(action_list, std::vector<ast::action>,
            "an action ('suggest', 'consider', 'exclude', 'triage', 'advise' or 'ask')")
ARDENT_RULE(rule_decl, ast::rule_decl, "a rule")
ARDENT_RULE(given_value, ast::given_item,
            "a value (yes, no, unknown, a number, a duration or an enum value)")
ARDENT_RULE(given_item, ast::given_item, "a finding name")
ARDENT_RULE(given_list, std::vector<ast::given_item>, "a finding name")
ARDENT_RULE(no_what, ExpectItem::Kind, "'redflag', 'other redflag' or 'ask' after 'no'")
ARDENT_RULE(expect_item, ast::expect_item,
            "an expectation (suggest, consider, exclude, not, redflag, no redflag, "
            "no other redflag, triage, ask or no ask)")
ARDENT_RULE(expect_list, std::vector<ast::expect_item>,
            "an expectation (suggest, consider, exclude, not, redflag, no redflag, "
            "no other redflag, triage, ask or no ask)")
ARDENT_RULE(test_decl, ast::test_decl, "a test")
ARDENT_RULE(declaration, ast::declaration, "a declaration")

#undef ARDENT_RULE

module_type const module_rule = "a rule file";

// ---------------------------------------------------------------------------------------
// Lexical rules

inline const auto digits = +x3::char_('0', '9');
inline const auto word_char = x3::char_("a-zA-Z0-9_");

inline const auto name_def =
    locate[raw[lexeme[x3::char_('a', 'z') >> *x3::char_("a-z0-9_") >> !word_char]][make_name]];

// Strings stay on one line; a raw line break inside one means it was never closed.
inline const string_chars_parser string_chars{escape_name};
inline const auto text_def = locate[lexeme[lit('"') >> string_chars > string_end][make_text]];
inline const auto string_end_def = lit('"');

inline const auto number_def = locate[raw[lexeme[digits >> -(lit('.') >> digits)]][make_number]];
inline const auto signed_number_def = locate[(x3::matches[lit('-')] >> number)[negate_number]];
inline const auto count_def = lexeme[x3::uint_ >> !x3::char_(".a-zA-Z0-9_")];
inline const auto priority_def = lexeme[x3::int_ >> !x3::char_(".a-zA-Z0-9_")];

// ---------------------------------------------------------------------------------------
// Expressions, loosest first

// `and` and `or` are reserved, so an operand must follow them. A list of one operand is that
// operand: the node is made at the second (a vector per level cost an allocation for every
// operand of every expression), and the later ones are added to it.
inline const auto or_operand =
    kw("or") > named<ast::expr>("an expression after 'or'", and_expr);
inline const auto expr_def =
    locate[and_expr[set_val] >> -(or_operand[start_nary<Expr::Kind::Or>] >> *or_operand[add_kid])];
inline const auto and_operand =
    kw("and") > named<ast::expr>("an expression after 'and'", not_expr);
inline const auto and_expr_def =
    locate[not_expr[set_val] >> -(and_operand[start_nary<Expr::Kind::And>] >> *and_operand[add_kid])];
// An action makes its subject's value before the subject is tried: where an operator usually
// does not follow, a lookahead for its first token comes first, so that most operands do not
// make and drop a node for it (`&` consumes nothing; without the token the subject fails too).
inline const auto not_expr_def =
    locate[(&kw("not") >> (kw("not") > not_operand)[make_not]) | predicate[set_val]];
inline const auto not_operand_def = not_expr;

// Parentheses are parsed once, as an operand of arithmetic (`(a + b) * 2`) that may hold any
// expression (`(a or b) and c`); trying them both ways at every level would make nesting
// quadratic. The checker rejects what is ill-typed, such as `(a or b) + 1`.
inline const auto predicate_def = at_least | (ref_test_ahead >> ref_test) | arith_pred;

inline const auto at_least_def =
    locate[(kw("at") > kw("least") > count > kw("of") > lit('(') > expr_list >
            named("',' or ')' in the list of 'at least'", lit(')')))[make_at_least]];
inline const auto expr_list_def = expr > *(lit(',') > expr);

inline const auto ref_test_def = locate[(name >> ref_tail)[make_ref_test]];
inline const auto ref_tail_def =
    (kw("is") > is_rhs)[make_is] | (kw("in") > lit('{') > value_list >
                                    named("',' or '}' in the set of values", lit('}')))[make_in];
inline const auto is_rhs_def = locate[kw("known")[keyword_name<known_word>] |
                                      kw("unknown")[keyword_name<unknown_word>] | name[set_val]];
inline const auto value_list_def = name > *(lit(',') > name);

inline const auto cmp_ahead = &(lit('<') | lit('>') | lit('=') | lit('!') | kw("between"));
inline const auto arith_pred_def =
    locate[arith[set_val] >> -(cmp_ahead >> cmp_tail[add_left_operand])];
inline const auto cmp_tail_def =
    locate[(cmp_op > operand)[make_cmp] |
           (kw("between") > operand > kw("and") > operand)[make_between]];
inline const auto cmp_op_def = (lit("<=") >> attr(CmpOp::Le)) | (lit(">=") >> attr(CmpOp::Ge)) |
                               (lit("!=") >> attr(CmpOp::Ne)) | (lit('<') >> attr(CmpOp::Lt)) |
                               (lit('>') >> attr(CmpOp::Gt)) | (lit('=') >> attr(CmpOp::Eq));
inline const auto operand_def = arith;

inline const auto paren_expr_def = lit('(') > expr > named("')'", lit(')'));

inline const auto arith_def =
    locate[term[set_val] >> *(&(lit('+') | lit('-')) >> (add_op >> term)[fold_arith])];
inline const auto term_def =
    locate[factor[set_val] >> *(&(lit('*') | lit('/')) >> (mul_op >> factor)[fold_arith])];
inline const auto factor_def =
    locate[(&lit('-') >> (lit('-') >> factor)[make_negate]) | primary[set_val]];
// The alternatives start differently ('(', a digit, a letter), so their order only decides how
// soon the usual one, a name, is tried: first. A duration is tried before a plain number.
inline const auto primary_def = ref_expr | paren_expr | duration_expr | number_expr;
inline const auto number_expr_def = locate[number[make_number_expr]];
inline const auto duration_expr_def = locate[(number >> duration_unit)[make_duration_expr]];
inline const auto ref_expr_def = locate[name[make_ref]];

// `N when` after '+'/'-' starts the next score term.
inline const auto add_op_def =
    ((lit('+') >> attr(ArithOp::Add)) | (lit('-') >> attr(ArithOp::Sub))) >>
    !(number >> kw("when"));
inline const auto mul_op_def = (lit('*') >> attr(ArithOp::Mul)) | (lit('/') >> attr(ArithOp::Div));

// ---------------------------------------------------------------------------------------
// Declarations

inline const auto attribute_def =
    locate[(text_attr_kind > text)[make_text_attr] |
           (kw("code") > code_system > named<ast::text>("the code (a string)", text))[make_code_attr]];
// `code snomed "..."` or `code "http://example.org/codes" "..."`.
inline const auto code_system_def = locate[name[make_short_system] | text[make_quoted_system]];
inline const auto text_attr_kind_def =
    (kw("label") >> attr(ast::attr_kind::label)) | (kw("ask") >> attr(ast::attr_kind::ask)) |
    (kw("group") >> attr(ast::attr_kind::group)) | (kw("advice") >> attr(ast::attr_kind::advice));

inline const auto triage_level =
    named<ast::name>(triage_level_name(), name);

inline const auto header_def =
    kw("ruleset") > named<ast::name>("the rule set's name", name) >
    kw("version") > named<ast::text>("the version string, e.g. \"1.0.0\"", text) > *header_item;
inline const auto header_item_def =
    locate[(kw("title") > text)[make_title] |
           (kw("default") > kw("triage") > triage_level)[make_default_triage]];

inline const auto finding_decl_def = kw("finding") > named<ast::name>("a finding name", name) >
                                     named("':' after the finding's name", lit(':')) > finding_type
                                     > *attribute;
inline const auto finding_type_def =
    locate[kw(FindingType::boolean)[make_plain_type<FindingType::boolean>] |
           (kw("one") > kw("of") > lit('{') > value_list >
            named("',' or '}' in the list of values", lit('}')))[make_enum_type] |
           (kw(FindingType::number) > -range > x3::matches[kw("integer")] >
            -(kw("unit") > text))[make_number_type] |
           kw(FindingType::duration)[make_plain_type<FindingType::duration>]];

inline const auto range_def = signed_number >>
                              lit("..") > named<ast::number>("the upper bound after '..'",
                                                             signed_number);

inline const auto condition_decl_def = kw("condition") >
                                       named<ast::name>("a condition name", name) > *attribute;

inline const auto define_decl_def = kw("define") > named<ast::name>("a name for the define", name) >
                                    named("'=' after the define's name", lit('=')) > expr >
                                    *attribute;

inline const auto score_decl_def = kw("score") > named<ast::name>("a score name", name) > *attribute
                                   > named("':' after the score's name", lit(':')) > score_terms;
inline const auto sign_def = (lit('+') >> attr(1.0)) | (lit('-') >> attr(-1.0));
inline const auto score_terms_def = +score_term;
inline const auto score_term_def = points > kw("when") > expr;
inline const auto points_def = locate[(
    sign > named<ast::number>("the number of points after '+' or '-'", number))[make_points]];

inline const auto condition_ref = named<ast::name>("a condition name", name);
inline const auto finding_ref = named<ast::name>("a finding name", name);

inline const auto rule_decl_def = rule_kind > named<ast::name>("a rule name", name) >
                                  -(kw("priority") > priority) > -lit(':') > *attribute >
                                  -kw("when") > named<ast::expr>("the rule's condition", expr) >
                                  named("'then' or '->' after the rule's condition",
                                        lit("->") | lit("\xE2\x86\x92") | kw("then")) > action_list;
inline const auto rule_kind_def = (kw("rule") >> attr(false)) | (kw("redflag") >> attr(true));
inline const auto action_list_def = action > *(lit(',') > action);
inline const auto action_def =
    locate[(kw("suggest") > condition_ref > -strength)[make_suggest] |
           (kw("consider") > condition_ref)[make_action<Action::Kind::Consider>] |
           (kw("exclude") > condition_ref)[make_action<Action::Kind::Exclude>] |
           (kw("triage") > triage_level)[make_action<Action::Kind::Triage>] |
           (kw("advise") > text)[make_advise] |
           (kw("ask") > finding_ref)[make_action<Action::Kind::Ask>]];
inline const auto strength_def =
    locate[kw("likely")[keyword_name<likely_word>] | kw("possible")[keyword_name<possible_word>]];

// `screen ["TITLE"] ask a, b, c`: the title is optional, the list is not.
inline const auto screen_decl_def =
    kw("screen") >
    -(text > named("'ask' after the screen's title", &kw("ask"))) >
    named("a title (\"...\") or 'ask' after 'screen'", kw("ask")) > screen_list;
inline const auto screen_list_def = name > *(lit(',') > finding_ref);

inline const auto test_decl_def = kw("test") >
                                  named<ast::text>("the test's name (a string)", text) >
                                  named("':' after the test's name", lit(':')) >
                                  -(kw("given") > given_list >
                                    named("',' or 'expect'", &kw("expect"))) >
                                  named("'given' or 'expect'", kw("expect")) > expect_list;
inline const auto given_list_def = given_item > *(lit(',') > given_item);
inline const auto given_item_def =
    locate[(name > named("'=' after the finding's name", lit('=')) > given_value)[make_given]];
inline const auto given_value_def =
    locate[kw("yes")[make_given_word<GivenItem::Kind::Yes>] |
           kw("no")[make_given_word<GivenItem::Kind::No>] |
           kw("unknown")[make_given_word<GivenItem::Kind::Unknown>] |
           (signed_number >> duration_unit)[make_given_duration] |
           signed_number[make_given_number] | name[make_given_enum]];
inline const auto expect_list_def = expect_item > *(lit(',') > expect_item);
inline const auto expect_item_def =
    locate[(kw("suggest") > condition_ref)[make_expect<ExpectItem::Kind::Suggest>] |
           (kw("consider") > condition_ref)[make_expect<ExpectItem::Kind::Consider>] |
           (kw("exclude") > condition_ref)[make_expect<ExpectItem::Kind::Exclude>] |
           (kw("not") > condition_ref)[make_expect<ExpectItem::Kind::NotConcluded>] |
           (kw("redflag") >
            named<ast::name>("a red flag name", name))[make_expect<ExpectItem::Kind::Redflag>] |
           (kw("no") >> kw("ask") > finding_ref)[make_expect<ExpectItem::Kind::NoAsk>] |
           (kw("no") > no_what)[make_expect_kind] |
           (kw("triage") > triage_level)[make_expect<ExpectItem::Kind::Triage>] |
           (kw("ask") > finding_ref)[make_expect<ExpectItem::Kind::Ask>]];
inline const auto no_what_def =
    ((kw("other") > kw("redflag")) >> attr(ExpectItem::Kind::NoOtherRedflag)) |
    (kw("redflag") >> attr(ExpectItem::Kind::NoRedflag));

// Each alternative starts with its own keyword, so their order decides only how many are tried
// (each makes and drops its node) before the one that matches: the commonest come first.
inline const auto declaration_def = finding_decl | rule_decl | test_decl | condition_decl |
                                   define_decl | score_decl | screen_decl | header;

// `eps` skips the blanks and comments before a declaration once, rather than each of its
// alternatives again; a declaration that fails puts them back, as it did. Each declaration
// read goes to the sink at once (a declaration that succeeds is never read again).
inline constexpr auto emit_declaration = [](auto& ctx) {
  x3::get<declaration_sink_tag>(ctx).take(x3::_attr(ctx));
};
inline const auto module_rule_def =
    *(x3::eps >> declaration[emit_declaration]) > named(
                       "a declaration ('ruleset', 'finding', 'condition', 'define', 'score', "
                       "'screen', 'rule', 'redflag' or 'test')",
                       x3::eoi);

BOOST_SPIRIT_DEFINE(name, text, number, signed_number, string_end, count,
                    priority)
BOOST_SPIRIT_DEFINE(expr, and_expr, not_expr, not_operand, predicate, at_least,
                    expr_list, ref_test, ref_tail, is_rhs, value_list, arith_pred, cmp_tail, cmp_op,
                    operand, paren_expr, arith, term, factor, primary, number_expr, duration_expr,
                    ref_expr, add_op, mul_op)
BOOST_SPIRIT_DEFINE(attribute, text_attr_kind, code_system, header_item, header, finding_type, range,
                    finding_decl, condition_decl, define_decl, sign, points, score_term,
                    score_terms, score_decl, screen_decl, screen_list, rule_kind, strength, action,
                    action_list, rule_decl, given_value, given_item, given_list, no_what,
                    expect_item, expect_list, test_decl, declaration, module_rule)

}  // namespace ardent::syntax::grammar
