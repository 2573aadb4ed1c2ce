'use strict';
// The rule-set registry: published versions of rule sets, read back and compiled.
// (Publishing and approving is done with `ardent publish` / `ardent registry`.)

const { fn } = require('./native.cjs');
const { loadStored } = require('./ruleset.cjs');
const { Handle } = require('./handle.cjs');
const { openRegistryHandle } = require('./trust.cjs');

/**
 * Opens the registry in the file `path`; StorageError when it is missing or not a registry.
 * `trust` lists Ed25519 public keys (PEM files): load() then refuses, with a StorageError naming
 * the version and why, a version whose approval is not signed by one of them over what it holds
 * now. Without, approvals are not verified, and `verifiesApprovals` is false.
 */
function openRegistry(path, { trust = [] } = {}) {
  if (typeof path !== 'string') throw new TypeError(`path is a string, not ${typeof path}`);
  return new Registry(openRegistryHandle(path, trust), path);
}

/** An open registry. Rule sets loaded from it stay usable after close(). */
class Registry {
  #native;

  constructor(handle, path) {
    this.#native = new Handle(this, handle, fn.ardent_registry_free, 'the registry has been closed');
    /** The registry file. */
    this.path = path;
  }

  /**
   * Compiles a stored version: `spec` is "name@version" or "name@approved" (the approved
   * version with the highest number). NotFoundError when there is no such version;
   * CompileError when its sources do not compile with this engine; StorageError when the store fails.
   */
  load(spec) {
    return this.#native.use((h) => loadStored(h, spec));
  }

  /** True when loading checks each version's signed approval against trusted keys. */
  get verifiesApprovals() {
    return this.#native.use((h) => fn.ardent_registry_verifies_approvals(h) === 1);
  }

  /** Closes the registry now (otherwise done when garbage-collected). Closing again does nothing. */
  close() {
    this.#native.close();
  }

  get closed() {
    return this.#native.closed;
  }
}

if (typeof Symbol.dispose === 'symbol') {
  Registry.prototype[Symbol.dispose] = Registry.prototype.close;
}

module.exports = { openRegistry, Registry };
