// Syntax errors are reported at the offending token (1-based line and byte column) with an
// expectation message, and a file with an error yields no declarations.
#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::syntax {
namespace {

using test_support::first_error;
using test_support::parse_text;

struct ErrorCase {
  const char* source;
  const char* expected;  // "line:col+length message"
};

class SyntaxErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SyntaxErrors, ReportedAtTheTokenWithAMessage) {
  ParseOutput out = parse_text(GetParam().source);
  ASSERT_EQ(out.errors.size(), 1u) << GetParam().source;
  EXPECT_EQ(first_error(out), GetParam().expected) << GetParam().source;
  EXPECT_EQ(out.errors[0].span.file, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Declarations, SyntaxErrors,
    ::testing::Values(
        ErrorCase{"foo",
                  "1:1+3 expected a declaration ('ruleset', 'finding', 'condition', "
                  "'define', 'score', 'screen', 'rule', 'redflag' or 'test')"},
        ErrorCase{"finding x: bool\n\nrule r: a -> consider b\n  42",
                  "4:3+2 expected a declaration ('ruleset', 'finding', 'condition', 'define', "
                  "'score', 'screen', 'rule', 'redflag' or 'test')"},
        ErrorCase{"ruleset hip version 1", "1:21+1 expected the version string, e.g. \"1.0.0\""},
        ErrorCase{"ruleset hip", "1:12+0 expected 'version'"},
        ErrorCase{"ruleset hip version \"1\" default routine", "1:33+7 expected 'triage'"},
        ErrorCase{"ruleset hip version \"1\" default triage \"x\"",
                  "1:40+1 expected a triage level (self_care, routine, urgent or emergency)"},
        ErrorCase{"finding x: boo",
                  "1:12+3 expected a finding type ('bool', 'one of {...}', 'number', 'duration')"},
        ErrorCase{"finding x bool", "1:11+4 expected ':' after the finding's name"},
        ErrorCase{"finding X: bool",
                  "1:9+1 expected a finding name (names are lower case: letters, digits and '_', "
                  "starting with a letter)"},
        ErrorCase{"finding and: bool", "1:9+3 expected a finding name ('and' is a reserved word)"},
        ErrorCase{"finding f: one of {a, b", "1:24+0 expected ',' or '}' in the list of values"},
        ErrorCase{"finding f: one of {a b}", "1:22+1 expected ',' or '}' in the list of values"},
        ErrorCase{"finding f: one {a}", "1:16+1 expected 'of'"},
        ErrorCase{"finding f: number 0..", "1:22+0 expected the upper bound after '..'"},
        ErrorCase{"finding f: number 0..10 unit years", "1:30+5 expected a string (\"...\")"},
        ErrorCase{"finding f: bool label", "1:22+0 expected a string (\"...\")"},
        ErrorCase{"finding f: bool code 123",
                  "1:22+3 expected a terminology system (snomed, loinc, icd10, icd10cm or a URI in quotes)"},
        ErrorCase{"finding f: bool code \"http://example.org/codes\"", "1:48+0 expected the code (a string)"},
        ErrorCase{"finding f: bool code snomed 123", "1:29+3 expected the code (a string)"},
        ErrorCase{"condition", "1:10+0 expected a condition name"},
        ErrorCase{"define x a", "1:10+1 expected '=' after the define's name"},
        ErrorCase{"define x = ", "1:12+0 expected an expression"},
        ErrorCase{"score s +1 when a", "1:9+1 expected ':' after the score's name"},
        ErrorCase{"score s:\n  2 when x",
                  "2:3+1 expected a score term ('+N when ...' or '-N when ...')"},
        ErrorCase{"score s: +2 whn x", "1:13+3 expected 'when'"},
        ErrorCase{"score s: + when x", "1:12+4 expected the number of points after '+' or '-'"},
        ErrorCase{"rule", "1:5+0 expected a rule name"},
        ErrorCase{"rule r: a b", "1:11+1 expected 'then' or '->' after the rule's condition"},
        ErrorCase{"rule r\n  when a\n  consider b",
                  "3:3+8 expected 'then' or '->' after the rule's condition"},
        ErrorCase{"rule r: -> consider b", "1:9+1 expected the rule's condition"},
        ErrorCase{"rule r priority high: a -> consider b",
                  "1:17+4 expected a priority (a whole number)"},
        ErrorCase{"rule r: a -> sugest x",
                  "1:14+6 expected an action ('suggest', 'consider', 'exclude', 'triage', "
                  "'advise' or 'ask')"},
        ErrorCase{"rule r: a -> suggest x,",
                  "1:24+0 expected an action ('suggest', 'consider', 'exclude', 'triage', "
                  "'advise' or 'ask')"},
        ErrorCase{"rule r: a -> suggest", "1:21+0 expected a condition name"},
        ErrorCase{"rule r: a -> advise b", "1:21+1 expected a string (\"...\")"},
        ErrorCase{"redflag r\n  when a\n  then triage",
                  "3:14+0 expected a triage level (self_care, "
                  "routine, urgent or emergency)"},
        ErrorCase{"screen", "1:7+0 expected a title (\"...\") or 'ask' after 'screen'"},
        ErrorCase{"screen Red ask a", "1:8+3 expected a title (\"...\") or 'ask' after 'screen'"},
        ErrorCase{"screen \"T\"", "1:11+0 expected 'ask' after the screen's title"},
        ErrorCase{"screen \"T\"\n  saddle, fever", "2:3+6 expected 'ask' after the screen's title"},
        ErrorCase{"screen \"T\" ask", "1:15+0 expected a finding name after 'ask'"},
        // Declaration words are not reserved: `rule` here is the first finding, `r` is out of place.
        ErrorCase{"screen \"T\"\n  ask\nrule r: a -> consider b",
                  "3:6+1 expected a declaration ('ruleset', 'finding', 'condition', 'define', "
                  "'score', 'screen', 'rule', 'redflag' or 'test')"},
        ErrorCase{"screen ask \"a\"", "1:12+1 expected a finding name after 'ask'"},
        ErrorCase{"screen ask and", "1:12+3 expected a finding name after 'ask' ('and' is a reserved word)"},
        ErrorCase{"screen ask Fever",
                  "1:12+5 expected a finding name after 'ask' (names are lower case: letters, "
                  "digits and '_', starting with a letter)"},
        ErrorCase{"screen ask a,", "1:14+0 expected a finding name"},
        ErrorCase{"screen ask a,\n  b,\n", "3:1+0 expected a finding name"},
        ErrorCase{"screen ask a b",
                  "1:14+1 expected a declaration ('ruleset', 'finding', 'condition', 'define', "
                  "'score', 'screen', 'rule', 'redflag' or 'test')"},
        ErrorCase{"test t: expect no redflag", "1:6+1 expected the test's name (a string)"},
        ErrorCase{"test \"t\" expect no redflag", "1:10+6 expected ':' after the test's name"},
        ErrorCase{"test \"t\": gven a = yes", "1:11+4 expected 'given' or 'expect'"},
        ErrorCase{"test \"t\": given a = yes b = no", "1:25+1 expected ',' or 'expect'"},
        ErrorCase{"test \"t\": given a yes", "1:19+3 expected '=' after the finding's name"},
        ErrorCase{"test \"t\": given a = ",
                  "1:21+0 expected a value (yes, no, unknown, a number, "
                  "a duration or an enum value)"},
        ErrorCase{"test \"t\": given a = yes expect",
                  "1:31+0 expected an expectation (suggest, consider, exclude, not, redflag, no "
                  "redflag, no other redflag, triage, ask or no ask)"},
        ErrorCase{"test \"t\": expect no thing",
                  "1:21+5 expected 'redflag', 'other redflag' or 'ask' after 'no'"},
        ErrorCase{"test \"t\": expect no other flag", "1:27+4 expected 'redflag'"}));

INSTANTIATE_TEST_SUITE_P(
    Expressions, SyntaxErrors,
    ::testing::Values(
        ErrorCase{"define x = (a and b", "1:20+0 expected ')'"},
        ErrorCase{"define x = (a and b c)", "1:21+1 expected ')'"},
        ErrorCase{"define x = a and", "1:17+0 expected an expression after 'and'"},
        ErrorCase{"define x = a or\n", "2:1+0 expected an expression after 'or'"},
        // Declaration words are not reserved: `rule` here is a name, `r` is out of place.
        ErrorCase{"define x = a or\nrule r: a -> consider b",
                  "2:6+1 expected a declaration ('ruleset', 'finding', 'condition', 'define', "
                  "'score', 'screen', 'rule', 'redflag' or 'test')"},
        ErrorCase{"define x = not", "1:15+0 expected an expression after 'not'"},
        ErrorCase{"define x = a is", "1:16+0 expected 'known', 'unknown' or a value after 'is'"},
        ErrorCase{"define x = a is 3", "1:17+1 expected 'known', 'unknown' or a value after 'is'"},
        ErrorCase{"define x = a in b", "1:17+1 expected '{'"},
        ErrorCase{"define x = a in {b c}", "1:20+1 expected ',' or '}' in the set of values"},
        ErrorCase{"define x = a in {}", "1:18+1 expected a value"},
        ErrorCase{"define x = a >", "1:15+0 expected a number, a name or an arithmetic expression"},
        ErrorCase{"define x = a > and",
                  "1:16+3 expected a number, a name or an arithmetic expression "
                  "('and' is a reserved word)"},
        ErrorCase{"define x = a between 1 or 2", "1:24+2 expected 'and'"},
        ErrorCase{"define x = at most 2 of (a)", "1:15+4 expected 'least'"},
        ErrorCase{"define x = at least two of (a)", "1:21+3 expected a count (a whole number)"},
        ErrorCase{"define x = at least 2.5 of (a)", "1:21+1 expected a count (a whole number)"},
        ErrorCase{"define x = at least 99999999999 of (a)",
                  "1:21+11 expected a count (a whole number)"},
        ErrorCase{"define x = at least 2 (a)", "1:23+1 expected 'of'"},
        ErrorCase{"define x = at least 2 of (a b)",
                  "1:29+1 expected ',' or ')' in the list of 'at least'"},
        ErrorCase{"define x = at least 2 of ()", "1:27+1 expected an expression"}));

INSTANTIATE_TEST_SUITE_P(
    Lexical, SyntaxErrors,
    ::testing::Values(
        ErrorCase{"finding x: bool\n  label \"abc",
                  "2:13+0 unterminated string: expected '\"' before the end of the line"},
        ErrorCase{"finding x: bool\n  label \"abc\n  ask \"q\"",
                  "2:13+0 unterminated string: expected '\"' before the end of the line"},
        ErrorCase{"condition c label \"a\\qb\"",
                  "1:21+2 unknown escape sequence in string (use \\\", \\\\ or \\n)"},
        ErrorCase{"# a comment\n# another\nfinding x: boo # why",
                  "3:12+3 expected a finding type ('bool', 'one of {...}', 'number', 'duration')"},
        ErrorCase{"finding x: bool\r\nfinding y bool\r\n",
                  "2:11+4 expected ':' after the finding's name"},
        ErrorCase{"\tfinding\tx:\tboo",
                  "1:13+3 expected a finding type ('bool', 'one of {...}', 'number', 'duration')"},
        ErrorCase{"finding pain2X: bool",
                  "1:9+6 expected a finding name (names are lower case: "
                  "letters, digits and '_', starting with a letter)"}));

// Problems the grammar leaves open are found while building the tree.
INSTANTIATE_TEST_SUITE_P(
    Structure, SyntaxErrors,
    ::testing::Values(
        ErrorCase{
            "condition c ask \"q\"",
            "1:13+7 'ask' is not an attribute of a condition (it takes label, code and advice)"},
        ErrorCase{
            "finding f: bool advice \"a\"",
            "1:17+10 'advice' is not an attribute of a finding (it takes label, ask, group and "
            "code)"},
        ErrorCase{"define d = a\n  ask \"q\"",
                  "2:3+7 'ask' is not an attribute of a define (it takes label)"},
        ErrorCase{"score s code snomed \"1\": +1 when a",
                  "1:9+15 'code' is not an attribute of a score (it takes label)"},
        ErrorCase{"rule r\n  group \"g\"\n  when a then consider b",
                  "2:3+9 'group' is not an attribute of a rule (it takes label, advice and code)"},
        ErrorCase{
            "redflag r\n  ask \"q\"\n  when a then triage urgent",
            "2:3+7 'ask' is not an attribute of a red flag (it takes label, advice and code)"},
        ErrorCase{"finding f: bool label \"a\" label \"b\"",
                  "1:27+9 'label' given twice for a finding"},
        ErrorCase{"ruleset a version \"1\" title \"x\" title \"y\"",
                  "1:33+9 'title' given twice in the ruleset header"},
        ErrorCase{"ruleset a version \"1\"\nruleset b version \"2\"",
                  "2:1+21 a file holds at most one 'ruleset' header"},
        ErrorCase{"screen \"\" ask a",
                  "1:8+2 the screen's title is empty (leave it out for the default, \"Screen\")"},
        ErrorCase{"finding f: number 10..0",
                  "1:12+12 the range's lower bound is above its upper bound"}));

TEST(SyntaxErrors, NumberTooLargeForADouble) {
  const std::string huge = "1" + std::string(400, '0');
  ParseOutput out = parse_text("define x = a > " + huge);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(first_error(out), "1:16+401 expected a number, a name or an arithmetic expression");
}

TEST(SyntaxErrors, AFileWithAnErrorYieldsNoDeclarations) {
  ParseOutput out = parse_text(
      "ruleset r version \"1\"\nfinding f: bool\ncondition c\nrule r: f -> consider c\n"
      "rule broken: f -> \n");
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_FALSE(out.module.header);
  EXPECT_TRUE(out.module.findings.empty());
  EXPECT_TRUE(out.module.conditions.empty());
  EXPECT_TRUE(out.module.rules.empty());
}

TEST(SyntaxErrors, StructuralErrorsAreAllReported) {
  ParseOutput out = parse_text(
      "finding f: bool label \"a\" label \"b\"\ncondition c ask \"q\"\nfinding g: number 3..1\n",
      2);
  ASSERT_EQ(out.errors.size(), 3u);
  EXPECT_EQ(out.errors[0].span.line, 1u);
  EXPECT_EQ(out.errors[1].span.line, 2u);
  EXPECT_EQ(out.errors[2].span.line, 3u);
  EXPECT_EQ(out.errors[2].span.file, 2u);
  EXPECT_TRUE(out.module.findings.empty());
  EXPECT_EQ(out.module.file, 2u);
}

}  // namespace
}  // namespace ardent::syntax
