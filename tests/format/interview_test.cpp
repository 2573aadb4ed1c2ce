// The interview in the renderings: `interview` in the JSON result (docs/result-schema.md), the
// "Interview:" line of the text report and the provisional triage and pending screen in the CDS
// Hooks cards.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "ardent/ardent.hpp"
#include "bench/generated_ruleset.hpp"
#include "support/demo_ruleset.hpp"
#include "support/interview_ruleset.hpp"

namespace ardent::test {
namespace {

using nlohmann::json;

json render(const RulesetPtr& rs, const std::string& findings) {
  Case c(rs);
  c.set_json(findings);
  const Result r = evaluate(c);
  const std::string text = format_json(c, r);
  return json::parse(text);  // throws on invalid JSON
}

// The phrase of a standing given by its name.
std::string phrase_of(const std::string& name) {
  for (int i = 0; i <= static_cast<int>(Standing::distant); ++i)
    if (to_string(static_cast<Standing>(i)) == name) return std::string(standing_phrase(static_cast<Standing>(i)));
  ADD_FAILURE() << "no standing is called " << name;
  return {};
}

std::vector<std::string> names_of(const json& array, const char* key) {
  std::vector<std::string> out;
  for (const auto& item : array) out.push_back(item.at(key));
  return out;
}

// --- the JSON result --------------------------------------------------------------------------

// A table of cases on the rule set without a screen: what `interview` says, and that it agrees
// with ask_next and with the Result.
struct JsonCase {
  const char* name;
  const char* findings;
  bool complete;
  const char* triage;
  std::vector<std::string> ask;       // ask_next[].finding
  std::vector<std::string> why;       // ask_next[].why
  std::vector<std::string> settled;   // stop.settled[].rule ("rule:standing"), when complete
  int no_true_part;                   // stop.no_true_part, when complete
};

class InterviewJson : public ::testing::TestWithParam<JsonCase> {};

TEST_P(InterviewJson, SaysWhetherItIsCompleteAndWhy) {
  const JsonCase& t = GetParam();
  const json j = render(interview_ruleset(), t.findings);
  const json& iv = j.at("interview");
  EXPECT_EQ(iv.at("complete"), t.complete) << iv;
  EXPECT_EQ(iv.at("provisional"), !t.complete);
  EXPECT_EQ(iv.at("self_care_withheld"), false) << "the engine never withholds self-care";
  EXPECT_TRUE(iv.at("screen").is_null()) << "the rule set declares no screen";
  EXPECT_EQ(j.at("triage"), t.triage);
  EXPECT_EQ(names_of(j.at("ask_next"), "finding"), t.ask);
  EXPECT_EQ(names_of(j.at("ask_next"), "why"), t.why);
  EXPECT_EQ(names_of(j.at("ask_next"), "reason"), t.why) << "`reason` stays, with the same value";
  // Complete exactly when nothing is left to ask.
  EXPECT_EQ(iv["complete"].get<bool>(), j["ask_next"].empty());
  if (!t.complete) {
    EXPECT_TRUE(iv.at("stop").is_null());
    return;
  }
  const json& stop = iv.at("stop");
  ASSERT_TRUE(stop.is_object()) << iv;
  EXPECT_EQ(stop.at("screen_answered"), true);
  EXPECT_EQ(stop.at("message"), "nothing not yet asked could change the triage, the red flags or the leading condition");
  std::vector<std::string> settled;
  for (const auto& s : stop.at("settled")) {
    settled.push_back(s.at("rule").get<std::string>() + ":" + s.at("standing").get<std::string>());
    EXPECT_EQ(s.at("reason"), phrase_of(s.at("standing")));
  }
  EXPECT_EQ(settled, t.settled);
  EXPECT_EQ(stop.at("no_true_part"), t.no_true_part);
  // The settled rules and those with no true part are every undecided rule.
  EXPECT_EQ(j.at("undecided").size(), t.settled.size() + static_cast<std::size_t>(t.no_true_part));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, InterviewJson,
    ::testing::Values(
        // Nothing holds anywhere: nothing is worth asking (no fishing).
        JsonCase{"nothing_asked", "{}", true, "routine", {}, {}, {}, 4},
        // A true part of the self-care rule and of the piriformis rule: follow the picture, the
        // triage-lowering question last (self-care is the interview's last conclusion).
        JsonCase{"following_the_picture",
                 R"({"pain_central": true})",
                 false,
                 "routine",
                 {"pain_sitting", "pain_peak"},
                 {"decides_condition", "lowers_triage"},
                 {},
                 0},
        // Self-care, and what is left could change nothing that matters.
        JsonCase{"self_care_settled",
                 R"({"pain_central": true, "pain_peak": "day_after_activity"})",
                 true,
                 "self_care",
                 {},
                 {},
                 {"sitting:no_change"},
                 2},
        // A fever is a true part of the septic hip red flag: its question comes; the self-care
        // the rules conclude stays provisional meanwhile (this rule set's self-care rule does not
        // wait for anything).
        JsonCase{"alarm_keeps_the_interview_open",
                 R"({"fever": true, "pain_central": true, "pain_peak": "day_after_activity"})",
                 false,
                 "self_care",
                 {"night_pain"},
                 {"red_flag"},
                 {},
                 0},
        JsonCase{"alarm_answered",
                 R"({"fever": true, "night_pain": false, "pain_central": true, "pain_peak": "day_after_activity"})",
                 true,
                 "self_care",
                 {},
                 {},
                 {"sitting:no_change"},
                 1},
        // Night pain answered as unknown: the red flag stays open but nothing can decide it.
        JsonCase{"answered_unknown",
                 R"({"fever": true, "night_pain": null, "pain_central": true, "pain_peak": "day_after_activity"})",
                 true,
                 "self_care",
                 {},
                 {},
                 {"septic_hip:nothing_to_ask", "sitting:no_change"},
                 1}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(InterviewJson, UndecidedRulesCarryTheirStanding) {
  const json j = render(interview_ruleset(), R"({"pain_central": true})");
  std::map<std::string, std::string> standing;
  for (const auto& u : j.at("undecided")) standing[u.at("rule")] = u.at("standing");
  EXPECT_EQ(standing, (std::map<std::string, std::string>{{"cauda_equina", "no_true_part"},
                                                          {"septic_hip", "no_true_part"},
                                                          {"overload", "lowers"},
                                                          {"sitting", "decides_condition"}}));
}

TEST(InterviewJson, FieldsComeRightAfterTheTriage) {
  Case c(interview_ruleset());
  const Result r = evaluate(c);
  const std::string text = format_json(c, r);
  EXPECT_NE(text.find(R"("triage_is_default":true,"interview":{"complete":true,"provisional":false,)"
                      R"("self_care_withheld":false,"screen":null,"stop":{"screen_answered":true,)"),
            std::string::npos)
      << text;
  // Indented output is the same document.
  EXPECT_EQ(json::parse(text), json::parse(format_json(c, r, 2)));
}

// The interview agrees with the Result on every case of a larger rule set, and the document
// stays valid JSON however many undecided rules and questions there are.
TEST(InterviewJson, AgreesWithTheResultOnTheDemoRuleSet) {
  CompileOutput out = compile_source(kDemoRuleset, "demo.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  const std::vector<std::string> cases = {
      "{}",
      R"({"pain_central": true})",
      R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true})",
      R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true, "saddle_anaesthesia": false, "fever": false})",
      R"({"fever": true})",
      R"({"fever": true, "age": 30, "hop_pain": true, "night_pain": null})",
  };
  for (const auto& findings : cases) {
    Case c(out.ruleset);
    c.set_json(findings);
    const Result r = evaluate(c);
    const json j = json::parse(format_json(c, r));
    const json& iv = j.at("interview");
    EXPECT_EQ(iv.at("complete"), r.complete()) << findings;
    EXPECT_EQ(iv.at("provisional"), r.provisional()) << findings;
    EXPECT_EQ(iv.at("self_care_withheld"), false) << findings;
    EXPECT_EQ(iv.at("stop").is_null(), !r.complete()) << findings;
    ASSERT_EQ(j.at("undecided").size(), r.undecided().size());
    for (std::size_t i = 0; i < r.undecided().size(); ++i)
      EXPECT_EQ(j["undecided"][i].at("standing"), to_string(r.undecided()[i].standing)) << findings;
    ASSERT_EQ(j.at("ask_next").size(), r.ask_next().size());
    for (std::size_t i = 0; i < r.ask_next().size(); ++i)
      EXPECT_EQ(j["ask_next"][i].at("why"), to_string(r.ask_next()[i].reason)) << findings;
  }
}

// A rule set larger than the planner's bit sets (more than 256 findings): the document stays
// valid, and every question, undecided rule and the interview agree with the Result.
TEST(InterviewJson, LargeRuleSets) {
  CompileOutput out = compile_source(bench::generated_ruleset(400), "generated.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  ASSERT_GT(out.ruleset->findings().size(), 256u);
  for (int seed = 0; seed < 8; ++seed) {
    Case c(out.ruleset);
    std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(seed) * 7919u;
    for (std::uint32_t slot = 0; slot < out.ruleset->findings().size(); ++slot) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      if (out.ruleset->findings()[slot].type != FindingType::boolean || x % 4 == 0) continue;  // not asked
      if (x % 4 == 1) c.set_unknown(slot);
      else c.set_bool(slot, x % 4 == 2 && seed % 2 == 0);
    }
    const Result r = evaluate(c);
    const json j = json::parse(format_json(c, r));
    EXPECT_EQ(j["interview"]["complete"], r.complete()) << seed;
    EXPECT_EQ(j["interview"]["stop"].is_null(), !r.complete()) << seed;
    ASSERT_EQ(j["ask_next"].size(), r.ask_next().size()) << seed;
    ASSERT_EQ(j["undecided"].size(), r.undecided().size()) << seed;
    for (std::size_t i = 0; i < r.undecided().size(); ++i)
      EXPECT_EQ(j["undecided"][i]["standing"], to_string(r.undecided()[i].standing));
    if (r.complete()) {
      std::size_t settled = 0, idle = 0;
      for (const auto& u : r.undecided()) (u.standing == Standing::no_true_part ? idle : settled) += 1;
      EXPECT_EQ(j["interview"]["stop"]["settled"].size(), settled);
      EXPECT_EQ(j["interview"]["stop"]["no_true_part"], idle);
    }
    EXPECT_EQ(json::parse(format_json(c, r)), json::parse(format_json(c, r, 2)));
  }
}

TEST(InterviewJson, ScreenProgress) {
  const RulesetPtr rs = interview_ruleset_with_screen();
  ASSERT_TRUE(rs);

  json j = render(rs, "{}");
  EXPECT_EQ(j["interview"]["complete"], false);
  EXPECT_EQ(j["interview"]["screen"], json::parse(R"({"title": "Red-flag screen", "asked": 0,
      "pending": ["saddle_anaesthesia", "bladder_change", "fever"]})"));
  EXPECT_EQ(names_of(j["ask_next"], "finding"),
            (std::vector<std::string>{"saddle_anaesthesia", "bladder_change", "fever"}));
  EXPECT_EQ(names_of(j["ask_next"], "why"), (std::vector<std::string>{"screen", "screen", "screen"}));

  // The screen keeps the interview open: the self-care the rules conclude is provisional.
  j = render(rs, R"({"pain_central": true, "pain_peak": "day_after_activity", "fever": false})");
  EXPECT_EQ(j["triage"], "self_care");
  EXPECT_EQ(j["interview"]["provisional"], true);
  EXPECT_EQ(j["interview"]["self_care_withheld"], false);
  EXPECT_EQ(j["interview"]["screen"]["asked"], 1);
  EXPECT_EQ(j["interview"]["screen"]["pending"], json::parse(R"(["saddle_anaesthesia", "bladder_change"])"));
  EXPECT_TRUE(j["interview"]["stop"].is_null());

  // An unknown answer completes a screen question.
  j = render(rs, R"({"pain_central": true, "pain_peak": "day_after_activity", "fever": false,
                     "saddle_anaesthesia": false, "bladder_change": null})");
  EXPECT_EQ(j["triage"], "self_care");
  EXPECT_EQ(j["interview"]["complete"], true);
  EXPECT_EQ(j["interview"]["self_care_withheld"], false);
  EXPECT_EQ(j["interview"]["screen"]["asked"], 3);
  EXPECT_EQ(j["interview"]["screen"]["pending"], json::array());
  EXPECT_EQ(j["interview"]["stop"]["screen_answered"], true);
  EXPECT_EQ(j["interview"]["stop"]["message"],
            "the screen is answered, and nothing not yet asked could change the triage, the red flags or the "
            "leading condition");
}

// --- the text report --------------------------------------------------------------------------

std::string report(const RulesetPtr& rs, const std::string& findings, const TextOptions& options = {}) {
  Case c(rs);
  c.set_json(findings);
  const Result r = evaluate(c);
  return format_text(c, r, options);
}

TEST(InterviewText, CompleteOrIncomplete) {
  std::string text = report(interview_ruleset(), R"({"pain_central": true, "pain_peak": "day_after_activity"})");
  EXPECT_NE(text.find("Triage: SELF-CARE\n  Self-care: can be managed at home with advice; seek help if it gets worse.\n"
                      "Interview: complete\n"),
            std::string::npos)
      << text;

  text = report(interview_ruleset(), R"({"fever": true, "pain_central": true, "pain_peak": "day_after_activity"})");
  EXPECT_NE(text.find("Triage: SELF-CARE\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Interview: incomplete (provisional triage)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("1. Does the pain wake you at night? [night_pain; could reveal a red flag]"), std::string::npos)
      << text;
}

TEST(InterviewText, ReasonPhrasesAndStandings) {
  TextOptions options;
  options.show_undecided = true;
  const std::string text = report(interview_ruleset(), R"({"pain_central": true})", options);
  EXPECT_NE(text.find("2. When is the pain at its worst? [pain_peak; could lower the triage]"), std::string::npos)
      << text;
  EXPECT_NE(text.find("1. Does sitting bring the pain on? [pain_sitting; could change the leading condition]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  - overload: needs pain peaks [lowers: it could lower the triage below the default]\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  - cauda_equina: needs saddle anaesthesia and new bladder or bowel trouble [no_true_part: "
                      "nothing in it holds yet]\n"),
            std::string::npos)
      << text;
}

TEST(InterviewText, PendingScreenQuestions) {
  const RulesetPtr rs = interview_ruleset_with_screen();
  ASSERT_TRUE(rs);
  const std::string text = report(rs, R"({"saddle_anaesthesia": false})");
  EXPECT_NE(text.find("Interview: incomplete (provisional triage)\n"
                      "  Red-flag screen: 2 of 3 questions not asked yet: new bladder or bowel trouble and fever\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("1. Any new trouble passing or holding urine or stools? [bladder_change; on the screen]"),
            std::string::npos)
      << text;
}

// --- CDS Hooks cards --------------------------------------------------------------------------

json cards_of(const RulesetPtr& rs, const std::string& findings) {
  Case c(rs);
  c.set_json(findings);
  const Result r = evaluate(c);
  return json::parse(format_cds_cards(c, r)).at("cards");
}

// The shape every card keeps (the checks of text_report_test.cpp).
void expect_card_shape(const json& card) {
  static const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(card.at("uuid").get<std::string>(), v4)) << card;
  const std::string summary = card.at("summary");
  std::size_t chars = 0;
  for (unsigned char ch : summary) chars += (ch & 0xC0) != 0x80;
  EXPECT_LE(chars, 140u) << summary;
  const std::string indicator = card.at("indicator");
  EXPECT_TRUE(indicator == "info" || indicator == "warning" || indicator == "critical") << indicator;
  EXPECT_TRUE(card.at("detail").is_string());
  EXPECT_EQ(card.at("source").at("label"), "Ardent rule set interview_demo 1.0.0");
}

TEST(InterviewCards, ProvisionalTriage) {
  json cards = cards_of(interview_ruleset(), R"({"fever": true, "pain_central": true, "pain_peak": "day_after_activity"})");
  ASSERT_GE(cards.size(), 2u);
  for (const auto& card : cards) expect_card_shape(card);
  EXPECT_EQ(cards[0].at("summary"), "Triage: self_care (provisional)");
  const std::string detail = cards[0].at("detail");
  EXPECT_EQ(detail.rfind("**Provisional:** the interview is incomplete;", 0), 0u) << detail;

  cards = cards_of(interview_ruleset(), R"({"pain_central": true, "pain_peak": "day_after_activity"})");
  for (const auto& card : cards) expect_card_shape(card);
  EXPECT_EQ(cards[0].at("summary"), "Triage: self_care");
  EXPECT_EQ(cards[0].at("detail").get<std::string>().find("Provisional"), std::string::npos);
}

TEST(InterviewCards, PendingScreenQuestionsAreAWarningCard) {
  const RulesetPtr rs = interview_ruleset_with_screen();
  ASSERT_TRUE(rs);
  json cards = cards_of(rs, R"({"fever": false})");
  for (const auto& card : cards) expect_card_shape(card);
  ASSERT_EQ(cards.size(), 2u);  // the triage, the screen
  EXPECT_EQ(cards[0].at("summary"), "Triage: routine (provisional)");
  EXPECT_EQ(cards[1].at("indicator"), "warning");
  const std::string summary = cards[1].at("summary");
  EXPECT_EQ(summary.rfind("Screen incomplete: ask Any numbness between the legs or around the back passage?", 0), 0u)
      << summary;
  const std::string detail = cards[1].at("detail");
  EXPECT_NE(detail.find("**Red-flag screen:** 2 of 3 questions not asked yet."), std::string::npos) << detail;
  EXPECT_NE(detail.find("- Any numbness between the legs or around the back passage?\n"
                        "- Any new trouble passing or holding urine or stools?\n"),
            std::string::npos)
      << detail;

  // No screen card once the screen is answered.
  cards = cards_of(rs, R"({"fever": false, "saddle_anaesthesia": false, "bladder_change": false})");
  for (const auto& card : cards) EXPECT_EQ(card.at("summary").get<std::string>().find("Screen"), std::string::npos);
}

}  // namespace
}  // namespace ardent::test
