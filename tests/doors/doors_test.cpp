// Same answer from every door: each row of tests/doors/input_errors.json goes through the C++
// API (Case::set_json and Case::set_text), `ardent eval` and `ardent eval --batch`, and the REPL
// (typed values and `load`), which must all refuse it with the same kind and the same message.
// The C ABI, Python and Node run the same table (capi/tests/doors_test.cpp,
// bindings/python/tests/test_doors.py, bindings/node/test/doors.test.cjs).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent/ardent.hpp"
#include "cli/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kDir = fs::path(ARDENT_SOURCE_DIR) / "tests" / "doors";
const fs::path kRules = kDir / "doors.ard";

std::vector<json> rows() {
  std::ifstream in(kDir / "input_errors.json");
  const json table = json::parse(in);
  return table.at("cases").get<std::vector<json>>();
}

std::string kind_name(ardent::InputError::Kind k) {
  using K = ardent::InputError::Kind;
  static const std::map<K, std::string> names = {
      {K::UnknownFinding, "UnknownFinding"}, {K::WrongType, "WrongType"}, {K::OutOfDomain, "OutOfDomain"},
      {K::OutOfRange, "OutOfRange"},         {K::Malformed, "Malformed"}, {K::Duplicate, "Duplicate"}};
  return names.at(k);
}

// "a = x, b = y" as the REPL splits it.
std::vector<std::pair<std::string, std::string>> typed_pairs(const std::string& typed) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= typed.size()) {
    std::size_t comma = typed.find(',', start);
    if (comma == std::string::npos) comma = typed.size();
    const std::string part = typed.substr(start, comma - start);
    const std::size_t eq = part.find('=');
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(' '));
      s.erase(s.find_last_not_of(' ') + 1);
      return s;
    };
    out.emplace_back(trim(part.substr(0, eq)), trim(part.substr(eq + 1)));
    start = comma + 1;
  }
  return out;
}

struct CliRun {
  int status;
  std::string out, err;
};

CliRun ardent(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), ARDENT_CLI);
  ardent::test::ChildProcess child(args, {{"NO_COLOR", "1"}}, ARDENT_SOURCE_DIR);
  if (!input.empty()) child.write(input);
  const int status = child.wait();
  return {status, child.out(), child.err()};
}

struct TempFile {
  fs::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(fs::temp_directory_path() / ("ardent-doors-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { fs::remove(path); }
};

class Doors : public ::testing::TestWithParam<json> {
 protected:
  static void SetUpTestSuite() {
    auto out = ardent::compile_path(kRules);
    ASSERT_TRUE(out.ok()) << ardent::format(out.diagnostics);
    rules_ = out.ruleset;
  }
  static bool refused(const json& row) { return row.contains("kind"); }
  static ardent::RulesetPtr rules_;
};
ardent::RulesetPtr Doors::rules_;

// Checks one door's outcome against the row: refused with the message, or accepted.
void expect_case_outcome(const json& row, const ardent::Case& c, const std::optional<ardent::InputError>& error,
                         const std::string& door) {
  if (row.contains("kind")) {
    ASSERT_TRUE(error.has_value()) << door << " accepted " << row["json"];
    EXPECT_EQ(kind_name(error->kind()), row["kind"]) << door;
    EXPECT_EQ(error->what(), row["message"].get<std::string>()) << door;
    EXPECT_EQ(error->finding(), row["finding"].get<std::string>()) << door;
    return;
  }
  ASSERT_FALSE(error.has_value()) << door << ": " << error->what();
  const auto slot = c.ruleset().finding_slot(row["finding"].get<std::string>());
  EXPECT_DOUBLE_EQ(c.number(slot), row["days"].get<double>()) << door;
}

TEST_P(Doors, CppJson) {
  const json& row = GetParam();
  ardent::Case c(rules_);
  std::optional<ardent::InputError> error;
  try {
    c.set_json(row["json"].get<std::string>());
  } catch (const ardent::InputError& e) {
    error = e;
  }
  expect_case_outcome(row, c, error, "Case::set_json");
}

TEST_P(Doors, CppTyped) {
  const json& row = GetParam();
  if (!row.contains("typed")) GTEST_SKIP() << "no typed form";
  const auto pairs = typed_pairs(row["typed"]);
  std::vector<ardent::Case::TextValue> values;
  for (const auto& [name, text] : pairs) values.push_back({name, text});
  ardent::Case c(rules_);
  std::optional<ardent::InputError> error;
  try {
    c.set_text(values);
  } catch (const ardent::InputError& e) {
    error = e;
  }
  expect_case_outcome(row, c, error, "Case::set_text");
}

TEST_P(Doors, CommandLine) {
  const json& row = GetParam();
  TempFile file("case.json", row["json"].get<std::string>() + "\n");
  const CliRun run = ardent({"eval", kRules.string(), file.path.string()});
  if (!refused(row)) {
    EXPECT_EQ(run.status, 0) << run.err;
    return;
  }
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_EQ(run.err, file.path.string() + ":1: error: " + row["message"].get<std::string>() + "\n");
}

TEST_P(Doors, CommandLineBatchKeepsTheOtherLines) {
  const json& row = GetParam();
  TempFile file("cases.jsonl", "{\"fever\": true}\n" + row["json"].get<std::string>() + "\n{\"fever\": false}\n");
  const CliRun run = ardent({"eval", "--batch", kRules.string(), file.path.string()});
  std::vector<json> lines;
  std::istringstream out(run.out);
  for (std::string line; std::getline(out, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_TRUE(lines[0].contains("triage"));
  EXPECT_TRUE(lines[2].contains("triage"));
  if (!refused(row)) {
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(lines[1].contains("triage"));
    return;
  }
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(lines[1], (json{{"line", 2}, {"error", row["message"]}}));
  EXPECT_NE(run.err.find(file.path.string() + ":2: error: " + row["message"].get<std::string>() + "\n"),
            std::string::npos)
      << run.err;
}

TEST_P(Doors, ReplTyped) {
  const json& row = GetParam();
  if (!row.contains("typed")) GTEST_SKIP() << "no typed form";
  const CliRun run = ardent({"repl", kRules.string()}, row["typed"].get<std::string>() + "\nfacts\nquit\n");
  if (!refused(row)) {
    EXPECT_EQ(run.out.find("error:"), std::string::npos) << run.out;
    return;
  }
  EXPECT_NE(run.out.find("error: " + row["message"].get<std::string>() + "\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("no findings set"), std::string::npos) << "all or nothing: " << run.out;
}

TEST_P(Doors, ReplLoad) {
  const json& row = GetParam();
  TempFile file("load.json", row["json"].get<std::string>());
  const CliRun run = ardent({"repl", kRules.string()}, "load " + file.path.string() + "\nquit\n");
  if (!refused(row)) {
    EXPECT_NE(run.out.find("loaded 1 finding"), std::string::npos) << run.out;
    return;
  }
  EXPECT_NE(run.out.find("error: " + file.path.string() + ": " + row["message"].get<std::string>() + "\n"),
            std::string::npos)
      << run.out;
}

std::string row_name(const ::testing::TestParamInfo<json>& info) {
  std::string name;
  for (char ch : info.param["name"].get<std::string>()) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(InputErrors, Doors, ::testing::ValuesIn(rows()),
                         row_name);

}  // namespace
