// Explanations of several rules of one case and its result, sharing what they compute: the
// values of the defines and scores they read, found once for the case. explain() is one of
// these for a single rule; a rendered result explains every fired rule with one.
#pragma once

#include <cstdint>
#include <memory>

#include "ardent/result.hpp"

namespace ardent::internal {

class Explainer;

class Explaining {
 public:
  // Throws std::invalid_argument unless `r` was produced from a case of `c`'s rule set.
  Explaining(const Case& c, const Result& r);
  ~Explaining();
  Explaining(const Explaining&) = delete;
  Explaining& operator=(const Explaining&) = delete;

  Explanation explain(std::uint32_t rule);  // throws std::out_of_range for a bad rule index

 private:
  const Result& r_;
  std::unique_ptr<Explainer> ex_;
};

}  // namespace ardent::internal
