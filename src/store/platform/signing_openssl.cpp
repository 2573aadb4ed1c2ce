// Ed25519 through OpenSSL's EVP interface: reading PEM keys, signing, verifying, key ids and
// base64. The one place the store touches keys; the registry and the audit log call it. The
// platform seam of signatures: signing_unsupported.cpp stands in where there is no libcrypto.
#include "ardent/signing.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "ardent/store.hpp"
#include "store/sha256.hpp"

namespace ardent::store {

struct KeyMaterial {
  EVP_PKEY* pkey = nullptr;
  std::string id;
  std::string file;
  ~KeyMaterial() { EVP_PKEY_free(pkey); }
};

namespace {

constexpr std::size_t kSignatureSize = 64;  // Ed25519

std::string read_pem(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf()))
    throw StoreError(StoreError::Kind::Open, fmt::format("cannot read {} '{}'", what, file.string()));
  return text.str();
}

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
Bio memory_bio(const std::string& text) {
  return Bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
}

bool is_ed25519(const EVP_PKEY* pkey) { return pkey && EVP_PKEY_get_base_id(pkey) == EVP_PKEY_ED25519; }

// The SHA-256 of the public key's DER (SubjectPublicKeyInfo) form.
std::string key_id(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(pkey, &der);
  if (size <= 0) throw StoreError(StoreError::Kind::Internal, "OpenSSL cannot encode a public key");
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return Sha256().hex(bytes);
}

std::shared_ptr<KeyMaterial> material(EVP_PKEY* pkey, const std::filesystem::path& file) {
  auto key = std::make_shared<KeyMaterial>();
  key->pkey = pkey;
  key->file = file.string();
  key->id = key_id(pkey);
  return key;
}

// Never prompts for a passphrase: an encrypted key simply fails to load.
int no_passphrase(char*, int, int, void*) { return -1; }

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Strict: only the canonical encoding of exactly one signature's bytes is accepted.
bool decode_signature(std::string_view text, unsigned char (&out)[kSignatureSize]) {
  constexpr std::size_t kEncoded = 4 * ((kSignatureSize + 2) / 3);
  if (text.size() != kEncoded || text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                         "0123456789+/=") != std::string_view::npos)
    return false;
  unsigned char decoded[kEncoded];
  const int n = EVP_DecodeBlock(decoded, reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(kEncoded));
  if (n < static_cast<int>(kSignatureSize)) return false;
  std::copy(decoded, decoded + kSignatureSize, out);
  return base64(out, kSignatureSize) == text;
}

}  // namespace

PublicKey PublicKey::from_pem_file(const std::filesystem::path& file) {
  const std::string pem = read_pem(file, "public key file");
  if (pem.find("PRIVATE KEY-----") != std::string::npos)
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'{}' holds a private key: trust its public half instead (openssl pkey -in {} "
                                 "-pubout -out PUBLIC.pem), and keep the private key away from verifiers",
                                 file.string(), file.string()));
  Bio bio = memory_bio(pem);
  EVP_PKEY* pkey = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!is_ed25519(pkey)) {
    EVP_PKEY_free(pkey);
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'{}' holds no Ed25519 public key in PEM form (make one with openssl pkey -in "
                                 "KEY.pem -pubout)",
                                 file.string()));
  }
  return PublicKey(material(pkey, file));
}

const std::string& PublicKey::id() const { return key_->id; }
const std::string& PublicKey::file() const { return key_->file; }

bool PublicKey::verifies(std::string_view message, std::string_view signature) const {
  unsigned char raw[kSignatureSize];
  if (!decode_signature(signature, raw)) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey) != 1)
    throw StoreError(StoreError::Kind::Internal, "OpenSSL cannot verify an Ed25519 signature");
  return EVP_DigestVerify(ctx.get(), raw, kSignatureSize, reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

PrivateKey PrivateKey::from_pem_file(const std::filesystem::path& file) {
  const std::string pem = read_pem(file, "private key file");
  if (pem.find("ENCRYPTED") != std::string::npos)
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'{}' is encrypted: ardent reads unencrypted keys (protect the file by its "
                                 "permissions instead)",
                                 file.string()));
  Bio bio = memory_bio(pem);
  EVP_PKEY* pkey = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr) : nullptr;
  if (!is_ed25519(pkey)) {
    EVP_PKEY_free(pkey);
    throw StoreError(StoreError::Kind::Invalid,
                     fmt::format("'{}' holds no Ed25519 private key in PEM form (make one with openssl genpkey "
                                 "-algorithm ed25519 -out KEY.pem)",
                                 file.string()));
  }
  return PrivateKey(material(pkey, file));
}

const std::string& PrivateKey::id() const { return key_->id; }

PublicKey PrivateKey::public_key() const {
  // Ed25519's EVP_PKEY holds both halves; the public one is all a PublicKey uses.
  return PublicKey(key_);
}

std::string PrivateKey::sign(std::string_view message) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char raw[kSignatureSize];
  std::size_t size = sizeof raw;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey) != 1 ||
      EVP_DigestSign(ctx.get(), raw, &size, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      size != kSignatureSize)
    throw StoreError(StoreError::Kind::Internal, "OpenSSL failed to make an Ed25519 signature");
  return base64(raw, size);
}

}  // namespace ardent::store
