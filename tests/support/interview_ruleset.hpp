// The rule set of the interview tests (tests/cli/rules/interview/): two red flags, a self-care
// rule and a rule that could change the leading condition; interview.ard alone has no screen,
// the directory adds screen.ard.
//
// The screen declaration (`screen "Title"` then `ask a, b, c`) arrives in the language with the
// branch h-screen. Until it is on main, the directory does not compile, and the tests that need a
// screen skip themselves (ARDENT_SKIP_WITHOUT_SCREEN); they run as soon as it compiles.
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

// The rule set with its screen, or null while the language has no screen declaration.
inline RulesetPtr interview_ruleset_with_screen() {
  static const RulesetPtr rs = compile_path(interview_dir()).ruleset;
  return rs;
}

#define ARDENT_SKIP_WITHOUT_SCREEN(rs)                                                             \
  if (!(rs)) GTEST_SKIP() << "the screen declaration is not in the language yet (branch h-screen); " \
                             "this test runs once tests/cli/rules/interview/ compiles"

}  // namespace ardent::test
