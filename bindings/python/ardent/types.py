"""The enumerations and plain data classes of the Python API.

Enumeration values equal the C constants of ardent.h; `str()` of a member is the name the
library uses in JSON ("urgent", "suggested", ...). Triage levels compare by urgency:
`Triage.URGENT > Triage.ROUTINE`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple


class _CEnum(enum.IntEnum):
    def __str__(self) -> str:
        return self.name.lower()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    @classmethod
    def parse(cls, name: str):
        """The member called `name` as in JSON ("urgent"); ValueError for another name."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"{name!r} is not a {cls.__name__}") from None


class Triage(_CEnum):
    SELF_CARE = 0
    ROUTINE = 1
    URGENT = 2
    EMERGENCY = 3


class FindingType(_CEnum):
    BOOL = 0
    ENUM = 1
    NUMBER = 2
    DURATION = 3


class DurationUnit(_CEnum):
    MINUTES = 0
    HOURS = 1
    DAYS = 2
    WEEKS = 3
    MONTHS = 4  # 30.4375 days
    YEARS = 5   # 365.25 days


class Severity(_CEnum):
    ERROR = 0
    WARNING = 1
    NOTE = 2


class RuleState(_CEnum):
    NOT_FIRED = 0
    UNDECIDED = 1
    FIRED = 2


class ConditionStatus(_CEnum):
    SUGGESTED = 0
    CONSIDERED = 1
    EXCLUDED = 2


class Strength(_CEnum):
    NONE = 0  # a plain `suggest`
    LIKELY = 1
    POSSIBLE = 2


class AskReason(_CEnum):
    """Why a finding is asked. The interview asks SCREEN first, then RED_FLAG and RAISES_TRIAGE,
    REQUESTED, then LOWERS_TRIAGE and DECIDES_CONDITION; the numbers are the C constants."""

    RED_FLAG = 0           # it could complete an undecided red flag that already has a true part
    REQUESTED = 1          # a fired rule asks for it (`ask F`)
    RAISES_TRIAGE = 2      # it could complete a rule that would raise the triage
    REFINES = 3            # no longer produced
    SCREEN = 4             # on the rule set's screen, not answered yet
    LOWERS_TRIAGE = 5      # it could let a self-care rule lower the triage below the default
    DECIDES_CONDITION = 6  # it could change the leading condition


class Standing(_CEnum):
    """Where an undecided rule stands in the interview: whether it drives questions (RAISES,
    LOWERS, DECIDES_CONDITION) and, if not, why not."""

    NO_TRUE_PART = 0       # nothing in it holds yet: it asks nothing
    RAISES = 1             # it could add a red flag or raise the triage
    LOWERS = 2             # it could lower the triage below the default
    DECIDES_CONDITION = 3  # it could change the leading condition
    NOTHING_TO_ASK = 4     # it has a true part, but what could decide it was recorded as unknown
    NO_CHANGE = 5          # it has a true part, but firing would change nothing that matters
    DISTANT = 6            # it has a true part, but needs more positive answers than the interview chases


class FactKind(_CEnum):
    FINDING = 0
    SCORE = 1
    PRESENCE = 2


class CardIndicator(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Triaged:
    """What `RuleSet.triage_many` gives for a case: its triage and the names of its fired rules
    (red flags included, declaration order) and of its fired red flags."""

    triage: Triage
    fired: Tuple[str, ...]
    red_flags: Tuple[str, ...]


@dataclass(frozen=True)
class Duration:
    """A duration finding's value: `Duration(6, DurationUnit.WEEKS)`. A number alone means
    days; a `datetime.timedelta` works too."""

    amount: float
    unit: DurationUnit = DurationUnit.DAYS


@dataclass(frozen=True)
class Code:
    """A terminology binding, e.g. Code("snomed", "386661006")."""

    system: str
    value: str


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str          # machine-readable kind: "syntax", "unknown-name", ...
    file: str
    line: int
    column: int
    length: int
    message: str
    source_line: str
    text: str          # as a compiler prints it, with the caret

    def __str__(self) -> str:
        return self.text or f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Finding:
    """A finding declared by a rule set: what a form or an interview asks."""

    index: int
    name: str
    type: FindingType
    label: str
    question: str                  # the `ask` text; "" when none
    domain: Tuple[str, ...] = ()   # enum findings: the values, in declared order
    min: Optional[float] = None    # number findings: the declared range
    max: Optional[float] = None
    integer: bool = False
    unit: str = ""
    group: str = ""
    codes: Tuple[Code, ...] = ()


@dataclass(frozen=True)
class ConditionInfo:
    """A condition declared by a rule set."""

    index: int
    name: str
    label: str
    codes: Tuple[Code, ...] = ()
    advice: Tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleInfo:
    """A rule or red flag declared by a rule set."""

    index: int
    name: str
    redflag: bool
    priority: int
    label: str
    triage: Optional[Triage]       # the level it sets, None when it sets none
    advice: Tuple[str, ...]
    codes: Tuple[Code, ...]
    location: Location
    source: str


@dataclass(frozen=True)
class RedFlag:
    id: str
    label: str
    triage: Optional[Triage]
    rule: int


@dataclass(frozen=True)
class Conclusion:
    """A condition the evaluation concluded: suggested, considered or excluded."""

    id: str
    label: str
    status: ConditionStatus
    strength: Strength
    priority: int
    codes: Tuple[Code, ...] = ()
    advice: Tuple[str, ...] = ()
    condition: int = 0


@dataclass(frozen=True)
class Undecided:
    """A rule whose condition is still unknown, with the unasked findings that could decide it
    and where it stands in the interview."""

    id: str
    redflag: bool
    missing: Tuple[str, ...]
    rule: int = 0
    standing: Standing = Standing.NO_TRUE_PART


@dataclass(frozen=True)
class Interview:
    """The state of the interview: complete when the screen is answered and nothing not yet asked
    could change the triage, the red flags or the leading condition (exactly when `ask_next` is
    empty); until then the triage is provisional, and never self-care."""

    complete: bool
    provisional: bool
    self_care_withheld: bool           # the rules concluded self-care; the triage says routine
    screen_title: str = ""             # "" when the rule set declares no screen
    screen: Tuple[str, ...] = ()       # the screen's findings, in order
    screen_asked: int = 0              # of these, answered (given or unknown)
    screen_pending: Tuple[str, ...] = ()  # of these, not asked yet, in order


@dataclass(frozen=True)
class Ask:
    """A finding worth asking next."""

    finding: str
    question: str
    reason: AskReason
    could_decide: Tuple[str, ...]  # rule names


@dataclass(frozen=True)
class EvalWarning:
    """A problem met while reading the case or evaluating it: a division by zero in a define,
    or FHIR answers of the same time that disagree about a finding."""

    kind: str      # "division_by_zero" or "conflicting_answers"
    owner: str     # "rule", "define", "score" or "finding"
    name: str


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    index: int
    holds: bool
    text: str


@dataclass(frozen=True)
class Explanation:
    """Why a rule fired, did not fire, or is undecided."""

    rule: str
    state: RuleState
    text: str                      # the reasons as one phrase
    facts: Tuple[Fact, ...]        # fired: what made it true; not fired: what was false
    missing: Tuple[str, ...]       # undecided: unasked findings that could decide it
    unknown: Tuple[str, ...]       # undecided: findings recorded as unknown that keep it open
    location: Location

    def __str__(self) -> str:
        return f"{self.rule} {self.state}: {self.text}"


@dataclass(frozen=True)
class CdsCard:
    """One CDS Hooks card, as the library renders it."""

    summary: str
    indicator: CardIndicator
    detail: str
    source: Mapping[str, str] = field(default_factory=dict)
    uuid: str = ""
