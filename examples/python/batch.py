#!/usr/bin/env python3
"""Generates cases as JSON Lines and triages them in batches, printing the throughput.

    python3 examples/python/batch.py [--cases 100000] [--rules rules/hip] [--out cases.jsonl]
                                     [--threads 0] [--seed 1]

The cases are drawn from what the rule set declares (each finding asked with probability 0.4,
answered "unknown" one time in twenty, values within the declared domain or range) by a seeded
generator, so the same seed gives the same file. The file is then triaged three ways: its lines
as they are (JSON text), the same cases as dicts through the batch call, and one at a time.
"""

import argparse
import collections
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
try:
    import ardent
except ImportError:  # run from a source tree without installing the package
    sys.path.insert(0, str(ROOT / "bindings" / "python"))
    import ardent


def value_for(finding: ardent.Finding, rng: random.Random):
    if rng.random() < 0.05:
        return None
    if finding.type is ardent.FindingType.BOOL:
        return rng.random() < 0.3
    if finding.type is ardent.FindingType.ENUM:
        return rng.choice(finding.domain)
    if finding.type is ardent.FindingType.DURATION:
        return f"{rng.randint(1, 30)} {rng.choice(['days', 'weeks'])}"
    lo = finding.min if finding.min is not None else 0.0
    hi = finding.max if finding.max is not None else 100.0
    return rng.randint(int(lo), int(hi)) if finding.integer else round(rng.uniform(lo, hi), 1)


def generate(rs: ardent.RuleSet, count: int, seed: int, path: Path) -> None:
    rng = random.Random(seed)
    with path.open("w") as out:
        for _ in range(count):
            case = {f.name: value_for(f, rng) for f in rs.findings if rng.random() < 0.4}
            out.write(json.dumps(case) + "\n")


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:12,.0f} cases/s  ({seconds * 1e6 / count:6.2f} µs per case)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rules", default=str(ROOT / "rules" / "hip"))
    parser.add_argument("--out", help="where to write the JSON Lines (default: a temporary file)")
    parser.add_argument("--threads", type=int, default=0, help="threads of the batch call (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    try:
        rs = ardent.compile(args.rules)
    except ardent.CompileError as e:
        print(e, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.out) if args.out else Path(tmp) / "cases.jsonl"
        start = time.perf_counter()
        generate(rs, args.cases, args.seed, path)
        print(f"generated {args.cases:,} cases for {rs.name} {rs.version} in "
              f"{time.perf_counter() - start:.2f} s -> {path if args.out else 'a temporary file'}")

        # Each pass reads the same from every result: its triage and its red flags.
        triage, flags = collections.Counter(), collections.Counter()

        def tally(results) -> None:
            for r in results:
                triage[r.triage] += 1
                flags.update(f.id for f in r.red_flags)

        with path.open() as lines:
            start = time.perf_counter()
            tally(rs.evaluate_many(lines, threads=args.threads))
            batch_json = time.perf_counter() - start

        cases = [json.loads(line) for line in path.read_text().splitlines()]
    start = time.perf_counter()
    tally(rs.evaluate_many(cases, threads=args.threads))
    batch_dicts = time.perf_counter() - start
    start = time.perf_counter()
    tally(rs.evaluate(case) for case in cases)
    single = time.perf_counter() - start

    print(f"batch, JSON Lines text : {rate(len(cases), batch_json)}")
    print(f"batch, dicts           : {rate(len(cases), batch_dicts)}")
    print(f"one at a time, dicts   : {rate(len(cases), single)}")
    passes = 3
    print("triage: " + ", ".join(f"{level} {triage[level] // passes:,}" for level in ardent.Triage))
    print("most frequent red flags: " + ", ".join(f"{name} {n // passes:,}" for name, n in flags.most_common(5)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
