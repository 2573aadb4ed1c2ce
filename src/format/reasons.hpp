// The `because` of a rendered result: the facts behind each fired red flag and concluded
// condition. One render explains each fired rule once, however many conditions it concludes,
// with one explainer for the whole case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ardent/result.hpp"
#include "eval/explaining.hpp"

namespace ardent::format_detail {

class Reasons {
 public:
  Reasons(const Case& c, const Result& r) : c_(c), r_(r) {}

  // The texts of because_rule() and because_condition(), as views of the facts this keeps.
  std::vector<std::string_view> of_rule(std::uint32_t rule);
  std::vector<std::string_view> of_condition(const ConditionOutcome& o);

 private:
  const std::vector<Fact>& facts(std::uint32_t rule);  // explained on first use

  const Case& c_;
  const Result& r_;
  std::optional<internal::Explaining> explaining_;  // made on first use: most results need none
  std::vector<std::pair<std::uint32_t, std::vector<Fact>>> explained_;  // a few fired rules: views of them stay valid
};

}  // namespace ardent::format_detail
