// Ed25519 keys and signatures for the store: signed approvals of rule-set versions and signed
// checkpoints of the audit log (docs/store.md, "Signatures"). Keys are PEM files, made with
// OpenSSL's command line:
//
//   openssl genpkey -algorithm ed25519 -out approver.pem          private: sign with it (--key)
//   openssl pkey -in approver.pem -pubout -out approver.pub.pem   public: trust it (--trust)
//
// A key never goes into a database: a stored signature carries only its key's id, the SHA-256
// (lower-case hex) of the public key in DER form, which is what
//   openssl pkey -pubin -in approver.pub.pem -outform DER | sha256sum
// prints. Signatures are stored in base64.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ardent::store {

struct KeyMaterial;  // OpenSSL's key and its id; kept out of this header

class PublicKey {
 public:
  // Reads an Ed25519 public key from a PEM file. Throws StoreError: Kind::Open when the file
  // cannot be read, Kind::Invalid when it holds no Ed25519 public key (a private key included:
  // give verifiers the public half only).
  static PublicKey from_pem_file(const std::filesystem::path& file);

  const std::string& id() const;    // 64 hex digits
  const std::string& file() const;  // where it was read from, for messages
  // True when `signature` (base64) is this key's signature of exactly `message`.
  bool verifies(std::string_view message, std::string_view signature) const;

 private:
  explicit PublicKey(std::shared_ptr<const KeyMaterial> key) : key_(std::move(key)) {}
  friend class PrivateKey;
  std::shared_ptr<const KeyMaterial> key_;
};

class PrivateKey {
 public:
  // Reads an unencrypted Ed25519 private key from a PEM file. Throws StoreError: Kind::Open when
  // the file cannot be read, Kind::Invalid when it holds no such key.
  static PrivateKey from_pem_file(const std::filesystem::path& file);

  const std::string& id() const;  // the id of its public key
  PublicKey public_key() const;
  std::string sign(std::string_view message) const;  // base64

 private:
  explicit PrivateKey(std::shared_ptr<const KeyMaterial> key) : key_(std::move(key)) {}
  std::shared_ptr<const KeyMaterial> key_;
};

// The public keys whose signatures are accepted. Empty: nothing is verified.
using TrustedKeys = std::vector<PublicKey>;
TrustedKeys load_trusted_keys(const std::vector<std::filesystem::path>& files);
// The trusted key with this id, or null.
const PublicKey* find_key(const TrustedKeys& keys, std::string_view id);

// The environment variable naming trusted public keys for loading rule sets from a registry,
// and its separator (as in PATH): "ARDENT_TRUST=/etc/ardent/lead.pub.pem:/etc/ardent/deputy.pub.pem".
inline constexpr const char* kTrustVariable = "ARDENT_TRUST";
inline constexpr char kTrustSeparator = ':';
// Splits such a list; empty entries are skipped.
std::vector<std::filesystem::path> split_trust_list(std::string_view list);

// A key id as messages show it: its first 16 hex digits.
std::string short_key_id(std::string_view id);

}  // namespace ardent::store
