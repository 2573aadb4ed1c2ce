// The schema, version by version. Append a migration for every change; never edit one.
#include <array>

#include "store/schema.hpp"

namespace ardent::store::schema {

namespace {

// Version 1: the registry and the audit log, both guarded by triggers: published sources and
// audit rows cannot be changed or deleted, a version's status only moves forward, and a new
// audit row must name the current head of the chain as its predecessor.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE ruleset_version (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  version        TEXT NOT NULL,
  hash           TEXT NOT NULL,
  dsl_version    INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
  author         TEXT NOT NULL,
  published_at   TEXT NOT NULL,
  approved_by    TEXT,
  approved_at    TEXT,
  retired_by     TEXT,
  retired_at     TEXT,
  UNIQUE (name, version)
);

CREATE TABLE ruleset_source (
  ruleset_id INTEGER NOT NULL REFERENCES ruleset_version (id),
  path       TEXT NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (ruleset_id, path)
) WITHOUT ROWID;

CREATE TRIGGER ruleset_version_no_delete BEFORE DELETE ON ruleset_version
BEGIN SELECT RAISE(ABORT, 'a published rule-set version cannot be deleted'); END;

CREATE TRIGGER ruleset_version_immutable
BEFORE UPDATE OF id, name, version, hash, dsl_version, engine_version, author, published_at ON ruleset_version
BEGIN SELECT RAISE(ABORT, 'a published rule-set version cannot be changed'); END;

CREATE TRIGGER ruleset_version_status BEFORE UPDATE OF status ON ruleset_version
WHEN NOT ((OLD.status = 'draft' AND NEW.status IN ('approved', 'retired'))
       OR (OLD.status = 'approved' AND NEW.status = 'retired'))
BEGIN SELECT RAISE(ABORT, 'this status change is not allowed'); END;

CREATE TRIGGER ruleset_source_no_update BEFORE UPDATE ON ruleset_source
BEGIN SELECT RAISE(ABORT, 'published sources cannot be changed'); END;

CREATE TRIGGER ruleset_source_no_delete BEFORE DELETE ON ruleset_source
BEGIN SELECT RAISE(ABORT, 'published sources cannot be deleted'); END;

CREATE TABLE audit_log (
  seq             INTEGER PRIMARY KEY,
  time            TEXT NOT NULL,
  encounter_id    TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  tags            TEXT NOT NULL,
  ruleset_name    TEXT NOT NULL,
  ruleset_version TEXT NOT NULL,
  ruleset_hash    TEXT NOT NULL,
  engine_version  TEXT NOT NULL,
  findings        TEXT NOT NULL,
  triage          TEXT NOT NULL,
  red_flags       TEXT NOT NULL,
  conditions      TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
WHEN NEW.prev_hash IS NOT COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'an audit row must follow the head of the chain'); END;
)sql";

// Version 2: the evaluation's latency, and indexes for the queries of `ardent audit query`.
constexpr const char* kVersion2 = R"sql(
ALTER TABLE audit_log ADD COLUMN latency_ns INTEGER;
CREATE INDEX audit_log_by_encounter ON audit_log (encounter_id, seq);
CREATE INDEX audit_log_by_time ON audit_log (time);
)sql";

// Version 3: tamper evidence (docs/store.md, "Threat model").
// - Audit rows are hashed in format 2 (every column with its SQLite type, and the row number);
//   audit_format records the first row of that format, so that rows written before the
//   migration keep being verified by the rule they were written with, and no later row can be.
// - A new row must take the number after the head's (the writer binds it, as it is hashed).
// - Signed checkpoints of the chain's head, numbered from 1, each covering the head when made.
// - Signatures of approvals and retirements in the registry; a recorded approval or
//   retirement cannot be changed.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE audit_format (
  format    INTEGER NOT NULL,
  since_seq INTEGER NOT NULL
);
INSERT INTO audit_format (format, since_seq) SELECT 2, coalesce(max(seq), 0) + 1 FROM audit_log;

CREATE TRIGGER audit_format_no_insert BEFORE INSERT ON audit_format
BEGIN SELECT RAISE(ABORT, 'the audit log''s format is fixed'); END;

CREATE TRIGGER audit_format_no_update BEFORE UPDATE ON audit_format
BEGIN SELECT RAISE(ABORT, 'the audit log''s format is fixed'); END;

CREATE TRIGGER audit_format_no_delete BEFORE DELETE ON audit_format
BEGIN SELECT RAISE(ABORT, 'the audit log''s format is fixed'); END;

CREATE TRIGGER audit_log_numbered BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_log), 0) + 1
BEGIN SELECT RAISE(ABORT, 'an audit row must take the number after the head of the chain'); END;

CREATE TABLE audit_checkpoint (
  number    INTEGER PRIMARY KEY,
  seq       INTEGER NOT NULL,
  hash      TEXT NOT NULL,
  time      TEXT NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);

CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;

CREATE TRIGGER audit_checkpoint_of_head BEFORE INSERT ON audit_checkpoint
WHEN NEW.number IS NOT coalesce((SELECT max(number) FROM audit_checkpoint), 0) + 1
  OR NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_log), 0)
  OR NEW.hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                              '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'a checkpoint must cover the head of the chain'); END;

ALTER TABLE ruleset_version ADD COLUMN approval_key TEXT;
ALTER TABLE ruleset_version ADD COLUMN approval_signature TEXT;
ALTER TABLE ruleset_version ADD COLUMN retirement_key TEXT;
ALTER TABLE ruleset_version ADD COLUMN retirement_signature TEXT;

CREATE TRIGGER ruleset_version_approval_kept
BEFORE UPDATE OF approved_by, approved_at, approval_key, approval_signature ON ruleset_version
WHEN OLD.approved_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a recorded approval cannot be changed'); END;

CREATE TRIGGER ruleset_version_retirement_kept
BEFORE UPDATE OF retired_by, retired_at, retirement_key, retirement_signature ON ruleset_version
WHEN OLD.retired_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a recorded retirement cannot be changed'); END;
)sql";

constexpr std::array<Migration, 3> kMigrations{{{1, kVersion1}, {2, kVersion2}, {3, kVersion3}}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace ardent::store::schema
