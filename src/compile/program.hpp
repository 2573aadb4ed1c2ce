// The compiled, immutable form of a rule set.
//
// Logic is a DAG of nodes in two index spaces: boolean nodes (three-valued: 0 false,
// 1 unknown, 2 true, so `and` = min, `or` = max, `not` = 2 - x) and numeric nodes (an interval
// [lo, hi]; lo = NaN means unknown). Leaves come first, grouped by kind, so the evaluator fills
// them in tight loops; composite nodes follow in topological order and are computed by one pass
// over `code`. Every distinct predicate and sub-expression exists once, so a define used by ten
// rules is evaluated once per case.
//
// Names and texts sit in the info tables, used only when a result is rendered; the checked
// model is kept for explanations and for running the rule set's tests.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"
#include "check/model.hpp"
#include "compile/name_index.hpp"

namespace ardent {

namespace prog {

inline constexpr std::uint8_t kFalse = 0, kUnknown = 1, kTrue = 2;
inline constexpr std::uint32_t kNone = 0xffffffffu;
inline constexpr int kCmpOps = 6;  // syntax::CmpOp: Lt, Le, Gt, Ge, Eq, Ne

struct EnumAtom {
  std::uint32_t slot;
  std::uint64_t mask;  // bit i set: value i accepted
};

struct CmpAtom {  // finding <op> constant, the commonest comparison
  std::uint32_t slot;
  double constant;
};

enum class Op : std::uint8_t {
  // boolean results
  And, Or, Not, AtLeast, Compare,
  // numeric results
  Add, Sub, Mul, Div, Negate, Score,
};

inline bool is_numeric(Op op) { return op >= Op::Add; }

// One composite node. Operands by op:
//   And / Or / AtLeast: operands[a, a+n) are boolean nodes; AtLeast needs k of them true.
//   Not: boolean node a.   Compare: numeric a <sub> numeric b (sub = syntax::CmpOp).
//   Add / Sub / Mul / Div: numeric a, b (Div: k indexes div_owners).   Negate: numeric a.
//   Score: terms[a, a+n).
struct Instr {
  Op op = Op::And;
  std::uint8_t sub = 0;
  std::uint32_t out = 0;  // boolean or numeric node index
  std::uint32_t a = 0, n = 0, b = 0, k = 0;
};

// A run of instructions with the same operation (and, for and/or of at most kMaxFixedArity
// operands, the same arity), executed by one specialised loop.
inline constexpr std::uint32_t kMaxFixedArity = 4;
struct Segment {
  Op op;
  std::uint32_t arity;  // 0: operand counts vary
  std::uint32_t begin, end;
};

struct ScoreTerm {
  std::uint32_t cond;  // boolean node
  double points;
};

enum class CondKind : std::uint8_t { suggest = 0, consider = 1, exclude = 2 };

struct CondAction {
  std::uint32_t condition;
  CondKind kind;
  Strength strength;
};

struct RuleOut {
  std::int8_t triage = -1;  // highest `triage` action, -1 when none
  bool redflag = false;
  std::int32_t priority = 0;
  std::uint32_t cond_begin = 0, cond_n = 0;      // cond_actions
  std::uint32_t advice_begin = 0, advice_n = 0;  // rule_advice (text ids)
  std::uint32_t ask_begin = 0, ask_n = 0;        // rule_asks (finding slots)
};

struct Range {
  std::uint32_t begin = 0, n = 0;
};

// Compressed rows: row i is items[begin[i], begin[i+1]).
struct Csr {
  std::vector<std::uint32_t> begin, items;
  std::uint32_t size(std::uint32_t row) const { return begin[row + 1] - begin[row]; }
  const std::uint32_t* row(std::uint32_t i) const { return items.data() + begin[i]; }
};

// Calls on_bool(node) / on_num(node) for every node an instruction reads.
template <class OnBool, class OnNum>
void for_each_input(const Instr& in, const std::vector<std::uint32_t>& operands, const std::vector<ScoreTerm>& terms,
                    OnBool on_bool, OnNum on_num) {
  switch (in.op) {
    case Op::And:
    case Op::Or:
    case Op::AtLeast:
      for (std::uint32_t k = 0; k < in.n; ++k) on_bool(operands[in.a + k]);
      break;
    case Op::Not: on_bool(in.a); break;
    case Op::Score:
      for (std::uint32_t k = 0; k < in.n; ++k) on_bool(terms[in.a + k].cond);
      break;
    case Op::Negate: on_num(in.a); break;
    default:  // Compare and the binary arithmetic operators
      on_num(in.a);
      on_num(in.b);
      break;
  }
}

// The node values and rule states of a case with no finding given (every finding not asked
// or unknown give the same values), which a sparse evaluation starts from. The evaluator
// works it out once per program, with its own full pass, so it is exact by construction.
// A reader of a boolean node as the sparse pass follows it (Baseline::readers).
struct SparseReader {
  enum class Kind : std::uint8_t { rule, instr, and_op, or_op };
  static constexpr std::uint32_t kNoRule = 0xffffffffu;
  Kind kind = Kind::instr;
  std::uint32_t index = 0;  // the rule (rule), or the instruction
  std::uint32_t out = 0;    // and_op, or_op: the instruction's output node
  // and_op, or_op: when the output's one reader is a rule (a rule's condition that nothing else
  // reads, the usual case), that rule, set with it; else kNoRule.
  std::uint32_t only_rule = kNoRule;
};

// A boolean node's readers in Baseline::readers: [rise_begin, rise_end) and [fall_begin, fall_end).
struct ReaderRows {
  std::uint32_t rise_begin = 0, rise_end = 0, fall_begin = 0, fall_end = 0;
};

struct Baseline {
  std::vector<std::uint8_t> truth;
  std::vector<double> lo, hi;
  std::vector<RuleState> rules;
  std::vector<std::uint32_t> fired;     // rules fired with nothing given
  std::vector<std::uint32_t> div_warns; // instructions that divide by zero with nothing given
  std::vector<std::uint32_t> divisions; // every instruction that divides, in order
  // What the sparse pass does when boolean node n leaves its baseline value: the readers in
  // rows[n]'s rise range when n rises (F < U < T), in its fall range when it falls. A node's
  // readers are those that only a rise concerns, then those both concern, then those only a
  // fall concerns, so that the two ranges overlap:
  // - an `and` is the minimum of its operands, so when none falls it rises only if each operand
  //   at the baseline's minimum rises; it waits on one of them (read by the fewest instructions,
  //   so rarely a common finding such as age), not on each; an `or` likewise for a fall;
  // - an `and` whose operand becomes false is false at once, and so is not queued but settled
  //   (an `or` whose operand becomes true likewise), with no need to read its other operands.
  std::vector<ReaderRows> rows;
  std::vector<SparseReader> readers;
};

// Each rule's condition as an `or` of `and`s over atoms and their negations (its disjunctive
// normal form), for programs whose forms have at most 128 conjunctions in all (the peer
// harness's rule set has 41), so that a new case costs a few word operations per four atoms and
// per rule instead of a visit of every node. Atoms are the boolean leaves (atom i is leaf i)
// and, after them, the composite nodes the form leaves whole: comparisons, and nodes whose form
// would be too long. Those are computed one by one (with what they read) before the rows.
// Kleene's three-valued `and` and `or` distribute over each other and obey De Morgan's laws, so
// the form is exact.
//
// The conjunctions are the bits of one or two words: for each atom, the conjunctions that want
// it true and those that want it false, so that a case's atoms mark the conjunctions they leave
// incomplete and those they break, and a rule is decided by its conjunctions' bits.
struct Rows {
  std::vector<std::uint64_t> yes_no;   // per finding word: the yes/no findings (for every program)
  bool yes_no_in_order = false;        // yes/no leaf i reads finding i, for i < 256
  std::vector<std::uint32_t> compared; // the findings comparison atoms read, each once (for every program)
  bool usable = false;                 // false: the program is too large for rows
  std::uint32_t atom_words = 1;
  std::uint32_t conj_words = 1;        // 1 or 2
  std::vector<std::uint32_t> computed; // composite boolean nodes read as atoms composite_base + k
  std::vector<std::uint32_t> cone;     // instructions computed before the rows, in code order
  std::vector<std::uint64_t> read;     // per atom word: the atoms some conjunction reads
  // Per group of four atoms g, per kind k (0: the conjunctions wanting an atom true, 1: false,
  // 2: either) and per subset b of the four (a bit each): at ((g * 3 + k) * 16 + b) * conj_words,
  // the conjunctions wanting one of the atoms in b that way. A case's false atoms look up kind 0,
  // its true atoms kind 1 and its unknown atoms kind 2, four at a time.
  std::vector<std::uint64_t> marks;
  // Where one word holds every atom: per group of eight atoms g, per kind k (0: wanting an atom
  // true, 1: false) and per subset b of the eight, at ((g * 2 + k) * 256 + b) * conj_words, the
  // conjunctions wanting one of the atoms in b that way. Eight atoms a look-up, for the rules
  // that fire alone (fired_by_rows); empty when the atoms take more than a word.
  std::vector<std::uint64_t> byte_marks;
  std::vector<std::uint64_t> rule_conj;  // per rule, conj_words words: its conjunctions
  // Per conjunction, its rule (a rule's are consecutive) and that rule's triage (RuleOut's):
  // what a complete conjunction fires, in one load.
  struct ConjOwner {
    std::uint32_t rule;
    std::int32_t triage;
  };
  std::vector<ConjOwner> conj_owner;
};

// The interview's per-node arrays for the baseline (nothing given), which planning starts from
// when a case gives few findings: the case as planned (every finding not asked) and the arrays.
struct PlanBaseline {
  std::vector<std::uint8_t> states;
  std::vector<double> values;
  std::vector<std::uint8_t> part, num_part, distance, width;
  std::vector<std::uint64_t> bool_bits, num_bits;
};

}  // namespace prog

// Names and texts already escaped and quoted for JSON output, so rendering a result copies
// bytes instead of escaping the same strings for every case.
struct JsonTexts {
  std::string ruleset;  // {"name":...,"version":...,"hash":...}
  std::string name, version, hash;  // each quoted
  std::vector<std::string> finding_name, finding_question;
  std::vector<std::string> condition_name, condition_label, condition_advice;  // advice: arrays
  std::vector<std::string> rule_name, rule_label, rule_triage, rule_advice, rule_source;  // triage: string or null
  // Codes as arrays, in each schema of the JSON result: [0] schema 1 ({"system": "icd10",
  // "value"}), [1] schema 2 (FHIR Codings).
  std::array<std::vector<std::string>, 2> condition_codes, rule_codes;
  std::vector<std::string> advice_text;
};

class Program {
 public:
  // identity
  std::string name, version, title, hash;
  Triage default_triage = Triage::routine;

  // tables for rendering and lookup
  std::vector<FindingInfo> findings;
  std::vector<ConditionInfo> conditions;
  std::vector<RuleInfo> rules;
  std::vector<DefineInfo> defines;
  std::vector<ScoreInfo> scores;
  ScreenInfo screen;
  std::vector<std::string> advice_texts;
  prog::NameIndex finding_names, condition_names, rule_names;  // name -> slot or index
  // Each finding's type, packed: setting many findings in one call checks them in a tight loop.
  std::vector<FindingType> finding_types;
  check::Model model;
  JsonTexts json;

  // boolean leaves, by kind, in this index order
  std::vector<std::uint32_t> bool_atoms;  // slot of a bool finding
  std::vector<prog::EnumAtom> enum_atoms;
  std::vector<std::uint32_t> known_atoms, unknown_atoms;
  std::array<std::vector<prog::CmpAtom>, prog::kCmpOps> cmp_atoms;
  std::uint32_t enum_base = 0, known_base = 0, unknown_base = 0, composite_base = 0;
  std::array<std::uint32_t, prog::kCmpOps> cmp_base{};
  std::uint32_t bool_count = 0;

  // numeric leaves: finding values, then constants
  std::vector<std::uint32_t> num_findings;
  std::vector<double> constants;
  std::uint32_t const_base = 0, num_composite_base = 0, num_count = 0;

  std::vector<prog::Instr> code;  // topological; see segments
  std::vector<prog::Segment> segments;
  std::vector<std::uint32_t> operands;
  // Per operand of an `and`: 1 when it reads a finding that an earlier operand also reads, so
  // one answer may count for both (the interview's distance to firing).
  std::vector<std::uint8_t> operand_overlaps;
  std::vector<prog::ScoreTerm> terms;
  std::vector<EvalWarning> div_owners;

  // For walking the DAG: a leaf's finding slot, or a composite's instruction index.
  std::vector<std::uint32_t> bool_def, num_def;

  // rules
  std::vector<std::uint32_t> rule_root;  // boolean node of each rule's condition
  std::vector<prog::RuleOut> rule_out;
  std::vector<prog::CondAction> cond_actions;
  std::vector<std::uint32_t> rule_advice, rule_asks;
  std::vector<std::uint32_t> redflag_order;  // red flags: most urgent first, then declaration
  std::vector<std::uint32_t> advice_order;   // other rules: priority high first, then declaration
  std::vector<prog::Range> condition_advice; // per condition, into condition_advice_ids
  std::vector<std::uint32_t> condition_advice_ids;
  std::uint32_t missing_capacity = 0;        // sum over rules of the distinct findings they read
  // Words of a per-node bit set of findings (ask-next); 0 when there are too many findings for
  // that and the evaluator walks each undecided rule instead.
  std::uint32_t mask_words = 0;

  // Reverse edges, so that an evaluation can start from the given findings and compute only
  // the nodes they reach (the rest keep their Baseline value).
  prog::Csr slot_bool_leaves, slot_num_leaves;  // per finding slot: the leaves that read it
  prog::Csr bool_users, num_users;              // per node: the instructions that read it
  prog::Csr bool_rules;                         // per boolean node: the rules it is the condition of
  std::vector<std::uint32_t> slot_fanout;       // per finding slot: instructions reading its leaves
  std::vector<std::uint32_t> outcome_rank;      // per rule: its place in redflag_order or advice_order

  // Built by the evaluator on first use (eval::baseline), shared by every thread.
  mutable std::once_flag baseline_once;
  mutable prog::Baseline baseline;
  mutable std::once_flag rows_once;  // built by the evaluator on first use (eval::rule_rows)
  mutable std::atomic<bool> rows_built{false};
  mutable prog::Rows rows;
  mutable std::once_flag plan_baseline_once;  // built by the interview's planning on first use
  mutable prog::PlanBaseline plan_baseline;
};

}  // namespace ardent
