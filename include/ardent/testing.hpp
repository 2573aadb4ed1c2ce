// Running the `test` blocks written inside a rule set (docs/language.md §14), with rule coverage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ardent/ruleset.hpp"

namespace ardent {

struct TestFailure {
  std::string expectation;  // as written: "suggest deep_rotator_overload", "triage urgent"
  std::string actual;       // what came out: "deep_rotator_overload was considered, not suggested"
  std::string explanation;  // why, from the explanations of the rules involved (may be several lines)
  SourceLocation location;  // of the expectation (or of the refused `given` value)
};

struct TestOutcome {
  std::string name;
  SourceLocation location;
  std::vector<TestFailure> failures;
  bool passed() const { return failures.empty(); }
};

struct TestReport {
  std::vector<TestOutcome> tests;  // in declaration order
  // Per rule (Ruleset::rules() order, red flags included): the number of tests it fired in.
  std::vector<std::uint32_t> rule_hits;

  std::size_t passed() const;
  std::size_t failed() const;
  bool ok() const { return failed() == 0; }
  std::size_t rules_covered() const;          // rules and red flags fired by at least one test
  std::vector<std::uint32_t> uncovered() const;  // rule indices never fired by a test
};

// Builds each test's case from its `given` values, evaluates it and checks every expectation.
// Never throws for a rule set produced by compile_*.
TestReport run_tests(const RulesetPtr& ruleset);

}  // namespace ardent
