// The syntax stage's output: a plain C++ tree of one source file, with source spans.
// Nothing here depends on Boost.Spirit; the X3 grammar (grammar_def.hpp) builds its own
// attribute types (ast.hpp) and converts them into this tree in parser.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ardent/vocabulary.hpp"

namespace ardent::syntax {

// 1-based line and column (column counts bytes), 0-based byte offset, length in bytes.
struct Span {
  std::uint32_t file = 0;  // index into the rule set's list of files
  std::uint32_t line = 0;
  std::uint32_t col = 0;
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

struct SourceFile {
  std::string path;  // as given by the user, e.g. "rules/hip/rules.ard"
  std::string text;
};

struct Name {
  std::string text;
  Span span;
};

enum class CmpOp : std::uint8_t { Lt, Le, Gt, Ge, Eq, Ne };
enum class ArithOp : std::uint8_t { Add, Sub, Mul, Div };

// One expression node. A tagged struct rather than a variant: the checker walks it with a
// switch, and every kind uses only the fields listed next to it.
struct Expr {
  enum class Kind : std::uint8_t {
    Ref,         // name                      bool finding/define, or a number/duration/score in arithmetic
    Number,      // number
    Duration,    // number + unit             `6 weeks`
    Not,         // kids[0]
    And,         // kids (2 or more)
    Or,          // kids (2 or more)
    Is,          // name is values[0]         enum test
    In,          // name in {values...}
    Compare,     // kids[0] op kids[1]        arithmetic operands
    Between,     // kids[0] between kids[1] and kids[2] (inclusive)
    AtLeast,     // at least count of (kids...)
    Known,       // name is known
    Unknown,     // name is unknown
    Arith,       // kids[0] arith kids[1]
    Negate,      // -kids[0]
  };
  Kind kind = Kind::Ref;
  Span span;
  Name name;                  // Ref, Is, In, Known, Unknown
  std::vector<Name> values;   // Is (one), In (several)
  double number = 0;          // Number, Duration (amount)
  DurationUnit unit = DurationUnit::days;  // Duration
  CmpOp cmp = CmpOp::Eq;      // Compare
  ArithOp arith = ArithOp::Add;  // Arith
  std::uint32_t count = 0;    // AtLeast
  std::vector<Expr> kids;
};

struct Code {
  std::string system;  // a short name (snomed, loinc, icd10, icd10cm) or, quoted, a URI
  std::string value;
  Span span;
  bool quoted_system = false;
  Span system_span, value_span;
};

struct Text {
  std::string value;  // unescaped
  Span span;
};

// Attributes that may follow a declaration's head, in any order.
struct Attributes {
  std::optional<Text> label;
  std::optional<Text> ask;
  std::optional<Text> group;
  std::vector<Code> codes;
  std::vector<Text> advice;
};

struct RulesetHeader {
  Name name;
  Text version;
  std::optional<Text> title;
  std::optional<Name> default_triage;  // a triage level name
  Span span;
};

struct FindingDecl {
  Name name;
  FindingType type = FindingType::boolean;
  std::vector<Name> values;         // Enum
  std::optional<double> min, max;   // Number: `number 0..120`
  bool integer = false;             // Number: `number 0..120 integer`
  std::optional<Text> unit;         // Number: `unit "years"`
  Attributes attrs;
  Span span;                        // the whole declaration
};

struct ConditionDecl {
  Name name;
  Attributes attrs;
  Span span;
};

struct DefineDecl {
  Name name;
  Expr expr;
  Attributes attrs;  // label only
  Span span;
};

struct ScoreTerm {
  double points = 0;  // `+2 when ...` (may be negative: `-1 when ...`)
  Expr when;
  Span span;
};

struct ScoreDecl {
  Name name;
  Attributes attrs;
  std::vector<ScoreTerm> terms;
  Span span;
};

// `screen "TITLE" ask a, b, c`: the findings the interview asks first, in this order.
struct ScreenDecl {
  std::optional<Text> title;  // absent when the declaration gives none
  std::vector<Name> findings;  // at least one, as written (the checker resolves them)
  Span span;                   // the whole declaration, from `screen`
};

struct Action {
  enum class Kind : std::uint8_t { Suggest, Consider, Exclude, Triage, Advise, Ask };
  Kind kind = Kind::Suggest;
  Name target;                    // condition (Suggest/Consider/Exclude), level (Triage), finding (Ask)
  std::optional<Name> strength;   // Suggest: `likely` or `possible`
  Text text;                      // Advise
  Span span;
};

struct RuleDecl {
  Name name;
  bool redflag = false;
  std::int32_t priority = 0;
  Attributes attrs;  // label, advice, codes
  Expr when;
  std::vector<Action> actions;
  Span span;
};

struct GivenItem {
  enum class Kind : std::uint8_t { Yes, No, Number, Duration, Enum, Unknown };
  Name finding;
  Kind kind = Kind::Yes;
  double number = 0;                    // Number, Duration
  DurationUnit unit = DurationUnit::days;
  Name value;                           // Enum
  Span span;
};

struct ExpectItem {
  // Suggest/Consider/Exclude/NotConcluded name a condition; Redflag a red flag;
  // Triage a level; Ask and NoAsk a finding. NoRedflag: no red flag fired at all.
  // NoOtherRedflag: no red flag fired beyond those this test names with `redflag R`.
  enum class Kind : std::uint8_t { Suggest, Consider, Exclude, NotConcluded, Redflag, NoRedflag, NoOtherRedflag, Triage, Ask, NoAsk };
  Kind kind = Kind::Suggest;
  Name target;
  Span span;
};

struct TestDecl {
  Text name;
  std::vector<GivenItem> given;
  std::vector<ExpectItem> expect;
  Span span;
};

// One parsed file. Each list keeps source order.
struct Module {
  std::uint32_t file = 0;
  std::optional<RulesetHeader> header;
  std::vector<FindingDecl> findings;
  std::vector<ConditionDecl> conditions;
  std::vector<DefineDecl> defines;
  std::vector<ScoreDecl> scores;
  std::vector<ScreenDecl> screens;  // a rule set has at most one; the checker says so
  std::vector<RuleDecl> rules;  // rules and red flags, in source order
  std::vector<TestDecl> tests;
};

struct SyntaxError {
  Span span;
  std::string message;  // e.g. "expected 'then' or '->' after the rule's condition"
};

struct ParseOutput {
  Module module;
  std::vector<SyntaxError> errors;  // empty on success; a file with errors yields no declarations
};

// Parses one file. Never throws on bad input (empty, binary, invalid UTF-8, deep nesting):
// every problem becomes a SyntaxError.
ParseOutput parse(const SourceFile& file, std::uint32_t file_index);

}  // namespace ardent::syntax
