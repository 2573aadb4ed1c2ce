// SHA-256 through Windows CNG (bcrypt.dll, a system DLL since Vista) (compile/sha256.hpp): Debian
// ships no libcrypto for MinGW (docs/windows.md). A reusable hash object restarts after each
// finish, as BCRYPT_HASH_REUSABLE_FLAG asks (Windows 8 and later).
#include <windows.h>
// windows.h first: bcrypt.h needs its types.
#include <bcrypt.h>

#include <stdexcept>

#include "compile/sha256.hpp"

namespace ardent::compile {

namespace {
constexpr ULONG kDigestSize = 32;
}

struct Sha256::State {
  BCRYPT_ALG_HANDLE alg = nullptr;
  BCRYPT_HASH_HANDLE hash = nullptr;
  ~State() {
    if (hash) BCryptDestroyHash(hash);
    if (alg) BCryptCloseAlgorithmProvider(alg, 0);
  }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  if (!BCRYPT_SUCCESS(BCryptOpenAlgorithmProvider(&state_->alg, BCRYPT_SHA256_ALGORITHM, nullptr,
                                                  BCRYPT_HASH_REUSABLE_FLAG)) ||
      !BCRYPT_SUCCESS(BCryptCreateHash(state_->alg, &state_->hash, nullptr, 0, nullptr, 0, BCRYPT_HASH_REUSABLE_FLAG)))
    throw std::runtime_error("Windows CNG provides no SHA-256");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  // BCryptHashData takes at most 4 GiB at a time.
  auto* bytes = static_cast<UCHAR*>(const_cast<void*>(data));
  while (size > 0) {
    const ULONG chunk = size > 0x40000000 ? 0x40000000 : static_cast<ULONG>(size);
    if (!BCRYPT_SUCCESS(BCryptHashData(state_->hash, bytes, chunk, 0))) throw std::runtime_error("SHA-256 failed");
    bytes += chunk;
    size -= chunk;
  }
}

std::string Sha256::hex() {
  unsigned char digest[kDigestSize];
  if (!BCRYPT_SUCCESS(BCryptFinishHash(state_->hash, digest, kDigestSize, 0)))
    throw std::runtime_error("SHA-256 failed");
  return sha256_digest_hex(digest, kDigestSize);
}

}  // namespace ardent::compile
