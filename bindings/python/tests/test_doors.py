"""Same answer from every door: the rows of tests/doors/input_errors.json give, through the
Python binding, the same status code, message and finding as through the C++ API, the command
line and the REPL (tests/doors/doors_test.cpp)."""

import json
import unittest

import ardent
from ardent import _native as n

from .support import REPO

DOORS = REPO / "tests" / "doors"
ROWS = json.loads((DOORS / "input_errors.json").read_text(encoding="utf-8"))["cases"]


class SameAnswerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = ardent.compile(str(DOORS / "doors.ard"))

    def check_refusal(self, row, evaluate):
        with self.assertRaises(ardent.Error) as caught:
            evaluate()
        error = caught.exception
        self.assertEqual(error.code, getattr(n, row["code"]), row["name"])
        self.assertEqual(error.message, row["message"], row["name"])
        self.assertEqual(error.finding, row["finding"], row["name"])

    def test_json_text(self):
        for row in ROWS:
            with self.subTest(row["name"]):
                if "code" in row:
                    self.check_refusal(row, lambda: self.rules.evaluate(row["json"]))
                else:
                    self.rules.evaluate(row["json"])

    def test_dict(self):
        # A dict cannot hold a key twice, and malformed JSON is not a dict: those rows are the
        # JSON text's alone.
        for row in ROWS:
            if row.get("kind") in ("Duplicate", "Malformed"):
                continue
            with self.subTest(row["name"]):
                findings = json.loads(row["json"])
                if "code" in row:
                    self.check_refusal(row, lambda: self.rules.evaluate(findings))
                else:
                    self.rules.evaluate(findings)


if __name__ == "__main__":
    unittest.main()
