#!/usr/bin/env node
// Generates cases as JSON Lines and triages them in batches, printing the throughput.
//
//   node examples/node/batch.mjs [--cases 100000] [--rules rules/hip] [--out cases.jsonl]
//                                [--threads 0] [--seed 1]
//
// The cases are drawn from what the rule set declares (each finding asked with probability
// 0.4, answered "unknown" one time in twenty, values within the declared domain or range) by a
// seeded generator, so the same seed gives the same file. The file is then triaged three ways:
// its lines as they are (JSON text), the same cases as objects through the batch call, and one
// at a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compile, CompileError, TRIAGE_LEVELS } from '../../bindings/node/index.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    rules: { type: 'string', default: path.join(ROOT, 'rules', 'hip') },
    out: { type: 'string' },
    threads: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
  },
});
const count = Number(args.cases);
const threads = Number(args.threads);

// mulberry32: a small seeded generator, so that a seed always gives the same cases.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueFor(finding, random) {
  if (random() < 0.05) return null;
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  switch (finding.type) {
    case 'bool': return random() < 0.3;
    case 'enum': return finding.domain[Math.floor(random() * finding.domain.length)];
    case 'duration': return `${int(1, 30)} ${random() < 0.5 ? 'days' : 'weeks'}`;
    default: {
      const lo = finding.min ?? 0;
      const hi = finding.max ?? 100;
      return finding.integer ? int(Math.trunc(lo), Math.trunc(hi)) : Math.round((lo + random() * (hi - lo)) * 10) / 10;
    }
  }
}

function generate(rs, file) {
  const random = generator(Number(args.seed));
  const fd = fs.openSync(file, 'w');
  try {
    let buffer = '';
    for (let i = 0; i < count; i++) {
      const c = {};
      for (const f of rs.findings) if (random() < 0.4) c[f.name] = valueFor(f, random);
      buffer += JSON.stringify(c) + '\n';
      if (buffer.length > 1 << 20) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}

const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en').padStart(12)} cases/s  (${((ms * 1000) / n).toFixed(2).padStart(6)} µs per case)`;

let rs;
try {
  rs = compile(args.rules);
} catch (e) {
  if (!(e instanceof CompileError)) throw e;
  console.error(e.message);
  process.exit(1);
}

const tmp = args.out ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'ardent-batch-'));
const file = args.out ?? path.join(tmp, 'cases.jsonl');
try {
  let start = performance.now();
  generate(rs, file);
  console.log(`generated ${count.toLocaleString('en')} cases for ${rs.name} ${rs.version} in ` +
    `${((performance.now() - start) / 1000).toFixed(2)} s -> ${args.out ?? 'a temporary file'}`);

  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  // Each pass reads the same from every result: its triage and its red flags.
  const triage = Object.fromEntries(TRIAGE_LEVELS.map((t) => [t, 0]));
  const flags = new Map();
  const tally = (r) => {
    triage[r.triage]++;
    for (const f of r.redFlags) flags.set(f.id, (flags.get(f.id) ?? 0) + 1);
    r.dispose(); // hands the native result back for reuse at once
  };

  start = performance.now();
  for (const r of rs.evaluateMany(lines, { threads })) tally(r);
  const batchJson = performance.now() - start;

  const cases = lines.map((l) => JSON.parse(l));
  start = performance.now();
  for (const r of rs.evaluateMany(cases, { threads })) tally(r);
  const batchObjects = performance.now() - start;

  start = performance.now();
  for (const c of cases) tally(rs.evaluate(c));
  const single = performance.now() - start;

  console.log(`batch, JSON Lines text : ${rate(cases.length, batchJson)}`);
  console.log(`batch, objects         : ${rate(cases.length, batchObjects)}`);
  console.log(`one at a time, objects : ${rate(cases.length, single)}`);
  const passes = 3;
  console.log('triage: ' + TRIAGE_LEVELS.map((t) => `${t} ${(triage[t] / passes).toLocaleString('en')}`).join(', '));
  const top = [...flags].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log('most frequent red flags: ' + top.map(([name, n]) => `${name} ${(n / passes).toLocaleString('en')}`).join(', '));
} finally {
  if (tmp) fs.rmSync(tmp, { recursive: true });
}
