// The clinician's text report and the CDS Hooks cards.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ardent/ardent.hpp"
#include "support/demo_ruleset.hpp"
#include "support/model_builder.hpp"

namespace ardent::test {
namespace {

using nlohmann::json;

RulesetPtr demo() {
  static RulesetPtr rs = compile_source(kDemoRuleset, "demo.ard").ruleset;
  return rs;
}

TEST(TextReport, TriageRedFlagsConditionsBecauseAdviceQuestions) {
  Case c(demo());
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true,
                 "saddle_anaesthesia": true, "age": 30})");
  Result r = evaluate(c);
  const std::string text = format_text(c, r);
  EXPECT_NE(text.find("Triage: EMERGENCY"), std::string::npos) << text;
  EXPECT_NE(text.find("Interview: incomplete (provisional triage)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  Red flags: 1 of 2 questions not asked yet: fever\n"), std::string::npos) << text;
  EXPECT_NE(text.find("1. Have you had a fever? [fever; on the screen]"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string(triage_meaning(Triage::emergency))), std::string::npos);
  EXPECT_NE(text.find("! Possible cauda equina syndrome [emergency] because saddle anaesthesia"), std::string::npos)
      << text;
  EXPECT_NE(text.find("-> Same-day emergency assessment."), std::string::npos);
  EXPECT_NE(text.find("Deep hip rotator overload: suggested (likely) because pain felt centrally in the buttock, "
                      "pain peaks: day after activity and pain lying on either side"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Advice:"), std::string::npos);
  EXPECT_NE(text.find("Ask next:"), std::string::npos);
  EXPECT_NE(text.find("Rule set demo 1.2.0"), std::string::npos);
  // Red flags come before conditions.
  EXPECT_LT(text.find("Red flags:"), text.find("Conditions:"));
}

TEST(TextReport, DefaultTriageAndOptions) {
  Case c(demo());
  Result r = evaluate(c);
  TextOptions options;
  options.max_questions = 0;
  options.show_undecided = true;
  options.show_provenance = false;
  const std::string text = format_text(c, r, options);
  EXPECT_NE(text.find("Triage: ROUTINE (the rule set's default)"), std::string::npos) << text;
  EXPECT_EQ(text.find("Ask next:"), std::string::npos);
  EXPECT_NE(text.find("Undecided:"), std::string::npos);
  EXPECT_NE(text.find("cauda_equina: needs saddle anaesthesia"), std::string::npos) << text;
  EXPECT_EQ(text.find("Rule set"), std::string::npos);
}

TEST(CdsCards, IndicatorsSummariesAndSource) {
  Case c(demo());
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true,
                 "saddle_anaesthesia": true, "fever": true, "age": 30})");
  Result r = evaluate(c);
  const json j = json::parse(format_cds_cards(c, r));
  ASSERT_TRUE(j.at("cards").is_array());
  const auto& cards = j["cards"];
  ASSERT_GE(cards.size(), 4u);  // two red flags, triage, one suggested condition
  EXPECT_EQ(cards[0].at("indicator"), "critical");
  EXPECT_EQ(cards[0].at("summary"), "Red flag: Possible cauda equina syndrome");
  EXPECT_EQ(cards[1].at("indicator"), "critical");
  EXPECT_EQ(cards[2].at("summary"), "Triage: emergency");
  EXPECT_EQ(cards[2].at("indicator"), "critical");
  EXPECT_EQ(cards[3].at("indicator"), "info");
  for (const auto& card : cards) {
    EXPECT_LE(card.at("summary").get<std::string>().size(), 140u);
    EXPECT_EQ(card.at("source").at("label"), "Ardent rule set demo 1.2.0");
    EXPECT_TRUE(card.at("detail").is_string());
  }
  EXPECT_NE(cards[0]["detail"].get<std::string>().find("**Because:** saddle anaesthesia"), std::string::npos);
}

std::vector<std::string> card_uuids(const Case& c, const Result& r) {
  std::vector<std::string> out;
  const json response = json::parse(format_cds_cards(c, r));
  for (const auto& card : response.at("cards")) out.push_back(card.at("uuid"));
  return out;
}

// RFC 4122 version 4: the version nibble is 4 and the variant bits are 10.
bool is_random_uuid(const std::string& u) {
  static const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return std::regex_match(u, v4);
}

// CDS Hooks feedback refers to a card by its uuid, so a uuid must name one card of one response.
TEST(CdsCards, EveryCardOfEveryRenderingHasItsOwnRandomUuid) {
  Case c(demo());
  c.set_json(R"({"pain_central": true, "pain_peak": "day_after_activity", "side_lying_pain": true,
                 "saddle_anaesthesia": true, "fever": true, "age": 30})");
  Result r = evaluate(c);
  const std::vector<std::string> first = card_uuids(c, r);
  const std::vector<std::string> second = card_uuids(c, r);
  ASSERT_GE(first.size(), 4u);
  ASSERT_EQ(first.size(), second.size());
  std::set<std::string> all;
  for (const auto& u : first) EXPECT_TRUE(is_random_uuid(u)) << u;
  for (const auto& u : second) EXPECT_TRUE(is_random_uuid(u)) << u;
  all.insert(first.begin(), first.end());
  EXPECT_EQ(all.size(), first.size()) << "two cards of one response share a uuid";
  all.insert(second.begin(), second.end());
  EXPECT_EQ(all.size(), first.size() + second.size()) << "two renderings of one result share a uuid";
}

// A Result caches lazily, so each thread renders its own, as a batch does.
TEST(CdsCards, RenderingOnManyThreadsNeverRepeatsAUuid) {
  constexpr int kThreads = 4, kRenderings = 50;
  std::vector<std::vector<std::string>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&seen, t] {
      Case c(demo());
      c.set_json(R"({"saddle_anaesthesia": true, "fever": true, "age": 30})");
      const Result r = evaluate(c);
      for (int i = 0; i < kRenderings; ++i)
        for (auto& u : card_uuids(c, r)) seen[t].push_back(std::move(u));
    });
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  std::size_t total = 0;
  for (const auto& uuids : seen) {
    total += uuids.size();
    for (const auto& u : uuids) EXPECT_TRUE(is_random_uuid(u)) << u;
    all.insert(uuids.begin(), uuids.end());
  }
  EXPECT_GT(total, 0u);
  EXPECT_EQ(all.size(), total);
}

TEST(CdsCards, UrgentIsAWarning) {
  Case c(demo());
  c.set_json(R"({"fever": true, "age": 30, "saddle_anaesthesia": false})");
  Result r = evaluate(c);
  const json j = json::parse(format_cds_cards(c, r));
  // The infection red flag is critical; the urgent triage card is a warning.
  EXPECT_EQ(j["cards"][0]["indicator"], "critical");
  EXPECT_EQ(j["cards"][1]["summary"], "Triage: urgent");
  EXPECT_EQ(j["cards"][1]["indicator"], "warning");
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

TEST(CdsCards, LongSummariesAreCutTo140WithAnEllipsis) {
  ModelBuilder b;
  auto x = b.boolean("x");
  std::string label;
  for (int i = 0; i < 40; ++i) label += "Très long ";  // multi-byte characters straddle the cut
  b.redflag("long", B(x)).label(label).triage(Triage::urgent);
  auto rs = b.ruleset();
  Case c(rs);
  c.set_bool(x, true);
  Result r = evaluate(c);
  const json j = json::parse(format_cds_cards(c, r));
  const std::string summary = j["cards"][0]["summary"];
  EXPECT_EQ(code_points(summary), 140u);
  EXPECT_EQ(summary.substr(summary.size() - 3), "\u2026");
  EXPECT_EQ(summary.rfind("Red flag: Très long", 0), 0u);
}

}  // namespace
}  // namespace ardent::test
