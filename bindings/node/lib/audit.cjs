'use strict';
// The audit log: every audited evaluation is queued as a row and written by the library's
// background thread into a hash-chained SQLite file.

const native = require('./native.cjs');
const { check, InvalidArgumentError } = require('./errors.cjs');
const { Handle } = require('./handle.cjs');

const { fn } = native;

// Handles of logs not yet freed. Freeing writes what is still queued, so they are freed when the
// log is garbage-collected and, since finalisers do not run at exit, when the process exits.
const open = new Set();
const free = (handle) => {
  open.delete(handle);
  fn.ardent_audit_free(handle);
};
process.on('exit', () => {
  for (const handle of open) free(handle);
});

// Checked here because koffi takes the process down, instead of throwing, when a value of the
// wrong type reaches a call with out-parameters.
function integer(name, value, min, max) {
  if (typeof value !== 'number') throw new TypeError(`${name} is a number, not ${typeof value}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function text(name, value) {
  if (typeof value !== 'string') throw new TypeError(`${name} is a string, not ${typeof value}`);
  return value;
}

const UINT32_MAX = 0xffffffff;

/**
 * Opens (creating it when missing) the audit log in the file `path`. `synchronous` is how
 * durable a committed row is: 'off', 'normal' or 'full' (every commit fsync'ed). Throws
 * StorageError when the file cannot be opened or created. `sealKey`, the PEM file of an Ed25519
 * private key, seals the log: every batch is committed with a checkpoint signed with it, and
 * `ardent audit verify --sealed --trust PUB.pem` refuses any row that no checkpoint covers.
 */
function openAudit(path, {
  synchronous = 'normal', batchSize = 512, flushIntervalMs = 100, maxPending = 65536, busyTimeoutMs = 5000,
  sealKey = null,
} = {}) {
  text('path', path);
  if (sealKey !== null) text('sealKey', sealKey);
  const opts = {};
  check(fn.ardent_audit_options_init(opts, 2));
  opts.seal_key = sealKey;
  opts.synchronous = native.SYNC_LEVELS.indexOf(synchronous);
  if (opts.synchronous < 0) {
    throw new InvalidArgumentError(`synchronous is 'off', 'normal' or 'full', not ${JSON.stringify(synchronous)}`,
      { status: -4 });
  }
  opts.batch_size = integer('batchSize', batchSize, 1, Number.MAX_SAFE_INTEGER);
  opts.flush_interval_ms = integer('flushIntervalMs', flushIntervalMs, 0, UINT32_MAX);
  opts.max_pending = integer('maxPending', maxPending, 1, Number.MAX_SAFE_INTEGER);
  opts.busy_timeout_ms = integer('busyTimeoutMs', busyTimeoutMs, 0, UINT32_MAX);
  const out = [null];
  check(fn.ardent_audit_open(out, path, opts));
  return new AuditLog(out[0], path);
}

let nativeOf;

/**
 * An open audit log: pass it to ruleSet.evaluate(findings, { audit, context }). Rows are
 * written in the background; flush() waits until they are durable. Close it when done.
 */
class AuditLog {
  #native;

  static {
    // The log's Handle, for evaluate() to take a use of.
    nativeOf = (log) => {
      if (typeof log !== 'object' || log === null || !(#native in log)) {
        throw new TypeError('audit is an AuditLog from openAudit()');
      }
      return log.#native;
    };
  }

  constructor(handle, path) {
    open.add(handle);
    this.#native = new Handle(this, handle, free, 'the audit log has been closed');
    /** The file the log is written to. */
    this.path = path;
  }

  /** Returns once every row recorded before is durable; StorageError when writing failed. */
  flush() {
    this.#native.use((h) => check(fn.ardent_audit_flush(h)));
  }

  /**
   * Appends a checkpoint of the log's head signed with the Ed25519 private key in the PEM file
   * `keyPath`, after committing every row recorded before; returns the row it covers (0 for an
   * empty log). `ardent audit verify --trust PUB.pem` checks it. Call it on a schedule: rows
   * after the latest checkpoint are covered by the hash chain alone.
   */
  checkpoint(keyPath) {
    text('keyPath', keyPath);
    const out = [null];
    this.#native.use((h) => check(fn.ardent_audit_checkpoint(out, h, keyPath)));
    return Number(out[0]);
  }

  /**
   * Flushes, then closes the log (freed even when the flush fails, whose error is then thrown:
   * ardent_audit_free() itself cannot report one). Closing again does nothing. Closed from
   * code an audited evaluate() runs (a getter of its findings), the log is freed once that
   * evaluation is recorded.
   */
  close() {
    if (this.#native.closed) return;
    try {
      this.flush();
    } finally {
      this.#native.close();
    }
  }

  get closed() {
    return this.#native.closed;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  AuditLog.prototype[Symbol.dispose] = AuditLog.prototype.close;
}

const NO_TAGS = Object.freeze({});

/** The ardent_audit_context of evaluate()'s `context` ({ encounterId, userId, tags }), or null. */
function auditContext(context) {
  if (context === null || context === undefined) return null;
  if (typeof context !== 'object') throw new TypeError('context is { encounterId, userId, tags }');
  const { encounterId = '', userId = '', tags = NO_TAGS } = context;
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) {
    throw new TypeError('context.tags is a plain object or a Map of strings');
  }
  const list = [];
  for (const [key, value] of tags instanceof Map ? tags : Object.entries(tags)) {
    if (typeof key !== 'string' || typeof value !== 'string') {
      throw new TypeError(`context.tags: tag ${String(key)} is not a string key with a string value`);
    }
    list.push({ key, value });
  }
  return {
    version: 1,
    encounter_id: text('context.encounterId', encounterId),
    user_id: text('context.userId', userId),
    tag_count: list.length,
    tags: list.length ? list : null,
  };
}

module.exports = { openAudit, AuditLog, nativeOf, auditContext };
