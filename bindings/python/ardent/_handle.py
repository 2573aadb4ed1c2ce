"""A library handle shared between threads, freed only when no call is using it.

Library calls release the GIL, so another thread may close a handle while a call on it is
still running. Every call therefore takes a use of the handle (`with handle as h:`); close()
refuses new uses at once but frees the library handle only when the last use ends. The owner
(the RuleSet, Result, ... holding the handle) being garbage-collected closes it too.
"""

from __future__ import annotations

import threading
import weakref
from typing import Callable

from . import _native as n
from .errors import InvalidArgumentError


class Handle:
    __slots__ = ("_value", "_free", "_what", "_lock", "_uses", "_closed")

    def __init__(self, owner: object, value: int, free: Callable[[int], None], what: str) -> None:
        """`free` releases `value`; `what` names the owner in the closed-handle error."""
        self._value = value
        self._free = free
        self._what = what
        self._lock = threading.Lock()
        self._uses = 0
        self._closed = False
        weakref.finalize(owner, self.close)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> int:
        with self._lock:
            if self._closed:
                raise InvalidArgumentError(f"the {self._what} has been closed", code=n.EINVALID)
            self._uses += 1
        return self._value

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._uses -= 1
            last = self._closed and self._uses == 0
        if last:
            self._free(self._value)

    def close(self) -> None:
        """Refuses new uses; frees the handle now, or as the last running use ends. Also a
        finalizer: never raises, and does nothing the second time."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            idle = self._uses == 0
        if idle:
            self._free(self._value)
