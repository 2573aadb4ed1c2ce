'use strict';
// Exceptions: one class per status code of the C interface, all thrown by check().

const { fn, koffi, ErrorInfo } = require('./native.cjs');

const STATUS_NAMES = {
  [-1]: 'ARDENT_ESYNTAX',
  [-2]: 'ARDENT_ETYPE',
  [-3]: 'ARDENT_ENOTFOUND',
  [-4]: 'ARDENT_EINVALID',
  [-5]: 'ARDENT_ERANGE',
  [-6]: 'ARDENT_EIO',
  [-7]: 'ARDENT_ESTORAGE',
  [-8]: 'ARDENT_ENOMEM',
  [-9]: 'ARDENT_EINTERNAL',
};

/** Any failure reported by the Ardent library. */
class ArdentError extends Error {
  constructor(message, { status = 0, file = '', line = 0, column = 0, finding = '' } = {}) {
    super(message);
    this.name = new.target.name;
    this.status = status; // the C status code (negative)
    this.code = STATUS_NAMES[status] ?? 'ARDENT_ERROR';
    this.file = file;
    this.line = line;
    this.column = column;
    this.finding = finding;
  }
}

/** The rule set has errors; `diagnostics` lists every error and warning. */
class CompileError extends ArdentError {
  constructor(message, options = {}) {
    const diagnostics = options.diagnostics ?? [];
    const errors = diagnostics.filter((d) => d.severity === 'error');
    // Under werror the warnings are what failed, so show them when there is no error.
    const shown = (errors.length ? errors : diagnostics).map((d) => d.text.replace(/\n$/, ''));
    super(shown.length ? shown.join('\n') : message, options);
    this.summary = message;
    this.diagnostics = diagnostics;
  }

  get errors() {
    return this.diagnostics.filter((d) => d.severity === 'error');
  }
}

class TypeMismatchError extends ArdentError {}
class NotFoundError extends ArdentError {}
class InvalidArgumentError extends ArdentError {}
class OutOfRangeError extends ArdentError {}
class FileError extends ArdentError {}
class StorageError extends ArdentError {}
class OutOfMemoryError extends ArdentError {}
class InternalError extends ArdentError {}

const BY_STATUS = {
  [-1]: CompileError,
  [-2]: TypeMismatchError,
  [-3]: NotFoundError,
  [-4]: InvalidArgumentError,
  [-5]: OutOfRangeError,
  [-6]: FileError,
  [-7]: StorageError,
  [-8]: OutOfMemoryError,
  [-9]: InternalError,
};

/**
 * Returns a non-negative status unchanged; turns a negative one into the matching error,
 * filled from the calling thread's ardent_last_error().
 */
function check(rc, diagnostics) {
  if (rc >= 0) return rc;
  const detail = koffi.decode(fn.ardent_last_error(), ErrorInfo);
  const own = detail.code === rc;
  const message = (own && detail.message) || fn.ardent_errstr(rc);
  const options = own
    ? { status: rc, file: detail.file, line: detail.line, column: detail.column, finding: detail.finding }
    : { status: rc };
  const Class = BY_STATUS[rc] ?? ArdentError;
  if (Class === CompileError) options.diagnostics = diagnostics ?? [];
  throw new Class(message, options);
}

module.exports = {
  ArdentError,
  CompileError,
  TypeMismatchError,
  NotFoundError,
  InvalidArgumentError,
  OutOfRangeError,
  FileError,
  StorageError,
  OutOfMemoryError,
  InternalError,
  check,
};
