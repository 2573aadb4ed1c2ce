// The ES module entry exposes the same objects as the CommonJS one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import ardent, { compile, RuleSet, CompileError, TRIAGE_LEVELS } from 'ardent';

const require = createRequire(import.meta.url);
const { MINI_HIP } = require('./support.cjs');

test('named and default exports match the CommonJS entry', () => {
  const cjs = require('ardent');
  assert.equal(compile, cjs.compile);
  assert.equal(RuleSet, cjs.RuleSet);
  assert.equal(CompileError, cjs.CompileError);
  assert.equal(ardent, cjs);
  assert.equal(TRIAGE_LEVELS.length, 4);
});

test('evaluates through the ES module entry', () => {
  const rs = compile(MINI_HIP);
  assert.ok(rs instanceof RuleSet);
  assert.equal(rs.evaluate({ saddle_numbness: true }).triage, 'emergency');
});
