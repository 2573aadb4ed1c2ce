// The evaluator's access to a Result's storage (Result declares ResultWriter its friend).
#pragma once

#include <algorithm>

#include "ardent/result.hpp"
#include "compile/program.hpp"
#include "eval/scratch.hpp"

namespace ardent::internal {

// Mark arrays hold the epoch of their last use, so clearing them costs nothing; on wrap-around
// they are cleared for real.
inline std::uint32_t next_epoch(EvalScratch& s) {
  if (++s.epoch == 0) {
    for (auto* v : {&s.text_mark, &s.bool_mark, &s.bool_fmark, &s.num_mark, &s.finding_mark, &s.lower_mark, &s.guard_mark})
      std::fill(v->begin(), v->end(), 0u);
    s.epoch = 1;
  }
  return s.epoch;
}

// Division-by-zero warnings, each owner once, in the order first met.
inline void add_warning(std::vector<EvalWarning>& warnings, const EvalWarning& w) {
  for (const auto& e : warnings)
    if (e.owner == w.owner && e.index == w.index) return;
  warnings.push_back(w);
}

// The node values and rule states of a case with nothing given, worked out on first use.
const prog::Baseline& baseline(const Program& p);
// Each rule's disjunctive normal form, worked out on first use.
const prog::Rows& rule_rows(const Program& p);

// How compute_nodes works: every node (full), only what the given findings reach from the
// baseline (sparse), only what the findings changed since the result's last evaluation reach
// (step), the rule states from their rows and the other nodes when first read (rows), or
// whichever is cheaper for the case (automatic). All give the same values.
enum class NodePass { automatic, full, sparse, step, rows };

struct ResultWriter {
  // Sizes the result's buffers for `p`; a no-op when the result was last used with `p`.
  static void prepare(Result& r, const Case& c, const Program& p);
  // Node values of the three-valued pass.
  static void compute_nodes(Result& r, const Case& c, const Program& p, NodePass pass = NodePass::automatic);
  // The sparse pass: false when it gave up (the case reaches too much of the program, unless
  // `forced`), leaving the full pass to do the work.
  static bool sparse_nodes(Result& r, const Case& c, const Program& p, bool forced);
  // The step pass: false when the result holds no complete evaluation of this program, or when
  // the change reaches too much of it (unless `forced`), leaving the other passes to do the work.
  static bool step_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p, bool forced);
  // The row pass: rule states, the fired rules and the warnings, leaving the nodes the rows do
  // not need pending.
  static void row_nodes(Result& r, const std::uint8_t* st, const double* val, const Program& p);
  // The pending nodes of the last evaluation (after the row pass), from its snapshot of the case.
  static void settle_nodes(const Result& r, const Program& p);
  // The case's own warnings (from reading its input), before the evaluation's.
  static void add_case_warnings(Result& r, const Case& c) {
    if (!c.warnings().empty()) r.warnings_.insert(r.warnings_.begin(), c.warnings().begin(), c.warnings().end());
  }
  // Triage, red flags, conditions, advice, from the rule states (Result::conclude calls it on
  // first use).
  static void conclude(const Result& r, const Program& p);
  static void gather_advice(const Result& r, const Program& p);
  // Undecided rules with their missing findings, and the ask-next ranking, from the snapshot
  // of the case taken by compute_nodes (Result::plan_questions calls it on first use).
  static void plan_questions(const Result& r, const Program& p);
  // Result::could_decide's lists, on first use after plan_questions.
  static void list_could_decide(const Result& r);

  static const EvalScratch& scratch(const Result& r) { return r.scratch_.get(); }
  // Makes the next evaluation start afresh, as for another patient (the benchmarks measure it).
  static void forget_evaluation(Result& r) {
    auto& s = r.scratch_.get();
    s.values_valid = s.plan_valid = false;
  }
};

}  // namespace ardent::internal
