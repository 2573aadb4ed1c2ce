'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const ardent = require('ardent');
const { MINI_HIP } = require('./support.cjs');

const BROKEN = `ruleset broken version "1.0.0"
finding fever: bool
condition flu
rule r: fevr -> suggest flu
`;

test('compiles a file and reads the header', () => {
  const rs = ardent.compile(MINI_HIP);
  assert.equal(rs.name, 'mini_hip');
  assert.equal(rs.version, '0.3.0');
  assert.equal(rs.title, 'Mini posterior hip triage');
  assert.equal(rs.defaultTriage, 'routine');
  assert.match(rs.hash, /^[0-9a-f]{64}$/);
  assert.equal(rs.testCount, 2);
  assert.deepEqual(rs.diagnostics, []);
});

test('directories, file URLs, source text and bytes compile alike', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.ard'), fs.readFileSync(MINI_HIP));
    const hashes = [
      ardent.compile(dir),
      ardent.compile(pathToFileURL(MINI_HIP)),
      ardent.compile(fs.readFileSync(MINI_HIP, 'utf8')),
      ardent.compile(fs.readFileSync(MINI_HIP)),
    ].map((rs) => rs.name);
    assert.deepEqual(hashes, ['mini_hip', 'mini_hip', 'mini_hip', 'mini_hip']);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('findings carry type, domain, label and question', () => {
  const rs = ardent.compile(MINI_HIP);
  assert.deepEqual(rs.findings.map((f) => f.index), [...rs.findings.keys()]);
  const fever = rs.finding('fever');
  assert.equal(fever.type, 'bool');
  assert.equal(fever.label, 'Fever');
  assert.equal(fever.question, 'Have you had a fever?');
  assert.deepEqual(fever.codes, [{ system: 'snomed', value: '386661006' }]);
  const peak = rs.finding('pain_peak');
  assert.equal(peak.type, 'enum');
  assert.deepEqual(peak.domain, ['during_activity', 'hours_after', 'day_after', 'constant']);
  assert.equal(peak.group, 'pain');
  const score = rs.finding('pain_score');
  assert.deepEqual([score.type, score.min, score.max, score.integer], ['number', 0, 10, true]);
  assert.equal(rs.finding('age').unit, 'years');
  assert.equal(rs.finding('duration').type, 'duration');
  assert.equal(rs.finding('duration').min, null);
  assert.throws(() => rs.finding('fevr'), ardent.NotFoundError);
});

test('conditions and rules in declaration order', () => {
  const rs = ardent.compile(MINI_HIP);
  assert.deepEqual(rs.conditions.map((c) => c.name), ['rotator_overload', 'bone_stress', 'infection', 'training_error']);
  assert.deepEqual(rs.conditions[0].advice, ['Stretch only gently and comfortably.']);
  assert.deepEqual(rs.redFlags.map((r) => r.name), ['cauda_equina', 'septic_hip']);
  const cauda = rs.redFlags[0];
  assert.equal(cauda.triage, 'emergency');
  assert.equal(cauda.location.line, 80);
  assert.ok(cauda.location.file.endsWith('mini_hip.ard'));
  assert.deepEqual([rs.rules[0].name, rs.rules[0].priority, rs.rules[0].redflag], ['classic_overload', 2, false]);
  assert.match(rs.rules[0].source, /suggest rotator_overload likely/);
  assert.equal(rs.rules[1].triage, null);
});

test('errors throw CompileError with located diagnostics', () => {
  let error;
  assert.throws(() => ardent.compile(BROKEN, { name: 'broken.ard' }), (e) => (error = e) instanceof ardent.CompileError);
  assert.ok(error instanceof ardent.ArdentError);
  assert.equal(error.status, -1);
  assert.equal(error.code, 'ARDENT_ESYNTAX');
  assert.deepEqual([error.file, error.line], ['broken.ard', 4]);
  assert.equal(error.errors.length, 1);
  const d = error.errors[0];
  assert.deepEqual([d.file, d.line, d.column, d.severity], ['broken.ard', 4, error.column, 'error']);
  assert.match(d.message, /did you mean 'fever'/);
  assert.equal(d.sourceLine, 'rule r: fevr -> suggest flu');
  assert.match(error.message, /\^/);
});

test('warnings are kept, and werror makes them fatal', () => {
  const text = BROKEN.replace('fevr', 'fever') + 'finding unused: bool\n';
  const rs = ardent.compile(text);
  assert.ok(rs.diagnostics.length > 0);
  assert.ok(rs.diagnostics.every((d) => d.severity === 'warning'));
  assert.throws(() => ardent.compile(text, { werror: true }), (e) => e instanceof ardent.CompileError && e.diagnostics.length > 0);
});

test('a missing path is a FileError', () => {
  assert.throws(() => ardent.compile(path.join(os.tmpdir(), 'no-such-dir', 'rules.ard')),
    (e) => e instanceof ardent.FileError && /no-such-dir/.test(e.message));
  assert.throws(() => ardent.compile(42), TypeError);
});

test('a disposed rule set refuses work; its results live on', () => {
  const rs = ardent.compile(MINI_HIP);
  const result = rs.evaluate({ saddle_numbness: true });
  rs.dispose();
  rs.dispose();
  assert.ok(rs.disposed);
  assert.throws(() => rs.evaluate({}), ardent.InvalidArgumentError);
  assert.equal(result.triage, 'emergency');
  assert.equal(result.redFlags[0].id, 'cauda_equina');
  assert.equal(result.toJSON().ruleset.name, 'mini_hip');
});

test('a mistyped source name is a TypeError, not a crash', () => {
  assert.throws(() => ardent.compile('ruleset x version "1"\n', { name: 5 }), TypeError);
});
