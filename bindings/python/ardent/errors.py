"""Exceptions: one class per status code of the C interface, all raised by `check()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

from . import _native as n

if TYPE_CHECKING:
    from .types import Diagnostic


class Error(Exception):
    """Any failure reported by the Ardent library.

    `code` is the C status code; `message` the library's explanation; `file`, `line` and
    `column` locate a compile error; `finding` names the finding a case error is about; `row`
    is the position of the refused case among those given to `evaluate_many` (else None).
    """

    code: int = 0
    row: Optional[int] = None

    def __init__(self, message: str, *, code: Optional[int] = None, file: str = "",
                 line: int = 0, column: int = 0, finding: str = "") -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.finding = finding


class CompileError(Error):
    """The rule set has errors; `diagnostics` lists every error and warning."""

    code = n.ESYNTAX

    def __init__(self, message: str, *, diagnostics: Sequence["Diagnostic"] = (), **kw) -> None:
        super().__init__(message, **kw)
        self.diagnostics: list["Diagnostic"] = list(diagnostics)

    @property
    def errors(self) -> list["Diagnostic"]:
        from .types import Severity

        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    def __str__(self) -> str:
        # Under werror the warnings are what failed, so show them when there is no error.
        shown = self.errors or self.diagnostics
        return "\n".join(d.text.rstrip("\n") for d in shown if d.text) or self.message


class TypeMismatchError(Error, TypeError):
    """A value of the wrong type for a finding (a number for a yes/no finding, ...)."""

    code = n.ETYPE


class NotFoundError(Error, LookupError):
    """No finding, condition, rule or enum value of that name."""

    code = n.ENOTFOUND


class InvalidArgumentError(Error, ValueError):
    """A malformed argument: bad JSON, invalid UTF-8, a closed handle."""

    code = n.EINVALID


class OutOfRangeError(Error, ValueError):
    """A number outside a finding's declared range, a fraction for an integer finding, ..."""

    code = n.ERANGE


class FileError(Error):
    """A rule file or directory could not be read."""

    code = n.EIO


class StorageError(Error):
    """The registry or audit database failed."""

    code = n.ESTORAGE


class OutOfMemoryError(Error, MemoryError):
    code = n.ENOMEM


class InternalError(Error):
    """A bug in Ardent: please report it with the message."""

    code = n.EINTERNAL


_BY_CODE = {
    cls.code: cls
    for cls in (CompileError, TypeMismatchError, NotFoundError, InvalidArgumentError,
                OutOfRangeError, FileError, StorageError, OutOfMemoryError, InternalError)
}


def check(rc: int, diagnostics: Sequence["Diagnostic"] = ()) -> int:
    """Returns a non-negative `rc` unchanged; turns a negative status code into the matching
    exception, filled from the calling thread's ardent_last_error()."""
    if rc >= 0:
        return rc
    detail = n.lib.ardent_last_error().contents
    message = n.text(detail.message) if detail.code == rc else ""
    if not message:
        message = n.text(n.lib.ardent_errstr(rc))
    cls = _BY_CODE.get(rc, Error)
    kw = dict(code=rc)
    if detail.code == rc:
        kw.update(file=n.text(detail.file), line=detail.line, column=detail.column,
                  finding=n.text(detail.finding))
    if cls is CompileError:
        raise CompileError(message, diagnostics=diagnostics, **kw)
    raise cls(message, **kw)
