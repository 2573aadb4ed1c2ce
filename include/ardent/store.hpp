// Storage: a registry of rule-set versions and a tamper-evident audit log, in one SQLite file
// or two (both kinds of table live in the same schema, so a file may hold either or both).
//
// Every failure of the store is an ardent::store::StoreError with a message that names the
// file and says what went wrong; its kind() maps onto the C ABI's codes. Evaluation never
// depends on the store: a host whose audit log fails keeps evaluating and decides what to do.
//
// The C ABI is a thin layer over this header:
//   ardent_registry_open(out, path)              -> std::make_unique<Registry>(path, OpenOptions{.create = false})
//   ardent_registry_open_v2(out, path, options)  -> the same, with load_trusted_keys(options->trusted_keys)
//   ardent_ruleset_from_registry(out, reg, spec) -> reg.load(spec)  ("name@version" | "name@approved")
//   ardent_audit_open(out, path, options)        -> std::make_unique<Audit>(path, AuditOptions{...})
//   ardent_evaluate_audited(out, rs, case, audit, ctx) -> evaluate_audited(case, result, audit, ctx)
//   ardent_audit_flush(audit)                    -> audit.flush()
//   ardent_audit_checkpoint(out, audit, key)     -> audit.checkpoint(PrivateKey::from_pem_file(key))
// and StoreError::kind(): NotFound -> ARDENT_ENOTFOUND, Invalid -> ARDENT_EINVALID, every
// other kind (Untrusted included) -> ARDENT_ESTORAGE.
//
// Durability of the audit log (AuditOptions::synchronous; the file is always in WAL mode):
//   off    — committed rows survive a killed process, not a power loss or OS crash;
//   normal — the same, and the database cannot be corrupted by a power loss (the default);
//   full   — every commit is fsync'ed: a flushed row survives a power loss too.
// flush() returns once every record handed to record() before it is committed.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ardent/case.hpp"
#include "ardent/result.hpp"
#include "ardent/ruleset.hpp"
#include "ardent/signing.hpp"

namespace ardent::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    Open,       // the file cannot be opened or created
    NotArdent,  // an SQLite file of another application, or a file that is not SQLite at all
    Corrupt,    // the file is damaged
    Full,       // disk full or the database's page limit reached
    Busy,       // locked by another connection for longer than the busy timeout
    ReadOnly,   // the file or its directory cannot be written
    Io,         // the operating system failed a read or a write
    Schema,     // written by a newer Ardent, or a migration failed
    NotFound,   // no such rule-set version
    Conflict,   // different content under an existing version; a forbidden status change
    Invalid,    // bad argument (a malformed spec or JSON, a file that holds no key); stored sources that do not compile; a closed Audit
    Untrusted,  // with trusted keys: a signature missing, made by a key not trusted, or not verifying
    Internal,
  };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// How long a writer waits for a lock held by another connection or process before failing with
// Kind::Busy. `max_page_count` (0 = SQLite's default) caps the file's size in pages.
struct OpenOptions {
  std::chrono::milliseconds busy_timeout{5000};
  std::uint32_t max_page_count = 0;
  bool create = true;  // false: a missing file is Kind::Open instead of a new database
};

// The schema version this build writes (PRAGMA user_version). Older files are migrated on open.
int schema_version();

// ---- rule-set sources ---------------------------------------------------------------------

// Reads a rule set as the compiler does (a directory: every *.ard below it, through symlinked
// folders, sorted by path; or one .ard file) with paths relative to the rule-set root
// ("redflags.ard", "sub/x.ard"). Throws StoreError(Open) when a file cannot be read, when a
// symlink loops or leads nowhere, or when the directory holds no .ard files.
std::vector<SourceText> read_sources(const std::filesystem::path& root);

// ---- registry -----------------------------------------------------------------------------

enum class Status { draft, approved, retired };
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);

struct RulesetVersion {
  std::int64_t id = 0;
  std::string name, version;
  std::string hash;             // Ruleset::hash() of the stored sources
  int dsl_version = 0;
  std::string engine_version;   // the engine that published it
  Status status = Status::draft;
  std::string author;
  std::string published_at;     // UTC, ISO 8601 ("2025-03-01T09:30:00.000000Z")
  std::string approved_by, approved_at;  // empty unless approved (or approved, then retired)
  std::string retired_by, retired_at;
  // Signatures (base64) of the approval and of the retirement, with their keys' ids; empty when
  // unsigned. What is signed: status_statement().
  std::string approval_key, approval_signature;
  std::string retirement_key, retirement_signature;
  std::vector<std::string> files;  // relative paths of the stored sources, sorted
};

struct PublishOptions {
  Status status = Status::draft;  // approved: the same checks as Registry::approve
  std::string author;
  std::optional<PrivateKey> key = std::nullopt;  // with status approved: signs the approval
};

struct PublishResult {
  bool unchanged = false;  // identical content was already published under this version
  RulesetVersion version;
};

// Why a version can or cannot be approved: it must compile without errors, hold at least one
// `test` block, and every one of them must pass.
struct ApprovalCheck {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;  // compile errors and warnings
  std::size_t tests = 0, failed = 0;
  std::string report;                   // human-readable: the errors or the failed tests
};
ApprovalCheck check_for_approval(std::vector<SourceText> sources);

// The byte string an approval (status approved) or a retirement (status retired) of `v` signs:
//   ardent-ruleset-status 1\n
//   name=LENGTH:VALUE\n  version=...  hash=...  status=...  by=...  at=...   (one field a line)
// with by/at the approver and time, or the retirer and time. docs/store.md gives it in full.
std::string status_statement(const RulesetVersion& v, Status status);

// A connection to a registry file. Methods are serialised internally: one Registry may be
// shared between threads. "spec" is "name@version" or "name@approved" (the approved version
// with the highest version number, numeric parts compared as numbers: 1.10.0 > 1.9.2).
//
// With trusted keys, compile() and load() refuse (Kind::Untrusted, naming the version and why)
// a version that is not approved, was retired, or whose approval is unsigned, signed by a key
// not trusted, or signed over other content than the version holds now. Without, they load as
// they always did, and verifies_approvals() says so.
class Registry {
 public:
  explicit Registry(const std::filesystem::path& file, OpenOptions options = {}, TrustedKeys trusted = {});
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Compiles the sources (errors: Kind::Invalid with the diagnostics in the message) and stores
  // them. Identical content under an existing version is a no-op (unchanged = true); different
  // content under an existing version is refused (Kind::Conflict), whatever its status.
  PublishResult publish(std::vector<SourceText> sources, const PublishOptions& options);

  std::vector<RulesetVersion> list(std::string_view name = {}) const;  // by name, then version
  RulesetVersion find(std::string_view spec) const;                     // Kind::NotFound
  std::vector<SourceText> sources(std::string_view spec) const;

  // draft -> approved (requires check_for_approval; failure is Kind::Conflict with its report),
  // draft|approved -> retired. Anything else is Kind::Conflict.
  // With a key, the status change is signed (status_statement) and the signature stored.
  RulesetVersion approve(std::string_view spec, const std::string& by, const PrivateKey* key = nullptr);
  RulesetVersion retire(std::string_view spec, const std::string& by, const PrivateKey* key = nullptr);

  // Compiles the stored sources under `limits`; store problems throw, compile problems are in
  // the output. A ruleset whose hash differs from the recorded one is refused (Kind::Corrupt).
  CompileOutput compile(std::string_view spec, const Limits& limits = {}) const;
  // As compile(), but errors in the stored sources throw Kind::Invalid.
  RulesetPtr load(std::string_view spec) const;

  const std::filesystem::path& file() const;
  // True when loading checks approvals against trusted keys; false: approvals are not verified.
  bool verifies_approvals() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Rule sets named on the command line as "db:FILE:name@version" or "db:FILE:name@approved".
struct RegistrySpec {
  std::filesystem::path file;
  std::string spec;
};
std::optional<RegistrySpec> parse_registry_spec(std::string_view text);  // nullopt: no "db:" prefix
// Opens FILE (never creating it) and compiles the version: what the CLI's load_rules calls.
// Throws StoreError for store problems (a malformed spec is Kind::Invalid) and, with trusted
// keys, for a version whose approval does not verify (Kind::Untrusted). Compiles under `limits`.
CompileOutput compile_from_registry(const RegistrySpec& spec, const TrustedKeys& trusted = {},
                                    const Limits& limits = {});

// ---- audit log ----------------------------------------------------------------------------

enum class Synchronous { off, normal, full };
std::optional<Synchronous> parse_synchronous(std::string_view s);

struct AuditOptions : OpenOptions {
  Synchronous synchronous = Synchronous::normal;
  std::size_t batch_size = 512;                      // rows per transaction at most
  std::chrono::milliseconds flush_interval{100};     // after a pause, how long a batch may wait to fill
  std::size_t max_pending = 65536;                   // record() blocks while this many wait
  // A sealed log: every batch is committed together with a checkpoint of its last row, signed
  // with this key, so that every row the writer commits is covered. `verify_audit` with
  // `sealed` then refuses any row that no checkpoint covers (one added behind the writer's back).
  std::optional<PrivateKey> seal_key = std::nullopt;
};

// Who asked, as the host knows it.
struct AuditContext {
  std::string encounter_id;
  std::string user_id;
  std::map<std::string, std::string> tags;  // free-form, e.g. {"site": "north", "app": "ed-triage"}
};

struct AuditCondition {
  std::string id;
  std::string status;  // suggested | considered | excluded
};

// One evaluation, as handed to Audit::record.
struct AuditEntry {
  AuditContext context;
  std::string ruleset_name, ruleset_version, ruleset_hash;
  std::string engine_version = kEngineVersion;
  std::string findings = "{}";  // JSON object: {"fever": true, "age": 54, "pain_peak": "constant", "x": null}
  std::string triage;
  std::vector<std::string> red_flags;  // ids, most urgent first
  std::vector<AuditCondition> conditions;
  std::optional<std::chrono::nanoseconds> latency;
  std::optional<std::chrono::system_clock::time_point> time;  // default: when record() is called
};

// A stored row.
struct AuditRow {
  std::int64_t seq = 0;
  std::string time;  // UTC, ISO 8601 with microseconds
  AuditContext context;
  std::string ruleset_name, ruleset_version, ruleset_hash, engine_version;
  std::string findings;    // JSON object text as recorded
  std::string triage;
  std::vector<std::string> red_flags;
  std::vector<AuditCondition> conditions;
  std::optional<std::int64_t> latency_ns;  // absent in rows written before schema version 2
  std::string prev_hash, hash;
};

struct Checkpoint;  // below, with checkpoint_audit()

// The given and unknown findings of a case as a JSON object (not-asked findings are left out;
// durations in days, as Case::set_json reads them back).
std::string findings_json(const Case& c);

// An audit log open for appending. record() only queues: a background thread writes batches,
// each in one BEGIN IMMEDIATE transaction that reads the chain's head inside it, so several
// processes may append to one file and the chain stays whole. A failed write fails the Audit:
// from then on record() and flush() throw that error (its kind: Full, Busy, Io, ...) saying how
// many records were not written; nothing is dropped silently. Open a new Audit once the cause
// is fixed.
class Audit {
 public:
  explicit Audit(const std::filesystem::path& file, AuditOptions options = {});
  ~Audit();  // writes everything still queued (errors are lost here: call close() to see them)
  Audit(const Audit&) = delete;
  Audit& operator=(const Audit&) = delete;

  // Queues one row and returns its ticket (1, 2, ...). Throws Kind::Invalid for findings that are
  // not a JSON object, and the writer's error once it has failed. Thread-safe; blocks only
  // while max_pending records wait to be written.
  std::uint64_t record(AuditEntry entry);
  // The same for an evaluation: the caller's thread only copies the case's values and the
  // outcome's indices; names and JSON are made on the writer thread, so this costs the caller
  // far less than building an AuditEntry.
  std::uint64_t record(const Case& c, const Result& r, const AuditContext& context,
                       std::optional<std::chrono::nanoseconds> latency = std::nullopt);
  // Returns once every record queued before the call is committed; throws the writer's error.
  void flush();
  // flush(), then stops the writer. Further record() calls throw.
  void close();

  std::uint64_t durable_ticket() const;  // every ticket up to this one is committed
  const std::filesystem::path& file() const;

  // flush(), then checkpoint_audit() on this file: a host checkpoints on a schedule this way.
  // Throws the writer's error, or checkpoint_audit()'s.
  Checkpoint checkpoint(const PrivateKey& key);

 private:
  struct Writer;
  std::unique_ptr<Writer> writer_;
};

// ---- reading and checking the audit log --------------------------------------------------

struct AuditQuery {
  std::optional<std::string> encounter_id;
  std::optional<std::string> since;    // UTC ISO 8601 prefix: "2025-03-01" or "2025-03-01T09:30"
  std::optional<std::string> red_flag;
  std::optional<std::size_t> limit;
};
// Rows in log order. Throws Kind::Invalid for a malformed `since`.
void query_audit(const std::filesystem::path& file, const AuditQuery& query,
                 const std::function<void(const AuditRow&)>& each);
std::vector<AuditRow> query_audit(const std::filesystem::path& file, const AuditQuery& query = {});

// ---- checkpoints: the chain's head, signed -----------------------------------------------

// A signed statement that the log's chain reached row `seq` with hash `hash` at `time`.
// Checkpoints are numbered from 1 in the order they were made. What is signed:
//   ardent-audit-checkpoint 1\n
//   number=LENGTH:VALUE\n  seq=...  hash=...  time=...   (one field a line)
struct Checkpoint {
  std::int64_t number = 0;
  std::int64_t seq = 0;   // the head row when it was made; 0 for an empty log
  std::string hash;       // that row's hash (64 zeros for an empty log)
  std::string time;       // UTC, ISO 8601 with microseconds
  std::string key_id;     // the signing key's id
  std::string signature;  // base64
};
std::string checkpoint_statement(const Checkpoint& c);

// Appends a checkpoint of the head, signed with `key`, in one transaction with the read of the
// head. A writer: an older file is migrated first. By default the file must exist.
Checkpoint checkpoint_audit(const std::filesystem::path& file, const PrivateKey& key,
                            OpenOptions options = {.create = false});

// ---- reading and checking the audit log --------------------------------------------------

struct VerifyReport {
  enum class Problem {
    none,
    altered,     // a row's content (a value, or a value's type) no longer matches its hash
    deleted,     // rows missing from the chain
    inserted,    // a row that the chain does not link in
    broken,      // the chain does not go on from a row (replaced, or rows deleted and inserted)
    damaged,     // SQLite's integrity check failed
    renumbered,  // a row's number is not the one it was written with
    schema,      // the audit tables or their triggers differ from what Ardent creates
    truncated,   // rows that a checkpoint covers were cut off the end
    rewritten,   // the chain no longer reaches a checkpoint's hash: history changed and re-hashed
    checkpoint,  // a checkpoint itself was altered, deleted or reordered
    signature,   // with trusted keys: a checkpoint not signed by one, or no checkpoint at all
    unsealed,    // verified as sealed: rows after the latest checkpoint, which its writer never leaves
  };
  Problem problem = Problem::none;
  std::int64_t rows = 0;        // rows read
  std::int64_t seq = 0;         // the first row found wrong (0 when none, or not a row's fault)
  std::int64_t head_seq = 0;    // the last row, when the chain is intact
  std::string head_hash;        // note it elsewhere: only a checkpoint anchors the head
  std::string message;
  std::vector<std::string> warnings;  // what was verified with less than the current rules
  // Rows written before schema version 3 (rows 1 to old_format_rows) are hashed in format 1,
  // which covers neither types nor row numbers: verified by that rule, and reported.
  std::int64_t old_format_rows = 0;
  std::int64_t checkpoints = 0;
  std::optional<Checkpoint> latest;  // the latest checkpoint, when there is one
  bool signatures_verified = false;  // every checkpoint's signature checked against a trusted key
  bool ok() const { return problem == Problem::none; }
};
std::string_view to_string(VerifyReport::Problem p);
// Runs SQLite's integrity check, compares the audit tables and triggers with the ones Ardent
// creates, walks the chain from the first row, then checks the checkpoints against it. With
// trusted keys, every checkpoint must be signed by one of them and there must be at least one.
struct VerifyOptions {
  // The log was written sealed (AuditOptions::seal_key): a row after the latest checkpoint is
  // tampering, not a row still waiting for the next checkpoint. Give trusted keys with it, or a
  // forged checkpoint would cover a forged row.
  bool sealed = false;
};
VerifyReport verify_audit(const std::filesystem::path& file, const TrustedKeys& trusted = {},
                          const VerifyOptions& options = {});

// The row's hash as a writer computes it now (format 2: every column with its type, and the row
// number), SHA-256 in lower-case hex.
std::string audit_row_hash(const AuditRow& row);

// ---- evaluation with an audit record ---------------------------------------------------

// The row for one evaluation: the case's findings, the outcome by name, the rule set's provenance.
// For hosts that want to add to it before record(); Audit::record(case, result, ...) is cheaper.
AuditEntry audit_entry(const Case& c, const Result& r, const AuditContext& context,
                       std::optional<std::chrono::nanoseconds> latency = std::nullopt);
// Evaluates as ardent::evaluate does, then queues the row (Audit::record(case, result, ...)) with
// the evaluation's latency and returns its ticket. `out` holds the result even when the audit
// throws.
std::uint64_t evaluate_audited(const Case& c, Result& out, Audit& audit, const AuditContext& context);

}  // namespace ardent::store
