// SHA-256 through OpenSSL's EVP interface (compile/sha256.hpp).
#include <openssl/evp.h>

#include <stdexcept>

#include "compile/sha256.hpp"

namespace ardent::compile {

namespace {

// Fetched once per process: a fetch searches the providers, and cost as much as hashing 50 KB,
// once per compile. A fetched EVP_MD is immutable and may be used by many threads at once.
const EVP_MD* sha256_md() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

}  // namespace

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  const EVP_MD* md = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  state_->md = sha256_md();
  if (!state_->ctx || !state_->md || EVP_DigestInit_ex(state_->ctx, state_->md, nullptr) != 1)
    throw std::runtime_error("OpenSSL provides no SHA-256");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size) {
  if (EVP_DigestUpdate(state_->ctx, data, size) != 1) throw std::runtime_error("SHA-256 failed");
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(state_->ctx, digest, &size) != 1 || EVP_DigestInit_ex(state_->ctx, state_->md, nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return sha256_digest_hex(digest, size);
}

}  // namespace ardent::compile
