// ES module entry: the same objects as the CommonJS entry (one copy of the native state).
import ardent from './index.cjs';

export const {
  compile,
  RuleSet,
  Result,
  openRegistry,
  Registry,
  openAudit,
  AuditLog,
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
  TRIAGE_LEVELS,
  DURATION_UNITS,
  libraryVersion,
  libraryPath,
  abiVersion,
  SUPPORTED_ABI_VERSIONS,
  version,
} = ardent;

export default ardent;
