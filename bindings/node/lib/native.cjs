'use strict';
// The koffi declarations of libardent's C interface (ardent.h) and the loaded library.
//
// Structs mirror ardent.h field for field. Every info or item struct is passed with the newest
// `version` this binding knows, so an older library refuses it instead of misreading it.

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

const SUPPORTED_ABI_VERSIONS = Object.freeze([1]);
const ENV_VARIABLE = 'ARDENT_LIBRARY';
const SONAME = 'libardent.so.1';

// The library's file name on each platform, in the per-platform folder the npm tarball carries
// (native/linux-x64/, native/win32-x64/ ...), the way koffi ships its own binaries.
const BUNDLED_NAMES = Object.freeze({ linux: SONAME, win32: 'ardent.dll', darwin: 'libardent.dylib' });

// Where to look, in order: the per-platform folder of the package in `packageDir`, then
// `explicit` ($ARDENT_LIBRARY), then the system's library path. The system is not tried when
// `explicit` is set: an explicit choice is never silently replaced by another installed copy.
function candidates(packageDir, explicit, platform = process.platform, arch = process.arch) {
  const found = [];
  const name = BUNDLED_NAMES[platform];
  if (name) {
    const bundled = path.join(packageDir, 'native', `${platform}-${arch}`, name);
    if (fs.existsSync(bundled)) found.push(bundled);
  }
  if (explicit) return [...found, explicit];
  found.push(name || SONAME);
  return found;
}

function load() {
  const failures = [];
  for (const file of candidates(path.join(__dirname, '..'), process.env[ENV_VARIABLE])) {
    try {
      return { lib: koffi.load(file), file };
    } catch (e) {
      failures.push(`  ${file}: ${e.message}`);
    }
  }
  throw new Error(
    `ardent: cannot load the Ardent library (${SONAME}): this package carries none that ` +
      `loads; set ${ENV_VARIABLE} to its path or install it on the library path. ` +
      `Tried:\n${failures.join('\n')}`);
}

const { lib, file } = load();

const abiVersion = lib.func('int ardent_abi_version(void)')();
if (!SUPPORTED_ABI_VERSIONS.includes(abiVersion)) {
  throw new Error(`ardent: the library ${file} has ABI version ${abiVersion}; this package ` +
    `supports ${SUPPORTED_ABI_VERSIONS.join(', ')}`);
}

// --- types ---------------------------------------------------------------------------------
for (const name of ['ardent_ruleset', 'ardent_case', 'ardent_result', 'ardent_diagnostics', 'ardent_registry',
  'ardent_audit']) {
  koffi.opaque(name);
}

const ErrorInfo = koffi.struct('ardent_error', {
  code: 'int',
  message: 'const char *',
  file: 'const char *',
  line: 'uint32_t',
  column: 'uint32_t',
  finding: 'const char *',
});

koffi.struct('ardent_code', { system: 'const char *', value: 'const char *' });
koffi.struct('ardent_compile_options', { version: 'unsigned int', werror: 'int' });
koffi.struct('ardent_evaluate_options', { version: 'unsigned int', max_ask: 'size_t' });

koffi.struct('ardent_diagnostic', {
  version: 'unsigned int',
  severity: 'int',
  code: 'const char *',
  file: 'const char *',
  line: 'uint32_t',
  column: 'uint32_t',
  length: 'uint32_t',
  message: 'const char *',
  source_line: 'const char *',
  text: 'const char *',
});

koffi.struct('ardent_ruleset_info', {
  version: 'unsigned int',
  name: 'const char *',
  ruleset_version: 'const char *',
  title: 'const char *',
  hash: 'const char *',
  default_triage: 'int',
  finding_count: 'size_t',
  condition_count: 'size_t',
  rule_count: 'size_t',
  redflag_count: 'size_t',
  test_count: 'size_t',
});

// Arrays inside structs stay pointers (BigInt) and are decoded with their counts.
koffi.struct('ardent_finding_info', {
  version: 'unsigned int',
  index: 'uint32_t',
  name: 'const char *',
  type: 'int',
  value_count: 'size_t',
  values: 'void *',
  min: 'double',
  max: 'double',
  integer: 'int',
  unit: 'const char *',
  label: 'const char *',
  question: 'const char *',
  group: 'const char *',
  code_count: 'size_t',
  codes: 'void *',
});

koffi.struct('ardent_condition_info', {
  version: 'unsigned int',
  index: 'uint32_t',
  name: 'const char *',
  label: 'const char *',
  code_count: 'size_t',
  codes: 'void *',
  advice_count: 'size_t',
  advice: 'void *',
});

koffi.struct('ardent_rule_info', {
  version: 'unsigned int',
  index: 'uint32_t',
  name: 'const char *',
  redflag: 'int',
  priority: 'int32_t',
  label: 'const char *',
  triage: 'int',
  advice_count: 'size_t',
  advice: 'void *',
  code_count: 'size_t',
  codes: 'void *',
  file: 'const char *',
  line: 'uint32_t',
  column: 'uint32_t',
  source: 'const char *',
});

koffi.struct('ardent_redflag', {
  version: 'unsigned int',
  rule: 'uint32_t',
  id: 'const char *',
  label: 'const char *',
  triage: 'int',
});

koffi.struct('ardent_conclusion', {
  version: 'unsigned int',
  condition: 'uint32_t',
  id: 'const char *',
  label: 'const char *',
  status: 'int',
  strength: 'int',
  priority: 'int32_t',
  code_count: 'size_t',
  codes: 'void *',
  advice_count: 'size_t',
  advice: 'void *',
});

koffi.struct('ardent_undecided', {
  version: 'unsigned int',
  rule: 'uint32_t',
  id: 'const char *',
  redflag: 'int',
  missing_count: 'size_t',
  missing: 'void *',
  standing: 'int', // version 2
});

koffi.struct('ardent_interview', {
  version: 'unsigned int',
  complete: 'int',
  provisional: 'int',
  self_care_withheld: 'int',
  screen_title: 'const char *',
  screen_count: 'size_t',
  screen: 'void *',
  screen_asked: 'size_t',
  screen_pending_count: 'size_t',
  screen_pending: 'void *',
});

koffi.struct('ardent_ask', {
  version: 'unsigned int',
  finding: 'uint32_t',
  name: 'const char *',
  question: 'const char *',
  reason: 'int',
  rule_count: 'size_t',
  rules: 'void *',
});

koffi.struct('ardent_eval_warning', {
  version: 'unsigned int',
  kind: 'int',
  owner: 'int',
  index: 'uint32_t',
  name: 'const char *',
});

const Fact = koffi.struct('ardent_fact', {
  kind: 'int',
  index: 'uint32_t',
  holds: 'int',
  text: 'const char *',
});

koffi.struct('ardent_explanation', {
  version: 'unsigned int',
  rule: 'uint32_t',
  state: 'int',
  text: 'const char *',
  fact_count: 'size_t',
  facts: 'void *',
  missing_count: 'size_t',
  missing: 'void *',
  unknown_count: 'size_t',
  unknown: 'void *',
  file: 'const char *',
  line: 'uint32_t',
  column: 'uint32_t',
});

koffi.struct('ardent_audit_options', {
  version: 'unsigned int',
  synchronous: 'int',
  batch_size: 'size_t',
  flush_interval_ms: 'uint32_t',
  max_pending: 'size_t',
  busy_timeout_ms: 'uint32_t',
  seal_key: 'const char *',  // version 2
});

// `trusted_keys` is given as a JS array of paths, converted for the call only (the library reads
// the keys while it opens the registry).
koffi.struct('ardent_registry_options', {
  version: 'unsigned int',
  trusted_keys: 'const char **',
  trusted_key_count: 'size_t',
});

koffi.struct('ardent_tag', { key: 'const char *', value: 'const char *' });

// `tags` is given as a JS array of {key, value}: koffi converts it for the call only, which is
// all the library needs (it copies what it keeps).
koffi.struct('ardent_audit_context', {
  version: 'unsigned int',
  encounter_id: 'const char *',
  user_id: 'const char *',
  tag_count: 'size_t',
  tags: 'const ardent_tag *',
});

const stringFree = lib.func('void ardent_string_free(void *string)');
// A string the library allocates for the caller: copied into JS, then released.
koffi.disposable('ardent_owned_string', 'char *', stringFree);

// --- functions -----------------------------------------------------------------------------
const PROTOTYPES = [
  'const char *ardent_version(void)',
  'const ardent_error *ardent_last_error(void)',
  'void ardent_error_clear(void)',
  'const char *ardent_errstr(int code)',
  'const char *ardent_triage_str(int triage)',
  'const char *ardent_finding_type_str(int type)',
  'const char *ardent_duration_unit_str(int unit)',
  'const char *ardent_severity_str(int severity)',
  'const char *ardent_rule_state_str(int state)',
  'const char *ardent_condition_status_str(int status)',
  'const char *ardent_strength_str(int strength)',
  'const char *ardent_ask_reason_str(int reason)',
  'const char *ardent_standing_str(int standing)',
  'int ardent_ruleset_compile_path(_Out_ ardent_ruleset **out, _Out_ ardent_diagnostics **diagnostics, const char *path, const ardent_compile_options *opts)',
  'int ardent_ruleset_compile_source(_Out_ ardent_ruleset **out, _Out_ ardent_diagnostics **diagnostics, const void *text, size_t length, const char *name, const ardent_compile_options *opts)',
  'void ardent_ruleset_free(ardent_ruleset *ruleset)',
  'size_t ardent_diagnostics_count(const ardent_diagnostics *diagnostics)',
  'int ardent_diagnostics_get(_Inout_ ardent_diagnostic *out, const ardent_diagnostics *diagnostics, size_t index)',
  'void ardent_diagnostics_free(ardent_diagnostics *diagnostics)',
  'int ardent_ruleset_get_info(_Inout_ ardent_ruleset_info *out, const ardent_ruleset *ruleset)',
  'int ardent_finding_get(_Inout_ ardent_finding_info *out, const ardent_ruleset *ruleset, uint32_t finding)',
  'int ardent_finding_index(_Out_ uint32_t *out, const ardent_ruleset *ruleset, const char *name)',
  'int ardent_condition_get(_Inout_ ardent_condition_info *out, const ardent_ruleset *ruleset, uint32_t condition)',
  'int ardent_rule_get(_Inout_ ardent_rule_info *out, const ardent_ruleset *ruleset, uint32_t rule)',
  'int ardent_rule_index(_Out_ uint32_t *out, const ardent_ruleset *ruleset, const char *name)',
  'int ardent_case_new(_Out_ ardent_case **out, const ardent_ruleset *ruleset)',
  'int ardent_case_clear(ardent_case *kase)',
  'void ardent_case_free(ardent_case *kase)',
  'int ardent_case_set_bool_at(ardent_case *kase, uint32_t finding, int value)',
  'int ardent_case_set_number_at(ardent_case *kase, uint32_t finding, double value)',
  'int ardent_case_set_enum_at(ardent_case *kase, uint32_t finding, const char *value)',
  'int ardent_case_set_enum_index_at(ardent_case *kase, uint32_t finding, uint32_t value)',
  'int ardent_case_set_duration_at(ardent_case *kase, uint32_t finding, double amount, int unit)',
  'int ardent_case_set_unknown_at(ardent_case *kase, uint32_t finding)',
  'int ardent_case_set_json(ardent_case *kase, const void *json, size_t length)',
  'int ardent_case_set_fhir(ardent_case *kase, const void *json, size_t length)',
  'int ardent_evaluate(_Out_ ardent_result **out, const ardent_ruleset *ruleset, const ardent_case *kase, const ardent_evaluate_options *opts)',
  'int ardent_evaluate_into(ardent_result *out, const ardent_ruleset *ruleset, const ardent_case *kase, const ardent_evaluate_options *opts)',
  'int ardent_evaluate_batch(void *out, const ardent_ruleset *ruleset, const void *cases, size_t count, unsigned int threads, const ardent_evaluate_options *opts)',
  'int ardent_evaluate_sliced(void *out_triage, void *out_fired, const ardent_ruleset *ruleset, const void *cases, size_t count, unsigned int threads)',
  'void ardent_result_free(ardent_result *result)',
  'const ardent_ruleset *ardent_result_ruleset(const ardent_result *result)',
  'int ardent_result_triage(const ardent_result *result)',
  'int ardent_result_triage_is_default(const ardent_result *result)',
  'int ardent_result_rule_state(const ardent_result *result, uint32_t rule)',
  'size_t ardent_result_redflag_count(const ardent_result *result)',
  'int ardent_result_get_redflag(_Inout_ ardent_redflag *out, const ardent_result *result, size_t index)',
  'size_t ardent_result_condition_count(const ardent_result *result)',
  'int ardent_result_get_condition(_Inout_ ardent_conclusion *out, const ardent_result *result, size_t index)',
  'size_t ardent_result_advice_count(const ardent_result *result)',
  'int ardent_result_get_advice(_Out_ const char **out, const ardent_result *result, size_t index)',
  'size_t ardent_result_undecided_count(const ardent_result *result)',
  'int ardent_result_get_undecided(_Inout_ ardent_undecided *out, const ardent_result *result, size_t index)',
  'size_t ardent_result_ask_count(const ardent_result *result)',
  'int ardent_result_get_ask(_Inout_ ardent_ask *out, const ardent_result *result, size_t index)',
  'size_t ardent_result_warning_count(const ardent_result *result)',
  'int ardent_result_get_warning(_Inout_ ardent_eval_warning *out, const ardent_result *result, size_t index)',
  'int ardent_result_explain(_Inout_ ardent_explanation *out, ardent_result *result, uint32_t rule)',
  'int ardent_result_interview(_Inout_ ardent_interview *out, const ardent_result *result)',
  'int ardent_result_json(_Out_ ardent_owned_string *out, const ardent_result *result, unsigned int flags)',
  'int ardent_result_cds_cards(_Out_ ardent_owned_string *out, const ardent_result *result, unsigned int flags)',
  'int ardent_result_text(_Out_ ardent_owned_string *out, const ardent_result *result, unsigned int flags)',
  'int ardent_result_new(_Out_ ardent_result **out)',
  'int ardent_registry_open(_Out_ ardent_registry **out, const char *path)',
  'int ardent_registry_options_init(_Out_ ardent_registry_options *opts, unsigned int version)',
  'int ardent_registry_open_v2(_Out_ ardent_registry **out, const char *path, const ardent_registry_options *opts)',
  'int ardent_registry_verifies_approvals(const ardent_registry *registry)',
  'void ardent_registry_free(ardent_registry *registry)',
  'int ardent_ruleset_from_registry(_Out_ ardent_ruleset **out, _Out_ ardent_diagnostics **diagnostics, ardent_registry *registry, const char *spec)',
  'int ardent_audit_options_init(_Out_ ardent_audit_options *opts, unsigned int version)',
  'int ardent_audit_open(_Out_ ardent_audit **out, const char *path, const ardent_audit_options *opts)',
  'int ardent_audit_flush(ardent_audit *audit)',
  'int ardent_audit_checkpoint(_Out_ int64_t *out, ardent_audit *audit, const char *key_path)',
  'void ardent_audit_free(ardent_audit *audit)',
  'int ardent_evaluate_audited_into(ardent_result *out, const ardent_ruleset *ruleset, const ardent_case *kase, const ardent_audit_context *context, ardent_audit *audit)',
];

const fn = { ardent_string_free: stringFree };
const missing = [];
for (const prototype of PROTOTYPES) {
  const name = /(ardent_\w+)\(/.exec(prototype)[1];
  try {
    fn[name] = lib.func(prototype);
  } catch (e) {
    missing.push(`${name} (${e.message})`);
  }
}
if (missing.length) throw new Error(`ardent: the library ${file} lacks ${missing.join(', ')}`);

// Names of the C enumerations, from the library itself: index = C value.
function names(strFn, count) {
  return Object.freeze(Array.from({ length: count }, (_, i) => strFn(i)));
}

const NAMES = Object.freeze({
  triage: names(fn.ardent_triage_str, 4),
  findingType: names(fn.ardent_finding_type_str, 4),
  durationUnit: names(fn.ardent_duration_unit_str, 6),
  severity: names(fn.ardent_severity_str, 3),
  ruleState: names(fn.ardent_rule_state_str, 3),
  conditionStatus: names(fn.ardent_condition_status_str, 3),
  strength: names(fn.ardent_strength_str, 3),
  askReason: names(fn.ardent_ask_reason_str, 7),
  standing: names(fn.ardent_standing_str, 7),
});

// Decoding arrays that structs point to.
const decodeStrings = (ptr, count) => (count ? koffi.decode(ptr, 'const char *', count) : []);
const decodeIndices = (ptr, count) => (count ? Array.from(koffi.decode(ptr, 'uint32_t', count)) : []);
const decodeCodes = (ptr, count) => (count ? koffi.decode(ptr, 'ardent_code', count) : [])
  .map((c) => ({ system: c.system, value: c.value }));
const decodeFacts = (ptr, count) => (count ? koffi.decode(ptr, Fact, count) : []);

module.exports = {
  koffi,
  candidates,
  BUNDLED_NAMES,
  fn,
  file,
  NAMES,
  ErrorInfo,
  SUPPORTED_ABI_VERSIONS,
  abiVersion,
  decodeStrings,
  decodeIndices,
  decodeCodes,
  decodeFacts,
  RENDER_PRETTY: 1,
  RENDER_UNDECIDED: 2,
  FINDING_BOOL: 0,
  FINDING_ENUM: 1,
  FINDING_NUMBER: 2,
  FINDING_DURATION: 3,
  DAYS: 2,
  SYNC_LEVELS: Object.freeze(['off', 'normal', 'full']), // index = ARDENT_SYNC_*
};
