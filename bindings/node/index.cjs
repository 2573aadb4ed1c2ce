'use strict';
// Ardent: a clinical rules language and triage engine, from Node.js.
//
//   const ardent = require('ardent');
//   const rules = ardent.compile('rules/hip');
//   const result = rules.evaluate({ fever: false, age: 54, pain_peak: 'day_after_activity' });
//   console.log(result.triage, result.redFlags.map((f) => f.label));
//
// A thin layer over the Ardent C library (libardent.so.1) through koffi: the library compiles
// and evaluates; this package turns its handles, status codes and structs into JS objects. The
// library is looked up in this package's native/PLATFORM-ARCH/ folder (the copy its npm tarball
// carries), then in $ARDENT_LIBRARY, then on the library path.

const native = require('./lib/native.cjs');
const errors = require('./lib/errors.cjs');
const { compile, RuleSet } = require('./lib/ruleset.cjs');
const { Result } = require('./lib/result.cjs');
const { openRegistry, Registry } = require('./lib/registry.cjs');
const { openAudit, AuditLog } = require('./lib/audit.cjs');

module.exports = {
  compile,
  RuleSet,
  Result,
  openRegistry,
  Registry,
  openAudit,
  AuditLog,
  ...errors,
  /** Triage levels, least urgent first: compare levels by their position. */
  TRIAGE_LEVELS: native.NAMES.triage,
  DURATION_UNITS: native.NAMES.durationUnit,
  /** Version of the loaded library ("0.1.0") and the file it was loaded from. */
  libraryVersion: native.fn.ardent_version(),
  libraryPath: native.file,
  abiVersion: native.abiVersion,
  SUPPORTED_ABI_VERSIONS: native.SUPPORTED_ABI_VERSIONS,
  /** This package's version: the library's (ardent.h) in the tarball scripts/package.sh packs. */
  version: require('./package.json').version,
};
