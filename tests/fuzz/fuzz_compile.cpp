// Rule text through the compiler (ardent_ruleset_compile_source): every diagnostic read back;
// and when the text compiles, its own test blocks run, a case filled from the input's bytes
// survives its JSON, and its evaluation is read in full.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ardent/testing.hpp"
#include "harness.hpp"

using namespace ardent::fuzz;

namespace {

void read_diagnostics(const ardent_diagnostics* diagnostics) {
  const std::size_t n = ardent_diagnostics_count(diagnostics);
  for (std::size_t i = 0; i <= n; ++i) {
    ardent_diagnostic d = ARDENT_DIAGNOSTIC_INIT;
    if (ARDENT_FUZZ_CALL(ardent_diagnostics_get(&d, diagnostics, i)) != ARDENT_OK) continue;
    if (std::string_view(d.code) == "internal") bug("internal compiler error", d.text);
    expect_utf8("diagnostic", d.text);
  }
  expect_utf8("ardent_diagnostics_text", ardent_diagnostics_text(diagnostics));
}

// One value per finding, chosen by the input's bytes: not asked, unknown, or a value at an edge
// of what the finding takes.
void fill_case(ardent_case* kase, const ardent_ruleset* rs, const std::uint8_t* data, std::size_t size) {
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ARDENT_FUZZ_CALL(ardent_ruleset_get_info(&info, rs));
  for (std::uint32_t i = 0; i < info.finding_count; ++i) {
    const unsigned choice = size == 0 ? 0 : data[i % size] % 4;
    ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
    ARDENT_FUZZ_CALL(ardent_finding_get(&f, rs, i));
    if (choice == 0) continue;
    if (choice == 1) {
      ARDENT_FUZZ_CALL(ardent_case_set_unknown_at(kase, i));
      continue;
    }
    const bool low = choice == 2;
    switch (f.type) {
      case ARDENT_FINDING_BOOL: ARDENT_FUZZ_CALL(ardent_case_set_bool_at(kase, i, low ? 0 : 1)); break;
      case ARDENT_FINDING_ENUM:
        ARDENT_FUZZ_CALL(ardent_case_set_enum_index_at(kase, i, low ? 0 : static_cast<std::uint32_t>(f.value_count - 1)));
        break;
      case ARDENT_FINDING_NUMBER: {
        const double edge = low ? f.min : f.max;
        ARDENT_FUZZ_CALL(ardent_case_set_number_at(kase, i, edge == edge ? edge : (low ? -1e6 : 1e6)));
        break;
      }
      case ARDENT_FINDING_DURATION:
        ARDENT_FUZZ_CALL(ardent_case_set_duration_at(kase, i, low ? 0 : 7, low ? ARDENT_DAYS : ARDENT_WEEKS));
        break;
      default: bug("a finding type outside the enumeration");
    }
  }
}

void use_compiled(ardent_ruleset* rs, std::string_view text, const std::uint8_t* data, std::size_t size) {
  // The test blocks, through the C++ API (run_tests never throws for a compiled rule set).
  const ardent::CompileOutput again = ardent::compile_source(text, "fuzz.ard");
  if (!again.ok()) bug("the C++ API refuses what the C ABI compiled");
  try {
    ardent::run_tests(again.ruleset);
  } catch (const std::exception& e) {
    bug("run_tests threw", e.what());
  }

  ardent_case* kase = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_case_new(&kase, rs)) != ARDENT_OK) return;
  fill_case(kase, rs, data, size);
  expect_round_trip(kase);
  ardent_result* result = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_evaluate(&result, rs, kase, nullptr)) == ARDENT_OK) read_whole_result(result, kase);
  ardent_result_free(result);
  ardent_case_free(kase);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ardent_ruleset* rs = nullptr;
  ardent_diagnostics* diagnostics = nullptr;
  const int status =
      ARDENT_FUZZ_CALL(ardent_ruleset_compile_source(&rs, &diagnostics, text.data(), text.size(), "fuzz.ard", nullptr));
  if (status != ARDENT_OK && status != ARDENT_ESYNTAX && status != ARDENT_ENOMEM)
    bug("ardent_ruleset_compile_source: an unexpected status", ardent_last_error()->message);
  if ((status == ARDENT_OK) != (rs != nullptr)) bug("a rule set handed out on failure, or none on success");
  if (status == ARDENT_ESYNTAX && ardent_diagnostics_error_count(diagnostics) == 0)
    bug("a failed compile without errors");
  read_diagnostics(diagnostics);
  if (rs != nullptr) use_compiled(rs, text, data, size);
  ardent_diagnostics_free(diagnostics);
  ardent_ruleset_free(rs);
  ardent_error_clear();
  return 0;
}
