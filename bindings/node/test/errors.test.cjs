'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const ardent = require('..');
const { MINI_HIP } = require('./support.cjs');

test('non-negative codes pass through check()', () => {
  assert.equal(ardent.check(0), 0);
  assert.equal(ardent.check(3), 3);
});

test('every status code has its error class', () => {
  const expected = {
    [-1]: ardent.CompileError, [-2]: ardent.TypeMismatchError, [-3]: ardent.NotFoundError,
    [-4]: ardent.InvalidArgumentError, [-5]: ardent.OutOfRangeError, [-6]: ardent.FileError,
    [-7]: ardent.StorageError, [-8]: ardent.OutOfMemoryError, [-9]: ardent.InternalError,
  };
  for (const [code, Class] of Object.entries(expected)) {
    assert.throws(() => ardent.check(Number(code)), (e) => e instanceof Class && e instanceof ardent.ArdentError &&
      e instanceof Error && e.status === Number(code) && e.code.startsWith('ARDENT_E') && e.name === Class.name);
  }
  assert.throws(() => ardent.check(-99), ardent.ArdentError);
});

test("the calling thread's last error fills the exception", () => {
  const rs = ardent.compile(MINI_HIP);
  assert.throws(() => rs.evaluate({ age: 300 }), (e) => e instanceof ardent.OutOfRangeError && e.finding === 'age' &&
    /age/.test(e.message) && e.code === 'ARDENT_ERANGE');
});

test('versions are reported', () => {
  assert.match(ardent.libraryVersion, /^\d+\.\d+\.\d+$/);
  assert.ok(ardent.SUPPORTED_ABI_VERSIONS.includes(ardent.abiVersion));
  assert.deepEqual(ardent.TRIAGE_LEVELS, ['self_care', 'routine', 'urgent', 'emergency']);
});

test('a wrong library path fails at load with a clear message', () => {
  const run = spawnSync(process.execPath, ['-e', "require('.')"], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, ARDENT_LIBRARY: '/nonexistent/libardent.so.1' },
    encoding: 'utf8',
  });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /ARDENT_LIBRARY/);
});
