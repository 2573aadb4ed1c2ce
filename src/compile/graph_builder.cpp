#include "compile/graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace ardent::compile {

namespace {

using syntax::CmpOp;

// The comparison that holds when the operands are swapped: 3 < x  <=>  x > 3.
std::uint8_t mirror(std::uint8_t op) {
  switch (static_cast<CmpOp>(op)) {
    case CmpOp::Lt: return static_cast<std::uint8_t>(CmpOp::Gt);
    case CmpOp::Le: return static_cast<std::uint8_t>(CmpOp::Ge);
    case CmpOp::Gt: return static_cast<std::uint8_t>(CmpOp::Lt);
    case CmpOp::Ge: return static_cast<std::uint8_t>(CmpOp::Le);
    default: return op;
  }
}

// Deeper nesting than this is refused rather than risking the stack; the parser limits one
// expression to far less, and defines are built front to back (build_definitions).
constexpr unsigned kMaxDepth = 1000;

struct DepthGuard {
  unsigned& depth;
  explicit DepthGuard(unsigned& d) : depth(d) {
    if (++depth > kMaxDepth) throw std::logic_error("expression nested too deeply");
  }
  ~DepthGuard() { --depth; }
};

// Reorders `code` so the evaluator runs long stretches of one kind of instruction without a
// switch: each instruction gets a level (1 + the highest level among its composite operands),
// and instructions are sorted by level, then operation, then arity. Instructions of one level
// never depend on each other, so the order stays topological.
void schedule(Program& p) {
  const std::size_t n = p.code.size();
  std::vector<std::uint32_t> level(n, 0);
  auto bool_level = [&](std::uint32_t node) {
    return node < p.composite_base ? 0u : level[p.bool_def[node]];
  };
  auto num_level = [&](std::uint32_t node) {
    return node < p.num_composite_base ? 0u : level[p.num_def[node]];
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t l = 0;
    prog::for_each_input(
        p.code[i], p.operands, p.terms, [&](std::uint32_t node) { l = std::max(l, bool_level(node)); },
        [&](std::uint32_t node) { l = std::max(l, num_level(node)); });
    level[i] = l + 1;
  }
  auto arity = [&](const prog::Instr& in) {
    const bool nary = in.op == prog::Op::And || in.op == prog::Op::Or;
    return nary && in.n <= prog::kMaxFixedArity ? in.n : 0u;
  };
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (level[a] != level[b]) return level[a] < level[b];
    if (p.code[a].op != p.code[b].op) return p.code[a].op < p.code[b].op;
    return arity(p.code[a]) < arity(p.code[b]);
  });
  std::vector<prog::Instr> code;
  code.reserve(n);
  for (std::uint32_t i : order) {
    const prog::Instr& in = p.code[i];
    const auto at = static_cast<std::uint32_t>(code.size());
    (prog::is_numeric(in.op) ? p.num_def : p.bool_def)[in.out] = at;
    const std::uint32_t a = arity(in);
    if (p.segments.empty() || p.segments.back().op != in.op || p.segments.back().arity != a)
      p.segments.push_back({in.op, a, at, at});
    ++p.segments.back().end;
    code.push_back(in);
  }
  p.code = std::move(code);
}

}  // namespace

GraphBuilder::GraphBuilder(const check::Model& model)
    : model_(model),
      define_node_(model.defines.size(), prog::kNone),
      score_node_(model.scores.size(), prog::kNone) {
  // About four nodes a rule in real and generated rule sets: reserving avoids rehashing the
  // node index, whose growth was a visible share of compiling a large rule set.
  const std::size_t expected = model.findings.size() + 4 * model.rules.size();
  nodes_.reserve(expected);
  std::size_t slots = 64;
  while (slots < 2 * expected) slots *= 2;
  index_.assign(slots, 0);
}

namespace {
std::uint64_t bits(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}
}  // namespace

std::uint64_t GraphBuilder::hash(const Node& n) {
  std::uint64_t h = mix(static_cast<std::uint64_t>(n.kind), n.sub);
  h = mix(h, n.slot);
  h = mix(h, n.mask);
  h = mix(h, bits(n.constant));
  h = mix(h, n.k);
  for (auto kid : n.kids) h = mix(h, kid);
  h = mix(h, n.points.size());
  for (double pts : n.points) h = mix(h, bits(pts));
  h ^= h >> 33;  // spread the high bits into the slot index
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h;
}

bool GraphBuilder::same(const Node& a, const Node& b) {
  if (a.kind != b.kind || a.sub != b.sub || a.slot != b.slot || a.mask != b.mask ||
      bits(a.constant) != bits(b.constant) || a.k != b.k || a.kids != b.kids || a.points.size() != b.points.size())
    return false;
  for (std::size_t i = 0; i < a.points.size(); ++i)
    if (bits(a.points[i]) != bits(b.points[i])) return false;
  return true;
}

void GraphBuilder::grow_index() {
  index_.assign(index_.size() * 2, 0);
  const std::size_t mask = index_.size() - 1;
  for (std::uint32_t id = 0; id < nodes_.size(); ++id) {
    std::size_t i = hash(nodes_[id]) & mask;
    while (index_[i] != 0) i = (i + 1) & mask;
    index_[i] = id + 1;
  }
}

std::uint32_t GraphBuilder::intern(Node n) {
  if (2 * (nodes_.size() + 1) > index_.size()) grow_index();
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = hash(n) & mask;; i = (i + 1) & mask) {
    const std::uint32_t entry = index_[i];
    if (entry == 0) {
      const auto id = static_cast<std::uint32_t>(nodes_.size());
      if (n.kind == K::Div) n.owner = owner_;
      nodes_.push_back(std::move(n));
      index_[i] = id + 1;
      return id;
    }
    if (same(nodes_[entry - 1], n)) return entry - 1;
  }
}

std::uint32_t GraphBuilder::logic(K kind, std::vector<std::uint32_t> kids) {
  if (kind == K::And || kind == K::Or) {
    // Kleene and/or are associative, commutative and idempotent: flatten, sort, deduplicate.
    std::vector<std::uint32_t> flat;
    flat.reserve(kids.size());  // the size unless a kid is flattened
    for (auto kid : kids) {
      if (nodes_[kid].kind == kind)
        flat.insert(flat.end(), nodes_[kid].kids.begin(), nodes_[kid].kids.end());
      else
        flat.push_back(kid);
    }
    std::sort(flat.begin(), flat.end());
    flat.erase(std::unique(flat.begin(), flat.end()), flat.end());
    if (flat.size() == 1) return flat[0];
    Node n = make(kind);
    n.kids = std::move(flat);
    return intern(std::move(n));
  }
  if (kind == K::Not) {
    if (nodes_[kids[0]].kind == K::Not) return nodes_[kids[0]].kids[0];
  }
  Node n = make(kind);
  n.kids = std::move(kids);
  return intern(std::move(n));
}

std::uint32_t GraphBuilder::compare(std::uint8_t op, std::uint32_t lhs, std::uint32_t rhs) {
  const Node& l = nodes_[lhs];
  const Node& r = nodes_[rhs];
  if (l.kind == K::NumFinding && r.kind == K::Const) {
    Node n = make(K::CmpAtom);
    n.sub = op;
    n.slot = l.slot;
    n.constant = r.constant;
    return intern(std::move(n));
  }
  if (l.kind == K::Const && r.kind == K::NumFinding) {
    Node n = make(K::CmpAtom);
    n.sub = mirror(op);
    n.slot = r.slot;
    n.constant = l.constant;
    return intern(std::move(n));
  }
  Node n = make(K::Compare);
  n.sub = op;
  n.kids = {lhs, rhs};
  return intern(std::move(n));
}

std::uint32_t GraphBuilder::arith(K kind, std::uint32_t lhs, std::uint32_t rhs) {
  const Node& l = nodes_[lhs];
  const Node& r = nodes_[rhs];
  if (l.kind == K::Const && r.kind == K::Const && kind != K::Div) {
    Node n = make(K::Const);
    n.constant = kind == K::Add ? l.constant + r.constant
                 : kind == K::Sub ? l.constant - r.constant
                                  : l.constant * r.constant;
    if (std::isfinite(n.constant)) return intern(std::move(n));
  }
  Node n = make(kind);
  n.kids = {lhs, rhs};
  return intern(std::move(n));
}

void GraphBuilder::build_definitions() {
  for (std::uint32_t i = 0; i < model_.defines.size(); ++i) define(i);
  for (std::uint32_t i = 0; i < model_.scores.size(); ++i) score(i);
}

std::uint32_t GraphBuilder::define(std::uint32_t index) {
  if (index >= model_.defines.size()) throw std::logic_error("define index out of range");
  if (define_node_[index] != prog::kNone) return define_node_[index];
  const auto& d = model_.defines[index];
  EvalWarning saved = owner_;
  owner_ = EvalWarning{EvalWarning::Kind::division_by_zero, EvalWarning::Owner::define, index};
  std::uint32_t id = d.numeric ? num_expr(d.expr) : bool_expr(d.expr);
  owner_ = saved;
  define_node_[index] = id;
  return id;
}

std::uint32_t GraphBuilder::score(std::uint32_t index) {
  if (index >= model_.scores.size()) throw std::logic_error("score index out of range");
  if (score_node_[index] != prog::kNone) return score_node_[index];
  const auto& s = model_.scores[index];
  EvalWarning saved = owner_;
  owner_ = EvalWarning{EvalWarning::Kind::division_by_zero, EvalWarning::Owner::score, index};
  Node n = make(K::Score);
  for (const auto& t : s.terms) {
    n.kids.push_back(bool_expr(t.when));
    n.points.push_back(t.points);
  }
  owner_ = saved;
  std::uint32_t id = intern(std::move(n));
  score_node_[index] = id;
  return id;
}

std::uint32_t GraphBuilder::bool_expr(const check::Expr& e) {
  DepthGuard guard(depth_);
  using EK = check::Expr::Kind;
  auto slot_ok = [&](std::uint32_t slot) {
    if (slot >= model_.findings.size()) throw std::logic_error("finding slot out of range");
    return slot;
  };
  switch (e.kind) {
    case EK::BoolFinding: {
      Node n = make(K::BoolAtom);
      n.slot = slot_ok(e.index);
      return intern(std::move(n));
    }
    case EK::EnumIn: {
      Node n = make(K::EnumAtom);
      n.slot = slot_ok(e.index);
      n.mask = e.mask;
      return intern(std::move(n));
    }
    case EK::Known:
    case EK::Unknown: {
      Node n = make(e.kind == EK::Known ? K::Known : K::Unknown);
      n.slot = slot_ok(e.index);
      return intern(std::move(n));
    }
    case EK::Compare: {
      if (e.kids.size() != 2) throw std::logic_error("comparison needs two operands");
      std::uint32_t l = num_expr(e.kids[0]);
      std::uint32_t r = num_expr(e.kids[1]);
      return compare(static_cast<std::uint8_t>(e.cmp), l, r);
    }
    case EK::Not: {
      if (e.kids.size() != 1) throw std::logic_error("not needs one operand");
      return logic(K::Not, {bool_expr(e.kids[0])});
    }
    case EK::And:
    case EK::Or:
    case EK::AtLeast: {
      if (e.kids.empty()) throw std::logic_error("empty and/or/at least");
      std::vector<std::uint32_t> kids;
      kids.reserve(e.kids.size());
      for (const auto& k : e.kids) kids.push_back(bool_expr(k));
      if (e.kind == EK::AtLeast) {
        Node n = make(K::AtLeast);
        n.k = e.count;
        std::sort(kids.begin(), kids.end());  // counting is order-free; duplicates still count
        n.kids = std::move(kids);
        return intern(std::move(n));
      }
      return logic(e.kind == EK::And ? K::And : K::Or, std::move(kids));
    }
    case EK::BoolDefine: {
      std::uint32_t id = define(e.index);
      if (numeric(nodes_[id].kind)) throw std::logic_error("numeric define used as a condition");
      return id;
    }
    default:
      throw std::logic_error("numeric expression used as a condition");
  }
}

std::uint32_t GraphBuilder::num_expr(const check::Expr& e) {
  DepthGuard guard(depth_);
  using EK = check::Expr::Kind;
  switch (e.kind) {
    case EK::NumFinding: {
      if (e.index >= model_.findings.size()) throw std::logic_error("finding slot out of range");
      Node n = make(K::NumFinding);
      n.slot = e.index;
      return intern(std::move(n));
    }
    case EK::Constant: {
      Node n = make(K::Const);
      n.constant = e.number;
      return intern(std::move(n));
    }
    case EK::Arith: {
      if (e.kids.size() != 2) throw std::logic_error("arithmetic needs two operands");
      std::uint32_t l = num_expr(e.kids[0]);
      std::uint32_t r = num_expr(e.kids[1]);
      K kind = e.arith == syntax::ArithOp::Add   ? K::Add
               : e.arith == syntax::ArithOp::Sub ? K::Sub
               : e.arith == syntax::ArithOp::Mul ? K::Mul
                                                 : K::Div;
      return arith(kind, l, r);
    }
    case EK::Negate: {
      if (e.kids.size() != 1) throw std::logic_error("negation needs one operand");
      std::uint32_t x = num_expr(e.kids[0]);
      if (nodes_[x].kind == K::Const) {
        Node n = make(K::Const);
        n.constant = -nodes_[x].constant;
        return intern(std::move(n));
      }
      Node n = make(K::Negate);
      n.kids = {x};
      return intern(std::move(n));
    }
    case EK::ScoreRef:
      return score(e.index);
    case EK::NumDefine: {
      std::uint32_t id = define(e.index);
      if (!numeric(nodes_[id].kind)) throw std::logic_error("boolean define used as a number");
      return id;
    }
    default:
      throw std::logic_error("condition used as a number");
  }
}

std::vector<std::uint32_t> GraphBuilder::finish(Program& p, const std::vector<std::uint32_t>& roots) {
  const std::size_t count = nodes_.size();
  std::vector<std::uint32_t> final_id(count, prog::kNone);

  // Only nodes the rules reach are laid out (simplification can leave some behind).
  std::vector<char> live(count, 0);
  std::vector<std::uint32_t> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    const std::uint32_t n = stack.back();
    stack.pop_back();
    if (live[n]) continue;
    live[n] = 1;
    for (auto kid : nodes_[n].kids) stack.push_back(kid);
  }

  // Boolean leaves grouped by kind.
  std::uint32_t next = 0;
  auto place = [&](auto pred, auto emit) {
    for (std::uint32_t i = 0; i < count; ++i)
      if (live[i] && pred(nodes_[i])) {
        final_id[i] = next++;
        emit(nodes_[i]);
        p.bool_def.push_back(nodes_[i].slot);
      }
  };
  // Yes/no leaves in finding order: the leaf loops then read the case in order, and when every
  // yes/no finding comes first and has a leaf, leaf i reads finding i (the evaluation of a case
  // given as bits takes its answers as they are).
  {
    std::vector<std::uint32_t> bools;
    for (std::uint32_t i = 0; i < count; ++i)
      if (live[i] && nodes_[i].kind == K::BoolAtom) bools.push_back(i);
    std::stable_sort(bools.begin(), bools.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return nodes_[a].slot < nodes_[b].slot; });
    for (std::uint32_t i : bools) {
      final_id[i] = next++;
      p.bool_atoms.push_back(nodes_[i].slot);
      p.bool_def.push_back(nodes_[i].slot);
    }
  }
  p.enum_base = next;
  place([](const Node& n) { return n.kind == K::EnumAtom; },
        [&](const Node& n) { p.enum_atoms.push_back({n.slot, n.mask}); });
  p.known_base = next;
  place([](const Node& n) { return n.kind == K::Known; },
        [&](const Node& n) { p.known_atoms.push_back(n.slot); });
  p.unknown_base = next;
  place([](const Node& n) { return n.kind == K::Unknown; },
        [&](const Node& n) { p.unknown_atoms.push_back(n.slot); });
  for (int op = 0; op < prog::kCmpOps; ++op) {
    p.cmp_base[op] = next;
    place([op](const Node& n) { return n.kind == K::CmpAtom && n.sub == op; },
          [&, op](const Node& n) { p.cmp_atoms[op].push_back({n.slot, n.constant}); });
  }
  p.composite_base = next;

  // Numeric leaves: findings, then constants.
  std::uint32_t next_num = 0;
  for (std::uint32_t i = 0; i < count; ++i)
    if (live[i] && nodes_[i].kind == K::NumFinding) {
      final_id[i] = next_num++;
      p.num_findings.push_back(nodes_[i].slot);
      p.num_def.push_back(nodes_[i].slot);
    }
  p.const_base = next_num;
  for (std::uint32_t i = 0; i < count; ++i)
    if (live[i] && nodes_[i].kind == K::Const) {
      final_id[i] = next_num++;
      p.constants.push_back(nodes_[i].constant);
      p.num_def.push_back(prog::kNone);
    }
  p.num_composite_base = next_num;

  // Composites in creation order, which is topological: a node is created after its kids.
  for (std::uint32_t i = 0; i < count; ++i) {
    const Node& n = nodes_[i];
    if (!live[i] || leaf(n.kind)) continue;
    prog::Instr in;
    const auto instr_index = static_cast<std::uint32_t>(p.code.size());
    if (numeric(n.kind)) {
      final_id[i] = next_num++;
      p.num_def.push_back(instr_index);
    } else {
      final_id[i] = next++;
      p.bool_def.push_back(instr_index);
    }
    in.out = final_id[i];
    in.sub = n.sub;
    switch (n.kind) {
      case K::And: in.op = prog::Op::And; break;
      case K::Or: in.op = prog::Op::Or; break;
      case K::AtLeast: in.op = prog::Op::AtLeast; break;
      case K::Not: in.op = prog::Op::Not; break;
      case K::Compare: in.op = prog::Op::Compare; break;
      case K::Add: in.op = prog::Op::Add; break;
      case K::Sub: in.op = prog::Op::Sub; break;
      case K::Mul: in.op = prog::Op::Mul; break;
      case K::Div: in.op = prog::Op::Div; break;
      case K::Negate: in.op = prog::Op::Negate; break;
      case K::Score: in.op = prog::Op::Score; break;
      default: throw std::logic_error("unexpected node kind");
    }
    switch (n.kind) {
      case K::And:
      case K::Or:
      case K::AtLeast:
        in.a = static_cast<std::uint32_t>(p.operands.size());
        in.n = static_cast<std::uint32_t>(n.kids.size());
        in.k = n.k;
        for (auto kid : n.kids) p.operands.push_back(final_id[kid]);
        break;
      case K::Score:
        in.a = static_cast<std::uint32_t>(p.terms.size());
        in.n = static_cast<std::uint32_t>(n.kids.size());
        for (std::size_t t = 0; t < n.kids.size(); ++t)
          p.terms.push_back({final_id[n.kids[t]], n.points[t]});
        break;
      case K::Not:
      case K::Negate:
        in.a = final_id[n.kids[0]];
        break;
      default:  // Compare and the binary arithmetic operators
        in.a = final_id[n.kids[0]];
        in.b = final_id[n.kids[1]];
        if (n.kind == K::Div) {
          in.k = static_cast<std::uint32_t>(p.div_owners.size());
          p.div_owners.push_back(n.owner);
        }
        break;
    }
    p.code.push_back(in);
  }
  p.bool_count = next;
  p.num_count = next_num;
  schedule(p);

  std::vector<std::uint32_t> out;
  out.reserve(roots.size());
  for (auto r : roots) out.push_back(final_id[r]);
  return out;
}

}  // namespace ardent::compile
