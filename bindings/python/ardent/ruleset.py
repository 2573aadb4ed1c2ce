"""Compiling rule sets and evaluating cases against them."""

from __future__ import annotations

import datetime
import functools
import json
import math
import numbers
import os
import threading
import weakref
from ctypes import byref, c_int, c_uint32, c_uint64, c_void_p
from functools import cached_property
from itertools import islice
from typing import Iterable, Iterator, Mapping, Optional, Tuple, Union

from . import _native as n
from ._handle import Handle
from ._pool import ResultPool
from .errors import Error, InvalidArgumentError, TypeMismatchError, check
from .result import Result
from .store import AuditContext, AuditLog, Registry, audit_context_struct
from .types import (
    Code,
    ConditionInfo,
    Diagnostic,
    Duration,
    Finding,
    FindingType,
    Location,
    RuleInfo,
    Severity,
    Triage,
    Triaged,
)

lib = n.lib

Value = Union[bool, int, float, str, Duration, datetime.timedelta, None]
"""A finding's value: bool for yes/no findings, a number for number findings, an enum value's
name, a duration (a Duration, a timedelta, a number of days or a string such as "6 weeks"),
or None for "asked, and nobody knows". A finding left out is "not asked"."""

Findings = Union[Mapping[str, Value], str, bytes]
"""A case: a mapping of finding names to values, or the same as a JSON object text."""


def compile(source: Union[str, bytes, "os.PathLike[str]"], *, werror: bool = False,
            name: Optional[str] = None, trust: Iterable[Union[str, "os.PathLike[str]"]] = ()) -> "RuleSet":
    """Compiles a rule set.

    `source` is "db:FILE:name@version" (or "name@approved") for a rule set stored in a
    registry, as the `ardent` command line takes it; a path (a directory of .ard files or one
    file) when it is a path object or a
    string naming an existing file or directory; otherwise it is the text of one rule file
    (`name` is then the file name shown in diagnostics). Raises CompileError, carrying every
    diagnostic, when the rule set has errors (or warnings, with `werror`); FileError when the
    path cannot be read. Warnings of a successful compile are in RuleSet.diagnostics.
    `trust`: public keys whose signed approval a rule set from a registry must carry (see
    Registry); not for other sources.
    """
    if isinstance(source, str) and source.startswith(REGISTRY_PREFIX):
        return _compile_from_registry(source, trust)
    if trust:
        raise InvalidArgumentError("trust verifies the signed approval of a rule set loaded from a registry "
                                   "(db:FILE:name@version)", code=n.EINVALID)
    opts = n.CompileOptions(1, 1 if werror else 0)
    out, diags = c_void_p(), c_void_p()
    if isinstance(source, bytes):
        rc = lib.ardent_ruleset_compile_source(byref(out), byref(diags), source, len(source),
                                               _encode(name) if name else None, byref(opts))
    elif isinstance(source, os.PathLike) or _looks_like_path(source):
        rc = lib.ardent_ruleset_compile_path(byref(out), byref(diags), os.fsencode(source),
                                             byref(opts))
    elif isinstance(source, str):
        text = source.encode("utf-8")
        rc = lib.ardent_ruleset_compile_source(byref(out), byref(diags), text, len(text),
                                               _encode(name) if name else None, byref(opts))
    else:
        raise TypeError(f"compile() takes a path or source text, not {type(source).__name__}")
    try:
        diagnostics = _read_diagnostics(diags)
    finally:
        lib.ardent_diagnostics_free(diags)
    if rc != n.OK:
        lib.ardent_ruleset_free(out)  # NULL on failure; freed all the same, for safety
        check(rc, diagnostics)
    return RuleSet(out.value, diagnostics)


REGISTRY_PREFIX = "db:"


def _compile_from_registry(source: str, trust) -> "RuleSet":
    file, sep, spec = source[len(REGISTRY_PREFIX):].rpartition(":")
    if not sep or not file or not spec:
        raise InvalidArgumentError(f"'{source}' is not db:FILE:name@version or db:FILE:name@approved",
                                   code=n.EINVALID)
    with Registry(file, trust=trust) as registry:
        return registry.load(spec)


def load_from_registry(registry: int, spec: str) -> "RuleSet":
    """Compiles the stored version `spec` ("name@version" or "name@approved")."""
    out, diags = c_void_p(), c_void_p()
    rc = lib.ardent_ruleset_from_registry(byref(out), byref(diags), registry, _encode(spec))
    try:
        diagnostics = _read_diagnostics(diags)
    finally:
        lib.ardent_diagnostics_free(diags)
    if rc != n.OK:
        lib.ardent_ruleset_free(out)
        check(rc, diagnostics)
    return RuleSet(out.value, diagnostics)


def _free_ruleset(handle: int, *, pool: ResultPool) -> None:
    pool.close()
    lib.ardent_ruleset_free(handle)  # cases and results still alive keep the library's rule set


_PLAIN_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False,
                               separators=(",", ":"))


def _encode_plain(findings) -> bytes:
    """A dict of bools, numbers, strs and Nones as JSON; TypeError or ValueError otherwise."""
    if type(findings) is not dict:
        raise TypeError("not a plain dict")
    return _PLAIN_JSON.encode(findings).encode("utf-8")


def _looks_like_path(source) -> bool:
    if not isinstance(source, str):
        return False
    if os.path.exists(source):
        return True
    # Not existing, yet clearly meant as a path: let the library report it as unreadable.
    return "\n" not in source and (source.endswith(".ard") or (os.sep in source and " " not in source.strip()))


def _encode(s: str) -> bytes:
    return s.encode("utf-8")


def _read_diagnostics(handle: c_void_p) -> Tuple[Diagnostic, ...]:
    if not handle:
        return ()
    out = []
    d = n.Diagnostic_(version=1)
    for i in range(lib.ardent_diagnostics_count(handle)):
        check(lib.ardent_diagnostics_get(byref(d), handle, i))
        out.append(Diagnostic(Severity(d.severity), n.text(d.code), n.text(d.file), d.line,
                              d.column, d.length, n.text(d.message), n.text(d.source_line),
                              n.text(d.text)))
    return tuple(out)


def _codes(array, count) -> Tuple[Code, ...]:
    return tuple(Code(n.text(array[i].system), n.text(array[i].value)) for i in range(count))


def _read_finding(ruleset: int, index: int) -> Finding:
    f = n.FindingInfo(version=1)
    check(lib.ardent_finding_get(byref(f), ruleset, index))
    ftype = FindingType(f.type)
    number = ftype is FindingType.NUMBER
    return Finding(
        index=f.index, name=n.text(f.name), type=ftype, label=n.text(f.label),
        question=n.text(f.question), domain=n.texts(f.values, f.value_count),
        min=f.min if number and not math.isnan(f.min) else None,
        max=f.max if number and not math.isnan(f.max) else None,
        integer=bool(f.integer), unit=n.text(f.unit), group=n.text(f.group),
        codes=_codes(f.codes, f.code_count))


def _read_rule(ruleset: int, index: int) -> RuleInfo:
    r = n.RuleInfo_(version=1)
    check(lib.ardent_rule_get(byref(r), ruleset, index))
    return RuleInfo(
        index=r.index, name=n.text(r.name), redflag=bool(r.redflag), priority=r.priority,
        label=n.text(r.label), triage=Triage(r.triage) if r.triage >= 0 else None,
        advice=n.texts(r.advice, r.advice_count), codes=_codes(r.codes, r.code_count),
        location=Location(n.text(r.file), r.line, r.column), source=n.text(r.source))


def _is_frame(cases) -> bool:
    return hasattr(cases, "itertuples") and hasattr(cases, "columns")


def _bit_words(flags):
    """A numpy array of booleans as the library's bit sets: bit i % 64 of word i // 64 is
    element i, in words of the machine's own byte order."""
    import numpy

    packed = numpy.packbits(flags, bitorder="little")
    padded = numpy.zeros(-(-len(packed) // 8) * 8 or 8, dtype=numpy.uint8)
    padded[:len(packed)] = packed
    return padded.view("<u8").astype(numpy.uint64)


def _case_rows(cases) -> Iterator:
    """The cases one by one; a pandas DataFrame's rows as dicts of plain Python values (numpy's
    scalars become bool, int, float), its missing cells left out. pandas itself is only imported
    when it is already in use, as it then is."""
    if not _is_frame(cases):
        return iter(cases)
    from pandas import isna

    names = [str(c) for c in cases.columns]

    def plain(value):
        return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value

    return ({name: plain(v) for name, v in zip(names, row) if not isna(v)}
            for row in cases.itertuples(index=False, name=None))


class _CaseHandle:
    """An ardent_case reused for successive evaluations on one thread."""

    __slots__ = ("handle", "__weakref__")

    def __init__(self, ruleset_handle: int) -> None:
        out = c_void_p()
        check(lib.ardent_case_new(byref(out), ruleset_handle))
        self.handle = out.value
        weakref.finalize(self, lib.ardent_case_free, self.handle)


class RuleSet:
    """A compiled rule set: immutable, and safe to share between threads.

    Frees its library handle when garbage-collected, or at once through close() or a `with`
    block; results made from it stay usable after it is closed.
    """

    def __init__(self, handle: int, diagnostics: Tuple[Diagnostic, ...] = ()) -> None:
        self._pool = ResultPool()
        self._native = Handle(self, handle, functools.partial(_free_ruleset, pool=self._pool), "rule set")
        self.diagnostics: Tuple[Diagnostic, ...] = diagnostics
        """Warnings (and notes) of the compile."""
        info = n.RulesetInfo(version=1)
        check(lib.ardent_ruleset_get_info(byref(info), handle))
        self.name: str = n.text(info.name)
        self.version: str = n.text(info.ruleset_version)
        self.title: str = n.text(info.title)
        self.hash: str = n.text(info.hash)
        self.default_triage: Triage = Triage(info.default_triage)
        self.test_count: int = info.test_count
        self._counts = (info.finding_count, info.condition_count, info.rule_count)
        self.findings: Tuple[Finding, ...] = tuple(_read_finding(handle, i) for i in range(info.finding_count))
        # name -> (index, type, {enum value: position}) for the typed setters.
        self._slots = {f.name: (f.index, f.type, {v: i for i, v in enumerate(f.domain)})
                       for f in self.findings}
        self._local = threading.local()
        self._options_cache: dict = {}

    # --- what the rule set declares -----------------------------------------------------

    @cached_property
    def conditions(self) -> Tuple[ConditionInfo, ...]:
        out = []
        c = n.ConditionInfo_(version=1)
        with self._native as rs:
            for i in range(self._counts[1]):
                check(lib.ardent_condition_get(byref(c), rs, i))
                out.append(ConditionInfo(c.index, n.text(c.name), n.text(c.label),
                                         _codes(c.codes, c.code_count), n.texts(c.advice, c.advice_count)))
        return tuple(out)

    @cached_property
    def rules(self) -> Tuple[RuleInfo, ...]:
        """Rules and red flags, in declaration order."""
        with self._native as rs:
            return tuple(_read_rule(rs, i) for i in range(self._counts[2]))

    @property
    def red_flags(self) -> Tuple[RuleInfo, ...]:
        return tuple(r for r in self.rules if r.redflag)

    def finding(self, name: str) -> Finding:
        """The finding called `name`; NotFoundError (with a "did you mean") otherwise."""
        slot = self._slots.get(name)
        if slot is None:
            self._missing_finding(name)
        return self.findings[slot[0]]

    # --- evaluating -------------------------------------------------------------------------

    def evaluate(self, findings: Optional[Findings] = None, *, fhir=None, max_ask: int = 0,
                 audit: Optional["AuditLog"] = None, context: Optional["AuditContext"] = None) -> Result:
        """Evaluates one case; see `Value` for the values a finding takes. `max_ask` limits
        the ask-next list (0: all). Raises NotFoundError, TypeMismatchError or
        OutOfRangeError for a value the rule set refuses.

        `fhir` takes FHIR R4 resources (a Bundle or one resource, as a dict, str or bytes of
        JSON; the library's docs/fhir.md), read after `findings`: QuestionnaireResponse answers
        by linkId, Observations and Conditions by the codes the findings declare. Answers
        that disagree become unknown and appear in `Result.warnings`.

        With `audit`, the evaluation is also recorded in that audit log with `context` (who
        asked); the row is written in the background (AuditLog.flush() waits for it). A
        failed audit log raises StorageError. `max_ask` cannot be combined with `audit`."""
        with self._native as rs:
            case = self._thread_case(rs)  # held here: close() may drop the thread's reference
            handle = case.handle
            lib.ardent_case_clear(handle)
            if findings is not None:
                self._fill(handle, findings)
            if fhir is not None:
                self._fill_fhir(handle, fhir)
            if audit is not None:
                return self._evaluate_audited(rs, handle, max_ask, audit, context)
            opts = self._options(max_ask)
            result = self._pool.take()
            if result is None:
                out = c_void_p()
                check(lib.ardent_evaluate(byref(out), rs, handle, opts))
                return Result(out.value, self)
            rc = lib.ardent_evaluate_into(result, rs, handle, opts)
            if rc:
                self._pool.give(result)
                check(rc)
            return Result(result, self)

    def _thread_case(self, ruleset: int) -> _CaseHandle:
        local = self._local
        case = getattr(local, "case", None)
        if case is None:
            case = local.case = _CaseHandle(ruleset)
        return case

    def _evaluate_audited(self, ruleset: int, case: int, max_ask: int, audit, context) -> Result:
        if max_ask:
            raise InvalidArgumentError("max_ask cannot be combined with audit: an audited evaluation "
                                       "records the full result", code=n.EINVALID)
        ctx = audit_context_struct(context)
        with audit._native as log:
            result = self._pool.take()
            if result is None:
                out = c_void_p()
                check(lib.ardent_result_new(byref(out)))
                result = out.value
            rc = lib.ardent_evaluate_audited_into(result, ruleset, case, byref(ctx.struct), log)
            if rc:
                self._pool.give(result)
                check(rc)
            return Result(result, self)

    def evaluate_many(self, cases: Iterable[Findings], *, threads: int = 0, max_ask: int = 0,
                      chunk_size: int = 1024) -> Iterator[Result]:
        """Evaluates many cases through the library's batch call, `chunk_size` at a time on
        `threads` threads (0: one per processor). Returns an iterator of results in the
        order of `cases`, so that a stream (e.g. the lines of a JSON Lines file, which are
        accepted as they are) needs no more memory than one chunk. `cases` may also be a
        pandas DataFrame: one case a row, a column a finding, a missing cell (NaN, None) a
        finding not asked. A case the library refuses raises its error with `row`, the case's
        position in `cases` (from 0), which the message also starts with ("case 3: ...")."""
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        return self._batches(_case_rows(cases), threads, max_ask, chunk_size)

    def triage_many(self, cases: Iterable[Findings], *, threads: int = 0,
                    chunk_size: int = 4096) -> Iterator[Triaged]:
        """The triage and fired rules of many cases, and nothing else, through the library's
        bit-sliced evaluation (64 cases a machine word): several times faster than
        `evaluate_many` for a population screen. Takes what `evaluate_many` takes (an iterable
        of findings, JSON texts or a pandas DataFrame), `chunk_size` at a time, and gives one
        `Triaged` per case in order; a refused case raises its error with `row`, as there.
        A DataFrame of plain values (bools, numbers, enum values as text, durations in days,
        missing cells) goes to the library column by column, with no case built."""
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        if _is_frame(cases):
            columns = self._frame_columns(cases)
            if columns is not None:  # plain values: the table goes to the library as it is
                return self._triage_frame(cases, columns, threads, chunk_size)
        return self._triage_chunks(_case_rows(cases), threads, chunk_size)

    def _triage_frame(self, frame, columns, threads, chunk_size) -> Iterator[Triaged]:
        try:
            results = self._triage_columns(columns, len(frame), threads)
        except Error:  # a value the library refuses: the row path raises it with its row
            yield from self._triage_chunks(_case_rows(frame), threads, chunk_size)
            return
        yield from results

    def _frame_columns(self, frame):
        """A DataFrame's columns as the library reads them: yes/no columns as bit sets (yes,
        and answered unless every row is), the others as numpy arrays of values and states;
        or None when a column needs the row path: a name that is no finding, text where a
        number is due, a duration written as text. The row path then reads (or refuses, with
        the row) every value as `evaluate` does."""
        import numpy
        from pandas.api import types as pandas_types

        bit_columns, columns = [], []
        for name in frame.columns:
            known = self._slots.get(str(name))
            if known is None:
                return None
            index, kind, domain = known
            cells = frame[name]
            missing = cells.isna().to_numpy()
            states = numpy.where(missing, 0, 2).astype(numpy.uint8)  # not asked / given
            if missing.all():
                values = numpy.zeros(len(cells))
            elif kind == FindingType.ENUM:
                codes = cells.map(domain)  # a value's index; NaN for text that is no value
                if bool((codes.isna().to_numpy() & ~missing).any()):
                    return None
                values = codes.fillna(0).to_numpy(dtype=numpy.float64)
            elif kind == FindingType.BOOL:
                if not (pandas_types.is_bool_dtype(cells)
                        or all(isinstance(v, (bool, numpy.bool_)) for v in cells[~missing])):
                    return None
                yes = numpy.where(missing, False, cells.to_numpy()).astype(bool)
                bit_columns.append((index, _bit_words(yes), None if not missing.any() else _bit_words(~missing)))
                continue
            else:  # numbers, and durations in days
                if not ((pandas_types.is_numeric_dtype(cells) and not pandas_types.is_bool_dtype(cells))
                        or all(isinstance(v, numbers.Real) and not isinstance(v, (bool, numpy.bool_))
                               for v in cells[~missing])):
                    return None
                values = numpy.where(missing, 0.0, cells.to_numpy()).astype(numpy.float64)
            columns.append((index, numpy.ascontiguousarray(values), states))
        return bit_columns, columns

    def _triage_columns(self, frame_columns, count, threads) -> list:
        bit_columns, columns = frame_columns
        bits = (n.BitColumn * max(1, len(bit_columns)))()
        for k, (index, yes, given) in enumerate(bit_columns):
            bits[k] = n.BitColumn(index, yes.ctypes.data, None if given is None else given.ctypes.data)
        table = (n.Column * max(1, len(columns)))()
        for k, (index, values, states) in enumerate(columns):
            table[k] = n.Column(index, values.ctypes.data, states.ctypes.data)
        rules = self.rules
        words = (len(rules) + 63) // 64
        triage = (c_int * max(1, count))()
        fired = (c_uint64 * max(1, count * words))()
        with self._native as rs:
            check(lib.ardent_evaluate_sliced_bits(triage, fired, rs, bits, len(bit_columns), table, len(columns),
                                                  count, threads))
        return self._triaged(triage, fired, count, rules, words)

    def _triage_chunks(self, it, threads, chunk_size) -> Iterator[Triaged]:
        pool = []
        rules = self.rules
        words = (len(rules) + 63) // 64
        first = 0
        while True:
            chunk = list(islice(it, chunk_size))
            if not chunk:
                return
            count = len(chunk)
            triage = (c_int * count)()
            fired = (c_uint64 * max(1, count * words))()
            with self._native as rs:
                cases = self._fill_chunk(rs, chunk, first, pool)
                check(lib.ardent_evaluate_sliced(triage, fired, rs, cases, count, threads))
            first += count
            yield from self._triaged(triage, fired, count, rules, words)

    @staticmethod
    def _triaged(triage, fired, count, rules, words) -> list:
        levels = tuple(Triage)
        out = []
        for i in range(count):
            hit = []
            for w in range(words):  # only the set bits: few rules fire in a case
                word = fired[i * words + w]
                while word:
                    low = word & -word
                    hit.append(rules[w * 64 + low.bit_length() - 1])
                    word ^= low
            out.append(Triaged(levels[triage[i]], tuple(r.name for r in hit), tuple(r.name for r in hit if r.redflag)))
        return out

    def _fill_chunk(self, ruleset: int, chunk: list, first: int, pool: list):
        """The cases of `chunk` in reused handles, as a C array; a refused one raises with its row."""
        count = len(chunk)
        while len(pool) < count:
            pool.append(_CaseHandle(ruleset))
        for row, (case, findings) in enumerate(zip(pool, chunk), start=first):
            lib.ardent_case_clear(case.handle)
            try:
                self._fill(case.handle, findings)
            except Error as e:  # which of many cases was refused: its position in `cases`
                e.row = row
                e.args = (f"case {row}: {e.message}",)
                raise
        return (c_void_p * count)(*(case.handle for case in pool[:count]))

    def _batches(self, it, threads, max_ask, chunk_size) -> Iterator[Result]:
        pool = []
        opts = self._options(max_ask)
        first = 0
        while True:
            chunk = list(islice(it, chunk_size))
            if not chunk:
                return
            # The use ends before the results are yielded: a consumer that stops iterating
            # must not keep a closed rule set from being freed.
            with self._native as rs:
                results = self._evaluate_chunk(rs, chunk, first, pool, threads, opts)
            first += len(chunk)
            yield from results

    def _evaluate_chunk(self, ruleset: int, chunk: list, first: int, pool: list, threads: int, opts) -> list:
        count = len(chunk)
        cases = self._fill_chunk(ruleset, chunk, first, pool)
        outs = (c_void_p * count)(*self._pool.take_many(count))  # the rest NULL: new results
        rc = lib.ardent_evaluate_batch(outs, ruleset, cases, count, threads, opts)
        results = [Result(h, self) for h in outs if h]  # owned whatever rc says
        check(rc)
        return results

    def _options(self, max_ask: int):
        if not max_ask:
            return None
        opts = self._options_cache.get(max_ask)
        if opts is None:
            opts = self._options_cache[max_ask] = byref(n.EvaluateOptions(1, max_ask))
        return opts

    def _fill(self, case: int, findings: Findings) -> None:
        if isinstance(findings, str):
            findings = findings.encode("utf-8")
        if isinstance(findings, bytes):
            check(lib.ardent_case_set_json(case, findings, len(findings)))
            return
        # A dict of plain values crosses as one JSON text: one foreign call instead of one per
        # finding, about twice as fast. Anything else (Duration, timedelta, NaN, names that are
        # not str), or a value the library refuses, takes the path below, whose errors name
        # the finding and the reason.
        try:
            text = _encode_plain(findings)
        except (TypeError, ValueError):  # also UnicodeEncodeError, a ValueError
            text = None
        if text is not None:
            if lib.ardent_case_set_json(case, text, len(text)) == 0:
                return
            lib.ardent_case_clear(case)
        self._fill_each(case, findings)

    @staticmethod
    def _fill_fhir(case: int, resources) -> None:
        if isinstance(resources, dict):
            resources = json.dumps(resources)
        if isinstance(resources, str):
            resources = resources.encode("utf-8")
        if not isinstance(resources, bytes):
            raise TypeMismatchError(f"fhir: a {type(resources).__name__} is not FHIR JSON "
                                    "(use a dict, str or bytes)", code=n.ETYPE)
        check(lib.ardent_case_set_fhir(case, resources, len(resources)))

    def _fill_each(self, case: int, findings: Findings) -> None:
        slots = self._slots
        for name, value in findings.items():
            slot = slots.get(name)
            if slot is None:
                self._missing_finding(name)
            index, ftype, domain = slot
            if value is None:
                rc = lib.ardent_case_set_unknown_at(case, index)
            elif value is True or value is False:
                rc = lib.ardent_case_set_bool_at(case, index, value)
            elif isinstance(value, str):
                if ftype is FindingType.ENUM:
                    position = domain.get(value)
                    if position is not None:
                        rc = lib.ardent_case_set_enum_index_at(case, index, position)
                    else:  # the library explains what the domain is
                        rc = lib.ardent_case_set_enum_at(case, index, value.encode("utf-8"))
                elif ftype is FindingType.DURATION:  # "6 weeks": the library parses it
                    text = json.dumps({name: value}).encode("utf-8")
                    rc = lib.ardent_case_set_json(case, text, len(text))
                else:
                    rc = lib.ardent_case_set_enum_at(case, index, value.encode("utf-8"))
            elif isinstance(value, numbers.Real) and not isinstance(value, bool):
                if ftype is FindingType.DURATION:
                    rc = lib.ardent_case_set_duration_at(case, index, float(value), n.DAYS)
                else:
                    rc = lib.ardent_case_set_number_at(case, index, float(value))
            elif isinstance(value, Duration):
                rc = lib.ardent_case_set_duration_at(case, index, float(value.amount), int(value.unit))
            elif isinstance(value, datetime.timedelta):
                rc = lib.ardent_case_set_duration_at(case, index, value / datetime.timedelta(days=1), n.DAYS)
            else:
                raise TypeMismatchError(
                    f"finding '{name}': a {type(value).__name__} is not a finding value "
                    "(use bool, a number, a str, a Duration, a timedelta or None)",
                    code=n.ETYPE, finding=name)
            if rc:
                check(rc)

    def _missing_finding(self, name) -> None:
        if not isinstance(name, str):
            raise TypeError(f"finding names are str, not {type(name).__name__}")
        index = c_uint32()
        with self._native as rs:
            check(lib.ardent_finding_index(byref(index), rs, name.encode("utf-8")))
        raise AssertionError(f"the library knows finding {name!r} but the binding does not")

    # --- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Releases the library handle now, or, while other threads evaluate, as soon as the
        last of them is done; evaluating afterwards raises InvalidArgumentError. Results made
        from it stay fully usable. Its name, version, title, hash, default_triage, test_count,
        diagnostics and findings stay readable; rules, conditions and red_flags only if read
        before (the library is asked for them on first use)."""
        self._local = threading.local()
        self._native.close()

    def __enter__(self) -> "RuleSet":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<ardent.RuleSet {self.name} {self.version} ({len(self.findings)} findings)>"
