#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "compile/compile.hpp"

namespace ardent::compile {

namespace {

using Ctx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

Ctx start() {
  Ctx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is not available");
  return ctx;
}

void update(Ctx& ctx, const void* data, std::size_t n) {
  if (EVP_DigestUpdate(ctx.get(), data, n) != 1) throw std::runtime_error("SHA-256 failed");
}

std::string finish(Ctx& ctx) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &length) != 1)
    throw std::runtime_error("SHA-256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

}  // namespace

std::string provenance_hash(std::vector<HashInput> files) {
  std::sort(files.begin(), files.end(),
            [](const HashInput& a, const HashInput& b) { return a.relative_path < b.relative_path; });
  Ctx ctx = start();
  const char nul = '\0';
  for (const auto& f : files) {
    update(ctx, f.relative_path.data(), f.relative_path.size());
    update(ctx, &nul, 1);
    update(ctx, f.text.data(), f.text.size());
    update(ctx, &nul, 1);
  }
  return finish(ctx);
}

std::string sha256_hex(std::string_view bytes) {
  Ctx ctx = start();
  update(ctx, bytes.data(), bytes.size());
  return finish(ctx);
}

}  // namespace ardent::compile
