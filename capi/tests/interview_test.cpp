// The interview through the C ABI: ardent_result_interview(), the ask reasons, the undecided
// rules' standing (ardent_undecided version 2) and ardent_standing_str(), on the interview rule
// set of tests/cli/rules/interview/ (interview.ard alone has no screen; the directory adds one).
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fixture.hpp"

using namespace capi_test;

namespace {

const std::string kRules = std::string(ARDENT_SOURCE_DIR) + "/tests/cli/rules/interview";

// Compiled once: without a screen, and with it.
const ardent_ruleset* without_screen() {
  static Ruleset rs = compile(kRules + "/interview.ard");
  return rs.get();
}

const ardent_ruleset* with_screen() {
  static Ruleset rs = compile(kRules);
  return rs.get();
}

Result evaluate_json(const ardent_ruleset* rs, const char* findings, size_t max_ask = 0) {
  Case c = new_case(rs);
  EXPECT_EQ(ardent_case_set_json(c.get(), findings, ARDENT_NUL_TERMINATED), ARDENT_OK) << ardent_last_error()->message;
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.max_ask = max_ask;
  ardent_result* r = nullptr;
  EXPECT_EQ(ardent_evaluate(&r, rs, c.get(), &opts), ARDENT_OK) << ardent_last_error()->message;
  return Result(r);
}

ardent_interview interview_of(const ardent_result* r) {
  ardent_interview iv = ARDENT_INTERVIEW_INIT;
  EXPECT_EQ(ardent_result_interview(&iv, r), ARDENT_OK) << ardent_last_error()->message;
  return iv;
}

std::vector<std::string> names(const ardent_ruleset* rs, const uint32_t* findings, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
    EXPECT_EQ(ardent_finding_get(&f, rs, findings[i]), ARDENT_OK);
    out.push_back(f.name);
  }
  return out;
}

std::vector<std::string> asked(const ardent_result* r) {
  std::vector<std::string> out;
  for (size_t i = 0; i < ardent_result_ask_count(r); ++i) {
    ardent_ask a = ARDENT_ASK_INIT;
    EXPECT_EQ(ardent_result_get_ask(&a, r, i), ARDENT_OK);
    out.push_back(std::string(a.name) + ":" + ardent_ask_reason_str(a.reason));
  }
  return out;
}

std::map<std::string, std::string> standings(const ardent_result* r) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < ardent_result_undecided_count(r); ++i) {
    ardent_undecided u = ARDENT_UNDECIDED_INIT;
    EXPECT_EQ(ardent_result_get_undecided(&u, r, i), ARDENT_OK);
    const char* name = ardent_standing_str(u.standing);
    EXPECT_NE(name, nullptr) << u.standing;
    out[u.id] = name ? name : "?";
  }
  return out;
}

// --- a table of cases on the rule set without a screen ----------------------------------------

struct Row {
  const char* name;
  const char* findings;
  int complete;
  int self_care_withheld;
  int triage;
  std::vector<std::string> ask;                    // "finding:reason", in order
  std::map<std::string, std::string> standing;     // undecided rule -> standing
};

class Interview : public ::testing::TestWithParam<Row> {};

TEST_P(Interview, CompleteReasonsAndStandings) {
  const Row& row = GetParam();
  Result r = evaluate_json(without_screen(), row.findings);
  ASSERT_TRUE(r);
  const ardent_interview iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, row.complete);
  EXPECT_EQ(iv.provisional, 1 - row.complete);
  EXPECT_EQ(iv.self_care_withheld, row.self_care_withheld);
  EXPECT_EQ(ardent_result_triage(r.get()), row.triage);
  EXPECT_EQ(asked(r.get()), row.ask);
  EXPECT_EQ(standings(r.get()), row.standing);
  EXPECT_EQ(iv.complete, ardent_result_ask_count(r.get()) == 0 ? 1 : 0);
  // No screen: the screen's fields are empty.
  EXPECT_STREQ(iv.screen_title, "");
  EXPECT_EQ(iv.screen_count, 0u);
  EXPECT_EQ(iv.screen, nullptr);
  EXPECT_EQ(iv.screen_asked, 0u);
  EXPECT_EQ(iv.screen_pending_count, 0u);
  EXPECT_EQ(iv.screen_pending, nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Interview,
    ::testing::Values(
        Row{"nothing_asked", "{}", 1, 0, ARDENT_TRIAGE_ROUTINE, {},
            {{"cauda_equina", "no_true_part"}, {"septic_hip", "no_true_part"}, {"overload", "no_true_part"},
             {"sitting", "no_true_part"}}},
        Row{"following_the_picture", R"({"pain_central": true})", 0, 0, ARDENT_TRIAGE_ROUTINE,
            {"pain_sitting:decides_condition", "pain_peak:lowers_triage"},
            {{"cauda_equina", "no_true_part"}, {"septic_hip", "no_true_part"}, {"overload", "lowers"},
             {"sitting", "decides_condition"}}},
        Row{"self_care", R"({"pain_central": true, "pain_peak": "day_after_activity"})", 1, 0,
            ARDENT_TRIAGE_SELF_CARE, {},
            {{"cauda_equina", "no_true_part"}, {"septic_hip", "no_true_part"}, {"sitting", "no_change"}}},
        Row{"alarm_keeps_the_interview_open", R"({"fever": true, "pain_central": true, "pain_peak": "day_after_activity"})",
            0, 0, ARDENT_TRIAGE_SELF_CARE, {"night_pain:red_flag"},
            {{"cauda_equina", "no_true_part"}, {"septic_hip", "raises"}, {"sitting", "no_change"}}},
        Row{"answered_unknown",
            R"({"fever": true, "night_pain": null, "pain_central": true, "pain_peak": "day_after_activity"})", 1, 0,
            ARDENT_TRIAGE_SELF_CARE, {},
            {{"cauda_equina", "no_true_part"}, {"septic_hip", "nothing_to_ask"}, {"sitting", "no_change"}}}),
    [](const auto& info) { return std::string(info.param.name); });

// --- the rest -----------------------------------------------------------------------------------

TEST(InterviewAbi, CompleteFlipsAsQuestionsAreAnswered) {
  const ardent_ruleset* rs = without_screen();
  ASSERT_NE(rs, nullptr);
  Case c = new_case(rs);
  ardent_result* raw = nullptr;
  ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result r(raw);
  ASSERT_EQ(ardent_case_set_json(c.get(), R"({"fever": true, "pain_central": true, "pain_peak": "day_after_activity"})",
                                 ARDENT_NUL_TERMINATED),
            ARDENT_OK);
  ASSERT_EQ(ardent_evaluate_into(r.get(), rs, c.get(), nullptr), ARDENT_OK);
  ardent_interview iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 0);
  EXPECT_EQ(iv.provisional, 1);
  EXPECT_EQ(iv.self_care_withheld, 0);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_SELF_CARE);
  EXPECT_EQ(ardent_result_triage_is_default(r.get()), 0);

  // The one question asked: the red flag does not fire; now nothing is left.
  ASSERT_EQ(ardent_case_set_bool(c.get(), "night_pain", 0), ARDENT_OK);
  ASSERT_EQ(ardent_evaluate_into(r.get(), rs, c.get(), nullptr), ARDENT_OK);
  iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 1);
  EXPECT_EQ(iv.provisional, 0);
  EXPECT_EQ(iv.self_care_withheld, 0);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_SELF_CARE);

  // Answered yes instead: the red flag fires; complete again, urgent.
  ASSERT_EQ(ardent_case_set_bool(c.get(), "night_pain", 1), ARDENT_OK);
  ASSERT_EQ(ardent_evaluate_into(r.get(), rs, c.get(), nullptr), ARDENT_OK);
  iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 1);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_URGENT);
}

TEST(InterviewAbi, MaxAskDoesNotMakeAnInterviewComplete) {
  Result r = evaluate_json(without_screen(), R"({"pain_central": true})", 1);
  ASSERT_TRUE(r);
  EXPECT_EQ(ardent_result_ask_count(r.get()), 1u);
  EXPECT_EQ(interview_of(r.get()).complete, 0);
}

TEST(InterviewAbi, NullsVersionsAndEmptyResults) {
  Result r = evaluate_json(without_screen(), "{}");
  ardent_result* fresh_raw = nullptr;
  ASSERT_EQ(ardent_result_new(&fresh_raw), ARDENT_OK);
  Result fresh(fresh_raw);
  ardent_interview iv = ARDENT_INTERVIEW_INIT;

  EXPECT_EQ(ardent_result_interview(nullptr, r.get()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_interview(&iv, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_interview(&iv, fresh.get()), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("not been evaluated"), std::string::npos)
      << ardent_last_error()->message;
  for (unsigned version : {0u, static_cast<unsigned>(ARDENT_INTERVIEW_VERSION + 1)}) {
    iv.version = version;
    EXPECT_EQ(ardent_result_interview(&iv, r.get()), ARDENT_EINVALID) << version;
    EXPECT_NE(std::string(ardent_last_error()->message).find("ardent_interview"), std::string::npos)
        << ardent_last_error()->message;
  }

  ardent_undecided u = ARDENT_UNDECIDED_INIT;
  EXPECT_EQ(u.version, 2u);
  u.version = ARDENT_UNDECIDED_VERSION + 1;
  EXPECT_EQ(ardent_result_get_undecided(&u, r.get(), 0), ARDENT_EINVALID);
}

// A program built against the version-1 struct gets what it always got; nothing is written past
// the end of its struct.
TEST(InterviewAbi, Version1UndecidedStructsStillWork) {
  const ardent_ruleset* rs = without_screen();
  Result r = evaluate_json(rs, R"({"pain_central": true})");
  ASSERT_GT(ardent_result_undecided_count(r.get()), 0u);
  ardent_undecided u;
  std::memset(&u, 0xAB, sizeof u);
  u.version = 1;
  ASSERT_EQ(ardent_result_get_undecided(&u, r.get(), 0), ARDENT_OK);
  EXPECT_STREQ(u.id, "cauda_equina");
  EXPECT_EQ(u.redflag, 1);
  EXPECT_EQ(u.missing_count, 2u);
  int untouched;
  std::memset(&untouched, 0xAB, sizeof untouched);
  EXPECT_EQ(u.standing, untouched) << "a version-1 struct ends before `standing`";

  ardent_undecided v2 = ARDENT_UNDECIDED_INIT;
  ASSERT_EQ(ardent_result_get_undecided(&v2, r.get(), 0), ARDENT_OK);
  EXPECT_EQ(v2.standing, ARDENT_STANDING_NO_TRUE_PART);
}

TEST(InterviewAbi, NamesOfReasonsAndStandings) {
  const std::map<int, std::string> reasons = {
      {ARDENT_ASK_RED_FLAG, "red_flag"},        {ARDENT_ASK_REQUESTED, "requested"},
      {ARDENT_ASK_RAISES_TRIAGE, "raises_triage"}, {ARDENT_ASK_REFINES, "refines"},
      {ARDENT_ASK_SCREEN, "screen"},            {ARDENT_ASK_LOWERS_TRIAGE, "lowers_triage"},
      {ARDENT_ASK_DECIDES_CONDITION, "decides_condition"}};
  for (const auto& [value, name] : reasons) EXPECT_STREQ(ardent_ask_reason_str(value), name.c_str()) << value;
  EXPECT_EQ(ardent_ask_reason_str(7), nullptr);
  EXPECT_EQ(ardent_ask_reason_str(-1), nullptr);

  const std::map<int, std::string> standing = {
      {ARDENT_STANDING_NO_TRUE_PART, "no_true_part"},
      {ARDENT_STANDING_RAISES, "raises"},
      {ARDENT_STANDING_LOWERS, "lowers"},
      {ARDENT_STANDING_DECIDES_CONDITION, "decides_condition"},
      {ARDENT_STANDING_NOTHING_TO_ASK, "nothing_to_ask"},
      {ARDENT_STANDING_NO_CHANGE, "no_change"},
      {ARDENT_STANDING_DISTANT, "distant"}};
  for (const auto& [value, name] : standing) EXPECT_STREQ(ardent_standing_str(value), name.c_str()) << value;
  EXPECT_EQ(ardent_standing_str(7), nullptr);
  EXPECT_EQ(ardent_standing_str(-1), nullptr);
}

// --- with the screen ----------------------------------------------------------------------------

TEST(InterviewAbi, ScreenFirstInItsOrder) {
  const ardent_ruleset* rs = with_screen();
  ASSERT_NE(rs, nullptr);
  Result r = evaluate_json(rs, "{}");
  const ardent_interview iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 0);
  EXPECT_EQ(iv.provisional, 1);
  EXPECT_STREQ(iv.screen_title, "Red-flag screen");
  const std::vector<std::string> screen = {"saddle_anaesthesia", "bladder_change", "fever"};
  EXPECT_EQ(names(rs, iv.screen, iv.screen_count), screen);
  EXPECT_EQ(iv.screen_asked, 0u);
  EXPECT_EQ(names(rs, iv.screen_pending, iv.screen_pending_count), screen);
  EXPECT_EQ(asked(r.get()),
            (std::vector<std::string>{"saddle_anaesthesia:screen", "bladder_change:screen", "fever:screen"}));
}

TEST(InterviewAbi, ScreenAnsweredWithUnknownsCompletes) {
  const ardent_ruleset* rs = with_screen();
  ASSERT_NE(rs, nullptr);
  Result r = evaluate_json(rs, R"({"pain_central": true, "pain_peak": "day_after_activity", "fever": false})");
  ardent_interview iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 0);
  EXPECT_EQ(iv.self_care_withheld, 0);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_SELF_CARE);  // provisional
  EXPECT_EQ(iv.screen_asked, 1u);
  EXPECT_EQ(names(rs, iv.screen_pending, iv.screen_pending_count),
            (std::vector<std::string>{"saddle_anaesthesia", "bladder_change"}));

  r = evaluate_json(rs, R"({"pain_central": true, "pain_peak": "day_after_activity", "fever": false,
                           "saddle_anaesthesia": false, "bladder_change": null})");
  iv = interview_of(r.get());
  EXPECT_EQ(iv.complete, 1);
  EXPECT_EQ(iv.self_care_withheld, 0);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_SELF_CARE);
  EXPECT_EQ(iv.screen_asked, 3u);
  EXPECT_EQ(iv.screen_pending_count, 0u);
  EXPECT_EQ(iv.screen_pending, nullptr);
}

}  // namespace
