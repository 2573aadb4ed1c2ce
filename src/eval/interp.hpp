// A direct evaluator over the checked model's expression trees. The explainer uses it to see
// the value of every sub-expression of one rule; it shares logic.hpp with the compiled program
// so both agree exactly. Slow by design (a tree walk), never on the hot path.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ardent/case.hpp"
#include "check/model.hpp"
#include "eval/logic.hpp"

namespace ardent::eval {

class Interp {
 public:
  Interp(const check::Model& model, const Case& c);

  std::uint8_t truth(const check::Expr& e);   // F, U or T
  Interval number(const check::Expr& e);
  Interval score(std::uint32_t index);

  const check::Model& model() const { return model_; }
  const Case& input() const { return case_; }

 private:
  const check::Model& model_;
  const Case& case_;
  std::vector<std::optional<std::uint8_t>> bool_defines_;
  std::vector<std::optional<Interval>> num_defines_, scores_;
};

}  // namespace ardent::eval
