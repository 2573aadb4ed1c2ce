// Case JSON through every door a host reads a case by: ardent_case_set_json on each rule set of
// the repository, then evaluation, every accessor, the explanations, the interview, the JSON
// result (whole and with max_ask), CDS cards and the text report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"

using namespace ardent::fuzz;

namespace {

void expect_empty(const ardent_case* kase) {
  char* json = nullptr;
  if (ARDENT_FUZZ_CALL(ardent_case_json(&json, kase)) == ARDENT_OK && std::string(json) != "{}")
    bug("a refused case JSON changed the case", json);
  ardent_string_free(json);
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
    const int status = ARDENT_FUZZ_CALL(ardent_case_set_json(kase, text, size));
    if (status == ARDENT_OK) {
      expect_round_trip(kase);
      evaluate_and_read(rs, kase);
    } else {
      if (!is_input_refusal(status)) bug("ardent_case_set_json: an unexpected status", ardent_last_error()->message);
      expect_empty(kase);
    }
    ardent_case_free(kase);
  }
  ardent_error_clear();
  return 0;
}
