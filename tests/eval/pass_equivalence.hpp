// What the equivalence tests of the evaluator's passes share (sparse_pass_test.cpp,
// step_nodes_test.cpp): evaluating through a chosen pass, comparing two results node by node and
// as JSON, random cases, and a rule set of edge cases.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "ardent/ardent.hpp"
#include "compile/ruleset_access.hpp"
#include "eval/result_writer.hpp"

namespace ardent::test {

using internal::NodePass;
using internal::ResultWriter;

inline void evaluate_with(const Case& c, Result& r, NodePass pass) {
  const Program& p = internal::program_of(c.ruleset());
  ResultWriter::prepare(r, c, p);
  ResultWriter::compute_nodes(r, c, p, pass);
}

inline bool same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

// Rule states and warnings of the two results, then their JSON, then their node values.
inline void expect_same(const Case& c, const Result& want, const Result& got, const std::string& where) {
  const auto& a = ResultWriter::scratch(want);
  const auto& b = ResultWriter::scratch(got);
  ASSERT_TRUE(std::equal(want.rule_states().begin(), want.rule_states().end(), got.rule_states().begin(),
                         got.rule_states().end()))
      << where;
  ASSERT_EQ(want.warnings().size(), got.warnings().size()) << where;
  for (std::size_t i = 0; i < want.warnings().size(); ++i) {
    ASSERT_EQ(want.warnings()[i].owner, got.warnings()[i].owner) << where;
    ASSERT_EQ(want.warnings()[i].index, got.warnings()[i].index) << where;
  }
  const std::string a_json = format_json(c, want), b_json = format_json(c, got);
  if (a_json != b_json) {  // the place where they part, not two whole documents
    std::size_t at = 0;
    while (at < a_json.size() && at < b_json.size() && a_json[at] == b_json[at]) ++at;
    const std::size_t from = at < 200 ? 0 : at - 200;
    FAIL() << where << ": the JSON differs at byte " << at << "\n full:   " << a_json.substr(from, 400)
           << "\n other:  " << b_json.substr(from, 400);
  }
  // After the JSON, which plans the interview: a pass that leaves nodes for later has them now.
  ASSERT_EQ(a.truth, b.truth) << where;
  ASSERT_TRUE(same_doubles(a.lo, b.lo)) << where;
  ASSERT_TRUE(same_doubles(a.hi, b.hi)) << where;
}

// A random case: each finding not asked, unknown or given (a value in its range), with about
// `given_share` of them given.
inline Case random_case(const RulesetPtr& rs, std::mt19937& rng, double given_share) {
  Case c(rs);
  std::uniform_real_distribution<double> unit(0, 1);
  const auto findings = rs->findings();
  for (std::uint32_t i = 0; i < findings.size(); ++i) {
    const double roll = unit(rng);
    if (roll < given_share * 0.2) {
      c.set_unknown(i);
      continue;
    }
    if (roll >= given_share) continue;
    const FindingInfo& f = findings[i];
    switch (f.type) {
      case FindingType::boolean: c.set_bool(i, unit(rng) < 0.5); break;
      case FindingType::enumeration:
        c.set_enum(i, static_cast<std::uint32_t>(rng() % f.values.size()));
        break;
      case FindingType::number: {
        const double lo = std::isnan(f.min) ? -20 : f.min, hi = std::isnan(f.max) ? 200 : f.max;
        double v = lo + (hi - lo) * unit(rng);
        if (f.integer || unit(rng) < 0.5) v = std::round(v);
        c.set_number(i, std::clamp(v, lo, hi));
        break;
      }
      case FindingType::duration: c.set_duration(i, std::floor(unit(rng) * 100), DurationUnit::days); break;
    }
  }
  return c;
}

inline CompileOutput compile_text(const std::string& text) {
  Limits limits;
  limits.max_file_bytes = limits.max_ruleset_bytes;
  return compile_source(text, "generated.ard", limits);
}

// What the other rule sets may lack: rules decided with nothing given (presence tests, `not`,
// `at least 0`), a conjunction that wants a finding both ways (in the row pass's form), a
// division by zero that warns with nothing given, scores with negative points, arithmetic
// over intervals, `and`s and `or`s whose operands start from different truths with nothing
// given (the sparse pass waits on the one at the minimum, or maximum), and nodes that fall from
// true to unknown or rise from false to unknown (it settles an `and` at once only when it
// becomes false, an `or` only when it becomes true), and a rule's condition that another
// instruction reads too (settling it must not stop at the rule).
constexpr const char* kEdges = R"(ruleset edges version "1.0.0"
  default triage routine
finding a: bool
finding b: bool
finding c: bool
finding d: bool
finding e: one of {x, y, z}
finding n: number -10..10
finding m: number 0..10
condition k1
condition k2
define zero = 3 - 3
define always_zero_div = 6 / zero
define ratio = n / m
define both = a and not b
score s label "S":
  +2 when a
  -1 when b
  +1 when n > 2
  -3 when e is x
rule presence: a is unknown -> suggest k1, triage urgent
rule absent: not (b is known) and c is unknown -> consider k2
redflag nothing_given
  when e is unknown and n is unknown
  then triage emergency, advise "Ask something."
rule counted: at least 1 of (a is unknown, b is unknown) -> suggest k2
rule bad_div: always_zero_div > 1 -> triage self_care
rule ratio_rule: ratio >= 0.5 or s * 2 - n < 1 -> suggest k1, triage urgent
rule scores: s between -2 and 1 and not both -> exclude k1
rule en: e in {x, z} or m = 4 -> consider k2
redflag neg: -n > 3 and (a or c) -> triage urgent
rule both_ways: (a or b) and not a -> consider k1
rule waits_on_the_least: (e is unknown and d) or (d and n is unknown) -> consider k2
rule or_waits_too: d or not (c is unknown) -> consider k1
rule falls_to_unknown: (a is unknown or c) and (b is unknown or d) -> consider k2
rule rises_to_unknown: (a is known and c) or (b is known and d) -> consider k1
rule is_both: both -> consider k1
rule not_both: not both -> consider k2
)";

// A rule set its rows decide: `findings` yes/no findings and `rules` rules of two conjunctions
// each, over them and every comparison operator on a number and on a duration, each read where
// its finding is not given too. 70 and 35 take more than one word of atoms and of conjunctions;
// 20 and 40, one word of atoms and two of conjunctions.
inline std::string rows_ruleset(int findings, int rules) {
  static const char* const tests[] = {"n < 2",       "n <= -3",      "n > 4",       "n >= 0",      "n = 1",
                                      "n != 5",      "d < 3 days",   "d >= 2 weeks", "d = 7 days", "d != 1 days",
                                      "e is x",      "e in {y, z}",  "n is known",   "d is unknown"};
  static const char* const levels[] = {"self_care", "routine", "urgent", "emergency"};
  std::string s = "ruleset wide version \"1.0.0\"\nfinding n: number -10..10\nfinding d: duration\n"
                  "finding e: one of {x, y, z}\n";
  for (int i = 0; i < findings; ++i) s += "finding f" + std::to_string(i) + ": bool\n";
  for (int r = 0; r < rules; ++r) {
    s += "rule r" + std::to_string(r) + ": (f" + std::to_string(2 * r % findings) + " and " + tests[r % 14] +
         ") or (not f" + std::to_string((2 * r + 1) % findings) + " and " + tests[(r + 5) % 14] + ") -> triage " +
         levels[r % 4] + "\n";
  }
  return s;
}

}  // namespace ardent::test
