// Rule sets spread over several files: the one header, names across files, and sets with
// no usable file at all.
#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::check::fixture {
namespace {

using B = FileBuilder;

TEST(CheckerFiles, MissingHeaderIsAnErrorAtTheFirstFile) {
  B a("a.ard", "finding fever: bool\nrule r: fever -> triage urgent\n");
  a.boolean("fever");
  a.rule("r", a.ref("fever@2"), {a.triage("urgent")});
  CheckOutput out = run(a);
  EXPECT_TRUE(has(out.diagnostics, {"header", Severity::Error, 1, 1, "no 'ruleset' header"}));
}

TEST(CheckerFiles, MissingHeaderIsNotClaimedAfterSyntaxErrors) {
  B a("a.ard", "finding fever: bool\n");
  a.boolean("fever");
  CheckOutput out = run({&a}, /*had_syntax_errors=*/true);
  EXPECT_EQ(count_code(out.diagnostics, "header"), 0u) << format(out.diagnostics);
}

TEST(CheckerFiles, SecondHeaderNamesTheFirst) {
  B a("a.ard", "ruleset one version \"1.0.0\"\nfinding fever: bool\n", 0);
  a.header("one", "1.0.0");
  a.boolean("fever");
  B b("b.ard", "ruleset two version \"2.0.0\"\nrule r: fever -> triage urgent\n", 1);
  b.header("two", "2.0.0");
  b.rule("r", b.ref("fever"), {b.triage("urgent")});
  CheckOutput out = run({&a, &b});
  EXPECT_TRUE(has(out.diagnostics, {"header", Severity::Error, 1, 1,
                                    "a second 'ruleset' header; the rule set is already declared at a.ard:1:1"}));
  EXPECT_EQ(out.diagnostics.front().file, "b.ard");
  EXPECT_EQ(out.model.name, "one");
}

TEST(CheckerFiles, DuplicateAcrossFilesNamesTheOtherFile) {
  B a("a.ard", "ruleset one version \"1.0.0\"\nfinding fever: bool\n", 0);
  a.header("one", "1.0.0");
  a.boolean("fever");
  B b("b.ard", "condition fever\nrule r: fever -> suggest fever\n", 1);
  b.condition("fever");
  b.rule("r", b.ref("fever@2"), {b.suggest("fever@3")});
  CheckOutput out = run({&a, &b});
  EXPECT_TRUE(has(out.diagnostics, {"duplicate", Severity::Error, 1, 11,
                                    "duplicate name 'fever': already declared as a finding at a.ard:2:9"}));
  EXPECT_EQ(out.diagnostics.front().file, "b.ard");
}

TEST(CheckerFiles, DiagnosticsAreSortedByFileThenPosition) {
  B a("a.ard", "ruleset one version \"1.0.0\"\nrule r: fevr -> triage urgent\n", 1);
  a.header("one", "1.0.0");
  a.rule("r", a.ref("fevr"), {a.triage("urgent")});
  B b("b.ard", "rule s: cogh -> triage urgnt\n", 0);
  b.rule("s", b.ref("cogh"), {b.triage("urgnt")});
  CheckOutput out = run({&b, &a});  // b.ard read first
  std::vector<std::pair<std::string, std::uint32_t>> order;
  for (const auto& d : out.diagnostics) order.push_back({d.file, d.column});
  ASSERT_EQ(order.size(), 3u) << format(out.diagnostics);
  EXPECT_EQ(order[0], (std::pair<std::string, std::uint32_t>{"b.ard", 9}));
  EXPECT_EQ(order[1], (std::pair<std::string, std::uint32_t>{"b.ard", 24}));
  EXPECT_EQ(order[2], (std::pair<std::string, std::uint32_t>{"a.ard", 9}));
}

TEST(CheckerFiles, VersionMustBeSemantic) {
  B a("a.ard", "ruleset one version \"1.0\"\n");
  a.header("one", "1.0");
  CheckOutput out = run(a);
  EXPECT_TRUE(has(out.diagnostics, {"header", Severity::Error, 1, 21, "version \"1.0\" must look like \"1.0.0\""}));
}

// What ^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$ accepts, and nothing else.
TEST(CheckerFiles, VersionsAreAcceptedAsTheSemanticVersionPatternAccepts) {
  const std::vector<std::pair<std::string, bool>> versions = {
      {"1.0.0", true},          {"0.0.0", true},        {"10.20.300", true},     {"01.2.3", true},
      {"2.1.0-rc.1", true},     {"1.0.0+build.5", true}, {"1.0.0-a+b-c", true},  {"1.2.3-.", true},
      {"1.2.3--", true},        {"1.2.3-Z9", true},     {"", false},             {"1", false},
      {"1.2", false},           {"1.2.3.4", false},     {"1..3", false},         {".1.2.3", false},
      {"1.2.", false},          {"1.2.3-", false},      {"1.2.3+", false},       {"v1.2.3", false},
      {"1.2.3 ", false},        {" 1.2.3", false},      {"1.2.3\n", false},      {"1.2.3-a b", false},
      {"1.2.3-\xC3\xA9", false}, {"1.2.3_a", false},     {"1.2.3-a_b", false},    {"a.b.c", false},
  };
  for (const auto& [version, valid] : versions) {
    B a("a.ard", "ruleset one version \"" + version + "\"\n");
    a.header("one", version);
    CheckOutput out = run(a);
    EXPECT_EQ(count_code(out.diagnostics, "header"), valid ? 0u : 1u) << version;
  }
}

TEST(CheckerFiles, PrereleaseVersionIsAccepted) {
  B a("a.ard", "ruleset one version \"2.1.0-rc.1\"\n");
  a.header("one", "2.1.0-rc.1");
  CheckOutput out = run(a);
  EXPECT_EQ(count_code(out.diagnostics, "header"), 0u) << format(out.diagnostics);
}

TEST(CheckerFiles, DefaultTriageMustBeALevel) {
  B a("a.ard", "ruleset one version \"1.0.0\"\n  default triage rutine\n");
  a.header("one", "1.0.0").default_triage = a.name("rutine");
  CheckOutput out = run(a);
  EXPECT_TRUE(has(out.diagnostics, {"unknown-name", Severity::Error, 2, 18,
                                    "unknown triage level 'rutine' (one of self_care, routine, urgent, emergency); "
                                    "did you mean 'routine'?"}));
}

TEST(CheckerFiles, DefaultTriageIsRecorded) {
  B a("a.ard", "ruleset one version \"1.0.0\"\n  default triage self_care\n");
  a.header("one", "1.0.0").default_triage = a.name("self_care");
  CheckOutput out = run(a);
  EXPECT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(out.model.default_triage, Triage::self_care);
}

TEST(CheckerFiles, NoFilesAtAllIsAnErrorWithoutLocation) {
  CheckOutput out = check({}, {});
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "header");
  EXPECT_EQ(out.diagnostics[0].file, "");
  EXPECT_FALSE(out.ok());
}

TEST(CheckerFiles, EmptyModulesFromBrokenFilesDoNotCrash) {
  std::vector<syntax::SourceFile> files = {{"a.ard", "garbage"}, {"b.ard", "\x01\x02"}};
  std::vector<syntax::Module> modules(2);
  modules[1].file = 1;
  CheckOutput out = check(files, modules, /*had_syntax_errors=*/true);
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
}

TEST(CheckerFiles, MalformedTreesDoNotCrash) {
  // Nodes with missing parts, as a recovering parser might leave them.
  B a("a.ard", "ruleset one version \"1.0.0\"\nfinding x: number\n");
  a.header("one", "1.0.0");
  a.number("x", std::nullopt, std::nullopt);
  syntax::Expr compare;
  compare.kind = syntax::Expr::Kind::Compare;  // no kids
  syntax::Expr between;
  between.kind = syntax::Expr::Kind::Between;
  between.kids.push_back(a.ref("x"));  // one kid instead of three
  syntax::Expr empty_and;
  empty_and.kind = syntax::Expr::Kind::And;
  a.rule("x", compare, {});
  a.rule("x", between, {});
  a.define("x", empty_and);
  a.score("x", {{1, syntax::Expr{}}});
  CheckOutput out = run(a);
  EXPECT_FALSE(out.ok());
}

}  // namespace
}  // namespace ardent::check::fixture
