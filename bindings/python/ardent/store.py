"""The registry of rule-set versions and the audit log (docs/store.md), over the C library.

    with ardent.Registry("registry.db", trust=["lead.pub.pem"]) as registry:
        rules = registry.load("posterior_hip@approved")  # only with an approval signed by lead
    with ardent.AuditLog("audit.db") as log:
        result = rules.evaluate(findings, audit=log,
                                context=ardent.AuditContext("enc-42", "dr-a", {"site": "north"}))
        log.checkpoint("host.pem")  # a signed checkpoint of the head; on a schedule, say
    # leaving the block flushes: every row is committed
"""

from __future__ import annotations

import os
from ctypes import byref, c_char_p, c_int64, c_void_p
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Optional, Union

from . import _native as n
from ._handle import Handle
from .errors import InvalidArgumentError, check

if TYPE_CHECKING:
    from .ruleset import RuleSet

lib = n.lib
FilePath = Union[str, "os.PathLike[str]"]
_SYNCHRONOUS = {"off": n.SYNC_OFF, "normal": n.SYNC_NORMAL, "full": n.SYNC_FULL}


class Registry:
    """A registry file opened for loading stored rule-set versions (publishing and approving
    are done with `ardent publish` / `ardent registry`). Rule sets loaded stay valid after
    close(). Shareable between threads: close() while other threads load lets their loads
    finish, and refuses the loads that start after it.

    `trust` names Ed25519 public keys (PEM files): load() then refuses, with a StorageError
    naming the version and why, a version whose approval is not signed by one of them over
    what it holds now (docs/store.md). Without, approvals are not verified:
    `verifies_approvals` says which."""

    def __init__(self, path: FilePath, *, trust: Iterable[FilePath] = ()) -> None:
        if isinstance(trust, (str, bytes, os.PathLike)):
            raise TypeError("trust is a list of public key files, not one path")
        keys = [os.fsencode(k) for k in trust]
        opts = n.RegistryOptions()
        check(lib.ardent_registry_options_init(byref(opts), 1))
        key_array = (c_char_p * len(keys))(*keys)
        opts.trusted_keys = key_array
        opts.trusted_key_count = len(keys)
        out = c_void_p()
        check(lib.ardent_registry_open_v2(byref(out), os.fsencode(path), byref(opts)))
        self._native = Handle(self, out.value, lib.ardent_registry_free, "registry")

    @property
    def verifies_approvals(self) -> bool:
        """True when loading checks each version's signed approval against trusted keys."""
        with self._native as registry:
            return bool(lib.ardent_registry_verifies_approvals(registry))

    def load(self, spec: str) -> "RuleSet":
        """Compiles the stored version `spec`: "name@version", or "name@approved" for the
        newest approved one. Raises NotFoundError when there is none, CompileError when the
        stored sources do not compile with this engine, StorageError when the store fails,
        InvalidArgumentError once the registry is closed."""
        from .ruleset import load_from_registry  # ruleset imports this module

        with self._native as registry:
            return load_from_registry(registry, spec)

    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True)
class AuditContext:
    """Who asked for an evaluation, as the host knows it; stored with the audit row."""

    encounter_id: str = ""
    user_id: str = ""
    tags: Mapping[str, str] = field(default_factory=dict)


class _ContextStruct:
    """An ardent_audit_context with the buffers it points into kept alive."""

    __slots__ = ("struct", "_keep")

    def __init__(self, context: Optional[AuditContext]) -> None:
        self.struct = n.AuditContext_(version=1)
        if context is None:
            self._keep = ()
            return
        if not isinstance(context, AuditContext):
            raise TypeError(f"context is an ardent.AuditContext, not {type(context).__name__}")
        for key, value in context.tags.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"audit tags map str to str; got {key!r}: {value!r}")
        tags = (n.Tag * len(context.tags))(*((k.encode("utf-8"), v.encode("utf-8"))
                                            for k, v in context.tags.items()))
        self.struct.encounter_id = context.encounter_id.encode("utf-8")
        self.struct.user_id = context.user_id.encode("utf-8")
        self.struct.tag_count = len(context.tags)
        self.struct.tags = tags
        self._keep = tags


def audit_context_struct(context: Optional[AuditContext]) -> _ContextStruct:
    return _ContextStruct(context)


class AuditLog:
    """An audit log opened for appending: each audited evaluation becomes a hash-chained row,
    written by a background thread of the library. flush() waits until every row recorded
    before it is committed; close() (or leaving a `with` block) flushes, then closes.
    Shareable between threads. `seal_key`, the PEM file of an Ed25519 private key, seals the
    log: every batch is committed with a checkpoint signed with it, and `ardent audit verify
    --sealed --trust PUB.pem` refuses any row that no checkpoint covers."""

    def __init__(self, path: FilePath, *, synchronous: str = "normal",
                 batch_size: int = 512, flush_interval_ms: int = 100, max_pending: int = 65536,
                 busy_timeout_ms: int = 5000, seal_key: Optional[FilePath] = None) -> None:
        if synchronous not in _SYNCHRONOUS:
            raise InvalidArgumentError(f"synchronous is 'off', 'normal' or 'full', not {synchronous!r}",
                                       code=n.EINVALID)
        opts = n.AuditOptions()
        check(lib.ardent_audit_options_init(byref(opts), 2))
        opts.synchronous = _SYNCHRONOUS[synchronous]
        opts.batch_size = batch_size
        opts.flush_interval_ms = flush_interval_ms
        opts.max_pending = max_pending
        opts.busy_timeout_ms = busy_timeout_ms
        opts.seal_key = None if seal_key is None else os.fsencode(seal_key)
        out = c_void_p()
        check(lib.ardent_audit_open(byref(out), os.fsencode(path), byref(opts)))
        self._native = Handle(self, out.value, lib.ardent_audit_free, "audit log")

    def flush(self) -> None:
        """Returns once every row recorded before the call is committed; raises StorageError
        when writing failed (the log stays failed: open a new one once the cause is fixed)."""
        with self._native as log:
            check(lib.ardent_audit_flush(log))

    def checkpoint(self, key: FilePath) -> int:
        """Appends a checkpoint of the log's head signed with the Ed25519 private key in the PEM
        file `key`, after committing every row recorded before; returns the row it covers (0
        for an empty log). `ardent audit verify --trust PUB.pem` checks it. Call it on a
        schedule: rows after the latest checkpoint are covered by the hash chain alone."""
        covered = c_int64()
        with self._native as log:
            check(lib.ardent_audit_checkpoint(byref(covered), log, os.fsencode(key)))
        return covered.value

    def close(self) -> None:
        """Flushes, then closes; raises the flush's error, if any, after closing. Evaluations
        running on other threads meanwhile are still recorded: the library writes what is
        queued when the log is freed, after the last of them."""
        try:
            self.flush()
        except InvalidArgumentError:
            if self._native.closed:
                return  # closed already, perhaps by another thread
            raise
        finally:
            self._native.close()

    def __enter__(self) -> "AuditLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
