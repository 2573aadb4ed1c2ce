"""Result handles released by closed or collected results, kept for reuse.

Evaluating into a result already used with the same rule set allocates nothing
(ardent_evaluate_into), so each rule set keeps the handles of its dead results for the next
evaluations instead of freeing and allocating them again.
"""

from __future__ import annotations

import threading
from typing import List, Optional

from . import _native as n

MAX_POOLED = 4096


class ResultPool:
    __slots__ = ("_handles", "_lock", "_open")

    def __init__(self) -> None:
        self._handles: List[int] = []
        self._lock = threading.Lock()
        self._open = True

    def take(self) -> Optional[int]:
        with self._lock:
            return self._handles.pop() if self._handles else None

    def take_many(self, count: int) -> List[int]:
        with self._lock:
            taken = self._handles[-count:] if count else []
            del self._handles[len(self._handles) - len(taken):]
            return taken

    def give(self, handle: int) -> None:
        """Takes back a handle nobody uses any more (a finalizer: never raises)."""
        with self._lock:
            if self._open and len(self._handles) < MAX_POOLED:
                self._handles.append(handle)
                return
        n.lib.ardent_result_free(handle)

    def close(self) -> None:
        """Frees every pooled handle; handles given back later are freed at once."""
        with self._lock:
            self._open = False
            handles, self._handles = self._handles, []
        for handle in handles:
            n.lib.ardent_result_free(handle)
