// ardent_result_json_with(): the layout, max_ask and a field selection, written as asked.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
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
  opts.version = ARDENT_JSON_OPTIONS_VERSION + 1;
  EXPECT_EQ(with(&opts).rfind("error", 0), 0u);
  EXPECT_EQ(ardent_json_options_init(&opts, ARDENT_JSON_OPTIONS_VERSION + 1), ARDENT_EINVALID);
  EXPECT_EQ(ardent_json_options_init(&opts, 0), ARDENT_EINVALID);
  EXPECT_EQ(ardent_json_options_init(nullptr, 1), ARDENT_EINVALID);
  char* out = reinterpret_cast<char*>(1);
  EXPECT_EQ(ardent_result_json_with(&out, nullptr, nullptr), ARDENT_EINVALID);
  EXPECT_EQ(out, nullptr);
}

// The schema member (version 2): the shape of the codes, and a refusal of schemas not written.
class JsonSchema : public ::testing::Test {
 protected:
  void SetUp() override {
    rs_ = compile(small_rules());
    c_ = new_case(rs_.get());
    // The septic hip red flag suggests `infection`, coded icd10 "M00.9".
    ASSERT_EQ(ardent_case_set_json(c_.get(), R"({"fever": true, "night_pain": true})", ARDENT_NUL_TERMINATED),
              ARDENT_OK);
    r_ = evaluate(rs_.get(), c_.get());
  }
  // The text, or "error <code>: <message>".
  std::string with(const ardent_json_options* opts) {
    char* out = nullptr;
    const int rc = ardent_result_json_with(&out, r_.get(), opts);
    if (rc != ARDENT_OK) return "error " + std::to_string(rc) + ": " + ardent_last_error()->message;
    return String(out).get();
  }
  std::string infection_codes(const std::string& text) {
    const ordered doc = ordered::parse(text);
    for (const auto& c : doc.at("conditions"))
      if (c.at("id") == "infection") return std::to_string(doc.at("schema").get<int>()) + " " + c.at("codes").dump();
    return "no infection in " + text;
  }
  Ruleset rs_;
  Case c_;
  Result r_;
};

TEST_F(JsonSchema, EachSchemaItsCodes) {
  const std::string v2 = R"(2 [{"system":"http://hl7.org/fhir/sid/icd-10","code":"M00.9","display":"Possible infection"}])";
  const std::string v1 = R"(1 [{"system":"icd10","value":"M00.9"}])";
  struct Row {
    int schema;
    std::string expected;  // infection_codes(), or the start of the error
  };
  const std::vector<Row> rows = {
      {0, v2},  // 0: the library's current schema
      {ARDENT_JSON_SCHEMA_VERSION, v2},
      {2, v2},
      {ARDENT_JSON_SCHEMA_OLDEST, v1},
      {1, v1},
      {3, "error " + std::to_string(ARDENT_EINVALID) + ": the JSON result has no schema 3 (schemas written: 1 to 2)"},
      {-1, "error " + std::to_string(ARDENT_EINVALID) + ": the JSON result has no schema -1 (schemas written: 1 to 2)"},
  };
  for (const auto& row : rows) {
    ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
    opts.schema = row.schema;
    const std::string text = with(&opts);
    EXPECT_EQ(text.rfind("error", 0) == 0 ? text : infection_codes(text), row.expected) << "schema " << row.schema;
  }
  // Without options, and from ardent_result_json(): the current schema.
  EXPECT_EQ(infection_codes(with(nullptr)), v2);
  char* out = nullptr;
  ASSERT_EQ(ardent_result_json(&out, r_.get(), 0), ARDENT_OK);
  EXPECT_EQ(infection_codes(String(out).get()), v2);
}

// What a program built against version 1 of the struct passes: the members up to `fields`, and
// nothing after them.
struct JsonOptionsV1 {
  unsigned int version;
  unsigned int flags;
  size_t max_ask;
  const char* fields;
};

TEST_F(JsonSchema, AVersionOneStructIsStillAccepted) {
  static_assert(sizeof(JsonOptionsV1) == offsetof(ardent_json_options, schema));
  // The struct is followed by bytes whose pattern is no schema: reading `schema` from them would
  // give an error, not the current schema.
  std::vector<unsigned char> memory(sizeof(ardent_json_options) + sizeof(JsonOptionsV1), 0x7f);
  auto* v1 = reinterpret_cast<JsonOptionsV1*>(memory.data());
  *v1 = JsonOptionsV1{1, 0, 0, "schema,conditions"};
  const std::string text = with(reinterpret_cast<const ardent_json_options*>(v1));
  EXPECT_EQ(infection_codes(text), R"(2 [{"system":"http://hl7.org/fhir/sid/icd-10","code":"M00.9","display":"Possible infection"}])");
  // ardent_json_options_init() for version 1 writes no further than a version 1 struct.
  std::fill(memory.begin(), memory.end(), 0x7f);
  ASSERT_EQ(ardent_json_options_init(reinterpret_cast<ardent_json_options*>(v1), 1), ARDENT_OK);
  EXPECT_EQ(v1->version, 1u);
  EXPECT_EQ(v1->fields, nullptr);
  for (std::size_t i = sizeof(JsonOptionsV1); i < memory.size(); ++i) EXPECT_EQ(memory[i], 0x7f) << "byte " << i;
  ardent_json_options v2;
  ASSERT_EQ(ardent_json_options_init(&v2, 2), ARDENT_OK);
  EXPECT_EQ(v2.schema, ARDENT_JSON_SCHEMA_VERSION);
}

}  // namespace

namespace {

// Written into a caller's buffer: the bytes ardent_result_json_with() gives, or the length needed.
class JsonInto : public JsonOptions {
 protected:
  std::string into(const ardent_json_options* opts, std::size_t capacity, int& rc, std::size_t& length) {
    std::vector<char> buffer(capacity, 'x');
    rc = ardent_result_json_into(capacity ? buffer.data() : nullptr, capacity, &length, r_.get(), opts);
    if (rc != ARDENT_OK) return {};
    EXPECT_EQ(buffer[length], '\0');
    return std::string(buffer.data(), length);
  }
};

}  // namespace

TEST_F(JsonInto, WritesWhatJsonWithWritesForEveryOption) {
  ardent_json_options pretty = ARDENT_JSON_OPTIONS_INIT;
  pretty.flags = ARDENT_RENDER_PRETTY;
  ardent_json_options some = ARDENT_JSON_OPTIONS_INIT;
  some.fields = "triage,ask_next";
  some.max_ask = 2;
  ardent_json_options old = ARDENT_JSON_OPTIONS_INIT;
  old.schema = 1;
  const std::vector<const ardent_json_options*> all = {nullptr, &pretty, &some, &old};
  for (const ardent_json_options* opts : all) {
    const std::string expected = with(opts);
    ASSERT_EQ(expected.rfind("error", 0), std::string::npos) << expected;
    int rc = 0;
    std::size_t length = 0;
    EXPECT_EQ(into(opts, expected.size() + 1, rc, length), expected);
    EXPECT_EQ(rc, ARDENT_OK);
    EXPECT_EQ(length, expected.size());
    EXPECT_EQ(into(opts, 1 << 20, rc, length), expected) << "a larger buffer than needed";
  }
}

TEST_F(JsonInto, ASmallBufferSaysHowMuchIsNeeded) {
  const std::string expected = with(nullptr);
  int rc = 0;
  std::size_t length = 0;
  for (std::size_t capacity : {std::size_t{0}, std::size_t{1}, std::size_t{100}, expected.size()}) {
    into(nullptr, capacity, rc, length);
    EXPECT_EQ(rc, ARDENT_ERANGE) << capacity << " bytes";
    EXPECT_EQ(length, expected.size()) << capacity << " bytes";
    EXPECT_NE(std::string(ardent_last_error()->message).find(std::to_string(expected.size() + 1) + " bytes"),
              std::string::npos)
        << ardent_last_error()->message;
  }
}

TEST_F(JsonInto, RefusesWhatJsonWithRefuses) {
  std::size_t length = 7;
  char buffer[16];
  EXPECT_EQ(ardent_result_json_into(buffer, sizeof buffer, nullptr, r_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_json_into(nullptr, 16, &length, r_.get(), nullptr), ARDENT_EINVALID);
  EXPECT_EQ(ardent_result_json_into(buffer, sizeof buffer, &length, nullptr, nullptr), ARDENT_EINVALID);
  ardent_json_options bad = ARDENT_JSON_OPTIONS_INIT;
  bad.fields = "triage,no_such_member";
  EXPECT_EQ(ardent_result_json_into(buffer, sizeof buffer, &length, r_.get(), &bad), ARDENT_EINVALID);
  EXPECT_NE(std::string(ardent_last_error()->message).find("no_such_member"), std::string::npos);
  bad = ardent_json_options ARDENT_JSON_OPTIONS_INIT;
  bad.version = 99;
  EXPECT_EQ(ardent_result_json_into(buffer, sizeof buffer, &length, r_.get(), &bad), ARDENT_EINVALID);
  Result empty;
  {
    ardent_result* raw = nullptr;
    ASSERT_EQ(ardent_result_new(&raw), ARDENT_OK);
    empty.reset(raw);
  }
  EXPECT_EQ(ardent_result_json_into(buffer, sizeof buffer, &length, empty.get(), nullptr), ARDENT_EINVALID);
}

// ardent_result_json() writes into memory sized by the thread's last rendering: a result far
// longer than the one before (an indented one after a field or two), or far shorter, still comes
// whole, the same as the text written into a buffer of the caller's.
TEST_F(JsonOptions, ResultsLongerOrShorterThanTheLastComeWhole) {
  std::vector<char> buffer(1 << 20);
  auto into = [&](unsigned flags) {
    ardent_json_options opts = ARDENT_JSON_OPTIONS_INIT;
    opts.flags = flags;
    std::size_t length = 0;
    EXPECT_EQ(ardent_result_json_into(buffer.data(), buffer.size(), &length, r_.get(), &opts), ARDENT_OK);
    return std::string(buffer.data(), length);
  };
  ardent_json_options small = ARDENT_JSON_OPTIONS_INIT;
  small.fields = "triage";
  const std::string short_text = with(&small);
  ASSERT_LT(short_text.size(), 100u);
  const std::string long_text = plain(ARDENT_RENDER_PRETTY);
  ASSERT_GT(long_text.size(), 40 * short_text.size());
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(with(&small), short_text);
    EXPECT_EQ(plain(ARDENT_RENDER_PRETTY), into(ARDENT_RENDER_PRETTY));
    EXPECT_EQ(with(&small), short_text);
    EXPECT_EQ(plain(0), into(0));
  }
}
