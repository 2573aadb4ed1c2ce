// Codes: the systems a `code` may name and the values the checker accepts for each (check
// digits, partitions, shapes), on parsed text with the positions of the real parser.
#include <gtest/gtest.h>

#include "ardent/vocabulary.hpp"
#include "parsed.hpp"
#include "support.hpp"

namespace ardent::check::fixture {
namespace {

struct CodeCase {
  const char* name;
  const char* attribute;  // on line 11, after "condition c\n"
  const char* error_code;  // "" when the code is valid
  std::uint32_t col = 0;
  const char* message = "";
};

void PrintTo(const CodeCase& c, std::ostream* os) { *os << c.name; }

const std::vector<CodeCase>& code_cases() {
  static const std::vector<CodeCase> cases = {
      // valid: real codes of each terminology
      {"snomed_mi", R"(code snomed "22298006")", ""},
      {"snomed_fever", R"(code snomed "386661006")", ""},
      {"snomed_extension_partition", R"(code snomed "1000001106")", ""},  // partition 10: an extension's concept
      {"loinc_body_temperature", R"(code loinc "8310-5")", ""},
      {"loinc_heart_rate", R"(code loinc "8867-4")", ""},
      {"icd10_stress_fracture", R"(code icd10 "M84.35")", ""},
      {"icd10_piriformis", R"(code icd10 "G57.0")", ""},
      {"icd10_category", R"(code icd10 "G57")", ""},
      {"icd10cm_seventh_character", R"(code icd10cm "S72.001A")", ""},
      {"icd10cm_letter_third", R"(code icd10cm "C7A.0")", ""},
      {"uri_system", R"(code "http://example.org/codes" "A1")", ""},
      {"urn_system", R"(code "urn:oid:2.16.840.1.113883.6.96" "x")", ""},
      {"snomed_by_uri", R"(code "http://snomed.info/sct" "22298006")", ""},
      // systems
      {"unknown_short_name", R"(code snowmed "22298006")", "code-system", 8,
       "unknown code system 'snowmed'; did you mean 'snomed'?"},
      {"unknown_short_name_hint", R"(code rxnorm "1191")", "code-system", 8, "write any other system as its URI in quotes"},
      {"quoted_short_name", R"(code "snomed" "22298006")", "code-system", 8,
       "code system \"snomed\" is not an absolute URI"},
      {"quoted_relative", R"(code "example.org/codes" "A1")", "code-system", 8, "is not an absolute URI"},
      {"quoted_with_blank", R"(code "http://example.org/my codes" "A1")", "code-system", 8, "is not an absolute URI"},
      {"quoted_empty_code", R"(code "http://example.org/codes" "")", "code-value", 35, "the code is empty"},
      // SNOMED CT
      {"snomed_check_digit", R"(code snomed "22298007")", "code-value", 15,
       "\"22298007\" is not a valid SNOMED CT concept identifier: its Verhoeff check digit should be 6"},
      {"snomed_transposed", R"(code snomed "386616006")", "code-value", 15, "Verhoeff check digit"},
      {"snomed_description_partition", R"(code snomed "22298016")", "code-value", 15,
       "its partition identifier is '01', not that of a concept"},
      {"snomed_too_short", R"(code snomed "12345")", "code-value", 15, "6 to 18 digits"},
      {"snomed_leading_zero", R"(code snomed "022298006")", "code-value", 15, "without a leading zero"},
      {"snomed_not_digits", R"(code snomed "not-a-code")", "code-value", 15, "6 to 18 digits"},
      {"snomed_by_uri_check_digit", R"(code "http://snomed.info/sct" "22298007")", "code-value", 33,
       "Verhoeff check digit should be 6"},
      // LOINC
      {"loinc_check_digit", R"(code loinc "8310-4")", "code-value", 14,
       "\"8310-4\" is not a valid LOINC code: its mod-10 check digit should be 5"},
      {"loinc_check_digit_2", R"(code loinc "8867-3")", "code-value", 14, "check digit should be 4"},
      {"loinc_no_dash", R"(code loinc "83105")", "code-value", 14, "up to 5 digits, '-' and a check digit"},
      {"loinc_two_check_digits", R"(code loinc "8310-55")", "code-value", 14, "'-' and a check digit"},
      // ICD-10
      {"icd10_no_dot", R"(code icd10 "M8435")", "code-value", 14, "\"M8435\" is not a valid ICD-10 code"},
      {"icd10_lowercase", R"(code icd10 "g57.0")", "code-value", 14, "a capital letter"},
      {"icd10_cm_extension", R"(code icd10 "S72.001A")", "code-value", 14, "is not a valid ICD-10 code"},
      {"icd10_dot_alone", R"(code icd10 "G57.")", "code-value", 14, "is not a valid ICD-10 code"},
      {"icd10cm_too_long", R"(code icd10cm "S72.001AB")", "code-value", 16, "is not a valid ICD-10-CM code"},
      {"icd10cm_digit_first", R"(code icd10cm "172.0")", "code-value", 16, "is not a valid ICD-10-CM code"},
  };
  return cases;
}

class Codes : public ::testing::TestWithParam<CodeCase> {};

TEST_P(Codes, Checked) {
  const CodeCase& k = GetParam();
  const std::string text = std::string(kPrelude) + "condition c\n  " + k.attribute + "\n";
  const auto out = parse_and_check(text);
  if (std::string(k.error_code).empty()) {
    EXPECT_TRUE(errors_of(out.diagnostics).empty()) << format(out.diagnostics);
    return;
  }
  EXPECT_TRUE(has(out.diagnostics, {k.error_code, Severity::Error, 11, k.col, k.message}));
  EXPECT_EQ(errors_of(out.diagnostics).size(), 1u) << format(out.diagnostics);
}

INSTANTIATE_TEST_SUITE_P(Table, Codes, ::testing::ValuesIn(code_cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Codes, FindingsAndRedFlagsAreCheckedToo) {
  const std::string text = std::string(kPrelude) +
                           "finding chills: bool\n  code snomed \"22298007\"\n"
                           "redflag rf:\n  code loinc \"8310-4\"\n  chills -> triage urgent\n";
  const auto out = parse_and_check(text);
  EXPECT_TRUE(has(out.diagnostics, {"code-value", Severity::Error, 11, 15, "SNOMED CT"}));
  EXPECT_TRUE(has(out.diagnostics, {"code-value", Severity::Error, 13, 14, "LOINC"}));
}

TEST(Codes, ShortNamesStandForFhirSystemUris) {
  EXPECT_EQ(system_uri(Code{"snomed", "22298006"}), "http://snomed.info/sct");
  EXPECT_EQ(system_uri(Code{"loinc", "8310-5"}), "http://loinc.org");
  EXPECT_EQ(system_uri(Code{"icd10", "G57.0"}), "http://hl7.org/fhir/sid/icd-10");
  EXPECT_EQ(system_uri(Code{"icd10cm", "S72.001A"}), "http://hl7.org/fhir/sid/icd-10-cm");
  EXPECT_EQ(system_uri(Code{"http://example.org/codes", "A1"}), "http://example.org/codes");
}

}  // namespace
}  // namespace ardent::check::fixture
