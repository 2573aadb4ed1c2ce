'use strict';
// Opening a registry handle with trusted public keys: shared by openRegistry() and
// compile('db:FILE:SPEC').

const { fn } = require('./native.cjs');
const { check } = require('./errors.cjs');

/** The native handle of the registry `path`, verifying approvals with the keys in `trust`. */
function openRegistryHandle(path, trust) {
  // Checked here: koffi takes the process down, instead of throwing, on a mistyped argument.
  if (!Array.isArray(trust) || trust.some((k) => typeof k !== 'string')) {
    throw new TypeError('trust is an array of public key file paths');
  }
  const opts = {};
  check(fn.ardent_registry_options_init(opts, 1));
  opts.trusted_keys = trust.length ? trust : null;
  opts.trusted_key_count = trust.length;
  const out = [null];
  check(fn.ardent_registry_open_v2(out, path, opts));
  return out[0];
}

module.exports = { openRegistryHandle };
