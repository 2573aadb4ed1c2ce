// `ardent check`, `ardent eval` and `ardent test` as a user runs them: exit codes, the summary
// line, errors that name the line and the finding, and batch mode keeping the good lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/child_process.hpp"
#include "support/linked_ruleset.hpp"

namespace {

namespace fs = std::filesystem;
using ardent::test::ChildProcess;

using ardent::test::Outcome;
using ardent::test::ardent;

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("ardent-cli-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path) << text;
  }
  ~TempFile() { fs::remove(path); }
};

const char* kRules = R"(ruleset demo version "1.0.0"
  default triage routine
finding fever: bool
  label "fever"
finding age: number 0..120 integer unit "years"
finding peak: one of {during, after}
condition overload
  label "Overload"
redflag sepsis
  label "Possible sepsis"
  when fever and age >= 65
  then triage emergency, advise "Emergency assessment now."
rule classic: peak is after and not fever -> suggest overload, triage self_care
test "classic":
  given peak = after, fever = no, age = 30
  expect suggest overload, triage self_care, no redflag
test "sepsis":
  given fever = yes, age = 70
  expect redflag sepsis, triage emergency
)";

TEST(CheckCommand, CleanRuleSetPrintsTheSummaryAndExitsZero) {
  TempFile rules("clean.ard", kRules);
  Outcome r = ardent({"check", rules.path.string()});
  EXPECT_EQ(0, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.out.find("3 findings, 1 conditions, 1 rules, 1 red flags, 2 tests; 0 errors, 0 warnings"))
      << r.out;
}

TEST(CheckCommand, ErrorsExitOneWithPositionAndCaret) {
  TempFile rules("bad.ard", std::string(kRules) + "rule typo: fevr -> triage urgent\n");
  Outcome r = ardent({"check", rules.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find(":20:12: error: unknown finding or define 'fevr'; did you mean 'fever'?"))
      << r.err;
  EXPECT_NE(std::string::npos, r.err.find("           ^~~~")) << r.err;
}

TEST(CheckCommand, WerrorTurnsWarningsIntoErrors) {
  TempFile rules("warn.ard", std::string(kRules) + "finding spare: bool\n");
  EXPECT_EQ(0, ardent({"check", rules.path.string()}).status);
  Outcome r = ardent({"check", "--werror", rules.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find("error: finding 'spare' is never used")) << r.err;
}

TEST(CheckCommand, UsageAndMissingFilesExitTwo) {
  EXPECT_EQ(2, ardent({"check"}).status);
  EXPECT_EQ(2, ardent({"check", "no/such/rules"}).status);
  EXPECT_EQ(2, ardent({"frobnicate"}).status);
  Outcome v = ardent({"--version"});
  EXPECT_EQ(0, v.status);
  EXPECT_NE(std::string::npos, v.out.find("ardent 0.1.0")) << v.out;
}

TEST(CheckCommand, CountsTheRedFlagInASymlinkedFolder) {
  ardent::test::LinkedRuleset set;
  Outcome r = ardent({"check", set.root().string()});
  EXPECT_EQ(0, r.status) << r.err;
  EXPECT_NE(std::string::npos, r.out.find("2 findings, 1 conditions, 1 rules, 1 red flags, 2 tests; 0 errors")) << r.out;
}

TEST(CheckCommand, ASymlinkLoopIsAnErrorNamingTheLink) {
  ardent::test::LinkedRuleset set;
  fs::create_directory_symlink(set.root(), set.root() / "flags" / "up");
  Outcome r = ardent({"check", set.root().string()});
  EXPECT_NE(0, r.status);
  EXPECT_NE(std::string::npos, r.err.find("'" + (set.root() / "flags" / "up").string() + "'")) << r.err;
  EXPECT_NE(std::string::npos, r.err.find("symlink loop")) << r.err;
}

struct BadCase {
  const char* name;
  const char* json;
  const char* message;  // substring of the error
  const char* where;    // ":LINE:" of the error
};

class EvalBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(EvalBadInput, NamesTheLineAndTheFindingAndExitsOne) {
  TempFile rules("eval.ard", kRules);
  TempFile kase("case.json", GetParam().json);
  Outcome r = ardent({"eval", rules.path.string(), kase.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find(GetParam().message)) << r.err;
  EXPECT_NE(std::string::npos, r.err.find(GetParam().where)) << r.err;
  EXPECT_EQ("", r.out);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EvalBadInput,
    ::testing::Values(BadCase{"malformed", "{\n  \"fever\": tru\n}", "malformed JSON", ":2:"},
                      BadCase{"unknown", "{\n  \"age\": 30,\n  \"fevr\": true\n}", "finding 'fevr'", ":3:"},
                      BadCase{"wrong_type", "{\n  \"fever\": 3\n}", "finding 'fever'", ":2:"},
                      BadCase{"out_of_range", "{\"age\": 130}", "finding 'age'", ":1:"},
                      BadCase{"not_enum_value", "{\"peak\": \"before\"}", "finding 'peak'", ":1:"},
                      BadCase{"not_object", "[1, 2]", "JSON object", ":1:"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(EvalCommand, PrintsTheReportTheJsonAndTheCards) {
  TempFile rules("eval.ard", kRules);
  TempFile kase("sepsis.json", R"({"fever": true, "age": 70, "peak": null})");
  Outcome text = ardent({"eval", rules.path.string(), kase.path.string()});
  EXPECT_EQ(0, text.status) << text.err;
  EXPECT_NE(std::string::npos, text.out.find("EMERGENCY")) << text.out;
  EXPECT_NE(std::string::npos, text.out.find("Possible sepsis")) << text.out;

  Outcome json = ardent({"eval", "--json", rules.path.string(), kase.path.string()});
  ASSERT_EQ(0, json.status) << json.err;
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ("emergency", doc["triage"]);
  EXPECT_EQ("sepsis", doc["red_flags"][0]["id"]);

  Outcome cds = ardent({"eval", "--cds-hooks", rules.path.string(), kase.path.string()});
  ASSERT_EQ(0, cds.status) << cds.err;
  auto cards = nlohmann::json::parse(cds.out);
  EXPECT_EQ("critical", cards["cards"][0]["indicator"]);
}

TEST(EvalCommand, BatchReportsBadLinesWithoutLosingTheOthers) {
  TempFile rules("eval.ard", kRules);
  std::string lines;
  for (int i = 0; i < 300; ++i) {
    if (i == 41) lines += "{\"fever\": \"hot\"}\n";
    else if (i == 207) lines += "{not json\n";
    else lines += (i % 2 ? R"({"fever": true, "age": 80})" : R"({"peak": "after", "fever": false})") + std::string("\n");
  }
  TempFile kase("batch.jsonl", lines);
  Outcome r = ardent({"eval", "--batch", rules.path.string(), kase.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find(":42: error: finding 'fever'")) << r.err;
  EXPECT_NE(std::string::npos, r.err.find(":208: error: malformed JSON")) << r.err;
  std::vector<nlohmann::json> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(300u, out.size());
  EXPECT_EQ(42, out[41]["line"]);
  EXPECT_EQ(208, out[207]["line"]);
  EXPECT_EQ("self_care", out[0]["triage"]);
  EXPECT_EQ("emergency", out[1]["triage"]);
  EXPECT_EQ("emergency", out[299]["triage"]);
}

// A batch is a stream: many lines on standard input come out one result a line, in input order,
// on several threads, with blank lines skipped and a bad line in its place.
TEST(EvalCommand, BatchStreamsManyLinesInOrder) {
  TempFile rules("eval.ard", kRules);
  std::string lines;
  constexpr int kLines = 20000;
  for (int i = 0; i < kLines; ++i) {
    if (i == 5000) lines += "\n";  // blank: no output
    lines += i % 3 == 0 ? R"({"fever": true, "age": 80})" : i == 7777 ? R"({"age": "old"})" : R"({"peak": "after", "fever": false})";
    lines += "\n";
  }
  Outcome r = ardent({"eval", "--batch", "--threads", "3", "--fields", "triage", rules.path.string(), "-"}, lines);
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find("-:7779: error: finding 'age'")) << r.err;  // after the blank line
  EXPECT_NE(std::string::npos, r.err.find("1 of 20001 lines could not be evaluated")) << r.err;
  std::istringstream out(r.out);
  int i = 0, misplaced = 0;
  for (std::string line; std::getline(out, line); ++i) {
    const auto j = nlohmann::json::parse(line);
    const std::string want = i == 7777 ? "" : i % 3 == 0 ? "emergency" : "self_care";
    if (want.empty() ? !j.contains("error") : j.value("triage", "") != want) ++misplaced;
  }
  EXPECT_EQ(kLines, i);
  EXPECT_EQ(0, misplaced);
}

// --fields and --max-ask write only what was asked for: the same members, in the same order, as
// the whole result holds; --fields refuses a name that is no member.
TEST(EvalCommand, FieldsAndMaxAskWriteOnlyWhatIsAskedFor) {
  const std::string rules = "rules/hip";
  TempFile kase("fields.json", R"({"age": 34, "pain_central_buttock": true})");
  const Outcome whole = ardent({"eval", "--batch", rules, kase.path.string()});
  ASSERT_EQ(0, whole.status) << whole.err;
  const auto all = nlohmann::ordered_json::parse(whole.out);
  ASSERT_GT(all["ask_next"].size(), 2u);

  struct Row {
    std::vector<std::string> options;
    std::vector<std::string> members;
    std::size_t ask_next;  // how many questions, when ask_next is written
  };
  const std::vector<Row> rows = {
      {{"--fields", "triage"}, {"triage"}, 0},
      {{"--fields", "red_flags,triage"}, {"triage", "red_flags"}, 0},
      {{"--fields", "ask_next", "--max-ask", "2"}, {"ask_next"}, 2},
      {{"--max-ask", "1"}, {}, 1},
  };
  for (const auto& row : rows) {
    std::vector<std::string> args = {"eval", "--batch"};
    args.insert(args.end(), row.options.begin(), row.options.end());
    args.insert(args.end(), {rules, kase.path.string()});
    const Outcome r = ardent(args);
    ASSERT_EQ(0, r.status) << r.err;
    EXPECT_EQ(1, std::count(r.out.begin(), r.out.end(), '\n')) << "one line a result";
    const auto got = nlohmann::ordered_json::parse(r.out);
    nlohmann::ordered_json expected = all;
    if (!row.members.empty()) {
      expected = nlohmann::ordered_json::object();
      for (const auto& m : row.members) expected[m] = all[m];
    }
    if (expected.contains("ask_next") && row.ask_next > 0)
      expected["ask_next"].erase(expected["ask_next"].begin() + static_cast<std::ptrdiff_t>(row.ask_next),
                                 expected["ask_next"].end());
    EXPECT_EQ(got.dump(), expected.dump()) << row.options.front();
  }

  // Without --json or --batch, --fields still writes JSON (indented).
  const Outcome pretty = ardent({"eval", "--fields", "triage", rules, kase.path.string()});
  EXPECT_EQ(0, pretty.status) << pretty.err;
  nlohmann::ordered_json triage_only = nlohmann::ordered_json::object();
  triage_only["triage"] = all["triage"];
  EXPECT_EQ(pretty.out, triage_only.dump(2) + "\n");

  const Outcome bad = ardent({"eval", "--fields", "triage,nope", rules, kase.path.string()});
  EXPECT_NE(0, bad.status);
  EXPECT_NE(std::string::npos, bad.err.find("nope")) << bad.err;
}

// --schema picks the JSON result's schema (2 by default: FHIR Codings; 1: codes as written) and
// implies JSON output; a schema not written is refused before any case is read.
TEST(EvalCommand, SchemaPicksTheShapeOfCodes) {
  TempFile rules("coded.ard", R"(ruleset coded version "1.0.0"
finding x: bool
condition c
  label "Trochanteric bursitis"
  code icd10 "M70.6"
rule r: x -> suggest c
)");
  TempFile kase("coded.json", R"({"x": true})");
  const std::string v2 = R"([{"system":"http://hl7.org/fhir/sid/icd-10","code":"M70.6","display":"Trochanteric bursitis"}])";
  const std::string v1 = R"([{"system":"icd10","value":"M70.6"}])";
  struct Row {
    std::vector<std::string> options;
    int schema;
    std::string codes;
  };
  const std::vector<Row> rows = {
      {{"--batch"}, 2, v2},
      {{"--json"}, 2, v2},
      {{"--batch", "--schema", "2"}, 2, v2},
      {{"--batch", "--schema", "1"}, 1, v1},
      {{"--schema", "1"}, 1, v1},  // implies JSON, indented
      {{"--schema", "1", "--fields", "schema,conditions"}, 1, v1},
  };
  for (const auto& row : rows) {
    std::vector<std::string> args = {"eval"};
    args.insert(args.end(), row.options.begin(), row.options.end());
    args.insert(args.end(), {rules.path.string(), kase.path.string()});
    const Outcome r = ardent(args);
    ASSERT_EQ(0, r.status) << r.err;
    const auto doc = nlohmann::ordered_json::parse(r.out);
    EXPECT_EQ(doc.at("schema"), row.schema) << row.options.back();
    EXPECT_EQ(doc.at("conditions").at(0).at("codes").dump(), row.codes) << row.options.back();
  }
  for (const std::string bad : {"3", "0", "two"}) {
    const Outcome r = ardent({"eval", "--schema", bad, rules.path.string(), kase.path.string()});
    EXPECT_NE(0, r.status) << bad;
    EXPECT_TRUE(r.out.empty()) << r.out;
    const std::string expected =
        bad == "two" ? "'two' is not a number" : "the JSON result has no schema " + bad + " (schemas written: 1 to 2)";
    EXPECT_NE(std::string::npos, r.err.find(expected)) << r.err;
  }
  const Outcome cards = ardent({"eval", "--cds-hooks", "--schema", "1", rules.path.string(), kase.path.string()});
  EXPECT_NE(0, cards.status) << "cards have no JSON result schema";
}

TEST(EvalCommand, ACaseOverMaxCaseBytesIsRefusedUnlessTheLimitIsRaised) {
  TempFile rules("limit.ard", kRules);
  const std::string json = R"({"fever": true, "age": 80})";  // 26 bytes
  TempFile kase("limit.json", json);
  Outcome r = ardent({"eval", "--max-case-bytes", "25", rules.path.string(), kase.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos,
            r.err.find(":1: error: the case is larger than 25 bytes of JSON, the most a case may be (the limit "
                       "max_case_bytes)")) << r.err;
  EXPECT_EQ(0, ardent({"eval", "--max-case-bytes", "26", rules.path.string(), kase.path.string()}).status);
  // From stdin, and line by line in a batch.
  EXPECT_EQ(1, ardent({"eval", "--max-case-bytes", "25", rules.path.string(), "-"}, json).status);
  TempFile batch("limit.jsonl", json + "\n" + R"({"fever": true})" + "\n");
  r = ardent({"eval", "--batch", "--max-case-bytes", "25", rules.path.string(), batch.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find("ardent eval: 1 of 2 lines could not be evaluated")) << r.err;
  EXPECT_EQ(2, ardent({"eval", "--max-case-bytes", "0", rules.path.string(), kase.path.string()}).status);
}

TEST(CheckCommand, ARuleFileOverMaxFileBytesIsAnError) {
  TempFile rules("big.ard", kRules);
  Outcome r = ardent({"check", "--max-file-bytes", "100", rules.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.err.find("a rule file may be at most 100 bytes (the limit max_file_bytes)")) << r.err;
  EXPECT_EQ(0, ardent({"check", rules.path.string()}).status);
  EXPECT_EQ(1, ardent({"test", "--max-ruleset-bytes", "100", rules.path.string()}).status);
}

TEST(TestCommand, PassesAndReportsCoverage) {
  TempFile rules("tests.ard", kRules);
  Outcome r = ardent({"test", rules.path.string(), "--coverage-min", "100"});
  EXPECT_EQ(0, r.status) << r.out << r.err;
  EXPECT_NE(std::string::npos, r.out.find("2 passed, 0 failed")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("2 of 2 rules and red flags")) << r.out;
}

TEST(TestCommand, FailureShowsExpectedAndActualAndExitsOne) {
  std::string text = kRules;
  text += "test \"wrong\":\n  given fever = yes, age = 70\n  expect triage urgent\n";
  TempFile rules("fail.ard", text);
  Outcome r = ardent({"test", rules.path.string()});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.out.find("FAIL wrong")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("expected triage urgent")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("emergency")) << r.out;
  EXPECT_NE(std::string::npos, r.out.find("2 passed, 1 failed")) << r.out;
}

TEST(TestCommand, CoverageBelowTheMinimumFails) {
  std::string text = kRules;
  text.replace(text.find("test \"sepsis\""), std::string::npos, "");
  TempFile rules("cover.ard", text);
  Outcome r = ardent({"test", rules.path.string(), "--coverage-min", "100"});
  EXPECT_EQ(1, r.status);
  EXPECT_NE(std::string::npos, r.out.find("never fired: redflag sepsis")) << r.out;
}

}  // namespace
