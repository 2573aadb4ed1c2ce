"""What the tests share: the repository's conformance rule sets and cases, and a race
between closing a handle and the threads using it."""

import os
import threading
from pathlib import Path

import ardent

# The source tree, for its rule sets: where these tests live, unless they were copied out of it
# to test an installed package (tests/package/30-wheel_check.sh names it in $ARDENT_SOURCE_DIR).
REPO = Path(os.environ.get("ARDENT_SOURCE_DIR") or Path(__file__).resolve().parents[3])
CONFORMANCE = REPO / "tests" / "conformance"
MINI_HIP = CONFORMANCE / "rules" / "mini_hip.ard"

# Enough findings to fire the classic overload rule of mini_hip.
OVERLOAD = {"central_buttock": True, "pain_peak": "day_after", "side_lying": True}

CLOSED = "the closed-handle error"


def close_while_working(close, work, workers=4):
    """Calls `work` over and over on `workers` threads, each until it raises the closed-handle
    error; calls `close` once every thread has finished one call, so that the others are
    running. Returns what every call ended with: its value, CLOSED, or the exception it raised."""
    outcomes = []
    started = [threading.Event() for _ in range(workers)]

    def work_until_closed(started):
        while True:
            try:
                outcome = work()
            except ardent.InvalidArgumentError as e:
                outcome = CLOSED if "has been closed" in e.message else e
            except Exception as e:  # reported by the caller's assertions
                outcome = e
            outcomes.append(outcome)
            started.set()
            if outcome is CLOSED or isinstance(outcome, Exception):
                return

    threads = [threading.Thread(target=work_until_closed, args=(s,)) for s in started]
    for t in threads:
        t.start()
    for s in started:
        s.wait()
    close()
    for t in threads:
        t.join()
    return outcomes
