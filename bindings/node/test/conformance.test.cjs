'use strict';
// The shared conformance cases (tests/conformance/*.json), also run by the C++ suite and the
// Python binding, so that all three agree.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ardent = require('ardent');
const { CONFORMANCE } = require('./support.cjs');

const ERROR_KINDS = new Map([
  [ardent.NotFoundError, 'not_found'],
  [ardent.TypeMismatchError, 'type'],
  [ardent.OutOfRangeError, 'range'],
  [ardent.InvalidArgumentError, 'invalid'],
]);

function outcome(r, keys) {
  const all = {
    triage: () => r.triage,
    red_flags: () => r.redFlags.map((f) => f.id),
    conditions: () => r.conditions.map((c) => ({ id: c.id, status: c.status })),
    undecided: () => r.undecided.map((u) => u.id),
    complete: () => r.complete,
    ask_next: () => r.askNext.map((a) => a.finding),
  };
  return Object.fromEntries(keys.map((k) => [k, all[k]()]));
}

const files = fs.readdirSync(CONFORMANCE).filter((f) => f.endsWith('.json')).sort();

test('conformance files exist', () => assert.ok(files.length > 0));

for (const file of files) {
  const spec = JSON.parse(fs.readFileSync(path.join(CONFORMANCE, file), 'utf8'));
  test(file, async (t) => {
    const rs = ardent.compile(path.join(CONFORMANCE, spec.ruleset));
    for (const c of spec.cases) {
      for (const asJson of [false, true]) {
        await t.test(`${c.name}${asJson ? ' (JSON text)' : ''}`, () => {
          const findings = asJson ? JSON.stringify(c.findings) : c.findings;
          if ('error' in c) {
            assert.throws(() => rs.evaluate(findings), (e) => {
              assert.equal(ERROR_KINDS.get(e.constructor), c.error, e.message);
              return true;
            });
            return;
          }
          assert.deepEqual(outcome(rs.evaluate(findings), Object.keys(c.expect)), c.expect);
        });
      }
    }
  });
}
