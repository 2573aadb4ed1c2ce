// `ardent repl` driven through stdin: golden transcripts, the reload loop on edited rule files,
// and a smoke test on rules/hip.
//
// A golden transcript (tests/cli/repl_golden/*.txt) is what `ardent repl --echo RULES` prints
// for a script: lines starting with "ardent> " or "answer> " are the script's commands and
// interview answers; everything else is the expected output. Header lines "#! args: ..." (after
// `repl --echo`) and "#! exit: N" come first. `$TMP` stands for a fresh temporary directory.
// Set ARDENT_UPDATE_GOLDEN=1 to rewrite the transcripts from the actual output (then review
// the diff).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/child_process.hpp"
#include "support/scratch_dir.hpp"

namespace fs = std::filesystem;
using ardent::test::ChildProcess;
using ardent::test::ScratchDir;

namespace {

const fs::path kSource = ARDENT_SOURCE_DIR;
const fs::path kGoldenDir = kSource / "tests/cli/repl_golden";
const std::string kMiniHip = "tests/cli/rules/mini_hip";

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
  return s;
}

// Trailing blanks are not significant (editors strip them from the golden files).
std::string normalise(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    out += line + "\n";
  }
  return out;
}


struct Golden {
  std::vector<std::string> args;
  int exit = 0;
  std::string header;      // the "#!" lines, kept when the file is rewritten
  std::string transcript;  // the rest
  std::string script;      // what is fed to stdin
};

Golden read_golden(const fs::path& file) {
  Golden g;
  std::istringstream in(read_text(file));
  std::string line;
  bool in_header = true;
  while (std::getline(in, line)) {
    if (in_header && line.rfind("#!", 0) == 0) {
      g.header += line + "\n";
      std::istringstream words(line.substr(2));
      std::string key;
      words >> key;
      if (key == "args:") {
        for (std::string w; words >> w;) g.args.push_back(w);
      } else if (key == "exit:") {
        words >> g.exit;
      }
      continue;
    }
    in_header = false;
    g.transcript += line + "\n";
    for (const std::string prompt : {"ardent>", "answer>"}) {
      if (line.rfind(prompt, 0) != 0) continue;
      std::string input = line.substr(prompt.size());
      if (!input.empty() && input.front() == ' ') input.erase(0, 1);
      g.script += input + "\n";
    }
  }
  return g;
}

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(kGoldenDir, ec))
    if (e.path().extension() == ".txt") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ReplGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ReplGolden, TranscriptMatches) {
  const fs::path file = kGoldenDir / (GetParam() + ".txt");
  const Golden g = read_golden(file);
  ASSERT_FALSE(g.args.empty()) << file << " has no '#! args:' line";
  ScratchDir tmp;
  std::vector<std::string> argv = {ARDENT_CLI, "repl", "--echo"};
  for (const auto& a : g.args) argv.push_back(replace_all(a, "$TMP", tmp.path().string()));
  ChildProcess child(argv, {{"NO_COLOR", "1"}, {"HOME", tmp.path().string()}}, kSource.string());
  child.write(replace_all(g.script, "$TMP", tmp.path().string()));
  const int status = child.wait();
  const std::string actual = normalise(replace_all(child.out(), tmp.path().string(), "$TMP"));

  if (const char* update = std::getenv("ARDENT_UPDATE_GOLDEN"); update && *update == '1') {
    std::string header;
    std::istringstream lines(g.header);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind("#! exit:", 0) != 0) header += line + "\n";
    if (status != 0) header += "#! exit: " + std::to_string(status) + "\n";
    write_text(file, header + actual);
    GTEST_SKIP() << "rewrote " << file;
  }
  EXPECT_EQ(normalise(g.transcript), actual) << "transcript " << file;
  EXPECT_EQ(g.exit, status);
  EXPECT_EQ("", child.err());
}

INSTANTIATE_TEST_SUITE_P(Transcripts, ReplGolden, ::testing::ValuesIn(golden_names()),
                         [](const auto& info) { return info.param; });

ChildProcess start_repl(const std::vector<std::string>& args, const fs::path& home) {
  std::vector<std::string> argv = {ARDENT_CLI, "repl"};
  argv.insert(argv.end(), args.begin(), args.end());
  return ChildProcess(argv, {{"NO_COLOR", "1"}, {"HOME", home.string()}}, kSource.string());
}

// The authoring loop: the rule files change on disk between commands.
TEST(ReplReload, KeepsFindingsAndSurvivesBrokenRules) {
  ScratchDir tmp;
  const fs::path rules = tmp.path() / "rules";
  fs::copy(kSource / kMiniHip, rules, fs::copy_options::recursive);
  ChildProcess repl = start_repl({"--echo", rules.string()}, tmp.path());
  repl.write("pain_score = 8, fever = yes, age = 45\n# sync 1\n");
  const std::string before = repl.read_until("ardent> # sync 1\n");
  EXPECT_NE(before.find("triage emergency | red flag infection_suspected"), std::string::npos) << before;

  // A syntax error: reported with a caret; the previous rule set keeps working.
  const std::string original = read_text(rules / "rules.ard");
  write_text(rules / "rules.ard", replace_all(original, "when fever and pain_score >= 7", "when fever and and pain_score >= 7"));
  repl.write("reload\nwhy infection_suspected\n# sync 2\n");
  const std::string broken = repl.read_until("ardent> # sync 2\n");
  EXPECT_NE(broken.find("rules.ard:25:"), std::string::npos) << broken;
  EXPECT_NE(broken.find("^"), std::string::npos) << broken;
  EXPECT_NE(broken.find("error: reload failed with "), std::string::npos) << broken;
  EXPECT_NE(broken.find("; still using mini_hip 0.1.0\n"), std::string::npos) << broken;
  EXPECT_NE(broken.find("redflag infection_suspected fired (triage emergency)"), std::string::npos) << broken;

  // Fixed, with a narrower pain score and a lower threshold: the pain score no longer fits and
  // is dropped, the red flag no longer fires.
  std::string edited = replace_all(original, "when fever and pain_score >= 7", "when fever and age >= 50");
  write_text(rules / "rules.ard", edited);
  const std::string header = read_text(rules / "header.ard");
  write_text(rules / "header.ard", replace_all(header, "number 0..10 integer", "number 0..5 integer"));
  repl.write("reload\n# sync 3\n");
  const std::string fixed = repl.read_until("ardent> # sync 3\n");
  EXPECT_NE(fixed.find("reloaded mini_hip 0.1.0: 10 findings"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("dropped pain_score = 8: 8 is outside the range of finding 'pain_score' (0..5)"),
            std::string::npos)
      << fixed;
  EXPECT_NE(fixed.find("triage emergency -> routine (default)"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("- redflag infection_suspected"), std::string::npos) << fixed;

  // The findings that still fit were kept.
  repl.write("facts\ntest\n");
  const int status = repl.wait();
  const std::string rest = repl.out().substr(repl.out().find("ardent> facts"));
  EXPECT_NE(rest.find("  fever = yes\n"), std::string::npos) << rest;
  EXPECT_NE(rest.find("  age   = 45 years\n"), std::string::npos) << rest;
  EXPECT_EQ(rest.find("pain_score"), std::string::npos) << rest;
  EXPECT_NE(rest.find("4 passed, 0 failed"), std::string::npos) << rest;
  EXPECT_EQ(1, status);  // the failed reload counts as an error of the script
}

TEST(ReplScript, NoPromptsWithoutEcho) {
  ScratchDir tmp;
  ChildProcess repl = start_repl({kMiniHip}, tmp.path());
  repl.write("saddle_anaesthesia = yes\nquit\nfacts\n");
  EXPECT_EQ(0, repl.wait());
  EXPECT_EQ(repl.out().find("ardent>"), std::string::npos) << repl.out();
  EXPECT_NE(repl.out().find("  triage routine -> emergency (redflag cauda_equina)\n  + redflag cauda_equina\n"),
            std::string::npos)
      << repl.out();
  EXPECT_EQ(repl.out().find("saddle_anaesthesia = yes"), std::string::npos) << "'facts' after 'quit' ran";
  EXPECT_FALSE(fs::exists(tmp.path() / ".ardent_history")) << "a script must not write the history";
}

TEST(ReplScript, ErrorsSetTheExitStatus) {
  ScratchDir tmp;
  ChildProcess repl = start_repl({kMiniHip}, tmp.path());
  repl.write("fever = maybe\n");
  EXPECT_EQ(1, repl.wait());
  EXPECT_NE(repl.out().find("error: finding 'fever' is a yes/no finding; cannot set it to 'maybe'"), std::string::npos) << repl.out();
}

TEST(ReplScript, LoadsACaseAtTheStart) {
  ScratchDir tmp;
  write_text(tmp.path() / "case.json", R"({"hop_test_pain": true, "recent_training_increase": true, "fever": null})");
  ChildProcess repl = start_repl({"--case", (tmp.path() / "case.json").string(), kMiniHip}, tmp.path());
  repl.write("facts\n");
  EXPECT_EQ(0, repl.wait());
  EXPECT_NE(repl.out().find("loaded 3 findings from"), std::string::npos) << repl.out();
  EXPECT_NE(repl.out().find("triage urgent | red flag bone_stress_suspected"), std::string::npos) << repl.out();
  EXPECT_NE(repl.out().find("  fever                    = unknown"), std::string::npos) << repl.out();
}

TEST(ReplScript, ReportsAsJson) {
  ScratchDir tmp;
  ChildProcess repl = start_repl({kMiniHip}, tmp.path());
  repl.write("load tests/cli/repl_golden/cases/overload.json\nreport json\nreport cds\nreport xml\n");
  EXPECT_EQ(1, repl.wait());
  EXPECT_NE(repl.out().find("\"triage\": \"self_care\""), std::string::npos) << repl.out();
  EXPECT_NE(repl.out().find("\"cards\""), std::string::npos) << repl.out();
  EXPECT_NE(repl.out().find("error: 'report' takes json, cds or undecided; got 'xml'"), std::string::npos) << repl.out();
}

TEST(ReplCommandLine, MissingRuleSetIsAUsageError) {
  ScratchDir tmp;
  ChildProcess repl = start_repl({(tmp.path() / "nothing-here").string()}, tmp.path());
  EXPECT_EQ(2, repl.wait());
  EXPECT_NE(repl.err().find("cannot open rule set"), std::string::npos) << repl.err();
}

TEST(ReplCommandLine, RuleSetWithErrorsDoesNotStart) {
  ScratchDir tmp;
  write_text(tmp.path() / "bad.ard", "ruleset bad version \"1\"\nfinding x: bool\nrule r: y -> triage urgent\n");
  ChildProcess repl = start_repl({(tmp.path() / "bad.ard").string()}, tmp.path());
  EXPECT_EQ(1, repl.wait());
  EXPECT_NE(repl.err().find("bad.ard:3:"), std::string::npos) << repl.err();
  EXPECT_EQ("", repl.out());
}

// rules/hip is still being written: only facts that will hold whatever its details become.
TEST(ReplHipSmoke, RedFlagWhyAndTests) {
  ScratchDir tmp;
  ChildProcess repl = start_repl({"--echo", "rules/hip"}, tmp.path());
  repl.write("saddle_anaesthesia = yes\nwhy cauda_equina\nask 3\ntest\n");
  const int status = repl.wait();
  const std::string& out = repl.out();
  EXPECT_EQ(0, status) << out;
  EXPECT_EQ(0u, out.find("posterior_hip ")) << out;
  EXPECT_NE(out.find("triage emergency | red flag"), std::string::npos) << out;
  EXPECT_NE(out.find("+ redflag cauda_equina"), std::string::npos) << out;
  EXPECT_NE(out.find("redflag cauda_equina fired (triage emergency)"), std::string::npos) << out;
  EXPECT_NE(out.find("[saddle_anaesthesia = yes]"), std::string::npos) << out;
  EXPECT_NE(out.find("rules/hip/redflags.ard:"), std::string::npos) << out;
  EXPECT_NE(out.find("  1. "), std::string::npos) << out;
  EXPECT_NE(out.find(" passed, "), std::string::npos) << out;
}

}  // namespace
