'use strict';
// Compiling rule sets and evaluating cases against them.

const fs = require('node:fs');
const native = require('./native.cjs');
const { check, InvalidArgumentError, TypeMismatchError } = require('./errors.cjs');
const { Result, ResultPool } = require('./result.cjs');
const { nativeOf, auditContext } = require('./audit.cjs');
const { Handle } = require('./handle.cjs');
const { openRegistryHandle } = require('./trust.cjs');

const { fn, NAMES } = native;

// What frees a rule set's handle: its reusable cases and results go with it. Made here, not in
// the RuleSet, so that it holds no reference to the RuleSet (which would never be collected).
const freeRuleset = (cases, pool) => (handle) => {
  for (const c of cases) fn.ardent_case_free(c);
  pool.close();
  fn.ardent_ruleset_free(handle); // cases and results still alive keep the library's rule set
};

function readDiagnostics(handle) {
  if (!handle) return [];
  const out = [];
  const d = { version: 1 };
  for (let i = 0, n = fn.ardent_diagnostics_count(handle); i < n; i++) {
    check(fn.ardent_diagnostics_get(d, handle, i));
    out.push({
      severity: NAMES.severity[d.severity],
      code: d.code,
      file: d.file,
      line: d.line,
      column: d.column,
      length: d.length,
      message: d.message,
      sourceLine: d.source_line,
      text: d.text,
    });
  }
  return out;
}

function looksLikePath(source) {
  if (fs.existsSync(source)) return true;
  // Not existing, yet clearly meant as a path: let the library report it as unreadable.
  return !source.includes('\n') && (source.endsWith('.ard') || (source.includes('/') && !source.trim().includes(' ')));
}

/**
 * Compiles a rule set from a path (a directory of .ard files or one file) when `source` is a
 * URL or names an existing file or directory, else from the text of one rule file (`name` is
 * then the file name in diagnostics). Throws CompileError, with every diagnostic, when the rule
 * set has errors (or warnings, with `werror`); FileError when the path cannot be read.
 * `db:FILE:SPEC` loads SPEC ("name@version" or "name@approved") from the registry FILE, as the
 * command-line tool reads it; `trust` (public key files) then demands a signed approval, as
 * openRegistry() does.
 */
function compile(source, { werror = false, name = null, trust = [] } = {}) {
  // koffi aborts the process (rather than throwing) on a mistyped argument next to out-pointers.
  if (name !== null && typeof name !== 'string') throw new TypeError(`name is a string, not ${typeof name}`);
  const opts = { version: 1, werror: werror ? 1 : 0 };
  const out = [null];
  const diags = [null];
  let rc;
  if (source instanceof URL) source = source.protocol === 'file:' ? require('node:url').fileURLToPath(source) : String(source);
  if (typeof source === 'string' && source.startsWith('db:')) {
    if (werror) {
      throw new InvalidArgumentError('werror does not apply to a rule set loaded from a registry', { status: -4 });
    }
    return compileStored(source, trust);
  }
  if (!Array.isArray(trust) || trust.length) {
    throw new InvalidArgumentError('trust verifies the signed approval of a rule set loaded from a registry ' +
      '(db:FILE:name@version)', { status: -4 });
  }
  if (typeof source === 'string' && looksLikePath(source)) {
    rc = fn.ardent_ruleset_compile_path(out, diags, source, opts);
  } else if (typeof source === 'string' || source instanceof Uint8Array) {
    const text = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
    rc = fn.ardent_ruleset_compile_source(out, diags, text, text.length, name, opts);
  } else {
    throw new TypeError(`compile() takes a path or source text, not ${typeof source}`);
  }
  return built(rc, out[0], diags[0]);
}

// The rule set a compiling call made, or its error (a CompileError carries every diagnostic).
function built(rc, handle, diags) {
  let diagnostics;
  try {
    diagnostics = readDiagnostics(diags);
  } finally {
    fn.ardent_diagnostics_free(diags);
  }
  if (rc !== 0) {
    fn.ardent_ruleset_free(handle);
    check(rc, diagnostics);
  }
  return new RuleSet(handle, diagnostics);
}

/** Compiles the rule-set version `spec` stored in the open registry handle `registry`. */
function loadStored(registry, spec) {
  if (typeof spec !== 'string') {
    throw new TypeError(`a rule-set version is "name@version" or "name@approved", not ${typeof spec}`);
  }
  const out = [null];
  const diags = [null];
  const rc = fn.ardent_ruleset_from_registry(out, diags, registry, spec);
  return built(rc, out[0], diags[0]);
}

// db:FILE:SPEC, split as the command-line tool does: FILE may hold ':', SPEC never does.
function compileStored(source, trust) {
  const colon = source.lastIndexOf(':');
  if (colon <= 3 || colon === source.length - 1) {
    throw new InvalidArgumentError(`'${source}' names no rule-set version: write db:FILE:name@version or ` +
      'db:FILE:name@approved', { status: -4 });
  }
  const registry = openRegistryHandle(source.slice(3, colon), trust);
  try {
    return loadStored(registry, source.slice(colon + 1));
  } finally {
    fn.ardent_registry_free(registry); // the rule set outlives it
  }
}

const nameOrEmpty = (s) => s ?? '';

// The items of `iterator` in arrays of at most `size`, none of them empty.
function* chunks(iterator, size) {
  for (;;) {
    const chunk = [];
    for (let step; chunk.length < size && !(step = iterator.next()).done;) chunk.push(step.value);
    if (chunk.length === 0) return;
    yield chunk;
    if (chunk.length < size) return;
  }
}

/** A compiled rule set: immutable; evaluate cases against it. */
class RuleSet {
  #native;
  #caseHandles = []; // reused by every evaluation, freed with the rule set
  #pool = new ResultPool();
  #counts; // conditions, rules
  #slots = new Map(); // finding name -> [index, type, Map(enum value -> position)]
  #rules = null;
  #conditions = null;
  #ruleIndex = null;
  #options = new Map();

  constructor(handle, diagnostics = []) {
    this.#native = new Handle(this, handle, freeRuleset(this.#caseHandles, this.#pool),
      'the rule set has been disposed of');
    /** Warnings (and notes) of the compile. */
    this.diagnostics = diagnostics;
    const info = { version: 1 };
    check(fn.ardent_ruleset_get_info(info, handle));
    this.name = info.name;
    this.version = info.ruleset_version;
    this.title = info.title;
    this.hash = info.hash;
    this.defaultTriage = NAMES.triage[info.default_triage];
    this.testCount = info.test_count;
    this.#counts = [info.condition_count, info.rule_count];
    const findings = [];
    const f = { version: 1 };
    for (let i = 0; i < info.finding_count; i++) {
      check(fn.ardent_finding_get(f, handle, i));
      const type = NAMES.findingType[f.type];
      const domain = native.decodeStrings(f.values, f.value_count);
      const number = f.type === native.FINDING_NUMBER;
      findings.push(Object.freeze({
        index: f.index,
        name: f.name,
        type,
        label: f.label,
        question: f.question,
        domain,
        min: number && !Number.isNaN(f.min) ? f.min : null,
        max: number && !Number.isNaN(f.max) ? f.max : null,
        integer: f.integer === 1,
        unit: nameOrEmpty(f.unit),
        group: nameOrEmpty(f.group),
        codes: native.decodeCodes(f.codes, f.code_count),
      }));
      this.#slots.set(f.name, [f.index, f.type, new Map(domain.map((v, k) => [v, k]))]);
    }
    /** The findings the rule set declares, in declaration order. */
    this.findings = Object.freeze(findings);
  }

  /** The conditions the rule set declares, in declaration order. */
  get conditions() {
    if (this.#conditions === null) this.#conditions = this.#native.use((h) => this.#readConditions(h));
    return this.#conditions;
  }

  #readConditions(h) {
    const out = [];
    const c = { version: 1 };
    for (let i = 0; i < this.#counts[0]; i++) {
      check(fn.ardent_condition_get(c, h, i));
      out.push(Object.freeze({
        index: c.index,
        name: c.name,
        label: c.label,
        codes: native.decodeCodes(c.codes, c.code_count),
        advice: native.decodeStrings(c.advice, c.advice_count),
      }));
    }
    return Object.freeze(out);
  }

  /** Rules and red flags, in declaration order. */
  get rules() {
    if (this.#rules === null) {
      this.#rules = this.#native.use((h) => this.#readRules(h));
      this.#ruleIndex = new Map(this.#rules.map((rule) => [rule.name, rule.index]));
    }
    return this.#rules;
  }

  #readRules(h) {
    const out = [];
    const r = { version: 1 };
    for (let i = 0; i < this.#counts[1]; i++) {
      check(fn.ardent_rule_get(r, h, i));
      out.push(Object.freeze({
        index: r.index,
        name: r.name,
        redflag: r.redflag === 1,
        priority: r.priority,
        label: r.label,
        triage: r.triage >= 0 ? NAMES.triage[r.triage] : null,
        advice: native.decodeStrings(r.advice, r.advice_count),
        codes: native.decodeCodes(r.codes, r.code_count),
        location: { file: r.file, line: r.line, column: r.column },
        source: r.source,
      }));
    }
    return Object.freeze(out);
  }

  get redFlags() {
    return this.rules.filter((r) => r.redflag);
  }

  /** The finding called `name`; NotFoundError (with a "did you mean") otherwise. */
  finding(name) {
    const slot = this.#slots.get(name);
    if (slot === undefined) this.#missingFinding(name);
    return this.findings[slot[0]];
  }

  /** A rule's index from its name (or the index itself). */
  ruleIndex(rule) {
    if (typeof rule === 'number') return rule;
    this.rules;
    const index = this.#ruleIndex.get(rule);
    if (index !== undefined) return index;
    const out = [0];
    this.#native.use((h) => check(fn.ardent_rule_index(out, h, String(rule))));
    return out[0];
  }

  /**
   * Evaluates one case: an object (or Map) of finding values -- a boolean, a number, an enum
   * value's name, a duration ({amount, unit}, a number of days or a string such as "6 weeks"),
   * or null for "asked, and nobody knows"; a finding left out (or undefined) is "not asked" --
   * or the same as JSON text. `maxAsk` limits the ask-next list (0: all). With `audit` (an
   * AuditLog), the evaluation is recorded there with `context` ({ encounterId, userId, tags }).
   * `fhir` takes FHIR R4 resources (a Bundle or one resource, an object or JSON text), read
   * after `findings`: QuestionnaireResponse answers by linkId, Observations and Conditions by
   * the codes the findings declare; answers that disagree become unknown and a warning.
   */
  evaluate(findings = {}, { maxAsk = 0, audit = null, context = null, fhir = null } = {}) {
    if (audit !== null || context !== null) return this.#evaluateAudited(findings, fhir, maxAsk, audit, context);
    return this.#native.use((h) => {
      const c = this.#cases(h, 1)[0];
      fn.ardent_case_clear(c);
      this.#fill(c, findings);
      if (fhir !== null) this.#fillFhir(c, fhir);
      const opts = this.#evaluateOptions(maxAsk);
      const pool = this.#pool;
      const reused = pool.take();
      if (reused === null) {
        const out = [null];
        check(fn.ardent_evaluate(out, h, c, opts));
        return new Result(out[0], this, pool);
      }
      const rc = fn.ardent_evaluate_into(reused, h, c, opts);
      if (rc !== 0) {
        pool.give(reused);
        check(rc);
      }
      return new Result(reused, this, pool);
    });
  }

  #evaluateAudited(findings, fhir, maxAsk, audit, context) {
    if (audit === null) throw new InvalidArgumentError('context is recorded only with audit', { status: -4 });
    if (maxAsk) {
      throw new InvalidArgumentError('maxAsk cannot be combined with audit: the audited evaluation takes no options',
        { status: -4 });
    }
    const log = nativeOf(audit);
    const ctx = auditContext(context);
    return this.#native.use((h) => log.use((l) => {
      const c = this.#cases(h, 1)[0];
      fn.ardent_case_clear(c);
      this.#fill(c, findings);
      if (fhir !== null) this.#fillFhir(c, fhir);
      const pool = this.#pool;
      let out = pool.take();
      if (out === null) {
        const created = [null];
        check(fn.ardent_result_new(created));
        out = created[0];
      }
      // When only the log failed, the result holds the evaluation: withheld, as it was not recorded.
      const rc = fn.ardent_evaluate_audited_into(out, h, c, ctx, l);
      if (rc !== 0) {
        pool.give(out);
        check(rc);
      }
      return new Result(out, this, pool);
    }));
  }

  /**
   * Evaluates many cases (objects or JSON texts, e.g. the lines of a JSON Lines file) through
   * the library's batch call, `chunkSize` at a time on `threads` threads (0: one per
   * processor). Returns an iterator of results in the order of `cases`.
   */
  evaluateMany(cases, { threads = 0, maxAsk = 0, chunkSize = 1024 } = {}) {
    if (!(chunkSize >= 1)) throw new RangeError('chunkSize must be at least 1');
    const iterator = cases[Symbol.iterator]();
    return this.#batches(iterator, threads, maxAsk, chunkSize);
  }

  * #batches(iterator, threads, maxAsk, chunkSize) {
    const opts = this.#evaluateOptions(maxAsk);
    for (const chunk of chunks(iterator, chunkSize)) {
      // The use ends before the results are yielded: a consumer that stops iterating must not
      // keep a disposed rule set from being freed.
      yield* this.#native.use((h) => this.#evaluateChunk(h, chunk, threads, opts));
    }
  }

  // The chunk's cases in this rule set's reused case handles, as an array for the library.
  #filled(h, chunk) {
    const cases = this.#cases(h, chunk.length);
    const handles = new BigUint64Array(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      fn.ardent_case_clear(cases[i]);
      this.#fill(cases[i], chunk[i]);
      handles[i] = cases[i];
    }
    return handles;
  }

  #evaluateChunk(h, chunk, threads, opts) {
    const count = chunk.length;
    const handles = this.#filled(h, chunk);
    const pool = this.#pool;
    const outs = new BigUint64Array(count); // 0: a new result; else one to evaluate into
    for (let i = 0, r; i < count && (r = pool.take()) !== null; i++) outs[i] = r;
    const rc = fn.ardent_evaluate_batch(outs, h, handles, count, threads, opts);
    const results = [];
    for (const r of outs) if (r !== 0n) results.push(new Result(r, this, pool)); // owned whatever rc says
    check(rc);
    return results;
  }

  /**
   * The triage and fired rules of many cases and nothing else, through the library's bit-sliced
   * evaluation (64 cases a machine word): for a population screen. Takes what evaluateMany()
   * takes; yields `{ triage, fired, redFlags }` per case in order (rule names, declaration order).
   */
  triageMany(cases, { threads = 0, chunkSize = 4096 } = {}) {
    if (!(chunkSize >= 1)) throw new RangeError('chunkSize must be at least 1');
    const iterator = cases[Symbol.iterator]();
    return this.#triageChunks(iterator, threads, chunkSize);
  }

  * #triageChunks(iterator, threads, chunkSize) {
    const rules = this.rules;
    const words = Math.ceil(rules.length / 64);
    for (const chunk of chunks(iterator, chunkSize)) {
      const count = chunk.length;
      const triage = new Int32Array(count);
      const fired = new BigUint64Array(Math.max(1, count * words));
      this.#native.use((h) => {
        check(fn.ardent_evaluate_sliced(triage, fired, h, this.#filled(h, chunk), count, threads));
      });
      for (let i = 0; i < count; i++) {
        const hit = [];
        for (let w = 0; w < words; w++) {
          for (let word = fired[i * words + w], bit = 0; word !== 0n; word >>= 1n, bit++) {
            if (word & 1n) hit.push(rules[w * 64 + bit]);
          }
        }
        yield Object.freeze({
          triage: NAMES.triage[triage[i]],
          fired: hit.map((r) => r.name),
          redFlags: hit.filter((r) => r.redflag).map((r) => r.name),
        });
      }
    }
  }

  /**
   * evaluateMany() that keeps the event loop free: each chunk's cases are read on the calling
   * thread, then evaluated on the library's threads while other callbacks run. Returns an async
   * iterator of results in the order of `cases` (`for await (const r of ...)`).
   */
  evaluateManyAsync(cases, { threads = 0, maxAsk = 0, chunkSize = 1024 } = {}) {
    if (!(chunkSize >= 1)) throw new RangeError('chunkSize must be at least 1');
    const iterator = cases[Symbol.iterator]();
    return this.#batchesAsync(iterator, threads, maxAsk, chunkSize);
  }

  async * #batchesAsync(iterator, threads, maxAsk, chunkSize) {
    const opts = this.#evaluateOptions(maxAsk);
    const own = []; // this call's cases: a batch in flight shares them with no other call
    try {
      for (const chunk of chunks(iterator, chunkSize)) {
        yield* await this.#native.useAsync((h) => this.#evaluateChunkAsync(h, chunk, own, threads, opts));
      }
    } finally {
      for (const c of own) fn.ardent_case_free(c);
    }
  }

  async #evaluateChunkAsync(h, chunk, own, threads, opts) {
    const count = chunk.length;
    while (own.length < count) {
      const out = [null];
      check(fn.ardent_case_new(out, h));
      own.push(out[0]);
    }
    const handles = new BigUint64Array(count);
    for (let i = 0; i < count; i++) {
      fn.ardent_case_clear(own[i]);
      this.#fill(own[i], chunk[i]);
      handles[i] = own[i];
    }
    const pool = this.#pool;
    const outs = new BigUint64Array(count); // 0: a new result; else one to evaluate into
    for (let i = 0, r; i < count && (r = pool.take()) !== null; i++) outs[i] = r;
    const rc = await new Promise((resolve, reject) => {
      fn.ardent_evaluate_batch.async(outs, h, handles, count, threads, opts, (err, value) => (err ? reject(err) : resolve(value)));
    });
    const results = [];
    for (const r of outs) if (r !== 0n) results.push(new Result(r, this, pool)); // owned whatever rc says
    // Arguments were checked here, so only a lack of memory fails the batch; its message stayed
    // on the worker thread, and the error says only its status.
    check(rc);
    return results;
  }

  #cases(h, count) {
    const cases = this.#caseHandles;
    while (cases.length < count) {
      const out = [null];
      check(fn.ardent_case_new(out, h));
      cases.push(out[0]);
    }
    return cases;
  }

  #evaluateOptions(maxAsk) {
    if (!maxAsk) return null;
    let opts = this.#options.get(maxAsk);
    if (opts === undefined) this.#options.set(maxAsk, (opts = { version: 1, max_ask: maxAsk }));
    return opts;
  }

  #fillFhir(c, resources) {
    if (resources !== null && typeof resources === 'object' && !(resources instanceof Uint8Array)) {
      resources = JSON.stringify(resources);
    }
    if (typeof resources === 'string') resources = Buffer.from(resources, 'utf8');
    if (!(resources instanceof Uint8Array)) throw new TypeError('fhir is a FHIR resource object or its JSON text');
    check(fn.ardent_case_set_fhir(c, resources, resources.length));
  }

  #fill(c, findings) {
    if (typeof findings === 'string') findings = Buffer.from(findings, 'utf8');
    if (findings instanceof Uint8Array) {
      check(fn.ardent_case_set_json(c, findings, findings.length));
      return;
    }
    if (findings === null || typeof findings !== 'object') {
      throw new TypeError('a case is an object of finding values or a JSON text');
    }
    const entries = findings instanceof Map ? findings : Object.entries(findings);
    for (const [name, value] of entries) {
      if (value === undefined) continue;
      const slot = this.#slots.get(name);
      if (slot === undefined) this.#missingFinding(name);
      const [index, type, domain] = slot;
      let rc;
      switch (typeof value) {
        case 'boolean':
          rc = fn.ardent_case_set_bool_at(c, index, value ? 1 : 0);
          break;
        case 'number':
        case 'bigint':
          rc = type === native.FINDING_DURATION
            ? fn.ardent_case_set_duration_at(c, index, Number(value), native.DAYS)
            : fn.ardent_case_set_number_at(c, index, Number(value));
          break;
        case 'string':
          if (type === native.FINDING_ENUM && domain.has(value)) {
            rc = fn.ardent_case_set_enum_index_at(c, index, domain.get(value));
          } else if (type === native.FINDING_DURATION) { // "6 weeks": the library parses it
            const json = Buffer.from(JSON.stringify({ [name]: value }), 'utf8');
            rc = fn.ardent_case_set_json(c, json, json.length);
          } else { // the library explains what is wrong with it
            rc = fn.ardent_case_set_enum_at(c, index, value);
          }
          break;
        default:
          if (value === null) {
            rc = fn.ardent_case_set_unknown_at(c, index);
          } else if (typeof value === 'object' && typeof value.amount === 'number' && typeof value.unit === 'string') {
            const unit = NAMES.durationUnit.indexOf(value.unit);
            rc = fn.ardent_case_set_duration_at(c, index, value.amount, unit); // -1: the library refuses it
          } else {
            throw new TypeMismatchError(
              `finding '${name}': ${typeof value} is not a finding value (use a boolean, a number, a string, ` +
              '{amount, unit} or null)', { status: -2, finding: name });
          }
      }
      if (rc !== 0) check(rc);
    }
  }

  #missingFinding(name) {
    const out = [0];
    this.#native.use((h) => check(fn.ardent_finding_index(out, h, String(name))));
    throw new Error(`ardent: the library knows finding '${name}' but the binding does not`);
  }

  /**
   * Releases the library handle now or, when called from code an evaluation of this rule set
   * runs (a getter of a case), once that evaluation is done; evaluating afterwards throws
   * InvalidArgumentError. Results made from it stay fully usable; see the README for what the
   * rule set itself keeps.
   */
  dispose() {
    this.#native.close();
  }

  get disposed() {
    return this.#native.closed;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  RuleSet.prototype[Symbol.dispose] = RuleSet.prototype.dispose;
}

module.exports = { compile, loadStored, RuleSet };
