// The rule set of the interview tests (tests/cli/rules/interview/): two red flags, a self-care
// rule and a rule that could change the leading condition; interview.ard alone has no screen,
// the directory adds screen.ard.
#pragma once

#include <filesystem>

#include <gtest/gtest.h>

#include "ardent/ardent.hpp"

namespace ardent::test {

inline std::filesystem::path interview_dir() {
  return std::filesystem::path(ARDENT_SOURCE_DIR) / "tests" / "cli" / "rules" / "interview";
}

// The rule set without a screen; a failure to compile fails the test.
inline RulesetPtr interview_ruleset() {
  static const RulesetPtr rs = [] {
    CompileOutput out = compile_path(interview_dir() / "interview.ard");
    EXPECT_TRUE(out.ok()) << format(out.diagnostics);
    return out.ruleset;
  }();
  return rs;
}

// The rule set with its screen (the whole directory); a failure to compile fails the test.
inline RulesetPtr interview_ruleset_with_screen() {
  static const RulesetPtr rs = [] {
    CompileOutput out = compile_path(interview_dir());
    EXPECT_TRUE(out.ok()) << format(out.diagnostics);
    return out.ruleset;
  }();
  return rs;
}

}  // namespace ardent::test
