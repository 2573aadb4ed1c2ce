// One case given as bit sets (CaseBits): its triage and fired rules. Where the program has rows
// whose atoms are all leaves, the atoms' truths are read straight from the bits and values and
// the rows decide the rules: no case, no result, no node computed. Elsewhere the case goes
// through the bit-sliced evaluator as a table of one row. Both check the input first, alike.
#include <cmath>
#include <string>
#include <vector>

#include "ardent/sliced.hpp"
#include "compile/ruleset_access.hpp"
#include "eval/case_values.hpp"
#include "eval/logic.hpp"
#include "eval/result_writer.hpp"
#include "eval/rows.hpp"

namespace ardent {

using namespace eval;
using internal::program_of;

namespace {

constexpr std::size_t kMaxStackFindings = 256;  // the values of larger rule sets go on the heap

bool has(const std::uint64_t* bits, std::uint32_t i) { return (bits[i / 64] >> (i % 64)) & 1u; }
void put(std::uint64_t* bits, std::uint32_t i) { bits[i / 64] |= std::uint64_t{1} << (i % 64); }

[[noreturn]] void refuse_value(const InputError& e, std::size_t k) {
  throw InputError(e.kind(), e.finding(), "values[" + std::to_string(k) + "]: " + e.what());
}

// The bits: only yes/no findings, and none past the last finding.
void check_bits(const Program& p, const prog::Rows& rows, const CaseBits& c, std::size_t words) {
  if (c.given.size() < words || c.yes.size() < words)
    throw std::invalid_argument("evaluate_bits: fewer than " + std::to_string(words) +
                                " words of given or yes bits (one bit per finding)");
  for (std::size_t w = 0; w < c.given.size(); ++w) {
    const std::uint64_t stray = c.given[w] & ~(w < words ? rows.yes_no[w] : 0);
    if (stray == 0) continue;
    const std::size_t i = w * 64 + static_cast<unsigned>(__builtin_ctzll(stray));
    if (i >= p.findings.size())
      throw InputError(InputError::Kind::OutOfRange, "",
                       "given bit " + std::to_string(i) + ": the rule set has " + std::to_string(p.findings.size()) +
                           " findings");
    const std::string& name = p.findings[i].name;
    throw InputError(InputError::Kind::WrongType, name,
                     "given bit " + std::to_string(i) + ": finding '" + name +
                         "' is not a yes/no finding; give its value in values");
  }
}

// The values, checked, into `value` by slot; their findings into `given` (and `yes` for a yes/no
// finding given as a number other than 0).
void read_values(const Program& p, const CaseBits& c, double* value, std::uint64_t* given, std::uint64_t* yes) {
  if (c.value_findings.size() != c.values.size())
    throw std::invalid_argument("evaluate_bits: " + std::to_string(c.value_findings.size()) + " findings with " +
                                std::to_string(c.values.size()) + " values");
  for (std::size_t k = 0; k < c.values.size(); ++k) {
    const std::uint32_t slot = c.value_findings[k];
    try {
      const FindingInfo& f = finding_at(p, slot);
      if (has(given, slot)) given_twice(f);
      check_column_value(f, c.values[k]);
    } catch (const InputError& e) {
      refuse_value(e, k);
    }
    value[slot] = c.values[k];
    put(given, slot);
    if (c.values[k] != 0) put(yes, slot);
  }
}

// Where leaf_atoms() reads a case given as bits.
struct BitsSource {
  const std::uint64_t* given_bits;
  const std::uint64_t* yes_bits;
  const double* values;  // NaN where not given
  bool given(std::uint32_t slot) const { return has(given_bits, slot); }
  bool yes(std::uint32_t slot) const { return has(yes_bits, slot); }
  double number(std::uint32_t slot) const { return values[slot]; }
  std::uint32_t enum_index(std::uint32_t slot) const {
    return given(slot) ? static_cast<std::uint32_t>(values[slot]) : 0;
  }
  void yes_no_words(std::uint32_t w, std::uint32_t, std::uint64_t& y, std::uint64_t& n) const {
    y = given_bits[w] & yes_bits[w];
    n = given_bits[w] & ~yes_bits[w];
  }
};

Triage by_rows(const Program& p, const prog::Rows& rows, const std::uint64_t* given, const std::uint64_t* yes,
               const double* value, std::span<std::uint64_t> fired) {
  std::vector<std::uint64_t> heap;
  std::uint64_t stack[8];
  std::uint64_t* atoms = rows.atom_words <= 4 ? stack : (heap.resize(rows.atom_words * 2), heap.data());
  std::fill(atoms, atoms + rows.atom_words * 2, 0);
  leaf_atoms(p, rows, BitsSource{given, yes, value}, atoms, atoms + rows.atom_words);
  int best = -1;
  fired_by_rows(rows, atoms, atoms + rows.atom_words, [&](std::uint32_t rule, int triage) {
    fired[rule / 64] |= std::uint64_t{1} << (rule % 64);
    best = std::max(best, triage);
  });
  return best < 0 ? p.default_triage : static_cast<Triage>(best);
}

// The case as a table of one row, for the bit-sliced evaluator.
Triage by_slices(const Ruleset& ruleset, const Program& p, const std::uint64_t* given, const std::uint64_t* yes,
                 const double* value, std::span<std::uint64_t> fired) {
  const auto n = static_cast<std::uint32_t>(p.findings.size());
  std::vector<std::uint64_t> lanes(2 * std::size_t(n));  // per finding: yes, given (bit 0: the case)
  std::vector<BitColumn> bits;
  std::vector<Column> columns;
  for (std::uint32_t slot = 0; slot < n; ++slot) {
    if (!has(given, slot)) continue;
    if (p.finding_types[slot] == FindingType::boolean) {
      lanes[2 * slot] = has(yes, slot);
      lanes[2 * slot + 1] = 1;
      bits.push_back({slot, &lanes[2 * slot], &lanes[2 * slot + 1]});
    } else {
      columns.push_back({slot, value + slot, nullptr});
    }
  }
  Triage triage = p.default_triage;
  evaluate_sliced(ruleset, bits, columns, 1, {&triage, 1}, fired);
  return triage;
}

}  // namespace

Triage evaluate_bits(const Ruleset& ruleset, const CaseBits& c, std::span<std::uint64_t> fired) {
  const Program& p = program_of(ruleset);
  const prog::Rows& rows = internal::rule_rows(p);
  const std::size_t words = (p.findings.size() + 63) / 64, rule_words = (p.rule_root.size() + 63) / 64;
  if (fired.size() < rule_words)
    throw std::invalid_argument("evaluate_bits: fewer than " + std::to_string(rule_words) + " words for the fired rules");
  check_bits(p, rows, c, words);

  // The findings given and their values, yes/no answers from the bits, the others from values.
  std::vector<std::uint64_t> heap_bits;
  std::uint64_t stack_bits[8];
  std::uint64_t* given = words <= 4 ? stack_bits : (heap_bits.resize(words * 2), heap_bits.data());
  std::uint64_t* yes = given + words;
  for (std::size_t w = 0; w < words; ++w) {
    given[w] = c.given[w];
    yes[w] = c.yes[w] & c.given[w];  // a yes counts only where the case answered
  }
  std::vector<double> heap_values;
  double stack_values[kMaxStackFindings];
  double* value = p.findings.size() <= kMaxStackFindings ? stack_values
                                                        : (heap_values.resize(p.findings.size()), heap_values.data());
  for (std::uint32_t slot : rows.compared) value[slot] = kNaN;  // the others are read only where given
  read_values(p, c, value, given, yes);

  std::fill(fired.begin(), fired.begin() + static_cast<std::ptrdiff_t>(rule_words), std::uint64_t{0});
  if (rows.usable && rows.cone.empty()) return by_rows(p, rows, given, yes, value, fired);
  return by_slices(ruleset, p, given, yes, value, fired);
}

}  // namespace ardent
