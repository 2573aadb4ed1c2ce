// The REPL's live triage line and what changed since the previous one.
//
// A snapshot holds names rather than indices so that it can be compared across a `reload`,
// where the indices of the new rule set may differ.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ardent/result.hpp"
#include "cli/style.hpp"

namespace ardent::cli::repl {

struct Snapshot {
  struct Fired {
    std::string name;
    bool redflag = false;
    std::optional<Triage> triage;
  };
  struct Concluded {
    std::string name;
    ConditionStatus status = ConditionStatus::considered;
    Strength strength = Strength::none;
  };
  Triage triage = Triage::routine;
  bool triage_is_default = true;
  std::vector<std::string> red_flags;   // most urgent first
  std::vector<Concluded> conditions;    // in the result's order
  std::vector<Fired> fired;             // fired rules and red flags, declaration order
};

Snapshot snapshot(const Ruleset& rules, const Result& r);

// "triage urgent | red flag X | suggest a (likely) | consider b +2 more".
std::string status_line(const Snapshot& s, const Style& style);

// "triage routine -> urgent (redflag X)", "+ redflag X", "- consider c", ...; empty when
// nothing changed.
std::vector<std::string> changes(const Snapshot& before, const Snapshot& after, const Style& style);

// "suggest", "consider", "exclude": the action word for a status.
std::string_view action_word(ConditionStatus s);

}  // namespace ardent::cli::repl
