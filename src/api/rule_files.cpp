#include "api/rule_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace ardent::api {

namespace {

namespace fs = std::filesystem;

// Thrown inside the walk only, so that the first problem ends it wherever it is found.
struct Refusal {
  RuleFilesError error;
};

[[noreturn]] void refuse(const fs::path& file, std::string message) {
  throw Refusal{{file.generic_string(), std::move(message)}};
}

std::string_view kind_of(fs::file_type t) {
  switch (t) {
    case fs::file_type::fifo: return "a fifo";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::directory: return "a directory";
    default: return "not a regular file";
  }
}

void refuse_irregular(const fs::path& file, fs::file_type t) {
  refuse(file, "cannot read '" + file.generic_string() + "': " + std::string(kind_of(t)) + ", not a regular file");
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) refuse(file, "cannot read '" + file.generic_string() + "': " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) refuse(file, "cannot read '" + file.generic_string() + "': read error");
  return std::move(buf).str();
}

class Walk {
 public:
  explicit Walk(const fs::path& root) : root_(root) {}

  std::vector<RuleFile> run() {
    enter(root_, {});
    std::sort(files_.begin(), files_.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.relative < b.relative; });
    return std::move(files_);
  }

 private:
  // `relative` is built from the names walked through, never from a symlink's target, so that
  // a linked folder's files keep the names they have under the root.
  void enter(const fs::path& dir, const fs::path& relative) {
    remember(dir);
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    for (; !ec && it != end; it.increment(ec)) visit(*it, relative / it->path().filename());
    if (ec) refuse(dir, "cannot list '" + dir.generic_string() + "': " + ec.message());
  }

  // A folder reached a second time, through a symlink, would be read forever or twice.
  void remember(const fs::path& dir) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) refuse(dir, "cannot open '" + dir.generic_string() + "': " + ec.message());
    const auto [at, fresh] = seen_.emplace(canonical, dir.generic_string());
    if (!fresh)
      refuse(dir, "cannot read '" + dir.generic_string() + "': it leads back to '" + at->second +
                      "', a folder already read (a symlink loop)");
  }

  void visit(const fs::directory_entry& entry, const fs::path& relative) {
    const fs::path path = root_ / relative;
    std::error_code ec;
    const fs::file_status target = entry.status(ec);
    if (ec || !fs::exists(target))
      refuse(path, "cannot follow '" + path.generic_string() + "': " +
                       (ec ? ec.message() : std::string("the symlink leads nowhere")));
    if (fs::is_directory(target)) return enter(path, relative);
    if (path.extension() != ".ard") return;
    if (!fs::is_regular_file(target)) refuse_irregular(path, target.type());
    files_.push_back({relative.generic_string(), path.generic_string(), read_text(path)});
  }

  fs::path root_;
  std::map<fs::path, std::string> seen_;  // canonical folder -> the path it was first reached by
  std::vector<RuleFile> files_;
};

std::vector<RuleFile> read_directory(const fs::path& root) {
  std::vector<RuleFile> files = Walk(root).run();
  if (files.empty()) refuse(root, "no .ard files in '" + root.generic_string() + "'");
  return files;
}

std::vector<RuleFile> read_one(const fs::path& file, fs::file_type type) {
  if (type != fs::file_type::regular) refuse_irregular(file, type);
  std::vector<RuleFile> one;
  one.push_back({file.filename().generic_string(), file.generic_string(), read_text(file)});
  return one;
}

}  // namespace

RuleFiles read_rule_files(const fs::path& root) {
  RuleFiles out;
  try {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status))
      refuse(root, "cannot open '" + root.generic_string() + "': " +
                       (ec ? ec.message() : std::string("no such file or directory")));
    out.files = fs::is_directory(status) ? read_directory(root) : read_one(root, status.type());
  } catch (const Refusal& r) {
    out.files.clear();
    out.error = r.error;
  }
  return out;
}

}  // namespace ardent::api
