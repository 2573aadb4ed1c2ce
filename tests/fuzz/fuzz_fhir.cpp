// FHIR R4 input (docs/fhir.md) through ardent_case_set_fhir on each rule set of the repository:
// a refusal leaves the case as it was, an accepted input gives a case that survives its own
// JSON, the same input read twice gives the same case, and the result of evaluating it (with
// its conflict warnings) reads through every accessor and rendering.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"

using namespace ardent::fuzz;

namespace {

std::string case_json(const ardent_case* kase) {
  char* json = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_case_json(&json, kase)) != ARDENT_OK) return {};
  std::string text = json;
  ardent_string_free(json);
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  repository_rulesets();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const char* text = reinterpret_cast<const char*>(data);
  for (ardent_ruleset* rs : repository_rulesets()) {
    ardent_case* kase = nullptr;
    if (ARDENT_FUZZ_CALL(ardent_case_new(&kase, rs)) != ARDENT_OK) bug("ardent_case_new failed");
    const int status = ARDENT_FUZZ_CALL(ardent_case_set_fhir(kase, text, size));
    if (status == ARDENT_OK) {
      expect_round_trip(kase);
      ardent_case* again = nullptr;
      ARDENT_FUZZ_CALL(ardent_case_new(&again, rs));
      if (again == nullptr) bug("ardent_case_new failed on a live rule set");
      if (ARDENT_FUZZ_CALL(ardent_case_set_fhir(again, text, size)) != ARDENT_OK)
        bug("FHIR input accepted once and refused the second time", ardent_last_error()->message);
      if (case_json(again) != case_json(kase)) bug("the same FHIR input gave two different cases", case_json(kase));
      ardent_case_free(again);
      evaluate_and_read(rs, kase);
    } else {
      if (!is_input_refusal(status)) bug("ardent_case_set_fhir: an unexpected status", ardent_last_error()->message);
      if (case_json(kase) != "{}") bug("refused FHIR input changed the case", case_json(kase));
    }
    ardent_case_free(kase);
  }
  ardent_error_clear();
  return 0;
}
