"""Paths shared by the tests: the repository's conformance rule sets and cases."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CONFORMANCE = REPO / "tests" / "conformance"
MINI_HIP = CONFORMANCE / "rules" / "mini_hip.ard"

# Enough findings to fire the classic overload rule of mini_hip.
OVERLOAD = {"central_buttock": True, "pain_peak": "day_after", "side_lying": True}
