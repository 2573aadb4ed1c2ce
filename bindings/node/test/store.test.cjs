'use strict';
// The registry and the audit log. Registries are published, and audit rows read back, with the
// command-line tool ($ARDENT_CLI, set by CTest); without it those tests are skipped.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const ardent = require('ardent');
const { MINI_HIP, OVERLOAD } = require('./support.cjs');

const CLI = process.env.ARDENT_CLI;
const needsCli = CLI ? {} : {
  skip: 'ARDENT_CLI is not set: publishing a registry and reading audit rows need the ardent tool',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-node-store-'));
const REGISTRY = path.join(dir, 'registry.db');
const COLON_REGISTRY = path.join(dir, 'site:north.db'); // db:FILE:SPEC splits at the last ':'
const compiled = ardent.compile(MINI_HIP);

const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  if (!CLI) return;
  for (const db of [REGISTRY, COLON_REGISTRY]) {
    cli('publish', MINI_HIP, '--db', db, '--status', 'approved', '--author', 'node-test');
  }
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a registry loads a version by number and the approved one', needsCli, () => {
  const registry = ardent.openRegistry(REGISTRY);
  assert.ok(registry instanceof ardent.Registry);
  assert.equal(registry.path, REGISTRY);
  const byVersion = registry.load('mini_hip@0.3.0');
  const approved = registry.load('mini_hip@approved');
  registry.close();
  registry.close();
  assert.equal(registry.closed, true);
  assert.throws(() => registry.load('mini_hip@approved'), ardent.InvalidArgumentError);
  for (const rs of [byVersion, approved]) { // usable after the registry is closed
    assert.ok(rs instanceof ardent.RuleSet);
    assert.deepEqual([rs.name, rs.version, rs.hash], [compiled.name, compiled.version, compiled.hash]);
    assert.equal(rs.evaluate(OVERLOAD).json(), compiled.evaluate(OVERLOAD).json());
    assert.equal(rs.evaluate({ saddle_numbness: true }).triage, 'emergency');
  }
});

test("compile('db:FILE:SPEC') loads from a registry, as the command-line tool does", needsCli, () => {
  const rs = ardent.compile(`db:${REGISTRY}:mini_hip@approved`);
  assert.equal(rs.hash, compiled.hash);
  assert.equal(rs.evaluate(OVERLOAD).json(), compiled.evaluate(OVERLOAD).json());
  assert.equal(ardent.compile(`db:${COLON_REGISTRY}:mini_hip@0.3.0`).hash, compiled.hash);
  assert.throws(() => ardent.compile(`db:${REGISTRY}:mini_hip@approved`, { werror: true }),
    ardent.InvalidArgumentError);
});

test('a missing version is a NotFoundError, a malformed spec an InvalidArgumentError', needsCli, () => {
  const registry = ardent.openRegistry(REGISTRY);
  assert.throws(() => registry.load('mini_hip@9.9.9'),
    (e) => e instanceof ardent.NotFoundError && /9\.9\.9/.test(e.message));
  assert.throws(() => registry.load('other@approved'), ardent.NotFoundError);
  assert.throws(() => registry.load('mini_hip'), ardent.InvalidArgumentError);
  assert.throws(() => registry.load(42), TypeError);
  registry.close();
  assert.throws(() => ardent.compile(`db:${REGISTRY}:mini_hip@9.9.9`), ardent.NotFoundError);
  assert.throws(() => ardent.compile(`db:${REGISTRY}:mini hip`), ardent.InvalidArgumentError);
  assert.throws(() => ardent.compile(`db:${REGISTRY}`), (e) => e instanceof ardent.InvalidArgumentError &&
    /names no rule-set version/.test(e.message));
});

test('a registry file that does not exist is a StorageError', () => {
  const missing = path.join(dir, 'missing.db');
  assert.throws(() => ardent.openRegistry(missing),
    (e) => e instanceof ardent.StorageError && e.code === 'ARDENT_ESTORAGE');
  assert.throws(() => ardent.compile(`db:${missing}:mini_hip@approved`), ardent.StorageError);
  assert.equal(fs.existsSync(missing), false); // never created
  assert.throws(() => ardent.openRegistry(null), TypeError);
});

test('audited evaluations are recorded with their context', needsCli, () => {
  const file = path.join(dir, 'audit.db');
  const log = ardent.openAudit(file, { synchronous: 'full', batchSize: 2 });
  assert.ok(log instanceof ardent.AuditLog);
  const cases = [
    [{ saddle_numbness: true, age: 40 },
      { encounterId: 'E1', userId: 'dr.lee', tags: { site: 'north', ward: '3' } }],
    [OVERLOAD, { encounterId: 'E2', userId: 'dr.kim', tags: new Map([['site', 'south']]) }],
    [{ fever: false }, null],
  ];
  const triages = cases.map(([findings, context]) => {
    const result = compiled.evaluate(findings, { audit: log, context });
    assert.equal(result.json(), compiled.evaluate(findings).json());
    return result.triage;
  });
  assert.deepEqual(triages, ['emergency', 'self_care', 'routine']);
  log.flush();
  const rows = cli('audit', 'query', '--db', file, '--json').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(rows.map((r) => [r.encounter_id, r.user_id, r.tags, r.triage]), [
    ['E1', 'dr.lee', { site: 'north', ward: '3' }, 'emergency'],
    ['E2', 'dr.kim', { site: 'south' }, 'self_care'],
    ['', '', {}, 'routine'],
  ]);
  assert.deepEqual(rows.map((r) => r.findings), cases.map(([findings]) => findings));
  assert.deepEqual(rows[0].red_flags, ['cauda_equina']);
  assert.deepEqual(rows[0].ruleset, { name: 'mini_hip', version: '0.3.0', hash: compiled.hash });
  log.close();
  log.close();
  assert.equal(log.closed, true);
  assert.equal(spawnSync(CLI, ['audit', 'verify', '--db', file]).status, 0);
});

test('audit options, contexts and closed logs are checked', () => {
  const log = ardent.openAudit(path.join(dir, 'checks.db'));
  const audited = (context) => () => compiled.evaluate({}, { audit: log, context });
  assert.throws(() => compiled.evaluate({}, { audit: log, maxAsk: 2 }),
    (e) => e instanceof ardent.InvalidArgumentError && /maxAsk/.test(e.message));
  assert.throws(audited({ tags: { site: 3 } }), TypeError);
  assert.throws(audited({ tags: new Map([[1, 'x']]) }), TypeError);
  assert.throws(audited({ tags: ['site'] }), TypeError);
  assert.throws(audited({ encounterId: 7 }), TypeError);
  assert.throws(audited('E1'), TypeError);
  assert.throws(() => compiled.evaluate({}, { context: { encounterId: 'E1' } }), ardent.InvalidArgumentError);
  assert.throws(() => compiled.evaluate({}, { audit: {} }), TypeError);
  assert.equal(audited({ encounterId: 'E1' })().triage, 'routine');
  log.close();
  log.close();
  assert.throws(audited(null), ardent.InvalidArgumentError);
  assert.throws(() => log.flush(), ardent.InvalidArgumentError);
  const file = path.join(dir, 'options.db');
  assert.throws(() => ardent.openAudit(file, { synchronous: 'sometimes' }), ardent.InvalidArgumentError);
  assert.throws(() => ardent.openAudit(file, { batchSize: 0 }), RangeError);
  assert.throws(() => ardent.openAudit(file, { maxPending: 1.5 }), RangeError);
  assert.throws(() => ardent.openAudit(file, { flushIntervalMs: '5' }), TypeError);
  for (const synchronous of ['off', 'normal', 'full']) {
    ardent.openAudit(file, { synchronous, busyTimeoutMs: 0 }).close();
  }
});

test('an audit log in a missing directory is a StorageError', () => {
  assert.throws(() => ardent.openAudit(path.join(dir, 'no', 'such', 'audit.db')),
    (e) => e instanceof ardent.StorageError && e.code === 'ARDENT_ESTORAGE');
});

test('the ES module entry exports the registry and the audit log', async () => {
  const esm = await import('ardent');
  for (const name of ['openRegistry', 'Registry', 'openAudit', 'AuditLog']) assert.equal(esm[name], ardent[name]);
});

// ---- signatures: keys made at test time with node:crypto, written as PEM files ----------------

const crypto = require('node:crypto');

function keyPair(name) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const key = path.join(dir, `${name}.pem`);
  const pub = path.join(dir, `${name}.pub.pem`);
  fs.writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

test('a signed approval loads with its trusted key, and only with it', needsCli, () => {
  const lead = keyPair('lead');
  const other = keyPair('other');
  const db = path.join(dir, 'signed.db');
  cli('publish', MINI_HIP, '--db', db, '--status', 'approved', '--key', lead.key);

  const trusting = ardent.openRegistry(db, { trust: [lead.pub] });
  assert.equal(trusting.verifiesApprovals, true);
  assert.equal(trusting.load('mini_hip@approved').hash, compiled.hash);
  trusting.close();
  assert.equal(ardent.compile(`db:${db}:mini_hip@0.3.0`, { trust: [other.pub, lead.pub] }).hash, compiled.hash);

  const wrong = ardent.openRegistry(db, { trust: [other.pub] });
  assert.throws(() => wrong.load('mini_hip@approved'),
    (e) => e instanceof ardent.StorageError && /mini_hip@0\.3\.0 is refused: its approval is signed with key/.test(e.message));
  wrong.close();
  assert.throws(() => ardent.compile(`db:${REGISTRY}:mini_hip@approved`, { trust: [lead.pub] }),
    (e) => e instanceof ardent.StorageError && /is not signed/.test(e.message)); // approved without a key

  const plain = ardent.openRegistry(db);
  assert.equal(plain.verifiesApprovals, false);
  plain.load('mini_hip@approved');
  plain.close();
});

test('trusted keys that cannot be used', () => {
  const lead = keyPair('lead-bad');
  const db = path.join(dir, 'trust-checks.db');
  ardent.openAudit(db).close(); // an Ardent file with an empty registry
  assert.throws(() => ardent.openRegistry(db, { trust: [lead.key] }),
    (e) => e instanceof ardent.InvalidArgumentError && /holds a private key/.test(e.message));
  assert.throws(() => ardent.openRegistry(db, { trust: [path.join(dir, 'none.pub.pem')] }), ardent.StorageError);
  assert.throws(() => ardent.openRegistry(db, { trust: lead.pub }), TypeError);
  assert.throws(() => ardent.openRegistry(db, { trust: [3] }), TypeError);
  assert.throws(() => ardent.compile(MINI_HIP, { trust: [lead.pub] }), ardent.InvalidArgumentError);
});

test('checkpoints sign the head of the audit log', needsCli, () => {
  const host = keyPair('host');
  const file = path.join(dir, 'checkpointed.db');
  const log = ardent.openAudit(file);
  assert.equal(log.checkpoint(host.key), 0);
  compiled.evaluate(OVERLOAD, { audit: log });
  compiled.evaluate(OVERLOAD, { audit: log });
  assert.equal(log.checkpoint(host.key), 2); // the queued rows are committed first
  assert.throws(() => log.checkpoint(host.pub),
    (e) => e instanceof ardent.InvalidArgumentError && /no Ed25519 private key/.test(e.message));
  assert.throws(() => log.checkpoint(7), TypeError);
  log.close();
  assert.throws(() => log.checkpoint(host.key), ardent.InvalidArgumentError);
  const verified = spawnSync(CLI, ['audit', 'verify', '--db', file, '--trust', host.pub], { encoding: 'utf8' });
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /2 checkpoints, signatures verified/);
});

test('a sealed audit log covers every row', needsCli, () => {
  const host = keyPair('host');
  const file = path.join(dir, 'sealed.db');
  let log = ardent.openAudit(file, { sealKey: host.key });
  compiled.evaluate(OVERLOAD, { audit: log });
  compiled.evaluate(OVERLOAD, { audit: log });
  log.close();
  const verify = ['audit', 'verify', '--sealed', '--db', file, '--trust', host.pub];
  assert.equal(spawnSync(CLI, verify, { encoding: 'utf8' }).status, 0);
  log = ardent.openAudit(file); // a writer without the seal
  compiled.evaluate(OVERLOAD, { audit: log });
  log.close();
  const refused = spawnSync(CLI, verify, { encoding: 'utf8' });
  assert.equal(refused.status, 1, refused.stdout);
  assert.match(refused.stderr, /row 3 comes after the latest checkpoint/);
  assert.throws(() => ardent.openAudit(file, { sealKey: host.pub }),
    (e) => e instanceof ardent.InvalidArgumentError && /no Ed25519 private key/.test(e.message));
  assert.throws(() => ardent.openAudit(file, { sealKey: 7 }), TypeError);
});
