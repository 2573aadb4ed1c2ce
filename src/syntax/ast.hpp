// The grammar's attribute types: what it builds while it parses. Every node remembers the
// source range it came from (`first`, `last`, set by the rules' on_success), and to_tree.cpp
// turns these into the tree of tree.hpp with spans. Only src/syntax sees this file; it holds
// no Spirit type, so that only the grammar's own translation unit compiles Spirit.
#pragma once

#include <boost/optional.hpp>
#include <boost/variant/variant.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "syntax/tree.hpp"

namespace ardent::syntax::ast {

// Source range of a node; pointers into the parsed text.
struct tagged {
  const char* first = nullptr;
  const char* last = nullptr;
};

struct name : tagged {
  std::string text;
};

struct text : tagged {
  std::string value;  // unescaped
};

struct number : tagged {
  double value = 0;
};

// One expression node, shaped like syntax::Expr (built by semantic actions).
struct expr : tagged {
  Expr::Kind kind = Expr::Kind::Ref;
  name ref;                  // Ref, Is, In, Known, Unknown
  std::vector<name> values;  // Is, In
  double number = 0;         // Number, Duration
  DurationUnit unit = DurationUnit::days;
  CmpOp cmp = CmpOp::Eq;
  ArithOp arith = ArithOp::Add;
  std::uint32_t count = 0;  // AtLeast
  std::vector<expr> kids;
};

// `label "..."`, `code snomed "..."`, and the header's `title "..."` / `default triage L`.
enum class attr_kind : std::uint8_t { label, ask, group, code, advice, title, default_triage };

// A code's terminology system: a short name (`snomed`) or a URI in quotes.
struct code_system : tagged {
  std::string text;
  bool quoted = false;
};

struct attribute : tagged {
  attr_kind kind = attr_kind::label;
  name word;   // default_triage: the level
  code_system system;  // code
  text value;  // every kind but default_triage
};

struct header : tagged {
  name id;
  text version;
  std::vector<attribute> items;  // title, default_triage
};

struct range : tagged {
  number lo, hi;
};

struct finding_type : tagged {
  FindingType kind = FindingType::boolean;
  std::vector<name> values;  // Enum
  boost::optional<number> min, max;
  bool integer = false;
  boost::optional<text> unit;
};

struct finding_decl : tagged {
  name id;
  finding_type type;
  std::vector<attribute> attrs;
};

struct condition_decl : tagged {
  name id;
  std::vector<attribute> attrs;
};

struct define_decl : tagged {
  name id;
  expr value;
  std::vector<attribute> attrs;
};

struct score_term : tagged {
  number points;  // signed
  expr when;
};

struct score_decl : tagged {
  name id;
  std::vector<attribute> attrs;
  std::vector<score_term> terms;
};

// `screen "TITLE" ask a, b, c`: the questions asked first, in this order.
struct screen_decl : tagged {
  boost::optional<text> title;
  std::vector<name> findings;
};

struct action : tagged {
  Action::Kind kind = Action::Kind::Suggest;
  name target;
  boost::optional<name> strength;
  text message;  // Advise
};

struct rule_decl : tagged {
  bool redflag = false;
  name id;
  boost::optional<int> priority;
  std::vector<attribute> attrs;
  expr when;
  std::vector<action> actions;
};

struct given_item : tagged {
  name finding;
  GivenItem::Kind kind = GivenItem::Kind::Yes;
  double number = 0;
  DurationUnit unit = DurationUnit::days;
  name value;  // Enum
};

struct expect_item : tagged {
  ExpectItem::Kind kind = ExpectItem::Kind::Suggest;
  name target;
};

struct test_decl : tagged {
  text id;
  std::vector<given_item> given;
  std::vector<expect_item> expect;
};

using declaration = boost::variant<header, finding_decl, condition_decl, define_decl, score_decl,
                                   screen_decl, rule_decl, test_decl>;

}  // namespace ardent::syntax::ast
