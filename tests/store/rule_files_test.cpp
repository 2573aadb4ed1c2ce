// Publishing reads a rule set through the same routine as compile_path: the registry stores
// the files the compiler sees, under the same names, with the same hash.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "api/rule_files.hpp"
#include "ardent/ardent.hpp"
#include "ardent/store.hpp"
#include "store_fixture.hpp"
#include "support/linked_ruleset.hpp"

namespace ardent::store {
namespace {

namespace fs = std::filesystem;
using ardent::test::LinkedRuleset;
using testing::ScratchDir;

std::vector<std::string> paths_of(const std::vector<SourceText>& sources) {
  std::vector<std::string> out;
  for (const auto& s : sources) out.push_back(s.path);
  return out;
}

StoreError read_sources_error(const fs::path& root) {
  try {
    read_sources(root);
  } catch (const StoreError& e) {
    return e;
  }
  ADD_FAILURE() << "no StoreError for " << root;
  return StoreError(StoreError::Kind::Internal, "");
}

// The list, the relative paths and the hash, from compiling in place and from publishing.
void expect_compile_and_publish_agree(const fs::path& root) {
  SCOPED_TRACE(root.string());
  ScratchDir dir;
  const api::RuleFiles read = api::read_rule_files(root);
  ASSERT_FALSE(read.error) << read.error->message;
  std::vector<std::string> relative;
  for (const auto& f : read.files) relative.push_back(f.relative);

  CompileOutput compiled = compile_path(root);
  ASSERT_TRUE(compiled.ok()) << format(compiled.diagnostics);
  Registry reg(dir / "registry.db");
  const PublishResult published = reg.publish(read_sources(root), {Status::draft, "alice"});

  EXPECT_EQ(paths_of(read_sources(root)), relative);
  EXPECT_EQ(published.version.files, relative);
  EXPECT_EQ(published.version.hash, compiled.ruleset->hash());
  EXPECT_EQ(reg.load(published.version.name + "@" + published.version.version)->hash(), compiled.ruleset->hash());
}

TEST(PublishedFiles, CompileAndPublishAgreeForTheHipRuleSet) {
  expect_compile_and_publish_agree(fs::path(ARDENT_SOURCE_DIR) / "rules" / "hip");
}

TEST(PublishedFiles, CompileAndPublishAgreeForASymlinkedFolder) {
  LinkedRuleset set;
  expect_compile_and_publish_agree(set.root());
}

TEST(PublishedFiles, TheRedFlagInASymlinkedFolderIsPublishedAndLoadedBack) {
  LinkedRuleset set;
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  const PublishResult published = reg.publish(read_sources(set.root()), {Status::draft, "alice"});
  EXPECT_EQ(published.version.files, (std::vector<std::string>{"flags/cauda_equina.ard", "header.ard"}));
  const auto stored = reg.sources("linked@1.0.0");
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].text, ardent::test::kLinkedRedFlag);

  RulesetPtr loaded = reg.load("linked@1.0.0");
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->redflag_count(), 1u);
  const auto flag = loaded->rule_index("cauda_equina");
  ASSERT_TRUE(flag);
  Case c(loaded);
  c.set_bool("saddle_anaesthesia", true);
  Result r = evaluate(c);
  ASSERT_EQ(r.red_flags().size(), 1u);
  EXPECT_EQ(r.red_flags()[0], *flag);
  EXPECT_EQ(r.triage(), Triage::emergency);
}

TEST(PublishedFiles, ASymlinkLoopIsAnOpenErrorNamingTheLink) {
  LinkedRuleset set;
  fs::create_directory_symlink(set.root(), set.root() / "flags" / "up");
  const StoreError e = read_sources_error(set.root());
  EXPECT_EQ(e.kind(), StoreError::Kind::Open);
  EXPECT_NE(std::string(e.what()).find("'" + (set.root() / "flags" / "up").generic_string() + "'"), std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.what()).find("symlink loop"), std::string::npos) << e.what();
}

TEST(PublishedFiles, AFifoNamedArdIsAnOpenErrorNamingIt) {
  LinkedRuleset set;
  const fs::path fifo = set.root() / "x.ard";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const StoreError e = read_sources_error(set.root());
  EXPECT_EQ(e.kind(), StoreError::Kind::Open);
  EXPECT_NE(std::string(e.what()).find("'" + fifo.generic_string() + "'"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("fifo"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace ardent::store
