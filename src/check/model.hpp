// The checker's output: a resolved, typed model of a whole rule set. Names are resolved to
// indices, enum values to their position in the domain, durations to days. The compile stage
// turns it into an immutable Program; nothing here knows about evaluation.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ardent/vocabulary.hpp"
#include "syntax/tree.hpp"

namespace ardent::check {

using syntax::Span;

enum class ValueType : std::uint8_t { Bool, Enum, Number, Duration };

inline constexpr double kNoBound = std::numeric_limits<double>::quiet_NaN();

struct Finding {
  std::string name;
  ValueType type = ValueType::Bool;
  std::vector<std::string> values;  // Enum domain, at most 64 values
  double min = kNoBound;            // Number only; NaN when unbounded
  double max = kNoBound;
  bool integer = false;
  std::string unit;
  std::string label;     // defaults to the name when not given
  std::string question;  // `ask` text; empty when not given
  std::string group;
  std::vector<Code> codes;
  Span span;
};

struct Condition {
  std::string name;
  std::string label;
  std::vector<Code> codes;
  std::vector<std::string> advice;
  Span span;
};

// Resolved expression. Boolean and numeric kinds share one node type; `numeric` tells which.
struct Expr {
  enum class Kind : std::uint8_t {
    // boolean-valued
    BoolFinding,   // slot
    EnumIn,        // slot, mask: bit i set = value i accepted (covers `is` and `in`)
    Compare,       // kids[0] cmp kids[1] (numeric kids)
    Not, And, Or,  // kids
    AtLeast,       // count, kids
    Known,         // slot: true when the finding is given (not unknown, not absent)
    Unknown,       // slot: true when unknown or absent
    BoolDefine,    // index into Model::defines (a boolean define)
    // numeric-valued
    NumFinding,    // slot (Number or Duration; durations are in days)
    Constant,      // number
    Arith,         // kids[0] arith kids[1]
    Negate,        // kids[0]
    ScoreRef,      // index into Model::scores
    NumDefine,     // index into Model::defines (a numeric define)
  };
  Kind kind = Kind::BoolFinding;
  bool numeric = false;
  std::uint32_t index = 0;     // slot, define or score index
  std::uint64_t mask = 0;      // EnumIn
  double number = 0;           // Constant
  std::uint32_t count = 0;     // AtLeast
  syntax::CmpOp cmp = syntax::CmpOp::Eq;
  syntax::ArithOp arith = syntax::ArithOp::Add;
  std::vector<Expr> kids;
  Span span;
};

struct Define {
  std::string name;
  std::string label;  // may be empty
  bool numeric = false;
  Expr expr;          // defines only refer to earlier-resolved defines: no cycles remain
  Span span;
};

struct ScoreTerm {
  double points = 0;
  Expr when;  // boolean
  Span span;
};

struct Score {
  std::string name;
  std::string label;
  std::vector<ScoreTerm> terms;
  Span span;
};

struct Action {
  enum class Kind : std::uint8_t { Suggest, Consider, Exclude, Triage, Advise, Ask };
  enum class Strength : std::uint8_t { None, Likely, Possible };
  Kind kind = Kind::Suggest;
  std::uint32_t target = 0;  // condition index, finding slot, or Triage value
  Strength strength = Strength::None;
  std::string text;          // Advise
  Span span;
};

struct Rule {
  std::string name;
  bool redflag = false;
  std::int32_t priority = 0;
  std::string label;  // red flags: defaults to the name when not given
  std::vector<std::string> advice;
  std::vector<Code> codes;
  Expr when;          // boolean
  std::vector<Action> actions;
  Span span;          // the whole declaration; its first line is the `rule`/`redflag` line
};

// The screen: the findings the interview asks first, in this order.
struct Screen {
  std::string title;                    // "Screen" when the declaration gives none
  std::vector<std::uint32_t> findings;  // finding slots, in declared order, each once
  Span span;                            // the declaration, from `screen`
};

struct GivenValue {
  enum class Kind : std::uint8_t { Bool, Enum, Number, Unknown };
  std::uint32_t slot = 0;
  Kind kind = Kind::Bool;
  bool boolean = false;
  std::uint32_t enum_value = 0;
  double number = 0;  // durations in days
  Span span;
};

struct Expectation {
  enum class Kind : std::uint8_t { Suggest, Consider, Exclude, NotConcluded, Redflag, NoRedflag, NoOtherRedflag, Triage, Ask, NoAsk };
  Kind kind = Kind::Suggest;
  std::uint32_t target = 0;  // condition index, rule index (red flag), Triage value, or finding slot
  Span span;
};

struct Test {
  std::string name;
  std::vector<GivenValue> given;
  std::vector<Expectation> expect;
  Span span;
};

struct Model {
  std::string name;
  std::string version;
  std::string title;
  Triage default_triage = Triage::routine;  // when the header gives none
  std::vector<syntax::SourceFile> files;    // in the order read (sorted paths)
  std::vector<Finding> findings;            // slot = position
  std::vector<Condition> conditions;
  std::vector<Define> defines;              // dependency order: a define refers only to defines before it
  std::vector<Score> scores;                // dependency order: a score refers only to scores before it
  std::vector<Rule> rules;                  // rules and red flags in declaration order
  std::optional<Screen> screen;             // at most one per rule set
  std::vector<Test> tests;
};

}  // namespace ardent::check
