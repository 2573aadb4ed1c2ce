// Turns checked expressions into the Program's shared node graph: every distinct predicate and
// sub-expression becomes one node (hash-consing), `and`/`or` are flattened and their operands
// sorted and deduplicated, `not not x` is x, comparisons of a finding with a constant become
// leaf atoms, and defines and scores are built once however often they are referenced.
#pragma once

#include <cstdint>
#include <vector>

#include "check/model.hpp"
#include "compile/program.hpp"

namespace ardent::compile {

class GraphBuilder {
 public:
  explicit GraphBuilder(const check::Model& model);

  // Builder ids of the node computing `e`; throws std::logic_error on a malformed model.
  std::uint32_t bool_expr(const check::Expr& e);
  std::uint32_t num_expr(const check::Expr& e);

  // Builds every define and score in model order (each comes after what it refers to), so
  // that rules referring to them find them built and recursion stays as deep as one
  // expression. What no rule uses is dropped by finish().
  void build_definitions();

  // Whom a division by zero created from now on is reported against.
  void set_owner(EvalWarning owner) { owner_ = owner; }

  // Lays the graph out into `p` (leaves grouped by kind, composites in topological order) and
  // returns the final boolean node index of each given builder id.
  std::vector<std::uint32_t> finish(Program& p, const std::vector<std::uint32_t>& roots);

 private:
  enum class K : std::uint8_t {
    BoolAtom, EnumAtom, Known, Unknown, CmpAtom,         // boolean leaves
    And, Or, Not, AtLeast, Compare,                      // boolean composites
    NumFinding, Const,                                   // numeric leaves
    Add, Sub, Mul, Div, Negate, Score,                   // numeric composites
  };
  struct Node {
    K kind = K::BoolAtom;
    std::uint8_t sub = 0;  // CmpOp
    std::uint32_t slot = 0;
    std::uint64_t mask = 0;
    double constant = 0;
    std::uint32_t k = 0;
    std::vector<std::uint32_t> kids;
    std::vector<double> points;  // Score
    EvalWarning owner;           // Div
  };
  static Node make(K k) {
    Node n;
    n.kind = k;
    return n;
  }
  static bool numeric(K k) { return k >= K::NumFinding; }
  static bool leaf(K k) { return k <= K::CmpAtom || k == K::NumFinding || k == K::Const; }

  // Hash-consing: the node equal to `n` (every field but `owner`, numbers compared bit for
  // bit), added if there is none.
  std::uint32_t intern(Node n);
  static std::uint64_t hash(const Node& n);
  static bool same(const Node& a, const Node& b);
  void grow_index();
  std::uint32_t logic(K kind, std::vector<std::uint32_t> kids);
  std::uint32_t compare(std::uint8_t op, std::uint32_t lhs, std::uint32_t rhs);
  std::uint32_t arith(K kind, std::uint32_t lhs, std::uint32_t rhs);
  std::uint32_t define(std::uint32_t index);
  std::uint32_t score(std::uint32_t index);

  const check::Model& model_;
  std::vector<Node> nodes_;
  // Open addressing over nodes_: node index + 1, 0 for an empty slot; at most half full. A
  // table of strings built from each node's fields cost a string and a heap node per node.
  std::vector<std::uint32_t> index_;
  std::vector<std::uint32_t> define_node_, score_node_;
  EvalWarning owner_;
  unsigned depth_ = 0;
};

}  // namespace ardent::compile
