// An audit row as its columns hold it (JSON as text), its canonical form and its hash.
// The hash covers exactly the stored text, so verification never re-serialises anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <openssl/evp.h>

#include "ardent/store.hpp"

namespace ardent::store {

struct StoredRow {
  std::int64_t seq = 0;
  std::string time, encounter_id, user_id, tags;
  std::string ruleset_name, ruleset_version, ruleset_hash, engine_version;
  std::string findings, triage, red_flags, conditions;
  std::optional<std::int64_t> latency_ns;
  std::string prev_hash, hash;
};

// Field by field, "name=LENGTH:VALUE\n" in a fixed order, absent (NULL) fields left out, then
// "prev=HASH". Length prefixes make the encoding unambiguous whatever the values hold; leaving
// NULLs out keeps rows written before a column existed verifiable after the migration adding it.
std::string canonical_content(const StoredRow& row);

// The JSON columns as every writer spells them (nlohmann::json's compact form).
std::string tags_json(const std::map<std::string, std::string>& tags);
std::string red_flags_json(const std::vector<std::string>& red_flags);
std::string conditions_json(const std::vector<AuditCondition>& conditions);

StoredRow to_stored(const AuditRow& row);   // JSON columns serialised deterministically
AuditRow from_stored(const StoredRow& row);  // malformed JSON columns are left empty

// SHA-256 with one reusable OpenSSL context (one per thread that hashes).
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

inline std::string row_hash(Sha256& sha, const StoredRow& row) { return sha.hex(canonical_content(row)); }

}  // namespace ardent::store
