// Trusted keys and trust lists: what does not depend on how keys are read and signatures checked
// (platform/signing_openssl.cpp, or platform/signing_unsupported.cpp where there is no libcrypto).
#include "ardent/signing.hpp"

namespace ardent::store {

TrustedKeys load_trusted_keys(const std::vector<std::filesystem::path>& files) {
  TrustedKeys keys;
  for (const auto& f : files) keys.push_back(PublicKey::from_pem_file(f));
  return keys;
}

const PublicKey* find_key(const TrustedKeys& keys, std::string_view id) {
  for (const auto& k : keys)
    if (k.id() == id) return &k;
  return nullptr;
}

std::vector<std::filesystem::path> split_trust_list(std::string_view list) {
  std::vector<std::filesystem::path> out;
  while (!list.empty()) {
    const auto at = list.find(kTrustSeparator);
    const std::string_view item = list.substr(0, at);
    if (!item.empty()) out.emplace_back(std::string(item));
    if (at == std::string_view::npos) break;
    list.remove_prefix(at + 1);
  }
  return out;
}

std::string short_key_id(std::string_view id) { return std::string(id.substr(0, 16)); }

}  // namespace ardent::store
