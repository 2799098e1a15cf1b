"""What a detector is, what it sees, and what it may ask of the scan.

Detectors stream: the pipeline shows each one every record it needs (`see`), then asks for
anything that depends on the whole scan (`finish`: totals, absences such as a missing
disclaimer). They keep only small state, so a 400,000-post archive scans in flat memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar, Protocol

from scanner.model import Finding, Item, ItemRef, Kind
from scanner.policy import Policy


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity the language pass found in a record's text."""

    text: str
    label: str  # PERSON, ORG, GPE, ... or the pack's own SCHOOL, YEAR_GROUP, PUPIL_CONTEXT
    start: int
    end: int


@dataclass(slots=True)
class Record:
    """A record as detectors see it: the item and the language pass's result for its text."""

    item: Item
    entities: tuple[Entity, ...] = ()
    analysed: bool = False

    def entities_of(self, *labels: str) -> list[Entity]:
        return [e for e in self.entities if e.label in labels]


ROLES = ("pupil", "ex-pupil", "parent", "governor", "staff")


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One person on the school's roster, as matching sees them.

    `label` is a readable name only for a plain CSV roster; a sealed roster has none, so
    findings then say "a current pupil (Year 5)" instead of a name.
    """

    id: str
    role: str  # one of ROLES
    year_group: str | None = None
    under_18: bool | None = None  # None when the roster gives no date of birth
    label: str | None = None


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A roster entry that a name or handle matched, how, and how sure the match is."""

    entry: RosterEntry
    how: str  # "exact", "nickname", "reordered", "initial", "typo", "handle", ...
    score: float  # 0-100
    certain: bool  # unambiguous: the full name matched exactly, or as a known nickname


class Roster(Protocol):
    """What detectors need from a roster, plain or sealed."""

    def match_name(self, name: str) -> list[NameMatch]:
        """Entries a person's display name could be (best first)."""
        ...

    def match_handle(self, handle: str) -> list[NameMatch]:
        """Entries a username could belong to (`katie.smith09`), never certain."""
        ...

    def find_in_text(self, text: str) -> list[tuple[int, int, NameMatch]]:
        """Roster names mentioned in free text, with character offsets."""
        ...


@dataclass
class Context:
    """Everything a detector may use besides the records: the pack and shared matchers.

    Matchers are built once per scan by the pipeline and shared, so that, for example, the roster
    index is built once however many rules use it.
    """

    policy: Policy
    today: date
    roster: Roster | None = None
    open_media: Callable[[ItemRef, str], bytes | None] = lambda ref, name: None
    # The archive another process can read a picture from (detectors/images/ahead.py), if any.
    media_home: Callable[[ItemRef, str], Path | None] = lambda ref, name: None
    own_names: set[str] = field(default_factory=set)  # the account holder's own names
    platforms: set[str] = field(default_factory=set)
    shared: dict[str, object] = field(default_factory=dict)  # matchers cached by name


class Detector:
    """Base class: subclasses set `rule` and `needs` and override `see` and/or `finish`."""

    rule: ClassVar[str]
    needs: ClassVar[frozenset[Kind]]
    name: ClassVar[str] = ""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def prepare(self, items: Sequence[Item]) -> None:
        """A chunk of records is coming: start slow work on them early (see work_ahead)."""

    def see(self, record: Record) -> Iterable[Finding]:
        """Findings for one record of a kind in `needs`."""
        return ()

    def finish(self) -> Iterable[Finding]:
        """Findings that depend on the whole scan, after every record was seen."""
        return ()

    def finding(self, item: Item, excerpt: str, why: str, certain: bool,
                key: str = "") -> Finding:
        return Finding(rule=self.rule, ref=item.ref, excerpt=excerpt, why=why,
                       certain=certain, detector=self.name or type(self).__name__, key=key)


def missing_reason(detector: Detector) -> str | None:
    """What a detector could not check even though its records were present (or None)."""
    reason = getattr(detector, "missing", None)
    return reason() if callable(reason) else None
