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

[[noreturn]] void refuse(const fs::path& file, std::string message, bool too_large = false) {
  throw Refusal{{file.generic_string(), std::move(message), too_large}};
}

// Counts the bytes of the files about to be read against the limits.
class Budget {
 public:
  explicit Budget(const Limits& limits) : limits_(limits) {}
  void take(const fs::path& file) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) return;  // reading it will say what is wrong
    total_ += size;
    if (auto why = over_limits(file.generic_string(), size, total_, limits_)) refuse(file, *why, true);
  }

 private:
  const Limits& limits_;
  std::uintmax_t total_ = 0;
};

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
  Walk(const fs::path& root, Budget& budget) : root_(root), budget_(budget) {}

  // The files are read in sorted order, each measured first, so that the one a limit stops at
  // does not depend on the order the directory lists them in.
  std::vector<RuleFile> run() {
    enter(root_, {});
    std::sort(files_.begin(), files_.end(),
              [](const RuleFile& a, const RuleFile& b) { return a.relative < b.relative; });
    for (RuleFile& f : files_) {
      budget_.take(f.shown);
      f.text = read_text(f.shown);
    }
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
    files_.push_back({relative.generic_string(), path.generic_string(), {}});
  }

  fs::path root_;
  Budget& budget_;
  std::map<fs::path, std::string> seen_;  // canonical folder -> the path it was first reached by
  std::vector<RuleFile> files_;
};

std::vector<RuleFile> read_directory(const fs::path& root, Budget& budget) {
  std::vector<RuleFile> files = Walk(root, budget).run();
  if (files.empty()) refuse(root, "no .ard files in '" + root.generic_string() + "'");
  return files;
}

std::vector<RuleFile> read_one(const fs::path& file, fs::file_type type, Budget& budget) {
  if (type != fs::file_type::regular) refuse_irregular(file, type);
  budget.take(file);
  std::vector<RuleFile> one;
  one.push_back({file.filename().generic_string(), file.generic_string(), read_text(file)});
  return one;
}

}  // namespace

std::optional<std::string> over_limits(const std::string& file, std::uintmax_t bytes, std::uintmax_t total,
                                       const Limits& limits) {
  if (bytes > limits.max_file_bytes)
    return "'" + file + "' is " + std::to_string(bytes) + " bytes: a rule file may be at most " +
           std::to_string(limits.max_file_bytes) + " bytes (the limit max_file_bytes)";
  if (total > limits.max_ruleset_bytes)
    return "'" + file + "' takes the rule set to " + std::to_string(total) + " bytes: a rule set may be at most " +
           std::to_string(limits.max_ruleset_bytes) + " bytes in all (the limit max_ruleset_bytes)";
  return std::nullopt;
}

RuleFiles read_rule_files(const fs::path& root, const Limits& limits) {
  RuleFiles out;
  Budget budget(limits);
  try {
    std::error_code ec;
    const fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status))
      refuse(root, "cannot open '" + root.generic_string() + "': " +
                       (ec ? ec.message() : std::string("no such file or directory")));
    out.files = fs::is_directory(status) ? read_directory(root, budget) : read_one(root, status.type(), budget);
  } catch (const Refusal& r) {
    out.files.clear();
    out.error = r.error;
  }
  return out;
}

}  // namespace ardent::api
