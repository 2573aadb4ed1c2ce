// Type declarations of the Node.js binding of Ardent (CommonJS and ES module entries alike).

export type Triage = 'self_care' | 'routine' | 'urgent' | 'emergency';
export type FindingType = 'bool' | 'enum' | 'number' | 'duration';
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';
export type Severity = 'error' | 'warning' | 'note';
export type RuleState = 'not_fired' | 'undecided' | 'fired';
export type ConditionStatus = 'suggested' | 'considered' | 'excluded';
export type Strength = 'likely' | 'possible';
/**
 * Why a finding is asked. The interview asks 'screen' first, then 'red_flag' and
 * 'raises_triage', 'requested', then 'lowers_triage' and 'decides_condition'. 'refines' is no
 * longer produced.
 */
export type AskReason =
  | 'screen'
  | 'red_flag'
  | 'raises_triage'
  | 'requested'
  | 'lowers_triage'
  | 'decides_condition'
  | 'refines';
/**
 * Where an undecided rule stands in the interview: 'raises', 'lowers' and 'decides_condition'
 * drive questions; the others say why it does not.
 */
export type Standing =
  | 'no_true_part'
  | 'raises'
  | 'lowers'
  | 'decides_condition'
  | 'nothing_to_ask'
  | 'no_change'
  | 'distant';
export type FactKind = 'finding' | 'score' | 'presence';

/** A duration finding's value; a number alone means days, a string reads "6 weeks". */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/**
 * A finding's value: a boolean for yes/no findings, a number for number findings, an enum
 * value's name, a duration, or null for "asked, and nobody knows". A finding left out (or
 * undefined) is "not asked".
 */
export type Value = boolean | number | string | Duration | null | undefined;

/** A case: finding values by name, or the same as JSON text (e.g. one JSON Lines line). */
export type Findings = Record<string, Value> | Map<string, Value> | string | Uint8Array;

export interface Code {
  system: string;
  value: string;
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic extends Location {
  severity: Severity;
  /** Machine-readable kind: "syntax", "unknown-name", ... */
  code: string;
  length: number;
  message: string;
  sourceLine: string;
  /** As a compiler prints it, with the caret. */
  text: string;
}

export interface Finding {
  index: number;
  name: string;
  type: FindingType;
  label: string;
  /** The `ask` text; "" when none. */
  question: string;
  /** Enum findings: the values in declared order; else empty. */
  domain: readonly string[];
  /** Number findings: the declared range; null when unbounded or not a number finding. */
  min: number | null;
  max: number | null;
  integer: boolean;
  unit: string;
  group: string;
  codes: readonly Code[];
}

export interface ConditionInfo {
  index: number;
  name: string;
  label: string;
  codes: readonly Code[];
  advice: readonly string[];
}

export interface RuleInfo {
  index: number;
  name: string;
  redflag: boolean;
  priority: number;
  label: string;
  /** The level it sets, or null when it sets none. */
  triage: Triage | null;
  advice: readonly string[];
  codes: readonly Code[];
  location: Location;
  source: string;
}

export interface RedFlag {
  id: string;
  label: string;
  triage: Triage | null;
  rule: number;
}

export interface Conclusion {
  id: string;
  label: string;
  status: ConditionStatus;
  /** Suggested conditions: "likely" or "possible", null for a plain suggestion. */
  strength: Strength | null;
  priority: number;
  codes: Code[];
  advice: string[];
  condition: number;
}

export interface Ask {
  finding: string;
  question: string;
  reason: AskReason;
  /** Names of the undecided rules it could decide. */
  couldDecide: string[];
}

export interface Undecided {
  id: string;
  redflag: boolean;
  /** Unasked findings that could still decide it. */
  missing: string[];
  rule: number;
  /** Where it stands in the interview: whether it drives questions, and if not, why not. */
  standing: Standing;
}

/** The rule set's screen as far as the evaluated case goes. */
export interface ScreenProgress {
  title: string;
  /** The screen's findings, in order. */
  readonly findings: readonly string[];
  /** How many of them are answered (given or unknown). */
  asked: number;
  /** Those not asked yet, in order. */
  readonly pending: readonly string[];
}

/**
 * The interview: complete when the screen is answered and nothing not yet asked could change
 * the triage, the red flags or the leading condition (exactly when askNext is empty). Until
 * then the triage is provisional, and never self-care.
 */
export interface Interview {
  readonly complete: boolean;
  readonly provisional: boolean;
  /** The rules concluded self-care, but the interview is incomplete: the triage says routine. */
  readonly selfCareWithheld: boolean;
  /** null when the rule set declares no screen. */
  readonly screen: ScreenProgress | null;
}

export interface EvalWarning {
  kind: 'division_by_zero' | 'conflicting_answers' | string;
  owner: 'rule' | 'define' | 'score' | 'finding' | string;
  name: string;
}

export interface Fact {
  kind: FactKind;
  index: number;
  holds: boolean;
  text: string;
}

export interface Explanation {
  rule: string;
  state: RuleState;
  /** The reasons as one phrase. */
  text: string;
  /** Fired: what made it true; not fired: what was false. */
  facts: Fact[];
  /** Undecided: unasked findings that could decide it. */
  missing: string[];
  /** Undecided: findings recorded as unknown that keep it open. */
  unknown: string[];
  location: Location;
}

export interface CdsCard {
  uuid: string;
  summary: string;
  indicator: 'info' | 'warning' | 'critical';
  detail: string;
  source: { label: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface RenderOptions {
  pretty?: boolean;
}

export interface TriageManyOptions {
  /** Threads (0: one per processor). */
  threads?: number;
  /** Cases per call (default 4096). */
  chunkSize?: number;
}

/** What triageMany() gives for a case. */
export interface Triaged {
  readonly triage: Triage;
  /** Names of the fired rules and red flags, in declaration order. */
  readonly fired: readonly string[];
  /** Names of the fired red flags, in declaration order. */
  readonly redFlags: readonly string[];
}

export interface EvaluateManyOptions {
  /** At most this many ask-next items (0: all). */
  maxAsk?: number;
  /** Threads for the batch call (0: one per processor). */
  threads?: number;
  /** Cases per batch call (default 1024). */
  chunkSize?: number;
}

export interface CompileOptions {
  /** Warnings count as errors. */
  werror?: boolean;
  /** File name used in diagnostics when compiling source text. */
  name?: string | null;
  /** For 'db:FILE:SPEC' only: public key files, as RegistryOptions.trust. */
  trust?: string[];
}

/** Who asked for an evaluation, stored with its audit row. */
export interface AuditContext {
  encounterId?: string;
  userId?: string;
  /** Free-form labels, e.g. { site: 'north' }. */
  tags?: Record<string, string> | Map<string, string>;
}

export interface EvaluateOptions {
  /** At most this many ask-next items (0: all); cannot be combined with `audit`. */
  maxAsk?: number;
  /** Records the evaluation in this log (InvalidArgumentError with `maxAsk`). */
  audit?: AuditLog | null;
  /** Who asked, stored with the audit row; only with `audit`. */
  context?: AuditContext | null;
  /** FHIR R4 resources (a Bundle or one resource, an object or JSON text), read after the findings. */
  fhir?: object | string | Uint8Array | null;
}

/** The outcome of one evaluation; properties are read from the library on first access. */
export class Result {
  private constructor();
  readonly ruleset: RuleSet;
  readonly triage: Triage;
  readonly triageIsDefault: boolean;
  readonly redFlags: RedFlag[];
  readonly conditions: Conclusion[];
  readonly suggested: Conclusion[];
  readonly considered: Conclusion[];
  readonly excluded: Conclusion[];
  readonly advice: string[];
  readonly askNext: Ask[];
  readonly undecided: Undecided[];
  readonly warnings: EvalWarning[];
  /** Whether the interview is complete, and the screen's questions answered and pending. */
  readonly interview: Interview;
  /** interview.complete: nothing more is worth asking. */
  readonly complete: boolean;
  /** interview.provisional: the interview is incomplete, the triage may still change. */
  readonly provisional: boolean;
  /** interview.selfCareWithheld. */
  readonly selfCareWithheld: boolean;
  /** The screen's findings not asked yet, in order (empty without a screen). */
  readonly screenPending: readonly string[];
  readonly disposed: boolean;
  ruleState(rule: string | number): RuleState;
  explain(): Explanation[];
  explain(rule: string | number): Explanation;
  /** The JSON result (schema version 2: codes as FHIR Codings) as the library renders it. */
  json(options?: RenderOptions): string;
  toJSON(): Record<string, unknown>;
  cdsHooksJSON(options?: RenderOptions): string;
  cdsCards(): CdsCard[];
  report(options?: { undecided?: boolean }): string;
  toString(): string;
  /** Releases the library handle now (otherwise done when garbage-collected). */
  dispose(): void;
  [Symbol.dispose](): void;
}

/** A compiled rule set: immutable. */
export class RuleSet {
  private constructor();
  readonly name: string;
  readonly version: string;
  readonly title: string;
  /** SHA-256 of the sources, lower-case hex. */
  readonly hash: string;
  readonly defaultTriage: Triage;
  readonly testCount: number;
  /** Warnings (and notes) of the compile. */
  readonly diagnostics: readonly Diagnostic[];
  readonly findings: readonly Finding[];
  readonly conditions: readonly ConditionInfo[];
  readonly rules: readonly RuleInfo[];
  readonly redFlags: RuleInfo[];
  readonly disposed: boolean;
  finding(name: string): Finding;
  ruleIndex(rule: string | number): number;
  evaluate(findings?: Findings, options?: EvaluateOptions): Result;
  evaluateMany(cases: Iterable<Findings>, options?: EvaluateManyOptions): IterableIterator<Result>;
  /** Only the triage and fired rules of many cases, bit-sliced (64 cases a word): for a population screen. */
  triageMany(cases: Iterable<Findings>, options?: TriageManyOptions): IterableIterator<Triaged>;
  /** evaluateMany() whose evaluation runs off the event loop: an async iterator of results. */
  evaluateManyAsync(cases: Iterable<Findings>, options?: EvaluateManyOptions): AsyncIterableIterator<Result>;
  /**
   * Releases the library handle now (or, called during an evaluation of this rule set, once it
   * is done); evaluating afterwards throws InvalidArgumentError. Results made from it stay
   * fully usable.
   */
  dispose(): void;
  [Symbol.dispose](): void;
}

/**
 * Compiles a rule set from a path (directory or .ard file) or from source text; 'db:FILE:SPEC'
 * loads SPEC ("name@version" or "name@approved") from the registry FILE.
 */
export function compile(source: string | URL | Uint8Array, options?: CompileOptions): RuleSet;

/** An open rule-set registry; rule sets loaded from it stay usable after close(). */
export class Registry {
  private constructor();
  /** The registry file. */
  readonly path: string;
  readonly closed: boolean;
  /**
   * Compiles a stored version: "name@version" or "name@approved". NotFoundError when there is
   * no such version, CompileError when it does not compile, StorageError when the store fails.
   */
  load(spec: string): RuleSet;
  /** True when loading checks each version's signed approval against trusted keys. */
  readonly verifiesApprovals: boolean;
  /** Closes the registry now (otherwise done when garbage-collected); idempotent. */
  close(): void;
  [Symbol.dispose](): void;
}

export interface RegistryOptions {
  /**
   * Ed25519 public keys (PEM files): load() refuses, with a StorageError naming the version and
   * why, a version whose approval is not signed by one of them over what it holds now. Empty
   * (the default): approvals are not verified.
   */
  trust?: string[];
}

/** Opens an existing registry file; StorageError when it is missing or not a registry. */
export function openRegistry(path: string, options?: RegistryOptions): Registry;

export type Synchronous = 'off' | 'normal' | 'full';

export interface AuditOptions {
  /** How durable a committed row is (default 'normal'; 'full' fsyncs every commit). */
  synchronous?: Synchronous;
  /** Rows written per transaction at most (default 512). */
  batchSize?: number;
  /** How long, after a pause, a batch may wait to fill, in ms (default 100). */
  flushIntervalMs?: number;
  /** Recording blocks while this many rows wait (default 65536). */
  maxPending?: number;
  /** How long a write waits for another writer's lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  /** The PEM file of an Ed25519 private key that seals the log: every batch is committed with a
   *  checkpoint signed with it, and `ardent audit verify --sealed` refuses a row no checkpoint covers. */
  sealKey?: string | null;
}

/** An open audit log; rows are written in the background. */
export class AuditLog {
  private constructor();
  /** The log file. */
  readonly path: string;
  readonly closed: boolean;
  /** Returns once every row recorded before is durable; StorageError when writing failed. */
  flush(): void;
  /**
   * Appends a checkpoint of the head signed with the Ed25519 private key in the PEM file
   * `keyPath` (after committing every row recorded before); returns the row it covers.
   */
  checkpoint(keyPath: string): number;
  /** Flushes (throwing its error, if any) and closes the log, which is freed either way; idempotent. */
  close(): void;
  [Symbol.dispose](): void;
}

/** Opens the audit log in `path`, creating the file when missing; StorageError when it cannot. */
export function openAudit(path: string, options?: AuditOptions): AuditLog;

export interface ErrorDetails {
  status?: number;
  file?: string;
  line?: number;
  column?: number;
  finding?: string;
}

/** Any failure reported by the Ardent library. */
export class ArdentError extends Error {
  constructor(message: string, details?: ErrorDetails);
  /** The C status code (negative). */
  readonly status: number;
  /** "ARDENT_ENOTFOUND", ... */
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly finding: string;
}
export class CompileError extends ArdentError {
  readonly diagnostics: Diagnostic[];
  readonly errors: Diagnostic[];
  /** The library's one-line summary. */
  readonly summary: string;
}
export class TypeMismatchError extends ArdentError {}
export class NotFoundError extends ArdentError {}
export class InvalidArgumentError extends ArdentError {}
export class OutOfRangeError extends ArdentError {}
export class FileError extends ArdentError {}
export class StorageError extends ArdentError {}
export class OutOfMemoryError extends ArdentError {}
export class InternalError extends ArdentError {}

/** Returns a non-negative status code; throws the matching ArdentError for a negative one. */
export function check(rc: number, diagnostics?: Diagnostic[]): number;

export const TRIAGE_LEVELS: readonly Triage[];
export const DURATION_UNITS: readonly DurationUnit[];
export const libraryVersion: string;
export const libraryPath: string;
export const abiVersion: number;
export const SUPPORTED_ABI_VERSIONS: readonly number[];
export const version: string;

declare const ardent: {
  compile: typeof compile;
  RuleSet: typeof RuleSet;
  Result: typeof Result;
  openRegistry: typeof openRegistry;
  Registry: typeof Registry;
  openAudit: typeof openAudit;
  AuditLog: typeof AuditLog;
  ArdentError: typeof ArdentError;
  CompileError: typeof CompileError;
  TypeMismatchError: typeof TypeMismatchError;
  NotFoundError: typeof NotFoundError;
  InvalidArgumentError: typeof InvalidArgumentError;
  OutOfRangeError: typeof OutOfRangeError;
  FileError: typeof FileError;
  StorageError: typeof StorageError;
  OutOfMemoryError: typeof OutOfMemoryError;
  InternalError: typeof InternalError;
  check: typeof check;
  TRIAGE_LEVELS: typeof TRIAGE_LEVELS;
  DURATION_UNITS: typeof DURATION_UNITS;
  libraryVersion: string;
  libraryPath: string;
  abiVersion: number;
  SUPPORTED_ABI_VERSIONS: readonly number[];
  version: string;
};
export default ardent;
