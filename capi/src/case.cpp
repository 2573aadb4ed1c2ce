// Cases: the findings of one patient, set by name, by index or from JSON.
//
// The setters check everything the header promises (index, type, range, domain, finiteness)
// before touching the case, so that an error leaves the case unchanged and carries a message
// naming the finding, whatever the engine underneath checks itself.
#include <cmath>

#include <nlohmann/json.hpp>

#include "internal.hpp"

using namespace ardent::capi;
using ardent::FindingType;

namespace {

const char* type_name(FindingType t) {
  switch (t) {
    case FindingType::boolean: return "bool";
    case FindingType::enumeration: return "enum";
    case FindingType::number: return "number";
    case FindingType::duration: return "duration";
  }
  return "?";
}

const std::string& finding_name(const CaseImpl* k, std::uint32_t slot) {
  return k->owner->get().findings()[slot].name;
}

// Index and type checks of the by-index setters: ARDENT_OK or a recorded failure. Inline and
// allocation-free on success: this is the fast path.
inline int check_slot(const CaseImpl* k, std::uint32_t slot) {
  if (k == nullptr) return fail_null("case");
  if (slot >= k->owner->finding_count()) return fail_index("finding", slot, k->owner->finding_count());
  return ARDENT_OK;
}

int wrong_type(const CaseImpl* k, std::uint32_t slot, FindingType wanted) {
  const std::string& name = finding_name(k, slot);
  return fail(ARDENT_ETYPE,
              "finding '" + name + "' is a " + type_name(k->owner->types[slot]) + ", not a" +
                  (wanted == FindingType::enumeration ? "n " : " ") + type_name(wanted),
              name);
}

inline int check_typed(const CaseImpl* k, std::uint32_t slot, FindingType wanted) {
  if (int rc = check_slot(k, slot); rc != ARDENT_OK) return rc;
  if (k->owner->types[slot] != wanted) return guard([&] { return wrong_type(k, slot, wanted); });
  return ARDENT_OK;
}

std::string number_text(double v) {
  std::string s = std::to_string(v);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

int check_number(const CaseImpl* k, std::uint32_t slot, double value) {
  const auto& f = k->owner->get().findings()[slot];
  if (!std::isfinite(value)) {
    return fail(ARDENT_ERANGE, "finding '" + f.name + "' needs a finite number", f.name);
  }
  if ((!std::isnan(f.min) && value < f.min) || (!std::isnan(f.max) && value > f.max)) {
    return fail(ARDENT_ERANGE,
                number_text(value) + " is outside the range of '" + f.name + "' (" +
                    (std::isnan(f.min) ? std::string("..") : number_text(f.min) + "..") +
                    (std::isnan(f.max) ? std::string() : number_text(f.max)) + ")",
                f.name);
  }
  if (f.integer && value != std::floor(value)) {
    return fail(ARDENT_ERANGE, "'" + f.name + "' takes whole numbers, not " + number_text(value), f.name);
  }
  return ARDENT_OK;
}

int check_duration(const CaseImpl* k, std::uint32_t slot, double amount, int unit) {
  const std::string& name = finding_name(k, slot);
  if (unit < ARDENT_MINUTES || unit > ARDENT_YEARS) {
    return fail(ARDENT_EINVALID, "unknown duration unit " + std::to_string(unit) + " for '" + name + "'", name);
  }
  double days = amount * ardent::days_per(static_cast<ardent::DurationUnit>(unit));
  if (!std::isfinite(amount) || !std::isfinite(days) || amount < 0) {
    return fail(ARDENT_ERANGE, "'" + name + "' needs a finite duration of zero or more", name);
  }
  return ARDENT_OK;
}

int value_not_in_domain(const CaseImpl* k, std::uint32_t slot, std::string_view value) {
  const auto& f = k->owner->get().findings()[slot];
  if (!valid_utf8(value)) return fail(ARDENT_EINVALID, "enum value is not valid UTF-8", f.name);
  std::vector<std::string_view> names(f.values.begin(), f.values.end());
  std::string message = quote(value) + " is not a value of '" + f.name + "' (one of";
  for (std::size_t i = 0; i < f.values.size(); ++i) message += (i ? ", " : " ") + f.values[i];
  message += ")";
  message += ardent::did_you_mean(value, names);
  return fail(ARDENT_ERANGE, message, f.name);
}

// Resolves a finding name for the by-name setters.
int slot_of(const CaseImpl* k, const char* finding, std::uint32_t& slot) {
  if (k == nullptr) return fail_null("case");
  if (finding == nullptr) return fail_null("finding");
  auto index = k->owner->get().finding_index(finding);
  if (!index) return unknown_finding(*k->owner, finding);
  slot = *index;
  return ARDENT_OK;
}

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

ARDENT_API int ardent_case_set_bool_at(ardent_case* kase_handle, std::uint32_t finding, int value) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_typed(kase, finding, FindingType::boolean); rc != ARDENT_OK) return rc;
  return guard([&] {
    kase->findings.set_bool(finding, value != 0);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_set_number_at(ardent_case* kase_handle, std::uint32_t finding, double value) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_typed(kase, finding, FindingType::number); rc != ARDENT_OK) return rc;
  return guard([&] {
    if (int rc = check_number(kase, finding, value); rc != ARDENT_OK) return rc;
    kase->findings.set_number(finding, value);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_set_enum_index_at(ardent_case* kase_handle, std::uint32_t finding, std::uint32_t value) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_typed(kase, finding, FindingType::enumeration); rc != ARDENT_OK) return rc;
  return guard([&] {
    std::uint32_t size = kase->owner->domain_sizes[finding];
    if (value >= size) {
      const std::string& name = finding_name(kase, finding);
      return fail(ARDENT_ERANGE,
                  "value index " + std::to_string(value) + " is outside the domain of '" + name +
                      "' (" + std::to_string(size) + " values)",
                  name);
    }
    kase->findings.set_enum(finding, value);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_set_enum_at(ardent_case* kase_handle, std::uint32_t finding, const char* value) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_typed(kase, finding, FindingType::enumeration); rc != ARDENT_OK) return rc;
  if (value == nullptr) return fail_null("value");
  return guard([&] {
    auto index = kase->owner->get().enum_value_index(finding, value);
    if (!index) return value_not_in_domain(kase, finding, value);
    kase->findings.set_enum(finding, *index);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_set_duration_at(ardent_case* kase_handle, std::uint32_t finding, double amount, int unit) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_typed(kase, finding, FindingType::duration); rc != ARDENT_OK) return rc;
  return guard([&] {
    if (int rc = check_duration(kase, finding, amount, unit); rc != ARDENT_OK) return rc;
    kase->findings.set_duration(finding, amount, static_cast<ardent::DurationUnit>(unit));
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_set_unknown_at(ardent_case* kase_handle, std::uint32_t finding) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_slot(kase, finding); rc != ARDENT_OK) return rc;
  return guard([&] {
    kase->findings.set_unknown(finding);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_unset_at(ardent_case* kase_handle, std::uint32_t finding) {
  CaseImpl* kase = impl(kase_handle);
  if (int rc = check_slot(kase, finding); rc != ARDENT_OK) return rc;
  return guard([&] {
    kase->findings.unset(finding);
    return ARDENT_OK;
  });
}

// --- by name -----------------------------------------------------------------------------

#define ARDENT_BY_NAME(call)                                         \
  return guard([&] {                                                 \
    std::uint32_t slot = 0;                                          \
    if (int rc = slot_of(kase, finding, slot); rc != ARDENT_OK) return rc; \
    return call;                                                     \
  })

ARDENT_API int ardent_case_set_bool(ardent_case* kase_handle, const char* finding, int value) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_set_bool_at(kase_handle, slot, value));
}

ARDENT_API int ardent_case_set_number(ardent_case* kase_handle, const char* finding, double value) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_set_number_at(kase_handle, slot, value));
}

ARDENT_API int ardent_case_set_enum(ardent_case* kase_handle, const char* finding, const char* value) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_set_enum_at(kase_handle, slot, value));
}

ARDENT_API int ardent_case_set_duration(ardent_case* kase_handle, const char* finding, double amount, int unit) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_set_duration_at(kase_handle, slot, amount, unit));
}

ARDENT_API int ardent_case_set_unknown(ardent_case* kase_handle, const char* finding) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_set_unknown_at(kase_handle, slot));
}

ARDENT_API int ardent_case_unset(ardent_case* kase_handle, const char* finding) {
  CaseImpl* kase = impl(kase_handle);
  ARDENT_BY_NAME(ardent_case_unset_at(kase_handle, slot));
}

#undef ARDENT_BY_NAME

// --- JSON --------------------------------------------------------------------------------

ARDENT_API int ardent_case_set_json(ardent_case* kase_handle, const char* json, std::size_t length) {
  CaseImpl* kase = impl(kase_handle);
  if (kase == nullptr) return fail_null("case");
  if (json == nullptr) return fail_null("json");
  std::string_view text = length == ARDENT_NUL_TERMINATED ? std::string_view(json) : std::string_view(json, length);
  return guard([&] {
    if (std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
      return fail(ARDENT_EINVALID, "the JSON text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
    }
    kase->findings.set_json(text);
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_case_state(const ardent_case* kase_handle, std::uint32_t finding) {
  const CaseImpl* kase = impl(kase_handle);
  if (int rc = check_slot(kase, finding); rc != ARDENT_OK) return rc;
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
