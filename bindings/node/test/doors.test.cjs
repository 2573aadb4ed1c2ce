'use strict';
// Same answer from every door: the rows of tests/doors/input_errors.json give, through the Node
// binding, the same status code, message and finding as through the C++ API, the command line
// and the REPL (tests/doors/doors_test.cpp).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ardent = require('ardent');
const { REPO } = require('./support.cjs');

const DOORS = path.join(REPO, 'tests', 'doors');
const { cases: ROWS } = JSON.parse(fs.readFileSync(path.join(DOORS, 'input_errors.json'), 'utf8'));

function expectRefusal(row, evaluate) {
  assert.throws(evaluate, (e) => {
    assert.ok(e instanceof ardent.ArdentError, `${row.name}: ${e}`);
    assert.equal(e.code, `ARDENT_${row.code}`, row.name);
    assert.equal(e.message, row.message, row.name);
    assert.equal(e.finding, row.finding, row.name);
    return true;
  });
}

test('a JSON text gives the same answer as every other door', () => {
  const rules = ardent.compile(path.join(DOORS, 'doors.ard'));
  for (const row of ROWS) {
    if (row.code) expectRefusal(row, () => rules.evaluate(row.json));
    else assert.doesNotThrow(() => rules.evaluate(row.json), row.name);
  }
});

test('an object gives the same answer where an object can say it', () => {
  // An object cannot hold a key twice, malformed JSON is no object, and JSON.parse turns 1e309
  // into Infinity: those rows belong to the JSON text.
  const rules = ardent.compile(path.join(DOORS, 'doors.ard'));
  for (const row of ROWS) {
    if (row.kind === 'Duplicate' || row.kind === 'Malformed' || row.json.includes('1e309')) continue;
    const findings = JSON.parse(row.json);
    if (row.code) expectRefusal(row, () => rules.evaluate(findings));
    else assert.doesNotThrow(() => rules.evaluate(findings), row.name);
  }
});
