#!/usr/bin/env python3
"""Triages one patient with the posterior hip and buttock rule set and prints the report.

    python3 examples/python/triage.py [RULES] [CASE.json]

RULES defaults to rules/hip; CASE.json holds the findings as a JSON object (default: the
runner below). Needs the `ardent` package (the wheel of scripts/package.sh carries the library;
or bindings/python with libardent.so.1 named by ARDENT_LIBRARY or on the library path).
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
try:
    import ardent
except ImportError:  # run from a source tree without installing the package
    sys.path.insert(0, str(ROOT / "bindings" / "python"))
    import ardent

# A 34-year-old runner with deep buttock pain the day after training. None means "asked, and
# nobody knows"; findings left out have not been asked.
PATIENT = {
    "age": 34,
    "sex": "female",
    "main_sport": "running",
    "pain_side": "left",
    "pain_central_buttock": True,
    "pain_groin": False,
    "pain_below_knee": False,
    "onset": "gradual",
    "duration_weeks": 3,
    "pain_delayed_after_training": True,
    "pain_lingers_days": True,
    "pain_sitting": True,
    "side_lying_pain": "on_either_side",
    "saddle_anaesthesia": False,
    "bladder_bowel_change": False,
    "fever": False,
    "night_pain_non_mechanical": False,
    "history_of_cancer": None,
}


def main(argv: list) -> int:
    rules = argv[1] if len(argv) > 1 else ROOT / "rules" / "hip"
    patient = json.loads(Path(argv[2]).read_text()) if len(argv) > 2 else PATIENT
    try:
        rs = ardent.compile(rules)
    except ardent.CompileError as e:
        print(e, file=sys.stderr)
        return 1
    try:
        result = rs.evaluate(patient, max_ask=5)
    except ardent.Error as e:  # a finding the rule set does not know, a value out of range, ...
        print(f"case refused: {e.message}", file=sys.stderr)
        return 1

    print(result.report())
    print(f"-- the same result as data ({rs.name} {rs.version}) --")
    print(f"triage: {result.triage}")
    for flag in result.red_flags:
        print(f"red flag: {flag.label} ({flag.triage})")
    for c in result.conditions:
        print(f"{c.status}: {c.label}")
    for explanation in result.explain():
        print(f"  {explanation.rule} fired because {explanation.text}")
    for ask in result.ask_next:
        print(f"ask: {ask.question} [{ask.finding}, {ask.reason}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
