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
    Undecided,
)

__version__ = "0.1.0"

#: Version of the loaded library ("0.1.0") and the file it was loaded from.
library_version: str = _native.text(_native.lib.ardent_version())
library_path: str = _native.lib.path

__all__ = [
    "Ask", "AskReason", "CardIndicator", "CdsCard", "Code", "CompileError", "ConditionInfo",
    "ConditionStatus", "Conclusion", "Diagnostic", "Duration", "DurationUnit", "Error",
    "EvalWarning", "Explanation", "Fact", "FactKind", "FileError", "Finding", "Findings",
    "FindingType", "InternalError", "Interview", "InvalidArgumentError", "Location", "NotFoundError",
    "OutOfMemoryError", "OutOfRangeError", "RedFlag", "Result", "RuleInfo", "RuleSet",
    "RuleState", "Severity", "Standing", "StorageError", "Strength", "Triage", "TypeMismatchError",
    "Undecided", "Value", "check", "compile", "library_path", "library_version",
]
