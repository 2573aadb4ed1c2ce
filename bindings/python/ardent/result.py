"""The outcome of one evaluation, read from the library on first access."""

from __future__ import annotations

import functools
import json
import threading
from ctypes import byref, c_char_p, c_uint32, c_void_p
from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict, List, Tuple, Union

from . import _native as n
from ._handle import Handle
from .errors import check
from .types import (
    Ask,
    AskReason,
    CardIndicator,
    CdsCard,
    Code,
    ConditionStatus,
    Conclusion,
    EvalWarning,
    Explanation,
    Fact,
    FactKind,
    Interview,
    Location,
    RedFlag,
    RuleState,
    Standing,
    Strength,
    Triage,
    Undecided,
)

if TYPE_CHECKING:
    from .ruleset import RuleSet

lib = n.lib


def _reading(method):
    """Runs `method(self, handle, ...)` holding the result's lock and a use of its handle: the
    library lets one thread at a time use a result, even for reading (the first read of the
    ask-next list or of an explanation completes work the evaluation left for later)."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with self._lock, self._native as handle:
            return method(self, handle, *args, **kwargs)

    return run


def _rule_name(result: int, rule: int) -> str:
    """A rule's name, asked of the rule set the result keeps alive: the RuleSet object it came
    from may have been closed since."""
    info = n.RuleInfo_(version=1)
    check(lib.ardent_rule_get(byref(info), lib.ardent_result_ruleset(result), rule))
    return n.text(info.name)


def _rule_index(result: int, rule: Union[str, int]) -> int:
    if isinstance(rule, int):
        return rule
    index = c_uint32()
    check(lib.ardent_rule_index(byref(index), lib.ardent_result_ruleset(result), rule.encode("utf-8")))
    return index.value


_WARNING_KINDS = {0: "division_by_zero", 1: "conflicting_answers"}
_OWNERS = {0: "rule", 1: "define", 2: "score", 3: "finding"}


class Result:
    """What the rule set concluded for one case: triage, red flags, conditions, advice and
    the findings worth asking next, with explanations on request.

    Holds a library handle, freed when the result is garbage-collected or at once by close()
    or a `with` block. The result names the rule set that produced it (`ruleset.name`,
    `.version`, `.hash`), and keeps the library's rule set alive: every reading works after
    that RuleSet is closed. Threads may share a result: it serialises its calls to the library.
    """

    def __init__(self, handle: int, ruleset: "RuleSet") -> None:
        self._lock = threading.Lock()
        self.ruleset = ruleset
        # The handle goes back to the rule set's pool for reuse (or is freed).
        self._native = Handle(self, handle, ruleset._pool.give, "result")

    # --- the outcome ------------------------------------------------------------------------

    @cached_property
    @_reading
    def triage(self, h) -> Triage:
        """The most urgent level set by a fired rule or red flag, else the rule set's default."""
        return Triage(check(lib.ardent_result_triage(h)))

    @cached_property
    @_reading
    def triage_is_default(self, h) -> bool:
        """True when no fired rule set a triage."""
        return bool(check(lib.ardent_result_triage_is_default(h)))

    @cached_property
    @_reading
    def red_flags(self, h) -> List[RedFlag]:
        """Every fired red flag, most urgent first."""
        item = n.RedFlag_(version=1)
        out = []
        for i in range(lib.ardent_result_redflag_count(h)):
            check(lib.ardent_result_get_redflag(byref(item), h, i))
            out.append(RedFlag(n.text(item.id), n.text(item.label),
                               Triage(item.triage) if item.triage >= 0 else None, item.rule))
        return out

    @cached_property
    @_reading
    def conditions(self, h) -> List[Conclusion]:
        """Concluded conditions: suggested, then considered, then excluded."""
        item = n.Conclusion_(version=1)
        out = []
        for i in range(lib.ardent_result_condition_count(h)):
            check(lib.ardent_result_get_condition(byref(item), h, i))
            codes = tuple(Code(n.text(item.codes[k].system), n.text(item.codes[k].value))
                          for k in range(item.code_count))
            out.append(Conclusion(n.text(item.id), n.text(item.label), ConditionStatus(item.status),
                                  Strength(item.strength), item.priority, codes,
                                  n.texts(item.advice, item.advice_count), item.condition))
        return out

    def conditions_with(self, status: ConditionStatus) -> List[Conclusion]:
        return [c for c in self.conditions if c.status is status]

    @property
    def suggested(self) -> List[Conclusion]:
        return self.conditions_with(ConditionStatus.SUGGESTED)

    @property
    def considered(self) -> List[Conclusion]:
        return self.conditions_with(ConditionStatus.CONSIDERED)

    @property
    def excluded(self) -> List[Conclusion]:
        return self.conditions_with(ConditionStatus.EXCLUDED)

    @cached_property
    @_reading
    def advice(self, h) -> List[str]:
        """Advice from fired red flags, fired rules and suggested conditions, each once."""
        text = c_char_p()
        out = []
        for i in range(lib.ardent_result_advice_count(h)):
            check(lib.ardent_result_get_advice(byref(text), h, i))
            out.append(n.text(text.value))
        return out

    @cached_property
    @_reading
    def ask_next(self, h) -> List[Ask]:
        """The unasked findings that could still change the outcome, best first."""
        item = n.Ask_(version=1)
        out = []
        for i in range(lib.ardent_result_ask_count(h)):
            check(lib.ardent_result_get_ask(byref(item), h, i))
            out.append(Ask(n.text(item.name), n.text(item.question), AskReason(item.reason),
                           tuple(_rule_name(h, item.rules[k]) for k in range(item.rule_count))))
        return out

    @cached_property
    @_reading
    def undecided(self, h) -> List[Undecided]:
        """Rules and red flags whose condition is still unknown."""
        item = n.Undecided_(version=2)
        findings = self.ruleset.findings
        out = []
        for i in range(lib.ardent_result_undecided_count(h)):
            check(lib.ardent_result_get_undecided(byref(item), h, i))
            out.append(Undecided(n.text(item.id), bool(item.redflag),
                                 tuple(findings[item.missing[k]].name for k in range(item.missing_count)),
                                 item.rule, Standing(item.standing)))
        return out

    # --- the interview ----------------------------------------------------------------------

    @cached_property
    @_reading
    def interview(self, h) -> Interview:
        """Whether the interview is complete, and the screen's questions answered and pending."""
        item = n.Interview_(version=1)
        check(lib.ardent_result_interview(byref(item), h))
        findings = self.ruleset.findings
        return Interview(
            complete=bool(item.complete), provisional=bool(item.provisional),
            self_care_withheld=bool(item.self_care_withheld), screen_title=n.text(item.screen_title),
            screen=tuple(findings[item.screen[k]].name for k in range(item.screen_count)),
            screen_asked=item.screen_asked,
            screen_pending=tuple(findings[item.screen_pending[k]].name for k in range(item.screen_pending_count)))

    @property
    def complete(self) -> bool:
        """True when nothing more is worth asking: the screen is answered and no finding not yet
        asked could change the triage, the red flags or the leading condition."""
        return self.interview.complete

    @property
    def provisional(self) -> bool:
        """True while the interview is incomplete: the triage may still change."""
        return self.interview.provisional

    @property
    def self_care_withheld(self) -> bool:
        """True when the rules concluded self-care but the interview is incomplete, so the
        triage says routine."""
        return self.interview.self_care_withheld

    @property
    def screen_pending(self) -> Tuple[str, ...]:
        """The screen's findings not asked yet, in the screen's order."""
        return self.interview.screen_pending

    @cached_property
    @_reading
    def warnings(self, h) -> List[EvalWarning]:
        """Problems met while reading the case (FHIR answers that disagree, owner "finding")
        and while evaluating it (a division by zero, each expression once)."""
        item = n.EvalWarning_(version=1)
        out = []
        for i in range(lib.ardent_result_warning_count(h)):
            check(lib.ardent_result_get_warning(byref(item), h, i))
            out.append(EvalWarning(_WARNING_KINDS.get(item.kind, str(item.kind)),
                                   _OWNERS.get(item.owner, str(item.owner)), n.text(item.name)))
        return out

    @_reading
    def rule_state(self, h, rule: Union[str, int]) -> RuleState:
        """Whether rule (or red flag) `rule` fired, did not fire, or is undecided."""
        return RuleState(check(lib.ardent_result_rule_state(h, _rule_index(h, rule))))

    # --- explanations and renderings ----------------------------------------------------------

    @_reading
    def explain(self, h, rule: Union[str, int, None] = None) -> Union[Explanation, List[Explanation]]:
        """Why `rule` (a name or index) fired, did not fire or is undecided. Without an
        argument: the explanations of every fired rule and red flag, in declaration order."""
        if rule is not None:
            return self._explain(h, _rule_index(h, rule))
        fired = [i for i in range(self.ruleset._counts[2])
                 if lib.ardent_result_rule_state(h, i) == RuleState.FIRED]
        return [self._explain(h, i) for i in fired]

    def _explain(self, h: int, index: int) -> Explanation:
        findings = self.ruleset.findings
        e = n.Explanation_(version=1)
        check(lib.ardent_result_explain(byref(e), h, index))
        facts = tuple(Fact(FactKind(f.kind), f.index, bool(f.holds), n.text(f.text))
                      for f in (e.facts[k] for k in range(e.fact_count)))
        return Explanation(
            rule=_rule_name(h, e.rule), state=RuleState(e.state), text=n.text(e.text),
            facts=facts,
            missing=tuple(findings[e.missing[k].index].name for k in range(e.missing_count)),
            unknown=tuple(findings[e.unknown[k].index].name for k in range(e.unknown_count)),
            location=Location(n.text(e.file), e.line, e.column))

    def to_json(self, *, pretty: bool = False) -> str:
        """The JSON result (schema version 2: codes as FHIR Codings) as the library renders it."""
        return self._render(lib.ardent_result_json, n.RENDER_PRETTY if pretty else 0)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON result parsed into dicts and lists."""
        return json.loads(self.to_json())

    def cds_hooks_json(self, *, pretty: bool = False) -> str:
        """The CDS Hooks service response {"cards": [...]} as the library renders it."""
        return self._render(lib.ardent_result_cds_cards, n.RENDER_PRETTY if pretty else 0)

    def cds_cards(self) -> List[CdsCard]:
        """The CDS Hooks cards: a red flag is critical, an urgent triage a warning, the rest info."""
        return [CdsCard(summary=c.get("summary", ""), indicator=CardIndicator(c.get("indicator", "info")),
                        detail=c.get("detail", ""), source=dict(c.get("source", {})),
                        uuid=c.get("uuid", ""))
                for c in json.loads(self.cds_hooks_json()).get("cards", [])]

    def report(self, *, undecided: bool = False) -> str:
        """A plain-text report for a clinician; with `undecided`, also the undecided rules and
        what they wait for."""
        return self._render(lib.ardent_result_text, n.RENDER_UNDECIDED if undecided else 0)

    @_reading
    def _render(self, h, fn, flags: int) -> str:
        out = c_void_p()
        check(fn(byref(out), h, flags))
        return n.take_string(out)

    # --- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Releases the library handle now (for reuse by the next evaluation), or, while
        another thread reads the result, as that read ends; what was already read stays
        readable."""
        self._native.close()

    def __enter__(self) -> "Result":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        if self._native.closed:
            return "<ardent.Result (closed)>"
        flags = ", ".join(f.id for f in self.red_flags)
        return f"<ardent.Result triage={self.triage} red_flags=[{flags}]>"
