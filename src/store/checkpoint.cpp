// Signed checkpoints of the audit chain's head: made by `ardent audit checkpoint` or a host's
// Audit::checkpoint(), checked by verify_audit().
#include "store/checkpoint.hpp"

#include <fmt/format.h>

#include "store/canonical.hpp"
#include "store/clock.hpp"
#include "store/schema.hpp"

namespace ardent::store {

std::string checkpoint_statement(const Checkpoint& c) {
  std::string out = "ardent-audit-checkpoint 1\n";
  append_field(out, "number", std::to_string(c.number));
  append_field(out, "seq", std::to_string(c.seq));
  append_field(out, "hash", c.hash);
  append_field(out, "time", c.time);
  return out;
}

Checkpoint append_checkpoint(sql::Connection& db, const PrivateKey& key) {
  Checkpoint c;
  {
    sql::Statement head(db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    c.hash = schema::kGenesisHash;
    if (head.step()) {
      c.seq = head.int_at(0);
      c.hash = head.text_at(1);
    }
  }
  c.number = db.scalar_int("SELECT coalesce(max(number), 0) + 1 FROM audit_checkpoint");
  c.time = utc_now();
  c.key_id = key.id();
  c.signature = key.sign(checkpoint_statement(c));
  sql::Statement insert(db,
                        "INSERT INTO audit_checkpoint (number, seq, hash, time, key_id, signature) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, c.number).bind(2, c.seq).bind(3, c.hash).bind(4, c.time).bind(5, c.key_id).bind(6, c.signature);
  insert.run();
  return c;
}

Checkpoint checkpoint_audit(const std::filesystem::path& file, const PrivateKey& key, OpenOptions options) {
  auto db = schema::open(file, options);
  sql::Transaction tx(*db);
  Checkpoint c = append_checkpoint(*db, key);
  tx.commit();
  return c;
}

std::string StoredCheckpoint::wrong_type() const {
  static constexpr const char* kNames[] = {"number", "seq", "hash", "time", "key_id", "signature"};
  for (std::size_t i = 0; i < types.size(); ++i) {
    const sql::Type want = i < 2 ? sql::Type::integer : sql::Type::text;
    if (types[i] != want) return fmt::format("its {} is {}, where Ardent writes {}", kNames[i], sql::to_string(types[i]),
                                             sql::to_string(want));
  }
  return {};
}

std::vector<StoredCheckpoint> read_checkpoints(sql::Connection& db, int version) {
  std::vector<StoredCheckpoint> out;
  if (version < 3) return out;
  sql::Statement s(db, "SELECT number, seq, hash, time, key_id, signature FROM audit_checkpoint ORDER BY number");
  while (s.step()) {
    StoredCheckpoint sc;
    for (std::size_t i = 0; i < sc.types.size(); ++i) sc.types[i] = s.type_at(static_cast<int>(i));
    Checkpoint& c = sc.checkpoint;
    c.number = s.int_at(0);
    c.seq = s.int_at(1);
    c.hash = s.text_at(2);
    c.time = s.text_at(3);
    c.key_id = s.text_at(4);
    c.signature = s.text_at(5);
    out.push_back(std::move(sc));
  }
  return out;
}

}  // namespace ardent::store
