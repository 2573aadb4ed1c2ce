// A rule set as a FHIR R4 Questionnaire (SDC, http://hl7.org/fhir/uv/sdc): what an EHR or a form
// filler needs to ask the rule set's questions and send the answers back as a
// QuestionnaireResponse whose linkIds are the findings' names.
#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent/fhir.hpp"
#include "fhir/items.hpp"
#include "fhir/units.hpp"

namespace ardent::fhir {

namespace {

using json = nlohmann::ordered_json;  // members in FHIR's order, resourceType first
using detail::kUcumSystem;
using detail::UcumUnit;

constexpr const char* kSdcProfile = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire";
constexpr const char* kMinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
constexpr const char* kMaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
constexpr const char* kUnit = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
constexpr const char* kUnitOption = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
constexpr const char* kMinQuantity = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-minQuantity";
constexpr const char* kMaxQuantity = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-maxQuantity";
// A finding's name cannot hold '-', so the screen's group never shares a linkId with a finding.
constexpr const char* kScreenLinkId = "ardent-screen";

json extension(const char* url, const char* value_key, json value) {
  return {{"url", url}, {value_key, std::move(value)}};
}

json ucum_coding(const UcumUnit& u) {
  return {{"system", kUcumSystem}, {"code", u.code}, {"display", u.display}};
}

json ucum_quantity(double value, const UcumUnit& u) {
  return {{"value", value}, {"unit", u.display}, {"system", kUcumSystem}, {"code", u.code}};
}

json codings(const FindingInfo& f) {
  json out = json::array();
  for (const auto& code : f.codes)
    out.push_back({{"system", system_uri(code)}, {"code", code.value}, {"display", f.label}});
  return out;
}

void add_extension(json& item, json ext) { item["extension"].push_back(std::move(ext)); }

// A number with a UCUM unit (weeks, degrees Celsius) is a quantity in that unit, so that an
// answer in another unit of its dimension can be converted; its range is one of quantities.
void quantity_item(json& item, const FindingInfo& f, const UcumUnit& u) {
  item["type"] = "quantity";
  add_extension(item, extension(kUnit, "valueCoding", ucum_coding(u)));
  if (!std::isnan(f.min)) add_extension(item, extension(kMinQuantity, "valueQuantity", ucum_quantity(f.min, u)));
  if (!std::isnan(f.max)) add_extension(item, extension(kMaxQuantity, "valueQuantity", ucum_quantity(f.max, u)));
}

// A number without a UCUM unit (a score, a grade, a count) is an integer or a decimal; its unit,
// if any, is shown as the unit's text.
void plain_number_item(json& item, const FindingInfo& f) {
  item["type"] = f.integer ? "integer" : "decimal";
  const char* value_key = f.integer ? "valueInteger" : "valueDecimal";
  auto bound = [&](double v) { return f.integer ? json(static_cast<long long>(v)) : json(v); };
  if (!f.unit.empty()) add_extension(item, extension(kUnit, "valueCoding", {{"display", f.unit}}));
  if (!std::isnan(f.min)) add_extension(item, extension(kMinValue, value_key, bound(f.min)));
  if (!std::isnan(f.max)) add_extension(item, extension(kMaxValue, value_key, bound(f.max)));
}

// A duration is a quantity in any of the duration units.
void duration_item(json& item) {
  item["type"] = "quantity";
  for (const auto& u : kDurationUnits)
    add_extension(item, extension(kUnitOption, "valueCoding", ucum_coding(detail::ucum_unit(u.unit))));
}

void choice_item(json& item, const FindingInfo& f) {
  item["type"] = "choice";
  for (const auto& v : f.values) item["answerOption"].push_back({{"valueCoding", {{"code", v}, {"display", v}}}});
}

}  // namespace

json detail::questionnaire_item(const FindingInfo& f) {
  json item = {{"linkId", f.name}, {"text", f.question.empty() ? f.label : f.question}};
  if (!f.codes.empty()) item["code"] = codings(f);
  switch (f.type) {
    case FindingType::boolean: item["type"] = "boolean"; break;
    case FindingType::enumeration: choice_item(item, f); break;
    case FindingType::duration: duration_item(item); break;
    case FindingType::number:
      if (auto u = detail::ucum_unit(f.unit)) quantity_item(item, f, *u);
      else plain_number_item(item, f);
      break;
  }
  return item;
}

namespace {

json items(const Ruleset& rs) {
  const auto findings = rs.findings();
  const auto& screen = rs.screen();
  std::vector<bool> in_screen(findings.size(), false);
  json out = json::array();
  if (!screen.findings.empty()) {
    json group = {{"linkId", kScreenLinkId}, {"type", "group"}, {"text", screen.title}, {"item", json::array()}};
    for (auto slot : screen.findings) {
      group["item"].push_back(detail::questionnaire_item(findings[slot]));
      in_screen[slot] = true;
    }
    out.push_back(std::move(group));
  }
  for (std::size_t i = 0; i < findings.size(); ++i)
    if (!in_screen[i]) out.push_back(detail::questionnaire_item(findings[i]));
  return out;
}

}  // namespace

// A resource id allows letters, digits, '-' and '.': a rule set's '_' becomes '-'.
std::string detail::resource_id(std::string name) {
  for (char& ch : name)
    if (ch == '_') ch = '-';
  return name;
}

std::string questionnaire(const Ruleset& rs, int indent) {
  json q = {
      {"resourceType", "Questionnaire"},
      {"id", detail::resource_id(rs.name())},
      {"meta", {{"profile", {kSdcProfile}}}},
      {"url", "urn:ardent:ruleset:" + rs.name()},
      {"version", rs.version()},
      {"title", rs.title().empty() ? rs.name() : rs.title()},
      {"status", "active"},
      {"subjectType", {"Patient"}},
      {"description", "The questions of the Ardent rule set " + rs.name() + " " + rs.version() +
                          " (sha256 " + rs.hash() + "); each item's linkId is a finding's name."},
      {"item", items(rs)},
  };
  return q.dump(indent);
}

}  // namespace ardent::fhir
