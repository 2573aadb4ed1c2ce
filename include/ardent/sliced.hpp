// Triage and fired rules of many cases at once, for callers that need no more than that (a
// population screen, a registry re-run, analytics). Cases are evaluated 64 at a time, bit-sliced:
// a node's value for 64 cases is two machine words (true for these cases, false for those), so
// `and`, `or` and `not` cost one word operation for all 64. The answers are those of evaluate():
// the same triage and the same fired rules, case for case.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "ardent/case.hpp"
#include "ardent/vocabulary.hpp"

namespace ardent {

// The words of one case's fired-rule set: bit r of word r / 64 is rule (or red flag) r, in
// declaration order.
std::size_t fired_words(const Ruleset& ruleset);

// Evaluates `cases` (every one of `ruleset`, else std::invalid_argument) into `triage` (one per
// case) and `fired` (fired_words(ruleset) words per case, case after case; std::invalid_argument
// when a span is too short). Allocates working memory for 64 cases per call.
void evaluate_sliced(const Ruleset& ruleset, std::span<const Case* const> cases, std::span<Triage> triage,
                     std::span<std::uint64_t> fired);

}  // namespace ardent
