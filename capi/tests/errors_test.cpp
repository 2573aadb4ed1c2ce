// Every error path of the C ABI: a status code and a message, never a crash, and an error
// leaves the object it concerns unchanged.
#include <cmath>
#include <cstring>
#include <limits>
#include <set>
#include <string>

#include "fixture.hpp"

using namespace capi_test;

namespace {

std::string last_message() { return ardent_last_error()->message; }

class Errors : public ::testing::Test {
 protected:
  void SetUp() override {
    rs_ = compile(small_rules());
    ASSERT_TRUE(rs_);
    c_ = new_case(rs_.get());
    ASSERT_TRUE(c_);
  }
  Ruleset rs_;
  Case c_;
};

}  // namespace

TEST(ErrorCodes, DistinctSmallNegativesWithDescriptions) {
  const int codes[] = {ARDENT_ESYNTAX, ARDENT_ETYPE, ARDENT_ENOTFOUND, ARDENT_EINVALID, ARDENT_ERANGE,
                       ARDENT_EIO, ARDENT_ESTORAGE, ARDENT_ENOMEM, ARDENT_EINTERNAL};
  std::set<std::string> texts;
  std::set<int> seen;
  for (int code : codes) {
    EXPECT_LT(code, 0);
    EXPECT_GT(code, -100);
    seen.insert(code);
    ASSERT_NE(ardent_errstr(code), nullptr);
    texts.insert(ardent_errstr(code));
  }
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(texts.size(), 9u);
  EXPECT_STREQ(ardent_errstr(ARDENT_OK), "no error");
  EXPECT_STREQ(ardent_errstr(ARDENT_ENOMEM), "out of memory");
  EXPECT_STREQ(ardent_errstr(12345), "unknown status code");
}

TEST(ErrorCodes, LastErrorSurvivesSuccessUntilCleared) {
  ardent_error_clear();
  EXPECT_EQ(ardent_last_error()->code, ARDENT_OK);
  EXPECT_STREQ(ardent_last_error()->message, "");
  EXPECT_STREQ(ardent_last_error()->file, "");
  EXPECT_EQ(ardent_case_new(nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_last_error()->code, ARDENT_EINVALID);
  EXPECT_EQ(last_message(), "out is NULL");
  EXPECT_STREQ(ardent_version(), "0.1.0");  // success leaves the last error alone
  Ruleset rs = compile(small_rules());
  EXPECT_EQ(ardent_last_error()->code, ARDENT_EINVALID);
  ardent_error_clear();
  EXPECT_EQ(ardent_last_error()->code, ARDENT_OK);
}

// --- compiling ---------------------------------------------------------------------------------

TEST(CompileErrors, NullArguments) {
  ardent_ruleset* rs = reinterpret_cast<ardent_ruleset*>(1);
  ardent_diagnostics* d = reinterpret_cast<ardent_diagnostics*>(1);
  EXPECT_EQ(ardent_ruleset_compile_path(&rs, &d, nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(rs, nullptr);
  EXPECT_EQ(d, nullptr);
  EXPECT_EQ(ardent_ruleset_compile_path(nullptr, nullptr, small_rules().c_str(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_ruleset_compile_source(&rs, nullptr, nullptr, 0, nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_ruleset_compile_sources(&rs, nullptr, nullptr, 1, nullptr), ARDENT_EINVALID);
  ardent_source bad = {"a.ard", nullptr, 0};
  EXPECT_EQ(ardent_ruleset_compile_sources(&rs, nullptr, &bad, 1, nullptr), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("sources[0]"), std::string::npos);
  ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
  opts.version = 7;
  EXPECT_EQ(ardent_ruleset_compile_path(&rs, nullptr, small_rules().c_str(), &opts), ARDENT_EINVALID);
  EXPECT_EQ(rs, nullptr);
}

TEST(CompileErrors, MissingPathIsAnIoError) {
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_path(&rs, &d, "no/such/rules/dir", nullptr), ARDENT_EIO);
  Diagnostics owner(d);
  EXPECT_EQ(rs, nullptr);
  ASSERT_NE(d, nullptr);
  ASSERT_GE(ardent_diagnostics_count(d), 1u);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  ASSERT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_OK);
  EXPECT_STREQ(one.code, "io");
  EXPECT_EQ(one.severity, ARDENT_SEVERITY_ERROR);
  EXPECT_EQ(ardent_last_error()->code, ARDENT_EIO);
}

TEST(CompileErrors, MessagesStayUtf8ForAnyPath) {
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_path(&rs, &d, "no/such/\xFF\xFE" "dir", nullptr), ARDENT_EIO);
  Diagnostics owner(d);
  std::string message = last_message();
  EXPECT_EQ(message.find('\xFF'), std::string::npos) << message;
  EXPECT_NE(message.find("\xEF\xBF\xBD"), std::string::npos) << message;
  EXPECT_EQ(std::string(ardent_diagnostics_text(d)).find('\xFF'), std::string::npos);
}

TEST(CompileErrors, SyntaxErrorCarriesItsLocation) {
  const char* text =
      "ruleset broken version \"1.0.0\"\n"
      "finding fever: bool\n"
      "rule r1: fever and -> triage urgent\n";
  ardent_ruleset* rs = reinterpret_cast<ardent_ruleset*>(1);
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_source(&rs, &d, text, ARDENT_NUL_TERMINATED, "broken.ard", nullptr),
            ARDENT_ESYNTAX);
  Diagnostics owner(d);
  EXPECT_EQ(rs, nullptr);
  const ardent_error* e = ardent_last_error();
  EXPECT_EQ(e->code, ARDENT_ESYNTAX);
  EXPECT_STREQ(e->file, "broken.ard");
  EXPECT_EQ(e->line, 3u);
  EXPECT_GT(e->column, 0u);
  EXPECT_NE(std::string(e->message).find("broken.ard:3:"), std::string::npos) << e->message;
  ASSERT_GE(ardent_diagnostics_error_count(d), 1u);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  ASSERT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_OK);
  EXPECT_EQ(one.line, 3u);
  EXPECT_STREQ(one.file, "broken.ard");
  EXPECT_STREQ(one.source_line, "rule r1: fever and -> triage urgent");
  std::string all = ardent_diagnostics_text(d);
  EXPECT_NE(all.find("broken.ard:3:"), std::string::npos);
  EXPECT_NE(all.find('^'), std::string::npos);
  EXPECT_NE(std::string(one.text).find('^'), std::string::npos);
}

TEST(CompileErrors, UnknownNameSuggestsTheClosest) {
  const char* text =
      "ruleset typo version \"1.0.0\"\n"
      "finding fever: bool\n"
      "rule r1: fevr -> triage urgent\n";
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_source(&rs, &d, text, std::strlen(text), nullptr, nullptr), ARDENT_ESYNTAX);
  Diagnostics owner(d);
  EXPECT_STREQ(ardent_last_error()->file, "<memory>");
  EXPECT_NE(last_message().find("did you mean 'fever'"), std::string::npos) << last_message();
}

TEST(CompileErrors, WarningsPassUnlessWerror) {
  const char* text =
      "ruleset warn version \"1.0.0\"\n"
      "finding fever: bool\n"
      "finding unused_one: bool\n"
      "rule r1: fever -> triage urgent\n";
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_source(&rs, &d, text, ARDENT_NUL_TERMINATED, "warn.ard", nullptr), ARDENT_OK);
  Ruleset ok(rs);
  Diagnostics owner(d);
  EXPECT_EQ(ardent_diagnostics_error_count(d), 0u);
  ASSERT_GE(ardent_diagnostics_warning_count(d), 1u);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  ASSERT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_OK);
  EXPECT_EQ(one.severity, ARDENT_SEVERITY_WARNING);

  ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
  opts.werror = 1;
  ardent_ruleset* strict = reinterpret_cast<ardent_ruleset*>(1);
  EXPECT_EQ(ardent_ruleset_compile_source(&strict, nullptr, text, ARDENT_NUL_TERMINATED, "warn.ard", &opts),
            ARDENT_ESYNTAX);
  EXPECT_EQ(strict, nullptr);
  EXPECT_STREQ(ardent_last_error()->file, "warn.ard");
  EXPECT_EQ(ardent_last_error()->line, one.line);  // the first warning is reported as the error
  EXPECT_NE(last_message().find("unused_one"), std::string::npos) << last_message();
}

TEST(CompileErrors, InvalidUtf8IsLocated) {
  std::string text = "ruleset bad version \"1.0.0\"\nfinding fever: bool\n  label \"Fi\xC3\x28vre\"\n";
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_source(&rs, &d, text.data(), text.size(), "bad.ard", nullptr), ARDENT_ESYNTAX);
  Diagnostics owner(d);
  EXPECT_EQ(ardent_last_error()->line, 3u);
  EXPECT_EQ(ardent_last_error()->column, 12u);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  ASSERT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_OK);
  EXPECT_NE(std::string(one.message).find("UTF-8"), std::string::npos) << one.message;
  // The diagnostic itself is valid UTF-8: the bad byte is shown as U+FFFD.
  EXPECT_NE(std::string(one.source_line).find("\xEF\xBF\xBD"), std::string::npos);

  ardent_source sources[] = {{"a.ard", "ruleset a version \"1.0.0\"\n", ARDENT_NUL_TERMINATED},
                             {"b.ard", "finding \xFF: bool\n", ARDENT_NUL_TERMINATED}};
  EXPECT_EQ(ardent_ruleset_compile_sources(&rs, nullptr, sources, 2, nullptr), ARDENT_ESYNTAX);
  EXPECT_STREQ(ardent_last_error()->file, "b.ard");
  EXPECT_EQ(ardent_last_error()->column, 9u);
}

TEST(CompileErrors, EmbeddedNulUsesTheGivenLength) {
  std::string text = "ruleset n version \"1.0.0\"\nfinding fever: bool\nrule r: fever -> triage urgent\n";
  text[20] = '\0';
  ardent_ruleset* rs = nullptr;
  int rc = ardent_ruleset_compile_source(&rs, nullptr, text.data(), text.size(), "nul.ard", nullptr);
  Ruleset owner(rs);
  EXPECT_EQ(rc, ARDENT_ESYNTAX);
}

TEST(CompileErrors, DiagnosticsGetterErrors) {
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_path(&rs, &d, small_rules().c_str(), nullptr), ARDENT_OK);
  Ruleset r(rs);
  Diagnostics owner(d);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  EXPECT_EQ(ardent_diagnostics_get(&one, d, ardent_diagnostics_count(d)), ARDENT_ERANGE);
  EXPECT_EQ(ardent_diagnostics_get(nullptr, d, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_diagnostics_get(&one, nullptr, 0), ARDENT_EINVALID);
  one.version = 0;
  EXPECT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_diagnostics_count(nullptr), 0u);
  EXPECT_EQ(ardent_diagnostics_error_count(nullptr), 0u);
  EXPECT_EQ(ardent_diagnostics_warning_count(nullptr), 0u);
  EXPECT_EQ(ardent_diagnostics_text(nullptr), nullptr);
  EXPECT_STREQ(ardent_diagnostics_text(d), "");
}

// --- describing -------------------------------------------------------------------------------

TEST_F(Errors, InfoStructs) {
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  EXPECT_EQ(ardent_ruleset_get_info(nullptr, rs_.get()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_ruleset_get_info(&info, nullptr), ARDENT_EINVALID);
  info.version = 0;
  EXPECT_EQ(ardent_ruleset_get_info(&info, rs_.get()), ARDENT_EINVALID);
  info.version = ARDENT_RULESET_INFO_VERSION + 1;
  EXPECT_EQ(ardent_ruleset_get_info(&info, rs_.get()), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("_INIT"), std::string::npos);

  ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
  EXPECT_EQ(ardent_finding_get(&f, rs_.get(), 9), ARDENT_ERANGE);
  EXPECT_EQ(last_message(), "finding 9 is out of range (there are 9)");
  EXPECT_EQ(ardent_finding_get(&f, rs_.get(), UINT32_MAX), ARDENT_ERANGE);
  ardent_condition_info c = ARDENT_CONDITION_INFO_INIT;
  EXPECT_EQ(ardent_condition_get(&c, rs_.get(), 3), ARDENT_ERANGE);
  EXPECT_EQ(ardent_condition_get(&c, nullptr, 0), ARDENT_EINVALID);
  ardent_rule_info r = ARDENT_RULE_INFO_INIT;
  EXPECT_EQ(ardent_rule_get(&r, rs_.get(), 7), ARDENT_ERANGE);
  r.version = 99;
  EXPECT_EQ(ardent_rule_get(&r, rs_.get(), 0), ARDENT_EINVALID);
}

TEST_F(Errors, LookupsByName) {
  uint32_t index = 1234;
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), "fevr"), ARDENT_ENOTFOUND);
  EXPECT_EQ(index, 1234u);
  EXPECT_EQ(last_message(), "rule set 'small_hip' has no finding 'fevr'; did you mean 'fever'?");
  EXPECT_STREQ(ardent_last_error()->finding, "fevr");
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), "zzzzzzzzzz"), ARDENT_ENOTFOUND);
  EXPECT_EQ(last_message(), "rule set 'small_hip' has no finding 'zzzzzzzzzz'");
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), "Fever"), ARDENT_ENOTFOUND);  // case-sensitive
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), "fe\xFFver"), ARDENT_EINVALID);
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_finding_index(nullptr, rs_.get(), "fever"), ARDENT_EINVALID);
  EXPECT_EQ(ardent_finding_index(&index, nullptr, "fever"), ARDENT_EINVALID);
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), ""), ARDENT_ENOTFOUND);
  EXPECT_EQ(ardent_condition_index(&index, rs_.get(), "infectoin"), ARDENT_ENOTFOUND);
  EXPECT_NE(last_message().find("did you mean 'infection'"), std::string::npos);
  EXPECT_EQ(ardent_rule_index(&index, rs_.get(), "no_such_rule"), ARDENT_ENOTFOUND);

  uint32_t fever = finding(rs_.get(), "fever");
  uint32_t peak = finding(rs_.get(), "pain_peak");
  EXPECT_EQ(ardent_finding_value_index(&index, rs_.get(), fever, "yes"), ARDENT_ETYPE);
  EXPECT_EQ(ardent_finding_value_index(&index, rs_.get(), peak, "constnat"), ARDENT_ENOTFOUND);
  EXPECT_NE(last_message().find("did you mean 'constant'"), std::string::npos);
  EXPECT_EQ(ardent_finding_value_index(&index, rs_.get(), 99, "constant"), ARDENT_ERANGE);
  EXPECT_EQ(ardent_finding_value_index(&index, rs_.get(), peak, nullptr), ARDENT_EINVALID);
}

TEST_F(Errors, MessagesQuoteHostileNamesSafely) {
  uint32_t index = 0;
  std::string long_name(500, 'x');
  EXPECT_EQ(ardent_finding_index(&index, rs_.get(), long_name.c_str()), ARDENT_ENOTFOUND);
  EXPECT_LT(last_message().size(), 200u);
  EXPECT_EQ(ardent_case_set_bool(c_.get(), "bad\nname\x01", 1), ARDENT_ENOTFOUND);
  EXPECT_EQ(last_message().find('\n'), std::string::npos);
  EXPECT_NE(last_message().find("\\x0a"), std::string::npos);
}

// --- cases ------------------------------------------------------------------------------------

TEST_F(Errors, CaseNew) {
  ardent_case* c = reinterpret_cast<ardent_case*>(1);
  EXPECT_EQ(ardent_case_new(&c, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(c, nullptr);
  EXPECT_EQ(ardent_case_new(nullptr, rs_.get()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_clear(nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_ruleset(nullptr), nullptr);
}

TEST_F(Errors, SettersByName) {
  ardent_case* c = c_.get();
  EXPECT_EQ(ardent_case_set_bool(c, "no_such_finding", 1), ARDENT_ENOTFOUND);
  EXPECT_STREQ(ardent_last_error()->finding, "no_such_finding");
  EXPECT_EQ(ardent_case_set_bool(c, "age", 1), ARDENT_ETYPE);
  EXPECT_EQ(last_message(), "finding 'age' is a number finding; cannot set it to yes");
  EXPECT_STREQ(ardent_last_error()->finding, "age");
  EXPECT_EQ(ardent_case_set_number(c, "fever", 1), ARDENT_ETYPE);
  EXPECT_EQ(ardent_case_set_enum(c, "fever", "yes"), ARDENT_ETYPE);
  EXPECT_EQ(last_message(), "finding 'fever' is a yes/no finding; cannot set it to 'yes'");
  EXPECT_EQ(ardent_case_set_duration(c, "age", 3, ARDENT_DAYS), ARDENT_ETYPE);
  EXPECT_EQ(ardent_case_set_number(c, "symptom_duration", 3), ARDENT_ETYPE);

  EXPECT_EQ(ardent_case_set_number(c, "pain_score", 11), ARDENT_ERANGE);
  EXPECT_EQ(last_message(), "11 is outside the range of finding 'pain_score' (0..10)");
  EXPECT_EQ(ardent_case_set_number(c, "pain_score", -1), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_number(c, "pain_score", 7.5), ARDENT_ERANGE);
  EXPECT_EQ(last_message(), "finding 'pain_score' takes whole numbers; got 7.5");
  EXPECT_EQ(ardent_case_set_number(c, "age", std::nan("")), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_number(c, "age", std::numeric_limits<double>::infinity()), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_number(c, "age", 130.5), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_number(c, "age", 130), ARDENT_OK);

  EXPECT_EQ(ardent_case_set_enum(c, "pain_peak", "sometimes"), ARDENT_ERANGE);
  EXPECT_NE(last_message().find("one of: during_activity, hours_after_activity"), std::string::npos);
  EXPECT_EQ(ardent_case_set_enum(c, "pain_peak", "constnat"), ARDENT_ERANGE);
  EXPECT_NE(last_message().find("did you mean 'constant'"), std::string::npos);
  EXPECT_EQ(ardent_case_set_enum(c, "pain_peak", "\xC0\x80"), ARDENT_EINVALID);  // overlong NUL
  EXPECT_EQ(ardent_case_set_enum(c, "pain_peak", nullptr), ARDENT_EINVALID);

  EXPECT_EQ(ardent_case_set_duration(c, "symptom_duration", 3, 6), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_duration(c, "symptom_duration", 3, -1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_duration(c, "symptom_duration", -3, ARDENT_DAYS), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_duration(c, "symptom_duration", 1e307, ARDENT_YEARS), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_duration(c, "symptom_duration", std::nan(""), ARDENT_DAYS), ARDENT_ERANGE);

  EXPECT_EQ(ardent_case_set_unknown(c, "nope"), ARDENT_ENOTFOUND);
  EXPECT_EQ(ardent_case_unset(c, "nope"), ARDENT_ENOTFOUND);
  EXPECT_EQ(ardent_case_set_bool(nullptr, "fever", 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_bool(c, nullptr, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_bool(c, "fe\xE2\x82ver", 1), ARDENT_EINVALID);  // truncated sequence
  EXPECT_NE(last_message().find("UTF-8"), std::string::npos);
}

TEST_F(Errors, SettersByIndex) {
  ardent_case* c = c_.get();
  uint32_t fever = finding(rs_.get(), "fever");
  uint32_t peak = finding(rs_.get(), "pain_peak");
  EXPECT_EQ(ardent_case_set_bool_at(c, 9, 1), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_bool_at(c, UINT32_MAX, 1), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_number_at(c, 9, 1), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_enum_at(c, 9, "constant"), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_enum_index_at(c, 9, 0), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_duration_at(c, 9, 1, ARDENT_DAYS), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_unknown_at(c, 9), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_unset_at(c, 9), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_enum_index_at(c, peak, 4), ARDENT_ERANGE);
  EXPECT_EQ(last_message(), "finding 'pain_peak' has 4 values; no value #4");
  EXPECT_EQ(ardent_case_set_enum_index_at(c, fever, 0), ARDENT_ETYPE);
  EXPECT_EQ(ardent_case_set_bool_at(c, peak, 1), ARDENT_ETYPE);
  EXPECT_EQ(ardent_case_set_enum_at(c, peak, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_bool_at(nullptr, fever, 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_state(c, 9), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_state(nullptr, 0), ARDENT_EINVALID);
}

TEST_F(Errors, AFailedSetLeavesTheCaseUnchanged) {
  ardent_case* c = c_.get();
  ASSERT_EQ(ardent_case_set_number(c, "pain_score", 4), ARDENT_OK);
  ASSERT_EQ(ardent_case_set_enum(c, "pain_peak", "constant"), ARDENT_OK);
  char* before = nullptr;
  ASSERT_EQ(ardent_case_json(&before, c), ARDENT_OK);
  String b(before);
  EXPECT_EQ(ardent_case_set_number(c, "pain_score", 40), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_enum(c, "pain_peak", "never"), ARDENT_ERANGE);
  EXPECT_EQ(ardent_case_set_bool(c, "pain_score", 1), ARDENT_ETYPE);
  // JSON is all or nothing: the good member before the bad one is not applied either.
  EXPECT_EQ(ardent_case_set_json(c, R"({"fever": true, "pain_score": 40})", ARDENT_NUL_TERMINATED), ARDENT_ERANGE);
  EXPECT_STREQ(ardent_last_error()->finding, "pain_score");
  char* after = nullptr;
  ASSERT_EQ(ardent_case_json(&after, c), ARDENT_OK);
  String a(after);
  EXPECT_STREQ(before, after);
}

TEST_F(Errors, SetJson) {
  ardent_case* c = c_.get();
  auto set = [&](const std::string& json) { return ardent_case_set_json(c, json.data(), json.size()); };
  EXPECT_EQ(set("{\"fever\": tru}"), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("JSON"), std::string::npos) << last_message();
  EXPECT_EQ(set(""), ARDENT_EINVALID);
  EXPECT_EQ(set("[1, 2]"), ARDENT_EINVALID);
  EXPECT_EQ(set("42"), ARDENT_EINVALID);
  EXPECT_EQ(set("{\"fever\": true"), ARDENT_EINVALID);
  EXPECT_EQ(set("{\"fever\": \"\xFF\"}"), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("UTF-8"), std::string::npos);
  EXPECT_EQ(set("{\"nope\": true}"), ARDENT_ENOTFOUND);
  EXPECT_EQ(set("{\"fever\": 3}"), ARDENT_ETYPE);
  EXPECT_EQ(set("{\"age\": \"old\"}"), ARDENT_ETYPE);
  EXPECT_EQ(set("{\"pain_peak\": \"never\"}"), ARDENT_ERANGE);
  EXPECT_EQ(set("{\"pain_score\": 3.5}"), ARDENT_ERANGE);
  EXPECT_EQ(set(std::string(10000, '[')), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_json(nullptr, "{}", 2), ARDENT_EINVALID);
  EXPECT_EQ(ardent_case_set_json(c, nullptr, 2), ARDENT_EINVALID);
  EXPECT_EQ(set("{}"), ARDENT_OK);
  // A length shorter than the text reads only that much.
  EXPECT_EQ(ardent_case_set_json(c, "{}garbage", 2), ARDENT_OK);
  char* out = reinterpret_cast<char*>(1);
  EXPECT_EQ(ardent_case_json(&out, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(ardent_case_json(nullptr, c), ARDENT_EINVALID);
}

// --- evaluating and reading ---------------------------------------------------------------------

TEST_F(Errors, Evaluate) {
  ardent_result* r = reinterpret_cast<ardent_result*>(1);
  EXPECT_EQ(ardent_evaluate(&r, nullptr, c_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(ardent_evaluate(&r, rs_.get(), nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate(nullptr, rs_.get(), c_.get(), nullptr), ARDENT_EINVALID);
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.version = 0;
  EXPECT_EQ(ardent_evaluate(&r, rs_.get(), c_.get(), &opts), ARDENT_EINVALID);

  Ruleset other = compile(small_rules());
  EXPECT_EQ(ardent_evaluate(&r, other.get(), c_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("another rule set"), std::string::npos);

  Result good = evaluate(rs_.get(), c_.get());
  EXPECT_EQ(ardent_evaluate_into(nullptr, rs_.get(), c_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_into(good.get(), other.get(), c_.get(), nullptr), ARDENT_EINVALID);
  // A failed evaluation into a result leaves it empty rather than stale.
  EXPECT_EQ(ardent_result_triage(good.get()), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_redflag_count(good.get()), 0u);
  EXPECT_EQ(ardent_result_new(nullptr), ARDENT_EINVALID);
}

TEST_F(Errors, ResultGetters) {
  ardent_result* fresh_raw = nullptr;
  ASSERT_EQ(ardent_result_new(&fresh_raw), ARDENT_OK);
  Result fresh(fresh_raw);
  Result r = evaluate(rs_.get(), c_.get());
  ardent_redflag rf = ARDENT_REDFLAG_INIT;
  ardent_conclusion k = ARDENT_CONCLUSION_INIT;
  ardent_undecided u = ARDENT_UNDECIDED_INIT;
  ardent_ask a = ARDENT_ASK_INIT;
  ardent_eval_warning w = ARDENT_EVAL_WARNING_INIT;
  ardent_explanation e = ARDENT_EXPLANATION_INIT;
  const char* advice = "x";

  for (const ardent_result* which : {static_cast<const ardent_result*>(fresh.get()),
                                     static_cast<const ardent_result*>(nullptr)}) {
    EXPECT_EQ(ardent_result_triage(which), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_triage_is_default(which), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_rule_state(which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_redflag(&rf, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_condition(&k, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_undecided(&u, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_ask(&a, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_warning(&w, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(ardent_result_get_advice(&advice, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(advice, nullptr);
    EXPECT_EQ(ardent_result_redflag_count(which), 0u);
    EXPECT_EQ(ardent_result_condition_count(which), 0u);
    EXPECT_EQ(ardent_result_advice_count(which), 0u);
    EXPECT_EQ(ardent_result_undecided_count(which), 0u);
    EXPECT_EQ(ardent_result_ask_count(which), 0u);
    EXPECT_EQ(ardent_result_warning_count(which), 0u);
    EXPECT_EQ(ardent_result_ruleset(which), nullptr);
    char* json = reinterpret_cast<char*>(1);
    EXPECT_EQ(ardent_result_json(&json, which, 0), ARDENT_EINVALID);
    EXPECT_EQ(json, nullptr);
  }
  EXPECT_EQ(ardent_result_explain(&e, fresh.get(), 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_explain(&e, nullptr, 0), ARDENT_EINVALID);

  EXPECT_EQ(ardent_result_rule_state(r.get(), 7), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_redflag(&rf, r.get(), 0), ARDENT_ERANGE);  // nothing fired
  EXPECT_EQ(ardent_result_get_condition(&k, r.get(), 0), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_advice(&advice, r.get(), 0), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_warning(&w, r.get(), 0), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_undecided(&u, r.get(), ardent_result_undecided_count(r.get())), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_ask(&a, r.get(), ardent_result_ask_count(r.get())), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_explain(&e, r.get(), 7), ARDENT_ERANGE);
  EXPECT_EQ(ardent_result_get_ask(nullptr, r.get(), 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_get_advice(nullptr, r.get(), 0), ARDENT_EINVALID);
  a.version = 2;
  EXPECT_EQ(ardent_result_get_ask(&a, r.get(), 0), ARDENT_EINVALID);
  e.version = 0;
  EXPECT_EQ(ardent_result_explain(&e, r.get(), 0), ARDENT_EINVALID);

  char* json = nullptr;
  EXPECT_EQ(ardent_result_json(&json, r.get(), 4u), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_cds_cards(&json, r.get(), ARDENT_RENDER_UNDECIDED), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_text(&json, r.get(), ARDENT_RENDER_PRETTY), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_json(nullptr, r.get(), 0), ARDENT_EINVALID);
}

TEST_F(Errors, Batch) {
  Ruleset other = compile(small_rules());
  Case foreign = new_case(other.get());
  const ardent_case* cases[3] = {c_.get(), c_.get(), nullptr};
  ardent_result* out[3] = {nullptr, nullptr, nullptr};
  EXPECT_EQ(ardent_evaluate_batch(out, rs_.get(), cases, 3, 1, nullptr), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("cases[2]"), std::string::npos) << last_message();
  EXPECT_EQ(out[0], nullptr);  // nothing is written when the arguments are refused
  cases[2] = foreign.get();
  EXPECT_EQ(ardent_evaluate_batch(out, rs_.get(), cases, 3, 1, nullptr), ARDENT_EINVALID);
  EXPECT_NE(last_message().find("cases[2]: the case was created for another rule set"), std::string::npos);

  cases[2] = c_.get();
  ardent_result* shared = nullptr;
  ASSERT_EQ(ardent_result_new(&shared), ARDENT_OK);
  Result owner(shared);
  ardent_result* twice[3] = {shared, nullptr, shared};
  EXPECT_EQ(ardent_evaluate_batch(twice, rs_.get(), cases, 3, 2, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(twice[1], nullptr);

  EXPECT_EQ(ardent_evaluate_batch(nullptr, rs_.get(), cases, 3, 1, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_batch(out, rs_.get(), nullptr, 3, 1, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_batch(out, nullptr, cases, 3, 1, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_evaluate_batch(nullptr, rs_.get(), nullptr, 0, 1, nullptr), ARDENT_OK);
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  opts.version = 5;
  EXPECT_EQ(ardent_evaluate_batch(out, rs_.get(), cases, 3, 1, &opts), ARDENT_EINVALID);
}
