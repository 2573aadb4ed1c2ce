// Bad or extreme input never crashes the parser: it becomes a clear error with a position.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "support.hpp"

namespace ardent::syntax {
namespace {

using test_support::first_error;
using test_support::parse_text;
using test_support::where;

bool module_is_empty(const Module& m) {
  return !m.header && m.findings.empty() && m.conditions.empty() && m.defines.empty() &&
         m.scores.empty() && m.screens.empty() && m.rules.empty() && m.tests.empty();
}

// Every error span lies inside the text and agrees with its own line and column.
void expect_well_formed_errors(const std::string& text, const ParseOutput& out) {
  for (const SyntaxError& e : out.errors) {
    EXPECT_GE(e.span.line, 1u);
    EXPECT_GE(e.span.col, 1u);
    EXPECT_LE(std::size_t{e.span.offset} + e.span.length, text.size());
    std::size_t line_start = text.rfind('\n', e.span.offset == 0 ? 0 : e.span.offset - 1);
    line_start = (line_start == std::string::npos || e.span.offset == 0) ? 0 : line_start + 1;
    EXPECT_EQ(e.span.col, e.span.offset - line_start + 1);
    EXPECT_FALSE(e.message.empty());
  }
}

TEST(Robustness, EmptyAndBlankFilesAreValidAndEmpty) {
  for (const char* text :
       {"", "   \n\n\t  ", "# only a comment", "# a\n\n   # b\n", "\xEF\xBB\xBF", "\r\n\r\n"}) {
    ParseOutput out = parse_text(text);
    EXPECT_TRUE(out.errors.empty()) << first_error(out);
    EXPECT_TRUE(module_is_empty(out.module));
  }
}

TEST(Robustness, ByteOrderMarkIsSkipped) {
  ParseOutput out = parse_text(
      "\xEF\xBB\xBF"
      "finding f: bool");
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  ASSERT_EQ(out.module.findings.size(), 1u);
  EXPECT_EQ(where(out.module.findings[0].span), "1:4+15");  // columns count bytes
}

TEST(Robustness, RandomBinaryGarbageIsAnError) {
  std::mt19937 rng(20240611);
  for (int i = 0; i < 300; ++i) {
    std::string text(rng() % 2000 + 1, '\0');
    for (char& c : text) c = static_cast<char>(rng() & 0xFF);
    text[rng() % text.size()] = '\xFF';  // never valid UTF-8
    ParseOutput out = parse_text(text);
    ASSERT_EQ(out.errors.size(), 1u);
    EXPECT_TRUE(module_is_empty(out.module));
    expect_well_formed_errors(text, out);
  }
}

// Random sequences of the language's own tokens: deep in the grammar, never a crash.
TEST(Robustness, RandomTokenSoupNeverCrashes) {
  const std::vector<std::string> vocabulary = {
      "ruleset",  "version",    "title",   "default", "triage",    "finding",  "bool",
      "one",      "of",         "number",  "integer", "unit",      "duration", "label",
      "ask",      "group",      "code",    "advice",  "condition", "define",   "score",
      "rule",     "priority",   "redflag", "when",    "then",      "suggest",  "likely",
      "possible", "consider",   "exclude", "advise",  "test",      "given",    "expect",
      "and",      "or",         "not",     "is",      "in",        "between",  "at",
      "least",    "known",      "unknown", "yes",     "no",        "other",    "x",
      "y",        "z",          "a_b",     "1",       "2.5",       "10",       "6 weeks",
      "\"s\"",    "\"a\\\"b\"", ":",       ",",       "(",         ")",        "{",
      "}",        "=",          "<",       "<=",      ">",         ">=",       "!=",
      "+",        "-",          "*",       "/",       "..",        "->",       "\xE2\x86\x92",
      "#c\n",     "\n",         "\"",      "\\",        "screen"};
  std::mt19937 rng(7);
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += vocabulary[rng() % vocabulary.size()] + " ";
    ParseOutput out = parse_text(text);
    if (out.errors.empty()) {
      ++parsed;
    } else {
      EXPECT_TRUE(module_is_empty(out.module)) << text;
    }
    expect_well_formed_errors(text, out);
  }
  EXPECT_GT(parsed, 0);  // the empty soup at least
}

struct Utf8Case {
  std::string text;
  const char* expected;
};

class InvalidUtf8 : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(InvalidUtf8, ReportsTheBytePosition) {
  ParseOutput out = parse_text(GetParam().text);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(first_error(out), GetParam().expected);
  EXPECT_TRUE(module_is_empty(out.module));
}

INSTANTIATE_TEST_SUITE_P(
    Sequences, InvalidUtf8,
    ::testing::Values(
        Utf8Case{"finding x: bool\n  label \"caf\xC3\"", "2:13+1 invalid UTF-8 byte 0xC3"},
        Utf8Case{"# comment \xFF\n", "1:11+1 invalid UTF-8 byte 0xFF"},
        Utf8Case{"\x80", "1:1+1 invalid UTF-8 byte 0x80"},
        Utf8Case{"condition c label \"\xC0\xAF\"", "1:20+1 invalid UTF-8 byte 0xC0"},  // overlong
        Utf8Case{"condition c label \"\xE0\x80\xAF\"", "1:20+1 invalid UTF-8 byte 0xE0"},
        Utf8Case{"condition c label \"\xED\xA0\x80\"",
                 "1:20+1 invalid UTF-8 byte 0xED"},  // surrogate
        Utf8Case{"condition c label \"\xF4\x90\x80\x80\"", "1:20+1 invalid UTF-8 byte 0xF4"},
        Utf8Case{"condition c\n# \xE2\x86", "2:3+1 invalid UTF-8 byte 0xE2"},  // cut short
        Utf8Case{std::string("finding f: bool\nfinding g", 25) + std::string(1, '\0') + ": bool",
                 "2:10+1 control character 0x00 is not allowed in a rule file"},
        Utf8Case{"condition c label \"a\x1B[31m\"",
                 "1:21+1 control character 0x1B is not allowed "
                 "in a rule file"}));

TEST(Robustness, ValidUtf8InStringsAndCommentsIsKept) {
  const std::string text =
      "# Hüftschmerz — posterior hip\n"
      "finding t: number 35..42 unit \"°C\" label \"Température\"\n"
      "rule r: t > 38 \xE2\x86\x92 advise \"Fièvre: voir un médecin 🚑\"\n";
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(out.module.findings.at(0).unit->value, "°C");
  EXPECT_EQ(out.module.findings.at(0).attrs.label->value, "Température");
  EXPECT_EQ(out.module.rules.at(0).actions.at(0).text.value, "Fièvre: voir un médecin 🚑");
}

TEST(Robustness, NonAsciiOutsideStringsIsASyntaxError) {
  ParseOutput out = parse_text("finding café: bool");
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(first_error(out), "1:12+2 expected ':' after the finding's name");
}

std::string nested_parens(int depth) {
  return "define x = " + std::string(depth, '(') + "a" + std::string(depth, ')');
}

TEST(Robustness, NestingUpToTheLimitParses) {
  ParseOutput out = parse_text(nested_parens(200));
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(out.module.defines.at(0).expr.kind, Expr::Kind::Ref);
  EXPECT_EQ(out.module.defines.at(0).expr.name.text, "a");
}

TEST(Robustness, NestingBeyondTheLimitIsRefused) {
  ParseOutput out = parse_text(nested_parens(201));
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(first_error(out), "1:212+1 expression nested too deeply (more than 200 levels)");
}

TEST(Robustness, TenThousandNestedParenthesesAreRefused) {
  ParseOutput out = parse_text(nested_parens(10000));
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(first_error(out), "1:212+1 expression nested too deeply (more than 200 levels)");
  EXPECT_TRUE(module_is_empty(out.module));
}

TEST(Robustness, DeepPrefixOperatorsAreRefused) {
  std::string nots = "define x = ";
  for (int i = 0; i < 10000; ++i) nots += "not ";
  EXPECT_EQ(first_error(parse_text(nots + "a")),
            "1:812+3 expression nested too deeply (more than 200 levels)");

  EXPECT_EQ(first_error(parse_text("define x = " + std::string(10000, '-') + "a")),
            "1:212+1 expression nested too deeply (more than 200 levels)");

  std::string mixed = "define x = ";
  for (int i = 0; i < 150; ++i) mixed += "not (";
  EXPECT_NE(first_error(parse_text(mixed + "a" + std::string(150, ')'))).find("nested too deeply"),
            std::string::npos);

  std::string at_least = "define x = ";
  for (int i = 0; i < 10000; ++i) at_least += "at least 1 of (";
  EXPECT_NE(first_error(parse_text(at_least + "a")).find("nested too deeply"), std::string::npos);
}

TEST(Robustness, NestingIsCountedPerExpressionNotPerFile) {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += "define d" + std::to_string(i) + " = not " + std::string(150, '(') + "a and not b" +
            std::string(150, ')') + "\n";
  }
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(out.module.defines.size(), 300u);
}

TEST(Robustness, ParenthesesInCommentsAndStringsDoNotCount) {
  const std::string text =
      "# " + std::string(5000, '(') + "\ncondition c label \"" + std::string(5000, '(') + "\"\n";
  ParseOutput out = parse_text(text);
  EXPECT_TRUE(out.errors.empty()) << first_error(out);
}

TEST(Robustness, UnbalancedParenthesesAreASyntaxError) {
  ParseOutput open = parse_text("define x = " + std::string(150, '(') + "a");
  EXPECT_EQ(first_error(open), "1:163+0 expected ')'");
  ParseOutput close = parse_text("define x = a" + std::string(10000, ')'));
  ASSERT_EQ(close.errors.size(), 1u);
  EXPECT_EQ(close.errors[0].span.col, 13u);
}

TEST(Robustness, UnterminatedStrings) {
  EXPECT_EQ(first_error(parse_text("condition c label \"")),
            "1:20+0 unterminated string: expected '\"' before the end of the line");
  EXPECT_EQ(first_error(parse_text("rule r: a -> advise \"see a doctor\r\n")),
            "1:34+0 unterminated string: expected '\"' before the end of the line");
  EXPECT_EQ(first_error(parse_text("test \"never closed: expect no redflag")),
            "1:38+0 unterminated string: expected '\"' before the end of the line");
}

const char* const crlf_sample =
    "ruleset r version \"1\"\n"
    "finding pain: bool\n"
    "  label \"Pain\"\n"
    "finding age: number 0..130 unit \"years\"\n"
    "rule old: age > 60 and pain\n"
    "  -> consider arthritis   # a comment\n"
    "test \"t\":\n"
    "  given age = 70, pain = yes\n"
    "  expect consider arthritis\n";

std::string with_crlf(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

TEST(Robustness, CrlfLineEndingsGiveTheSameTree) {
  ParseOutput lf = parse_text(crlf_sample);
  ParseOutput crlf = parse_text(with_crlf(crlf_sample));
  ASSERT_TRUE(lf.errors.empty()) << first_error(lf);
  ASSERT_TRUE(crlf.errors.empty()) << first_error(crlf);
  ASSERT_EQ(crlf.module.findings.size(), 2u);
  EXPECT_EQ(crlf.module.findings[0].attrs.label->value, "Pain");  // no '\r' inside
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(where(crlf.module.findings[i].name.span), where(lf.module.findings[i].name.span));
  }
  const RuleDecl& a = lf.module.rules.at(0);
  const RuleDecl& b = crlf.module.rules.at(0);
  EXPECT_EQ(test_support::dump(a.when), test_support::dump(b.when));
  EXPECT_EQ(where(a.when.span), where(b.when.span));
  EXPECT_EQ(where(a.actions.at(0).span), where(b.actions.at(0).span));
  EXPECT_EQ(a.span.line, b.span.line);
  EXPECT_EQ(b.span.length, a.span.length + 1);  // one more byte: the '\r' inside the rule
  EXPECT_EQ(where(lf.module.tests.at(0).given.at(1).span),
            where(crlf.module.tests.at(0).given.at(1).span));
}

// As x3::eol did in the grammar's skipper before it was written out by hand.
TEST(Robustness, ALoneCarriageReturnEndsAComment) {
  ParseOutput out = parse_text("# a note\rfinding x: bool\r# another\rfinding y: bool");
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  ASSERT_EQ(out.module.findings.size(), 2u);
  EXPECT_EQ(out.module.findings[1].name.text, "y");
}

TEST(Robustness, TabsCountAsOneColumn) {
  ParseOutput out = parse_text("finding\tf:\tbool\n\tlabel\t\"x\"\nrule\tr:\tf\t->\tconsider\tc");
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(where(out.module.findings.at(0).name.span), "1:9+1");
  EXPECT_EQ(where(out.module.findings.at(0).attrs.label->span), "2:8+3");
  EXPECT_EQ(where(out.module.rules.at(0).actions.at(0).target.span), "3:23+1");
}

TEST(Robustness, VeryLongNamesAndStrings) {
  const std::string long_name(1 << 20, 'a');
  const std::string long_text(1 << 20, 'x');
  ParseOutput out = parse_text("finding " + long_name + ": bool label \"" + long_text + "\"");
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(out.module.findings.at(0).name.text.size(), long_name.size());
  EXPECT_EQ(out.module.findings.at(0).attrs.label->value.size(), long_text.size());
}

// A 10 MB file of realistic declarations parses completely (the parser is linear).
TEST(Robustness, TenMegabyteFile) {
  std::string text = "ruleset big version \"1.0.0\"\n";
  int blocks = 0;
  while (text.size() < 10u * 1024 * 1024) {
    const std::string n = std::to_string(blocks++);
    text += "finding f" + n + ": one of {a, b, c}\n  label \"Finding " + n +
            "\"\n  ask \"Is it so?\"  # why not\n"
            "finding g" +
            n +
            ": number 0..100 unit \"mm\"\n"
            "define d" +
            n + " = f" + n + " is a and g" + n + " > 50 or g" + n +
            " - 3 * 2 between 1 and 9\n"
            "rule r" +
            n + " priority 1:\n  label \"Rule " + n + "\"\n  when d" + n + " and not (f" + n +
            " in {b, c} or at least 2 of (x, y, z))\n"
            "  then suggest c" +
            n + " likely, triage urgent, advise \"Rest.\"\n";
  }
  ParseOutput out = parse_text(text);
  ASSERT_TRUE(out.errors.empty()) << first_error(out);
  EXPECT_EQ(out.module.findings.size(), 2u * blocks);
  EXPECT_EQ(out.module.defines.size(), static_cast<std::size_t>(blocks));
  ASSERT_EQ(out.module.rules.size(), static_cast<std::size_t>(blocks));
  EXPECT_EQ(out.module.rules.back().name.text, "r" + std::to_string(blocks - 1));
  EXPECT_EQ(out.module.rules.back().span.line, 1u + 9u * (blocks - 1) + 6u);
}

}  // namespace
}  // namespace ardent::syntax
