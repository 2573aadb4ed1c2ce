// The Questionnaire that `ardent questionnaire` writes, judged by an independent FHIR R4
// validator (validate.cjs); and the validator shown able to fail, on broken copies of it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { problems } = require('./validate.cjs');

const root = path.resolve(__dirname, '..', '..', '..');
const cli = process.env.ARDENT_CLI;

function questionnaire(rules) {
  return JSON.parse(execFileSync(cli, ['questionnaire', path.join(root, rules)], { encoding: 'utf8' }));
}

function items(q) {
  return q.item.flatMap((i) => (i.type === 'group' ? i.item : [i]));
}

for (const rules of ['rules/hip', 'tests/conformance/rules/mini_hip.ard']) {
  test(`the Questionnaire of ${rules} is valid FHIR R4`, () => {
    assert.deepStrictEqual(problems(questionnaire(rules)), []);
  });
}

test('rules/hip: every finding once, the screen first, codes as Codings', () => {
  const q = questionnaire('rules/hip');
  assert.strictEqual(q.item[0].type, 'group');
  assert.strictEqual(q.item[0].item[0].linkId, 'saddle_anaesthesia');
  const ids = items(q).map((i) => i.linkId);
  assert.strictEqual(new Set(ids).size, ids.length);
  const temperature = items(q).find((i) => i.linkId === 'temperature_c');
  assert.strictEqual(temperature.type, 'quantity');
});

const broken = [
  ['an item without linkId', (q) => { delete items(q)[0].linkId; }],
  ['an unknown item type', (q) => { items(q)[0].type = 'yes-no'; }],
  ['an unknown status', (q) => { q.status = 'approved'; }],
  ['a property FHIR does not define', (q) => { items(q)[0].answer = true; }],
  ['a Coding that is a string', (q) => { items(q)[0].code = ['22298006']; }],
  ['an answerOption without a value', (q) => { q.item.find((i) => i.type === 'choice').answerOption[0] = {}; }],
];

for (const [what, breakIt] of broken) {
  test(`the validator rejects a Questionnaire with ${what}`, () => {
    const q = questionnaire('rules/hip');
    breakIt(q);
    assert.notDeepStrictEqual(problems(q), []);
  });
}
