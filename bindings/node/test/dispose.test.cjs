'use strict';
// Disposing of a rule set, a result or an audit log: results outlive their rule set, and a
// handle is never freed under a call that is using it, even when the caller's own code (a
// getter of a case, evaluateMany()'s iterator) disposes of it midway.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const ardent = require('ardent');
const { MINI_HIP, OVERLOAD } = require('./support.cjs');

// Fires a red flag, leaves rules undecided with questions to ask, and divides by zero.
const MIXED = Object.freeze({ fever: true, night_pain: true, pain_peak: 'day_after', weekly_km: 30, weekly_km_before: 0 });

const isDisposedError = (e) => e instanceof ardent.InvalidArgumentError && /disposed of/.test(e.message);
const isClosedError = (e) => e instanceof ardent.InvalidArgumentError && /has been closed/.test(e.message);

function withoutUuids(cardsJSON) {
  return JSON.parse(cardsJSON).cards.map(({ uuid, ...card }) => card);
}

/** Every reading a result offers, as plain values to compare. */
function readEverything(result, ruleNames) {
  return {
    triage: [result.triage, result.triageIsDefault],
    redFlags: result.redFlags,
    conditions: [result.conditions, result.suggested, result.considered, result.excluded],
    advice: result.advice,
    askNext: result.askNext,
    undecided: result.undecided,
    warnings: result.warnings,
    interview: [result.interview, result.complete, result.provisional, result.selfCareWithheld, result.screenPending],
    ruleState: ruleNames.map((name, i) => [result.ruleState(name), result.ruleState(i)]),
    explain: [result.explain(), ruleNames.map((name) => result.explain(name)), ruleNames.map((_, i) => result.explain(i))],
    json: [result.json(), result.json({ pretty: true }), result.toJSON(), JSON.stringify(result)],
    // Every rendering gives each card a fresh uuid; the rest must be the same.
    cds: [withoutUuids(result.cdsHooksJSON()), withoutUuids(result.cdsHooksJSON({ pretty: true })),
      result.cdsCards().map(({ uuid, ...card }) => card)],
    text: [result.report(), result.report({ undecided: true }), String(result)],
  };
}

/** A case whose `pain_peak` getter runs `effect` while the binding fills the case. */
function caseThat(effect) {
  return {
    central_buttock: true,
    side_lying: true,
    get pain_peak() {
      effect();
      return 'day_after';
    },
  };
}

test('every result reading works after its rule set is disposed of', () => {
  const reference = ardent.compile(MINI_HIP); // never disposed of
  const names = reference.rules.map((r) => r.name);
  const expected = readEverything(reference.evaluate(MIXED), names);
  assert.ok(expected.askNext.length && expected.undecided.length && expected.warnings.length);

  const rs = ardent.compile(MINI_HIP);
  const made = { evaluate: rs.evaluate(MIXED), evaluateMany: [...rs.evaluateMany([MIXED])][0] };
  rs.dispose();
  for (const [how, result] of Object.entries(made)) {
    assert.deepEqual(readEverything(result, names), expected, how);
    assert.throws(() => result.ruleState('no_such_rule'), ardent.NotFoundError, how); // not "disposed of"
  }
});

test('a rule set disposed of by a getter of the case finishes that evaluation first', () => {
  const rs = ardent.compile(MINI_HIP);
  const result = rs.evaluate(caseThat(() => rs.dispose()));
  assert.equal(rs.disposed, true);
  assert.equal(result.triage, 'self_care');
  assert.equal(result.ruleState('classic_overload'), 'fired');
  assert.throws(() => rs.evaluate(OVERLOAD), isDisposedError);
  assert.throws(() => [...rs.evaluateMany([OVERLOAD])], isDisposedError);
});

test('a rule set disposed of during evaluateMany finishes the chunk under way', () => {
  const rs = ardent.compile(MINI_HIP);
  const cases = [OVERLOAD, caseThat(() => rs.dispose()), OVERLOAD, OVERLOAD];
  const results = [];
  assert.throws(() => {
    for (const r of rs.evaluateMany(cases, { chunkSize: 2, threads: 2 })) results.push(r);
  }, isDisposedError);
  assert.deepEqual(results.map((r) => [r.triage, r.explain('classic_overload').state]),
    [['self_care', 'fired'], ['self_care', 'fired']]);
});

test('a rule set disposed of between the results of evaluateMany stops at the next chunk', () => {
  const rs = ardent.compile(MINI_HIP);
  const iterator = rs.evaluateMany([MIXED, MIXED, MIXED], { chunkSize: 2 });
  const first = iterator.next().value;
  rs.dispose();
  const second = iterator.next().value; // already evaluated with the first
  assert.throws(() => iterator.next(), isDisposedError);
  for (const r of [first, second]) assert.equal(r.explain('septic_hip').state, 'fired');
});

const CLI = process.env.ARDENT_CLI;
const needsCli = CLI ? {} : { skip: 'ARDENT_CLI is not set: reading audit rows needs the ardent tool' };

test('an audit log closed by a getter of the case records that evaluation, then closes', needsCli, (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-node-dispose-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rs = ardent.compile(MINI_HIP);
  const rows = (file) => execFileSync(CLI, ['audit', 'query', '--db', file, '--json'], { encoding: 'utf8' })
    .split('\n').filter(Boolean).map((line) => JSON.parse(line));

  const duringFill = path.join(dir, 'fill.db');
  const log = ardent.openAudit(duringFill);
  const result = rs.evaluate(caseThat(() => log.close()), { audit: log, context: { encounterId: 'E1' } });
  assert.equal(log.closed, true);
  assert.equal(result.triage, 'self_care');
  assert.throws(() => rs.evaluate(OVERLOAD, { audit: log }), isClosedError);
  assert.deepEqual(rows(duringFill).map((r) => [r.encounter_id, r.triage]), [['E1', 'self_care']]);

  // The context is read before the evaluation starts: closed by then, nothing is evaluated.
  const beforeStart = path.join(dir, 'context.db');
  const early = ardent.openAudit(beforeStart);
  const context = {
    get encounterId() {
      early.close();
      return 'E2';
    },
  };
  assert.throws(() => rs.evaluate(OVERLOAD, { audit: early, context }), isClosedError);
  assert.deepEqual(rows(beforeStart), []);
});
