// Checkpoints of the audit chain as they are stored, for verification.
#pragma once

#include <array>
#include <vector>

#include "ardent/store.hpp"
#include "store/sqlite.hpp"

namespace ardent::store {

struct StoredCheckpoint {
  Checkpoint checkpoint;
  // Storage classes of number, seq, hash, time, key_id, signature: a writer stores two
  // integers, then text.
  std::array<sql::Type, 6> types{};
  std::string wrong_type() const;  // the first column stored as another type, or ""
};

// Appends a checkpoint of the head, signed with `key`, inside the caller's transaction.
Checkpoint append_checkpoint(sql::Connection& db, const PrivateKey& key);

// Every checkpoint, by number (none before schema version 3).
std::vector<StoredCheckpoint> read_checkpoints(sql::Connection& db, int version);

}  // namespace ardent::store
