// The one routine that decides a rule set's files, and compile_path reading through it:
// symlinked folders are followed, loops and non-regular *.ard files are refused by name.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "api/rule_files.hpp"
#include "ardent/ardent.hpp"
#include "support/linked_ruleset.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> relative_paths(const api::RuleFiles& read) {
  std::vector<std::string> out;
  for (const auto& f : read.files) out.push_back(f.relative);
  return out;
}

TEST(RuleFiles, FollowsASymlinkedFolderUnderTheNameItHasInTheRuleSet) {
  LinkedRuleset set;
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_FALSE(read.error) << read.error->message;
  EXPECT_EQ(relative_paths(read), (std::vector<std::string>{"flags/cauda_equina.ard", "header.ard"}));
  EXPECT_EQ(read.files[0].shown, (set.root() / "flags" / "cauda_equina.ard").generic_string());
  EXPECT_EQ(read.files[0].text, kLinkedRedFlag);
}

TEST(RuleFiles, FollowsASymlinkedFile) {
  LinkedRuleset set;
  fs::create_symlink(fs::canonical(set.root() / "flags" / "cauda_equina.ard"), set.root() / "again.ard");
  fs::remove(set.root() / "flags");
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_FALSE(read.error) << read.error->message;
  EXPECT_EQ(relative_paths(read), (std::vector<std::string>{"again.ard", "header.ard"}));
  EXPECT_EQ(read.files[0].text, kLinkedRedFlag);
}

TEST(RuleFiles, ASymlinkLoopIsRefusedNamingTheLink) {
  LinkedRuleset set;
  fs::create_directories(set.root() / "deep");
  fs::create_directory_symlink(set.root(), set.root() / "deep" / "back");
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_TRUE(read.error);
  EXPECT_TRUE(read.files.empty());
  const std::string link = (set.root() / "deep" / "back").generic_string();
  EXPECT_EQ(read.error->file, link);
  EXPECT_NE(read.error->message.find("'" + link + "'"), std::string::npos) << read.error->message;
  EXPECT_NE(read.error->message.find("symlink loop"), std::string::npos) << read.error->message;
}

TEST(RuleFiles, AFifoNamedArdIsRefusedNamingIt) {
  LinkedRuleset set;
  const fs::path fifo = set.root() / "x.ard";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->file, fifo.generic_string());
  EXPECT_NE(read.error->message.find("'" + fifo.generic_string() + "'"), std::string::npos) << read.error->message;
  EXPECT_NE(read.error->message.find("fifo"), std::string::npos) << read.error->message;
  // Named on its own, it is refused too rather than blocking on the read.
  read = api::read_rule_files(fifo);
  ASSERT_TRUE(read.error);
  EXPECT_NE(read.error->message.find("fifo"), std::string::npos) << read.error->message;
}

TEST(RuleFiles, ASymlinkThatLeadsNowhereIsRefusedNamingIt) {
  LinkedRuleset set;
  fs::create_directory_symlink(set.root() / "missing", set.root() / "more");
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->file, (set.root() / "more").generic_string());
}

TEST(RuleFiles, FilesThatAreNotRuleFilesAreLeftAlone) {
  LinkedRuleset set;
  LinkedRuleset::write(set.root() / "README.txt", "notes");
  ASSERT_EQ(mkfifo((set.root() / "pipe").c_str(), 0600), 0);
  api::RuleFiles read = api::read_rule_files(set.root());
  ASSERT_FALSE(read.error) << read.error->message;
  EXPECT_EQ(read.files.size(), 2u);
}

TEST(RuleFiles, OneFileIsItsOwnRoot) {
  LinkedRuleset set;
  api::RuleFiles read = api::read_rule_files(set.root() / "header.ard");
  ASSERT_FALSE(read.error) << read.error->message;
  ASSERT_EQ(read.files.size(), 1u);
  EXPECT_EQ(read.files[0].relative, "header.ard");
  EXPECT_EQ(read.files[0].shown, (set.root() / "header.ard").generic_string());
}

TEST(RuleFiles, AnEmptyFolderAndAMissingPathAreErrors) {
  LinkedRuleset set;
  fs::create_directories(set.root() / "empty");
  EXPECT_TRUE(api::read_rule_files(set.root() / "empty").error);
  api::RuleFiles missing = api::read_rule_files(set.root() / "nothing");
  ASSERT_TRUE(missing.error);
  const std::string named = "'" + (set.root() / "nothing").generic_string() + "'";
  EXPECT_NE(missing.error->message.find(named), std::string::npos) << missing.error->message;
}

TEST(CompilePath, KeepsTheRedFlagInASymlinkedFolderAndFiresIt) {
  LinkedRuleset set;
  CompileOutput out = compile_path(set.root());
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(out.redflags, 1u);
  const auto flag = out.ruleset->rule_index("cauda_equina");
  ASSERT_TRUE(flag);
  EXPECT_EQ(out.ruleset->rules()[*flag].location.file, (set.root() / "flags" / "cauda_equina.ard").generic_string());
  Case c(out.ruleset);
  c.set_bool("saddle_anaesthesia", true);
  Result r = evaluate(c);
  ASSERT_EQ(r.red_flags().size(), 1u);
  EXPECT_EQ(r.red_flags()[0], *flag);
  EXPECT_EQ(r.triage(), Triage::emergency);
}

TEST(CompilePath, ALoopBecomesAnIoDiagnosticNamingTheLink) {
  LinkedRuleset set;
  fs::create_directory_symlink(set.root(), set.root() / "flags" / "up");
  CompileOutput out = compile_path(set.root());
  EXPECT_FALSE(out.ok());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "io");
  EXPECT_EQ(out.diagnostics[0].severity, Severity::Error);
  EXPECT_EQ(out.diagnostics[0].file, (set.root() / "flags" / "up").generic_string());
  EXPECT_NE(out.diagnostics[0].message.find("symlink loop"), std::string::npos) << out.diagnostics[0].message;
}

TEST(CompilePath, AFifoBecomesAnIoDiagnosticNamingIt) {
  LinkedRuleset set;
  const fs::path fifo = set.root() / "x.ard";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  CompileOutput out = compile_path(set.root());
  EXPECT_FALSE(out.ok());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "io");
  EXPECT_EQ(out.diagnostics[0].file, fifo.generic_string());
}

}  // namespace
}  // namespace ardent::test
