// Signatures where Ardent is built without libcrypto (Windows, docs/windows.md): every key fails
// to load with one clear error, so signed approvals and signed checkpoints are refused rather
// than silently skipped. Unsigned registries and audit logs work as everywhere.
#include <fmt/format.h>

#include "ardent/signing.hpp"
#include "ardent/store.hpp"

namespace ardent::store {

struct KeyMaterial {
  std::string id;
  std::string file;
};

namespace {

[[noreturn]] void unsupported(const std::filesystem::path& file) {
  throw StoreError(StoreError::Kind::Invalid,
                   fmt::format("cannot use the key '{}': Ed25519 signatures are not supported by this build of "
                               "Ardent (built without libcrypto)",
                               file.string()));
}

}  // namespace

PublicKey PublicKey::from_pem_file(const std::filesystem::path& file) { unsupported(file); }
PrivateKey PrivateKey::from_pem_file(const std::filesystem::path& file) { unsupported(file); }

// No key can be made, so none of these is ever reached; they keep the interface whole.
const std::string& PublicKey::id() const { return key_->id; }
const std::string& PublicKey::file() const { return key_->file; }
bool PublicKey::verifies(std::string_view, std::string_view) const { unsupported(key_->file); }
const std::string& PrivateKey::id() const { return key_->id; }
PublicKey PrivateKey::public_key() const { return PublicKey(key_); }
std::string PrivateKey::sign(std::string_view) const { unsupported(key_->file); }

}  // namespace ardent::store
