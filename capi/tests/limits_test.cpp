// The limits of ardent_compile_options version 2: the largest rule file, rule set and case JSON.
// A version-1 struct, from a program built before them, still works and gets the defaults.
#include <cstring>
#include <string>

#include "fixture.hpp"

using namespace capi_test;

namespace {

const char* kRules = "ruleset small version \"1.0.0\"\nfinding fever: bool\n  label \"Fever\"\n";

std::string last_message() { return ardent_last_error()->message; }

// What a program compiled against the version-1 header passes: the struct as it was then.
struct CompileOptionsV1 {
  unsigned int version;
  int werror;
};

TEST(Limits, ARuleFileOverItsLimitIsASyntaxErrorWithALimitDiagnostic) {
  ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
  opts.max_file_bytes = std::strlen(kRules) - 1;
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* d = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_source(&rs, &d, kRules, ARDENT_NUL_TERMINATED, "small.ard", &opts), ARDENT_ESYNTAX);
  Diagnostics owner(d);
  EXPECT_EQ(rs, nullptr);
  ardent_diagnostic one = ARDENT_DIAGNOSTIC_INIT;
  ASSERT_EQ(ardent_diagnostics_get(&one, d, 0), ARDENT_OK);
  EXPECT_STREQ(one.code, "limit");
  EXPECT_NE(last_message().find("a rule file may be at most"), std::string::npos) << last_message();
  EXPECT_STREQ(ardent_last_error()->file, "small.ard");
}

TEST(Limits, ARuleSetOverItsLimitIsRefused) {
  ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
  opts.max_ruleset_bytes = std::strlen(kRules) + 5;
  const ardent_source sources[] = {{"a.ard", kRules, ARDENT_NUL_TERMINATED}, {"b.ard", "# notes\n", 8}};
  ardent_ruleset* rs = nullptr;
  EXPECT_EQ(ardent_ruleset_compile_sources(&rs, nullptr, sources, 2, &opts), ARDENT_ESYNTAX);
  EXPECT_NE(last_message().find("'b.ard' takes the rule set to"), std::string::npos) << last_message();
  opts.max_ruleset_bytes += 3;
  ASSERT_EQ(ardent_ruleset_compile_sources(&rs, nullptr, sources, 2, &opts), ARDENT_OK) << last_message();
  ardent_ruleset_free(rs);
}

TEST(Limits, CasesOfTheRuleSetTakeAtMostItsCaseLimit) {
  ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
  opts.max_case_bytes = 15;
  ardent_ruleset* compiled = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_source(&compiled, nullptr, kRules, ARDENT_NUL_TERMINATED, nullptr, &opts), ARDENT_OK);
  Ruleset rs(compiled);
  Case c = new_case(rs.get());
  EXPECT_EQ(ardent_case_set_json(c.get(), R"({"fever": true})", ARDENT_NUL_TERMINATED), ARDENT_OK);
  EXPECT_EQ(ardent_case_set_json(c.get(), R"({"fever": false})", ARDENT_NUL_TERMINATED), ARDENT_ERANGE);
  EXPECT_EQ(last_message(), "the case is larger than 15 bytes of JSON, the most a case may be (the limit max_case_bytes)");
  EXPECT_EQ(ardent_case_state(c.get(), 0), ARDENT_STATE_GIVEN);
}

TEST(Limits, AVersion1StructGetsTheDefaultsAndIsNeverWrittenPast) {
  // The init function writes only the fields of the version asked for.
  struct {
    CompileOptionsV1 options;
    unsigned char after[32];
  } v1;
  std::memset(&v1, 0xab, sizeof v1);
  ASSERT_EQ(ardent_compile_options_init(reinterpret_cast<ardent_compile_options*>(&v1.options), 1), ARDENT_OK);
  EXPECT_EQ(v1.options.version, 1u);
  EXPECT_EQ(v1.options.werror, 0);
  for (unsigned char byte : v1.after) EXPECT_EQ(byte, 0xab);
  // Compiling with it reads nothing past it: zeros there would be refused as limits.
  std::memset(v1.after, 0, sizeof v1.after);
  ardent_ruleset* compiled = nullptr;
  ASSERT_EQ(ardent_ruleset_compile_source(&compiled, nullptr, kRules, ARDENT_NUL_TERMINATED, nullptr,
                                          reinterpret_cast<const ardent_compile_options*>(&v1.options)),
            ARDENT_OK);
  Ruleset rs(compiled);
  Case c = new_case(rs.get());
  const std::string big = R"({"fever": true)" + std::string(ARDENT_DEFAULT_MAX_CASE_BYTES - 15, ' ') + "}";
  EXPECT_EQ(ardent_case_set_json(c.get(), big.data(), big.size()), ARDENT_OK) << last_message();
  EXPECT_EQ(ardent_case_set_json(c.get(), (big + " ").data(), big.size() + 1), ARDENT_ERANGE);
}

TEST(Limits, AZeroLimitIsInvalid) {
  for (size_t ardent_compile_options::*field : {&ardent_compile_options::max_file_bytes,
                                                &ardent_compile_options::max_ruleset_bytes,
                                                &ardent_compile_options::max_case_bytes}) {
    ardent_compile_options opts = ARDENT_COMPILE_OPTIONS_INIT;
    opts.*field = 0;
    ardent_ruleset* rs = nullptr;
    EXPECT_EQ(ardent_ruleset_compile_source(&rs, nullptr, kRules, ARDENT_NUL_TERMINATED, nullptr, &opts),
              ARDENT_EINVALID);
    EXPECT_NE(last_message().find("is 0"), std::string::npos) << last_message();
  }
}

}  // namespace
