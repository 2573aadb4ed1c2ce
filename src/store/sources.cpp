// A rule set's files for the registry, read the way the compiler reads them, so that the
// published hash is the hash `compile_path` gives the same directory.
#include "api/rule_files.hpp"
#include "ardent/store.hpp"

namespace ardent::store {

std::vector<SourceText> read_sources(const std::filesystem::path& root) {
  api::RuleFiles read = api::read_rule_files(root);
  if (read.error) throw StoreError(StoreError::Kind::Open, read.error->message);
  std::vector<SourceText> out;
  out.reserve(read.files.size());
  for (auto& f : read.files) out.push_back({std::move(f.relative), std::move(f.text)});
  return out;
}

}  // namespace ardent::store
