// The sliced evaluator's column-to-word helpers (eval/lanes.hpp) against the scalar comparison
// they stand for, lane by lane: every operator, awkward values (NaN, infinities, -0.0, the
// constant itself and its neighbours), every column length from 0 to 64 and unaligned starts.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "eval/case_values.hpp"
#include "eval/lanes.hpp"

namespace ardent::eval {
namespace {

using syntax::CmpOp;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<double> awkward_values(double constant, std::size_t count, unsigned seed) {
  const double pool[] = {constant, std::nextafter(constant, -kInf), std::nextafter(constant, kInf), 0.0, -0.0,
                         kInf, -kInf, std::nan(""), 1.0, -1.0, 1e300, constant * 2};
  std::mt19937 rng(seed);
  std::vector<double> v(count);
  for (double& x : v) x = pool[rng() % std::size(pool)];
  return v;
}

template <CmpOp Op>
void expect_lanes_holding(double constant) {
  for (std::size_t offset = 0; offset < 2; ++offset) {
    const std::vector<double> column = awkward_values(constant, 64 + offset, static_cast<unsigned>(offset + 7));
    for (std::size_t n = 0; n <= 64; ++n) {
      const std::uint64_t bits = lanes_holding<Op>(column.data() + offset, n, constant);
      for (std::size_t j = 0; j < 64; ++j) {
        const bool want = j < n && compare_exact(Op, column[offset + j], constant);
        ASSERT_EQ(((bits >> j) & 1u) != 0, want)
            << "operator " << static_cast<int>(Op) << ", value " << column[offset + j] << ", constant " << constant
            << ", lane " << j << " of " << n;
      }
    }
  }
}

TEST(Lanes, ComparisonsHoldWhereTheScalarComparisonHolds) {
  for (double constant : {0.0, -0.0, 18.0, -3.5, kInf, std::nan("")}) {
    expect_lanes_holding<CmpOp::Lt>(constant);
    expect_lanes_holding<CmpOp::Le>(constant);
    expect_lanes_holding<CmpOp::Gt>(constant);
    expect_lanes_holding<CmpOp::Ge>(constant);
    expect_lanes_holding<CmpOp::Eq>(constant);
    expect_lanes_holding<CmpOp::Ne>(constant);
  }
}

TEST(Lanes, StatesEqualToOneState) {
  std::mt19937 rng(3);
  std::vector<std::uint8_t> states(65);
  for (auto& s : states) s = static_cast<std::uint8_t>(rng() % 4);
  for (std::size_t offset = 0; offset < 2; ++offset)
    for (std::size_t n = 0; n <= 64; ++n)
      for (std::uint8_t state = 0; state < 3; ++state) {
        const std::uint64_t bits = lanes_equal(states.data() + offset, n, state);
        for (std::size_t j = 0; j < 64; ++j)
          ASSERT_EQ(((bits >> j) & 1u) != 0, j < n && states[offset + j] == state) << "lane " << j << " of " << n;
      }
}

TEST(Lanes, LanesBelowALength) {
  EXPECT_EQ(lanes_below(0), 0u);
  EXPECT_EQ(lanes_below(1), 1u);
  EXPECT_EQ(lanes_below(63), ~std::uint64_t{0} >> 1);
  EXPECT_EQ(lanes_below(64), ~std::uint64_t{0});
}

// The whole-number test that the number checks use, against floor().
TEST(Lanes, WholeNumbersAsFloorSaysThem) {
  for (double v : {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1e15 + 0.5, 4503599627370495.5, 4503599627370496.0,
                   9007199254740993.0, 1e300, -1e300, std::nextafter(2.0, 0.0), 9.2233720368547758e18,
                   -9.2233720368547758e18})
    EXPECT_EQ(is_whole(v), v == std::floor(v)) << v;
}

}  // namespace
}  // namespace ardent::eval
