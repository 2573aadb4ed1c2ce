// Reverse edges of the Program's DAG (finding -> leaves, node -> instructions, node -> rules):
// what an evaluation needs to follow a case's given findings forward instead of computing every
// node.
#include <vector>

#include "compile/compile.hpp"

namespace ardent::compile {

namespace {

// Builds rows from (row, item) pairs in two passes: count, then place.
class CsrBuilder {
 public:
  explicit CsrBuilder(std::size_t rows) : count_(rows + 1, 0) {}
  void count(std::uint32_t row) { ++count_[row + 1]; }
  void start() {
    for (std::size_t i = 1; i < count_.size(); ++i) count_[i] += count_[i - 1];
    csr_.begin = count_;
    csr_.items.resize(count_.back());
  }
  void place(std::uint32_t row, std::uint32_t item) { csr_.items[count_[row]++] = item; }
  prog::Csr take() { return std::move(csr_); }

 private:
  std::vector<std::uint32_t> count_;
  prog::Csr csr_;
};

// Runs `visit(pass)` twice, counting and then placing, and returns the rows.
template <class Visit>
prog::Csr build(std::size_t rows, Visit visit) {
  CsrBuilder b(rows);
  visit([&](std::uint32_t row, std::uint32_t) { b.count(row); });
  b.start();
  visit([&](std::uint32_t row, std::uint32_t item) { b.place(row, item); });
  return b.take();
}

}  // namespace

void fill_reverse_edges(Program& p) {
  const std::size_t nf = p.findings.size();
  p.slot_bool_leaves = build(nf, [&](auto add) {
    for (std::uint32_t n = 0; n < p.composite_base; ++n) add(p.bool_def[n], n);
  });
  p.slot_num_leaves = build(nf, [&](auto add) {
    for (std::uint32_t n = 0; n < p.const_base; ++n) add(p.num_def[n], n);
  });
  // Instructions in increasing order, so each row lists its readers in evaluation order.
  auto users = [&](bool numeric) {
    return build(numeric ? p.num_count : p.bool_count, [&](auto add) {
      for (std::uint32_t i = 0; i < p.code.size(); ++i)
        prog::for_each_input(
            p.code[i], p.operands, p.terms, [&](std::uint32_t n) { if (!numeric) add(n, i); },
            [&](std::uint32_t n) { if (numeric) add(n, i); });
    });
  };
  p.bool_users = users(false);
  p.num_users = users(true);
  p.slot_fanout.assign(nf, 0);
  for (std::uint32_t slot = 0; slot < nf; ++slot) {
    for (std::uint32_t i = p.slot_bool_leaves.begin[slot]; i < p.slot_bool_leaves.begin[slot + 1]; ++i)
      p.slot_fanout[slot] += p.bool_users.size(p.slot_bool_leaves.items[i]);
    for (std::uint32_t i = p.slot_num_leaves.begin[slot]; i < p.slot_num_leaves.begin[slot + 1]; ++i)
      p.slot_fanout[slot] += p.num_users.size(p.slot_num_leaves.items[i]);
  }
  p.bool_rules = build(p.bool_count, [&](auto add) {
    for (std::uint32_t r = 0; r < p.rule_root.size(); ++r) add(p.rule_root[r], r);
  });
  p.outcome_rank.assign(p.rule_out.size(), 0);
  for (std::uint32_t i = 0; i < p.redflag_order.size(); ++i) p.outcome_rank[p.redflag_order[i]] = i;
  for (std::uint32_t i = 0; i < p.advice_order.size(); ++i) p.outcome_rank[p.advice_order[i]] = i;
}

}  // namespace ardent::compile
