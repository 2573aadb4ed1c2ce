// The checked model's content: slots, masks, day conversions, define order and resolution,
// actions, tests, labels, the screen; and a structural validation of every index.
#include <cmath>

#include <gtest/gtest.h>

#include "support.hpp"

namespace ardent::check::fixture {
namespace {

using B = FileBuilder;
using K = syntax::ExpectItem::Kind;
using MK = Expr::Kind;

// Every index in range, numeric-ness consistent, and defines and scores ordered so that each
// refers only to earlier ones: what the compile stage relies on.
void validate_expr(const Model& m, const Expr& e, bool want_numeric, std::size_t define_limit,
                   std::size_t score_limit) {
  ASSERT_EQ(e.numeric, want_numeric) << "kind " << static_cast<int>(e.kind);
  switch (e.kind) {
    case MK::BoolFinding:
      ASSERT_LT(e.index, m.findings.size());
      EXPECT_EQ(m.findings[e.index].type, ValueType::Bool);
      break;
    case MK::EnumIn:
      ASSERT_LT(e.index, m.findings.size());
      EXPECT_EQ(m.findings[e.index].type, ValueType::Enum);
      EXPECT_NE(e.mask, 0u);
      if (m.findings[e.index].values.size() < 64) {
        EXPECT_EQ(e.mask >> m.findings[e.index].values.size(), 0u);
      }
      break;
    case MK::Known:
    case MK::Unknown: ASSERT_LT(e.index, m.findings.size()); break;
    case MK::NumFinding:
      ASSERT_LT(e.index, m.findings.size());
      EXPECT_TRUE(m.findings[e.index].type == ValueType::Number || m.findings[e.index].type == ValueType::Duration);
      break;
    case MK::BoolDefine:
    case MK::NumDefine:
      ASSERT_LT(e.index, define_limit);
      EXPECT_EQ(m.defines[e.index].numeric, e.kind == MK::NumDefine);
      break;
    case MK::ScoreRef: ASSERT_LT(e.index, score_limit); break;
    case MK::Compare:
      ASSERT_EQ(e.kids.size(), 2u);
      for (const auto& k : e.kids) validate_expr(m, k, true, define_limit, score_limit);
      break;
    case MK::Arith:
      ASSERT_EQ(e.kids.size(), 2u);
      for (const auto& k : e.kids) validate_expr(m, k, true, define_limit, score_limit);
      break;
    case MK::Negate:
      ASSERT_EQ(e.kids.size(), 1u);
      validate_expr(m, e.kids[0], true, define_limit, score_limit);
      break;
    case MK::Not:
      ASSERT_EQ(e.kids.size(), 1u);
      validate_expr(m, e.kids[0], false, define_limit, score_limit);
      break;
    case MK::And:
    case MK::Or:
    case MK::AtLeast:
      ASSERT_FALSE(e.kids.empty());
      if (e.kind == MK::AtLeast) {
        EXPECT_GE(e.count, 1u);
        EXPECT_LE(e.count, e.kids.size());
      }
      for (const auto& k : e.kids) validate_expr(m, k, false, define_limit, score_limit);
      break;
    case MK::Constant: EXPECT_TRUE(std::isfinite(e.number)); break;
  }
}

void validate(const Model& m) {
  for (std::size_t i = 0; i < m.defines.size(); ++i)
    validate_expr(m, m.defines[i].expr, m.defines[i].numeric, i, m.scores.size());
  for (const auto& s : m.scores)
    for (const auto& t : s.terms) validate_expr(m, t.when, false, m.defines.size(), m.scores.size());
  for (const auto& r : m.rules) {
    validate_expr(m, r.when, false, m.defines.size(), m.scores.size());
    for (const auto& a : r.actions) {
      if (a.kind == Action::Kind::Suggest || a.kind == Action::Kind::Consider || a.kind == Action::Kind::Exclude) {
        EXPECT_LT(a.target, m.conditions.size());
      }
      if (a.kind == Action::Kind::Triage) {
        EXPECT_LE(a.target, 3u);
      }
      if (a.kind == Action::Kind::Ask) {
        EXPECT_LT(a.target, m.findings.size());
      }
    }
  }
  if (m.screen)
    for (std::uint32_t slot : m.screen->findings) EXPECT_LT(slot, m.findings.size());
  for (const auto& t : m.tests) {
    for (const auto& g : t.given) EXPECT_LT(g.slot, m.findings.size());
    for (const auto& x : t.expect) {
      if (x.kind == Expectation::Kind::Redflag) {
        ASSERT_LT(x.target, m.rules.size());
        EXPECT_TRUE(m.rules[x.target].redflag);
      }
      if (x.kind == Expectation::Kind::Ask) {
        EXPECT_LT(x.target, m.findings.size());
      }
    }
  }
}

// A small complete rule set over two files, every declaration used.
struct TwoFiles {
  B a{"a.ard",
      "ruleset hip version \"1.2.3\"\n"
      "finding fever: bool\n"
      "finding pain_peak: one of {during_activity, hours_after, day_after, constant}\n"
      "finding age: number 0..130 integer\n"
      "finding symptom_duration: duration\n"
      "condition overload\n",
      0};
  B b{"b.ard",
      "finding night_pain: bool\n"
      "define both = late and night_pain\n"
      "define late = pain_peak in {hours_after, constant}\n"
      "define onset = age - symptom_duration / 1 year\n"
      "score risk:\n"
      "  +2 when fever\n"
      "  -1 when symptom_duration > 6 weeks\n"
      "rule r1: both and onset < 40 and risk >= 1 -> suggest overload likely, triage urgent\n"
      "redflag hot: fever and age between 60 and 90 and pain_peak is day_after -> triage emergency, ask night_pain, advise \"Go now.\"\n"
      "test \"t1\":\n"
      "  given fever = yes, pain_peak = constant, age = 70, symptom_duration = 48 hours, night_pain = unknown\n"
      "  expect redflag hot, triage emergency, suggest overload, ask night_pain\n"
      "screen \"Red flags\" ask night_pain, fever\n",
      1};

  TwoFiles() {
    a.header("hip", "1.2.3").title = syntax::Text{"Hip", {}};
    a.boolean("fever").attrs.label = syntax::Text{"Fever", {}};
    a.enumeration("pain_peak", {"during_activity", "hours_after", "day_after", "constant"});
    a.number("age", 0, 130, true);
    a.duration("symptom_duration");
    a.condition("overload");

    b.boolean("night_pain");
    b.define("both", b.and_({b.ref("late"), b.ref("night_pain@2")}));
    b.define("late@2", b.in("pain_peak", {"hours_after", "constant"}));
    b.define("onset", b.arith(b.ref("age"), '-', b.arith(b.ref("symptom_duration"), '/', b.dur("1 year"))));
    b.score("risk", {{2, b.ref("fever")}, {-1, b.cmp(b.ref("symptom_duration@2"), ">", b.dur("6 weeks"))}});
    b.rule("r1",
           b.and_({b.ref("both@2"), b.cmp(b.ref("onset@2"), "<", b.num("40")), b.cmp(b.ref("risk@2"), ">=", b.num("1"))}),
           {b.suggest("overload", "likely"), b.triage("urgent")});
    b.redflag("hot",
              b.and_({b.ref("fever@2"), b.between(b.ref("age@2"), b.num("60"), b.num("90")), b.is("pain_peak@2", "day_after")}),
              {b.triage("emergency"), b.ask("night_pain@3"), b.advise("Go now.")});
    b.test("t1",
           {b.yes("fever@3"), b.given_enum("pain_peak@3", "constant@2"), b.given_number("age@3", "70"),
            b.given_duration("symptom_duration@3", "48 hours"), b.given_unknown("night_pain@4")},
           {b.expect(K::Redflag, "hot@2"), b.expect(K::Triage, "emergency@2"), b.expect(K::Suggest, "overload@2"),
            b.expect(K::Ask, "night_pain@5")});
    b.screen({"night_pain@6", "fever@4"}, "Red flags");
  }
  CheckOutput run() const { return fixture::run({&a, &b}); }
};

TEST(CheckedModel, CleanRuleSetHasNoDiagnostics) {
  TwoFiles t;
  CheckOutput out = t.run();
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  EXPECT_TRUE(out.ok());
  validate(out.model);
}

TEST(CheckedModel, HeaderAndFiles) {
  CheckOutput out = TwoFiles().run();
  EXPECT_EQ(out.model.name, "hip");
  EXPECT_EQ(out.model.version, "1.2.3");
  EXPECT_EQ(out.model.title, "Hip");
  EXPECT_EQ(out.model.default_triage, Triage::routine);
  ASSERT_EQ(out.model.files.size(), 2u);
  EXPECT_EQ(out.model.files[1].path, "b.ard");
}

TEST(CheckedModel, SlotsFollowDeclarationOrderAcrossFiles) {
  CheckOutput out = TwoFiles().run();
  std::vector<std::string> names;
  for (const auto& f : out.model.findings) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"fever", "pain_peak", "age", "symptom_duration", "night_pain"}));
  EXPECT_EQ(out.model.findings[2].type, ValueType::Number);
  EXPECT_EQ(out.model.findings[2].min, 0);
  EXPECT_EQ(out.model.findings[2].max, 130);
  EXPECT_TRUE(out.model.findings[2].integer);
  EXPECT_TRUE(std::isnan(out.model.findings[3].min));
  EXPECT_EQ(out.model.findings[1].values.size(), 4u);
}

TEST(CheckedModel, ScreenIsSlotsInDeclaredOrder) {
  CheckOutput out = TwoFiles().run();
  ASSERT_TRUE(out.model.screen);
  EXPECT_EQ(out.model.screen->title, "Red flags");
  EXPECT_EQ(out.model.screen->findings, (std::vector<std::uint32_t>{4, 0}));  // night_pain (b.ard), fever (a.ard)
  EXPECT_EQ(out.model.screen->span.file, 1u);
  EXPECT_EQ(out.model.screen->span.line, 13u);
  EXPECT_EQ(out.model.screen->span.col, 1u);
}

TEST(CheckedModel, ScreenTitleDefaultsAndNoScreenIsNone) {
  B a("a.ard", "ruleset r version \"1.0.0\"\nfinding fever: bool\nrule r1: fever -> triage urgent\nscreen ask fever\n");
  a.header("r", "1.0.0");
  a.boolean("fever");
  a.rule("r1", a.ref("fever@2"), {a.triage("urgent")});
  CheckOutput none = run(a);
  EXPECT_TRUE(none.diagnostics.empty()) << format(none.diagnostics);
  EXPECT_FALSE(none.model.screen);
  a.screen({"fever@3"});
  CheckOutput untitled = run(a);
  EXPECT_TRUE(untitled.diagnostics.empty()) << format(untitled.diagnostics);
  ASSERT_TRUE(untitled.model.screen);
  EXPECT_EQ(untitled.model.screen->title, "Screen");
  EXPECT_EQ(untitled.model.screen->findings, std::vector<std::uint32_t>{0});
}

TEST(CheckedModel, LabelsDefaultToNames) {
  CheckOutput out = TwoFiles().run();
  EXPECT_EQ(out.model.findings[0].label, "Fever");
  EXPECT_EQ(out.model.findings[4].label, "night_pain");
  EXPECT_EQ(out.model.conditions[0].label, "overload");
  EXPECT_EQ(out.model.scores[0].label, "risk");
  EXPECT_EQ(out.model.rules[1].label, "hot");
  EXPECT_EQ(out.model.defines[0].label, "");
}

TEST(CheckedModel, DefinesComeAfterWhatTheyUse) {
  CheckOutput out = TwoFiles().run();
  ASSERT_EQ(out.model.defines.size(), 3u);
  // `both` is declared first but uses `late`, so `late` takes index 0.
  EXPECT_EQ(out.model.defines[0].name, "late");
  EXPECT_EQ(out.model.defines[1].name, "both");
  EXPECT_EQ(out.model.defines[2].name, "onset");
  const Expr& both = out.model.defines[1].expr;
  ASSERT_EQ(both.kind, MK::And);
  EXPECT_EQ(both.kids[0].kind, MK::BoolDefine);
  EXPECT_EQ(both.kids[0].index, 0u);
  EXPECT_EQ(both.kids[1].kind, MK::BoolFinding);
  EXPECT_EQ(both.kids[1].index, 4u);
  EXPECT_FALSE(out.model.defines[1].numeric);
  EXPECT_TRUE(out.model.defines[2].numeric);
}

TEST(CheckedModel, EnumTestsBecomeMasks) {
  CheckOutput out = TwoFiles().run();
  const Expr& late = out.model.defines[0].expr;
  EXPECT_EQ(late.kind, MK::EnumIn);
  EXPECT_EQ(late.index, 1u);
  EXPECT_EQ(late.mask, 0b1010u);  // hours_after (1) and constant (3)
  const Expr& hot = out.model.rules[1].when;
  ASSERT_EQ(hot.kind, MK::And);
  EXPECT_EQ(hot.kids[2].kind, MK::EnumIn);
  EXPECT_EQ(hot.kids[2].mask, 0b0100u);  // day_after (2)
}

TEST(CheckedModel, DurationsAreDays) {
  CheckOutput out = TwoFiles().run();
  // onset = age - symptom_duration / 1 year
  const Expr& onset = out.model.defines[2].expr;
  ASSERT_EQ(onset.kind, MK::Arith);
  EXPECT_EQ(onset.arith, syntax::ArithOp::Sub);
  EXPECT_EQ(onset.kids[0].kind, MK::NumFinding);
  const Expr& per_year = onset.kids[1];
  ASSERT_EQ(per_year.kind, MK::Arith);
  EXPECT_EQ(per_year.kids[1].kind, MK::Constant);
  EXPECT_DOUBLE_EQ(per_year.kids[1].number, 365.25);
  // risk: -1 when symptom_duration > 6 weeks
  const Expr& weeks = out.model.scores[0].terms[1].when;
  ASSERT_EQ(weeks.kind, MK::Compare);
  EXPECT_DOUBLE_EQ(weeks.kids[1].number, 42);
  // given symptom_duration = 48 hours
  EXPECT_DOUBLE_EQ(out.model.tests[0].given[3].number, 2);
}

TEST(CheckedModel, DurationUnits) {
  const std::pair<const char*, double> units[] = {
      {"90 minutes", 0.0625}, {"36 hours", 1.5}, {"3 days", 3},         {"2 weeks", 14},
      {"4 months", 121.75},   {"1 year", 365.25}, {"2 years", 730.5},
  };
  for (const auto& [text, days] : units) {
    B b("u.ard", std::string("ruleset u version \"1.0.0\"\nfinding d: duration\nrule r: d > ") + text +
                     " -> triage urgent\n");
    b.header("u", "1.0.0");
    b.duration("d");
    b.rule("r", b.cmp(b.ref("d@2"), ">", b.dur(text)), {b.triage("urgent")});
    CheckOutput out = run(b);
    ASSERT_TRUE(out.ok()) << format(out.diagnostics);
    EXPECT_DOUBLE_EQ(out.model.rules[0].when.kids[1].number, days) << text;
  }
}

TEST(CheckedModel, ScoresAndComparisons) {
  CheckOutput out = TwoFiles().run();
  ASSERT_EQ(out.model.scores.size(), 1u);
  const Score& risk = out.model.scores[0];
  ASSERT_EQ(risk.terms.size(), 2u);
  EXPECT_EQ(risk.terms[0].points, 2);
  EXPECT_EQ(risk.terms[1].points, -1);
  const Expr& r1 = out.model.rules[0].when;
  ASSERT_EQ(r1.kind, MK::And);
  EXPECT_EQ(r1.kids[1].kind, MK::Compare);
  EXPECT_EQ(r1.kids[1].kids[0].kind, MK::NumDefine);
  EXPECT_EQ(r1.kids[1].kids[0].index, 2u);
  EXPECT_EQ(r1.kids[2].kids[0].kind, MK::ScoreRef);
  EXPECT_EQ(r1.kids[2].cmp, syntax::CmpOp::Ge);
}

TEST(CheckedModel, BetweenIsTwoInclusiveComparisons) {
  CheckOutput out = TwoFiles().run();
  const Expr& between = out.model.rules[1].when.kids[1];
  ASSERT_EQ(between.kind, MK::And);
  ASSERT_EQ(between.kids.size(), 2u);
  EXPECT_EQ(between.kids[0].cmp, syntax::CmpOp::Ge);
  EXPECT_EQ(between.kids[0].kids[1].number, 60);
  EXPECT_EQ(between.kids[1].cmp, syntax::CmpOp::Le);
  EXPECT_EQ(between.kids[1].kids[1].number, 90);
  EXPECT_EQ(between.kids[1].kids[0].kind, MK::NumFinding);
  EXPECT_EQ(between.kids[1].kids[0].index, 2u);
}

TEST(CheckedModel, Actions) {
  CheckOutput out = TwoFiles().run();
  const auto& r1 = out.model.rules[0].actions;
  ASSERT_EQ(r1.size(), 2u);
  EXPECT_EQ(r1[0].kind, Action::Kind::Suggest);
  EXPECT_EQ(r1[0].target, 0u);
  EXPECT_EQ(r1[0].strength, Action::Strength::Likely);
  EXPECT_EQ(r1[1].kind, Action::Kind::Triage);
  EXPECT_EQ(r1[1].target, static_cast<std::uint32_t>(Triage::urgent));
  const auto& hot = out.model.rules[1];
  EXPECT_TRUE(hot.redflag);
  ASSERT_EQ(hot.actions.size(), 3u);
  EXPECT_EQ(hot.actions[0].target, static_cast<std::uint32_t>(Triage::emergency));
  EXPECT_EQ(hot.actions[1].kind, Action::Kind::Ask);
  EXPECT_EQ(hot.actions[1].target, 4u);
  EXPECT_EQ(hot.actions[2].kind, Action::Kind::Advise);
  EXPECT_EQ(hot.actions[2].text, "Go now.");
}

TEST(CheckedModel, Tests) {
  CheckOutput out = TwoFiles().run();
  ASSERT_EQ(out.model.tests.size(), 1u);
  const check::Test& t = out.model.tests[0];
  EXPECT_EQ(t.name, "t1");
  ASSERT_EQ(t.given.size(), 5u);
  EXPECT_EQ(t.given[0].kind, GivenValue::Kind::Bool);
  EXPECT_TRUE(t.given[0].boolean);
  EXPECT_EQ(t.given[1].kind, GivenValue::Kind::Enum);
  EXPECT_EQ(t.given[1].slot, 1u);
  EXPECT_EQ(t.given[1].enum_value, 3u);
  EXPECT_EQ(t.given[2].kind, GivenValue::Kind::Number);
  EXPECT_EQ(t.given[2].number, 70);
  EXPECT_EQ(t.given[4].kind, GivenValue::Kind::Unknown);
  EXPECT_EQ(t.given[4].slot, 4u);
  ASSERT_EQ(t.expect.size(), 4u);
  EXPECT_EQ(t.expect[0].kind, Expectation::Kind::Redflag);
  EXPECT_EQ(t.expect[0].target, 1u);  // rule index of `hot`
  EXPECT_EQ(t.expect[1].target, static_cast<std::uint32_t>(Triage::emergency));
  EXPECT_EQ(t.expect[2].kind, Expectation::Kind::Suggest);
  EXPECT_EQ(t.expect[2].target, 0u);
  EXPECT_EQ(t.expect[3].kind, Expectation::Kind::Ask);
  EXPECT_EQ(t.expect[3].target, 4u);
}

TEST(CheckedModel, ConstantArithmeticIsFolded) {
  B b("f.ard", "ruleset f version \"1.0.0\"\nfinding x: number\nrule r: x > -(2 * 3) -> triage urgent\n");
  b.header("f", "1.0.0");
  b.number("x", std::nullopt, std::nullopt);
  b.rule("r", b.cmp(b.ref("x@2"), ">", b.neg(b.arith(b.num("2"), '*', b.num("3")))), {b.triage("urgent")});
  CheckOutput out = run(b);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  const Expr& rhs = out.model.rules[0].when.kids[1];
  EXPECT_EQ(rhs.kind, MK::Constant);
  EXPECT_EQ(rhs.number, -6);
  validate(out.model);
}

TEST(CheckedModel, ScoresComeAfterScoresTheyUse) {
  B b("s.ard",
      "ruleset s version \"1.0.0\"\nfinding fever: bool\n"
      "score outer:\n  +1 when inner >= 1\nscore inner:\n  +1 when fever\nrule r: outer >= 1 -> triage urgent\n");
  b.header("s", "1.0.0");
  b.boolean("fever");
  b.score("outer", {{1, b.cmp(b.ref("inner"), ">=", b.num("1"))}});
  b.score("inner@2", {{1, b.ref("fever@2")}});
  b.rule("r", b.cmp(b.ref("outer@2"), ">=", b.num("1@3")), {b.triage("urgent")});
  CheckOutput out = run(b);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  ASSERT_EQ(out.model.scores.size(), 2u);
  EXPECT_EQ(out.model.scores[0].name, "inner");
  EXPECT_EQ(out.model.scores[1].name, "outer");
  const Expr& uses = out.model.scores[1].terms[0].when;
  EXPECT_EQ(uses.kids[0].kind, MK::ScoreRef);
  EXPECT_EQ(uses.kids[0].index, 0u);
  EXPECT_EQ(out.model.rules[0].when.kids[0].index, 1u);
  validate(out.model);
}

TEST(CheckedModel, LongDefineChainsResolveInOrder) {
  // d0 uses d1 uses d2 ... declared first to last: the model must reverse them.
  std::string text = "ruleset chain version \"1.0.0\"\nfinding fever: bool\n";
  constexpr int kDepth = 1000;
  for (int i = 0; i < kDepth; ++i) text += "define d" + std::to_string(i) + " = d" + std::to_string(i + 1) + "\n";
  text += "define d" + std::to_string(kDepth) + " = fever\nrule r: d0 -> triage urgent\n";
  B b("chain.ard", text);
  b.header("chain", "1.0.0");
  b.boolean("fever");
  for (int i = 0; i < kDepth; ++i)
    b.define("d" + std::to_string(i), b.ref("d" + std::to_string(i + 1)));  // spans are approximate here
  b.define("d" + std::to_string(kDepth) + "@2", b.ref("fever@2"));
  b.rule("r", b.ref("d0@2"), {b.triage("urgent")});
  CheckOutput out = run(b);
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  ASSERT_EQ(out.model.defines.size(), static_cast<std::size_t>(kDepth + 1));
  EXPECT_EQ(out.model.defines.front().name, "d" + std::to_string(kDepth));
  EXPECT_EQ(out.model.defines.back().name, "d0");
  validate(out.model);
}

}  // namespace
}  // namespace ardent::check::fixture
