'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ardent = require('ardent');

// The installed (or source) package, and its native declarations with the lookup.
const PACKAGE = path.dirname(require.resolve('ardent'));
const native = require(path.join(PACKAGE, 'lib', 'native.cjs'));
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

// Loads a copy of this package (without the library it may carry) in a new process with
// $ARDENT_LIBRARY set to `library`; with `bundle`, that file is copied into the copy's
// per-platform folder first. Returns the finished process, which printed the library it loaded.
function loadCopy(bundle, library) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-lookup-'));
  try {
    const copy = path.join(root, 'ardent');
    fs.cpSync(PACKAGE, copy, {
      recursive: true,
      filter: (from) => !['native', 'node_modules', 'test'].includes(path.relative(PACKAGE, from).split(path.sep)[0]),
    });
    if (bundle) {
      const folder = path.join(copy, 'native', `${process.platform}-${process.arch}`);
      fs.mkdirSync(folder, { recursive: true });
      fs.copyFileSync(bundle, path.join(folder, native.BUNDLED_NAMES[process.platform]));
    }
    // koffi is found where this package found it.
    const koffiEntry = require.resolve('koffi');
    const koffiHome = koffiEntry.slice(0, koffiEntry.lastIndexOf(`${path.sep}koffi${path.sep}`));
    return spawnSync(process.execPath, ['-e', `console.log(require(${JSON.stringify(copy)}).libraryPath)`], {
      cwd: root,
      env: { ...process.env, ARDENT_LIBRARY: library, NODE_PATH: koffiHome },
      encoding: 'utf8',
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test('the per-platform folder comes first, then ARDENT_LIBRARY, then the system', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-lookup-'));
  try {
    const bundled = path.join(root, 'native', 'linux-x64', 'libardent.so.1');
    fs.mkdirSync(path.dirname(bundled), { recursive: true });
    fs.writeFileSync(bundled, '');
    assert.deepEqual(native.candidates(root, '/elsewhere/libardent.so.1', 'linux', 'x64'),
      [bundled, '/elsewhere/libardent.so.1']);
    assert.deepEqual(native.candidates(root, undefined, 'linux', 'x64'), [bundled, 'libardent.so.1']);
    // Another platform's folder is never used; an explicit library is not replaced by the system's.
    assert.deepEqual(native.candidates(root, '/elsewhere/libardent.so.1', 'linux', 'arm64'),
      ['/elsewhere/libardent.so.1']);
    assert.deepEqual(native.candidates(root, undefined, 'win32', 'x64'), ['ardent.dll']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a bundled library is loaded whatever ARDENT_LIBRARY says', () => {
  const run = loadCopy(ardent.libraryPath, '/nonexistent/libardent.so.1');
  assert.equal(run.status, 0, run.stderr);
  const loaded = run.stdout.trim().split(path.sep);
  assert.deepEqual(loaded.slice(-4), ['ardent', 'native', `${process.platform}-${process.arch}`, native.BUNDLED_NAMES[process.platform]]);
});

test('a wrong library path fails at load with a clear message', () => {
  const run = loadCopy(null, '/nonexistent/libardent.so.1');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /ARDENT_LIBRARY/);
});
