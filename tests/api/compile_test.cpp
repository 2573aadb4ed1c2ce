// The facade: compile_source / compile_sources / compile_path through the real parser and
// checker, diagnostics, counts, provenance.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ardent/ardent.hpp"
#include "compile/compile.hpp"
#include "support/demo_ruleset.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static int serial = 0;
    path_ = fs::path(ARDENT_BINARY_DIR) / "tmp" /
            (std::string("compile_test_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
             std::to_string(++serial));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
  }

 private:
  fs::path path_;
};

TEST(CompileSource, DemoRuleSetCompiles) {
  CompileOutput out = compile_source(kDemoRuleset, "demo.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  const Ruleset& rs = *out.ruleset;
  EXPECT_EQ(rs.name(), "demo");
  EXPECT_EQ(rs.version(), "1.2.0");
  EXPECT_EQ(rs.title(), "Demo buttock pain");
  EXPECT_EQ(rs.default_triage(), Triage::routine);
  EXPECT_EQ(rs.findings().size(), 9u);
  EXPECT_EQ(rs.rules().size(), 5u);
  EXPECT_EQ(rs.redflag_count(), 2u);
  EXPECT_EQ(rs.test_count(), 3u);
  EXPECT_EQ(out.findings, 9u);
  EXPECT_EQ(out.conditions, 3u);
  EXPECT_EQ(out.rules, 3u);
  EXPECT_EQ(out.redflags, 2u);
  EXPECT_EQ(out.tests, 3u);
  EXPECT_EQ(rs.hash(), compile::provenance_hash({{"demo.ard", kDemoRuleset}}));
  const RuleInfo& flag = rs.rules()[*rs.rule_index("cauda_equina")];
  EXPECT_TRUE(flag.redflag);
  EXPECT_EQ(flag.label, "Possible cauda equina syndrome");
  EXPECT_EQ(flag.location.file, "demo.ard");
  EXPECT_GT(flag.location.line, 1u);
  EXPECT_EQ(flag.source.rfind("redflag cauda_equina", 0), 0u) << flag.source;
  EXPECT_EQ(rs.findings()[*rs.finding_index("saddle_anaesthesia")].codes.size(), 1u);
}

TEST(CompileSource, EvaluatesTheWayTheLanguageSays) {
  CompileOutput out = compile_source(kDemoRuleset, "demo.ard");
  ASSERT_TRUE(out.ok());
  Case c(out.ruleset);
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true})");
  Result r = evaluate(c);
  EXPECT_EQ(r.triage(), Triage::self_care);
  EXPECT_TRUE(r.provisional());  // the screen is not answered yet
  c.set_json(R"({"saddle_anaesthesia": false, "fever": false})");
  evaluate(c, r);
  EXPECT_EQ(r.triage(), Triage::self_care);
  ASSERT_EQ(r.conditions().size(), 1u);
  EXPECT_EQ(out.ruleset->conditions()[r.conditions()[0].condition].name, "deep_rotator_overload");
  EXPECT_EQ(r.conditions()[0].strength, Strength::likely);
  c.set_bool("saddle_anaesthesia", true);
  evaluate(c, r);
  EXPECT_EQ(r.triage(), Triage::emergency);
  ASSERT_EQ(r.red_flags().size(), 1u);
  EXPECT_EQ(out.ruleset->rules()[r.red_flags()[0]].name, "cauda_equina");
}

TEST(CompileSource, SyntaxErrorsBecomeDiagnosticsAndCountsAreStillFilled) {
  const std::string text = std::string(kDemoRuleset) + "\nrule broken: when -> \n";
  CompileOutput out = compile_source(text, "demo.ard");
  EXPECT_FALSE(out.ok());
  ASSERT_FALSE(out.diagnostics.empty());
  bool syntax = false;
  for (const auto& d : out.diagnostics) syntax |= d.code == "syntax" && d.severity == Severity::Error && d.file == "demo.ard";
  EXPECT_TRUE(syntax) << format(out.diagnostics);
  EXPECT_GT(count(out.diagnostics).errors, 0u);
}

TEST(CompileSource, CheckErrorsStopCompilation) {
  const std::string text = std::string(kDemoRuleset) + "\nrule typo: pain_centrl -> consider bone_stress\n";
  CompileOutput out = compile_source(text, "demo.ard");
  EXPECT_FALSE(out.ok());
  EXPECT_GT(count(out.diagnostics).errors, 0u);
  EXPECT_EQ(out.findings, 9u);  // counted from the parse
  EXPECT_EQ(out.rules, 4u);
}

TEST(CompileSource, GarbageNeverCrashes) {
  for (const char* text : {"", "\xff\xfe\x00\x01", "ruleset", "finding x: bool\n((((((", "rule r: (((((a"}) {
    CompileOutput out = compile_source(std::string_view(text), "junk.ard");
    EXPECT_FALSE(out.ok());
    EXPECT_FALSE(out.diagnostics.empty());
  }
}

TEST(CompileSources, SortedByPathAndHashedRelative) {
  const std::string header = "ruleset split version \"1.0.0\"\n";
  const std::string body =
      "finding x: bool\n  label \"X\"\ncondition c\n  label \"C\"\nrule r: x -> consider c\n";
  CompileOutput one = compile_sources({{"b.ard", body}, {"a.ard", header}});
  CompileOutput two = compile_sources({{"a.ard", header}, {"b.ard", body}});
  ASSERT_TRUE(one.ok()) << format(one.diagnostics);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(one.ruleset->hash(), two.ruleset->hash());
  EXPECT_EQ(one.ruleset->hash(), compile::provenance_hash({{"a.ard", header}, {"b.ard", body}}));
}

TEST(CompilePath, DirectoryOfFilesBelowIt) {
  TempDir dir;
  dir.write("main.ard", "ruleset split version \"2.0.0\"\n");
  dir.write("sub/findings.ard", "finding x: bool\n  label \"X\"\n");
  dir.write("sub/rules.ard", "condition c\n  label \"C\"\nrule r: x -> consider c\n");
  dir.write("notes.txt", "not a rule file");
  CompileOutput out = compile_path(dir.path());
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(out.ruleset->version(), "2.0.0");
  EXPECT_EQ(out.ruleset->hash(), compile::provenance_hash({{"main.ard", "ruleset split version \"2.0.0\"\n"},
                                                           {"sub/findings.ard", "finding x: bool\n  label \"X\"\n"},
                                                           {"sub/rules.ard", "condition c\n  label \"C\"\nrule r: x -> consider c\n"}}));
  // The same directory elsewhere has the same hash: paths are relative to the rule-set root.
  TempDir copy;
  fs::copy(dir.path(), copy.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  EXPECT_EQ(compile_path(copy.path()).ruleset->hash(), out.ruleset->hash());
  // One file on its own.
  TempDir single;
  single.write("one.ard", kDemoRuleset);
  CompileOutput file = compile_path(single.path() / "one.ard");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file.ruleset->hash(), compile::provenance_hash({{"one.ard", kDemoRuleset}}));
}

TEST(CompilePath, IoProblemsAreDiagnostics) {
  CompileOutput missing = compile_path(fs::path(ARDENT_BINARY_DIR) / "no" / "such" / "rules");
  ASSERT_EQ(missing.diagnostics.size(), 1u);
  EXPECT_EQ(missing.diagnostics[0].code, "io");
  EXPECT_FALSE(missing.ok());
  TempDir empty;
  CompileOutput none = compile_path(empty.path());
  ASSERT_EQ(none.diagnostics.size(), 1u);
  EXPECT_EQ(none.diagnostics[0].code, "io");
}

TEST(RulesHip, CompilesAndItsOwnTestsPass) {
  const fs::path hip = fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip";
  if (!fs::exists(hip)) GTEST_SKIP() << "rules/hip is not there";
  CompileOutput out = compile_path(hip);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  TestReport report = run_tests(out.ruleset);
  EXPECT_GT(report.tests.size(), 0u);
  for (const auto& t : report.tests)
    for (const auto& f : t.failures) ADD_FAILURE() << t.name << ": " << f.expectation << " -> " << f.actual;
}

// rules/hip/screen.ard: the red-flag screen, costliest misses first.
TEST(RulesHip, ScreenAsksTheRedFlagsFirstInOrder) {
  const fs::path hip = fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip";
  if (!fs::exists(hip)) GTEST_SKIP() << "rules/hip is not there";
  CompileOutput out = compile_path(hip);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  const ScreenInfo& screen = out.ruleset->screen();
  EXPECT_EQ(screen.title, "Red-flag screen");
  std::vector<std::string> names;
  for (std::uint32_t slot : screen.findings) names.push_back(out.ruleset->findings()[slot].name);
  EXPECT_EQ(names, (std::vector<std::string>{"saddle_anaesthesia", "bladder_bowel_change", "unable_to_weight_bear",
                                             "fever", "neuro_deficit", "bilateral_leg_symptoms", "history_of_cancer",
                                             "night_pain_non_mechanical"}));
  EXPECT_NE(screen.location.file.find("screen.ard"), std::string::npos) << screen.location.file;
}

}  // namespace
}  // namespace ardent::test
