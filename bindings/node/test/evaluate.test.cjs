'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const ardent = require('ardent');
const { MINI_HIP, OVERLOAD } = require('./support.cjs');

const rs = ardent.compile(MINI_HIP);

test('an empty case gets the default triage and no questions', () => {
  const r = rs.evaluate({});
  assert.equal(r.triage, 'routine');
  assert.equal(r.triageIsDefault, true);
  assert.deepEqual(r.redFlags, []);
  assert.deepEqual(r.conditions, []);
  // Nothing holds in any rule yet and the rule set has no screen: nothing is asked.
  assert.deepEqual(r.askNext, []);
  assert.equal(r.complete, true);
  assert.equal(rs.evaluate().triage, 'routine');
});

test('a started red flag asks its question', () => {
  const r = rs.evaluate({ fever: true });
  const first = r.askNext[0];
  assert.equal(first.finding, 'night_pain');
  assert.equal(first.reason, 'red_flag');
  assert.equal(first.question, 'Does the pain wake you at night?');
  assert.ok(first.couldDecide.includes('septic_hip'));
  assert.equal(r.provisional, true);
});

test('typed values reach the engine', () => {
  const r = rs.evaluate(OVERLOAD);
  assert.equal(r.triage, 'self_care');
  assert.equal(r.triageIsDefault, false);
  assert.equal(r.conditions.length, 1);
  const [c] = r.conditions;
  assert.deepEqual([c.id, c.status, c.strength, c.priority], ['rotator_overload', 'suggested', 'likely', 2]);
  assert.deepEqual(c.codes, [{ system: 'snomed', value: '298336006' }]);
  assert.deepEqual(r.suggested, [c]);
  assert.deepEqual(r.advice, ['Stretch only gently and comfortably.']);
  assert.equal(r.ruleState('classic_overload'), 'fired');
  assert.equal(r.ruleState('maybe_overload'), 'not_fired');
  assert.equal(rs.evaluate(new Map(Object.entries(OVERLOAD))).triage, 'self_care');
});

test('numbers, scores and red flags', () => {
  const r = rs.evaluate({ night_pain: true, pain_score: 8, age: 45.5, fever: true, saddle_numbness: true });
  assert.equal(r.triage, 'emergency');
  assert.deepEqual(r.redFlags.map((f) => [f.id, f.triage]), [['cauda_equina', 'emergency'], ['septic_hip', 'urgent']]);
  assert.equal(r.redFlags[0].label, 'Possible cauda equina syndrome');
  assert.deepEqual(r.conditions.map((c) => [c.id, c.status]), [['bone_stress', 'suggested'], ['infection', 'suggested']]);
  assert.equal(r.conditions[0].strength, 'possible');
  assert.equal(r.conditions[1].strength, null);
  assert.ok(r.advice.includes('Same-day emergency assessment.'));
  assert.ok(r.advice.includes('Arrange imaging.'));
});

test('null means unknown and is never asked again; undefined means not asked', () => {
  // Night pain starts the septic hip red flag, whose other finding is fever.
  const r = rs.evaluate({ saddle_numbness: null, night_pain: true, fever: undefined });
  assert.ok(!r.askNext.some((a) => a.finding === 'saddle_numbness'));
  assert.ok(r.askNext.some((a) => a.finding === 'fever'));
  const cauda = r.undecided.find((u) => u.id === 'cauda_equina');
  assert.deepEqual(cauda.missing, []);
  assert.equal(cauda.redflag, true);
});

test('every form of a duration', () => {
  for (const value of [{ amount: 7, unit: 'weeks' }, 49, '7 weeks', { amount: 1176, unit: 'hours' }]) {
    const r = rs.evaluate({ duration: value, pain_score: 6 });
    assert.equal(r.triage, 'urgent', JSON.stringify(value));
  }
  assert.equal(rs.evaluate({ duration: { amount: 6, unit: 'weeks' }, pain_score: 6 }).triage, 'routine');
  assert.throws(() => rs.evaluate({ duration: { amount: 6, unit: 'fortnights' } }), ardent.ArdentError);
});

test('a fired rule asks for a finding', () => {
  const r = rs.evaluate({ duration: '2 months', pain_score: 6, saddle_numbness: false, fever: false });
  assert.equal(r.askNext.find((a) => a.finding === 'night_pain').reason, 'requested');
});

test('JSON text is accepted as a case', () => {
  const text = JSON.stringify(OVERLOAD);
  assert.equal(rs.evaluate(text).triage, 'self_care');
  assert.equal(rs.evaluate(Buffer.from(text)).triage, 'self_care');
  assert.throws(() => rs.evaluate('{not json'), ardent.InvalidArgumentError);
});

test('maxAsk limits the questions', () => {
  const started = { fever: true, duration: '7 weeks', central_buttock: true };
  assert.equal(rs.evaluate(started, { maxAsk: 2 }).askNext.length, 2);
  assert.ok(rs.evaluate(started).askNext.length > 2);
});

test('refused values throw the matching error', () => {
  assert.throws(() => rs.evaluate({ fevr: true }), (e) => e instanceof ardent.NotFoundError && /did you mean 'fever'/.test(e.message));
  assert.throws(() => rs.evaluate({ fever: 1 }), (e) => e instanceof ardent.TypeMismatchError && e.finding === 'fever');
  assert.throws(() => rs.evaluate({ age: 'old' }), ardent.TypeMismatchError);
  assert.throws(() => rs.evaluate({ age: [54] }), ardent.TypeMismatchError);
  assert.throws(() => rs.evaluate({ pain_score: 11 }), ardent.OutOfRangeError);
  assert.throws(() => rs.evaluate({ pain_score: 6.5 }), ardent.OutOfRangeError);
  assert.throws(() => rs.evaluate({ duration: -2 }), ardent.OutOfRangeError);
  assert.throws(() => rs.evaluate({ age: NaN }), ardent.OutOfRangeError);
  assert.throws(() => rs.evaluate(42), TypeError);
  assert.equal(rs.evaluate({}).triage, 'routine'); // nothing left behind by a failed case
});

test('explanations', () => {
  const r = rs.evaluate({ ...OVERLOAD, fever: false });
  const [fired, ...rest] = r.explain();
  assert.equal(rest.length, 0);
  assert.deepEqual([fired.rule, fired.state], ['classic_overload', 'fired']);
  assert.match(fired.text, /pain felt centrally in the buttock/);
  assert.deepEqual(fired.facts.map((f) => f.index), [3, 5, 4]);
  assert.ok(fired.facts.every((f) => f.holds && f.kind === 'finding'));
  assert.equal(fired.location.line, 63);
  const septic = r.explain('septic_hip');
  assert.equal(septic.state, 'not_fired');
  assert.deepEqual(septic.facts.map((f) => f.text), ['no fever']);
  const undecided = r.explain('cauda_equina');
  assert.equal(undecided.state, 'undecided');
  assert.deepEqual(undecided.missing, ['saddle_numbness']);
  assert.throws(() => r.explain('no_such_rule'), ardent.NotFoundError);
});

test('renderings come from the library', () => {
  const r = rs.evaluate({ fever: true, night_pain: true });
  const data = r.toJSON();
  assert.equal(data.schema, 2);
  assert.deepEqual(data.ruleset, { name: 'mini_hip', version: '0.3.0', hash: rs.hash });
  assert.equal(data.triage, 'urgent');
  assert.deepEqual(data.red_flags.map((f) => f.id), ['septic_hip']);
  assert.deepEqual(JSON.parse(JSON.stringify(r)), data);
  assert.match(r.json({ pretty: true }), /\n/);
  assert.doesNotMatch(r.json(), /\n/);
  const cards = r.cdsCards();
  assert.equal(cards[0].indicator, 'critical');
  assert.match(cards[0].summary.toLowerCase(), /septic/);
  assert.ok(cards.every((c) => [...c.summary].length <= 140));
  assert.match(cards[0].source.label, /mini_hip/);
  assert.equal(JSON.parse(r.cdsHooksJSON()).cards[0].summary, cards[0].summary);
  assert.match(r.report().toUpperCase(), /URGENT/);
  assert.equal(String(r), r.report());
});

test('FHIR resources set findings, and answers that disagree are warnings', () => {
  const response = {
    resourceType: 'QuestionnaireResponse', status: 'completed', item: [
      { linkId: 'saddle_numbness', answer: [{ valueBoolean: true }] },
      { linkId: 'night_pain', answer: [{ valueBoolean: true }] },
      { linkId: 'night_pain', answer: [{ valueBoolean: false }] }],
  };
  for (const given of [response, JSON.stringify(response), Buffer.from(JSON.stringify(response))]) {
    const r = rs.evaluate({}, { fhir: given });
    assert.equal(r.triage, 'emergency');
    assert.deepEqual(r.warnings, [{ kind: 'conflicting_answers', owner: 'finding', name: 'night_pain' }]);
  }
  assert.deepEqual(rs.evaluate({ fever: true }).warnings, []);
  assert.throws(() => rs.evaluate({}, {
    fhir: { resourceType: 'QuestionnaireResponse', item: [{ linkId: 'pain_score', answer: [{ valueBoolean: true }] }] },
  }), (e) => e instanceof ardent.TypeMismatchError && /QuestionnaireResponse/.test(e.message));
  assert.throws(() => rs.evaluate({}, { fhir: 42 }), TypeError);
});

test('division by zero is a warning, not a crash', () => {
  const r = rs.evaluate({ weekly_km: 30, weekly_km_before: 0 });
  assert.deepEqual(r.warnings, [{ kind: 'division_by_zero', owner: 'define', name: 'load_ratio' }]);
  assert.equal(r.ruleState('load_jump'), 'undecided');
  assert.deepEqual(rs.evaluate({ weekly_km: 40, weekly_km_before: 20 }).conditions.map((c) => c.id), ['training_error']);
});

test('disposing of a result frees it and keeps what was read', () => {
  const r = rs.evaluate({ saddle_numbness: true });
  const flags = r.redFlags;
  r.dispose();
  r.dispose();
  assert.ok(r.disposed);
  assert.equal(r.redFlags, flags);
  assert.throws(() => r.json(), ardent.InvalidArgumentError);
  if (typeof Symbol.dispose === 'symbol') assert.equal(typeof r[Symbol.dispose], 'function');
});

test('a disposed result hands its handle to the next evaluation', () => {
  const first = rs.evaluate({ saddle_numbness: true });
  first.dispose();
  const second = rs.evaluate(OVERLOAD);
  assert.deepEqual([second.triage, second.redFlags], ['self_care', []]);
  assert.throws(() => first.triage, ardent.InvalidArgumentError);
  const many = [...rs.evaluateMany([OVERLOAD, { saddle_numbness: true }])];
  many.forEach((r) => r.dispose());
  assert.deepEqual([...rs.evaluateMany([{ saddle_numbness: true }, OVERLOAD])].map((r) => r.triage), ['emergency', 'self_care']);
});

function* cases(n) {
  const peaks = ['during_activity', 'hours_after', 'day_after', 'constant', null];
  for (let i = 0; i < n; i++) {
    const c = { central_buttock: i % 2 === 0, pain_peak: peaks[i % 5], side_lying: i % 3 !== 0, pain_score: i % 11, night_pain: i % 7 === 0 };
    if (i % 13 === 0) c.saddle_numbness = true;
    if (i % 4 === 0) c.duration = `${i % 90} days`;
    yield c;
  }
}

const summary = (r) => [r.triage, r.redFlags.map((f) => f.id), r.conditions.map((c) => [c.id, c.status]), r.askNext.map((a) => a.finding)];

test('batches agree with single evaluations, in order', () => {
  const all = [...cases(2500)];
  const single = all.map((c) => summary(rs.evaluate(c)));
  for (const threads of [1, 2, 0]) {
    for (const chunkSize of [1, 7, 1024]) {
      const many = [...rs.evaluateMany(all, { threads, chunkSize })].map(summary);
      assert.deepEqual(many, single, `threads ${threads}, chunk ${chunkSize}`);
    }
  }
});

test('a stream of JSON lines is accepted', () => {
  const all = [...cases(300)];
  const lines = all.map((c) => JSON.stringify(c));
  assert.deepEqual([...rs.evaluateMany(lines.values())].map(summary), all.map((c) => summary(rs.evaluate(c))));
});

test('batch results are lazy and errors surface in order', () => {
  const it = rs.evaluateMany([OVERLOAD, { fever: 'hot' }, OVERLOAD], { chunkSize: 1 });
  assert.equal(it.next().value.triage, 'self_care');
  assert.throws(() => it.next(), ardent.TypeMismatchError);
  assert.deepEqual([...rs.evaluateMany([])], []);
  assert.throws(() => rs.evaluateMany([], { chunkSize: 0 }), RangeError);
  assert.ok([...rs.evaluateMany(cases(50), { maxAsk: 1 })].every((r) => r.askNext.length <= 1));
});

test('triageMany (bit-sliced) gives the triage, fired rules and red flags of evaluate, in order', () => {
  const all = [...cases(700)];
  const expected = all.map((c) => {
    const r = rs.evaluate(c);
    const fired = rs.rules.filter((rule) => r.ruleState(rule.name) === 'fired');
    assert.deepEqual(new Set(r.redFlags.map((f) => f.id)), new Set(fired.filter((f) => f.redflag).map((f) => f.name)));
    return { triage: r.triage, fired: fired.map((f) => f.name), redFlags: fired.filter((f) => f.redflag).map((f) => f.name) };
  });
  assert.ok(expected.some((t) => t.redFlags.length) && expected.some((t) => t.fired.length && !t.redFlags.length));
  for (const [threads, chunkSize] of [[1, 64], [2, 100], [0, 4096]]) {
    assert.deepEqual([...rs.triageMany(all, { threads, chunkSize })], expected, `threads ${threads}, chunk ${chunkSize}`);
  }
  assert.throws(() => [...rs.triageMany([OVERLOAD, { fever: 'hot' }])], ardent.TypeMismatchError);
  assert.deepEqual([...rs.triageMany([])], []);
  assert.throws(() => rs.triageMany([], { chunkSize: 0 }), RangeError);
});

test('evaluateManyAsync gives what evaluateMany gives', async () => {
  const all = [...cases(2500)];
  const expected = [...rs.evaluateMany(all)].map(summary);
  for (const chunkSize of [1, 7, 1024]) {
    const got = [];
    for await (const r of rs.evaluateManyAsync(all, { chunkSize, threads: 2 })) got.push(summary(r));
    assert.deepEqual(got, expected, `chunk ${chunkSize}`);
  }
  assert.throws(() => rs.evaluateManyAsync([], { chunkSize: 0 }), RangeError);
  const bad = rs.evaluateManyAsync([OVERLOAD, { fever: 'hot' }], { chunkSize: 1 });
  assert.equal((await bad.next()).value.triage, 'self_care');
  await assert.rejects(() => bad.next(), ardent.TypeMismatchError);
});

test('evaluateManyAsync keeps the event loop free while a large batch runs', async () => {
  const all = [...cases(40000)];
  // Timers run only when JavaScript is idle: reading the cases (synchronous) cannot let one fire,
  // so a tick counted before the batch's results arrive fired while the library was evaluating.
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  let ticksWhenDone = -1;
  let count = 0;
  try {
    const it = rs.evaluateManyAsync(all, { chunkSize: all.length, threads: 1 });
    const first = await it.next();
    ticksWhenDone = ticks;
    count = first.done ? 0 : 1;
    for await (const r of it) count += r ? 1 : 0;
  } finally {
    clearInterval(timer);
  }
  assert.equal(count, all.length);
  assert.ok(ticksWhenDone > 0, 'no timer fired while the batch ran');
});
