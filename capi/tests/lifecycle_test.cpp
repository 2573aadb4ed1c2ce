// The whole life of the C ABI's handles: compile, describe, case, evaluate, read, free.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixture.hpp"

using namespace capi_test;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> red_flag_ids(const ardent_result* r) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < ardent_result_redflag_count(r); ++i) {
    ardent_redflag rf = ARDENT_REDFLAG_INIT;
    EXPECT_EQ(ardent_result_get_redflag(&rf, r, i), ARDENT_OK);
    ids.push_back(rf.id);
  }
  return ids;
}

std::vector<std::string> advice_of(const ardent_result* r) {
  std::vector<std::string> texts;
  for (size_t i = 0; i < ardent_result_advice_count(r); ++i) {
    const char* text = nullptr;
    EXPECT_EQ(ardent_result_get_advice(&text, r, i), ARDENT_OK);
    texts.push_back(text);
  }
  return texts;
}

}  // namespace

TEST(Version, MacrosAndFunctionsAgree) {
  EXPECT_STREQ(ardent_version(), ARDENT_VERSION);
  EXPECT_STREQ(ardent_version(), "0.1.0");
  EXPECT_EQ(ardent_version_number(), ARDENT_VERSION_NUMBER);
  EXPECT_EQ(ARDENT_VERSION_NUMBER, 1000);
  EXPECT_EQ(ardent_abi_version(), 1);
  EXPECT_EQ(ARDENT_ABI_VERSION, 1);
}

TEST(Version, EnumerationNames) {
  EXPECT_STREQ(ardent_triage_str(ARDENT_TRIAGE_URGENT), "urgent");
  EXPECT_STREQ(ardent_triage_str(ARDENT_TRIAGE_SELF_CARE), "self_care");
  EXPECT_EQ(ardent_triage_str(ARDENT_TRIAGE_NONE), nullptr);
  EXPECT_EQ(ardent_triage_str(4), nullptr);
  EXPECT_STREQ(ardent_finding_type_str(ARDENT_FINDING_DURATION), "duration");
  EXPECT_STREQ(ardent_state_str(ARDENT_STATE_NOT_ASKED), "not_asked");
  EXPECT_STREQ(ardent_duration_unit_str(ARDENT_WEEKS), "weeks");
  EXPECT_STREQ(ardent_severity_str(ARDENT_SEVERITY_WARNING), "warning");
  EXPECT_STREQ(ardent_rule_state_str(ARDENT_RULE_UNDECIDED), "undecided");
  EXPECT_STREQ(ardent_condition_status_str(ARDENT_CONDITION_EXCLUDED), "excluded");
  EXPECT_STREQ(ardent_strength_str(ARDENT_STRENGTH_NONE), "");
  EXPECT_STREQ(ardent_ask_reason_str(ARDENT_ASK_RAISES_TRIAGE), "raises_triage");
  EXPECT_EQ(ardent_ask_reason_str(-1), nullptr);
}

TEST(Version, OptionsInit) {
  ardent_compile_options c;
  std::memset(&c, 0xff, sizeof c);
  ASSERT_EQ(ardent_compile_options_init(&c, ARDENT_COMPILE_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(c.version, 2u);
  EXPECT_EQ(c.werror, 0);
  EXPECT_EQ(c.max_file_bytes, ARDENT_DEFAULT_MAX_FILE_BYTES);
  EXPECT_EQ(c.max_ruleset_bytes, ARDENT_DEFAULT_MAX_RULESET_BYTES);
  EXPECT_EQ(c.max_case_bytes, ARDENT_DEFAULT_MAX_CASE_BYTES);
  ardent_evaluate_options e;
  std::memset(&e, 0xff, sizeof e);
  ASSERT_EQ(ardent_evaluate_options_init(&e, ARDENT_EVALUATE_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(e.version, 1u);
  EXPECT_EQ(e.max_ask, 0u);
  EXPECT_EQ(ardent_compile_options_init(&c, 99), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_options_init(nullptr, 1), ARDENT_EINVALID);
}

TEST(Compile, FromFileWithoutDiagnostics) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ASSERT_EQ(ardent_ruleset_get_info(&info, rs.get()), ARDENT_OK);
  EXPECT_STREQ(info.name, "small_hip");
  EXPECT_STREQ(info.ruleset_version, "1.2.3");
  EXPECT_STREQ(info.title, "Small hip rule set for the C ABI tests");
  EXPECT_EQ(std::strlen(info.hash), 64u);
  EXPECT_EQ(info.default_triage, ARDENT_TRIAGE_ROUTINE);
  EXPECT_EQ(info.finding_count, 9u);
  EXPECT_EQ(info.condition_count, 3u);
  EXPECT_EQ(info.rule_count, 7u);
  EXPECT_EQ(info.redflag_count, 2u);
  EXPECT_EQ(info.test_count, 2u);
}

TEST(Compile, FromDirectoryAndFromMemoryGiveTheSameRuleSet) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ardent_capi_dir_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  fs::create_directories(dir);
  fs::copy_file(small_rules(), dir / "small.ard", fs::copy_options::overwrite_existing);

  ardent_ruleset* from_dir = nullptr;
  ardent_diagnostics* diags = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_path(&from_dir, &diags, dir.string().c_str(), nullptr), ARDENT_OK)
      << ardent_last_error()->message;
  Ruleset a(from_dir);
  Diagnostics da(diags);
  EXPECT_EQ(ardent_diagnostics_error_count(da.get()), 0u);

  std::string text = read_file(small_rules());
  ardent_ruleset* from_text = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_source(&from_text, nullptr, text.data(), text.size(), "small.ard", nullptr),
            ARDENT_OK);
  Ruleset b(from_text);

  ardent_source source = {"small.ard", text.c_str(), ARDENT_NUL_TERMINATED};
  ardent_ruleset* from_sources = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_sources(&from_sources, nullptr, &source, 1, nullptr), ARDENT_OK);
  Ruleset c(from_sources);

  ardent_ruleset_info ia = ARDENT_RULESET_INFO_INIT, ib = ARDENT_RULESET_INFO_INIT, ic = ARDENT_RULESET_INFO_INIT;
  ASSERT_EQ(ardent_ruleset_get_info(&ia, a.get()), ARDENT_OK);
  ASSERT_EQ(ardent_ruleset_get_info(&ib, b.get()), ARDENT_OK);
  ASSERT_EQ(ardent_ruleset_get_info(&ic, c.get()), ARDENT_OK);
  EXPECT_STREQ(ia.hash, ib.hash);
  EXPECT_STREQ(ib.hash, ic.hash);
  EXPECT_EQ(ia.rule_count, ib.rule_count);
  fs::remove_all(dir);
}

TEST(Describe, FindingsBuildAForm) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);

  ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
  ASSERT_EQ(ardent_finding_get(&f, rs.get(), finding(rs.get(), "fever")), ARDENT_OK);
  EXPECT_STREQ(f.name, "fever");
  EXPECT_EQ(f.type, ARDENT_FINDING_BOOL);
  EXPECT_STREQ(f.label, "Fever");
  EXPECT_STREQ(f.question, "Has the patient had a fever?");
  EXPECT_STREQ(f.group, "");
  ASSERT_EQ(f.code_count, 1u);
  EXPECT_STREQ(f.codes[0].system, "snomed");
  EXPECT_STREQ(f.codes[0].value, "386661006");
  EXPECT_TRUE(std::isnan(f.min));
  EXPECT_EQ(f.values, nullptr);

  ASSERT_EQ(ardent_finding_get(&f, rs.get(), finding(rs.get(), "pain_peak")), ARDENT_OK);
  EXPECT_EQ(f.type, ARDENT_FINDING_ENUM);
  ASSERT_EQ(f.value_count, 4u);
  EXPECT_STREQ(f.values[0], "during_activity");
  EXPECT_STREQ(f.values[3], "constant");
  EXPECT_STREQ(f.group, "pain");
  EXPECT_EQ(f.codes, nullptr);

  ASSERT_EQ(ardent_finding_get(&f, rs.get(), finding(rs.get(), "pain_score")), ARDENT_OK);
  EXPECT_EQ(f.type, ARDENT_FINDING_NUMBER);
  EXPECT_EQ(f.min, 0.0);
  EXPECT_EQ(f.max, 10.0);
  EXPECT_EQ(f.integer, 1);

  ASSERT_EQ(ardent_finding_get(&f, rs.get(), finding(rs.get(), "age")), ARDENT_OK);
  EXPECT_STREQ(f.unit, "years");
  EXPECT_EQ(f.integer, 0);
  EXPECT_STREQ(f.question, "");

  ASSERT_EQ(ardent_finding_get(&f, rs.get(), finding(rs.get(), "symptom_duration")), ARDENT_OK);
  EXPECT_EQ(f.type, ARDENT_FINDING_DURATION);

  // Every finding in declaration order, with its index.
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ASSERT_EQ(ardent_ruleset_get_info(&info, rs.get()), ARDENT_OK);
  std::vector<std::string> names;
  for (uint32_t i = 0; i < info.finding_count; ++i) {
    ASSERT_EQ(ardent_finding_get(&f, rs.get(), i), ARDENT_OK);
    EXPECT_EQ(f.index, i);
    names.push_back(f.name);
  }
  EXPECT_EQ(names.front(), "fever");
  EXPECT_EQ(names.back(), "symptom_duration");

  uint32_t value = 99;
  ASSERT_EQ(ardent_finding_value_index(&value, rs.get(), finding(rs.get(), "pain_peak"), "day_after_activity"),
            ARDENT_OK);
  EXPECT_EQ(value, 2u);
}

TEST(Describe, ConditionsAndRules) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  uint32_t index = 0;
  ASSERT_EQ(ardent_condition_index(&index, rs.get(), "deep_rotator_overload"), ARDENT_OK);
  ardent_condition_info c = ARDENT_CONDITION_INFO_INIT;
  ASSERT_EQ(ardent_condition_get(&c, rs.get(), index), ARDENT_OK);
  EXPECT_STREQ(c.name, "deep_rotator_overload");
  EXPECT_STREQ(c.label, "Deep hip rotator overload");
  ASSERT_EQ(c.code_count, 1u);
  EXPECT_STREQ(c.codes[0].value, "298336006");
  ASSERT_EQ(c.advice_count, 1u);
  EXPECT_STREQ(c.advice[0], "Stretch only gently and comfortably.");

  ardent_rule_info r = ARDENT_RULE_INFO_INIT;
  ASSERT_EQ(ardent_rule_get(&r, rs.get(), rule(rs.get(), "cauda_equina")), ARDENT_OK);
  EXPECT_EQ(r.redflag, 1);
  EXPECT_STREQ(r.label, "Possible cauda equina syndrome");
  EXPECT_EQ(r.triage, ARDENT_TRIAGE_EMERGENCY);
  ASSERT_EQ(r.advice_count, 1u);
  EXPECT_STREQ(r.advice[0], "Same-day emergency assessment.");
  EXPECT_NE(std::string(r.file).find("small.ard"), std::string::npos);
  EXPECT_GT(r.line, 0u);
  EXPECT_NE(std::string(r.source).find("redflag cauda_equina"), std::string::npos);

  ASSERT_EQ(ardent_rule_get(&r, rs.get(), rule(rs.get(), "classic_overload")), ARDENT_OK);
  EXPECT_EQ(r.redflag, 0);
  EXPECT_EQ(r.priority, 2);
  EXPECT_EQ(r.triage, ARDENT_TRIAGE_SELF_CARE);
  ASSERT_EQ(ardent_rule_get(&r, rs.get(), rule(rs.get(), "possible_overload")), ARDENT_OK);
  EXPECT_EQ(r.triage, ARDENT_TRIAGE_NONE);
}

TEST(Evaluate, TextbookOverload) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(c.get(), "pain_central_buttock", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_enum(c.get(), "pain_peak", "day_after_activity"), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "pain_side_lying", 1), ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());
  ASSERT_TRUE(r);

  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_SELF_CARE);
  EXPECT_EQ(ardent_result_triage_is_default(r.get()), 0);
  EXPECT_EQ(ardent_result_redflag_count(r.get()), 0u);
  EXPECT_EQ(ardent_result_ruleset(r.get()), rs.get());

  ASSERT_EQ(ardent_result_condition_count(r.get()), 1u);
  ardent_conclusion k = ARDENT_CONCLUSION_INIT;
  ASSERT_EQ(ardent_result_get_condition(&k, r.get(), 0), ARDENT_OK);
  EXPECT_STREQ(k.id, "deep_rotator_overload");
  EXPECT_STREQ(k.label, "Deep hip rotator overload");
  EXPECT_EQ(k.status, ARDENT_CONDITION_SUGGESTED);
  EXPECT_EQ(k.strength, ARDENT_STRENGTH_LIKELY);
  EXPECT_EQ(k.priority, 2);
  ASSERT_EQ(k.code_count, 1u);
  ASSERT_EQ(k.advice_count, 1u);

  EXPECT_EQ(ardent_result_rule_state(r.get(), rule(rs.get(), "classic_overload")), ARDENT_RULE_FIRED);
  EXPECT_EQ(ardent_result_rule_state(r.get(), rule(rs.get(), "possible_overload")), ARDENT_RULE_NOT_FIRED);
  EXPECT_EQ(ardent_result_rule_state(r.get(), rule(rs.get(), "cauda_equina")), ARDENT_RULE_UNDECIDED);

  std::vector<std::string> advice = advice_of(r.get());
  EXPECT_EQ(advice, std::vector<std::string>{"Stretch only gently and comfortably."});

  // Nothing has started a red flag or another rule that matters: nothing is asked, the
  // interview is complete.
  EXPECT_EQ(ardent_result_ask_count(r.get()), 0u);
  ardent_interview interview = ARDENT_INTERVIEW_INIT;
  ASSERT_EQ(ardent_result_interview(&interview, r.get()), ARDENT_OK);
  EXPECT_EQ(interview.complete, 1);

  // A fever starts the septic hip red flag: its question comes first; the self-care this demo rule
  // set concludes stays provisional meanwhile.
  {
    Case febrile = new_case(rs.get());
    ASSERT_EQ(ardent_case_set_json(febrile.get(),
                                   R"({"pain_central_buttock": true, "pain_peak": "day_after_activity",
                                       "pain_side_lying": true, "fever": true})",
                                   ARDENT_NUL_TERMINATED),
              ARDENT_OK);
    Result rf = evaluate(rs.get(), febrile.get());
    EXPECT_EQ(ardent_result_triage(rf.get()), ARDENT_TRIAGE_SELF_CARE);
    ASSERT_EQ(ardent_result_interview(&interview, rf.get()), ARDENT_OK);
    EXPECT_EQ(interview.complete, 0);
    EXPECT_EQ(interview.provisional, 1);
    EXPECT_EQ(interview.self_care_withheld, 0);
    ASSERT_GT(ardent_result_ask_count(rf.get()), 0u);
    ardent_ask ask = ARDENT_ASK_INIT;
    ASSERT_EQ(ardent_result_get_ask(&ask, rf.get(), 0), ARDENT_OK);
    EXPECT_STREQ(ask.name, "night_pain");
    EXPECT_EQ(ask.finding, finding(rs.get(), "night_pain"));
    EXPECT_STREQ(ask.question, "Does the pain wake you at night?");
    EXPECT_EQ(ask.reason, ARDENT_ASK_RED_FLAG);
    ASSERT_GE(ask.rule_count, 1u);
    EXPECT_NE(std::find(ask.rules, ask.rules + ask.rule_count, rule(rs.get(), "septic_hip")), ask.rules + ask.rule_count);
  }

  // Undecided rules list what could decide them.
  bool saw_cauda = false;
  for (size_t i = 0; i < ardent_result_undecided_count(r.get()); ++i) {
    ardent_undecided u = ARDENT_UNDECIDED_INIT;
    ASSERT_EQ(ardent_result_get_undecided(&u, r.get(), i), ARDENT_OK);
    EXPECT_EQ(ardent_result_rule_state(r.get(), u.rule), ARDENT_RULE_UNDECIDED);
    if (std::string(u.id) == "cauda_equina") {
      saw_cauda = true;
      EXPECT_EQ(u.redflag, 1);
      ASSERT_EQ(u.missing_count, 1u);
      EXPECT_EQ(u.missing[0], finding(rs.get(), "saddle_anaesthesia"));
    }
  }
  EXPECT_TRUE(saw_cauda);

  // Explanations, in a clinician's words.
  ardent_explanation e = ARDENT_EXPLANATION_INIT;
  ASSERT_EQ(ardent_result_explain(&e, r.get(), rule(rs.get(), "classic_overload")), ARDENT_OK);
  EXPECT_EQ(e.state, ARDENT_RULE_FIRED);
  EXPECT_GE(e.fact_count, 2u);
  EXPECT_NE(std::string(e.text), "");
  EXPECT_NE(std::string(e.file).find("small.ard"), std::string::npos);
  const char* first_text = e.text;
  ardent_explanation again = ARDENT_EXPLANATION_INIT;
  ASSERT_EQ(ardent_result_explain(&again, r.get(), rule(rs.get(), "classic_overload")), ARDENT_OK);
  EXPECT_EQ(again.text, first_text);  // cached until the result is evaluated again

  ASSERT_EQ(ardent_result_explain(&e, r.get(), rule(rs.get(), "cauda_equina")), ARDENT_OK);
  EXPECT_EQ(e.state, ARDENT_RULE_UNDECIDED);
  ASSERT_EQ(e.missing_count, 1u);
  EXPECT_EQ(e.missing[0].kind, ARDENT_FACT_FINDING);
  EXPECT_EQ(e.missing[0].index, finding(rs.get(), "saddle_anaesthesia"));
  EXPECT_NE(std::string(e.missing[0].text), "");
}

TEST(Evaluate, RedFlagsBeatEverything) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(c.get(), "saddle_anaesthesia", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "fever", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "night_pain", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "pain_central_buttock", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_enum(c.get(), "pain_peak", "day_after_activity"), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "pain_side_lying", 1), ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());
  ASSERT_TRUE(r);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_EMERGENCY);
  EXPECT_EQ(red_flag_ids(r.get()), (std::vector<std::string>{"cauda_equina", "septic_hip"}));
  ardent_redflag rf = ARDENT_REDFLAG_INIT;
  ASSERT_EQ(ardent_result_get_redflag(&rf, r.get(), 0), ARDENT_OK);
  EXPECT_STREQ(rf.label, "Possible cauda equina syndrome");
  EXPECT_EQ(rf.triage, ARDENT_TRIAGE_EMERGENCY);
  EXPECT_EQ(rf.rule, rule(rs.get(), "cauda_equina"));
  ASSERT_EQ(ardent_result_get_redflag(&rf, r.get(), 1), ARDENT_OK);
  EXPECT_EQ(rf.triage, ARDENT_TRIAGE_URGENT);
  std::vector<std::string> advice = advice_of(r.get());
  ASSERT_FALSE(advice.empty());
  EXPECT_EQ(advice.front(), "Same-day emergency assessment.");
}

TEST(Evaluate, DefaultTriageScoresAndDurations) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  Result empty = evaluate(rs.get(), c.get());
  EXPECT_EQ(ardent_result_triage(empty.get()), ARDENT_TRIAGE_ROUTINE);
  EXPECT_EQ(ardent_result_triage_is_default(empty.get()), 1);
  EXPECT_EQ(ardent_result_condition_count(empty.get()), 0u);

  ASSERT_EQ(ardent_case_set_bool(c.get(), "night_pain", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_number(c.get(), "pain_score", 8), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_duration(c.get(), "symptom_duration", 2, ARDENT_MONTHS), ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_URGENT);
  EXPECT_EQ(ardent_result_rule_state(r.get(), rule(rs.get(), "stress_risk")), ARDENT_RULE_FIRED);
  EXPECT_EQ(ardent_result_rule_state(r.get(), rule(rs.get(), "long_standing")), ARDENT_RULE_FIRED);
  ASSERT_EQ(ardent_result_condition_count(r.get()), 1u);
  ardent_conclusion k = ARDENT_CONCLUSION_INIT;
  ASSERT_EQ(ardent_result_get_condition(&k, r.get(), 0), ARDENT_OK);
  EXPECT_STREQ(k.id, "bone_stress_injury");
  EXPECT_EQ(k.strength, ARDENT_STRENGTH_POSSIBLE);
  std::vector<std::string> advice = advice_of(r.get());
  EXPECT_NE(std::find(advice.begin(), advice.end(), "Arrange imaging."), advice.end());
  EXPECT_NE(std::find(advice.begin(), advice.end(), "Stop running until reviewed."), advice.end());

  // Five weeks is not more than six.
  ASSERT_EQ(ardent_case_set_duration(c.get(), "symptom_duration", 5, ARDENT_WEEKS), ARDENT_OK);
  Result shorter = evaluate(rs.get(), c.get());
  EXPECT_EQ(ardent_result_rule_state(shorter.get(), rule(rs.get(), "long_standing")), ARDENT_RULE_NOT_FIRED);
}

TEST(Evaluate, ExclusionAndUnknown) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_enum(c.get(), "pain_peak", "during_activity"), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_unknown(c.get(), "saddle_anaesthesia"), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "saddle_anaesthesia")), ARDENT_STATE_UNKNOWN);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "pain_peak")), ARDENT_STATE_GIVEN);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "fever")), ARDENT_STATE_NOT_ASKED);
  Result r = evaluate(rs.get(), c.get());
  ASSERT_EQ(ardent_result_condition_count(r.get()), 1u);
  ardent_conclusion k = ARDENT_CONCLUSION_INIT;
  ASSERT_EQ(ardent_result_get_condition(&k, r.get(), 0), ARDENT_OK);
  EXPECT_EQ(k.status, ARDENT_CONDITION_EXCLUDED);
  // A finding recorded as unknown is never asked again.
  for (size_t i = 0; i < ardent_result_ask_count(r.get()); ++i) {
    ardent_ask ask = ARDENT_ASK_INIT;
    ASSERT_EQ(ardent_result_get_ask(&ask, r.get(), i), ARDENT_OK);
    EXPECT_STRNE(ask.name, "saddle_anaesthesia");
  }
  // Unset returns it to not asked; clear empties the case.
  ASSERT_EQ(ardent_case_unset(c.get(), "saddle_anaesthesia"), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "saddle_anaesthesia")), ARDENT_STATE_NOT_ASKED);
  ASSERT_EQ(ardent_case_clear(c.get()), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(c.get(), finding(rs.get(), "pain_peak")), ARDENT_STATE_NOT_ASKED);
}

TEST(Evaluate, ByIndexEqualsByName) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case by_name = new_case(rs.get());
  Case by_index = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(by_name.get(), "fever", 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_enum(by_name.get(), "pain_peak", "constant"), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_number(by_name.get(), "age", 17.5), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_duration(by_name.get(), "symptom_duration", 3, ARDENT_DAYS), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_unknown(by_name.get(), "night_pain"), ARDENT_OK);

  ASSERT_EQ(ardent_case_set_bool_at(by_index.get(), finding(rs.get(), "fever"), 1), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_enum_index_at(by_index.get(), finding(rs.get(), "pain_peak"), 3), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_number_at(by_index.get(), finding(rs.get(), "age"), 17.5), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_duration_at(by_index.get(), finding(rs.get(), "symptom_duration"), 72, ARDENT_HOURS),
            ARDENT_OK);
  ASSERT_EQ(ardent_case_set_unknown_at(by_index.get(), finding(rs.get(), "night_pain")), ARDENT_OK);

  char* a = nullptr;
  char* b = nullptr;
  ASSERT_EQ(ardent_case_json(&a, by_name.get()), ARDENT_OK);
  ASSERT_EQ(ardent_case_json(&b, by_index.get()), ARDENT_OK);
  String sa(a), sb(b);
  EXPECT_STREQ(a, b);
  EXPECT_STREQ(a, R"({"fever":true,"night_pain":null,"pain_peak":"constant","age":17.5,"symptom_duration":3.0})");

  ASSERT_EQ(ardent_case_set_enum_at(by_index.get(), finding(rs.get(), "pain_peak"), "constant"), ARDENT_OK);
  ASSERT_EQ(ardent_case_unset_at(by_index.get(), finding(rs.get(), "night_pain")), ARDENT_OK);
  EXPECT_EQ(ardent_case_state(by_index.get(), finding(rs.get(), "night_pain")), ARDENT_STATE_NOT_ASKED);
}

TEST(Evaluate, SetJsonRoundTrips) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  const char* json = R"({"fever": true, "pain_peak": "constant", "age": 54, "symptom_duration": "6 weeks",
                         "night_pain": null})";
  ASSERT_EQ(ardent_case_set_json(c.get(), json, ARDENT_NUL_TERMINATED), ARDENT_OK) << ardent_last_error()->message;
  char* out = nullptr;
  ASSERT_EQ(ardent_case_json(&out, c.get()), ARDENT_OK);
  String s(out);
  EXPECT_STREQ(out, R"({"fever":true,"night_pain":null,"pain_peak":"constant","age":54.0,"symptom_duration":42.0})");

  Case copy = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_json(copy.get(), out, std::strlen(out)), ARDENT_OK);
  char* again = nullptr;
  ASSERT_EQ(ardent_case_json(&again, copy.get()), ARDENT_OK);
  String s2(again);
  EXPECT_STREQ(again, out);
}

TEST(Evaluate, IntoReusesOneResult) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  ardent_result* raw = nullptr;
  ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
  Result r(raw);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_redflag_count(r.get()), 0u);
  EXPECT_EQ(ardent_result_ruleset(r.get()), nullptr);

  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(c.get(), "saddle_anaesthesia", 1), ARDENT_OK);
  ASSERT_EQ(ardent_evaluate_into(r.get(), rs.get(), c.get(), nullptr), ARDENT_OK);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_EMERGENCY);
  ASSERT_EQ(ardent_case_set_bool(c.get(), "saddle_anaesthesia", 0), ARDENT_OK);
  // The result holds what was evaluated, not the case as it is now.
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_EMERGENCY);
  ASSERT_EQ(ardent_evaluate_into(r.get(), rs.get(), c.get(), nullptr), ARDENT_OK);
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_ROUTINE);
  EXPECT_EQ(ardent_result_redflag_count(r.get()), 0u);
}

TEST(Evaluate, MaxAskLimitsTheQuestions) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  // Started: the septic hip red flag, the long-standing rule (urgent) and the self-care rule.
  ASSERT_EQ(ardent_case_set_json(c.get(), R"({"fever": true, "symptom_duration": "7 weeks", "pain_central_buttock": true})",
                                 ARDENT_NUL_TERMINATED),
            ARDENT_OK);
  Result all = evaluate(rs.get(), c.get());
  ASSERT_GT(ardent_result_ask_count(all.get()), 2u);
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.max_ask = 2;
  ardent_result* raw = nullptr;
  ASSERT_EQ(ardent_evaluate(&raw, rs.get(), c.get(), &opts), ARDENT_OK);
  Result two(raw);
  ASSERT_EQ(ardent_result_ask_count(two.get()), 2u);
  for (size_t i = 0; i < 2; ++i) {
    ardent_ask a = ARDENT_ASK_INIT, b = ARDENT_ASK_INIT;
    ASSERT_EQ(ardent_result_get_ask(&a, all.get(), i), ARDENT_OK);
    ASSERT_EQ(ardent_result_get_ask(&b, two.get(), i), ARDENT_OK);
    EXPECT_EQ(a.finding, b.finding);
  }
  ardent_ask beyond = ARDENT_ASK_INIT;
  EXPECT_EQ(ardent_result_get_ask(&beyond, two.get(), 2), ARDENT_ERANGE);

  // The JSON result honours the same cap.
  char* json = nullptr;
  ASSERT_EQ(ardent_result_json(&json, two.get(), 0), ARDENT_OK);
  String owner(json);
  auto doc = nlohmann::json::parse(json);
  ASSERT_TRUE(doc.contains("ask_next"));
  EXPECT_EQ(doc["ask_next"].size(), 2u);
  EXPECT_EQ(doc["interview"]["complete"], false) << "the cap does not complete the interview";
  char* full = nullptr;
  ASSERT_EQ(ardent_result_json(&full, all.get(), ARDENT_RENDER_PRETTY), ARDENT_OK);
  String full_owner(full);
  EXPECT_EQ(nlohmann::json::parse(full)["ask_next"].size(), ardent_result_ask_count(all.get()));
  EXPECT_NE(std::string(full).find("\n  \""), std::string::npos);  // pretty: indented members
}

TEST(Render, JsonCardsAndText) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(c.get(), "saddle_anaesthesia", 1), ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());

  char* json = nullptr;
  ASSERT_EQ(ardent_result_json(&json, r.get(), 0), ARDENT_OK);
  String json_owner(json);
  auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["schema"], ARDENT_JSON_SCHEMA_VERSION);
  EXPECT_EQ(doc["engine"], ARDENT_VERSION);
  EXPECT_EQ(doc["ruleset"]["name"], "small_hip");
  EXPECT_EQ(doc["ruleset"]["version"], "1.2.3");
  EXPECT_EQ(doc["triage"], "emergency");
  ASSERT_EQ(doc["red_flags"].size(), 1u);
  EXPECT_EQ(doc["red_flags"][0]["id"], "cauda_equina");
  EXPECT_EQ(std::string(json).find('\n'), std::string::npos);  // one line by default

  char* cards = nullptr;
  ASSERT_EQ(ardent_result_cds_cards(&cards, r.get(), 0), ARDENT_OK);
  String cards_owner(cards);
  auto response = nlohmann::json::parse(cards);
  ASSERT_TRUE(response["cards"].is_array());
  ASSERT_FALSE(response["cards"].empty());
  EXPECT_EQ(response["cards"][0]["indicator"], "critical");
  for (const auto& card : response["cards"]) EXPECT_LE(card["summary"].get<std::string>().size(), 140u);

  char* text = nullptr;
  ASSERT_EQ(ardent_result_text(&text, r.get(), ARDENT_RENDER_UNDECIDED), ARDENT_OK);
  String text_owner(text);
  EXPECT_NE(std::string(text).find("Possible cauda equina syndrome"), std::string::npos) << text;
}

TEST(Lifetime, CasesAndResultsOutliveTheRuleSetHandle) {
  Ruleset rs = compile(small_rules());
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  ASSERT_EQ(ardent_case_set_bool(c.get(), "saddle_anaesthesia", 1), ARDENT_OK);
  Result r = evaluate(rs.get(), c.get());
  const ardent_ruleset* kept = ardent_case_ruleset(c.get());
  EXPECT_EQ(kept, rs.get());
  rs.reset();  // the handle is released; the case and result keep the rule set alive
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ASSERT_EQ(ardent_ruleset_get_info(&info, kept), ARDENT_OK);
  EXPECT_STREQ(info.name, "small_hip");
  ASSERT_EQ(ardent_evaluate_into(r.get(), kept, c.get(), nullptr), ARDENT_OK);
  ardent_redflag rf = ARDENT_REDFLAG_INIT;
  ASSERT_EQ(ardent_result_get_redflag(&rf, r.get(), 0), ARDENT_OK);
  EXPECT_STREQ(rf.id, "cauda_equina");
  c.reset();
  EXPECT_EQ(ardent_result_triage(r.get()), ARDENT_TRIAGE_EMERGENCY);
}

TEST(Lifetime, FreeFunctionsAcceptNull) {
  ardent_ruleset_free(nullptr);
  ardent_case_free(nullptr);
  ardent_result_free(nullptr);
  ardent_diagnostics_free(nullptr);
  ardent_string_free(nullptr);
}
