#include <algorithm>
#include <memory>
#include <stdexcept>

#include "compile/compile.hpp"
#include "compile/sha256.hpp"

namespace ardent::compile {

std::string provenance_hash(std::vector<HashInput> files) {
  std::sort(files.begin(), files.end(),
            [](const HashInput& a, const HashInput& b) { return a.relative_path < b.relative_path; });
  Sha256 sha;
  const char nul = '\0';
  for (const auto& f : files) {
    sha.update(f.relative_path.data(), f.relative_path.size());
    sha.update(&nul, 1);
    sha.update(f.text.data(), f.text.size());
    sha.update(&nul, 1);
  }
  return sha.hex();
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 sha;
  sha.update(bytes.data(), bytes.size());
  return sha.hex();
}

}  // namespace ardent::compile
