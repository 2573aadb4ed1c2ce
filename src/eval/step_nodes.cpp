// Evaluation that follows the change: an interview records one answer and evaluates again, so
// a result that still holds its last evaluation starts from those values and recomputes only
// the instructions downstream of a finding whose state or value changed since, in the
// scheduled (topological) order. A node whose inputs keep their values keeps its own, so the
// result is the full pass's, value for value.
#include <cstring>

#include "eval/changed_findings.hpp"
#include "eval/propagate.hpp"

namespace ardent {

using namespace eval;

namespace {

constexpr auto kGiven = static_cast<std::uint8_t>(FindingState::given);

// As for the sparse pass: tried only when the changed findings' leaves feed at most a quarter
// of the instructions, given up when what they reach passes half of them.
constexpr std::uint32_t kStepCost = 4;
// Below this many instructions the whole pass costs about what finding the changed findings
// does (the peer harness's rule set: 42 instructions, a whole pass of about 2,000 machine
// instructions and a comparison of its 35 findings of 300 to 500).
constexpr std::uint32_t kStepMinCode = 128;

}  // namespace

bool internal::ResultWriter::step_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p,
                                        bool forced) {
  EvalScratch& s = r.scratch_.get();
  const auto code = static_cast<std::uint32_t>(p.code.size());
  if (!s.values_valid || (!forced && code < kStepMinCode)) return false;
  const std::uint64_t limit = forced ? ~std::uint64_t{0} : code / kStepCost;
  if (changed_findings(p, s.states.data(), s.values.data(), st, val, s.given, limit) > limit) return false;

  // From here on the values move away from those the sparse pass's dirty lists describe.
  s.at_baseline = false;
  s.values_valid = false;  // until the sweep completes
  Propagation w{p, s, r.rule_states_.data(), forced ? 0xffffffffu : code / 2};
  auto give_up = [&] {
    w.abandon();
    r.warnings_.clear();  // some may come from values half updated; the next pass starts afresh
    return false;
  };

  // Every division is computed again: its warning is the evaluation's, in the full pass's order.
  for (std::uint32_t i : baseline(p).divisions)
    if (!w.queue(i)) return give_up();
  for (std::uint32_t slot : s.given)
    if (!w.set_leaves(slot, st[slot] == kGiven, val[slot])) return give_up();
  if (!w.run(r.warnings_)) return give_up();
  s.values_valid = true;
  return true;
}

}  // namespace ardent
