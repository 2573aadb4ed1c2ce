#include <sqlite3.h>

#include <gtest/gtest.h>

#include "ardent/store.hpp"
#include "store/version_order.hpp"
#include "store_fixture.hpp"

namespace ardent::store {
namespace {

using testing::ScratchDir;
using testing::write_ruleset;

PublishOptions as(Status status, std::string author = "alice") { return {status, std::move(author)}; }

StoreError::Kind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const StoreError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no StoreError thrown";
  return StoreError::Kind::Internal;
}

TEST(ReadSources, PathsAreRelativeToTheRootAndSorted) {
  ScratchDir dir;
  const auto root = write_ruleset(dir, "mini", "1.0.0");
  testing::write_file(root / "README.txt", "not a rule file");
  auto files = read_sources(root);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "header.ard");
  EXPECT_EQ(files[1].path, "rules/fever.ard");
  auto single = read_sources(root / "header.ard");
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].path, "header.ard");
  EXPECT_EQ(kind_of([&] { read_sources(dir / "missing"); }), StoreError::Kind::Open);
}

TEST(Registry, PublishStoresEverything) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  const auto root = write_ruleset(dir, "mini", "1.0.0");
  PublishResult r = reg.publish(read_sources(root), as(Status::draft, "alice"));
  EXPECT_FALSE(r.unchanged);
  RulesetVersion v = reg.find("mini@1.0.0");
  EXPECT_EQ(v.name, "mini");
  EXPECT_EQ(v.version, "1.0.0");
  EXPECT_EQ(v.status, Status::draft);
  EXPECT_EQ(v.author, "alice");
  EXPECT_EQ(v.dsl_version, kDslVersion);
  EXPECT_EQ(v.engine_version, kEngineVersion);
  EXPECT_EQ(v.published_at.size(), 27u);  // 2025-03-01T09:30:00.000000Z
  EXPECT_EQ(v.files, (std::vector<std::string>{"header.ard", "rules/fever.ard"}));
  // The recorded hash is the provenance hash the compiler gives the same directory.
  CompileOutput direct = compile_path(root);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(v.hash, direct.ruleset->hash());
  auto sources = reg.sources("mini@1.0.0");
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[1].text, testing::rules_file());
}

TEST(Registry, RepublishingIdenticalContentIsANoOp) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  const auto root = write_ruleset(dir, "mini", "1.0.0");
  const auto first = reg.publish(read_sources(root), as(Status::draft));
  const auto again = reg.publish(read_sources(root), as(Status::draft, "bob"));
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(again.version.id, first.version.id);
  EXPECT_EQ(again.version.author, "alice");
  EXPECT_EQ(reg.list().size(), 1u);
}

TEST(Registry, DifferentContentUnderAnExistingVersionIsRefused) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::draft));
  const auto changed = write_ruleset(dir, "mini", "1.0.0", "emergency", "emergency");
  try {
    reg.publish(read_sources(changed), as(Status::draft));
    FAIL() << "publishing changed content under 1.0.0 was accepted";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
    EXPECT_NE(std::string(e.what()).find("mini@1.0.0 is already published"), std::string::npos) << e.what();
  }
  // Under a new version the same content is welcome.
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.1", "emergency", "emergency")), as(Status::draft));
  EXPECT_EQ(reg.list("mini").size(), 2u);
}

TEST(Registry, RulesThatDoNotCompileAreNotPublished) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  std::vector<SourceText> broken{{"header.ard", testing::header_file("1.0.0")},
                                 {"rules.ard", "rule nonsense: fver -> triage urgent\n"}};
  EXPECT_EQ(kind_of([&] { reg.publish(broken, as(Status::draft)); }), StoreError::Kind::Invalid);
  EXPECT_TRUE(reg.list().empty());
}

TEST(Registry, ApproveRequiresPassingTests) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  // Its own test expects `triage urgent` but the rule says routine: the test fails.
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0", "routine", "urgent")), as(Status::draft));
  try {
    reg.approve("mini@1.0.0", "carol");
    FAIL() << "a rule set with a failing test was approved";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::Conflict);
    EXPECT_NE(std::string(e.what()).find("fever suggests flu"), std::string::npos) << e.what();
  }
  EXPECT_EQ(reg.find("mini@1.0.0").status, Status::draft);
  // Publishing straight as approved runs the same checks.
  EXPECT_EQ(kind_of([&] {
              reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.1", "routine", "urgent")), as(Status::approved));
            }),
            StoreError::Kind::Conflict);

  reg.publish(read_sources(write_ruleset(dir, "mini", "1.1.0")), as(Status::draft));
  RulesetVersion v = reg.approve("mini@1.1.0", "carol");
  EXPECT_EQ(v.status, Status::approved);
  EXPECT_EQ(v.approved_by, "carol");
  EXPECT_FALSE(v.approved_at.empty());
}

TEST(Registry, CheckForApprovalReportsCountsAndFailures) {
  ScratchDir dir;
  ApprovalCheck good = check_for_approval(read_sources(write_ruleset(dir, "good", "1.0.0")));
  EXPECT_TRUE(good.ok) << good.report;
  EXPECT_EQ(good.tests, 2u);
  EXPECT_EQ(good.failed, 0u);
  ApprovalCheck bad = check_for_approval(read_sources(write_ruleset(dir, "bad", "1.0.0", "routine", "urgent")));
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.tests, 2u);
  EXPECT_EQ(bad.failed, 1u);
  ApprovalCheck broken = check_for_approval({{"x.ard", "ruleset x version \"1\"\nrule r: nothing -> triage urgent\n"}});
  EXPECT_FALSE(broken.ok);
  EXPECT_FALSE(broken.diagnostics.empty());
}

TEST(Registry, StatusOnlyMovesForward) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::approved));
  EXPECT_EQ(reg.find("mini@1.0.0").status, Status::approved);
  EXPECT_EQ(kind_of([&] { reg.approve("mini@1.0.0", "x"); }), StoreError::Kind::Conflict);
  RulesetVersion retired = reg.retire("mini@1.0.0", "dave");
  EXPECT_EQ(retired.status, Status::retired);
  EXPECT_EQ(retired.retired_by, "dave");
  EXPECT_EQ(retired.approved_by, "alice");  // the history stays
  EXPECT_EQ(kind_of([&] { reg.retire("mini@1.0.0", "x"); }), StoreError::Kind::Conflict);
  EXPECT_EQ(kind_of([&] { reg.approve("mini@1.0.0", "x"); }), StoreError::Kind::Conflict);
  // A draft may be retired without ever being approved.
  reg.publish(read_sources(write_ruleset(dir, "mini", "2.0.0")), as(Status::draft));
  EXPECT_EQ(reg.retire("mini@2.0.0", "dave").status, Status::retired);
}

TEST(Registry, ApprovedMeansTheHighestApprovedVersion) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  EXPECT_EQ(kind_of([&] { reg.find("mini@approved"); }), StoreError::Kind::NotFound);
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.9.0")), as(Status::approved));
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.10.0", "emergency", "emergency")), as(Status::approved));
  reg.publish(read_sources(write_ruleset(dir, "mini", "2.0.0", "self_care", "self_care")), as(Status::draft));
  EXPECT_EQ(reg.find("mini@approved").version, "1.10.0");  // 1.10 > 1.9; the 2.0.0 draft does not count

  RulesetPtr rs = reg.load("mini@approved");
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->name(), "mini");
  EXPECT_EQ(rs->version(), "1.10.0");
  EXPECT_EQ(rs->hash(), reg.find("mini@1.10.0").hash);

  reg.retire("mini@1.10.0", "dave");
  EXPECT_EQ(reg.load("mini@approved")->version(), "1.9.0");
  EXPECT_EQ(reg.load("mini@2.0.0")->version(), "2.0.0");  // any version loads by its number

  try {
    reg.find("mini@3.0.0");
    FAIL();
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::NotFound);
    EXPECT_NE(std::string(e.what()).find("1.9.0 (approved)"), std::string::npos) << e.what();
  }
  for (const char* bad : {"mini", "@1.0", "mini@", "a@b@c"})
    EXPECT_EQ(kind_of([&] { reg.find(bad); }), StoreError::Kind::Invalid) << bad;
}

TEST(Registry, ListIsOrderedByNameThenVersion) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  for (const char* v : {"1.10.0", "1.2.0", "1.9.1"})
    reg.publish(read_sources(write_ruleset(dir, "mini", v)), as(Status::draft));
  std::vector<std::string> versions;
  for (const auto& v : reg.list()) versions.push_back(v.version);
  EXPECT_EQ(versions, (std::vector<std::string>{"1.2.0", "1.9.1", "1.10.0"}));
}

TEST(Registry, PublishedSourcesCannotBeChangedThroughSqlite) {
  ScratchDir dir;
  const auto file = dir / "registry.db";
  {
    Registry reg(file);
    reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::approved));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  for (const char* sql : {"UPDATE ruleset_source SET text = 'x'", "DELETE FROM ruleset_source",
                          "UPDATE ruleset_version SET hash = 'x'", "DELETE FROM ruleset_version",
                          "UPDATE ruleset_version SET status = 'draft'"})
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_CONSTRAINT) << sql;
  sqlite3_close(db);
}

TEST(Registry, StoredSourcesThatNoLongerMatchTheirHashAreRefused) {
  ScratchDir dir;
  const auto file = dir / "registry.db";
  {
    Registry reg(file);
    reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::approved));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER ruleset_source_no_update;"
                         "UPDATE ruleset_source SET text = replace(text, 'triage urgent', 'triage routine')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  Registry reg(file);
  EXPECT_EQ(kind_of([&] { reg.load("mini@1.0.0"); }), StoreError::Kind::Corrupt);
}

TEST(RegistrySpec, ParsesDbPrefix) {
  EXPECT_FALSE(parse_registry_spec("rules/hip"));
  auto s = parse_registry_spec("db:reg.db:posterior_hip@approved");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->file, "reg.db");
  EXPECT_EQ(s->spec, "posterior_hip@approved");
  auto colon = parse_registry_spec("db:C:/data/reg.db:hip@1.0.0");
  ASSERT_TRUE(colon);
  EXPECT_EQ(colon->file, "C:/data/reg.db");
  EXPECT_EQ(colon->spec, "hip@1.0.0");
}

TEST(RegistrySpec, CompilesFromTheRegistry) {
  ScratchDir dir;
  const auto file = dir / "registry.db";
  {
    Registry reg(file);
    reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::approved));
  }
  CompileOutput out = compile_from_registry(*parse_registry_spec("db:" + file.string() + ":mini@approved"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out.ruleset->version(), "1.0.0");
  EXPECT_EQ(kind_of([&] { compile_from_registry({dir / "none.db", "mini@approved"}); }), StoreError::Kind::Open);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));  // looking never creates a file
  EXPECT_EQ(kind_of([&] { compile_from_registry({file, ""}); }), StoreError::Kind::Invalid);
  EXPECT_EQ(kind_of([&] { compile_from_registry({file, "other@approved"}); }), StoreError::Kind::NotFound);
}

// A spec comes from the caller (the C ABI, the command line): a huge one is shown by its start.
TEST(RegistrySpec, AHugeSpecIsQuotedShortened) {
  ScratchDir dir;
  Registry reg(dir / "registry.db");
  reg.publish(read_sources(write_ruleset(dir, "mini", "1.0.0")), as(Status::draft));
  const std::string huge(100'000, 'm');
  for (const std::string& spec : {huge, "mini@" + huge, huge + "@approved"}) {
    try {
      reg.compile(spec);
      ADD_FAILURE() << "found";
    } catch (const StoreError& e) {
      EXPECT_LT(std::string(e.what()).size(), 400u) << std::string(e.what()).substr(0, 400);
      EXPECT_NE(std::string(e.what()).find(std::string(70, 'm') + "...'"), std::string::npos) << e.what();
    }
  }
}

struct VersionCase {
  const char* a;
  const char* b;
  bool less;
};

TEST(VersionOrder, ReadsNumbersAsNumbers) {
  const VersionCase cases[] = {
      {"1.9.0", "1.10.0", true},  {"1.10.0", "1.9.0", false}, {"1.0", "1.0.1", true},
      {"1.0.0-rc1", "1.0.0", true}, {"1.0.0", "1.0.0-rc1", false}, {"1.0.0-rc1", "1.0.0-rc2", true},
      {"2", "10", true},          {"1.0.0", "1.0.0", false},  {"01.2", "1.3", true},
      {"1.0.beta", "1.0.1", true},
  };
  for (const auto& c : cases) EXPECT_EQ(version_less(c.a, c.b), c.less) << c.a << " < " << c.b;
}

}  // namespace
}  // namespace ardent::store
