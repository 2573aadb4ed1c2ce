// The compiled Program: dense slots, one atom per distinct predicate, shared sub-expressions,
// a schedule in which every operand is computed before it is used, info tables, the screen.
#include <gtest/gtest.h>

#include <set>

#include "ardent/ruleset.hpp"
#include "compile/compile.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

std::size_t atoms(const Program& p) { return p.composite_base; }

TEST(Program, SamePredicateInManyRulesIsOneAtom) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y");
  auto e = b.enumeration("e", {"p", "q", "r"});
  auto age = b.number("age", 0, 120);
  b.rule("r1", And({B(x), In(e, {1}), Cmp(CmpOp::Ge, Num(age), K(50))}));
  b.rule("r2", Or({B(x), In(e, {1}), Cmp(CmpOp::Le, K(50), Num(age))}));  // 50 <= age is age >= 50
  b.rule("r3", And({B(y), Not(B(x))}));
  auto p = compile::compile(b.model_copy(), "h");
  EXPECT_EQ(atoms(*p), 4u);  // x, y, e is q, age >= 50
  EXPECT_EQ(p->bool_atoms.size(), 2u);
  EXPECT_EQ(p->enum_atoms.size(), 1u);
  EXPECT_EQ(p->cmp_atoms[static_cast<int>(CmpOp::Ge)].size(), 1u);
}

TEST(Program, DefinesAndRepeatedSubExpressionsAreBuiltOnce) {
  ModelBuilder b;
  auto x = b.boolean("x"), y = b.boolean("y"), z = b.boolean("z");
  auto d = b.define("pattern", And({B(x), B(y)}));
  b.rule("r1", And({BoolDef(d), B(z)}));
  b.rule("r2", And({BoolDef(d), Not(B(z))}));
  b.rule("r3", And({B(y), B(x)}));  // the same as the define, written in another order
  auto p = compile::compile(b.model_copy(), "h");
  // Composite nodes: and(x, y) (the define, and r3 written the other way round); r1 flattened
  // to and(x, y, z); not z; r2 flattened to and(x, y, not z).
  std::set<std::uint32_t> roots(p->rule_root.begin(), p->rule_root.end());
  EXPECT_EQ(roots.size(), 3u);
  std::size_t ands = 0, nots = 0;
  for (const auto& in : p->code) {
    ands += in.op == prog::Op::And;
    nots += in.op == prog::Op::Not;
  }
  EXPECT_EQ(ands, 3u);
  EXPECT_EQ(nots, 1u);
}

TEST(Program, DoubleNegationAndSingleOperandsDisappear) {
  ModelBuilder b;
  auto x = b.boolean("x");
  b.rule("r", Not(Not(And({B(x), B(x)}))));
  auto p = compile::compile(b.model_copy(), "h");
  EXPECT_TRUE(p->code.empty());
  EXPECT_EQ(p->rule_root[0], 0u);  // the atom itself
}

TEST(Program, ScheduleComputesOperandsFirst) {
  ModelBuilder b;
  std::vector<std::uint32_t> f;
  for (int i = 0; i < 6; ++i) f.push_back(b.boolean("f" + std::to_string(i)));
  auto n = b.number("n", 0, 10);
  auto s = b.score("s", {{1, And({B(f[0]), B(f[1])})}, {2, Or({B(f[2]), Not(B(f[3]))})}});
  b.rule("deep", Or({And({B(f[0]), Or({B(f[1]), Not(And({B(f[2]), B(f[3])}))})}),
                     Cmp(CmpOp::Gt, Arith(ArithOp::Add, ScoreRef(s), Num(n)), K(3)),
                     AtLeast(2, {B(f[4]), B(f[5]), Not(B(f[4]))})}));
  auto p = compile::compile(b.model_copy(), "h");
  std::set<std::uint32_t> done_bool, done_num;
  for (std::uint32_t i = 0; i < p->composite_base; ++i) done_bool.insert(i);
  for (std::uint32_t i = 0; i < p->num_composite_base; ++i) done_num.insert(i);
  auto ready_bool = [&](std::uint32_t node) { return done_bool.count(node) == 1; };
  auto ready_num = [&](std::uint32_t node) { return done_num.count(node) == 1; };
  for (const auto& seg : p->segments)
    for (std::uint32_t i = seg.begin; i < seg.end; ++i) {
      const auto& in = p->code[i];
      EXPECT_EQ(in.op, seg.op);
      switch (in.op) {
        case prog::Op::And:
        case prog::Op::Or:
        case prog::Op::AtLeast:
          if (seg.arity) {
            EXPECT_EQ(in.n, seg.arity);
          }
          for (std::uint32_t k = 0; k < in.n; ++k) EXPECT_TRUE(ready_bool(p->operands[in.a + k]));
          break;
        case prog::Op::Not: EXPECT_TRUE(ready_bool(in.a)); break;
        case prog::Op::Score:
          for (std::uint32_t k = 0; k < in.n; ++k) EXPECT_TRUE(ready_bool(p->terms[in.a + k].cond));
          break;
        case prog::Op::Negate: EXPECT_TRUE(ready_num(in.a)); break;
        default:
          EXPECT_TRUE(ready_num(in.a));
          EXPECT_TRUE(ready_num(in.b));
      }
      (prog::is_numeric(in.op) ? done_num : done_bool).insert(in.out);
    }
  EXPECT_EQ(done_bool.size(), p->bool_count);
  EXPECT_EQ(done_num.size(), p->num_count);
}

TEST(Program, InfoTablesAndLookups) {
  ModelBuilder b;
  auto x = b.boolean("x", "Fever");
  auto e = b.enumeration("peak", {"early", "late"});
  b.question(x, "Do you have a fever?");
  auto c0 = b.condition("c0", "Condition zero", {"Rest."});
  b.rule("r", B(x)).suggest(c0).triage(Triage::urgent).advise("Call.").advise("Call.").priority(3);
  b.redflag("flag", In(e, {1})).triage(Triage::emergency).triage(Triage::routine);
  auto rs = b.ruleset("abc");
  EXPECT_EQ(rs->hash(), "abc");
  EXPECT_EQ(rs->finding_index("peak"), e);
  EXPECT_FALSE(rs->finding_index("nope"));
  EXPECT_EQ(rs->condition_index("c0"), c0);
  EXPECT_EQ(rs->rule_index("flag"), 1u);
  EXPECT_EQ(rs->enum_value_index(e, "late"), 1u);
  EXPECT_FALSE(rs->enum_value_index(e, "never"));
  EXPECT_EQ(rs->findings()[x].question, "Do you have a fever?");
  EXPECT_EQ(rs->findings()[e].type, FindingType::enumeration);
  EXPECT_EQ(rs->rules()[0].advice, (std::vector<std::string>{"Call."}));  // once
  EXPECT_EQ(rs->rules()[0].priority, 3);
  EXPECT_EQ(rs->rules()[0].triage, Triage::urgent);
  EXPECT_EQ(rs->rules()[1].triage, Triage::emergency);  // the highest of its triage actions
  EXPECT_EQ(rs->redflag_count(), 1u);
  EXPECT_EQ(rs->conditions()[0].advice, (std::vector<std::string>{"Rest."}));
}

// The screen (docs/language.md §16) as Ruleset::screen() gives it: the title, the finding slots
// in the order the screen declares them (not the findings' order), and where it is declared.
constexpr const char* kScreened = R"(ruleset screened version "1.0.0"
finding fever: bool
finding limp: bool
finding saddle_anaesthesia: bool
finding bladder_bowel_change: bool
condition infection
rule hot: fever and limp -> consider infection
redflag cauda_equina: saddle_anaesthesia or bladder_bowel_change -> triage emergency

screen "Red-flag screen"
  ask bladder_bowel_change, saddle_anaesthesia,
      fever
)";

TEST(Program, ScreenSlotsInDeclaredOrder) {
  CompileOutput out = compile_source(kScreened, "screened.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  const ScreenInfo& screen = out.ruleset->screen();
  EXPECT_EQ(screen.title, "Red-flag screen");
  EXPECT_EQ(screen.findings, (std::vector<std::uint32_t>{3, 2, 0}));
  std::vector<std::string> names;
  for (std::uint32_t slot : screen.findings) names.push_back(out.ruleset->findings()[slot].name);
  EXPECT_EQ(names, (std::vector<std::string>{"bladder_bowel_change", "saddle_anaesthesia", "fever"}));
  EXPECT_EQ(screen.location.file, "screened.ard");
  EXPECT_EQ(screen.location.line, 10u);
  EXPECT_EQ(screen.location.column, 1u);
}

TEST(Program, ScreenWithoutTitleIsCalledScreen) {
  std::string text = kScreened;
  text.replace(text.find("screen \"Red-flag screen\""), 24, "screen");
  CompileOutput out = compile_source(text, "screened.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  EXPECT_EQ(out.ruleset->screen().title, "Screen");
  EXPECT_EQ(out.ruleset->screen().findings.size(), 3u);
}

TEST(Program, NoScreenIsAnEmptyOne) {
  std::string text = kScreened;
  text.erase(text.find("screen \"Red-flag screen\""));
  CompileOutput out = compile_source(text, "plain.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  const ScreenInfo& screen = out.ruleset->screen();
  EXPECT_TRUE(screen.title.empty());
  EXPECT_TRUE(screen.findings.empty());
  EXPECT_TRUE(screen.location.file.empty());
  EXPECT_EQ(screen.location.line, 0u);
  // A hand-built model without a screen, the same.
  ModelBuilder b;
  b.rule("r", B(b.boolean("x")));
  EXPECT_TRUE(b.ruleset()->screen().findings.empty());
  EXPECT_TRUE(b.ruleset()->screen().title.empty());
}

TEST(Program, MalformedModelsAreRefusedNotCrashed) {
  {
    ModelBuilder b;
    b.boolean("x");
    b.rule("r", B(7));  // no such slot
    EXPECT_THROW(compile::compile(b.model_copy(), "h"), std::logic_error);
  }
  {
    ModelBuilder b;
    auto x = b.boolean("x");
    b.rule("r", Num(x));  // a number where a condition belongs
    EXPECT_THROW(compile::compile(b.model_copy(), "h"), std::logic_error);
  }
  {
    ModelBuilder b;
    auto x = b.boolean("x");
    b.rule("r", B(x));
    b.model().screen = check::Screen{"Screen", {x, 3}, {}};  // no slot 3
    EXPECT_THROW(compile::compile(b.model_copy(), "h"), std::logic_error);
  }
  {
    ModelBuilder b;
    auto x = b.boolean("x");
    Expr deep = B(x);
    for (int i = 0; i < 1500; ++i) deep = Not(std::move(deep));
    b.rule("r", std::move(deep));
    EXPECT_THROW(compile::compile(b.model_copy(), "h"), std::logic_error);
  }
}

}  // namespace
}  // namespace ardent::test
