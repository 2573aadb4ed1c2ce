// Versions, names of the enumerations, and the option structs' defaults.
#include <cstddef>
#include <cstring>
#include <string_view>

#include "ardent/format.hpp"
#include "internal.hpp"

using ardent::capi::fail;
using ardent::capi::fail_version;
using ardent::capi::version_ok;

namespace {

// The names come from the C++ enumerations' to_string, their one home; every one of them is a
// string literal, so data() is NUL-terminated.
template <class Enum>
const char* name_of(int value, Enum last) {
  if (value < 0 || value > static_cast<int>(last)) return nullptr;
  return to_string(static_cast<Enum>(value)).data();
}

}  // namespace

// The header and the C++ engine must agree on the versions; a mismatch is a build error.
static_assert(ARDENT_VERSION_NUMBER ==
              ARDENT_VERSION_MAJOR * 1000000 + ARDENT_VERSION_MINOR * 1000 + ARDENT_VERSION_PATCH);
static_assert(std::string_view(ARDENT_VERSION) == std::string_view(ardent::kEngineVersion));
static_assert(ARDENT_DSL_VERSION == ardent::kDslVersion);

extern "C" {

ARDENT_API const char* ardent_version(void) { return ARDENT_VERSION; }
ARDENT_API int ardent_version_number(void) { return ARDENT_VERSION_NUMBER; }
ARDENT_API int ardent_abi_version(void) { return ARDENT_ABI_VERSION; }

ARDENT_API const char* ardent_triage_str(int triage) {
  return name_of(triage, ardent::Triage::emergency);
}
ARDENT_API const char* ardent_finding_type_str(int type) {
  return name_of(type, ardent::FindingType::duration);
}
ARDENT_API const char* ardent_state_str(int state) {
  return name_of(state, ardent::FindingState::given);
}
ARDENT_API const char* ardent_duration_unit_str(int unit) {
  return name_of(unit, ardent::DurationUnit::years);
}
ARDENT_API const char* ardent_severity_str(int severity) {
  return name_of(severity, ardent::Severity::Note);
}
ARDENT_API const char* ardent_rule_state_str(int state) {
  return name_of(state, ardent::RuleState::fired);
}
ARDENT_API const char* ardent_condition_status_str(int status) {
  return name_of(status, ardent::ConditionStatus::excluded);
}
ARDENT_API const char* ardent_strength_str(int strength) {
  return name_of(strength, ardent::Strength::possible);
}
ARDENT_API const char* ardent_ask_reason_str(int reason) {
  return name_of(reason, ardent::AskReason::decides_condition);
}
ARDENT_API const char* ardent_standing_str(int standing) {
  return name_of(standing, ardent::Standing::distant);
}

ARDENT_API int ardent_compile_options_init(ardent_compile_options* opts, unsigned int version) {
  if (opts == nullptr) return fail(ARDENT_EINVALID, "opts is NULL");
  if (version < 1 || version > ARDENT_COMPILE_OPTIONS_VERSION)
    return fail(ARDENT_EINVALID, "unknown ardent_compile_options version");
  // A program built against an older header holds a shorter struct: write only its fields.
  const ardent_compile_options defaults = ARDENT_COMPILE_OPTIONS_INIT;
  opts->version = version;
  opts->werror = defaults.werror;
  if (version >= 2) {
    opts->max_file_bytes = defaults.max_file_bytes;
    opts->max_ruleset_bytes = defaults.max_ruleset_bytes;
    opts->max_case_bytes = defaults.max_case_bytes;
  }
  return ARDENT_OK;
}

ARDENT_API int ardent_evaluate_options_init(ardent_evaluate_options* opts, unsigned int version) {
  if (opts == nullptr) return fail(ARDENT_EINVALID, "opts is NULL");
  if (version < 1 || version > ARDENT_EVALUATE_OPTIONS_VERSION)
    return fail(ARDENT_EINVALID, "unknown ardent_evaluate_options version");
  *opts = ardent_evaluate_options ARDENT_EVALUATE_OPTIONS_INIT;
  opts->version = version;
  return ARDENT_OK;
}

ARDENT_API int ardent_stream_options_init(ardent_stream_options* opts, unsigned int version) {
  if (opts == nullptr) return fail(ARDENT_EINVALID, "opts is NULL");
  if (!version_ok(version, ARDENT_STREAM_OPTIONS_VERSION)) return fail_version("ardent_stream_options");
  *opts = ardent_stream_options ARDENT_STREAM_OPTIONS_INIT;
  opts->version = version;
  return ARDENT_OK;
}

ARDENT_API int ardent_json_options_init(ardent_json_options* opts, unsigned int version) {
  if (opts == nullptr) return fail(ARDENT_EINVALID, "opts is NULL");
  if (!version_ok(version, ARDENT_JSON_OPTIONS_VERSION)) return fail_version("ardent_json_options");
  // Only the members of that version: a version 1 struct has no room for `schema`.
  const ardent_json_options defaults = ARDENT_JSON_OPTIONS_INIT;
  std::memcpy(opts, &defaults, version >= 2 ? sizeof defaults : offsetof(ardent_json_options, schema));
  opts->version = version;
  return ARDENT_OK;
}

}  // extern "C"

// The C constants mirror the C++ enumerations one to one; the getters rely on it.
static_assert(ARDENT_TRIAGE_EMERGENCY == static_cast<int>(ardent::Triage::emergency));
static_assert(ARDENT_TRIAGE_SELF_CARE == static_cast<int>(ardent::Triage::self_care));
static_assert(ARDENT_FINDING_DURATION == static_cast<int>(ardent::FindingType::duration));
static_assert(ARDENT_FINDING_ENUM == static_cast<int>(ardent::FindingType::enumeration));
static_assert(ARDENT_STATE_GIVEN == static_cast<int>(ardent::FindingState::given));
static_assert(ARDENT_STATE_UNKNOWN == static_cast<int>(ardent::FindingState::unknown));
static_assert(ARDENT_YEARS == static_cast<int>(ardent::DurationUnit::years));
static_assert(ARDENT_WEEKS == static_cast<int>(ardent::DurationUnit::weeks));
static_assert(ARDENT_SEVERITY_NOTE == static_cast<int>(ardent::Severity::Note));
static_assert(ARDENT_SEVERITY_WARNING == static_cast<int>(ardent::Severity::Warning));
static_assert(ARDENT_RULE_FIRED == static_cast<int>(ardent::RuleState::fired));
static_assert(ARDENT_RULE_UNDECIDED == static_cast<int>(ardent::RuleState::undecided));
static_assert(ARDENT_CONDITION_EXCLUDED == static_cast<int>(ardent::ConditionStatus::excluded));
static_assert(ARDENT_CONDITION_CONSIDERED == static_cast<int>(ardent::ConditionStatus::considered));
static_assert(ARDENT_STRENGTH_POSSIBLE == static_cast<int>(ardent::Strength::possible));
static_assert(ARDENT_STRENGTH_LIKELY == static_cast<int>(ardent::Strength::likely));
static_assert(ARDENT_ASK_REFINES == static_cast<int>(ardent::AskReason::refines));
static_assert(ARDENT_ASK_REQUESTED == static_cast<int>(ardent::AskReason::requested));
static_assert(ARDENT_ASK_RED_FLAG == static_cast<int>(ardent::AskReason::red_flag));
static_assert(ARDENT_ASK_RAISES_TRIAGE == static_cast<int>(ardent::AskReason::raises_triage));
static_assert(ARDENT_ASK_SCREEN == static_cast<int>(ardent::AskReason::screen));
static_assert(ARDENT_ASK_LOWERS_TRIAGE == static_cast<int>(ardent::AskReason::lowers_triage));
static_assert(ARDENT_ASK_DECIDES_CONDITION == static_cast<int>(ardent::AskReason::decides_condition));
static_assert(ARDENT_STANDING_NO_TRUE_PART == static_cast<int>(ardent::Standing::no_true_part));
static_assert(ARDENT_STANDING_RAISES == static_cast<int>(ardent::Standing::raises));
static_assert(ARDENT_STANDING_LOWERS == static_cast<int>(ardent::Standing::lowers));
static_assert(ARDENT_STANDING_DECIDES_CONDITION == static_cast<int>(ardent::Standing::decides_condition));
static_assert(ARDENT_STANDING_NOTHING_TO_ASK == static_cast<int>(ardent::Standing::nothing_to_ask));
static_assert(ARDENT_STANDING_NO_CHANGE == static_cast<int>(ardent::Standing::no_change));
static_assert(ARDENT_STANDING_DISTANT == static_cast<int>(ardent::Standing::distant));
static_assert(ARDENT_FACT_PRESENCE == static_cast<int>(ardent::Fact::Kind::presence));
static_assert(ARDENT_FACT_SCORE == static_cast<int>(ardent::Fact::Kind::score));
static_assert(ARDENT_OWNER_SCORE == static_cast<int>(ardent::EvalWarning::Owner::score));
static_assert(ARDENT_OWNER_DEFINE == static_cast<int>(ardent::EvalWarning::Owner::define));
static_assert(ARDENT_WARNING_DIVISION_BY_ZERO == static_cast<int>(ardent::EvalWarning::Kind::division_by_zero));
static_assert(ARDENT_WARNING_CONFLICTING_ANSWERS == static_cast<int>(ardent::EvalWarning::Kind::conflicting_answers));
static_assert(ARDENT_OWNER_FINDING == static_cast<int>(ardent::EvalWarning::Owner::finding));
static_assert(ARDENT_JSON_SCHEMA_VERSION == ardent::kResultSchemaVersion);
static_assert(ARDENT_JSON_SCHEMA_OLDEST == ardent::kOldestResultSchema);
