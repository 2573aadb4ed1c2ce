// Reading a rule set's files for the registry, with paths relative to the rule-set root (the
// paths the provenance hash is computed over).
#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "ardent/store.hpp"

namespace ardent::store {

namespace {
std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw StoreError(StoreError::Kind::Open, fmt::format("cannot read '{}'", p.string()));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw StoreError(StoreError::Kind::Open, fmt::format("cannot read '{}'", p.string()));
  return text;
}
}  // namespace

std::vector<SourceText> read_sources(const std::filesystem::path& root) {
  std::error_code ec;
  std::vector<SourceText> out;
  if (std::filesystem::is_regular_file(root, ec)) {
    out.push_back({root.filename().generic_string(), read_file(root)});
    return out;
  }
  if (!std::filesystem::is_directory(root, ec))
    throw StoreError(StoreError::Kind::Open, fmt::format("cannot open rule set '{}': no such file or directory", root.string()));
  std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().extension() != ".ard") continue;
    out.push_back({it->path().lexically_relative(root).generic_string(), read_file(it->path())});
  }
  if (ec) throw StoreError(StoreError::Kind::Open, fmt::format("cannot list '{}': {}", root.string(), ec.message()));
  if (out.empty())
    throw StoreError(StoreError::Kind::Open, fmt::format("rule set '{}' holds no .ard files", root.string()));
  std::sort(out.begin(), out.end(), [](const SourceText& a, const SourceText& b) { return a.path < b.path; });
  return out;
}

}  // namespace ardent::store
