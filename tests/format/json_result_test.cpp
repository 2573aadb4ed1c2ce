// The JSON result, schema v2 (docs/result-schema.md): every field present and typed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ardent/ardent.hpp"
#include "support/demo_ruleset.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

using nlohmann::json;

RulesetPtr demo() {
  static RulesetPtr rs = [] {
    CompileOutput out = compile_source(kDemoRuleset, "demo.ard");
    EXPECT_TRUE(out.ok()) << format(out.diagnostics);
    return out.ruleset;
  }();
  return rs;
}

json render(const Case& c) {
  Result r = evaluate(c);
  return json::parse(format_json(c, r));
}

TEST(JsonResult, EveryFieldIsThereWithItsType) {
  Case c(demo());
  // Saddle anaesthesia is an emergency, so the interview stops; a fever would start the infection
  // red flag, but below emergency nothing more is asked (the second case below asks it).
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true,
                 "saddle_anaesthesia": true, "hop_pain": true, "symptom_duration": "3 weeks", "fever": true})");
  const json j = render(c);
  EXPECT_EQ(j.at("schema"), 2);
  ASSERT_TRUE(j.at("ruleset").is_object());
  EXPECT_EQ(j["ruleset"].at("name"), "demo");
  EXPECT_EQ(j["ruleset"].at("version"), "1.2.0");
  EXPECT_EQ(j["ruleset"].at("hash"), demo()->hash());
  EXPECT_EQ(j.at("engine"), kEngineVersion);
  EXPECT_EQ(j.at("dsl"), kDslVersion);
  EXPECT_EQ(j.at("triage"), "emergency");
  EXPECT_EQ(j.at("triage_is_default"), false);

  ASSERT_TRUE(j.at("interview").is_object());
  EXPECT_EQ(j["interview"].at("complete"), true);
  EXPECT_EQ(j["interview"].at("provisional"), false);
  EXPECT_EQ(j["interview"].at("self_care_withheld"), false);
  // The demo's screen (saddle anaesthesia, fever) is answered.
  EXPECT_EQ(j["interview"].at("screen"),
            json::parse(R"({"title": "Red flags", "asked": 2, "pending": []})"));
  EXPECT_TRUE(j["interview"].at("stop").is_object());

  ASSERT_TRUE(j.at("red_flags").is_array());
  ASSERT_EQ(j["red_flags"].size(), 1u);
  const json& flag = j["red_flags"][0];
  EXPECT_EQ(flag.at("id"), "cauda_equina");
  EXPECT_EQ(flag.at("label"), "Possible cauda equina syndrome");
  EXPECT_EQ(flag.at("triage"), "emergency");
  EXPECT_EQ(flag.at("because"), json::array({"saddle anaesthesia"}));
  EXPECT_EQ(flag.at("advice"), json::array({"Same-day emergency assessment."}));
  EXPECT_TRUE(flag.at("codes").is_array());
  EXPECT_TRUE(flag.at("source").get<std::string>().rfind("demo.ard:", 0) == 0) << flag["source"];

  ASSERT_TRUE(j.at("conditions").is_array());
  ASSERT_EQ(j["conditions"].size(), 2u);
  const json& suggested = j["conditions"][0];
  EXPECT_EQ(suggested.at("id"), "bone_stress");
  EXPECT_EQ(suggested.at("status"), "suggested");
  EXPECT_TRUE(suggested.at("strength").is_null());
  EXPECT_TRUE(suggested.at("priority").is_number_integer());
  EXPECT_TRUE(suggested.at("codes").is_array());
  EXPECT_EQ(suggested.at("advice"), json::array({"Stop running until reviewed."}));
  ASSERT_TRUE(suggested.at("because").is_array());
  EXPECT_NE(std::find(suggested["because"].begin(), suggested["because"].end(), "pain on hopping"),
            suggested["because"].end())
      << suggested["because"];
  const json& excluded = j["conditions"][1];
  EXPECT_EQ(excluded.at("id"), "deep_rotator_overload");
  EXPECT_EQ(excluded.at("status"), "excluded");
  EXPECT_EQ(excluded.at("codes"),
            json::parse(R"([{"system":"http://hl7.org/fhir/sid/icd-10","code":"M76.8","display":"Deep hip rotator overload"}])"));

  ASSERT_TRUE(j.at("advice").is_array());
  EXPECT_EQ(j["advice"][0], "Same-day emergency assessment.");
  for (const auto& a : j["advice"]) EXPECT_TRUE(a.is_string());

  ASSERT_TRUE(j.at("undecided").is_array());
  ASSERT_FALSE(j["undecided"].empty());
  for (const auto& u : j["undecided"]) {
    EXPECT_TRUE(u.at("rule").is_string());
    EXPECT_TRUE(u.at("missing").is_array());
    EXPECT_TRUE(u.at("standing").is_string());
  }
  ASSERT_TRUE(j.at("ask_next").is_array());
  EXPECT_TRUE(j["ask_next"].empty());
  EXPECT_TRUE(j.at("warnings").is_array());

  // Without the emergency, the fever's red flag asks for the age.
  c.set_json(R"({"saddle_anaesthesia": false})");
  const json open = render(c);
  EXPECT_EQ(open["interview"].at("complete"), false);
  EXPECT_TRUE(open["interview"].at("stop").is_null());
  ASSERT_TRUE(open.at("ask_next").is_array());
  ASSERT_FALSE(open["ask_next"].empty());
  for (const auto& a : open["ask_next"]) {
    EXPECT_TRUE(a.at("finding").is_string());
    EXPECT_TRUE(a.at("question").is_string());
    EXPECT_TRUE(a.at("reason").is_string());
    EXPECT_EQ(a.at("why"), a.at("reason"));
    EXPECT_TRUE(a.at("could_decide").is_array());
  }
  EXPECT_EQ(open["ask_next"][0].at("finding"), "age");
  EXPECT_EQ(open["ask_next"][0].at("question"), "Age?");
  EXPECT_EQ(open["ask_next"][0].at("why"), "red_flag");
}

TEST(JsonResult, SuggestedStrengthAndAskNext) {
  Case c(demo());
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true})");
  const json j = render(c);
  EXPECT_EQ(j.at("triage"), "self_care");
  EXPECT_EQ(j["interview"].at("provisional"), true);  // the screen is not answered yet
  EXPECT_EQ(j["interview"].at("self_care_withheld"), false);
  EXPECT_EQ(j["interview"].at("screen"),
            json::parse(R"({"title": "Red flags", "asked": 0, "pending": ["saddle_anaesthesia", "fever"]})"));
  EXPECT_EQ(j["conditions"][0].at("strength"), "likely");
  EXPECT_EQ(j["conditions"][0].at("because"),
            json::array({"pain felt centrally in the buttock", "pain peaks: day after activity", "pain lying on either side"}));
  // The screen first, with its `ask` text and the rules it could decide.
  EXPECT_EQ(j["ask_next"][0].at("finding"), "saddle_anaesthesia");
  EXPECT_EQ(j["ask_next"][0].at("question"), "Any numbness around the back passage or genitals?");
  EXPECT_EQ(j["ask_next"][0].at("reason"), "screen");
  EXPECT_EQ(j["ask_next"][0].at("why"), "screen");
  EXPECT_EQ(j["ask_next"][0].at("could_decide"), json::array({"cauda_equina"}));
}

TEST(JsonResult, DivisionByZeroIsAWarning) {
  ModelBuilder b;
  auto a = b.number("a", 0, 10), x = b.number("x", 0, 10);
  b.rule("ratio", Cmp(CmpOp::Gt, Arith(ArithOp::Div, Num(a), Num(x)), K(1)));
  auto rs = b.ruleset();
  Case c(rs);
  c.set_number(a, 1);
  c.set_number(x, 0);
  const json j = render(c);
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0].at("kind"), "division_by_zero");
  EXPECT_EQ(j["warnings"][0].at("rule"), "ratio");
  EXPECT_TRUE(j["warnings"][0].at("message").is_string());
}

TEST(JsonResult, TextsAreEscaped) {
  ModelBuilder b;
  auto x = b.boolean("x", "Pain \"sharp\"\nand \\ odd \x01");
  auto c0 = b.condition("c0", "Label with \"quotes\"", {"Line one\nline two\t\u00e9"});
  b.rule("r", B(x)).suggest(c0).advise("Say \"hi\"");
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, true);
  const json j = render(c);  // parses: escaping is right
  EXPECT_EQ(j["conditions"][0]["label"], "Label with \"quotes\"");
  EXPECT_EQ(j["conditions"][0]["advice"][0], "Line one\nline two\t\u00e9");
  EXPECT_EQ(j["conditions"][0]["because"][0], "pain \"sharp\"\nand \\ odd \x01");
  EXPECT_EQ(j["advice"][0], "Say \"hi\"");
}

TEST(JsonResult, IndentedIsTheSameDocument) {
  Case c(demo());
  c.set_bool("fever", true);
  Result r = evaluate(c);
  EXPECT_EQ(json::parse(format_json(c, r)), json::parse(format_json(c, r, 2)));
  EXPECT_EQ(format_json(c, r).find('\n'), std::string::npos);  // one line: JSON Lines
}

TEST(JsonResult, RefusesAResultOfAnotherRuleSet) {
  ModelBuilder b;
  b.boolean("x");
  auto rs = b.ruleset();
  Case mine(rs), theirs(demo());
  Result r = evaluate(mine);
  EXPECT_THROW(format_json(theirs, r), std::invalid_argument);
  EXPECT_THROW(format_text(theirs, r), std::invalid_argument);
  EXPECT_THROW(format_cds_cards(theirs, r), std::invalid_argument);
  Result never;
  EXPECT_THROW(format_json(mine, never), std::invalid_argument);
}

}  // namespace
}  // namespace ardent::test
