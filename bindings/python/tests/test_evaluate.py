import dataclasses
import datetime
import gc
import importlib.util
import json
import types
import threading
import unittest

import ardent
from ardent import ConditionStatus, Duration, DurationUnit, Triage

from .support import CLOSED, MINI_HIP, OVERLOAD, close_while_working

CLOSE_ROUNDS = 20


class EvaluateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = ardent.compile(MINI_HIP)

    def test_an_empty_case_gets_the_default_triage_and_no_questions(self):
        r = self.rs.evaluate({})
        self.assertEqual(r.triage, Triage.ROUTINE)
        self.assertTrue(r.triage_is_default)
        self.assertEqual(r.red_flags, [])
        self.assertEqual(r.conditions, [])
        # Nothing holds in any rule yet and the rule set has no screen: nothing is asked.
        self.assertEqual(r.ask_next, [])
        self.assertTrue(r.complete)
        self.assertIs(self.rs.evaluate().triage, Triage.ROUTINE)

    def test_a_started_red_flag_asks_its_question(self):
        r = self.rs.evaluate({"fever": True})
        first = r.ask_next[0]
        self.assertEqual(first.finding, "night_pain")
        self.assertEqual(first.reason, ardent.AskReason.RED_FLAG)
        self.assertEqual(first.question, "Does the pain wake you at night?")
        self.assertIn("septic_hip", first.could_decide)
        self.assertTrue(r.provisional)

    def test_typed_values_reach_the_engine(self):
        r = self.rs.evaluate(OVERLOAD)
        self.assertEqual(r.triage, Triage.SELF_CARE)
        self.assertFalse(r.triage_is_default)
        [c] = r.conditions
        self.assertEqual((c.id, c.status, c.strength, c.priority), ("rotator_overload", ConditionStatus.SUGGESTED, ardent.Strength.LIKELY, 2))
        self.assertEqual(c.codes, (ardent.Code("snomed", "298336006"),))
        self.assertEqual(r.suggested, [c])
        self.assertEqual(r.advice, ["Stretch only gently and comfortably."])
        self.assertEqual(r.rule_state("classic_overload"), ardent.RuleState.FIRED)
        self.assertEqual(r.rule_state("maybe_overload"), ardent.RuleState.NOT_FIRED)

    def test_numbers_scores_and_red_flags(self):
        r = self.rs.evaluate({"night_pain": True, "pain_score": 8, "age": 45.5, "fever": True, "saddle_numbness": True})
        self.assertEqual(r.triage, Triage.EMERGENCY)
        self.assertEqual([(f.id, f.triage) for f in r.red_flags],
                         [("cauda_equina", Triage.EMERGENCY), ("septic_hip", Triage.URGENT)])
        self.assertEqual(r.red_flags[0].label, "Possible cauda equina syndrome")
        self.assertEqual([(c.id, c.status) for c in r.conditions],
                         [("bone_stress", ConditionStatus.SUGGESTED), ("infection", ConditionStatus.SUGGESTED)])
        self.assertEqual(r.conditions[0].strength, ardent.Strength.POSSIBLE)
        self.assertIn("Same-day emergency assessment.", r.advice)
        self.assertIn("Arrange imaging.", r.advice)

    def test_none_means_unknown_and_is_never_asked_again(self):
        asked = self.rs.evaluate({"saddle_numbness": None})
        self.assertNotIn("saddle_numbness", [a.finding for a in asked.ask_next])
        undecided = {u.id: u for u in asked.undecided}
        self.assertIn("cauda_equina", undecided)
        self.assertEqual(undecided["cauda_equina"].missing, ())
        self.assertTrue(undecided["cauda_equina"].redflag)

    def test_every_form_of_a_duration(self):
        cases = [Duration(7, DurationUnit.WEEKS), datetime.timedelta(days=49), 49, 49.0, "7 weeks"]
        for value in cases:
            with self.subTest(value=value):
                r = self.rs.evaluate({"duration": value, "pain_score": 6})
                self.assertEqual(r.triage, Triage.URGENT)
                # The rule that read the duration fired and asks for night pain.
                self.assertEqual((r.ask_next[0].finding, r.ask_next[0].reason),
                                 ("night_pain", ardent.AskReason.REQUESTED))
        short = self.rs.evaluate({"duration": Duration(6, DurationUnit.WEEKS), "pain_score": 6})
        self.assertEqual(short.triage, Triage.ROUTINE)

    def test_a_plain_dict_and_any_other_mapping_give_the_same_result(self):
        # A dict of plain values crosses as one JSON text; other mappings finding by finding.
        case = dict(OVERLOAD, fever=None, duration=49)
        fast = self.rs.evaluate(case)
        each = self.rs.evaluate(types.MappingProxyType(case))
        self.assertEqual(json.loads(fast.to_json()), json.loads(each.to_json()))
        self.assertEqual(fast.triage, each.triage)
        self.assertEqual([c.id for c in fast.conditions], [c.id for c in each.conditions])

    def test_a_fired_rule_asks_for_a_finding(self):
        r = self.rs.evaluate({"duration": "2 months", "pain_score": 6, "saddle_numbness": False, "fever": False})
        reasons = {a.finding: a.reason for a in r.ask_next}
        self.assertEqual(reasons["night_pain"], ardent.AskReason.REQUESTED)

    def test_json_text_is_accepted_as_a_case(self):
        text = json.dumps(OVERLOAD)
        self.assertEqual(self.rs.evaluate(text).triage, Triage.SELF_CARE)
        self.assertEqual(self.rs.evaluate(text.encode()).triage, Triage.SELF_CARE)
        with self.assertRaises(ardent.InvalidArgumentError):
            self.rs.evaluate("{not json")

    def test_max_ask_limits_the_questions(self):
        started = {"fever": True, "duration": "7 weeks", "central_buttock": True}
        self.assertEqual(len(self.rs.evaluate(started, max_ask=2).ask_next), 2)
        self.assertGreater(len(self.rs.evaluate(started).ask_next), 2)

    def test_refused_values_raise_the_matching_error(self):
        with self.assertRaises(ardent.NotFoundError) as caught:
            self.rs.evaluate({"fevr": True})
        self.assertIn("did you mean 'fever'", caught.exception.message)
        self.assertIsInstance(caught.exception, LookupError)
        with self.assertRaises(ardent.TypeMismatchError) as caught:
            self.rs.evaluate({"fever": 1})
        self.assertEqual(caught.exception.finding, "fever")
        with self.assertRaises(ardent.TypeMismatchError):
            self.rs.evaluate({"age": "old"})
        with self.assertRaises(ardent.TypeMismatchError):
            self.rs.evaluate({"age": [54]})
        with self.assertRaises(ardent.OutOfRangeError):
            self.rs.evaluate({"pain_score": 11})
        with self.assertRaises(ardent.OutOfRangeError):
            self.rs.evaluate({"pain_score": 6.5})
        with self.assertRaises(ardent.OutOfRangeError):
            self.rs.evaluate({"duration": -2})
        with self.assertRaises(ValueError):  # every value error is a ValueError too
            self.rs.evaluate({"age": float("nan")})
        with self.assertRaises(TypeError):
            self.rs.evaluate({1: True})
        # A failed case leaves nothing behind for the next one.
        self.assertEqual(self.rs.evaluate({}).triage, Triage.ROUTINE)

    def test_explanations(self):
        r = self.rs.evaluate(dict(OVERLOAD, fever=False))
        [fired] = r.explain()
        self.assertEqual((fired.rule, fired.state), ("classic_overload", ardent.RuleState.FIRED))
        self.assertIn("pain felt centrally in the buttock", fired.text)
        self.assertEqual([f.index for f in fired.facts], [3, 5, 4])
        self.assertTrue(all(f.holds for f in fired.facts))
        self.assertEqual(fired.location.line, 63)
        septic = r.explain("septic_hip")
        self.assertEqual(septic.state, ardent.RuleState.NOT_FIRED)
        self.assertEqual([f.text for f in septic.facts], ["no fever"])
        undecided = r.explain("cauda_equina")
        self.assertEqual(undecided.state, ardent.RuleState.UNDECIDED)
        self.assertEqual(undecided.missing, ("saddle_numbness",))
        with self.assertRaises(ardent.NotFoundError):
            r.explain("no_such_rule")

    def test_renderings_come_from_the_library(self):
        r = self.rs.evaluate({"fever": True, "night_pain": True})
        data = r.to_dict()
        self.assertEqual(data["schema"], 2)
        self.assertEqual(data["ruleset"], {"name": "mini_hip", "version": "0.3.0", "hash": self.rs.hash})
        self.assertEqual(data["triage"], "urgent")
        self.assertEqual([f["id"] for f in data["red_flags"]], ["septic_hip"])
        self.assertIn("\n", r.to_json(pretty=True))
        self.assertNotIn("\n", r.to_json())
        cards = r.cds_cards()
        self.assertEqual(cards[0].indicator, ardent.CardIndicator.CRITICAL)
        self.assertIn("septic", cards[0].summary.lower())
        self.assertTrue(all(len(c.summary) <= 140 for c in cards))
        self.assertIn("mini_hip", cards[0].source["label"])
        self.assertEqual(json.loads(r.cds_hooks_json())["cards"][0]["summary"], cards[0].summary)
        self.assertIn("URGENT", r.report().upper())
        self.assertEqual(str(r), r.report())
        self.assertIn("triage=urgent", repr(r))

    def test_fhir_resources_set_findings_and_disagreements_are_warnings(self):
        response = {"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
            {"linkId": "saddle_numbness", "answer": [{"valueBoolean": True}]},
            {"linkId": "night_pain", "answer": [{"valueBoolean": True}]},
            {"linkId": "night_pain", "answer": [{"valueBoolean": False}]}]}
        for given in (response, json.dumps(response), json.dumps(response).encode("utf-8")):
            r = self.rs.evaluate(fhir=given)
            self.assertEqual(r.triage, ardent.Triage.EMERGENCY)
            self.assertEqual([(w.kind, w.owner, w.name) for w in r.warnings],
                             [("conflicting_answers", "finding", "night_pain")])
        # The findings come first, the FHIR answers after them; a later evaluation starts afresh.
        r = self.rs.evaluate({"fever": True}, fhir=response)
        self.assertIn("cauda_equina", [f.id for f in r.red_flags])
        self.assertEqual(self.rs.evaluate({"fever": True}).warnings, [])
        with self.assertRaises(ardent.TypeMismatchError) as e:
            self.rs.evaluate(fhir={"resourceType": "QuestionnaireResponse", "item": [
                {"linkId": "pain_score", "answer": [{"valueBoolean": True}]}]})
        self.assertIn("QuestionnaireResponse", e.exception.message)
        with self.assertRaises(ardent.TypeMismatchError):
            self.rs.evaluate(fhir=42)

    def test_division_by_zero_is_a_warning_not_a_crash(self):
        r = self.rs.evaluate({"weekly_km": 30, "weekly_km_before": 0})
        self.assertEqual([(w.kind, w.owner, w.name) for w in r.warnings], [("division_by_zero", "define", "load_ratio")])
        self.assertEqual(r.rule_state("load_jump"), ardent.RuleState.UNDECIDED)
        jump = self.rs.evaluate({"weekly_km": 40, "weekly_km_before": 20})
        self.assertEqual([c.id for c in jump.conditions], ["training_error"])

    def test_closing_a_result_frees_it_and_keeps_what_was_read(self):
        with self.rs.evaluate({"saddle_numbness": True}) as r:
            flags = r.red_flags
        self.assertEqual(r.red_flags, flags)  # cached before closing
        with self.assertRaises(ardent.InvalidArgumentError):
            r.to_json()
        r.close()  # closing twice is harmless
        self.assertIn("closed", repr(r))

    def test_a_closed_result_handle_serves_the_next_evaluation(self):
        first = self.rs.evaluate({"saddle_numbness": True})
        handle = first._native._value
        first.close()
        second = self.rs.evaluate(OVERLOAD)
        self.assertEqual(second._native._value, handle)  # evaluated into, not allocated again
        self.assertEqual((second.triage, second.red_flags), (Triage.SELF_CARE, []))
        with self.assertRaises(ardent.InvalidArgumentError):
            first.triage

    def test_results_outlive_everything_else(self):
        rs = ardent.compile(MINI_HIP)
        r = rs.evaluate({"saddle_numbness": True})
        del rs
        gc.collect()
        self.assertEqual(r.triage, Triage.EMERGENCY)
        self.assertEqual(r.to_dict()["ruleset"]["name"], "mini_hip")


# Fires a red flag, leaves rules undecided with questions to ask, and divides by zero.
MIXED = {"fever": True, "night_pain": True, "pain_peak": "day_after", "weekly_km": 30, "weekly_km_before": 0}


def without_uuids(cards_json: str):
    cards = json.loads(cards_json)
    for card in cards["cards"]:
        card.pop("uuid")
    return cards


def read_everything(result, rule_names):
    """Every reading a result offers, as plain values to compare."""
    return {
        "triage": (result.triage, result.triage_is_default),
        "red_flags": result.red_flags,
        "conditions": (result.conditions, result.suggested, result.considered, result.excluded),
        "advice": result.advice,
        "ask_next": result.ask_next,
        "undecided": result.undecided,
        "warnings": result.warnings,
        "interview": (result.interview, result.complete, result.provisional, result.self_care_withheld,
                      result.screen_pending),
        "rule_state": [(result.rule_state(name), result.rule_state(i)) for i, name in enumerate(rule_names)],
        "explain": (result.explain(), [result.explain(name) for name in rule_names],
                    [result.explain(i) for i in range(len(rule_names))]),
        "json": (result.to_json(), result.to_json(pretty=True), result.to_dict()),
        # Every rendering gives each card a fresh uuid; the rest must be the same.
        "cds": (without_uuids(result.cds_hooks_json()), without_uuids(result.cds_hooks_json(pretty=True)),
                [dataclasses.replace(card, uuid="") for card in result.cds_cards()]),
        "text": (result.report(), result.report(undecided=True), str(result), repr(result)),
    }


class ClosedRuleSetTest(unittest.TestCase):
    def test_every_result_reading_works_after_the_rule_set_is_closed(self):
        reference = ardent.compile(MINI_HIP)  # stays open
        names = [r.name for r in reference.rules]
        expected = read_everything(reference.evaluate(MIXED), names)
        self.assertTrue(expected["ask_next"] and expected["undecided"] and expected["warnings"])

        rs = ardent.compile(MINI_HIP)
        results = {"evaluate": rs.evaluate(MIXED), "evaluate_many": next(rs.evaluate_many([MIXED]))}
        rs.close()
        for how, result in results.items():
            with self.subTest(made_by=how):
                self.assertEqual(read_everything(result, names), expected)
                with self.assertRaises(ardent.NotFoundError):  # the library's answer, not "closed"
                    result.rule_state("no_such_rule")

    def test_a_closed_rule_set_keeps_what_it_declares_and_refuses_work(self):
        rs = ardent.compile(MINI_HIP)
        rules, conditions = rs.rules, rs.conditions
        rs.close()
        self.assertEqual((rs.name, rs.version, len(rs.findings)), ("mini_hip", "0.3.0", 11))
        self.assertEqual((rs.rules, rs.conditions), (rules, conditions))
        self.assertEqual(rs.finding("fever").name, "fever")
        for work in (lambda: rs.evaluate(MIXED), lambda: list(rs.evaluate_many([MIXED]))):
            with self.assertRaisesRegex(ardent.InvalidArgumentError, "closed"):
                work()


class EvaluateManyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rs = ardent.compile(MINI_HIP)

    def cases(self, n):
        peaks = ["during_activity", "hours_after", "day_after", "constant", None]
        for i in range(n):
            case = {"central_buttock": i % 2 == 0, "pain_peak": peaks[i % 5], "side_lying": i % 3 != 0,
                    "pain_score": i % 11, "night_pain": i % 7 == 0}
            if i % 13 == 0:
                case["saddle_numbness"] = True
            if i % 4 == 0:
                case["duration"] = f"{i % 90} days"
            yield case

    def summary(self, r):
        return (r.triage, [f.id for f in r.red_flags], [(c.id, c.status) for c in r.conditions],
                [a.finding for a in r.ask_next])

    def test_batches_agree_with_single_evaluations_in_order(self):
        cases = list(self.cases(2500))
        single = [self.summary(self.rs.evaluate(c)) for c in cases]
        for threads in (1, 2, 0):
            for chunk in (1, 7, 1024):
                with self.subTest(threads=threads, chunk=chunk):
                    many = [self.summary(r) for r in self.rs.evaluate_many(cases, threads=threads, chunk_size=chunk)]
                    self.assertEqual(many, single)

    def test_a_stream_of_json_lines_is_accepted(self):
        cases = list(self.cases(300))
        lines = [json.dumps(c) + "\n" for c in cases]
        many = [self.summary(r) for r in self.rs.evaluate_many(iter(lines))]
        self.assertEqual(many, [self.summary(self.rs.evaluate(c)) for c in cases])

    def test_results_are_lazy_and_errors_surface_in_order(self):
        cases = [OVERLOAD, {"fever": "hot"}, OVERLOAD]
        it = self.rs.evaluate_many(cases, chunk_size=1)
        self.assertEqual(next(it).triage, Triage.SELF_CARE)
        with self.assertRaises(ardent.TypeMismatchError):
            next(it)
        self.assertEqual(list(self.rs.evaluate_many([])), [])
        with self.assertRaises(ValueError):
            self.rs.evaluate_many([], chunk_size=0)

    def test_a_refused_case_names_its_row(self):
        rows = [
            ([{"fever": "hot"}], 0, ardent.TypeMismatchError),
            ([OVERLOAD, OVERLOAD, {"no_such_finding": True}], 2, ardent.NotFoundError),
            ([OVERLOAD] * 5 + ['{"fever": tru}'], 5, ardent.InvalidArgumentError),
        ]
        for cases, row, kind in rows:
            for chunk_size in (1, 2, 1024):
                with self.subTest(row=row, chunk_size=chunk_size):
                    with self.assertRaises(kind) as caught:
                        list(self.rs.evaluate_many(iter(cases), chunk_size=chunk_size))
                    self.assertEqual(caught.exception.row, row)
                    self.assertTrue(str(caught.exception).startswith(f"case {row}: "), str(caught.exception))
                    self.assertFalse(caught.exception.message.startswith("case "))  # the library's own words

    @unittest.skipUnless(importlib.util.find_spec("pandas"), "pandas is not installed")
    def test_a_dataframe_gives_one_case_a_row(self):
        import pandas

        # A missing cell is a finding not asked: the dicts compared leave out what is None.
        cases = [{k: v for k, v in c.items() if v is not None} for c in self.cases(60)]
        frame = pandas.DataFrame(cases)
        expected = [self.summary(self.rs.evaluate(c)) for c in cases]
        self.assertEqual([self.summary(r) for r in self.rs.evaluate_many(frame, chunk_size=7)], expected)
        bad = pandas.DataFrame([OVERLOAD, {"fever": "hot"}])
        with self.assertRaises(ardent.TypeMismatchError) as caught:
            list(self.rs.evaluate_many(bad))
        self.assertEqual(caught.exception.row, 1)

    def test_max_ask_applies_to_every_result(self):
        self.assertTrue(all(len(r.ask_next) <= 1 for r in self.rs.evaluate_many(self.cases(50), max_ask=1)))


class TriageManyTest(unittest.TestCase):
    """triage_many (bit-sliced) gives what evaluate gives: the triage, the fired rules, the red flags."""

    @classmethod
    def setUpClass(cls):
        cls.rs = ardent.compile(MINI_HIP)

    def expected(self, case):
        r = self.rs.evaluate(case)
        fired = [rule for rule in self.rs.rules if r.rule_state(rule.name) == ardent.RuleState.FIRED]
        self.assertEqual({f.id for f in r.red_flags}, {rule.name for rule in fired if rule.redflag})
        return ardent.Triaged(r.triage, tuple(rule.name for rule in fired),
                              tuple(rule.name for rule in fired if rule.redflag))

    def test_agrees_with_evaluate_case_by_case(self):
        cases = list(EvaluateManyTest.cases(None, 700))
        expected = [self.expected(c) for c in cases]
        self.assertTrue(any(t.red_flags for t in expected) and any(t.fired and not t.red_flags for t in expected))
        for threads, chunk in ((1, 64), (2, 100), (0, 4096)):
            with self.subTest(threads=threads, chunk=chunk):
                self.assertEqual(list(self.rs.triage_many(cases, threads=threads, chunk_size=chunk)), expected)

    def test_a_refused_case_names_its_row(self):
        with self.assertRaises(ardent.TypeMismatchError) as caught:
            list(self.rs.triage_many([OVERLOAD, OVERLOAD, {"fever": "hot"}], chunk_size=2))
        self.assertEqual(caught.exception.row, 2)
        self.assertEqual(list(self.rs.triage_many([])), [])

    @unittest.skipUnless(importlib.util.find_spec("pandas"), "pandas is not installed")
    def test_a_dataframe_goes_by_columns_and_agrees_with_its_rows(self):
        import pandas

        cases = [{k: v for k, v in c.items() if v is not None} for c in EvaluateManyTest.cases(None, 300)]
        frame = pandas.DataFrame(cases)  # missing cells are NaN; pain_peak text; durations text
        by_rows = list(self.rs.triage_many(cases))
        self.assertEqual(list(self.rs.triage_many(frame)), by_rows)
        plain = frame.drop(columns=["duration"])  # durations as text need the row path
        self.assertIsNotNone(self.rs._frame_columns(plain), "plain values go by columns")
        self.assertEqual(list(self.rs.triage_many(plain)),
                         list(self.rs.triage_many([{k: v for k, v in c.items() if k != "duration"} for c in cases])))
        days = plain.assign(duration=[(i % 90) if i % 4 == 0 else None for i in range(len(plain))])
        self.assertIsNotNone(self.rs._frame_columns(days), "durations in days go by columns")
        self.assertEqual(list(self.rs.triage_many(days)),
                         [t for t in self.rs.triage_many(
                             [{**{k: v for k, v in c.items() if k != "duration"},
                               **({"duration": i % 90} if i % 4 == 0 else {})} for i, c in enumerate(cases)])])
        bad = pandas.DataFrame([{"pain_score": 3}, {"pain_score": 99}])  # outside 0..10
        with self.assertRaises(ardent.OutOfRangeError) as caught:
            list(self.rs.triage_many(bad))
        self.assertEqual(caught.exception.row, 1)


class ThreadsTest(unittest.TestCase):
    def test_one_rule_set_serves_many_threads(self):
        rs = ardent.compile(MINI_HIP)
        expected = {
            "overload": Triage.SELF_CARE,
            "saddle": Triage.EMERGENCY,
            "septic": Triage.URGENT,
        }
        cases = {"overload": OVERLOAD, "saddle": {"saddle_numbness": True}, "septic": {"fever": True, "night_pain": True}}
        failures = []

        def work(kind):
            try:
                for _ in range(300):
                    r = rs.evaluate(cases[kind])
                    if r.triage != expected[kind]:
                        failures.append((kind, r.triage))
                    r.explain()
                for r in rs.evaluate_many([cases[kind]] * 100, threads=2, chunk_size=33):
                    if r.triage != expected[kind]:
                        failures.append((kind, r.triage))
            except Exception as e:  # reported below, in the main thread
                failures.append((kind, e))

        threads = [threading.Thread(target=work, args=(k,)) for k in expected for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


    def test_closing_a_rule_set_while_threads_evaluate(self):
        saddle = {"saddle_numbness": True}
        for round_ in range(CLOSE_ROUNDS):
            with self.subTest(round=round_):
                rs = ardent.compile(MINI_HIP)
                outcomes = close_while_working(rs.close, lambda: rs.evaluate(saddle).triage)
                self.assertEqual(set(outcomes), {Triage.EMERGENCY, CLOSED})

    def test_closing_a_rule_set_while_threads_evaluate_batches(self):
        saddles = [{"saddle_numbness": True}] * 64
        for round_ in range(CLOSE_ROUNDS):
            with self.subTest(round=round_):
                rs = ardent.compile(MINI_HIP)
                outcomes = close_while_working(rs.close, lambda: all(
                    r.triage is Triage.EMERGENCY for r in rs.evaluate_many(saddles, threads=2, chunk_size=16)))
                self.assertEqual(set(outcomes), {True, CLOSED})

    def test_closing_a_result_while_threads_read_it(self):
        rs = ardent.compile(MINI_HIP)
        for round_ in range(CLOSE_ROUNDS):
            with self.subTest(round=round_):
                r = rs.evaluate(MIXED)
                expected = r.to_json()
                outcomes = close_while_working(r.close, lambda: r.to_json() == expected and r.explain("septic_hip").state)
                self.assertEqual(set(outcomes), {ardent.RuleState.FIRED, CLOSED})

    def test_threads_may_share_one_result(self):
        rs = ardent.compile(MINI_HIP)
        results = [rs.evaluate({"fever": True}) for _ in range(50)]
        expected = (results[0].to_json(), [a.finding for a in results[0].ask_next])
        failures = []

        def read():
            for r in results:
                got = (r.to_json(), [a.finding for a in r.ask_next])
                r.explain("septic_hip")
                if got != expected:
                    failures.append(got)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
