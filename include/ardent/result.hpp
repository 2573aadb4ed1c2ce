// The outcome of evaluating one Case against a rule set (docs/language.md §13; as JSON,
// docs/result-schema.md).
//
// A Result refers to rules, conditions, findings and advice texts by index; names and texts
// live in the Ruleset and are looked up only when a result is rendered (see format.hpp).
// Reuse one Result per thread: once it has been used with a rule set, evaluating again with
// the same rule set allocates nothing.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/ruleset.hpp"

namespace ardent {

// Same numeric order as the three logical values: false < unknown < true.
enum class RuleState : std::uint8_t { not_fired = 0, undecided = 1, fired = 2 };
std::string_view to_string(RuleState s);  // "not_fired", "undecided", "fired"

// Listing order: suggested, then considered, then excluded.
enum class ConditionStatus : std::uint8_t { suggested = 0, considered = 1, excluded = 2 };
std::string_view to_string(ConditionStatus s);  // "suggested", "considered", "excluded"

// Strength of a suggestion. Several fired suggestions combine to the strongest:
// likely > none (a plain `suggest`) > possible.
enum class Strength : std::uint8_t { none = 0, likely = 1, possible = 2 };
std::string_view to_string(Strength s);  // "", "likely", "possible"

struct ConditionOutcome {
  std::uint32_t condition = 0;
  ConditionStatus status = ConditionStatus::considered;
  Strength strength = Strength::none;  // meaningful for suggested conditions only
  std::int32_t priority = 0;           // highest priority among the fired rules that concluded it
};

// Where an undecided rule stands in the interview (docs/interview.md): whether it drives
// questions, and if not, why not.
enum class Standing : std::uint8_t {
  no_true_part = 0,   // nothing in it holds yet, so it asks nothing ("no fishing")
  raises = 1,         // it could add a red flag or raise the triage: its findings are asked
  lowers = 2,         // it could lower the triage below the default (a self-care rule)
  decides_condition = 3,  // it could change the leading condition
  nothing_to_ask = 4, // it has a true part, but what could complete it was answered unknown
  no_change = 5,      // it has a true part, but firing would change neither the triage, the
                      // red flags nor the leading condition
  distant = 6,        // it has a true part, but needs more positive answers than the
                      // interview chases (docs/interview.md)
};
std::string_view to_string(Standing s);  // "no_true_part", "raises", "lowers", ...

struct UndecidedRule {
  std::uint32_t rule = 0;
  std::uint32_t missing_begin = 0, missing_count = 0;  // see Result::missing()
  Standing standing = Standing::no_true_part;
};

// Why a finding is asked (`ask_next` in docs/result-schema.md). `refines` is no longer
// produced: a finding that could change nothing that matters is not asked.
enum class AskReason : std::uint8_t {
  red_flag = 0,       // completes an undecided red flag that already has a true part
  requested = 1,      // a fired rule asks for it (`ask F`)
  raises_triage = 2,  // completes a plain rule that would raise the triage
  refines = 3,
  screen = 4,         // on the rule set's screen, not yet answered
  lowers_triage = 5,  // could let a self-care rule lower the triage below the default
  decides_condition = 6,  // could change the leading condition
};
std::string_view to_string(AskReason r);  // "red_flag", "requested", "raises_triage", ...

struct AskItem {
  std::uint32_t finding = 0;
  AskReason reason = AskReason::screen;
  std::uint32_t decide_begin = 0, decide_count = 0;  // see Result::could_decide()
};

namespace internal {
struct EvalScratch;   // the evaluator's working memory (src/eval)
struct ResultWriter;  // the evaluator, the one writer of a Result
}  // namespace internal

class Result {
 public:
  // The triage, red flags, conditions and advice are worked out from the rule states on the
  // first read of any of them after an evaluation, so that a caller who reads only rule states
  // pays nothing for them; like the interview below, this completes the result, which is why a
  // Result belongs to one thread at a time even for reading.

  // The most urgent triage of the fired rules and red flags, else the rule set's default.
  Triage triage() const {
    if (!concluded_) conclude();
    return triage_;
  }
  bool triage_is_default() const {
    if (!concluded_) conclude();
    return triage_is_default_;
  }

  // Fired red flags (rule indices): most urgent first, then declaration order.
  std::span<const std::uint32_t> red_flags() const {
    if (!concluded_) conclude();
    return red_flags_;
  }
  // Concluded conditions: suggested, considered, excluded; within a status by priority, then
  // declaration order.
  std::span<const ConditionOutcome> conditions() const {
    if (!concluded_) conclude();
    return conditions_;
  }
  // Advice text ids (Ruleset::advice_text): fired red flags, fired rules, suggested conditions;
  // each text once.
  std::span<const std::uint32_t> advice() const {
    if (!concluded_) conclude();
    return advice_;
  }
  // Undecided rules and red flags in declaration order, each with the not-asked findings that
  // could still decide it. This and ask_next() are worked out on first use after an evaluation
  // (from a snapshot taken then, so later changes to the case do not matter), without
  // allocating once the result has been used with the rule set.
  std::span<const UndecidedRule> undecided() const {
    if (!questions_ready_) plan_questions();
    return undecided_;
  }
  std::span<const std::uint32_t> missing(const UndecidedRule& u) const {
    return std::span<const std::uint32_t>(missing_).subspan(u.missing_begin, u.missing_count);
  }
  // Not-asked findings worth asking next, best first (`ask_next` in docs/result-schema.md).
  std::span<const AskItem> ask_next() const {
    if (!questions_ready_) plan_questions();
    return ask_next_;
  }
  // The undecided rules a question could decide, in declaration order (listed on first use).
  std::span<const std::uint32_t> could_decide(const AskItem& a) const {
    if (!decide_ready_) list_could_decide();
    return std::span<const std::uint32_t>(could_decide_).subspan(a.decide_begin, a.decide_count);
  }
  // The interview (docs/interview.md) is complete when every screen question is answered
  // (given or unknown) and no not-asked finding could still raise the triage, add a red flag,
  // lower the triage or change the leading condition: exactly when ask_next() is empty.
  bool complete() const {
    if (!questions_ready_) plan_questions();
    return complete_;
  }
  // While the interview is incomplete, the triage is provisional: questions not asked yet could
  // still change it. When self-care may be concluded is the rule set's decision (its screen gate);
  // the interview asks what could still forbid self-care before what concludes it.
  bool provisional() const { return !complete(); }

  // Problems met while reading the case (its warnings(), first) and while evaluating it
  // (division by zero, each expression once).
  std::span<const EvalWarning> warnings() const { return warnings_; }

  RuleState rule_state(std::uint32_t rule) const { return rule_states_[rule]; }
  std::span<const RuleState> rule_states() const { return rule_states_; }
  // Null before the first evaluation.
  const RulesetPtr& ruleset_ptr() const { return ruleset_; }

 private:
  friend struct internal::ResultWriter;
  // Working memory kept between evaluations so that reuse allocates nothing; copied with the
  // Result, since ask_next() is planned from the snapshot it holds.
  class Scratch {
   public:
    Scratch();
    ~Scratch();
    Scratch(const Scratch&);
    Scratch(Scratch&&) noexcept;
    Scratch& operator=(const Scratch&);
    Scratch& operator=(Scratch&&) noexcept;
    internal::EvalScratch& get() const;  // made on first use

   private:
    mutable std::unique_ptr<internal::EvalScratch> p_;
  };
  void conclude() const;
  void plan_questions() const;
  void list_could_decide() const;
  RulesetPtr ruleset_;
  std::vector<RuleState> rule_states_;
  std::vector<EvalWarning> warnings_;
  // Filled on demand by conclude(); a Result belongs to one thread at a time.
  mutable bool concluded_ = true;  // nothing to conclude before the first evaluation
  mutable Triage triage_ = Triage::routine;
  mutable bool triage_is_default_ = true;
  mutable std::vector<std::uint32_t> red_flags_;
  mutable std::vector<ConditionOutcome> conditions_;
  mutable std::vector<std::uint32_t> advice_;
  // Filled on demand by plan_questions(); a Result belongs to one thread at a time.
  mutable bool questions_ready_ = false;
  mutable std::vector<UndecidedRule> undecided_;
  mutable std::vector<std::uint32_t> missing_;
  mutable std::vector<AskItem> ask_next_;
  mutable std::vector<std::uint32_t> could_decide_;
  mutable bool decide_ready_ = true;  // could_decide_ is filled (plan_questions empties it)
  mutable bool complete_ = false;
  Scratch scratch_;
};

// Evaluates a case. Never throws for any case built through the Case API; allocates nothing
// once `out` has been used with the same rule set.
void evaluate(const Case& c, Result& out);
Result evaluate(const Case& c);

// One reason in an explanation, already phrased for a clinician from the labels
// ("no fever", "age: 54 years", "pain peak: day after activity"). In Explanation::missing and
// ::unknown the text is the finding's label, lower-case first.
struct Fact {
  enum class Kind : std::uint8_t { finding, score, presence };
  Kind kind = Kind::finding;
  std::uint32_t index = 0;  // finding slot, or score index for Kind::score
  bool holds = true;        // the truth of the predicate this fact stands for
  std::string text;
};

// Why a rule fired, did not fire, or is undecided (`because` in docs/result-schema.md).
// Computed on request.
struct Explanation {
  std::uint32_t rule = 0;
  RuleState state = RuleState::undecided;
  // fired: what made the condition true (every part of an `and`, the true branch of an `or`);
  // not fired: the parts that were false. Each text once.
  std::vector<Fact> facts;
  // undecided: the not-asked findings that could still decide it (as in Result::missing), and
  // the findings recorded as unknown that keep it open.
  std::vector<Fact> missing;
  std::vector<Fact> unknown;
  SourceLocation location;

  // fired / not fired: "pain felt centrally in the buttock, no fever and age: 54 years";
  // undecided: "depends on a and b" (and "; recorded as unknown: c").
  std::string reasons() const;
};

// `c` and `r` must be the case and its result; throws std::out_of_range for a bad rule index.
Explanation explain(const Case& c, const Result& r, std::uint32_t rule);

// Joins phrases the way a sentence does: "a", "a and b", "a, b and c".
std::string join_phrases(const std::vector<std::string>& phrases);

}  // namespace ardent
