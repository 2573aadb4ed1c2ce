"""Ardent: a clinical rules language and triage engine, from Python.

    import ardent

    rules = ardent.compile("rules/hip")
    result = rules.evaluate({"fever": False, "age": 54, "pain_peak": "day_after_activity"})
    print(result.triage, [f.label for f in result.red_flags])
    print(result.report())

A thin layer over the Ardent C library (libardent.so.1): the library compiles and evaluates;
this package turns its handles, status codes and structs into Python objects. The library is
looked up beside this package (the copy a wheel carries), then in $ARDENT_LIBRARY, then on the
system's library path.
"""

from pathlib import Path as _Path

from . import _native
from .errors import (
    CompileError,
    Error,
    FileError,
    InternalError,
    InvalidArgumentError,
    NotFoundError,
    OutOfMemoryError,
    OutOfRangeError,
    StorageError,
    TypeMismatchError,
    check,
)
from .result import Result
from .ruleset import Findings, RuleSet, Value, compile
from .store import AuditContext, AuditLog, Registry
from .types import (
    Ask,
    AskReason,
    CardIndicator,
    CdsCard,
    Code,
    ConditionInfo,
    ConditionStatus,
    Conclusion,
    Diagnostic,
    Duration,
    DurationUnit,
    EvalWarning,
    Explanation,
    Fact,
    FactKind,
    Finding,
    FindingType,
    Interview,
    Location,
    RedFlag,
    RuleInfo,
    RuleState,
    Severity,
    Standing,
    Strength,
    Triage,
    Triaged,
    Undecided,
)

#: Version of the loaded library ("0.1.0") and the file it was loaded from.
library_version: str = _native.text(_native.lib.ardent_version())
library_path: str = _native.lib.path


def _package_version() -> str:
    """The version the installed distribution of this very package records (setup.py makes it
    the library's, from ardent.h); for a source tree used in place, the loaded library's."""
    try:
        from importlib.metadata import PackageNotFoundError, distribution

        found = distribution("ardent")
        if _Path(str(found.locate_file("ardent/__init__.py"))).resolve() == _Path(__file__).resolve():
            return found.version
    except PackageNotFoundError:
        pass
    return library_version


__version__ = _package_version()

__all__ = [
    "Ask", "AskReason", "CardIndicator", "CdsCard", "Code", "CompileError", "ConditionInfo",
    "ConditionStatus", "Conclusion", "Diagnostic", "Duration", "DurationUnit", "Error",
    "EvalWarning", "Explanation", "Fact", "FactKind", "FileError", "Finding", "Findings",
    "FindingType", "InternalError", "Interview", "InvalidArgumentError", "Location", "NotFoundError",
    "OutOfMemoryError", "OutOfRangeError", "RedFlag", "Result", "RuleInfo", "RuleSet",
    "RuleState", "Severity", "Standing", "StorageError", "Strength", "Triage", "Triaged", "TypeMismatchError",
    "Undecided", "Value", "check", "compile", "library_path", "library_version",
]
