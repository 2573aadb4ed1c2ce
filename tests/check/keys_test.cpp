// The canonical keys by which the analyses compare parts of conditions: their exact text, so
// that a faster way of building them cannot change which rules are found alike.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "check/conjuncts.hpp"

namespace ardent::check::detail {
namespace {

using K = Expr::Kind;

Expr leaf(K kind, std::uint32_t index) {
  Expr e;
  e.kind = kind;
  e.index = index;
  return e;
}

Expr constant(double v) {
  Expr e;
  e.kind = K::Constant;
  e.number = v;
  return e;
}

Expr node(K kind, std::vector<Expr> kids) {
  Expr e;
  e.kind = kind;
  e.kids = std::move(kids);
  return e;
}

Expr compare(syntax::CmpOp op, Expr a, Expr b) {
  Expr e = node(K::Compare, {std::move(a), std::move(b)});
  e.cmp = op;
  return e;
}

Expr arith(syntax::ArithOp op, Expr a, Expr b) {
  Expr e = node(K::Arith, {std::move(a), std::move(b)});
  e.arith = op;
  return e;
}

TEST(Keys, LeavesNameTheirKindAndIndex) {
  EXPECT_EQ(key(leaf(K::BoolFinding, 12)), "b12");
  Expr in = leaf(K::EnumIn, 3);
  in.mask = 0x1f;
  EXPECT_EQ(key(in), "e3:1f");
  in.mask = ~std::uint64_t{0};
  EXPECT_EQ(key(in), "e3:ffffffffffffffff");
  EXPECT_EQ(key(leaf(K::Known, 4)), "k4");
  EXPECT_EQ(key(leaf(K::Unknown, 0)), "u0");
  EXPECT_EQ(key(leaf(K::BoolDefine, 7)), "d7");
  EXPECT_EQ(key(leaf(K::NumFinding, 4294967295u)), "f4294967295");
  EXPECT_EQ(key(leaf(K::ScoreRef, 2)), "s2");
  EXPECT_EQ(key(leaf(K::NumDefine, 1)), "D1");
}

TEST(Keys, ConstantsAreWrittenAsFmtWritesThem) {
  EXPECT_EQ(key(constant(38.5)), "#38.5");
  EXPECT_EQ(key(constant(100000)), "#100000");
  EXPECT_EQ(key(constant(-0.25)), "#-0.25");
  EXPECT_EQ(key(constant(1e300)), "#1e+300");
}

TEST(Keys, OperandsOfAndOrAndAtLeastAreSorted) {
  const auto kids = [] {
    return std::vector<Expr>{leaf(K::BoolFinding, 2), leaf(K::BoolFinding, 10),
                             node(K::Not, {leaf(K::BoolFinding, 1)})};
  };
  EXPECT_EQ(key(node(K::And, kids())), "&(!b1,b10,b2)");
  EXPECT_EQ(key(node(K::Or, kids())), "|(!b1,b10,b2)");
  Expr at_least = node(K::AtLeast, kids());
  at_least.count = 2;
  EXPECT_EQ(key(at_least), "n2(!b1,b10,b2)");
  EXPECT_EQ(key(node(K::And, {node(K::Or, {leaf(K::Known, 3), leaf(K::BoolDefine, 0)}), leaf(K::BoolFinding, 9)})),
            "&(b9,|(d0,k3))");
}

TEST(Keys, AConstantGoesRightOfAComparison) {
  EXPECT_EQ(key(compare(syntax::CmpOp::Lt, constant(60), leaf(K::NumFinding, 3))), "c2(f3,#60)");
  EXPECT_EQ(key(compare(syntax::CmpOp::Ge, leaf(K::NumFinding, 3), constant(60))), "c3(f3,#60)");
  EXPECT_EQ(key(compare(syntax::CmpOp::Eq, leaf(K::ScoreRef, 1), leaf(K::NumFinding, 0))), "c4(s1,f0)");
}

TEST(Keys, ArithmeticSortsOnlyWhatCommutes) {
  EXPECT_EQ(key(arith(syntax::ArithOp::Add, leaf(K::NumFinding, 2), leaf(K::NumFinding, 1))), "a0(f1,f2)");
  EXPECT_EQ(key(arith(syntax::ArithOp::Sub, leaf(K::NumFinding, 2), leaf(K::NumFinding, 1))), "a1(f2,f1)");
  EXPECT_EQ(key(arith(syntax::ArithOp::Mul, constant(2), leaf(K::NumDefine, 0))), "a2(#2,D0)");
  EXPECT_EQ(key(arith(syntax::ArithOp::Div, constant(2), leaf(K::NumDefine, 0))), "a3(#2,D0)");
  EXPECT_EQ(key(node(K::Negate, {leaf(K::NumFinding, 1)})), "-(f1)");
}

TEST(Keys, MalformedNodesHaveKeysOfTheirOwn) {
  EXPECT_EQ(key(node(K::Not, {})), "!?");
  EXPECT_EQ(key(node(K::Negate, {})), "-?");
  EXPECT_EQ(key(node(K::Compare, {leaf(K::NumFinding, 1)})), "c?");
  EXPECT_EQ(key(node(K::Arith, {})), "a?");
}

TEST(Keys, ALiteralCarriesItsNegation) {
  const Expr e = leaf(K::BoolFinding, 5);
  EXPECT_EQ(key(Literal{&e, true}), "!b5");
  EXPECT_EQ(key(Literal{&e, false}), "b5");
}

}  // namespace
}  // namespace ardent::check::detail
