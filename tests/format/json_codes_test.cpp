// Codes in the JSON result (docs/result-schema.md): schema 2 writes FHIR Codings with the
// system's URI (DESIGN §3.7), schema 1 the codes as written; any other schema is refused.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "ardent/ardent.hpp"

namespace ardent::test {
namespace {

using json = nlohmann::ordered_json;

// One condition per system (short names and a URI), one without a label, one with two codes,
// and a red flag with a code.
constexpr const char* kCodedRules = R"ard(ruleset coded version "1.0.0"

finding x: bool

condition by_snomed
  label "Fever"
  code snomed "386661006"
condition by_loinc
  label "Body temperature"
  code loinc "8310-5"
condition by_icd10
  label "Deep hip rotator overload"
  code icd10 "M76.8"
condition by_icd10cm
  label "Fracture of the femoral neck"
  code icd10cm "S72.001A"
condition by_uri
  label "Local code"
  code "http://example.org/codes" "A1"
condition unlabelled
  code icd10 "G57.0"
condition two_codes
  label "Piriformis syndrome"
  code icd10 "G57.0"
  code snomed "386661006"

redflag flagged
  label "Flagged"
  code snomed "386661006"
  when x
  then triage urgent

rule all: x -> suggest by_snomed, suggest by_loinc, suggest by_icd10, suggest by_icd10cm, suggest by_uri, suggest unlabelled, suggest two_codes
)ard";

struct Rendered {
  RulesetPtr rs;
  std::string v1, v2;  // the whole result in each schema
};

const Rendered& rendered() {
  static const Rendered r = [] {
    CompileOutput out = compile_source(kCodedRules, "coded.ard");
    EXPECT_TRUE(out.ok()) << format(out.diagnostics);
    Rendered done;
    done.rs = out.ruleset;
    Case c(done.rs);
    c.set_bool("x", true);
    Result result = evaluate(c);
    JsonOptions v1;
    v1.schema = 1;
    done.v1 = format_json(c, result, v1);
    done.v2 = format_json(c, result);
    return done;
  }();
  return r;
}

json condition(const std::string& text, const std::string& id) {
  const json doc = json::parse(text);
  for (const auto& c : doc.at("conditions"))
    if (c.at("id") == id) return c;
  ADD_FAILURE() << "no condition " << id;
  return {};
}

struct Row {
  const char* id;
  const char* v2;  // the condition's codes in schema 2
  const char* v1;  // and in schema 1
};

const std::vector<Row> kRows = {
    {"by_snomed", R"([{"system":"http://snomed.info/sct","code":"386661006","display":"Fever"}])",
     R"([{"system":"snomed","value":"386661006"}])"},
    {"by_loinc", R"([{"system":"http://loinc.org","code":"8310-5","display":"Body temperature"}])",
     R"([{"system":"loinc","value":"8310-5"}])"},
    {"by_icd10", R"([{"system":"http://hl7.org/fhir/sid/icd-10","code":"M76.8","display":"Deep hip rotator overload"}])",
     R"([{"system":"icd10","value":"M76.8"}])"},
    {"by_icd10cm",
     R"([{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"S72.001A","display":"Fracture of the femoral neck"}])",
     R"([{"system":"icd10cm","value":"S72.001A"}])"},
    {"by_uri", R"([{"system":"http://example.org/codes","code":"A1","display":"Local code"}])",
     R"([{"system":"http://example.org/codes","value":"A1"}])"},
    // No label in the rules: no display (the name is no text for a clinician).
    {"unlabelled", R"([{"system":"http://hl7.org/fhir/sid/icd-10","code":"G57.0"}])",
     R"([{"system":"icd10","value":"G57.0"}])"},
    {"two_codes",
     R"([{"system":"http://hl7.org/fhir/sid/icd-10","code":"G57.0","display":"Piriformis syndrome"},)"
     R"({"system":"http://snomed.info/sct","code":"386661006","display":"Piriformis syndrome"}])",
     R"([{"system":"icd10","value":"G57.0"},{"system":"snomed","value":"386661006"}])"},
};

TEST(JsonCodes, EachSystemInEachSchema) {
  for (const auto& row : kRows) {
    // Compared as text: the members' order is part of the document.
    EXPECT_EQ(condition(rendered().v2, row.id).at("codes").dump(), row.v2) << row.id;
    EXPECT_EQ(condition(rendered().v1, row.id).at("codes").dump(), row.v1) << row.id;
  }
}

TEST(JsonCodes, EveryShortNameIsCovered) {
  // A system added to kCodeSystems needs a row above.
  for (const auto& system : kCodeSystems) {
    bool covered = false;
    for (const auto& row : kRows) covered |= std::string(row.v1).find("\"" + std::string(system.name) + "\"") != std::string::npos;
    EXPECT_TRUE(covered) << system.name;
  }
}

TEST(JsonCodes, RedFlagsCarryCodingsToo) {
  const json v2 = json::parse(rendered().v2), v1 = json::parse(rendered().v1);
  EXPECT_EQ(v2.at("schema"), 2);
  EXPECT_EQ(v1.at("schema"), 1);
  EXPECT_EQ(v2.at("red_flags").at(0).at("codes").dump(),
            R"([{"system":"http://snomed.info/sct","code":"386661006","display":"Flagged"}])");
  EXPECT_EQ(v1.at("red_flags").at(0).at("codes").dump(), R"([{"system":"snomed","value":"386661006"}])");
}

TEST(JsonCodes, TheSchemasDifferOnlyInTheirNumberAndCodes) {
  json v2 = json::parse(rendered().v2), v1 = json::parse(rendered().v1);
  for (json* doc : {&v1, &v2}) {
    doc->erase("schema");
    for (auto& c : (*doc)["conditions"]) c.erase("codes");
    for (auto& f : (*doc)["red_flags"]) f.erase("codes");
  }
  EXPECT_EQ(v1, v2);
}

// Schema 1 byte for byte as engines before schema 2 wrote it, for a small rule set.
TEST(JsonCodes, SchemaOneIsThePreviousDocument) {
  CompileOutput out = compile_source(R"ard(ruleset tiny version "0.1.0"
finding x: bool
  label "Pain"
condition c
  label "Trochanteric bursitis"
  code icd10 "M70.6"
rule r: x -> suggest c
)ard",
                                     "tiny.ard");
  ASSERT_TRUE(out.ok()) << format(out.diagnostics);
  Case c(out.ruleset);
  c.set_bool("x", true);
  Result r = evaluate(c);
  JsonOptions v1;
  v1.schema = 1;
  v1.fields = {"schema", "conditions"};
  EXPECT_EQ(format_json(c, r, v1),
            R"({"schema":1,"conditions":[{"id":"c","label":"Trochanteric bursitis","status":"suggested",)"
            R"("strength":null,"priority":0,"codes":[{"system":"icd10","value":"M70.6"}],"advice":[],)"
            R"("because":["pain"]}]})");
}

TEST(JsonCodes, AnUnknownSchemaIsRefused) {
  Case c(rendered().rs);
  Result r = evaluate(c);
  for (int schema : {0, 3, -1, 100}) {
    JsonOptions o;
    o.schema = schema;
    try {
      format_json(c, r, o);
      ADD_FAILURE() << "schema " << schema << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()),
                "the JSON result has no schema " + std::to_string(schema) + " (schemas written: 1 to 2)");
    }
  }
  EXPECT_NO_THROW(check_result_schema(1));
  EXPECT_NO_THROW(check_result_schema(2));
}

}  // namespace
}  // namespace ardent::test
