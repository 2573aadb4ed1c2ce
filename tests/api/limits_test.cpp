// The most rule text a compile reads (ardent/limits.hpp): a file over max_file_bytes, or the file
// that takes a rule set over max_ruleset_bytes, is an error with code "limit", found from the
// file's size before it is read; the rule set keeps the limits for its cases.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ardent/ardent.hpp"
#include "support/scratch_dir.hpp"

namespace ardent::test {
namespace {

namespace fs = std::filesystem;

const std::string kSmall = "ruleset small version \"1.0.0\"\nfinding fever: bool\n  label \"Fever\"\n";


void expect_limit(const CompileOutput& out, const std::string& message) {
  EXPECT_FALSE(out.ok());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "limit");
  EXPECT_EQ(out.diagnostics[0].message, message);
}

TEST(Limits, ARuleFileOfExactlyTheLimitCompilesAndOneByteMoreDoesNot) {
  Limits limits;
  limits.max_file_bytes = kSmall.size();
  EXPECT_TRUE(compile_source(kSmall, "small.ard", limits).ok());
  expect_limit(compile_source(kSmall + "\n", "small.ard", limits),
               "'small.ard' is " + std::to_string(kSmall.size() + 1) + " bytes: a rule file may be at most " +
                   std::to_string(kSmall.size()) + " bytes (the limit max_file_bytes)");
}

TEST(Limits, TheFileThatTakesARuleSetOverItsLimitIsNamed) {
  Limits limits;
  limits.max_ruleset_bytes = kSmall.size() + 20;
  const std::string more = "condition flu\n  label \"Flu\"\n";  // 28 bytes
  // In path order, as they are read from disk: b.ard comes second, whatever the order given.
  expect_limit(compile_sources({{"b.ard", more}, {"a.ard", kSmall}}, limits),
               "'b.ard' takes the rule set to " + std::to_string(kSmall.size() + more.size()) +
                   " bytes: a rule set may be at most " + std::to_string(kSmall.size() + 20) +
                   " bytes in all (the limit max_ruleset_bytes)");
  limits.max_ruleset_bytes = kSmall.size() + more.size();
  EXPECT_TRUE(compile_sources({{"b.ard", more}, {"a.ard", kSmall}}, limits).ok());
}

// A 4 GiB file (sparse: it takes no room on disk) is refused by its size; reading it would take
// 4 GiB of memory.
TEST(Limits, AFileOnDiskIsMeasuredBeforeItIsRead) {
  ScratchDir dir;
  std::ofstream(dir.path() / "a.ard") << kSmall;
  std::ofstream(dir.path() / "huge.ard").close();
  fs::resize_file(dir.path() / "huge.ard", std::uintmax_t{4} << 30);
  const std::string huge = (dir.path() / "huge.ard").generic_string();
  expect_limit(compile_path(dir.path()),
               "'" + huge + "' is 4294967296 bytes: a rule file may be at most 1048576 bytes (the limit max_file_bytes)");
  expect_limit(compile_path(dir.path() / "huge.ard"),
               "'" + huge + "' is 4294967296 bytes: a rule file may be at most 1048576 bytes (the limit max_file_bytes)");
}

TEST(Limits, OnDiskTheRuleSetLimitCountsEveryFile) {
  ScratchDir dir;
  std::ofstream(dir.path() / "a.ard") << kSmall;
  std::ofstream(dir.path() / "b.ard") << "condition flu\n  label \"Flu\"\n";
  Limits limits;
  limits.max_ruleset_bytes = kSmall.size() + 27;
  const CompileOutput out = compile_path(dir.path(), limits);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "limit");
  EXPECT_EQ(out.diagnostics[0].file, (dir.path() / "b.ard").generic_string());
  limits.max_ruleset_bytes += 1;
  EXPECT_TRUE(compile_path(dir.path(), limits).ok());
}

TEST(Limits, TheRuleSetKeepsItsLimitsForItsCases) {
  Limits limits;
  limits.max_case_bytes = 15;
  const CompileOutput out = compile_source(kSmall, "small.ard", limits);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(out.ruleset->limits().max_case_bytes, 15u);
  Case c(out.ruleset);
  c.set_json(R"({"fever": true})");
  EXPECT_THROW(c.set_json(R"({"fever": false})"), InputError);
  EXPECT_EQ(compile_source(kSmall).ruleset->limits().max_case_bytes, Limits{}.max_case_bytes);
}

}  // namespace
}  // namespace ardent::test
