// Shared helpers of the C ABI suites: paths to the test rule sets and RAII owners so that a
// failing assertion never leaks a handle. Only ardent.h is used.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "ardent.h"

namespace capi_test {

inline std::string data_path(const std::string& name) {
  return std::string(ARDENT_SOURCE_DIR) + "/capi/tests/data/" + name;
}
inline std::string small_rules() { return data_path("small.ard"); }

struct RulesetFree { void operator()(ardent_ruleset* p) const { ardent_ruleset_free(p); } };
struct CaseFree { void operator()(ardent_case* p) const { ardent_case_free(p); } };
struct ResultFree { void operator()(ardent_result* p) const { ardent_result_free(p); } };
struct DiagnosticsFree { void operator()(ardent_diagnostics* p) const { ardent_diagnostics_free(p); } };
struct StringFree { void operator()(char* p) const { ardent_string_free(p); } };

using Ruleset = std::unique_ptr<ardent_ruleset, RulesetFree>;
using Case = std::unique_ptr<ardent_case, CaseFree>;
using Result = std::unique_ptr<ardent_result, ResultFree>;
using Diagnostics = std::unique_ptr<ardent_diagnostics, DiagnosticsFree>;
using String = std::unique_ptr<char, StringFree>;

inline Ruleset compile(const std::string& path) {
  ardent_ruleset* rs = nullptr;
  int rc = ardent_ruleset_compile_path(&rs, nullptr, path.c_str(), nullptr);
  EXPECT_EQ(rc, ARDENT_OK) << ardent_last_error()->message;
  return Ruleset(rs);
}

inline Case new_case(const ardent_ruleset* rs) {
  ardent_case* c = nullptr;
  EXPECT_EQ(ardent_case_new(&c, rs), ARDENT_OK) << ardent_last_error()->message;
  return Case(c);
}

inline Result evaluate(const ardent_ruleset* rs, const ardent_case* c) {
  ardent_result* r = nullptr;
  EXPECT_EQ(ardent_evaluate(&r, rs, c, nullptr), ARDENT_OK) << ardent_last_error()->message;
  return Result(r);
}

inline uint32_t finding(const ardent_ruleset* rs, const char* name) {
  uint32_t index = 0;
  EXPECT_EQ(ardent_finding_index(&index, rs, name), ARDENT_OK) << name;
  return index;
}

inline uint32_t rule(const ardent_ruleset* rs, const char* name) {
  uint32_t index = 0;
  EXPECT_EQ(ardent_rule_index(&index, rs, name), ARDENT_OK) << name;
  return index;
}

}  // namespace capi_test
