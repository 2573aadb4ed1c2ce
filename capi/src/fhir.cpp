// FHIR input for a case: the engine's reader (ardent/fhir.hpp), its refusals as status codes.
#include "ardent/fhir.hpp"

#include "internal.hpp"

using namespace ardent::capi;

ARDENT_API int ardent_case_set_fhir(ardent_case* handle, const char* json, std::size_t length) {
  if (json == nullptr) return fail_null("json");
  CaseImpl* kase = impl(handle);
  if (kase == nullptr) return fail_null("case");
  const std::string_view text = length == ARDENT_NUL_TERMINATED ? std::string_view(json) : std::string_view(json, length);
  return guard([&] {
    ardent::fhir::set_case(kase->findings, text);  // conflicts: unknown, and a warning kept by the case
    return ARDENT_OK;
  });
}
