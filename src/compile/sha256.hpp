// SHA-256 in lower-case hex: the platform seam of hashing. OpenSSL's libcrypto where Ardent links
// it (platform/sha256_openssl.cpp), Windows CNG (bcrypt.dll) on Windows (platform/sha256_cng.cpp);
// CMake links one. Provenance hashes, audit rows' hashes and key ids all go through it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace ardent::compile {

// One reusable hashing context; not shared between threads. Throws std::runtime_error when the
// platform provides no SHA-256.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  std::string hex();  // the digest of everything given since the last hex(); starts over

  struct State;  // the platform's context

 private:
  std::unique_ptr<State> state_;
};

// Shared by both implementations: 32 digest bytes in lower-case hex.
inline std::string sha256_digest_hex(const unsigned char* digest, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return out;
}

}  // namespace ardent::compile
