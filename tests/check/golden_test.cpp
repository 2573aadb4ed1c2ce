// Golden rule sets: each tests/golden/*.ard file states its own diagnostics in comments,
//   # expect: LINE:COL error|warning [code] message substring      ([code] is optional)
// and must produce exactly those, no more and no fewer, after parsing and checking.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "parsed.hpp"
#include "support.hpp"

namespace ardent::check::fixture {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> golden_files() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(ARDENT_SOURCE_DIR) / "tests" / "golden", ec))
    if (entry.path().extension() == ".ard") out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Expected> expectations(const std::string& text) {
  static const std::regex re(R"(#\s*expect:\s*(\d+):(\d+)\s+(error|warning)\s+(?:\[([a-z-]+)\]\s*)?(.*?)\s*$)");
  std::vector<Expected> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, re)) continue;
    Expected e;
    e.line = static_cast<std::uint32_t>(std::stoul(m[1]));
    e.col = static_cast<std::uint32_t>(std::stoul(m[2]));
    e.severity = m[3] == "error" ? Severity::Error : Severity::Warning;
    e.code = m[4];
    e.message = m[5];
    out.push_back(e);
  }
  return out;
}

bool matches_loosely(const Diagnostic& d, const Expected& e) {
  return d.severity == e.severity && d.line == e.line && d.column == e.col &&
         (e.code.empty() || d.code == e.code) && d.message.find(e.message) != std::string::npos;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, ReportsExactlyWhatTheFileExpects) {
  const std::string name = GetParam();
  const std::string text = read(fs::path(ARDENT_SOURCE_DIR) / "tests" / "golden" / name);
  ASSERT_FALSE(text.empty()) << name;
  CheckOutput out = parse_and_check(text, name);
  const std::vector<Expected> expected = expectations(text);

  std::vector<bool> used(out.diagnostics.size(), false);
  for (const auto& e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < out.diagnostics.size() && !found; ++i)
      if (!used[i] && matches_loosely(out.diagnostics[i], e)) used[i] = found = true;
    EXPECT_TRUE(found) << name << ": missing " << (e.severity == Severity::Error ? "error" : "warning") << " at "
                       << e.line << ":" << e.col << " [" << e.code << "] \"" << e.message << "\"";
  }
  for (std::size_t i = 0; i < out.diagnostics.size(); ++i)
    EXPECT_TRUE(used[i]) << name << ": unexpected [" << out.diagnostics[i].code << "] "
                         << format(out.diagnostics[i]);
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, ::testing::ValuesIn(golden_files()), [](const auto& info) {
  std::string n = info.param.substr(0, info.param.size() - 4);
  std::replace_if(n.begin(), n.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return n;
});

TEST(Golden, FilesArePresent) { EXPECT_GE(golden_files().size(), 4u); }

TEST(Golden, FiveMistakesAreFiveDifferentErrors) {
  const std::string text = read(fs::path(ARDENT_SOURCE_DIR) / "tests" / "golden" / "five_mistakes.ard");
  CheckOutput out = parse_and_check(text, "five_mistakes.ard");
  std::vector<std::string> codes;
  for (const auto& d : errors_of(out.diagnostics)) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"duplicate", "enum-domain", "test-unknown", "type-mismatch",
                                             "unknown-name"}))
      << format(out.diagnostics);
}

}  // namespace
}  // namespace ardent::check::fixture
