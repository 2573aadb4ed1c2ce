// FHIR R4 resources -> the findings of a Case (docs/fhir.md): QuestionnaireResponse answers by
// linkId, Observations and Conditions by the codes their findings declare. Each resource gives
// answers with a time; per finding the latest answer wins, and answers of the latest time that
// disagree make the finding unknown, with a warning.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ardent/case.hpp"
#include "ardent/fhir.hpp"
#include "fhir/units.hpp"

namespace ardent::fhir {

namespace {

using nlohmann::json;

struct Answer {
  enum class Kind { value, unknown, not_asked } kind = Kind::value;
  double number = 0;  // bool 0/1, enum value index, number in the finding's unit, duration in days
  std::string time;   // ISO 8601 as sent; "" is older than any time
  std::string where;  // resource and path, for messages
  bool operator==(const Answer& o) const { return kind == o.kind && number == o.number; }
};

Answer given(double number) {
  Answer a;
  a.number = number;
  return a;
}

[[noreturn]] void fail(InputError::Kind kind, const std::string& finding, const std::string& where,
                       const std::string& what) {
  throw InputError(kind, finding, fmt::format("{}: {}", where, what));
}

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The codes of a CodeableConcept.
std::vector<std::pair<std::string, std::string>> codings_of(const json& codeable_concept) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!codeable_concept.is_object() || !codeable_concept.contains("coding") || !codeable_concept["coding"].is_array()) return out;
  for (const auto& c : codeable_concept["coding"]) out.emplace_back(text_of(c, "system"), text_of(c, "code"));
  return out;
}

bool has_code(const json& codeable_concept, std::string_view code) {
  for (const auto& [system, value] : codings_of(codeable_concept))
    if (value == code) return true;
  return false;
}

class Reader {
 public:
  explicit Reader(const Ruleset& rs) : rs_(rs) {
    const auto findings = rs.findings();
    for (std::uint32_t slot = 0; slot < findings.size(); ++slot)
      for (const auto& code : findings[slot].codes)
        by_code_.emplace(std::string(system_uri(code)) + "|" + code.value, slot);
  }

  void resource(const json& r, const std::string& path) {
    if (!r.is_object()) fail(InputError::Kind::Malformed, "", path, "not a FHIR resource (a JSON object)");
    const std::string type = text_of(r, "resourceType");
    const std::string id = text_of(r, "id");
    const std::string name = id.empty() ? path : type + "/" + id;
    if (type == "Bundle") {
      const json entries = r.value("entry", json::array());
      for (std::size_t i = 0; i < entries.size(); ++i)
        if (entries[i].contains("resource"))
          resource(entries[i]["resource"], fmt::format("{}.entry[{}].resource", path, i));
    } else if (type == "QuestionnaireResponse") {
      if (text_of(r, "status") == "entered-in-error") return;
      items(r.value("item", json::array()), name, text_of(r, "authored"));
    } else if (type == "Observation") {
      observation(r, name);
    } else if (type == "Condition") {
      condition(r, name);
    } else if (type.empty()) {
      fail(InputError::Kind::Malformed, "", path, "not a FHIR resource (no resourceType)");
    }  // other resources carry no findings
  }

  std::map<std::uint32_t, std::vector<Answer>> answers;

 private:
  void items(const json& list, const std::string& where, const std::string& time) {
    if (!list.is_array()) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& item = list[i];
      const std::string at = fmt::format("{} item[{}]", where, i);
      const auto answers_of = item.value("answer", json::array());
      if (auto slot = rs_.finding_index(text_of(item, "linkId")); slot && !answers_of.empty())
        add(*slot, value_of(*slot, answers_of[0], at + ".answer[0]"), time, at);
      items(item.value("item", json::array()), at, time);
      for (const auto& a : answers_of) items(a.value("item", json::array()), at, time);
    }
  }

  std::vector<std::uint32_t> slots_of(const json& codeable_concept) const {
    std::vector<std::uint32_t> out;
    for (const auto& [system, code] : codings_of(codeable_concept)) {
      auto [first, last] = by_code_.equal_range(system + "|" + code);
      for (auto it = first; it != last; ++it) out.push_back(it->second);
    }
    return out;
  }

  void observation(const json& r, const std::string& where) {
    const std::string status = text_of(r, "status");
    if (status == "entered-in-error" || status == "cancelled") return;
    std::string time = text_of(r, "effectiveDateTime");
    if (time.empty()) time = text_of(r, "issued");
    for (auto slot : slots_of(r.value("code", json::object()))) {
      if (r.contains("dataAbsentReason")) {
        Answer a;
        a.kind = has_code(r["dataAbsentReason"], "not-asked") ? Answer::Kind::not_asked : Answer::Kind::unknown;
        add(slot, a, time, where);
      } else if (rs_.findings()[slot].type == FindingType::boolean && !has_value(r)) {
        add(slot, given(1), time, where);  // observed: present
      } else {
        add(slot, value_of(slot, r, where), time, where);
      }
    }
  }

  void condition(const json& r, const std::string& where) {
    const json verification = r.value("verificationStatus", json::object());
    if (has_code(verification, "entered-in-error")) return;
    const json clinical = r.value("clinicalStatus", json::object());
    const bool absent = has_code(verification, "refuted") || has_code(clinical, "inactive") ||
                        has_code(clinical, "resolved") || has_code(clinical, "remission");
    std::string time = text_of(r, "recordedDate");
    if (time.empty()) time = text_of(r, "onsetDateTime");
    for (auto slot : slots_of(r.value("code", json::object()))) {
      if (rs_.findings()[slot].type != FindingType::boolean)
        fail(InputError::Kind::WrongType, rs_.findings()[slot].name, where,
             fmt::format("a Condition can only answer a yes/no finding, and '{}' is not one",
                         rs_.findings()[slot].name));
      add(slot, given(absent ? 0.0 : 1.0), time, where);
    }
  }

  static bool has_value(const json& holder) {
    for (const auto& [key, v] : holder.items())
      if (key.starts_with("value")) return true;
    return false;
  }

  Answer value_of(std::uint32_t slot, const json& holder, const std::string& where) const {
    const FindingInfo& f = rs_.findings()[slot];
    switch (f.type) {
      case FindingType::boolean:
        if (holder.contains("valueBoolean") && holder["valueBoolean"].is_boolean())
          return given(holder["valueBoolean"].get<bool>() ? 1.0 : 0.0);
        fail(InputError::Kind::WrongType, f.name, where, fmt::format("'{}' is a yes/no finding: expected valueBoolean", f.name));
      case FindingType::enumeration: return choice(f, slot, holder, where);
      case FindingType::number: return number(f, holder, where);
      case FindingType::duration: return duration(f, holder, where);
    }
    return {};
  }

  Answer choice(const FindingInfo& f, std::uint32_t slot, const json& holder, const std::string& where) const {
    std::string code = text_of(holder, "valueString");
    if (holder.contains("valueCoding")) code = text_of(holder["valueCoding"], "code");
    if (holder.contains("valueCodeableConcept"))
      for (const auto& [system, c] : codings_of(holder["valueCodeableConcept"]))
        if (rs_.enum_value_index(slot, c)) code = c;
    if (auto index = rs_.enum_value_index(slot, code)) return given(static_cast<double>(*index));
    fail(InputError::Kind::OutOfDomain, f.name, where,
         fmt::format("'{}' is not a value of '{}' (expected a valueCoding whose code is one of its values)", code, f.name));
  }

  // valueQuantity in `target` (nullopt: the finding's unit is not a UCUM unit, so the quantity
  // must be written in that very unit).
  double quantity(const FindingInfo& f, const json& q, const std::optional<detail::UcumUnit>& target,
                  const std::string& where) const {
    if (!q.contains("value") || !q["value"].is_number())
      fail(InputError::Kind::WrongType, f.name, where, "valueQuantity has no numeric value");
    const double value = q["value"].get<double>();
    std::string unit = text_of(q, "code");
    if (unit.empty()) unit = text_of(q, "unit");
    if (!target) {
      if (unit.empty() || unit == f.unit) return value;
    } else if (auto from = detail::ucum_unit(unit)) {
      if (auto v = detail::convert(value, *from, *target)) return *v;
    }
    fail(InputError::Kind::WrongType, f.name, where,
         fmt::format("the unit '{}' cannot be converted to the unit of '{}' ({})", unit, f.name,
                     target ? std::string(target->display) : f.unit));
  }

  Answer number(const FindingInfo& f, const json& holder, const std::string& where) const {
    for (const char* key : {"valueDecimal", "valueInteger"})
      if (holder.contains(key) && holder[key].is_number()) return given(holder[key].get<double>());
    if (holder.contains("valueQuantity"))
      return given(quantity(f, holder["valueQuantity"], detail::ucum_unit(f.unit), where + ".valueQuantity"));
    fail(InputError::Kind::WrongType, f.name, where,
         fmt::format("'{}' is a number finding: expected valueDecimal, valueInteger or valueQuantity", f.name));
  }

  Answer duration(const FindingInfo& f, const json& holder, const std::string& where) const {
    if (holder.contains("valueQuantity"))
      return given(quantity(f, holder["valueQuantity"], detail::ucum_unit(DurationUnit::days), where + ".valueQuantity"));
    fail(InputError::Kind::WrongType, f.name, where,
         fmt::format("'{}' is a duration finding: expected a valueQuantity in a unit of time", f.name));
  }

  void add(std::uint32_t slot, Answer a, const std::string& time, const std::string& where) {
    a.time = time;
    a.where = where;
    answers[slot].push_back(std::move(a));
  }

  const Ruleset& rs_;
  std::multimap<std::string, std::uint32_t> by_code_;  // "system|code" -> finding slots
};

void apply(Case& c, std::uint32_t slot, const Answer& a) {
  const FindingInfo& f = c.ruleset().findings()[slot];
  if (a.kind == Answer::Kind::not_asked) return c.unset(slot);
  if (a.kind == Answer::Kind::unknown) return c.set_unknown(slot);
  try {
    switch (f.type) {
      case FindingType::boolean: return c.set_bool(slot, a.number != 0);
      case FindingType::enumeration: return c.set_enum(slot, static_cast<std::uint32_t>(a.number));
      case FindingType::number: return c.set_number(slot, a.number);
      case FindingType::duration: return c.set_duration(slot, a.number, DurationUnit::days);
    }
  } catch (const InputError& e) {
    fail(e.kind(), e.finding(), a.where, e.what());
  }
}

}  // namespace

std::vector<std::string> set_case(Case& c, std::string_view text) {
  if (const std::size_t limit = c.ruleset().limits().max_case_bytes; text.size() > limit)
    throw InputError(InputError::Kind::TooLarge, "",
                     fmt::format("the FHIR input is larger than {} bytes, the most a case may be (the limit "
                                 "max_case_bytes)", limit));
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw InputError(InputError::Kind::Malformed, "", "malformed FHIR input: not JSON");
  Reader reader(c.ruleset());
  reader.resource(doc, doc.is_object() ? text_of(doc, "resourceType") : "input");
  Case next = c;  // all or nothing
  std::vector<std::string> warnings;
  for (const auto& [slot, all] : reader.answers) {
    std::string latest;
    for (const auto& a : all) latest = std::max(latest, a.time);
    std::vector<const Answer*> at_latest;
    for (const auto& a : all)
      if (a.time == latest) at_latest.push_back(&a);
    bool agree = true;
    for (const Answer* a : at_latest) agree = agree && *a == *at_latest.front();
    if (agree) {
      apply(next, slot, *at_latest.front());
      continue;
    }
    next.set_unknown(slot);
    next.add_warning({EvalWarning::Kind::conflicting_answers, EvalWarning::Owner::finding, slot});
    std::string sources;
    for (const Answer* a : at_latest) sources += (sources.empty() ? "" : ", ") + a->where;
    warnings.push_back(fmt::format("conflicting answers for '{}' ({}): taken as unknown",
                                   c.ruleset().findings()[slot].name, sources));
  }
  c = std::move(next);
  return warnings;
}

}  // namespace ardent::fhir
