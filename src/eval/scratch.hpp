// The evaluator's working memory, kept in a Result so that evaluating again allocates nothing.
#pragma once

#include <cstdint>
#include <vector>

namespace ardent {
class Program;
}

namespace ardent::internal {

// A list with room for the most items it can ever hold, so that the sparse pass writes it
// through a cursor kept in a register: a push_back reloads the vector's end after each byte
// stored elsewhere, since a byte store may alias anything.
struct IndexList {
  std::vector<std::uint32_t> room;
  std::uint32_t size = 0;
  void make_room(std::size_t n) {
    room.assign(n, 0);
    size = 0;
  }
  void clear() { size = 0; }
  std::uint32_t* cursor() { return room.data() + size; }  // where the next item goes
  const std::uint32_t* begin() const { return room.data(); }
  const std::uint32_t* end() const { return room.data() + size; }
  void push_back(std::uint32_t v) { room[size++] = v; }
};

struct EvalScratch {
  const Program* sized_for = nullptr;       // the program the buffers below are sized for
  std::vector<std::uint8_t> states;         // the case's finding states when evaluated
  std::vector<double> values;               // and their values (meaningful where given)
  std::vector<std::uint64_t> touched;       // the blocks of both that the case had touched (Case::touched_)
  // truth, lo, hi and the rule states are those of `states` and `values` for every node: an
  // evaluation may start from them and recompute only what the changed findings reach
  // (step_nodes.cpp).
  bool values_valid = false;
  // After the row pass: the rule states are the case's, but not every node value is yet.
  bool nodes_pending = false;
  std::vector<std::uint64_t> atom_yes, atom_no;  // the row pass's atoms: true, false
  // The interview's per-node arrays (part, num_part, distance, width, bool_bits, num_bits) are
  // those of plan_states and plan_values, the case as it was when they were last planned, whose
  // node values were plan_truth, plan_lo and plan_hi.
  bool plan_valid = false;
  std::vector<std::uint8_t> plan_states;
  std::vector<double> plan_values;
  std::vector<std::uint8_t> plan_truth;
  std::vector<double> plan_lo, plan_hi;
  std::vector<std::uint8_t> truth;          // one per boolean node
  std::vector<double> lo, hi;               // one per numeric node (NaN = unknown)
  std::vector<std::uint8_t> cond_flags;     // per condition
  std::vector<std::uint8_t> cond_strength;
  std::vector<std::int32_t> cond_priority[3];
  std::vector<std::uint8_t> ask_why;                                  // per finding
  std::vector<std::uint32_t> ask_rules, ask_fill, finding_mark, focus;  // per finding
  std::vector<std::uint64_t> ask_keys, ask_best;                       // per finding
  std::vector<std::uint32_t> bool_mark, bool_fmark, num_mark, stack;
  std::vector<std::uint32_t> lower_mark;              // per finding (interview guards)
  std::vector<std::uint32_t> guard_mark, guard_stack;  // per boolean node (interview guards)
  std::vector<std::uint8_t> part, num_part;  // per node: true parts (interview)
  std::vector<std::uint8_t> distance;        // per boolean node: positive answers still needed
  std::vector<std::uint8_t> width;           // per boolean node: not-asked findings below (about)
  std::vector<std::uint64_t> bool_bits, num_bits;  // per node: findings it waits for
  std::vector<std::uint32_t> text_mark;     // per advice text
  std::uint32_t epoch = 0;
  // Sparse evaluation (sparse_nodes.cpp): when at_baseline, truth, lo, hi and the rule states
  // equal the program's baseline except at the nodes and rules listed as dirty.
  bool at_baseline = false;
  IndexList dirty_bool, dirty_num, dirty_rules;  // each node and rule changes once in a pass
  IndexList fired_now;                            // rules fired that were not in the baseline
  std::vector<std::uint32_t> given;             // the case's given findings
  std::vector<std::uint32_t> settle;            // per boolean node: the sparse pass's stack of changes
  std::vector<std::uint64_t> queued;            // bit per instruction: to compute (all 0 between passes)
  bool fired_valid = false;                     // `fired` lists the fired rules (any order)
  std::vector<std::uint32_t> fired;
  std::vector<std::uint32_t> fired_other;       // conclude: fired rules that are not red flags, in advice order
  std::vector<std::uint32_t> cond_touched;      // conclude: conditions with an action
};

}  // namespace ardent::internal
