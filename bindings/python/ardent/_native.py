"""The ctypes declarations of libardent's C interface (ardent.h), and the loaded library.

Every struct here mirrors ardent.h field for field; the `version` each one is created with is
the newest this binding knows, so an older library refuses it loudly instead of misreading it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint,
    c_uint32,
    c_uint64,
    c_void_p,
)
from pathlib import Path

class Column(Structure):
    """ardent_column: one finding's values for every case of a table."""
    _fields_ = [("finding", c_uint32), ("values", c_void_p), ("states", c_void_p)]


class BitColumn(Structure):
    """ardent_bit_column: one yes/no finding's answers for every case, as bit sets."""
    _fields_ = [("finding", c_uint32), ("yes", c_void_p), ("given", c_void_p)]


# ABI versions (ardent_abi_version()) this binding was written for.
SUPPORTED_ABI_VERSIONS = (1,)

ENV_VARIABLE = "ARDENT_LIBRARY"
_SONAME = "libardent.so.1"

# Status codes.
OK = 0
ESYNTAX = -1
ETYPE = -2
ENOTFOUND = -3
EINVALID = -4
ERANGE = -5
EIO = -6
ESTORAGE = -7
ENOMEM = -8
EINTERNAL = -9

NUL_TERMINATED = ctypes.c_size_t(-1).value
RENDER_PRETTY = 1
RENDER_UNDECIDED = 2

# Finding types and duration units (the C values).
FINDING_BOOL = 0
FINDING_ENUM = 1
FINDING_NUMBER = 2
FINDING_DURATION = 3
DAYS = 2


class Error_(Structure):
    _fields_ = [
        ("code", c_int),
        ("message", c_char_p),
        ("file", c_char_p),
        ("line", c_uint32),
        ("column", c_uint32),
        ("finding", c_char_p),
    ]


class Code_(Structure):
    _fields_ = [("system", c_char_p), ("value", c_char_p)]


class CompileOptions(Structure):
    _fields_ = [("version", c_uint), ("werror", c_int)]


class Source(Structure):
    _fields_ = [("path", c_char_p), ("text", c_char_p), ("length", c_size_t)]


class Diagnostic_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("severity", c_int),
        ("code", c_char_p),
        ("file", c_char_p),
        ("line", c_uint32),
        ("column", c_uint32),
        ("length", c_uint32),
        ("message", c_char_p),
        ("source_line", c_char_p),
        ("text", c_char_p),
    ]


class RulesetInfo(Structure):
    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("ruleset_version", c_char_p),
        ("title", c_char_p),
        ("hash", c_char_p),
        ("default_triage", c_int),
        ("finding_count", c_size_t),
        ("condition_count", c_size_t),
        ("rule_count", c_size_t),
        ("redflag_count", c_size_t),
        ("test_count", c_size_t),
    ]


class FindingInfo(Structure):
    _fields_ = [
        ("version", c_uint),
        ("index", c_uint32),
        ("name", c_char_p),
        ("type", c_int),
        ("value_count", c_size_t),
        ("values", POINTER(c_char_p)),
        ("min", c_double),
        ("max", c_double),
        ("integer", c_int),
        ("unit", c_char_p),
        ("label", c_char_p),
        ("question", c_char_p),
        ("group", c_char_p),
        ("code_count", c_size_t),
        ("codes", POINTER(Code_)),
    ]


class ConditionInfo_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("index", c_uint32),
        ("name", c_char_p),
        ("label", c_char_p),
        ("code_count", c_size_t),
        ("codes", POINTER(Code_)),
        ("advice_count", c_size_t),
        ("advice", POINTER(c_char_p)),
    ]


class RuleInfo_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("index", c_uint32),
        ("name", c_char_p),
        ("redflag", c_int),
        ("priority", c_int32),
        ("label", c_char_p),
        ("triage", c_int),
        ("advice_count", c_size_t),
        ("advice", POINTER(c_char_p)),
        ("code_count", c_size_t),
        ("codes", POINTER(Code_)),
        ("file", c_char_p),
        ("line", c_uint32),
        ("column", c_uint32),
        ("source", c_char_p),
    ]


class EvaluateOptions(Structure):
    _fields_ = [("version", c_uint), ("max_ask", c_size_t)]


SYNC_OFF = 0
SYNC_NORMAL = 1
SYNC_FULL = 2


class AuditOptions(Structure):
    _fields_ = [
        ("version", c_uint),
        ("synchronous", c_int),
        ("batch_size", c_size_t),
        ("flush_interval_ms", c_uint32),
        ("max_pending", c_size_t),
        ("busy_timeout_ms", c_uint32),
        ("seal_key", c_char_p),  # version 2
    ]


class RegistryOptions(Structure):
    _fields_ = [
        ("version", c_uint),
        ("trusted_keys", POINTER(c_char_p)),
        ("trusted_key_count", c_size_t),
    ]


class Tag(Structure):
    _fields_ = [("key", c_char_p), ("value", c_char_p)]


class AuditContext_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("encounter_id", c_char_p),
        ("user_id", c_char_p),
        ("tag_count", c_size_t),
        ("tags", POINTER(Tag)),
    ]


class RedFlag_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("rule", c_uint32),
        ("id", c_char_p),
        ("label", c_char_p),
        ("triage", c_int),
    ]


class Conclusion_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("condition", c_uint32),
        ("id", c_char_p),
        ("label", c_char_p),
        ("status", c_int),
        ("strength", c_int),
        ("priority", c_int32),
        ("code_count", c_size_t),
        ("codes", POINTER(Code_)),
        ("advice_count", c_size_t),
        ("advice", POINTER(c_char_p)),
    ]


class Undecided_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("rule", c_uint32),
        ("id", c_char_p),
        ("redflag", c_int),
        ("missing_count", c_size_t),
        ("missing", POINTER(c_uint32)),
        ("standing", c_int),  # version 2
    ]


class Interview_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("complete", c_int),
        ("provisional", c_int),
        ("self_care_withheld", c_int),
        ("screen_title", c_char_p),
        ("screen_count", c_size_t),
        ("screen", POINTER(c_uint32)),
        ("screen_asked", c_size_t),
        ("screen_pending_count", c_size_t),
        ("screen_pending", POINTER(c_uint32)),
    ]


class Ask_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("finding", c_uint32),
        ("name", c_char_p),
        ("question", c_char_p),
        ("reason", c_int),
        ("rule_count", c_size_t),
        ("rules", POINTER(c_uint32)),
    ]


class EvalWarning_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("kind", c_int),
        ("owner", c_int),
        ("index", c_uint32),
        ("name", c_char_p),
    ]


class Fact_(Structure):
    _fields_ = [
        ("kind", c_int),
        ("index", c_uint32),
        ("holds", c_int),
        ("text", c_char_p),
    ]


class Explanation_(Structure):
    _fields_ = [
        ("version", c_uint),
        ("rule", c_uint32),
        ("state", c_int),
        ("text", c_char_p),
        ("fact_count", c_size_t),
        ("facts", POINTER(Fact_)),
        ("missing_count", c_size_t),
        ("missing", POINTER(Fact_)),
        ("unknown_count", c_size_t),
        ("unknown", POINTER(Fact_)),
        ("file", c_char_p),
        ("line", c_uint32),
        ("column", c_uint32),
    ]


# (name, restype, argtypes) of every function the binding calls.
_h = c_void_p  # any handle
_out = POINTER(c_void_p)  # a handle or an owned string written through `out`
_PROTOTYPES = [
    ("ardent_version", c_char_p, []),
    ("ardent_abi_version", c_int, []),
    ("ardent_last_error", POINTER(Error_), []),
    ("ardent_error_clear", None, []),
    ("ardent_errstr", c_char_p, [c_int]),
    ("ardent_string_free", None, [c_void_p]),
    ("ardent_ruleset_compile_path", c_int, [_out, _out, c_char_p, POINTER(CompileOptions)]),
    ("ardent_ruleset_compile_source", c_int,
     [_out, _out, c_char_p, c_size_t, c_char_p, POINTER(CompileOptions)]),
    ("ardent_ruleset_free", None, [_h]),
    ("ardent_diagnostics_count", c_size_t, [_h]),
    ("ardent_diagnostics_get", c_int, [POINTER(Diagnostic_), _h, c_size_t]),
    ("ardent_diagnostics_text", c_char_p, [_h]),
    ("ardent_diagnostics_free", None, [_h]),
    ("ardent_ruleset_get_info", c_int, [POINTER(RulesetInfo), _h]),
    ("ardent_finding_get", c_int, [POINTER(FindingInfo), _h, c_uint32]),
    ("ardent_finding_index", c_int, [POINTER(c_uint32), _h, c_char_p]),
    ("ardent_condition_get", c_int, [POINTER(ConditionInfo_), _h, c_uint32]),
    ("ardent_rule_get", c_int, [POINTER(RuleInfo_), _h, c_uint32]),
    ("ardent_rule_index", c_int, [POINTER(c_uint32), _h, c_char_p]),
    ("ardent_case_new", c_int, [_out, _h]),
    ("ardent_case_clear", c_int, [_h]),
    ("ardent_case_free", None, [_h]),
    ("ardent_case_set_bool_at", c_int, [_h, c_uint32, c_int]),
    ("ardent_case_set_number_at", c_int, [_h, c_uint32, c_double]),
    ("ardent_case_set_enum_at", c_int, [_h, c_uint32, c_char_p]),
    ("ardent_case_set_enum_index_at", c_int, [_h, c_uint32, c_uint32]),
    ("ardent_case_set_duration_at", c_int, [_h, c_uint32, c_double, c_int]),
    ("ardent_case_set_unknown_at", c_int, [_h, c_uint32]),
    ("ardent_case_set_json", c_int, [_h, c_char_p, c_size_t]),
    ("ardent_case_set_fhir", c_int, [_h, c_char_p, c_size_t]),
    ("ardent_evaluate", c_int, [_out, _h, _h, POINTER(EvaluateOptions)]),
    ("ardent_evaluate_into", c_int, [_h, _h, _h, POINTER(EvaluateOptions)]),
    ("ardent_evaluate_batch", c_int,
     [POINTER(c_void_p), _h, POINTER(c_void_p), c_size_t, c_uint, POINTER(EvaluateOptions)]),
    ("ardent_evaluate_sliced", c_int,
     [POINTER(c_int), POINTER(c_uint64), _h, POINTER(c_void_p), c_size_t, c_uint]),
    ("ardent_evaluate_sliced_columns", c_int,
     [POINTER(c_int), POINTER(c_uint64), _h, c_void_p, c_size_t, c_size_t, c_uint]),
    ("ardent_evaluate_sliced_bits", c_int,
     [POINTER(c_int), POINTER(c_uint64), _h, c_void_p, c_size_t, c_void_p, c_size_t, c_size_t, c_uint]),
    ("ardent_result_free", None, [_h]),
    ("ardent_result_ruleset", c_void_p, [_h]),
    ("ardent_result_triage", c_int, [_h]),
    ("ardent_result_triage_is_default", c_int, [_h]),
    ("ardent_result_rule_state", c_int, [_h, c_uint32]),
    ("ardent_result_redflag_count", c_size_t, [_h]),
    ("ardent_result_get_redflag", c_int, [POINTER(RedFlag_), _h, c_size_t]),
    ("ardent_result_condition_count", c_size_t, [_h]),
    ("ardent_result_get_condition", c_int, [POINTER(Conclusion_), _h, c_size_t]),
    ("ardent_result_advice_count", c_size_t, [_h]),
    ("ardent_result_get_advice", c_int, [POINTER(c_char_p), _h, c_size_t]),
    ("ardent_result_undecided_count", c_size_t, [_h]),
    ("ardent_result_get_undecided", c_int, [POINTER(Undecided_), _h, c_size_t]),
    ("ardent_result_ask_count", c_size_t, [_h]),
    ("ardent_result_get_ask", c_int, [POINTER(Ask_), _h, c_size_t]),
    ("ardent_result_warning_count", c_size_t, [_h]),
    ("ardent_result_get_warning", c_int, [POINTER(EvalWarning_), _h, c_size_t]),
    ("ardent_result_explain", c_int, [POINTER(Explanation_), _h, c_uint32]),
    ("ardent_result_interview", c_int, [POINTER(Interview_), _h]),
    ("ardent_result_json", c_int, [_out, _h, c_uint]),
    ("ardent_result_cds_cards", c_int, [_out, _h, c_uint]),
    ("ardent_result_text", c_int, [_out, _h, c_uint]),
    ("ardent_result_new", c_int, [_out]),
    ("ardent_registry_open", c_int, [_out, c_char_p]),
    ("ardent_registry_options_init", c_int, [POINTER(RegistryOptions), c_uint]),
    ("ardent_registry_open_v2", c_int, [_out, c_char_p, POINTER(RegistryOptions)]),
    ("ardent_registry_verifies_approvals", c_int, [_h]),
    ("ardent_registry_free", None, [_h]),
    ("ardent_ruleset_from_registry", c_int, [_out, _out, _h, c_char_p]),
    ("ardent_audit_options_init", c_int, [POINTER(AuditOptions), c_uint]),
    ("ardent_audit_open", c_int, [_out, c_char_p, POINTER(AuditOptions)]),
    ("ardent_audit_flush", c_int, [_h]),
    ("ardent_audit_checkpoint", c_int, [POINTER(c_int64), _h, c_char_p]),
    ("ardent_audit_free", None, [_h]),
    ("ardent_evaluate_audited_into", c_int, [_h, _h, _h, POINTER(AuditContext_), _h]),
]

# The library's file names a package may carry beside its modules, per platform.
_BUNDLED_NAMES = (_SONAME, "libardent.so", "libardent.dylib", "ardent.dll")


def candidates(here: Path, explicit: str | None) -> list[str]:
    """Where to look for the library, in order: beside the package in `here` (the copy a wheel
    ships), then `explicit` ($ARDENT_LIBRARY), then the system's library path. The system is
    not tried when `explicit` is set: an explicit choice is never silently replaced by
    another installed copy."""
    found = [str(here / name) for name in _BUNDLED_NAMES if (here / name).exists()]
    if explicit:
        return found + [explicit]
    found.append(_SONAME)
    system = ctypes.util.find_library("ardent")
    if system:
        found.append(system)
    return found


def _load() -> ctypes.CDLL:
    failures = []
    for candidate in candidates(Path(__file__).resolve().parent, os.environ.get(ENV_VARIABLE)):
        try:
            lib = ctypes.CDLL(candidate)
            break
        except OSError as e:
            failures.append(f"  {candidate}: {e}")
    else:
        raise ImportError(
            "ardent: cannot load the Ardent library (libardent.so.1): this package carries "
            f"none that loads; set {ENV_VARIABLE} to its path or install it on the library "
            "path. Tried:\n"
            + "\n".join(failures)
        )
    lib.ardent_abi_version.restype = c_int
    lib.ardent_abi_version.argtypes = []
    abi = lib.ardent_abi_version()
    if abi not in SUPPORTED_ABI_VERSIONS:
        raise ImportError(
            f"ardent: the library {candidate} has ABI version {abi}; this package supports "
            f"{', '.join(map(str, SUPPORTED_ABI_VERSIONS))}"
        )
    missing = [name for name, _, _ in _PROTOTYPES if not hasattr(lib, name)]
    if missing:
        raise ImportError(f"ardent: the library {candidate} lacks {', '.join(missing)}")
    for name, restype, argtypes in _PROTOTYPES:
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    lib.path = candidate
    return lib


lib = _load()


def text(raw: bytes | None) -> str:
    """A borrowed UTF-8 string from the library as str ('' for NULL)."""
    return raw.decode("utf-8") if raw else ""


def texts(array, count: int) -> tuple[str, ...]:
    return tuple(array[i].decode("utf-8") for i in range(count)) if count else ()


def take_string(pointer: c_void_p) -> str:
    """Copies and releases a string the library allocated for the caller."""
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        lib.ardent_string_free(pointer)
