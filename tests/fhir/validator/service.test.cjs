// The FHIR that `ardent serve` answers with, judged by the same independent validator as the
// Questionnaire (validate.cjs): a refusal's OperationOutcome and $next-question's
// QuestionnaireResponse with its contained Questionnaire. The service is the real binary.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { problems } = require('./validate.cjs');

const root = path.resolve(__dirname, '..', '..', '..');

// Starts `ardent serve rules/hip --port 0` and resolves with its base URL and the process.
function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.ARDENT_CLI, ['serve', path.join(root, 'rules/hip'), '--port', '0']);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/]+)\/cds-services/);
      if (m) resolve({ base: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`ardent serve exited with ${code}`)));
  });
}

async function post(base, route, body) {
  const res = await fetch(base + route, {
    method: 'POST', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

test('the service answers valid FHIR R4', async (t) => {
  const { base, child } = await serve();
  t.after(() => child.kill('SIGTERM'));

  await t.test('a refusal is a valid OperationOutcome', async () => {
    const { status, json } = await post(base, '/cds-services/posterior-hip-patient-view', { hook: 'patient-view' });
    assert.strictEqual(status, 400);
    assert.strictEqual(json.resourceType, 'OperationOutcome');
    assert.deepStrictEqual(problems(json), []);
  });

  await t.test('$next-question answers a valid QuestionnaireResponse, its Questionnaire contained', async () => {
    const qr = {
      resourceType: 'QuestionnaireResponse', status: 'in-progress', subject: { reference: 'Patient/p1' },
      item: [{ linkId: 'saddle_anaesthesia', text: 'Numbness in the saddle area?', answer: [{ valueBoolean: false }] }],
    };
    const { status, json } = await post(base, '/Questionnaire/posterior-hip/$next-question', qr);
    assert.strictEqual(status, 200);
    assert.strictEqual(json.status, 'in-progress');
    assert.strictEqual(json.contained[0].item.length, 2);
    assert.deepStrictEqual(problems(json), []);
    assert.deepStrictEqual(problems(json.contained[0]), []);
  });

  await t.test('the validator rejects a broken copy', async () => {
    const { json } = await post(base, '/Questionnaire/posterior-hip/$next-question',
      { resourceType: 'QuestionnaireResponse', status: 'in-progress' });
    json.status = 'half-done';
    assert.notDeepStrictEqual(problems(json), []);
  });
});
