// `ardent audit verify`: SQLite's integrity check, the audit tables against the schema Ardent
// creates, the walk along the hash chain, then the checkpoints against the chain.
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "store/audit_reader.hpp"
#include "store/audit_schema.hpp"
#include "store/checkpoint.hpp"
#include "store/schema.hpp"

namespace ardent::store {

std::string_view to_string(VerifyReport::Problem p) {
  switch (p) {
    case VerifyReport::Problem::none: return "ok";
    case VerifyReport::Problem::altered: return "altered";
    case VerifyReport::Problem::deleted: return "deleted";
    case VerifyReport::Problem::inserted: return "inserted";
    case VerifyReport::Problem::broken: return "broken";
    case VerifyReport::Problem::damaged: return "damaged";
    case VerifyReport::Problem::renumbered: return "renumbered";
    case VerifyReport::Problem::schema: return "schema";
    case VerifyReport::Problem::truncated: return "truncated";
    case VerifyReport::Problem::rewritten: return "rewritten";
    case VerifyReport::Problem::checkpoint: return "checkpoint";
    case VerifyReport::Problem::signature: return "signature";
    case VerifyReport::Problem::unsealed: return "unsealed";
  }
  return "?";
}

namespace {

using Problem = VerifyReport::Problem;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

// A stored value in a message: quoted, and cut short, since a tampered row may hold anything.
std::string excerpt(std::string_view value) {
  constexpr std::size_t kMax = 40;
  std::string out = "'";
  for (unsigned char c : value.substr(0, kMax)) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out + (value.size() > kMax ? "...'" : "'");
}

// "its latency_ns is text ('638 ms (edited)'), where Ardent writes an integer or NULL", or "".
std::string wrong_type(const TypedRow& row) {
  for (std::size_t i = 0; i < row.types.size(); ++i) {
    if (i < kHashedColumns.size() ? type_as_written(i, row.types[i]) : row.types[i] == sql::Type::text) continue;
    const std::string_view name = i < kHashedColumns.size() ? kHashedColumns[i] : std::string_view("hash");
    const char* want = i == 0 ? "an integer" : i == kLatencyColumn ? "an integer or NULL" : "text";
    const Cell c = i < kHashedColumns.size() ? row.cell(i) : Cell{row.types[i], row.row.hash};
    return fmt::format("its {} is {}{}, where Ardent writes {}", name, sql::to_string(c.type),
                       c.type == sql::Type::null ? "" : " (" + excerpt(c.text) + ")", want);
  }
  return {};
}

// "row 8 was" or "rows 8 to 10 were"
std::string rows_from_to(std::int64_t first, std::int64_t last) {
  return first == last ? fmt::format("row {} was", first) : fmt::format("rows {} to {} were", first, last);
}

std::string triggers_changed(const AuditSchemaCheck& schema) {
  return "the audit log's triggers were changed: " + join(schema.triggers) +
         " (they keep the log append-only and chained)";
}

class Verifier {
 public:
  Verifier(const std::filesystem::path& file, const TrustedKeys& trusted, const VerifyOptions& options)
      : reader_(file), trusted_(trusted), options_(options) {}

  VerifyReport run() {
    if (!integrity()) return report_;
    const AuditSchemaCheck schema = check_audit_schema(*reader_.db, reader_.version);
    if (!schema.columns.empty()) {
      fail(Problem::schema, 0, "the audit log's tables were changed: " + join(schema.columns));
      return report_;
    }
    if (!read_format()) return report_;
    checkpoints_ = read_checkpoints(*reader_.db, reader_.version);
    for (const auto& c : checkpoints_) hash_at_[c.checkpoint.seq];  // the walk fills in their hashes
    if (!walk()) {
      if (!schema.triggers.empty()) report_.message += "; besides, " + triggers_changed(schema);
      return report_;
    }
    if (!schema.triggers.empty()) {
      fail(Problem::schema, 0, triggers_changed(schema));
      return report_;
    }
    if (!check_checkpoints()) return report_;
    if (options_.sealed && !check_sealed()) return report_;
    note_old_format();
    report_.message = report_.rows == 0 ? "the audit log is empty"
                                        : fmt::format("{} row{}, chain intact; head: row {} {}", report_.rows,
                                                      report_.rows == 1 ? "" : "s", report_.head_seq, report_.head_hash);
    return report_;
  }

 private:
  bool fail(Problem p, std::int64_t seq, std::string message) {
    report_.problem = p;
    report_.seq = seq;
    report_.message = std::move(message);
    return false;
  }

  bool integrity() {
    sql::Statement check(*reader_.db, "PRAGMA integrity_check(5)");
    std::vector<std::string> lines;
    while (check.step()) lines.push_back(check.text_at(0));
    if (!lines.empty() && lines.front() == "ok") return true;
    return fail(Problem::damaged, 0, "the database file is damaged: " + join(lines));
  }

  // From schema version 3, audit_format holds the first row hashed in format 2; older rows are
  // in format 1. Before version 3, every row is.
  bool read_format() {
    if (reader_.version < 3) return true;
    sql::Statement s(*reader_.db, "SELECT format, since_seq, typeof(format), typeof(since_seq) FROM audit_format");
    int rows = 0;
    bool ok = true;
    while (s.step()) {
      ++rows;
      ok = ok && s.int_at(0) == 2 && s.text_at(2) == "integer" && s.text_at(3) == "integer" && s.int_at(1) >= 1;
      since_ = s.int_at(1);
    }
    if (rows == 1 && ok) return true;
    return fail(Problem::schema, 0,
                "the audit log's format record (table audit_format) was changed: Ardent writes one row saying "
                "from which row on rows are hashed in format 2");
  }

  std::string hash_of(Sha256& sha, const TypedRow& row, bool format2, const std::string* seq = nullptr) const {
    if (!format2) return row_hash_v1(sha, row.row);
    return sha.hex(canonical_content([&](std::size_t i) {
      return i == 0 && seq ? Cell{sql::Type::integer, *seq} : row.cell(i);
    }));
  }

  bool walk() {
    const std::string select = reader_.select() + " ORDER BY seq";
    sql::Statement s(*reader_.db, select.c_str());
    Sha256 sha;
    // The last two good rows: a row that chains to the one before its predecessor shows that its
    // predecessor was inserted.
    std::string expected_prev = schema::kGenesisHash, before_prev;
    std::int64_t prev_seq = 0;
    std::optional<TypedRow> row, next;
    if (s.step()) row = read_typed_row(s);
    while (row) {
      next.reset();
      if (s.step()) next = read_typed_row(s);
      ++report_.rows;
      const StoredRow& r = row->row;
      // Rows are numbered from 1 without gaps (nothing is ever deleted); the format follows the
      // place in the chain, so that renumbering cannot pick the older, weaker rule.
      const std::int64_t expected_seq = prev_seq + 1;
      const bool format2 = expected_seq >= since_;
      if (const std::string wrong = wrong_type(*row); !wrong.empty())
        return fail(Problem::altered, r.seq, fmt::format("row {} was altered: {}", r.seq, wrong));
      const bool content_ok = hash_of(sha, *row, format2) == r.hash;
      if (r.prev_hash != expected_prev) {
        if (prev_seq > 0 && r.prev_hash == before_prev)
          return fail(Problem::inserted, prev_seq,
                      fmt::format("row {} was inserted: row {} follows the row before it", prev_seq, r.seq));
        if (next && next->row.prev_hash == expected_prev)
          return fail(Problem::inserted, r.seq,
                      fmt::format("row {} was inserted: the row after it follows row {}", r.seq, prev_seq));
        if (r.seq > prev_seq + 1)
          return fail(Problem::deleted, prev_seq + 1,
                      r.seq == prev_seq + 2
                          ? fmt::format("row {} was deleted: row {} does not follow row {}", prev_seq + 1, r.seq, prev_seq)
                          : fmt::format("rows {} to {} were deleted: row {} does not follow row {}", prev_seq + 1,
                                        r.seq - 1, r.seq, prev_seq));
        if (!content_ok)
          return fail(Problem::altered, r.seq,
                      fmt::format("row {} was altered: its content does not match its hash", r.seq));
        return fail(Problem::broken, r.seq,
                    prev_seq == 0
                        ? fmt::format("row {} does not start the chain: rows before it were deleted or replaced", r.seq)
                        : fmt::format("row {} does not follow row {}: row {} was replaced, or rows were deleted or "
                                      "inserted between them",
                                      r.seq, prev_seq, prev_seq));
      }
      if (!content_ok) {
        const std::string written_as = std::to_string(expected_seq);
        if (format2 && r.seq != expected_seq && hash_of(sha, *row, true, &written_as) == r.hash)
          return fail(Problem::renumbered, r.seq,
                      fmt::format("row {} was renumbered: it was written as row {}", r.seq, expected_seq));
        return fail(Problem::altered, r.seq,
                    fmt::format("row {} was altered: its content does not match its hash", r.seq));
      }
      if (r.seq != expected_seq)
        return fail(Problem::renumbered, r.seq,
                    fmt::format("row {} was renumbered: rows are numbered from 1 without gaps, so it was written "
                                "as row {}",
                                r.seq, expected_seq));
      if (!format2) ++report_.old_format_rows;
      if (auto it = hash_at_.find(r.seq); it != hash_at_.end()) it->second = r.hash;
      before_prev = std::move(expected_prev);
      expected_prev = r.hash;
      prev_seq = r.seq;
      row = std::move(next);
    }
    report_.head_seq = prev_seq;
    report_.head_hash = prev_seq ? expected_prev : std::string();
    // Format 2 began after the last row when the file was migrated; a log ending before that
    // has lost rows off its end.
    if (since_ != kNever && since_ > prev_seq + 1)
      return fail(Problem::truncated, prev_seq + 1,
                  fmt::format("the log ends at row {}, but rows were written up to row {} before it was migrated to "
                              "schema version 3: {} cut off its end",
                              prev_seq, since_ - 1, rows_from_to(prev_seq + 1, since_ - 1)));
    return true;
  }

  bool check_checkpoints() {
    report_.checkpoints = static_cast<std::int64_t>(checkpoints_.size());
    if (!checkpoints_.empty()) report_.latest = checkpoints_.back().checkpoint;
    std::int64_t expected_number = 1, last_seq = 0;
    for (const StoredCheckpoint& sc : checkpoints_) {
      const Checkpoint& c = sc.checkpoint;
      if (const std::string wrong = sc.wrong_type(); !wrong.empty())
        return fail(Problem::checkpoint, 0, fmt::format("checkpoint {} was altered: {}", c.number, wrong));
      if (c.number != expected_number)
        return fail(Problem::checkpoint, 0,
                    c.number == expected_number + 1
                        ? fmt::format("checkpoint {} was deleted: checkpoint {} follows checkpoint {}", expected_number,
                                      c.number, expected_number - 1)
                        : fmt::format("checkpoints {} to {} were deleted: checkpoint {} follows checkpoint {}",
                                      expected_number, c.number - 1, c.number, expected_number - 1));
      if (!trusted_.empty()) {
        const PublicKey* key = find_key(trusted_, c.key_id);
        if (!key)
          return fail(Problem::signature, 0,
                      fmt::format("checkpoint {} ({}) is signed with key {}, which is not one of the trusted keys",
                                  c.number, c.time, short_key_id(c.key_id)));
        if (!key->verifies(checkpoint_statement(c), c.signature))
          return fail(Problem::signature, 0,
                      fmt::format("the signature of checkpoint {} does not verify with key {} ({}): its number, row, "
                                  "hash or time was changed after signing, or the signature itself was",
                                  c.number, short_key_id(c.key_id), key->file()));
      }
      if (c.seq < last_seq)
        return fail(Problem::checkpoint, 0,
                    fmt::format("checkpoint {} covers row {}, before the row {} of the checkpoint made earlier",
                                c.number, c.seq, last_seq));
      if (c.seq > report_.head_seq)
        return fail(Problem::truncated, report_.head_seq + 1,
                    fmt::format("the log ends at row {}, but checkpoint {} ({}) covers row {}: {} cut off its end",
                                report_.head_seq, c.number, c.time, c.seq, rows_from_to(report_.head_seq + 1, c.seq)));
      const std::string& hash = c.seq == 0 ? std::string(schema::kGenesisHash) : hash_at_.at(c.seq);
      if (hash != c.hash)
        return fail(Problem::rewritten, c.seq,
                    fmt::format("row {} does not match checkpoint {} ({}): the rows up to it were changed and "
                                "re-hashed, or the file was replaced by another log",
                                c.seq, c.number, c.time));
      last_seq = c.seq;
      ++expected_number;
    }
    if (trusted_.empty()) {
      if (!checkpoints_.empty())
        report_.warnings.push_back(fmt::format("the signature{} of {} checkpoint{} {} not checked: no trusted key "
                                               "was given",
                                               checkpoints_.size() == 1 ? "" : "s", checkpoints_.size(),
                                               checkpoints_.size() == 1 ? "" : "s",
                                               checkpoints_.size() == 1 ? "was" : "were"));
      return true;
    }
    if (checkpoints_.empty())
      return fail(Problem::signature, 0,
                  reader_.version < 3
                      ? fmt::format("the log has no checkpoints: schema version {} had none (`ardent audit "
                                    "checkpoint` migrates the file and signs its head)",
                                    reader_.version)
                      : std::string("the log has no checkpoint: nothing signed vouches for it (sign its head with "
                                    "`ardent audit checkpoint --key KEY.pem`)"));
    report_.signatures_verified = true;
    return true;
  }

  // A sealed writer commits each batch with its checkpoint, so the latest checkpoint covers the
  // head; rows after it were added by something else.
  bool check_sealed() {
    const std::int64_t covered = report_.latest ? report_.latest->seq : 0;
    if (report_.head_seq <= covered) return true;
    const std::int64_t first = covered + 1;
    return fail(Problem::unsealed, first,
                fmt::format("{} after the latest checkpoint{}: a sealed log's writer covers every row it commits, so "
                            "{} added behind its back (or by a writer without the seal key)",
                            first == report_.head_seq ? fmt::format("row {} comes", first)
                                                      : fmt::format("rows {} to {} come", first, report_.head_seq),
                            report_.latest ? fmt::format(" (checkpoint {}, of row {})", report_.latest->number, covered) : "",
                            first == report_.head_seq ? "it was" : "they were"));
  }

  void note_old_format() {
    if (reader_.version < 3)
      report_.warnings.push_back(fmt::format(
          "the file has schema version {}: its rows are hashed in format 1, which covers neither the columns' "
          "types nor the row numbers (both were checked on their own), and it holds no checkpoints; Ardent "
          "migrates it when it next writes to it",
          reader_.version));
    else if (report_.old_format_rows > 0)
      report_.warnings.push_back(fmt::format(
          "row{} 1{} {} written before schema version 3, and hashed in format 1, which covers neither the "
          "columns' types nor the row numbers (both were checked on their own)",
          report_.old_format_rows == 1 ? "" : "s",
          report_.old_format_rows == 1 ? "" : fmt::format(" to {}", report_.old_format_rows),
          report_.old_format_rows == 1 ? "was" : "were"));
  }

  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

  AuditReader reader_;
  const TrustedKeys& trusted_;
  VerifyOptions options_;
  VerifyReport report_;
  std::int64_t since_ = kNever;  // the first row hashed in format 2
  std::vector<StoredCheckpoint> checkpoints_;
  std::map<std::int64_t, std::string> hash_at_;  // the hashes of the rows checkpoints cover
};

}  // namespace

VerifyReport verify_audit(const std::filesystem::path& file, const TrustedKeys& trusted,
                          const VerifyOptions& options) {
  return Verifier(file, trusted, options).run();
}

}  // namespace ardent::store
