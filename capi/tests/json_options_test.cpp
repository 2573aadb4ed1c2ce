// ardent_result_json_with(): the layout, max_ask and a field selection, written as asked.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "fixture.hpp"

namespace {

using namespace capi_test;
using ordered = nlohmann::ordered_json;

class JsonOptions : public ::testing::Test {
 protected:
  void SetUp() override {
    rs_ = compile(std::string(ARDENT_SOURCE_DIR) + "/rules/hip");
    c_ = new_case(rs_.get());
    // A started interview: several questions are still to be asked.
    ASSERT_EQ(ardent_case_set_json(c_.get(), R"({"age": 34, "pain_central_buttock": true})", ARDENT_NUL_TERMINATED),
              ARDENT_OK)
        << ardent_last_error()->message;
    r_ = evaluate(rs_.get(), c_.get());
  }
  std::string plain(unsigned flags) {
    char* out = nullptr;
    EXPECT_EQ(ardent_result_json(&out, r_.get(), flags), ARDENT_OK);
    return String(out).get();
  }
  // The text, or "error <code>: <message>".
  std::string with(const ardent_json_options* opts) {
    char* out = nullptr;
    const int rc = ardent_result_json_with(&out, r_.get(), opts);
    if (rc != ARDENT_OK) return "error " + std::to_string(rc) + ": " + ardent_last_error()->message;
    String owned(out);
    return owned.get();
  }
  Ruleset rs_;
  Case c_;
  Result r_;
};

TEST_F(JsonOptions, DefaultsWriteWhatResultJsonWrites) {
  EXPECT_EQ(with(nullptr), plain(0));
  ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
  EXPECT_EQ(with(&opts), plain(0));
  opts.flags = ARDENT_RENDER_PRETTY;
  EXPECT_EQ(with(&opts), plain(ARDENT_RENDER_PRETTY));
  ardent_json_options filled;
  ASSERT_EQ(ardent_json_options_init(&filled, ARDENT_JSON_OPTIONS_VERSION), ARDENT_OK);
  EXPECT_EQ(with(&filled), plain(0));
}

TEST_F(JsonOptions, MaxAskCutsOnlyTheQuestions) {
  ordered whole = ordered::parse(plain(0));
  ASSERT_GT(whole["ask_next"].size(), 2u);
  whole["ask_next"].erase(whole["ask_next"].begin() + 2, whole["ask_next"].end());
  ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
  opts.max_ask = 2;
  EXPECT_EQ(with(&opts), whole.dump());
  opts.flags = ARDENT_RENDER_PRETTY;
  EXPECT_EQ(with(&opts), whole.dump(2));
}

TEST_F(JsonOptions, FieldsAreWrittenInSchemaOrder) {
  const ordered whole = ordered::parse(plain(0));
  struct Row {
    const char* fields;
    std::vector<std::string> members;
  };
  const std::vector<Row> rows = {
      {"triage", {"triage"}},
      {"red_flags,triage", {"triage", "red_flags"}},
      {"ask_next,,schema,", {"schema", "ask_next"}},
      {"", {}},  // all
  };
  for (const auto& row : rows) {
    ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
    opts.fields = row.fields;
    const ordered got = ordered::parse(with(&opts));
    if (row.members.empty()) {
      EXPECT_EQ(got, whole) << row.fields;
      continue;
    }
    ordered expected = ordered::object();
    for (const auto& m : row.members) expected[m] = whole.at(m);
    EXPECT_EQ(got.dump(), expected.dump()) << row.fields;
  }
}

TEST_F(JsonOptions, RefusesWhatItCannotWrite) {
  ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
  opts.fields = "triage,nope";
  const std::string refused = with(&opts);
  EXPECT_EQ(refused.rfind("error " + std::to_string(ARDENT_EINVALID), 0), 0u) << refused;
  EXPECT_NE(refused.find("'nope'"), std::string::npos) << refused;
  EXPECT_NE(refused.find("red_flags"), std::string::npos) << refused;  // names the members there are
  opts = ardent_json_options ARDENT_JSON_OPTIONS_INIT;
  opts.flags = ARDENT_RENDER_UNDECIDED;
  EXPECT_EQ(with(&opts).rfind("error", 0), 0u);
  opts = ardent_json_options ARDENT_JSON_OPTIONS_INIT;
  opts.version = 2;
  EXPECT_EQ(with(&opts).rfind("error", 0), 0u);
  EXPECT_EQ(ardent_json_options_init(&opts, 2), ARDENT_EINVALID);
  EXPECT_EQ(ardent_json_options_init(nullptr, 1), ARDENT_EINVALID);
  char* out = reinterpret_cast<char*>(1);
  EXPECT_EQ(ardent_result_json_with(&out, nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(out, nullptr);
}

}  // namespace
