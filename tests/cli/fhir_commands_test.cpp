// `ardent questionnaire` and `ardent eval --fhir` as a user runs them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using ardent::test::ChildProcess;

using ardent::test::Outcome;
using ardent::test::ardent;

TEST(QuestionnaireCommand, WritesTheQuestionnaireToStdoutOrAFile) {
  Outcome r = ardent({"questionnaire", "rules/hip"});
  ASSERT_EQ(0, r.status) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["resourceType"], "Questionnaire");
  const fs::path file = fs::temp_directory_path() / ("ardent-q-" + std::to_string(::getpid()) + ".json");
  ASSERT_EQ(0, ardent({"questionnaire", "rules/hip", "-o", file.string()}).status);
  std::ifstream in(file);
  EXPECT_EQ(nlohmann::json::parse(in)["id"], "posterior-hip");
  fs::remove(file);
  EXPECT_EQ(2, ardent({"questionnaire", "no/such/rules"}).status);
}

TEST(EvalFhir, ABundleIsEvaluated) {
  Outcome r = ardent({"eval", "--json", "--fhir", "rules/hip", "examples/fhir/hip_bundle.json"});
  ASSERT_EQ(0, r.status) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["triage"], "emergency");
}

TEST(EvalFhir, AnErrorNamesTheFileTheResourceAndThePath) {
  const fs::path file = fs::temp_directory_path() / ("ardent-fhir-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << R"({"resourceType": "QuestionnaireResponse", "id": "qr9", "item": [
    {"linkId": "temperature_c", "answer": [{"valueQuantity": {"value": 3, "code": "wk"}}]}]})";
  Outcome r = ardent({"eval", "--fhir", "rules/hip", file.string()});
  fs::remove(file);
  EXPECT_EQ(1, r.status);
  EXPECT_NE(r.err.find(": error: QuestionnaireResponse/qr9 item[0].answer[0].valueQuantity: the unit 'wk' cannot be "
                       "converted to the unit of 'temperature_c' (degrees Celsius)"),
            std::string::npos)
      << r.err;
}

TEST(EvalFhir, NotWithBatch) { EXPECT_EQ(2, ardent({"eval", "--fhir", "--batch", "rules/hip", "-"}).status); }

}  // namespace
