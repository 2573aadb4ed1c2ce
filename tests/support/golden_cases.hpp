// The findings of every case in tests/conformance/*.json, as JSON text, with its rule set
// compiled once: a body of real cases (valid and refused) for tests that compare two ways of
// doing the same thing.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ardent/ardent.hpp"

namespace ardent::test {

struct GoldenCase {
  std::string name;
  RulesetPtr ruleset;
  std::string findings;  // a JSON object, compact
};

inline std::vector<GoldenCase> golden_cases() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(ARDENT_SOURCE_DIR) / "tests" / "conformance";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::map<fs::path, RulesetPtr> compiled;
  std::vector<GoldenCase> cases;
  for (const auto& file : files) {
    std::ifstream in(file);
    const auto spec = nlohmann::json::parse(in);
    const fs::path path = file.parent_path() / spec.at("ruleset").get<std::string>();
    if (!compiled.count(path)) {
      CompileOutput out = compile_path(path);
      EXPECT_TRUE(out.ok()) << format(out.diagnostics);
      compiled[path] = out.ruleset;
    }
    for (const auto& c : spec.at("cases"))
      cases.push_back({file.stem().string() + ": " + c.at("name").get<std::string>(), compiled[path],
                       c.at("findings").dump()});
  }
  return cases;
}

// Calls f(case, result, name) for every golden case the engine accepts (a refused case has no
// result); returns how many.
template <class F>
std::size_t for_each_golden_result(F&& f) {
  std::size_t evaluated = 0;
  for (const auto& g : golden_cases()) {
    Case c(g.ruleset);
    try {
      c.set_json(g.findings);
    } catch (const InputError&) {
      continue;
    }
    f(c, evaluate(c), g.name);
    ++evaluated;
  }
  return evaluated;
}

}  // namespace ardent::test
