#!/usr/bin/env node
// Triages one patient with the posterior hip and buttock rule set and prints the report.
//
//   node examples/node/triage.mjs [RULES] [CASE.json]
//
// RULES defaults to rules/hip; CASE.json holds the findings as a JSON object (default: the
// runner below). Needs the binding's packages (bindings/node/setup.sh) and libardent.so.1 (in
// the package's native/ folder, named by ARDENT_LIBRARY, or on the library path).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, CompileError, ArdentError } from '../../bindings/node/index.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// A 34-year-old runner with deep buttock pain the day after training. null means "asked, and
// nobody knows"; findings left out have not been asked.
const PATIENT = {
  age: 34,
  sex: 'female',
  main_sport: 'running',
  pain_side: 'left',
  pain_central_buttock: true,
  pain_groin: false,
  pain_below_knee: false,
  onset: 'gradual',
  duration_weeks: 3,
  pain_delayed_after_training: true,
  pain_lingers_days: true,
  pain_sitting: true,
  side_lying_pain: 'on_either_side',
  saddle_anaesthesia: false,
  bladder_bowel_change: false,
  fever: false,
  night_pain_non_mechanical: false,
  history_of_cancer: null,
};

const rules = process.argv[2] ?? path.join(ROOT, 'rules', 'hip');
const patient = process.argv[3] ? JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) : PATIENT;

let rs;
try {
  rs = compile(rules);
} catch (e) {
  if (!(e instanceof CompileError)) throw e;
  console.error(e.message);
  process.exit(1);
}

let result;
try {
  result = rs.evaluate(patient, { maxAsk: 5 });
} catch (e) {
  if (!(e instanceof ArdentError)) throw e; // a finding the rule set does not know, a value out of range, ...
  console.error(`case refused: ${e.message}`);
  process.exit(1);
}

console.log(result.report());
console.log(`-- the same result as data (${rs.name} ${rs.version}) --`);
console.log(`triage: ${result.triage}`);
for (const flag of result.redFlags) console.log(`red flag: ${flag.label} (${flag.triage})`);
for (const c of result.conditions) console.log(`${c.status}: ${c.label}`);
for (const e of result.explain()) console.log(`  ${e.rule} fired because ${e.text}`);
for (const ask of result.askNext) console.log(`ask: ${ask.question} [${ask.finding}, ${ask.reason}]`);
result.dispose();
