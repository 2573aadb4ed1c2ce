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

// One finding's values for every case, as a column of a table holds them.
struct Column {
  std::uint32_t finding = 0;                // the finding's slot
  const double* values = nullptr;           // one per case: yes/no as 0 or 1 (any other number is
                                            // yes), a number, an enum value's index, days
  const std::uint8_t* states = nullptr;     // one FindingState per case; nullptr: every value given
};

// The same for cases held as columns (a finding without a column is not asked in any case):
// the leaves are read from contiguous arrays, with no case built. Every given value is checked
// as the single setters check it; a refusal throws InputError, its message starting with the
// column and case ("columns[2], case 17: ..."), before anything is written. A finding given
// two columns, or a slot out of range, is refused the same way.
void evaluate_sliced(const Ruleset& ruleset, std::span<const Column> columns, std::size_t count,
                     std::span<Triage> triage, std::span<std::uint64_t> fired);

// The checks evaluate_sliced() makes of columns, alone (to check a table once and evaluate it
// in parts, each part's columns starting further on).
void check_columns(const Ruleset& ruleset, std::span<const Column> columns, std::size_t count);

// One yes/no finding's answers for every case as bit sets, as packed boolean columns hold them
// (numpy.packbits(..., bitorder="little"), Arrow's value and validity bitmaps): bit j % 64 of
// word j / 64 is case j. A yes counts only where the case answered, as Arrow ignores the value
// under a null.
struct BitColumn {
  std::uint32_t finding = 0;             // the slot of a yes/no finding
  const std::uint64_t* yes = nullptr;    // the cases that answered yes
  const std::uint64_t* given = nullptr;  // the cases that answered; nullptr: every case did
};

// The same with yes/no findings as bit sets, which go into the evaluation a word (64 cases) at
// a time and need no checking, beside columns of other values. A finding may appear in one of
// either; a bit column of a finding that is not yes/no is refused (InputError, its message
// starting with "bit_columns[k]: ").
void evaluate_sliced(const Ruleset& ruleset, std::span<const BitColumn> bit_columns, std::span<const Column> columns,
                     std::size_t count, std::span<Triage> triage, std::span<std::uint64_t> fired);
void check_columns(const Ruleset& ruleset, std::span<const BitColumn> bit_columns, std::span<const Column> columns,
                   std::size_t count);

// One case as bit sets over the findings, the way a packed row holds yes/no answers: bit i % 64
// of word i / 64 is finding i, (findings + 63) / 64 words each (more words must be 0). Its other
// findings come as values, one per finding given, as a Column holds them.
struct CaseBits {
  std::span<const std::uint64_t> given;           // yes/no findings answered
  std::span<const std::uint64_t> yes;             // those answered yes (counted only where given)
  std::span<const std::uint32_t> value_findings;  // the other findings given (or yes/no ones), by slot
  std::span<const double> values;                 // their values: a number, an enum value's index, days
};

// Its triage and fired rules (fired_words(ruleset) words), the same as evaluate() gives, without
// a Case or a Result: for callers that hold answers as bits and need no more than that. The
// input is checked first: a given bit of a finding that is not yes/no, or past the last finding,
// and each value as the single setters check it (InputError, its message starting with "given
// bit 7: " or "values[2]: "); a finding given twice is refused; std::invalid_argument for spans
// too short.
Triage evaluate_bits(const Ruleset& ruleset, const CaseBits& c, std::span<std::uint64_t> fired);

}  // namespace ardent
