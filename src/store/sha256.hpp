// SHA-256 through OpenSSL, in lower-case hex: the audit rows' hashes and the keys' ids.
#pragma once

#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace ardent::store {

// One reusable OpenSSL context (one per thread that hashes).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  std::string hex(std::string_view data);  // lower-case hex

 private:
  EVP_MD_CTX* ctx_ = nullptr;
  EVP_MD* md_ = nullptr;
};

}  // namespace ardent::store
