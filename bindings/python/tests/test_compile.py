import os
import tempfile
import unittest
from pathlib import Path

import ardent

from .support import MINI_HIP

BROKEN = """ruleset broken version "1.0.0"
finding fever: bool
condition flu
rule r: fevr -> suggest flu
"""


class CompileTest(unittest.TestCase):
    def test_compiles_a_file_path_and_reads_the_header(self):
        rs = ardent.compile(str(MINI_HIP))
        self.assertEqual(rs.name, "mini_hip")
        self.assertEqual(rs.version, "0.3.0")
        self.assertEqual(rs.title, "Mini posterior hip triage")
        self.assertEqual(rs.default_triage, ardent.Triage.ROUTINE)
        self.assertRegex(rs.hash, r"^[0-9a-f]{64}$")
        self.assertEqual(rs.test_count, 2)
        self.assertEqual(rs.diagnostics, ())

    def test_path_objects_and_directories_compile(self):
        with tempfile.TemporaryDirectory() as d:
            Path(d, "a.ard").write_text(MINI_HIP.read_text())
            rs = ardent.compile(Path(d))
        self.assertEqual(rs.name, "mini_hip")

    def test_source_text_compiles_and_hashes_like_the_file(self):
        from_text = ardent.compile(MINI_HIP.read_text())
        self.assertEqual(from_text.name, "mini_hip")
        self.assertEqual(len(from_text.findings), len(ardent.compile(MINI_HIP).findings))

    def test_findings_carry_type_domain_label_and_question(self):
        rs = ardent.compile(MINI_HIP)
        by_name = {f.name: f for f in rs.findings}
        self.assertEqual([f.index for f in rs.findings], list(range(len(rs.findings))))
        fever = by_name["fever"]
        self.assertEqual(fever.type, ardent.FindingType.BOOL)
        self.assertEqual(fever.label, "Fever")
        self.assertEqual(fever.question, "Have you had a fever?")
        self.assertEqual(fever.codes, (ardent.Code("snomed", "386661006"),))
        peak = by_name["pain_peak"]
        self.assertEqual(peak.type, ardent.FindingType.ENUM)
        self.assertEqual(peak.domain, ("during_activity", "hours_after", "day_after", "constant"))
        self.assertEqual(peak.group, "pain")
        score = by_name["pain_score"]
        self.assertEqual((score.type, score.min, score.max, score.integer), (ardent.FindingType.NUMBER, 0, 10, True))
        self.assertEqual(by_name["age"].unit, "years")
        self.assertEqual(by_name["duration"].type, ardent.FindingType.DURATION)
        self.assertIsNone(by_name["duration"].min)
        self.assertIs(rs.finding("age"), by_name["age"])

    def test_conditions_and_rules_are_listed_in_declaration_order(self):
        rs = ardent.compile(MINI_HIP)
        self.assertEqual([c.name for c in rs.conditions], ["rotator_overload", "bone_stress", "infection", "training_error"])
        self.assertEqual(rs.conditions[0].advice, ("Stretch only gently and comfortably.",))
        self.assertEqual([r.name for r in rs.red_flags], ["cauda_equina", "septic_hip"])
        cauda = rs.red_flags[0]
        self.assertEqual(cauda.triage, ardent.Triage.EMERGENCY)
        self.assertEqual(cauda.location.line, 80)
        self.assertTrue(cauda.location.file.endswith("mini_hip.ard"))
        classic = rs.rules[0]
        self.assertEqual((classic.name, classic.priority, classic.redflag), ("classic_overload", 2, False))
        self.assertIn("suggest rotator_overload likely", classic.source)
        self.assertIsNone(rs.rules[1].triage)

    def test_errors_raise_compile_error_with_located_diagnostics(self):
        with self.assertRaises(ardent.CompileError) as caught:
            ardent.compile(BROKEN, name="broken.ard")
        e = caught.exception
        self.assertEqual(e.code, -1)
        self.assertEqual((e.file, e.line), ("broken.ard", 4))
        self.assertGreater(e.column, 0)
        self.assertEqual(len(e.errors), 1)
        d = e.errors[0]
        self.assertEqual((d.file, d.line, d.column, d.severity), ("broken.ard", 4, e.column, ardent.Severity.ERROR))
        self.assertIn("fevr", d.message)
        self.assertIn("did you mean 'fever'", d.message)
        self.assertEqual(d.source_line, "rule r: fevr -> suggest flu")
        self.assertIn("^", str(e))
        self.assertIsInstance(e, ardent.Error)

    def test_warnings_are_kept_and_werror_makes_them_fatal(self):
        text = BROKEN.replace("fevr", "fever") + "finding unused: bool\n"
        rs = ardent.compile(text)
        self.assertTrue(rs.diagnostics)
        self.assertTrue(all(d.severity is ardent.Severity.WARNING for d in rs.diagnostics))
        with self.assertRaises(ardent.CompileError) as caught:
            ardent.compile(text, werror=True)
        self.assertTrue(caught.exception.diagnostics)

    def test_a_missing_path_is_a_file_error(self):
        with self.assertRaises(ardent.FileError) as caught:
            ardent.compile(os.path.join(tempfile.gettempdir(), "no-such-dir", "rules.ard"))
        self.assertIn("no-such-dir", caught.exception.message)

    def test_bytes_are_source_text(self):
        self.assertEqual(ardent.compile(MINI_HIP.read_bytes()).name, "mini_hip")

    def test_closed_rule_set_refuses_work_but_its_results_live_on(self):
        with ardent.compile(MINI_HIP) as rs:
            result = rs.evaluate({"saddle_numbness": True})
        with self.assertRaises(ardent.InvalidArgumentError):
            rs.evaluate({})
        self.assertEqual(result.triage, ardent.Triage.EMERGENCY)
        self.assertEqual(result.red_flags[0].id, "cauda_equina")


if __name__ == "__main__":
    unittest.main()
