// The shared conformance cases: every tests/conformance/*.json file names a rule set and lists
// cases (findings in the JSON form that Case::set_json() reads) with the expected triage, red
// flags, conditions and, optionally, undecided rules and ask-next findings -- or the kind of
// error the findings must raise. The Python and Node.js bindings run the same files through
// the C ABI, so that all three agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ardent/ardent.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct ConformanceCase {
  std::string test_name;   // unique, for gtest
  fs::path ruleset;        // resolved against the JSON file's directory
  json spec;               // {"name", "findings", "expect" | "error"}
};

std::string identifier(const std::string& text) {
  std::string out;
  for (char ch : text) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

std::vector<ConformanceCase> load_cases() {
  const fs::path dir = fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  std::vector<ConformanceCase> cases;
  for (const auto& file : files) {
    const std::string stem = identifier(file.stem().string());
    try {
      std::ifstream in(file);
      const json spec = json::parse(in);
      const fs::path ruleset = file.parent_path() / spec.at("ruleset").get<std::string>();
      std::size_t n = 0;
      for (const auto& c : spec.at("cases")) {
        cases.push_back({stem + "_" + std::to_string(n++) + "_" + identifier(c.at("name").get<std::string>()),
                         ruleset, c});
      }
    } catch (const json::exception& e) {  // reported by the test, not at static initialisation
      cases.push_back({stem + "_malformed", {}, {{"name", file.string()}, {"malformed", e.what()}}});
    }
  }
  return cases;
}

void PrintTo(const ConformanceCase& c, std::ostream* os) { *os << c.spec.value("name", c.test_name); }

// Each rule set is compiled once for all its cases.
ardent::RulesetPtr ruleset_for(const fs::path& path) {
  static std::map<fs::path, ardent::RulesetPtr> compiled;
  auto it = compiled.find(path);
  if (it != compiled.end()) return it->second;
  auto out = ardent::compile_path(path);
  EXPECT_TRUE(out.ok()) << ardent::format(out.diagnostics);
  return compiled[path] = out.ruleset;
}

// The names used in the JSON files, after the C ABI's status codes (ardent.h): a value outside
// an enum's domain is ARDENT_ERANGE, like a number outside its range.
std::string error_kind(const ardent::InputError& e) {
  switch (e.kind()) {
    case ardent::InputError::Kind::UnknownFinding: return "not_found";
    case ardent::InputError::Kind::WrongType: return "type";
    case ardent::InputError::Kind::OutOfDomain:
    case ardent::InputError::Kind::OutOfRange:
    case ardent::InputError::Kind::TooLarge: return "range";
    case ardent::InputError::Kind::Malformed:
    case ardent::InputError::Kind::Duplicate: return "invalid";
  }
  return "?";
}

json outcome(const ardent::Ruleset& rs, const ardent::Result& r) {
  json got;
  got["triage"] = std::string(ardent::to_string(r.triage()));
  got["red_flags"] = json::array();
  for (std::uint32_t rule : r.red_flags()) got["red_flags"].push_back(rs.rules()[rule].name);
  got["conditions"] = json::array();
  for (const auto& c : r.conditions())
    got["conditions"].push_back({{"id", rs.conditions()[c.condition].name},
                                 {"status", std::string(ardent::to_string(c.status))}});
  got["undecided"] = json::array();
  for (const auto& u : r.undecided()) got["undecided"].push_back(rs.rules()[u.rule].name);
  got["complete"] = r.complete();
  got["ask_next"] = json::array();
  for (const auto& a : r.ask_next()) got["ask_next"].push_back(rs.findings()[a.finding].name);
  return got;
}

class Conformance : public testing::TestWithParam<ConformanceCase> {};

TEST_P(Conformance, MatchesTheExpectation) {
  const ConformanceCase& c = GetParam();
  if (c.spec.contains("malformed")) FAIL() << c.spec["name"] << ": " << c.spec["malformed"];
  const ardent::RulesetPtr rs = ruleset_for(c.ruleset);
  ASSERT_TRUE(rs);
  ardent::Case kase(rs);
  const std::string findings = c.spec.at("findings").dump();

  if (c.spec.contains("error")) {
    std::string kind = "none";
    try {
      kase.set_json(findings);
    } catch (const ardent::InputError& e) {
      kind = error_kind(e);
    } catch (const std::invalid_argument&) {
      kind = "invalid";
    }
    EXPECT_EQ(kind, c.spec["error"].get<std::string>()) << findings;
    return;
  }

  kase.set_json(findings);
  ardent::Result result;
  ardent::evaluate(kase, result);
  const json got = outcome(*rs, result);
  for (const auto& [key, expected] : c.spec.at("expect").items()) {
    ASSERT_TRUE(got.contains(key)) << "unknown expectation '" << key << "'";
    EXPECT_EQ(got[key], expected) << key << " for " << findings;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, Conformance, testing::ValuesIn(load_cases()),
                         [](const testing::TestParamInfo<ConformanceCase>& info) { return info.param.test_name; });

}  // namespace
