'use strict';
// The interview through the binding: complete / provisional, the screen's
// pending questions, the new ask reasons and the undecided rules' standing, on the interview rule
// set of tests/cli/rules/interview/ (interview.ard alone has no screen; the directory adds one).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const ardent = require('ardent');
const { REPO } = require('./support.cjs');

const INTERVIEW = path.join(REPO, 'tests', 'cli', 'rules', 'interview');
const rs = ardent.compile(path.join(INTERVIEW, 'interview.ard'));

const screened = ardent.compile(INTERVIEW); // with its screen

// The overload pattern, which concludes self-care.
const SELF_CARE = Object.freeze({ pain_central: true, pain_peak: 'day_after_activity' });

const NO_TRUE_PART = 'no_true_part';
const CASES = [
  {
    findings: {}, complete: true, withheld: false, triage: 'routine', ask: [],
    standing: { cauda_equina: NO_TRUE_PART, septic_hip: NO_TRUE_PART, overload: NO_TRUE_PART, sitting: NO_TRUE_PART },
  },
  {
    findings: { pain_central: true }, complete: false, withheld: false, triage: 'routine',
    ask: [['pain_sitting', 'decides_condition'], ['pain_peak', 'lowers_triage']],
    standing: { cauda_equina: NO_TRUE_PART, septic_hip: NO_TRUE_PART, overload: 'lowers', sitting: 'decides_condition' },
  },
  {
    findings: SELF_CARE, complete: true, withheld: false, triage: 'self_care', ask: [],
    standing: { cauda_equina: NO_TRUE_PART, septic_hip: NO_TRUE_PART, sitting: 'no_change' },
  },
  {
    findings: { ...SELF_CARE, fever: true }, complete: false, withheld: false, triage: 'self_care',
    ask: [['night_pain', 'red_flag']],
    standing: { cauda_equina: NO_TRUE_PART, septic_hip: 'raises', sitting: 'no_change' },
  },
  {
    findings: { ...SELF_CARE, fever: true, night_pain: null }, complete: true, withheld: false, triage: 'self_care',
    ask: [],
    standing: { cauda_equina: NO_TRUE_PART, septic_hip: 'nothing_to_ask', sitting: 'no_change' },
  },
];

for (const c of CASES) {
  test(`interview of ${JSON.stringify(c.findings)}`, () => {
    const r = rs.evaluate(c.findings);
    assert.equal(r.complete, c.complete);
    assert.equal(r.provisional, !c.complete);
    assert.equal(r.selfCareWithheld, c.withheld);
    assert.equal(r.triage, c.triage);
    assert.deepEqual(r.askNext.map((a) => [a.finding, a.reason]), c.ask);
    assert.deepEqual(Object.fromEntries(r.undecided.map((u) => [u.id, u.standing])), c.standing);
    assert.equal(r.complete, r.askNext.length === 0);
    assert.equal(r.interview.screen, null);
    assert.deepEqual(r.screenPending, []);
    // The JSON result says the same.
    const doc = r.toJSON().interview;
    assert.deepEqual([doc.complete, doc.provisional, doc.self_care_withheld], [c.complete, !c.complete, c.withheld]);
    assert.equal(doc.screen, null);
    assert.equal(doc.stop === null, !c.complete);
  });
}

test('maxAsk does not complete an interview', () => {
  const r = rs.evaluate({ pain_central: true }, { maxAsk: 1 });
  assert.equal(r.askNext.length, 1);
  assert.equal(r.complete, false);
});

test('the screen comes first, in its order', () => {
  const r = screened.evaluate({});
  const screen = ['saddle_anaesthesia', 'bladder_change', 'fever'];
  assert.deepEqual(r.interview.screen, { title: 'Red-flag screen', findings: screen, asked: 0, pending: screen });
  assert.deepEqual(r.screenPending, screen);
  assert.deepEqual(r.askNext.map((a) => [a.finding, a.reason]), screen.map((f) => [f, 'screen']));
  assert.equal(r.provisional, true);
});

test('the screen keeps the interview open', () => {
  let r = screened.evaluate({ ...SELF_CARE, fever: false });
  assert.equal(r.triage, 'self_care');
  assert.equal(r.provisional, true);
  assert.equal(r.selfCareWithheld, false);
  assert.deepEqual(r.screenPending, ['saddle_anaesthesia', 'bladder_change']);
  r = screened.evaluate({ ...SELF_CARE, fever: false, saddle_anaesthesia: false, bladder_change: null });
  assert.equal(r.triage, 'self_care');
  assert.equal(r.complete, true);
  assert.equal(r.selfCareWithheld, false);
  assert.equal(r.interview.screen.asked, 3);
  assert.deepEqual(r.screenPending, []);
});
