// What a compiled rule set declares: its info, findings, conditions and rules, by index and
// by name.
#include <cmath>
#include <limits>

#include "internal.hpp"

using namespace ardent::capi;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<ardent_code> code_views(const std::vector<ardent::Code>& codes) {
  std::vector<ardent_code> views;
  views.reserve(codes.size());
  for (const auto& c : codes) views.push_back({c.system.c_str(), c.value.c_str()});
  return views;
}

std::vector<const char*> string_views(const std::vector<std::string>& strings) {
  std::vector<const char*> views;
  views.reserve(strings.size());
  for (const auto& s : strings) views.push_back(s.c_str());
  return views;
}

template <class T>
const T* data_or_null(const std::vector<T>& v) {
  return v.empty() ? nullptr : v.data();
}

}  // namespace

namespace ardent::capi {

int not_found(std::string_view kind, std::string_view name, const std::vector<std::string_view>& names) {
  if (!valid_utf8(name)) return fail(ARDENT_EINVALID, std::string(kind) + " name is not valid UTF-8");
  std::string message = "no " + std::string(kind) + " named " + quote(name);
  message += ardent::did_you_mean(name, names);
  return fail(ARDENT_ENOTFOUND, message, kind == "finding" ? name : std::string_view());
}

template <class Infos>
int not_found_in(std::string_view kind, std::string_view name, const Infos& infos) {
  std::vector<std::string_view> names;
  names.reserve(infos.size());
  for (const auto& info : infos) names.push_back(info.name);
  return not_found(kind, name, names);
}

}  // namespace ardent::capi

ardent::capi::RulesetImpl::RulesetImpl(ardent::RulesetPtr compiled) : ruleset(std::move(compiled)) {
  const auto& rs = *ruleset;
  findings.reserve(rs.findings().size());
  for (const auto& f : rs.findings()) {
    findings.push_back({string_views(f.values), code_views(f.codes)});
  }
  conditions.reserve(rs.conditions().size());
  for (const auto& c : rs.conditions()) conditions.push_back({code_views(c.codes), string_views(c.advice)});
  rules.reserve(rs.rules().size());
  for (const auto& r : rs.rules()) rules.push_back({code_views(r.codes), string_views(r.advice)});
}

void ardent::capi::RulesetImpl::release() const {
  if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
}

extern "C" {

ARDENT_API int ardent_ruleset_get_info(ardent_ruleset_info* out, const ardent_ruleset* ruleset_handle) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (!version_ok(out->version, ARDENT_RULESET_INFO_VERSION)) return fail_version("ardent_ruleset_info");
  const auto& rs = ruleset->get();
  out->name = rs.name().c_str();
  out->ruleset_version = rs.version().c_str();
  out->title = rs.title().c_str();
  out->hash = rs.hash().c_str();
  out->default_triage = static_cast<int>(rs.default_triage());
  out->finding_count = rs.findings().size();
  out->condition_count = rs.conditions().size();
  out->rule_count = rs.rules().size();
  out->redflag_count = rs.redflag_count();
  out->test_count = rs.test_count();
  return ARDENT_OK;
}

ARDENT_API int ardent_finding_get(ardent_finding_info* out, const ardent_ruleset* ruleset_handle,
                                  std::uint32_t finding) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (!version_ok(out->version, ARDENT_FINDING_INFO_VERSION)) return fail_version("ardent_finding_info");
  auto all = ruleset->get().findings();
  if (finding >= all.size()) return fail_index("finding", finding, all.size());
  const auto& f = all[finding];
  const auto& view = ruleset->findings[finding];
  bool number = f.type == ardent::FindingType::number;
  out->index = finding;
  out->name = f.name.c_str();
  out->type = static_cast<int>(f.type);
  out->value_count = view.values.size();
  out->values = data_or_null(view.values);
  out->min = number ? f.min : kNaN;
  out->max = number ? f.max : kNaN;
  out->integer = number && f.integer ? 1 : 0;
  out->unit = f.unit.c_str();
  out->label = f.label.empty() ? f.name.c_str() : f.label.c_str();
  out->question = f.question.c_str();
  out->group = f.group.c_str();
  out->code_count = view.codes.size();
  out->codes = data_or_null(view.codes);
  return ARDENT_OK;
}

ARDENT_API int ardent_finding_index(std::uint32_t* out, const ardent_ruleset* ruleset_handle, const char* name) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (name == nullptr) return fail_null("name");
  return guard([&] {
    *out = ruleset->get().finding_slot(name);  // or the engine's "no finding ...; did you mean"
    return ARDENT_OK;
  });
}

ARDENT_API int ardent_finding_value_index(std::uint32_t* out, const ardent_ruleset* ruleset_handle,
                                          std::uint32_t finding, const char* value) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (value == nullptr) return fail_null("value");
  return guard([&] {
    auto all = ruleset->get().findings();
    if (finding >= all.size()) return fail_index("finding", finding, all.size());
    const auto& f = all[finding];
    if (f.type != ardent::FindingType::enumeration) {
      return fail(ARDENT_ETYPE, "finding '" + f.name + "' is a " +
                                    std::string(ardent::to_string(f.type)) + ", not an enum", f.name);
    }
    if (auto index = ruleset->get().enum_value_index(finding, value)) {
      *out = *index;
      return ARDENT_OK;
    }
    if (!valid_utf8(value)) return fail(ARDENT_EINVALID, "value is not valid UTF-8", f.name);
    std::vector<std::string_view> names(f.values.begin(), f.values.end());
    std::string message = quote(value) + " is not a value of '" + f.name + "'";
    message += ardent::did_you_mean(value, names);
    return fail(ARDENT_ENOTFOUND, message, f.name);
  });
}

ARDENT_API int ardent_condition_get(ardent_condition_info* out, const ardent_ruleset* ruleset_handle,
                                    std::uint32_t condition) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (!version_ok(out->version, ARDENT_CONDITION_INFO_VERSION)) return fail_version("ardent_condition_info");
  auto all = ruleset->get().conditions();
  if (condition >= all.size()) return fail_index("condition", condition, all.size());
  const auto& c = all[condition];
  const auto& view = ruleset->conditions[condition];
  out->index = condition;
  out->name = c.name.c_str();
  out->label = c.label.empty() ? c.name.c_str() : c.label.c_str();
  out->code_count = view.codes.size();
  out->codes = data_or_null(view.codes);
  out->advice_count = view.advice.size();
  out->advice = data_or_null(view.advice);
  return ARDENT_OK;
}

ARDENT_API int ardent_condition_index(std::uint32_t* out, const ardent_ruleset* ruleset_handle, const char* name) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (name == nullptr) return fail_null("name");
  return guard([&] {
    if (auto index = ruleset->get().condition_index(name)) {
      *out = *index;
      return ARDENT_OK;
    }
    return not_found_in("condition", name, ruleset->get().conditions());
  });
}

ARDENT_API int ardent_rule_get(ardent_rule_info* out, const ardent_ruleset* ruleset_handle, std::uint32_t rule) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (!version_ok(out->version, ARDENT_RULE_INFO_VERSION)) return fail_version("ardent_rule_info");
  auto all = ruleset->get().rules();
  if (rule >= all.size()) return fail_index("rule", rule, all.size());
  const auto& r = all[rule];
  const auto& view = ruleset->rules[rule];
  out->index = rule;
  out->name = r.name.c_str();
  out->redflag = r.redflag ? 1 : 0;
  out->priority = r.priority;
  out->label = (r.redflag && r.label.empty()) ? r.name.c_str() : r.label.c_str();
  out->triage = r.triage ? static_cast<int>(*r.triage) : ARDENT_TRIAGE_NONE;
  out->advice_count = view.advice.size();
  out->advice = data_or_null(view.advice);
  out->code_count = view.codes.size();
  out->codes = data_or_null(view.codes);
  out->file = r.location.file.c_str();
  out->line = r.location.line;
  out->column = r.location.column;
  out->source = r.source.c_str();
  return ARDENT_OK;
}

ARDENT_API int ardent_rule_index(std::uint32_t* out, const ardent_ruleset* ruleset_handle, const char* name) {
  if (out == nullptr) return fail_null("out");
  if (ruleset_handle == nullptr) return fail_null("ruleset");
  const RulesetImpl* ruleset = impl(ruleset_handle);
  if (name == nullptr) return fail_null("name");
  return guard([&] {
    if (auto index = ruleset->get().rule_index(name)) {
      *out = *index;
      return ARDENT_OK;
    }
    return not_found_in("rule", name, ruleset->get().rules());
  });
}

}  // extern "C"
