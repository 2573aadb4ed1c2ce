// Codes: every `code SYSTEM "VALUE"` names a known terminology or a URI, and its value has the
// shape of a code of that terminology (check digits included). A code that a terminology
// server would reject is caught while the rule set is written, not when an EHR sends a Coding.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "ardent/names.hpp"
#include "ardent/vocabulary.hpp"
#include "check/context.hpp"

namespace ardent::check::detail {

namespace {

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }
bool is_alpha(char ch) { return is_upper(ch) || (ch >= 'a' && ch <= 'z'); }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// scheme ":" something, without blanks (RFC 3986 for the scheme).
bool is_absolute_uri(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size() || !is_alpha(s[0])) return false;
  for (char ch : s.substr(0, colon))
    if (!is_alpha(ch) && !is_digit(ch) && ch != '+' && ch != '-' && ch != '.') return false;
  return std::none_of(s.begin(), s.end(), [](char ch) { return ch == ' ' || ch == '\t' || ch < ' '; });
}

// --- SNOMED CT: Verhoeff check digit and partition identifier ------------------------------

constexpr std::array<std::array<int, 10>, 10> kVerhoeffMultiply = {{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}};
constexpr std::array<std::array<int, 10>, 8> kVerhoeffPermute = {{
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}};
constexpr std::array<int, 10> kVerhoeffInverse = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

// The Verhoeff check digit that belongs after `digits`.
int verhoeff_digit(std::string_view digits) {
  int c = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const int d = digits[digits.size() - 1 - i] - '0';
    c = kVerhoeffMultiply[c][kVerhoeffPermute[(i + 1) % 8][d]];
  }
  return kVerhoeffInverse[c];
}

std::optional<std::string> snomed_problem(std::string_view v) {
  if (!all_digits(v) || v.size() < 6 || v.size() > 18 || v[0] == '0')
    return "a SNOMED CT identifier is 6 to 18 digits without a leading zero (e.g. 22298006)";
  const std::string_view partition = v.substr(v.size() - 3, 2);
  if (partition != "00" && partition != "10")
    return fmt::format("its partition identifier is '{}', not that of a concept ('00', or '10' in an extension)",
                       partition);
  const int expected = verhoeff_digit(v.substr(0, v.size() - 1));
  if (v.back() - '0' != expected) return fmt::format("its Verhoeff check digit should be {}", expected);
  return std::nullopt;
}

// --- LOINC: NNNNN-N with a mod-10 check digit ------------------------------------------------

// LOINC's mod 10: from the right, every other digit (the last one first) is doubled and the
// digits of the products summed with the others; the check digit brings the sum to a multiple of 10.
int loinc_digit(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 0) d = d * 2 / 10 + d * 2 % 10;
    sum += d;
  }
  return (10 - sum % 10) % 10;
}

std::optional<std::string> loinc_problem(std::string_view v) {
  const auto dash = v.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash > 5 || dash + 2 != v.size() ||
      !all_digits(v.substr(0, dash)) || !is_digit(v.back()))
    return "a LOINC code is up to 5 digits, '-' and a check digit (e.g. 8310-5)";
  const int expected = loinc_digit(v.substr(0, dash));
  if (v.back() - '0' != expected) return fmt::format("its mod-10 check digit should be {}", expected);
  return std::nullopt;
}

// --- ICD-10 (WHO) and ICD-10-CM: shapes ------------------------------------------------------

// A letter, two digits, and optionally '.' with one or two digits: G57.0, M84.35.
std::optional<std::string> icd10_problem(std::string_view v) {
  const bool head = v.size() >= 3 && is_upper(v[0]) && is_digit(v[1]) && is_digit(v[2]);
  const std::string_view tail = head ? v.substr(3) : std::string_view();
  const bool ok = head && (tail.empty() || (tail[0] == '.' && tail.size() >= 2 && tail.size() <= 3 &&
                                            all_digits(tail.substr(1))));
  if (ok) return std::nullopt;
  return "an ICD-10 code is a capital letter, two digits and optionally '.' with one or two digits "
         "(e.g. G57.0, M84.35)";
}

// A letter, a digit, a digit or letter, and optionally '.' with one to four digits or letters:
// S72.001A, C7A.0.
std::optional<std::string> icd10cm_problem(std::string_view v) {
  auto alnum = [](char ch) { return is_digit(ch) || is_upper(ch); };
  const bool head = v.size() >= 3 && is_upper(v[0]) && is_digit(v[1]) && alnum(v[2]);
  const std::string_view tail = head ? v.substr(3) : std::string_view();
  const bool ok = head && (tail.empty() || (tail[0] == '.' && tail.size() >= 2 && tail.size() <= 5 &&
                                            std::all_of(tail.begin() + 1, tail.end(), alnum)));
  if (ok) return std::nullopt;
  return "an ICD-10-CM code is a capital letter, a digit, a digit or capital letter and optionally "
         "'.' with one to four digits or capital letters (e.g. S72.001A)";
}

struct Terminology {
  std::string_view uri;
  std::string_view title;  // in messages
  std::optional<std::string> (*problem)(std::string_view value);
};

constexpr std::array<Terminology, 4> kTerminologies = {{
    {"http://snomed.info/sct", "SNOMED CT concept identifier", snomed_problem},
    {"http://loinc.org", "LOINC code", loinc_problem},
    {"http://hl7.org/fhir/sid/icd-10", "ICD-10 code", icd10_problem},
    {"http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM code", icd10cm_problem},
}};

// The system's URI; otherwise reports what is wrong with it and gives nullopt.
std::optional<std::string_view> checked_system(Context& c, const syntax::Code& code) {
  if (code.quoted_system) {
    if (is_absolute_uri(code.system)) return code.system;
    c.error(code.system_span, "code-system",
            fmt::format("code system \"{}\" is not an absolute URI (write e.g. \"http://example.org/codes\")",
                        code.system));
    return std::nullopt;
  }
  if (auto uri = code_system_uri(code.system)) return uri;
  std::vector<std::string_view> names;
  for (const auto& s : kCodeSystems) names.push_back(s.name);
  c.error(code.system_span, "code-system",
          fmt::format("unknown code system '{}'{}: the short names are snomed, loinc, icd10 and icd10cm; "
                      "write any other system as its URI in quotes",
                      code.system, did_you_mean(code.system, names)));
  return std::nullopt;
}

void check_code(Context& c, const syntax::Code& code) {
  const auto uri = checked_system(c, code);
  if (!uri) return;
  for (const auto& t : kTerminologies) {
    if (t.uri != *uri) continue;
    if (auto problem = t.problem(code.value))
      c.error(code.value_span, "code-value",
              fmt::format("\"{}\" is not a valid {}: {}", code.value, t.title, *problem));
    return;
  }
  if (code.value.empty()) c.error(code.value_span, "code-value", "the code is empty");
}

void check_codes_of(Context& c, const syntax::Attributes& attrs) {
  for (const auto& code : attrs.codes) check_code(c, code);
}

}  // namespace

void check_codes(Context& c) {
  for (const auto& m : c.modules) {
    for (const auto& d : m.findings) check_codes_of(c, d.attrs);
    for (const auto& d : m.conditions) check_codes_of(c, d.attrs);
    for (const auto& d : m.rules) check_codes_of(c, d.attrs);
  }
}

}  // namespace ardent::check::detail
