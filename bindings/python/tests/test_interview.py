"""The interview through the binding: complete / provisional, the screen's
pending questions, the new ask reasons and the undecided rules' standing, on the interview rule
set of tests/cli/rules/interview/ (interview.ard alone has no screen; the directory adds one)."""

import unittest

import ardent
from ardent import AskReason, Standing, Triage

from .support import REPO

INTERVIEW = REPO / "tests" / "cli" / "rules" / "interview"

# The overload pattern, which concludes self-care.
SELF_CARE = {"pain_central": True, "pain_peak": "day_after_activity"}


class InterviewTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = ardent.compile(INTERVIEW / "interview.ard")
        cls.screened = ardent.compile(INTERVIEW)

    def test_cases(self):
        # findings, complete, self-care withheld, triage, [(finding, reason)], {rule: standing}
        table = [
            ({}, True, False, Triage.ROUTINE, [],
             {"cauda_equina": Standing.NO_TRUE_PART, "septic_hip": Standing.NO_TRUE_PART,
              "overload": Standing.NO_TRUE_PART, "sitting": Standing.NO_TRUE_PART}),
            ({"pain_central": True}, False, False, Triage.ROUTINE,
             [("pain_sitting", AskReason.DECIDES_CONDITION), ("pain_peak", AskReason.LOWERS_TRIAGE)],
             {"cauda_equina": Standing.NO_TRUE_PART, "septic_hip": Standing.NO_TRUE_PART,
              "overload": Standing.LOWERS, "sitting": Standing.DECIDES_CONDITION}),
            (SELF_CARE, True, False, Triage.SELF_CARE, [],
             {"cauda_equina": Standing.NO_TRUE_PART, "septic_hip": Standing.NO_TRUE_PART,
              "sitting": Standing.NO_CHANGE}),
            ({**SELF_CARE, "fever": True}, False, False, Triage.SELF_CARE, [("night_pain", AskReason.RED_FLAG)],
             {"cauda_equina": Standing.NO_TRUE_PART, "septic_hip": Standing.RAISES, "sitting": Standing.NO_CHANGE}),
            ({**SELF_CARE, "fever": True, "night_pain": None}, True, False, Triage.SELF_CARE, [],
             {"cauda_equina": Standing.NO_TRUE_PART, "septic_hip": Standing.NOTHING_TO_ASK,
              "sitting": Standing.NO_CHANGE}),
        ]
        for findings, complete, withheld, triage, ask, standing in table:
            with self.subTest(findings=findings):
                r = self.rs.evaluate(findings)
                self.assertIs(r.complete, complete)
                self.assertIs(r.provisional, not complete)
                self.assertIs(r.self_care_withheld, withheld)
                self.assertIs(r.triage, triage)
                self.assertEqual([(a.finding, a.reason) for a in r.ask_next], ask)
                self.assertEqual({u.id: u.standing for u in r.undecided}, standing)
                self.assertEqual(r.complete, not r.ask_next)
                self.assertEqual(r.screen_pending, ())
                self.assertEqual(r.interview.screen_title, "")
                self.assertEqual(r.interview.screen, ())
                # The JSON result says the same.
                doc = r.to_dict()["interview"]
                self.assertEqual((doc["complete"], doc["provisional"], doc["self_care_withheld"]),
                                 (complete, not complete, withheld))
                self.assertIsNone(doc["screen"])
                self.assertEqual(doc["stop"] is None, not complete)

    def test_names_of_the_new_values(self):
        self.assertEqual(str(AskReason.SCREEN), "screen")
        self.assertEqual(AskReason.parse("decides_condition"), AskReason.DECIDES_CONDITION)
        self.assertEqual(int(AskReason.LOWERS_TRIAGE), 5)
        self.assertEqual(str(Standing.NO_CHANGE), "no_change")
        self.assertEqual([int(s) for s in Standing], list(range(7)))

    def test_max_ask_does_not_complete_an_interview(self):
        r = self.rs.evaluate({"pain_central": True}, max_ask=1)
        self.assertEqual(len(r.ask_next), 1)
        self.assertFalse(r.complete)

    def test_screen_first_in_its_order(self):
        rs = self.screened
        r = rs.evaluate({})
        screen = ("saddle_anaesthesia", "bladder_change", "fever")
        self.assertEqual(r.interview.screen_title, "Red-flag screen")
        self.assertEqual(r.interview.screen, screen)
        self.assertEqual(r.interview.screen_asked, 0)
        self.assertEqual(r.screen_pending, screen)
        self.assertEqual([(a.finding, a.reason) for a in r.ask_next], [(f, AskReason.SCREEN) for f in screen])
        self.assertTrue(r.provisional)

    def test_the_screen_keeps_the_interview_open(self):
        rs = self.screened
        r = rs.evaluate({**SELF_CARE, "fever": False})
        self.assertIs(r.triage, Triage.SELF_CARE)
        self.assertTrue(r.provisional)
        self.assertFalse(r.self_care_withheld)
        self.assertEqual(r.screen_pending, ("saddle_anaesthesia", "bladder_change"))
        r = rs.evaluate({**SELF_CARE, "fever": False, "saddle_anaesthesia": False, "bladder_change": None})
        self.assertIs(r.triage, Triage.SELF_CARE)
        self.assertTrue(r.complete)
        self.assertFalse(r.self_care_withheld)
        self.assertEqual(r.interview.screen_asked, 3)
        self.assertEqual(r.screen_pending, ())


if __name__ == "__main__":
    unittest.main()
