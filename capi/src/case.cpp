// Cases: the findings of one patient, set by name, by index or from JSON.
//
// Values are validated once, by the engine's Case, whose InputError becomes the status code and
// the last error: the same refusal, with the same message, as from C++, the command line or the
// REPL. Only what is C's own (NULL pointers, a duration unit outside the enumeration) is checked
// here.
#include <cmath>
#include <span>

#include <nlohmann/json.hpp>

#include "internal.hpp"

using namespace ardent::capi;
using ardent::FindingType;

namespace {

// Runs a setter of the engine's Case; any refusal becomes the status code.
template <class Set>
int set(ardent_case* handle, Set&& body) noexcept {
  CaseImpl* kase = impl(handle);
  if (kase == nullptr) return fail_null("case");
  return guard([&] {
    body(kase->findings);
    return ARDENT_OK;
  });
}

// ardent_case_set_number is for number findings only: a duration needs its unit, which only
// ardent_case_set_duration takes (the C++ Case reads a bare number for a duration as days).
bool is_duration(const ardent::Case& c, std::uint32_t slot) {
  const auto findings = c.ruleset().findings();
  return slot < findings.size() && findings[slot].type == FindingType::duration;
}

ardent::InputError duration_needs_unit(const ardent::Case& c, std::uint32_t slot) {
  const std::string& name = c.ruleset().findings()[slot].name;
  return ardent::InputError(ardent::InputError::Kind::WrongType, name,
                            "finding '" + name + "' is a duration finding; set it with its unit "
                            "(ardent_case_set_duration)");
}

void set_number_only(ardent::Case& c, std::uint32_t slot, double value) {
  if (is_duration(c, slot)) throw duration_needs_unit(c, slot);
  c.set_number(slot, value);
}

// The same for many numbers: the first value refused, by the engine or for being a duration,
// is the one reported.
void set_numbers_only(ardent::Case& c, std::span<const std::uint32_t> slots, std::span<const double> values) {
  std::size_t duration = 0;
  while (duration < slots.size() && !is_duration(c, slots[duration])) ++duration;
  if (duration == slots.size()) return c.set_numbers(slots, values);
  // Refused either way; a trial copy says whether an earlier value is refused first.
  ardent::Case trial = c;
  trial.set_numbers(slots.first(duration), values.first(duration));
  throw ardent::InputErrorAt(duration_needs_unit(c, slots[duration]), duration);
}

// The arrays of a setter of many values: NULL is refused unless there is nothing to set.
int check_arrays(const void* findings, const void* values, std::size_t count) {
  if (count == 0) return ARDENT_OK;
  if (findings == nullptr) return fail_null("findings");
  if (values == nullptr) return fail_null("values");
  return ARDENT_OK;
}

bool known_unit(int unit) { return unit >= ARDENT_MINUTES && unit <= ARDENT_YEARS; }

int unknown_unit(int unit) { return fail(ARDENT_EINVALID, "unknown duration unit " + std::to_string(unit)); }

}  // namespace

ardent::capi::CaseImpl::CaseImpl(const RulesetImpl* owner_handle)
    : owner(owner_handle), findings(owner_handle->ruleset) {
  owner->retain();  // only once the members exist: a throwing constructor must not leak a reference
}

extern "C" {

ARDENT_API int ardent_case_new(ardent_case** out, const ardent_ruleset* ruleset_handle) {
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (ruleset == nullptr) return fail_null("ruleset");
  return guard([&] {
    *out = handle(new CaseImpl(ruleset));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_clear(ardent_case* kase_handle) {
  CaseImpl* kase = impl(kase_handle);
  if (kase == nullptr) return fail_null("case");
  return guard([&] {
    kase->findings.clear();
    return ARDENT_OK;
  });
}

ARDENT_API void ardent_case_free(ardent_case* kase) { delete impl(kase); }

ARDENT_API const ardent_ruleset* ardent_case_ruleset(const ardent_case* kase) {
  return kase == nullptr ? nullptr : handle(impl(kase)->owner);
}

// --- by index ----------------------------------------------------------------------------

ARDENT_API int ardent_case_set_bool_at(ardent_case* kase, std::uint32_t finding, int value) {
  return set(kase, [&](ardent::Case& c) { c.set_bool(finding, value != 0); });
}

ARDENT_API int ardent_case_set_number_at(ardent_case* kase, std::uint32_t finding, double value) {
  return set(kase, [&](ardent::Case& c) { set_number_only(c, finding, value); });
}

ARDENT_API int ardent_case_set_enum_index_at(ardent_case* kase, std::uint32_t finding, std::uint32_t value) {
  return set(kase, [&](ardent::Case& c) { c.set_enum(finding, value); });
}

ARDENT_API int ardent_case_set_enum_at(ardent_case* kase, std::uint32_t finding, const char* value) {
  if (value == nullptr) return fail_null("value");
  return set(kase, [&](ardent::Case& c) { c.set_enum(finding, std::string_view(value)); });
}

ARDENT_API int ardent_case_set_duration_at(ardent_case* kase, std::uint32_t finding, double amount, int unit) {
  if (!known_unit(unit)) return unknown_unit(unit);
  return set(kase, [&](ardent::Case& c) { c.set_duration(finding, amount, static_cast<ardent::DurationUnit>(unit)); });
}

ARDENT_API int ardent_case_set_unknown_at(ardent_case* kase, std::uint32_t finding) {
  return set(kase, [&](ardent::Case& c) { c.set_unknown(finding); });
}

ARDENT_API int ardent_case_unset_at(ardent_case* kase, std::uint32_t finding) {
  return set(kase, [&](ardent::Case& c) { c.unset(finding); });
}

// --- many by index ---------------------------------------------------------------------

ARDENT_API int ardent_case_set_bools(ardent_case* kase, const std::uint32_t* findings, const int* values,
                                     std::size_t count) {
  if (int rc = check_arrays(findings, values, count); rc != ARDENT_OK) return rc;
  return set(kase, [&](ardent::Case& c) {
    if (count) c.set_bools({findings, count}, {values, count});
  });
}

ARDENT_API int ardent_case_set_numbers(ardent_case* kase, const std::uint32_t* findings, const double* values,
                                       std::size_t count) {
  if (int rc = check_arrays(findings, values, count); rc != ARDENT_OK) return rc;
  return set(kase, [&](ardent::Case& c) {
    if (count) set_numbers_only(c, {findings, count}, {values, count});
  });
}

// --- by name -----------------------------------------------------------------------------

ARDENT_API int ardent_case_set_bool(ardent_case* kase, const char* finding, int value) {
  if (finding == nullptr) return fail_null("finding");
  return set(kase, [&](ardent::Case& c) { c.set_bool(std::string_view(finding), value != 0); });
}

ARDENT_API int ardent_case_set_number(ardent_case* kase, const char* finding, double value) {
  if (finding == nullptr) return fail_null("finding");
  return set(kase, [&](ardent::Case& c) { set_number_only(c, c.ruleset().finding_slot(finding), value); });
}

ARDENT_API int ardent_case_set_enum(ardent_case* kase, const char* finding, const char* value) {
  if (finding == nullptr) return fail_null("finding");
  if (value == nullptr) return fail_null("value");
  return set(kase, [&](ardent::Case& c) { c.set_enum(std::string_view(finding), std::string_view(value)); });
}

ARDENT_API int ardent_case_set_duration(ardent_case* kase, const char* finding, double amount, int unit) {
  if (finding == nullptr) return fail_null("finding");
  if (!known_unit(unit)) return unknown_unit(unit);
  return set(kase, [&](ardent::Case& c) {
    c.set_duration(std::string_view(finding), amount, static_cast<ardent::DurationUnit>(unit));
  });
}

ARDENT_API int ardent_case_set_unknown(ardent_case* kase, const char* finding) {
  if (finding == nullptr) return fail_null("finding");
  return set(kase, [&](ardent::Case& c) { c.set_unknown(std::string_view(finding)); });
}

ARDENT_API int ardent_case_unset(ardent_case* kase, const char* finding) {
  if (finding == nullptr) return fail_null("finding");
  return set(kase, [&](ardent::Case& c) { c.unset(std::string_view(finding)); });
}

// --- JSON --------------------------------------------------------------------------------

ARDENT_API int ardent_case_set_json(ardent_case* kase, const char* json, std::size_t length) {
  if (json == nullptr) return fail_null("json");
  const std::string_view text = length == ARDENT_NUL_TERMINATED ? std::string_view(json) : std::string_view(json, length);
  return set(kase, [&](ardent::Case& c) { c.set_json(text); });
}

ARDENT_API int ardent_case_state(const ardent_case* kase_handle, std::uint32_t finding) {
  const CaseImpl* kase = impl(kase_handle);
  if (kase == nullptr) return fail_null("case");
  if (finding >= kase->owner->finding_count()) return fail_index("finding", finding, kase->owner->finding_count());
  return static_cast<int>(kase->findings.state(finding));
}

ARDENT_API int ardent_case_json(char** out, const ardent_case* kase_handle) {
  const CaseImpl* kase = impl(kase_handle);
  if (out == nullptr) return fail_null("out");
  *out = nullptr;
  if (kase == nullptr) return fail_null("case");
  return guard([&] {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    auto findings = kase->owner->get().findings();
    for (std::uint32_t slot = 0; slot < findings.size(); ++slot) {
      const auto& f = findings[slot];
      switch (kase->findings.state(slot)) {
        case ardent::FindingState::not_asked: continue;
        case ardent::FindingState::unknown: object[f.name] = nullptr; continue;
        case ardent::FindingState::given: break;
      }
      double v = kase->findings.number(slot);
      switch (f.type) {
        case FindingType::boolean: object[f.name] = v != 0; break;
        case FindingType::enumeration: object[f.name] = f.values.at(static_cast<std::size_t>(v)); break;
        case FindingType::number:
        case FindingType::duration: object[f.name] = v; break;
      }
    }
    std::string text = object.dump();
    *out = dup_string(text);
    return *out == nullptr ? fail(ARDENT_ENOMEM, "out of memory") : ARDENT_OK;
  });
}

}  // extern "C"
