#include "store/sha256.hpp"

#include "ardent/store.hpp"

namespace ardent::store {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()), md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)) {
  if (!ctx_ || !md_) throw StoreError(StoreError::Kind::Internal, "OpenSSL provides no SHA-256");
}

Sha256::~Sha256() {
  EVP_MD_free(md_);
  EVP_MD_CTX_free(ctx_);
}

std::string Sha256::hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx_, digest, &size) != 1)
    throw StoreError(StoreError::Kind::Internal, "SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (unsigned int i = 0; i < size; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace ardent::store
