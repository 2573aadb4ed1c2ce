// What a rule concludes about conditions, read back from the rule's source text.
//
// The public API describes a rule's triage and advice but not its `suggest` / `consider` /
// `exclude` actions, which `why CONDITION` and `whynot CONDITION` need. The action list of a
// rule is simple enough (docs/language.md §10) to be read from RuleInfo::source reliably:
// after `then` or the arrow, each of those keywords is followed by the condition's name.
#pragma once

#include <string>
#include <vector>

#include "ardent/result.hpp"

namespace ardent::cli::repl {

struct Conclusion {
  std::string condition;
  ConditionStatus status = ConditionStatus::considered;
};

std::vector<Conclusion> conclusions(const RuleInfo& rule);

}  // namespace ardent::cli::repl
