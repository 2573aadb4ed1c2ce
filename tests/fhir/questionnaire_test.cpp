// The Questionnaire of a rule set: one item per finding, of the FHIR type its finding's type
// asks for. (Its validity as FHIR R4 is judged by an independent validator:
// tests/fhir/validator.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ardent/fhir.hpp"
#include "ardent/ruleset.hpp"

namespace ardent {
namespace {

using nlohmann::json;

constexpr const char* kRules = R"(ruleset demo_rules version "2.1.0"
  title "Demo"
finding fever: bool
  label "Fever"
  ask "Have you had a fever?"
  code snomed "386661006"
finding chills: bool
  label "Chills"
finding pain_peak: one of {during_activity, day_after}
finding pain_score: number 0..10 integer unit "points"
finding ratio: number
finding temperature_c: number 30..44 unit "degrees Celsius"
  code loinc "8310-5"
finding age: number 0..120 integer unit "years"
finding symptom_duration: duration
condition infection
  code icd10 "M00.9"
screen "Red flags"
  ask chills, fever
rule r1: fever and chills and pain_peak is day_after and pain_score > 2 and ratio > 1
  and temperature_c > 38 and age > 50 and symptom_duration > 2 weeks -> consider infection
)";

const json& questionnaire() {
  static const json q = [] {
    CompileOutput out = compile_source(kRules, "demo.ard");
    EXPECT_TRUE(out.ruleset) << (out.diagnostics.empty() ? "" : out.diagnostics[0].message);
    return json::parse(fhir::questionnaire(*out.ruleset));
  }();
  return q;
}

json item(const std::string& link_id) {
  for (const auto& top : questionnaire()["item"]) {
    if (top["linkId"] == link_id) return top;
    if (top.contains("item"))
      for (const auto& i : top["item"])
        if (i["linkId"] == link_id) return i;
  }
  ADD_FAILURE() << "no item " << link_id;
  return json::object();
}

json extension(const json& it, const std::string& url_tail) {
  for (const auto& e : it.value("extension", json::array()))
    if (e["url"].get<std::string>().ends_with(url_tail)) return e;
  return nullptr;
}

TEST(Questionnaire, Resource) {
  const json q = questionnaire();
  EXPECT_EQ(q["resourceType"], "Questionnaire");
  EXPECT_EQ(q["id"], "demo-rules");  // '_' is not allowed in an id
  EXPECT_EQ(q["version"], "2.1.0");
  EXPECT_EQ(q["title"], "Demo");
  EXPECT_EQ(q["status"], "active");
  EXPECT_EQ(q["meta"]["profile"][0], "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire");
}

TEST(Questionnaire, TheScreenComesFirstAsAGroupInItsOrder) {
  const json& items = questionnaire()["item"];
  ASSERT_GE(items.size(), 1u);
  EXPECT_EQ(items[0]["type"], "group");
  EXPECT_EQ(items[0]["text"], "Red flags");
  ASSERT_EQ(items[0]["item"].size(), 2u);
  EXPECT_EQ(items[0]["item"][0]["linkId"], "chills");
  EXPECT_EQ(items[0]["item"][1]["linkId"], "fever");
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < items.size(); ++i) rest.push_back(items[i]["linkId"]);
  EXPECT_EQ(rest, (std::vector<std::string>{"pain_peak", "pain_score", "ratio", "temperature_c", "age",
                                            "symptom_duration"}));
}

struct ItemCase {
  const char* link_id;
  const char* type;
  const char* text;
};

TEST(Questionnaire, ItemTypesAndTexts) {
  const std::vector<ItemCase> cases = {
      {"fever", "boolean", "Have you had a fever?"},  // the ask
      {"chills", "boolean", "Chills"},                // no ask: the label
      {"pain_peak", "choice", "pain_peak"},           // no label: the name
      {"pain_score", "integer", "pain_score"},
      {"ratio", "decimal", "ratio"},
      {"temperature_c", "quantity", "temperature_c"},
      {"age", "quantity", "age"},
      {"symptom_duration", "quantity", "symptom_duration"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.link_id);
    const json it = item(c.link_id);
    EXPECT_EQ(it["type"], c.type);
    EXPECT_EQ(it["text"], c.text);
  }
}

TEST(Questionnaire, CodesAreCodings) {
  EXPECT_EQ(item("fever")["code"],
            json::parse(R"([{"system": "http://snomed.info/sct", "code": "386661006", "display": "Fever"}])"));
  EXPECT_EQ(item("temperature_c")["code"][0]["system"], "http://loinc.org");
  EXPECT_FALSE(item("chills").contains("code"));
}

TEST(Questionnaire, ChoicesListTheirValues) {
  EXPECT_EQ(item("pain_peak")["answerOption"], json::parse(R"([
    {"valueCoding": {"code": "during_activity", "display": "during_activity"}},
    {"valueCoding": {"code": "day_after", "display": "day_after"}}])"));
}

TEST(Questionnaire, NumbersCarryTheirRange) {
  const json score = item("pain_score");
  EXPECT_EQ(extension(score, "/minValue")["valueInteger"], 0);
  EXPECT_EQ(extension(score, "/maxValue")["valueInteger"], 10);
  EXPECT_EQ(extension(score, "/questionnaire-unit")["valueCoding"]["display"], "points");
  EXPECT_FALSE(item("ratio").contains("extension"));  // unbounded, no unit
}

TEST(Questionnaire, QuantitiesCarryTheirUcumUnitAndRange) {
  const json t = item("temperature_c");
  EXPECT_EQ(extension(t, "/questionnaire-unit")["valueCoding"],
            json::parse(R"({"system": "http://unitsofmeasure.org", "code": "Cel", "display": "degrees Celsius"})"));
  EXPECT_EQ(extension(t, "/sdc-questionnaire-minQuantity")["valueQuantity"]["value"], 30);
  EXPECT_EQ(extension(t, "/sdc-questionnaire-maxQuantity")["valueQuantity"]["code"], "Cel");
  EXPECT_EQ(extension(item("age"), "/questionnaire-unit")["valueCoding"]["code"], "a");
}

TEST(Questionnaire, DurationsOfferEveryDurationUnit) {
  std::vector<std::string> units;
  const json duration = item("symptom_duration");
  for (const auto& e : duration["extension"]) {
    EXPECT_EQ(e["url"], "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption");
    units.push_back(e["valueCoding"]["code"]);
  }
  EXPECT_EQ(units, (std::vector<std::string>{"min", "h", "d", "wk", "mo", "a"}));
}

}  // namespace
}  // namespace ardent
