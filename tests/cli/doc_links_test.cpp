// The repository stands alone: every relative link in its documents leads to a file inside the
// repository, and no document points at anything outside it.
//
// Documents: README.md, docs/*.md, rules/*/README.md, capi/README.md, bindings/*/README.md and
// every README.md under examples/. Links are Markdown inline links and images `[text](target)`
// and reference definitions `[id]: target`, outside fenced code blocks and code spans.
// Absolute URLs (`https:`, `mailto:`) and pure anchors (`#section`) are not checked; the anchor
// of a relative link is ignored.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = fs::weakly_canonical(fs::path(ARDENT_SOURCE_DIR));

std::vector<fs::path> markdown_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".md") out.push_back(it->path());
  return out;
}

// README.md of each immediate subdirectory of `dir`.
std::vector<fs::path> readmes_below(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory() && fs::is_regular_file(it->path() / "README.md")) out.push_back(it->path() / "README.md");
  return out;
}

std::vector<fs::path> documents() {
  std::vector<fs::path> docs;
  auto add = [&](std::vector<fs::path> more) { docs.insert(docs.end(), more.begin(), more.end()); };
  if (fs::is_regular_file(kRoot / "README.md")) docs.push_back(kRoot / "README.md");
  add(markdown_in(kRoot / "docs"));
  add(readmes_below(kRoot / "rules"));
  if (fs::is_regular_file(kRoot / "capi" / "README.md")) docs.push_back(kRoot / "capi" / "README.md");
  add(readmes_below(kRoot / "bindings"));
  std::error_code ec;
  for (fs::recursive_directory_iterator it(kRoot / "examples", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "node_modules") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().filename() == "README.md") docs.push_back(it->path());
  }
  std::sort(docs.begin(), docs.end());
  return docs;
}

struct Link {
  int line;
  std::string target;
};

// Code spans may hold anything, including `](`; they are blanked out (keeping link texts such
// as [`rules/hip/`](rules/hip/) intact as links).
std::string without_code_spans(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] != '`') {
      out += line[i++];
      continue;
    }
    std::size_t run = line.find_first_not_of('`', i);
    if (run == std::string::npos) run = line.size();
    const std::string ticks = line.substr(i, run - i);
    const std::size_t close = line.find(ticks, run);
    if (close == std::string::npos) {
      out += line.substr(i);
      break;
    }
    out += "code";
    i = close + ticks.size();
  }
  return out;
}

std::vector<Link> links_in(const fs::path& file) {
  std::vector<Link> out;
  std::ifstream in(file);
  std::string line;
  int number = 0;
  std::string fence;
  static const std::regex inline_link(R"(\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\))");
  static const std::regex reference(R"(^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?)");
  while (std::getline(in, line)) {
    ++number;
    const std::size_t first = line.find_first_not_of(" \t");
    const std::string body = first == std::string::npos ? std::string() : line.substr(first);
    if (!fence.empty()) {
      if (body.rfind(fence, 0) == 0 && body.find_first_not_of(fence[0]) == std::string::npos) fence.clear();
      continue;
    }
    if (body.rfind("```", 0) == 0 || body.rfind("~~~", 0) == 0) {
      fence = body.substr(0, body.find_first_not_of(body[0]));
      continue;
    }
    const std::string text = without_code_spans(line);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), inline_link); it != std::sregex_iterator(); ++it)
      out.push_back({number, (*it)[1].str()});
    std::smatch m;
    if (std::regex_search(text, m, reference)) out.push_back({number, m[1].str()});
  }
  return out;
}

bool has_scheme(const std::string& target) {
  static const std::regex scheme(R"(^[A-Za-z][A-Za-z0-9+.-]*:)");
  return std::regex_search(target, scheme);
}

std::string percent_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool inside_root(const fs::path& p) {
  const fs::path rel = p.lexically_relative(kRoot);
  return !rel.empty() && *rel.begin() != "..";
}

std::string shown(const fs::path& file, int line) {
  return file.lexically_relative(kRoot).generic_string() + ":" + std::to_string(line);
}

TEST(DocLinks, TheDocumentsAreFound) {
  const auto docs = documents();
  auto has = [&](const std::string& rel) {
    return std::find(docs.begin(), docs.end(), kRoot / rel) != docs.end();
  };
  EXPECT_TRUE(has("README.md"));
  EXPECT_TRUE(has("docs/language.md"));
  EXPECT_TRUE(has("docs/result-schema.md"));
  EXPECT_TRUE(has("rules/hip/README.md"));
  EXPECT_TRUE(has("capi/README.md"));
}

TEST(DocLinks, RelativeLinksResolveToFilesInsideTheRepository) {
  std::size_t checked = 0;
  for (const auto& doc : documents()) {
    for (const auto& link : links_in(doc)) {
      std::string target = link.target;
      if (target.empty() || target[0] == '#' || has_scheme(target)) {
        if (target.rfind("file:", 0) == 0)
          ADD_FAILURE() << shown(doc, link.line) << ": a file: link points outside the repository: " << target;
        continue;
      }
      target = percent_decoded(target.substr(0, target.find_first_of("#?")));
      if (target.empty()) continue;
      ++checked;
      if (target[0] == '/') {
        ADD_FAILURE() << shown(doc, link.line) << ": absolute path, not a link inside the repository: "
                      << link.target;
        continue;
      }
      const fs::path resolved = (doc.parent_path() / target).lexically_normal();
      if (!inside_root(resolved)) {
        ADD_FAILURE() << shown(doc, link.line) << ": link leaves the repository: " << link.target;
        continue;
      }
      if (!fs::exists(resolved)) {
        ADD_FAILURE() << shown(doc, link.line) << ": link to a missing file: " << link.target;
        continue;
      }
      if (!inside_root(fs::weakly_canonical(resolved)))
        ADD_FAILURE() << shown(doc, link.line) << ": link leaves the repository through a symbolic link: "
                      << link.target;
    }
  }
  EXPECT_GE(checked, 10u);  // the README's documentation table alone has more
}

// Mentions outside links (code spans, prose, shell lines) of the documents that stay behind
// when the repository is cloned.
TEST(DocLinks, NoDocumentNamesFilesOutsideTheRepository) {
  for (const auto& doc : documents()) {
    std::ifstream in(doc);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      for (const char* outside : {"../shared", "DESIGN.md"})
        EXPECT_EQ(std::string::npos, line.find(outside))
            << shown(doc, number) << ": names '" << outside << "', which is not in the repository";
    }
  }
}

}  // namespace
