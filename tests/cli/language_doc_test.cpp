// The examples of docs/language.md, run through the `ardent` executable as a rule author would.
//
// Every fenced block tagged `ard` is a complete rule set. By default it must be clean:
// `ardent check --werror` exits 0 (no error, no warning). An HTML comment on the line before
// the block (blank lines may separate them) can say otherwise:
//
//   <!-- check: expect-error "text" ... -->    `ardent check` exits 1 and prints each text
//   <!-- check: expect-warning "text" ... -->  `ardent check` exits 0 and prints each text;
//                                              `ardent check --werror` exits 1
//
// A block that passes its check and holds `test` blocks must also pass `ardent test`, so the
// examples that show what the language means are run, not only parsed.
//
// Blocks tagged `ard-pending` show features of the next release. They must still FAIL
// `ardent check` (exit 1): once one passes, the feature has arrived and its tag must become
// `ard`. Every failure names the block's line in docs/language.md.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using ardent::test::ChildProcess;

const fs::path kDoc = fs::path(ARDENT_SOURCE_DIR) / "docs" / "language.md";

using ardent::test::Outcome;
using ardent::test::ardent;

struct Annotation {
  enum class Kind { error, warning } kind;
  std::vector<std::string> messages;
  int line = 0;
};

struct Block {
  int line = 0;         // of the opening fence, 1-based
  std::string tag;      // "ard" or "ard-pending"
  std::string text;
  std::optional<Annotation> annotation;
};

struct Doc {
  std::vector<Block> blocks;
  std::vector<std::string> problems;  // malformed annotations, annotations without a block
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string where(int line) { return "docs/language.md:" + std::to_string(line); }

// `<!-- check: KIND "text" "text" -->`, or nullopt (with a problem noted) when malformed.
std::optional<Annotation> parse_annotation(const std::string& line, int number, Doc& doc) {
  static const std::regex shape(R"re(^<!--\s*check:\s*([a-z-]+)((?:\s+"[^"]*")*)\s*-->$)re");
  std::smatch m;
  if (!std::regex_match(line, m, shape)) {
    doc.problems.push_back(where(number) + ": malformed check comment: " + line);
    return std::nullopt;
  }
  Annotation a;
  a.line = number;
  if (m[1] == "expect-error") {
    a.kind = Annotation::Kind::error;
  } else if (m[1] == "expect-warning") {
    a.kind = Annotation::Kind::warning;
  } else {
    doc.problems.push_back(where(number) + ": unknown check '" + m[1].str() +
                           "' (expect-error or expect-warning)");
    return std::nullopt;
  }
  static const std::regex quoted(R"re("([^"]*)")re");
  const std::string texts = m[2].str();
  for (auto it = std::sregex_iterator(texts.begin(), texts.end(), quoted); it != std::sregex_iterator(); ++it)
    a.messages.push_back((*it)[1].str());
  return a;
}

Doc read_doc() {
  Doc doc;
  std::ifstream in(kDoc);
  if (!in) {
    doc.problems.push_back("cannot read " + kDoc.string());
    return doc;
  }
  std::string raw;
  int number = 0;
  std::optional<Annotation> pending;  // waiting for its block
  bool in_fence = false;
  std::string fence;  // the opening run of backticks or tildes
  Block* current = nullptr;
  Block scratch;
  while (std::getline(in, raw)) {
    ++number;
    const std::string line = trim(raw);
    if (in_fence) {
      const bool closes = line.size() >= fence.size() && line.find_first_not_of(fence[0]) == std::string::npos;
      if (closes) {
        in_fence = false;
        current = nullptr;
      } else if (current) {
        current->text += raw;
        current->text += '\n';
      }
      continue;
    }
    if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) {
      const std::size_t run = line.find_first_not_of(line[0]);
      fence = line.substr(0, run == std::string::npos ? line.size() : run);
      const std::string info = trim(run == std::string::npos ? std::string() : line.substr(run));
      const std::string tag = info.substr(0, info.find_first_of(" \t{"));
      in_fence = true;
      if (tag == "ard" || tag == "ard-pending") {
        doc.blocks.push_back(Block{number, tag, "", std::move(pending)});
        current = &doc.blocks.back();
      } else {
        if (pending)
          doc.problems.push_back(where(pending->line) + ": check comment is followed by a '" + tag +
                                 "' block, not an 'ard' block");
        current = nullptr;
      }
      pending.reset();
      continue;
    }
    if (line.rfind("<!--", 0) == 0 && line.find("check:") != std::string::npos) {
      if (pending) doc.problems.push_back(where(pending->line) + ": check comment is not followed by a block");
      pending = parse_annotation(line, number, doc);
      continue;
    }
    if (!line.empty() && pending) {
      doc.problems.push_back(where(pending->line) + ": check comment is not followed by a block");
      pending.reset();
    }
  }
  if (in_fence) doc.problems.push_back("docs/language.md: a fenced block is never closed");
  if (pending) doc.problems.push_back(where(pending->line) + ": check comment is not followed by a block");
  return doc;
}

// Each block in a file of its own, named after its line, in a directory removed at the end.
class Scratch {
 public:
  Scratch() : dir_(fs::temp_directory_path() / ("ardent-language-doc-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string write(const Block& b) const {
    const fs::path p = dir_ / ("language_md_line_" + std::to_string(b.line) + ".ard");
    std::ofstream(p) << b.text;
    return p.string();
  }

 private:
  fs::path dir_;
};

bool has_tests(const std::string& text) {
  static const std::regex test_decl(R"((^|\n)[ \t]*[Tt][Ee][Ss][Tt][ \t]+")");
  return std::regex_search(text, test_decl);
}

std::string shown(const Outcome& o) { return "\n--- stdout:\n" + o.out + "--- stderr:\n" + o.err; }

TEST(LanguageDoc, ExamplesAreFoundAndEveryCheckCommentBelongsToABlock) {
  const Doc doc = read_doc();
  for (const auto& p : doc.problems) ADD_FAILURE() << p;
  std::size_t ard = 0, pending = 0, errors = 0, warnings = 0;
  for (const auto& b : doc.blocks) {
    (b.tag == "ard" ? ard : pending) += 1;
    if (b.annotation) (b.annotation->kind == Annotation::Kind::error ? errors : warnings) += 1;
    if (b.tag == "ard-pending" && b.annotation)
      ADD_FAILURE() << where(b.line) << ": an 'ard-pending' block takes no check comment";
    if (trim(b.text).empty()) ADD_FAILURE() << where(b.line) << ": empty example";
  }
  // Guards against a reader that silently finds nothing (pending blocks come and go).
  EXPECT_GE(ard, 30u);
  EXPECT_GE(errors, 5u);
  EXPECT_GE(warnings, 5u);
}

TEST(LanguageDoc, EveryArdExampleChecksAsAnnotated) {
  const Doc doc = read_doc();
  const Scratch scratch;
  for (const auto& b : doc.blocks) {
    if (b.tag != "ard") continue;
    const std::string file = scratch.write(b);
    const Outcome check = ardent({"check", file});
    const Outcome strict = ardent({"check", "--werror", file});
    const std::string at = where(b.line);
    bool passes = false;
    if (!b.annotation) {
      EXPECT_EQ(0, strict.status) << at << ": the example must pass 'ardent check --werror'" << shown(strict);
      passes = strict.status == 0;
    } else if (b.annotation->kind == Annotation::Kind::error) {
      EXPECT_EQ(1, check.status) << at << ": the example must fail 'ardent check' (exit 1)" << shown(check);
    } else {
      EXPECT_EQ(0, check.status) << at << ": the example must pass 'ardent check'" << shown(check);
      EXPECT_EQ(1, strict.status) << at << ": the example must warn, failing 'ardent check --werror'"
                                  << shown(strict);
      passes = check.status == 0;
    }
    if (b.annotation) {
      for (const auto& m : b.annotation->messages)
        EXPECT_NE(std::string::npos, check.err.find(m))
            << at << ": 'ardent check' does not print \"" << m << "\"" << shown(check);
    }
    if (passes && has_tests(b.text)) {
      const Outcome test = ardent({"test", file});
      EXPECT_EQ(0, test.status) << at << ": the example's tests must pass 'ardent test'" << shown(test);
    }
  }
}

TEST(LanguageDoc, EveryPendingExampleStillFails) {
  const Doc doc = read_doc();
  const Scratch scratch;
  for (const auto& b : doc.blocks) {
    if (b.tag != "ard-pending") continue;
    const Outcome check = ardent({"check", scratch.write(b)});
    EXPECT_EQ(1, check.status) << where(b.line)
                               << ": this 'ard-pending' example now passes 'ardent check' (or fails oddly): "
                                  "if the feature has arrived, tag the block 'ard' and update the text"
                               << shown(check);
  }
}

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; a repeated
// heading gets -1, -2, ...
std::string slug(const std::string& heading) {
  std::string out;
  for (char c : heading) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_' || c == '-') out += static_cast<char>(std::tolower(u));
    else if (c == ' ') out += '-';
    else if (u >= 0x80) out += c;
  }
  return out;
}

TEST(LanguageDoc, SectionLinksNameExistingSections) {
  std::ifstream in(kDoc);
  std::string raw;
  int number = 0;
  bool in_fence = false;
  std::map<std::string, int> anchors;  // anchor -> times seen
  std::vector<std::pair<int, std::string>> links;
  static const std::regex link(R"re(\]\(#([^)\s]+)\))re");
  while (std::getline(in, raw)) {
    ++number;
    const std::string line = trim(raw);
    if (line.rfind("```", 0) == 0) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (line.rfind('#', 0) == 0) {
      const std::size_t text = line.find_first_not_of('#');
      if (text != std::string::npos && line[text] == ' ') {
        const std::string base = slug(trim(line.substr(text)));
        const int seen = anchors[base]++;
        if (seen > 0) anchors[base + "-" + std::to_string(seen)] = 1;
        continue;
      }
    }
    for (auto it = std::sregex_iterator(line.begin(), line.end(), link); it != std::sregex_iterator(); ++it)
      links.push_back({number, (*it)[1].str()});
  }
  EXPECT_GE(links.size(), 10u);
  for (const auto& [at, anchor] : links)
    EXPECT_TRUE(anchors.count(anchor)) << where(at) << ": no section has the anchor #" << anchor;
}

}  // namespace
