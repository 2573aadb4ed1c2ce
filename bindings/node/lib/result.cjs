'use strict';
// The outcome of one evaluation, read from the library on first access.

const native = require('./native.cjs');
const { check } = require('./errors.cjs');
const { Handle } = require('./handle.cjs');

const { fn, NAMES } = native;

const WARNING_KINDS = ['division_by_zero', 'conflicting_answers'];
const OWNERS = ['rule', 'define', 'score', 'finding'];

// Rules are looked up in the rule set the result keeps alive, never through the RuleSet object
// it came from, which may have been disposed of since.
function ruleName(result, rule) {
  const r = { version: 1 };
  check(fn.ardent_rule_get(r, fn.ardent_result_ruleset(result), rule));
  return r.name;
}

function ruleCount(result) {
  const info = { version: 1 };
  check(fn.ardent_ruleset_get_info(info, fn.ardent_result_ruleset(result)));
  return info.rule_count;
}

function ruleIndex(result, rule) {
  if (typeof rule === 'number') return rule;
  const out = [0];
  check(fn.ardent_rule_index(out, fn.ardent_result_ruleset(result), String(rule)));
  return out[0];
}

const MAX_POOLED = 4096;

/**
 * Result handles of disposed (or collected) results of one rule set, kept for reuse:
 * evaluating into a result already used with the rule set allocates nothing.
 */
class ResultPool {
  #handles = [];
  #open = true;

  take() {
    return this.#handles.length ? this.#handles.pop() : null;
  }

  give(handle) {
    if (this.#open && this.#handles.length < MAX_POOLED) this.#handles.push(handle);
    else fn.ardent_result_free(handle);
  }

  close() {
    this.#open = false;
    for (const handle of this.#handles) fn.ardent_result_free(handle);
    this.#handles = [];
  }
}

const triageName = (t) => (t >= 0 ? NAMES.triage[t] : null);

/**
 * What the rule set concluded for one case. Holds a library handle, freed by dispose() (or a
 * `using` declaration) or, failing that, when the result is garbage-collected. The handle keeps
 * the library's rule set alive: every reading works after the RuleSet is disposed of.
 */
class Result {
  #native;
  #cache = {};

  constructor(handle, ruleset, pool) {
    // The handle goes back to the rule set's pool for reuse (or is freed).
    this.#native = new Handle(this, handle, pool.give.bind(pool), 'the result has been disposed of');
    /** The rule set that produced the result: its name, version and hash are the provenance. */
    this.ruleset = ruleset;
  }

  #cached(key, read) {
    if (!(key in this.#cache)) this.#cache[key] = this.#native.use(read);
    return this.#cache[key];
  }

  /** The most urgent level set by a fired rule or red flag, else the rule set's default. */
  get triage() {
    return this.#cached('triage', (h) => NAMES.triage[check(fn.ardent_result_triage(h))]);
  }

  /** True when no fired rule set a triage. */
  get triageIsDefault() {
    return this.#cached('triageIsDefault', (h) => check(fn.ardent_result_triage_is_default(h)) === 1);
  }

  /** Every fired red flag, most urgent first. */
  get redFlags() {
    return this.#cached('redFlags', (h) => {
      const out = [];
      const item = { version: 1 };
      for (let i = 0, n = fn.ardent_result_redflag_count(h); i < n; i++) {
        check(fn.ardent_result_get_redflag(item, h, i));
        out.push({ id: item.id, label: item.label, triage: triageName(item.triage), rule: item.rule });
      }
      return out;
    });
  }

  /** Concluded conditions: suggested, then considered, then excluded. */
  get conditions() {
    return this.#cached('conditions', (h) => {
      const out = [];
      const item = { version: 1 };
      for (let i = 0, n = fn.ardent_result_condition_count(h); i < n; i++) {
        check(fn.ardent_result_get_condition(item, h, i));
        out.push({
          id: item.id,
          label: item.label,
          status: NAMES.conditionStatus[item.status],
          strength: NAMES.strength[item.strength] || null,
          priority: item.priority,
          codes: native.decodeCodes(item.codes, item.code_count),
          advice: native.decodeStrings(item.advice, item.advice_count),
          condition: item.condition,
        });
      }
      return out;
    });
  }

  get suggested() {
    return this.conditions.filter((c) => c.status === 'suggested');
  }

  get considered() {
    return this.conditions.filter((c) => c.status === 'considered');
  }

  get excluded() {
    return this.conditions.filter((c) => c.status === 'excluded');
  }

  /** Advice from fired red flags, fired rules and suggested conditions, each once. */
  get advice() {
    return this.#cached('advice', (h) => {
      const out = [];
      const text = [null];
      for (let i = 0, n = fn.ardent_result_advice_count(h); i < n; i++) {
        check(fn.ardent_result_get_advice(text, h, i));
        out.push(text[0]);
      }
      return out;
    });
  }

  /** The unasked findings that could still change the outcome, best first. */
  get askNext() {
    return this.#cached('askNext', (h) => {
      const out = [];
      const item = { version: 1 };
      for (let i = 0, n = fn.ardent_result_ask_count(h); i < n; i++) {
        check(fn.ardent_result_get_ask(item, h, i));
        out.push({
          finding: item.name,
          question: item.question,
          reason: NAMES.askReason[item.reason] ?? String(item.reason),
          couldDecide: native.decodeIndices(item.rules, item.rule_count).map((r) => ruleName(h, r)),
        });
      }
      return out;
    });
  }

  /** Rules and red flags whose condition is still unknown, with what could decide them. */
  get undecided() {
    return this.#cached('undecided', (h) => {
      const findings = this.ruleset.findings;
      const out = [];
      const item = { version: 2 };
      for (let i = 0, n = fn.ardent_result_undecided_count(h); i < n; i++) {
        check(fn.ardent_result_get_undecided(item, h, i));
        out.push({
          id: item.id,
          redflag: item.redflag === 1,
          missing: native.decodeIndices(item.missing, item.missing_count).map((f) => findings[f].name),
          rule: item.rule,
          standing: NAMES.standing[item.standing] ?? String(item.standing),
        });
      }
      return out;
    });
  }

  /**
   * The state of the interview: complete when the screen is answered and nothing not yet asked
   * could change the triage, the red flags or the leading condition (exactly when askNext is
   * empty); until then the triage is provisional, and never self-care.
   */
  get interview() {
    return this.#cached('interview', (h) => {
      const item = { version: 1 };
      check(fn.ardent_result_interview(item, h));
      const findings = this.ruleset.findings;
      const names = (ptr, count) => native.decodeIndices(ptr, count).map((f) => findings[f].name);
      return Object.freeze({
        complete: item.complete === 1,
        provisional: item.provisional === 1,
        selfCareWithheld: item.self_care_withheld === 1,
        screen: item.screen_count === 0 ? null : Object.freeze({
          title: item.screen_title,
          findings: names(item.screen, item.screen_count),
          asked: item.screen_asked,
          pending: names(item.screen_pending, item.screen_pending_count),
        }),
      });
    });
  }

  /** True when nothing more is worth asking (see interview). */
  get complete() {
    return this.interview.complete;
  }

  /** True while the interview is incomplete: the triage may still change. */
  get provisional() {
    return this.interview.provisional;
  }

  /** True when the rules concluded self-care but the interview is incomplete (triage says routine). */
  get selfCareWithheld() {
    return this.interview.selfCareWithheld;
  }

  /** The screen's findings not asked yet, in the screen's order (empty without a screen). */
  get screenPending() {
    return this.interview.screen ? this.interview.screen.pending : [];
  }

  /**
   * Problems met while reading the case (FHIR answers that disagree, owner 'finding') and while
   * evaluating it (a division by zero, each expression once).
   */
  get warnings() {
    return this.#cached('warnings', (h) => {
      const out = [];
      const item = { version: 1 };
      for (let i = 0, n = fn.ardent_result_warning_count(h); i < n; i++) {
        check(fn.ardent_result_get_warning(item, h, i));
        out.push({
          kind: WARNING_KINDS[item.kind] ?? String(item.kind),
          owner: OWNERS[item.owner] ?? String(item.owner),
          name: item.name,
        });
      }
      return out;
    });
  }

  /** Whether rule (or red flag) `rule`, a name or an index, fired, did not fire or is undecided. */
  ruleState(rule) {
    return this.#native.use((h) => NAMES.ruleState[check(fn.ardent_result_rule_state(h, ruleIndex(h, rule)))]);
  }

  /**
   * Why `rule` (a name or index) fired, did not fire or is undecided. Without an argument:
   * the explanations of every fired rule and red flag, in declaration order.
   */
  explain(rule) {
    return this.#native.use((h) => {
      if (rule !== undefined && rule !== null) return this.#explain(h, ruleIndex(h, rule));
      const out = [];
      for (let i = 0, n = ruleCount(h); i < n; i++) {
        if (fn.ardent_result_rule_state(h, i) === 2) out.push(this.#explain(h, i));
      }
      return out;
    });
  }

  #explain(h, index) {
    const e = { version: 1 };
    check(fn.ardent_result_explain(e, h, index));
    const findings = this.ruleset.findings;
    const names = (ptr, count) => native.decodeFacts(ptr, count).map((f) => findings[f.index].name);
    return {
      rule: ruleName(h, e.rule),
      state: NAMES.ruleState[e.state],
      text: e.text,
      facts: native.decodeFacts(e.facts, e.fact_count).map((f) => ({
        kind: ['finding', 'score', 'presence'][f.kind] ?? String(f.kind),
        index: f.index,
        holds: f.holds !== 0,
        text: f.text,
      })),
      missing: names(e.missing, e.missing_count),
      unknown: names(e.unknown, e.unknown_count),
      location: { file: e.file, line: e.line, column: e.column },
    };
  }

  #render(render, flags) {
    const out = [null];
    this.#native.use((h) => check(render(out, h, flags)));
    return out[0];
  }

  /** The JSON result (schema version 2: codes as FHIR Codings) as the library renders it. */
  json({ pretty = false } = {}) {
    return this.#render(fn.ardent_result_json, pretty ? native.RENDER_PRETTY : 0);
  }

  /** The JSON result as an object (also what JSON.stringify(result) serialises). */
  toJSON() {
    return JSON.parse(this.json());
  }

  /** The CDS Hooks service response {"cards": [...]} as the library renders it. */
  cdsHooksJSON({ pretty = false } = {}) {
    return this.#render(fn.ardent_result_cds_cards, pretty ? native.RENDER_PRETTY : 0);
  }

  /** The CDS Hooks cards: a red flag is critical, an urgent triage a warning, the rest info. */
  cdsCards() {
    return JSON.parse(this.cdsHooksJSON()).cards ?? [];
  }

  /** A plain-text report for a clinician; with `undecided`, the undecided rules too. */
  report({ undecided = false } = {}) {
    return this.#render(fn.ardent_result_text, undecided ? native.RENDER_UNDECIDED : 0);
  }

  toString() {
    return this.report();
  }

  /**
   * Releases the library handle now (for reuse by the next evaluation); what was already read
   * stays readable.
   */
  dispose() {
    this.#native.close();
  }

  get disposed() {
    return this.#native.closed;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Result.prototype[Symbol.dispose] = Result.prototype.dispose;
}

module.exports = { Result, ResultPool };
