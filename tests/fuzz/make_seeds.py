#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the fuzz targets from the repository's own files.

    tests/fuzz/make_seeds.py build/ardent [--only fhir]

Rerun it when the rule language, rules/hip, the golden files or the conformance cases change
enough that the seeds no longer reach the new code; commit what it writes. The C ABI target's
corpus is not derived from files: it is what fuzzing it kept (docs/fuzzing.md says how to
refresh it). The `ardent` command line (a normal build) publishes the registry seed and writes
the audit seed.
"""
import hashlib
import json
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "tests/fuzz"

COMPILE_SEEDS = sorted(
    [*ROOT.glob("tests/conformance/rules/*.ard"), *ROOT.glob("tests/golden/*.ard"),
     ROOT / "capi/tests/data/small.ard", ROOT / "tests/doors/doors.ard",
     *ROOT.glob("tests/cli/rules/*/*.ard"), ROOT / "rules/hip/screen.ard",
     ROOT / "rules/hip/rules-hip-joint.ard"])

# The rule sets fuzz_case and fuzz_capi evaluate against (tests/fuzz/harness.cpp).
RULESETS = [ROOT / "rules/hip", ROOT / "capi/tests/data/small.ard", ROOT / "tests/doors/doors.ard",
            *sorted(ROOT.glob("tests/conformance/rules/*.ard"))]


def write_corpus(name, seeds):
    """Replaces corpus/NAME with the seeds (bytes), each named by its content's hash as libFuzzer does."""
    folder = HERE / "corpus" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for seed in seeds:
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"make_seeds: corpus/{name}: {len(set(seeds))} seeds, {sum(len(s) for s in set(seeds))} bytes")


def write_dict(name, tokens, comment):
    lines = [f"# {comment}", "# Written by tests/fuzz/make_seeds.py."]
    for token in sorted(set(tokens)):
        escaped = "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02x}" for b in token.encode())
        lines.append(f'"{escaped}"')
    (HERE / f"{name}.dict").write_text("\n".join(lines) + "\n")


def ard_files(ruleset):
    return sorted(ruleset.rglob("*.ard")) if ruleset.is_dir() else [ruleset]


def declared_names(paths):
    """Finding names and enum values as declared (`finding NAME: one of {a, b}`)."""
    names, values = set(), set()
    for path in paths:
        text = path.read_text()
        names.update(re.findall(r"^\s*finding\s+([a-z_][a-z0-9_]*)", text, re.M))
        for domain in re.findall(r"one of\s*\{([^}]*)\}", text):
            values.update(v.strip() for v in domain.split(",") if v.strip())
    return names, values


def case_seeds():
    seeds = [p.read_bytes() for p in sorted(ROOT.glob("examples/cases/*.json"))]
    for path in sorted(ROOT.glob("tests/conformance/*.json")):
        for case in json.loads(path.read_text())["cases"]:
            seeds.append(json.dumps(case["findings"]).encode())
    for case in json.loads((ROOT / "tests/doors/input_errors.json").read_text())["cases"]:
        seeds.append(case["json"].encode())
    return seeds


def answer_of(item):
    """An answer of the type a Questionnaire item asks for (the first option, the lowest value)."""
    kind = item["type"]
    if kind == "boolean":
        return {"valueBoolean": True}
    if kind == "choice":
        return {"valueCoding": item["answerOption"][0]["valueCoding"]}
    if kind == "integer":
        return {"valueInteger": 1}
    if kind == "decimal":
        return {"valueDecimal": 1.5}
    units = [e["valueCoding"] for e in item.get("extension", []) if e["url"].endswith(("questionnaire-unit", "unitOption"))]
    return {"valueQuantity": {"value": 2, "system": "http://unitsofmeasure.org", "code": units[0].get("code", "")}}


def leaf_items(items):
    for item in items:
        yield from leaf_items(item["item"]) if item.get("item") else [item]


def fhir_seeds(cli):
    """The FHIR example bundle, and per rule set a QuestionnaireResponse answering every item of
    its own Questionnaire (`ardent questionnaire`), then the same with two answers that disagree."""
    seeds = [p.read_bytes() for p in sorted(ROOT.glob("examples/fhir/*.json"))]
    for ruleset in RULESETS:
        q = json.loads(subprocess.run([cli, "questionnaire", ruleset], check=True, capture_output=True).stdout)
        items = [{"linkId": i["linkId"], "answer": [answer_of(i)]} for i in leaf_items(q["item"])]
        response = {"resourceType": "QuestionnaireResponse", "status": "completed", "authored": "2026-01-02", "item": items}
        seeds.append(json.dumps(response).encode())
        response["item"] = items[:1] + [{"linkId": items[0]["linkId"], "answer": [{"valueBoolean": False}]}]
        seeds.append(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": response}]}).encode())
    return seeds


def fhir_tokens():
    return ['"resourceType":', '"Bundle"', '"entry":', '"resource":', '"QuestionnaireResponse"', '"Observation"',
            '"Condition"', '"item":', '"linkId":', '"answer":', '"valueBoolean":', '"valueCoding":',
            '"valueQuantity":', '"valueInteger":', '"valueDecimal":', '"valueString":', '"valueCodeableConcept":',
            '"code":', '"system":', '"coding":', '"status":', '"final"', '"amended"', '"entered-in-error"',
            '"cancelled"', '"dataAbsentReason":', '"not-asked"', '"asked-unknown"', '"effectiveDateTime":',
            '"issued":', '"authored":', '"clinicalStatus":', '"verificationStatus":', '"refuted"', '"active"',
            '"resolved"', '"value":', '"unit":', '"Cel"', '"[degF]"', '"wk"', '"a"', '"d"', '"h"', '"min"', '"mo"',
            '"http://loinc.org"', '"http://snomed.info/sct"', '"http://hl7.org/fhir/sid/icd-10"',
            '"http://unitsofmeasure.org"', '"2026-01-02T10:00:00Z"', "true", "false", "null", "1e309"]


def language_tokens():
    words = ["ruleset", "version", "title", "default", "triage", "finding", "bool", "one of", "number",
             "duration", "integer", "unit", "label", "ask", "group", "code", "condition", "advice",
             "define", "score", "rule", "redflag", "when", "then", "priority", "suggest", "likely",
             "possible", "consider", "exclude", "advise", "screen", "test", "given", "expect", "and",
             "or", "not", "is", "in", "between", "of", "at least", "known", "unknown", "yes", "no",
             "other", "self_care", "routine", "urgent", "emergency", "minutes", "hours", "days", "weeks",
             "months", "years", "->", "\u2192", "..", "<=", ">=", "!=", "==", "{", "}", "(", ")", ":",
             ",", '"', "#", "\n  ", "snomed", "icd10"]
    return words


def case_tokens():
    names, values = set(), set()
    for ruleset in RULESETS:
        n, v = declared_names(ard_files(ruleset))
        names |= n
        values |= v
    quoted = [f'"{n}":' for n in names] + [f'"{v}"' for v in values]
    units = ['" weeks"', '" days"', '" wks"', '" min"', '" months"', '" yr"']
    return quoted + units + ["true", "false", "null", "1e309", "-0", "{", "}", "[", "]", "\\u0000", "\\ud800"]


def capi_tokens():
    names, values = set(), set()
    for ruleset in RULESETS:
        n, v = declared_names(ard_files(ruleset))
        names |= n
        values |= v
    return [*names, *values, "weeks", "{}", "null"]


def store_seeds(cli):
    """A registry holding two rule sets (one approved) and an audit log of three evaluations,
    rewritten with 512-byte pages so that the seeds stay small."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="ardent-seeds-"))
    registry, audit = work / "registry.db", work / "audit.db"
    mini = ROOT / "tests/conformance/rules/mini_hip.ard"
    small = ROOT / "capi/tests/data/small.ard"
    run = lambda *args: subprocess.run([cli, *map(str, args)], check=True, capture_output=True)
    run("publish", mini, "--db", registry, "--status", "approved", "--author", "Dr Seed")
    run("publish", small, "--db", registry, "--author", "Dr Seed")
    for case in ["cauda_equina", "classic_overload", "incomplete_screen"]:
        run("eval", ROOT / "rules/hip", ROOT / f"examples/cases/{case}.json", "--audit", audit,
            "--encounter", f"E-{case}", "--user", "dr-seed", "--tag", "site=north")
    seeds = []
    for db in (registry, audit):
        con = sqlite3.connect(db)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA page_size=512")
        con.execute("VACUUM")
        con.close()
        seeds.append(db.read_bytes())
    shutil.rmtree(work)
    return seeds


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    cli = pathlib.Path(sys.argv[1]).resolve()
    if sys.argv[2:] == ["--only", "fhir"]:  # a target added later: its seeds alone
        write_corpus("fhir", fhir_seeds(cli))
        write_dict("fhir", fhir_tokens(), "FHIR R4 keys, codes and units that docs/fhir.md reads.")
        return
    write_corpus("compile", [p.read_bytes() for p in COMPILE_SEEDS])
    write_corpus("case", case_seeds())
    write_corpus("store", store_seeds(cli))
    write_corpus("fhir", fhir_seeds(cli))
    write_dict("compile", language_tokens(), "The Ardent language's words and punctuation (docs/language.md).")
    write_dict("case", case_tokens(), "Finding names, enum values and duration units of the rule sets fuzz_case reads cases for.")
    write_dict("capi", capi_tokens(), "Finding names and enum values of the rule sets fuzz_capi calls the C ABI on.")
    write_dict("store", ["SQLite format 3\x00", "audit_log", "ruleset_version", "ruleset_source", "approved",
                         "retired", "draft", "mini_hip", "small_hip", "0.3.0", "1.2.3", "\x00\x00\x00\x00"],
               "SQLite's header and the names an Ardent database holds.")
    write_dict("fhir", fhir_tokens(), "FHIR R4 keys, codes and units that docs/fhir.md reads.")


if __name__ == "__main__":
    main()
