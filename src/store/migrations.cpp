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

constexpr std::array<Migration, 2> kMigrations{{{1, kVersion1}, {2, kVersion2}}};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace ardent::store::schema
