// Same answer from every door, through the C ABI: every row of tests/doors/input_errors.json set
// with ardent_case_set_json gives the row's status code, message and finding, and leaves the case
// unchanged (tests/doors/doors_test.cpp runs the other doors on the same table).
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixture.hpp"

using namespace capi_test;
using nlohmann::json;

namespace {

const std::string kDir = std::string(ARDENT_SOURCE_DIR) + "/tests/doors";

std::vector<json> rows() {
  std::ifstream in(kDir + "/input_errors.json");
  return json::parse(in).at("cases").get<std::vector<json>>();
}

int code_named(const std::string& name) {
  static const std::map<std::string, int> codes = {
      {"ENOTFOUND", ARDENT_ENOTFOUND}, {"ETYPE", ARDENT_ETYPE}, {"ERANGE", ARDENT_ERANGE}, {"EINVALID", ARDENT_EINVALID}};
  return codes.at(name);
}

class Doors : public ::testing::TestWithParam<json> {};

TEST_P(Doors, SetJsonGivesTheSameAnswer) {
  const json& row = GetParam();
  Ruleset rs = compile(kDir + "/doors.ard");
  ASSERT_TRUE(rs);
  Case c = new_case(rs.get());
  const std::string text = row["json"];
  const int rc = ardent_case_set_json(c.get(), text.data(), text.size());
  std::uint32_t slot = 0;
  ASSERT_EQ(ardent_finding_index(&slot, rs.get(), "symptom_duration"), ARDENT_OK);
  if (!row.contains("code")) {
    ASSERT_EQ(rc, ARDENT_OK) << ardent_last_error()->message;
    return;
  }
  EXPECT_EQ(rc, code_named(row["code"]));
  EXPECT_EQ(std::string(ardent_last_error()->message), row["message"].get<std::string>());
  EXPECT_EQ(std::string(ardent_last_error()->finding), row["finding"].get<std::string>());
  char* state = nullptr;
  ASSERT_EQ(ardent_case_json(&state, c.get()), ARDENT_OK);
  EXPECT_STREQ(state, "{}") << "a refused case is left unchanged";
  ardent_string_free(state);
}

std::string row_name(const ::testing::TestParamInfo<json>& info) {
  std::string name;
  for (char ch : info.param["name"].get<std::string>()) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(InputErrors, Doors, ::testing::ValuesIn(rows()), row_name);

}  // namespace
