'use strict';
// A library handle freed only when no call is using it.
//
// A call may run the caller's JavaScript while it holds a handle -- the getters of a case's
// findings, the iterator of evaluateMany()'s cases, an audit context's fields -- and that code
// may dispose of the very object whose handle is in use. Every call therefore takes a use of
// the handle (`native.use((h) => ...)`); close() refuses new uses at once and frees the handle
// when the last use ends. The owner (the RuleSet, Result, ... holding the handle) being
// garbage-collected closes it too.

const { InvalidArgumentError } = require('./errors.cjs');

const collected = new FinalizationRegistry((native) => native.close());

class Handle {
  #value;
  #free;
  #closedMessage;
  #uses = 0;
  #closed = false;

  /** `free(value)` releases the handle; `closedMessage` is the error of a use after close(). */
  constructor(owner, value, free, closedMessage) {
    this.#value = value;
    this.#free = free;
    this.#closedMessage = closedMessage;
    collected.register(owner, this, this);
  }

  get closed() {
    return this.#closed;
  }

  /** Returns body(handle), the handle staying valid until body returns. */
  use(body) {
    if (this.#closed) throw new InvalidArgumentError(this.#closedMessage, { status: -4 });
    this.#uses++;
    try {
      return body(this.#value);
    } finally {
      if (--this.#uses === 0 && this.#closed) this.#free(this.#value);
    }
  }

  /** Returns await body(handle), the handle staying valid until that promise settles. */
  async useAsync(body) {
    if (this.#closed) throw new InvalidArgumentError(this.#closedMessage, { status: -4 });
    this.#uses++;
    try {
      return await body(this.#value);
    } finally {
      if (--this.#uses === 0 && this.#closed) this.#free(this.#value);
    }
  }

  /** Refuses new uses; frees the handle now, or as the last running use ends. Closing again does nothing. */
  close() {
    if (this.#closed) return;
    this.#closed = true;
    collected.unregister(this);
    if (this.#uses === 0) this.#free(this.#value);
  }
}

module.exports = { Handle };
