"""The shared conformance cases (tests/conformance/*.json), also run by the C++ suite and the
Node.js binding, so that all three agree."""

import json
import unittest

import ardent

from .support import CONFORMANCE

ERROR_KINDS = {
    ardent.NotFoundError: "not_found",
    ardent.TypeMismatchError: "type",
    ardent.OutOfRangeError: "range",
    ardent.InvalidArgumentError: "invalid",
}


def outcome(result, keys):
    got = {
        "triage": str(result.triage),
        "red_flags": [f.id for f in result.red_flags],
        "conditions": [{"id": c.id, "status": str(c.status)} for c in result.conditions],
        "undecided": [u.id for u in result.undecided],
        "complete": result.complete,
        "ask_next": [a.finding for a in result.ask_next],
    }
    return {k: got[k] for k in keys}


class ConformanceTest(unittest.TestCase):
    def test_every_conformance_file(self):
        files = sorted(CONFORMANCE.glob("*.json"))
        self.assertTrue(files, "no conformance cases found")
        for path in files:
            spec = json.loads(path.read_text())
            rs = ardent.compile(path.parent / spec["ruleset"])
            for case in spec["cases"]:
                with self.subTest(file=path.name, case=case["name"]):
                    self.run_case(rs, case)
                    # The same case as JSON text goes through ardent_case_set_json instead.
                    self.run_case(rs, case, as_json=True)

    def run_case(self, rs, case, as_json=False):
        findings = json.dumps(case["findings"]) if as_json else case["findings"]
        if "error" in case:
            with self.assertRaises(ardent.Error) as caught:
                rs.evaluate(findings)
            self.assertEqual(ERROR_KINDS.get(type(caught.exception)), case["error"], caught.exception.message)
            return
        expect = case["expect"]
        self.assertEqual(outcome(rs.evaluate(findings), expect.keys()), expect)


if __name__ == "__main__":
    unittest.main()
