"""The room's picture: many shared summaries combined into people per rule and status, with
small counts protected so that no one can be singled out.

Per rule, each status's count of people is shown only when it is 3 or more; smaller counts
(0, 1 or 2) read "fewer than 3". The number of people is shown, so the hidden cells of a row
add up to a known total; when that total, or what it allows, would pin a small count to 1 or 2,
further cells are hidden ("hidden") until it cannot. A row that cannot be protected at all is
withheld. Fewer than 3 summaries are refused outright.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from scanner.errors import ScanError
from scanner.rules import RULES, RULES_BY_ID

STATUSES = ("risk", "review", "clear", "not checked")
THRESHOLD = 3
SMALL, HIDDEN, WITHHELD = "fewer than 3", "hidden", "not shown"


@dataclass(frozen=True)
class Cell:
    status: str
    shown: int | None  # the count, when it may be shown
    label: str  # what is displayed: the count, SMALL, HIDDEN or WITHHELD


@dataclass(frozen=True)
class RoomRow:
    rule: str
    title: str
    area: str
    cells: tuple[Cell, ...]
    hidden_total: int  # people in the cells not shown (derivable from the total anyway)

    @property
    def withheld(self) -> bool:
        return all(cell.label == WITHHELD for cell in self.cells)


@dataclass(frozen=True)
class Room:
    people: int
    rows: tuple[RoomRow, ...]


def combine(summaries: list[dict[str, Any]]) -> Room:
    """The protected picture of validated summaries (see scanner.report.shared)."""
    if len(summaries) < THRESHOLD:
        raise ScanError(f"a workshop needs the summaries of at least {THRESHOLD} people, so "
                        f"that no one can be singled out; {len(summaries)} given.")
    people, rules = len(summaries), _rules(summaries)
    tallies: dict[str, Counter[str]] = {rule: Counter() for rule in rules}
    for summary in summaries:
        statuses = {entry["rule"]: entry["status"] for entry in summary["rules"]}
        for rule in rules:
            tallies[rule][statuses.get(rule, "not checked")] += 1
    return Room(people, tuple(_row(rule, tallies[rule], people) for rule in rules))


def _rules(summaries: list[dict[str, Any]]) -> list[str]:
    present = {entry["rule"] for summary in summaries for entry in summary["rules"]}
    return [rule.id for rule in RULES if rule.id in present]


def _row(rule: str, tally: Counter[str], people: int) -> RoomRow:
    counts = {status: tally.get(status, 0) for status in STATUSES}
    hidden = protect(counts, people)
    known = RULES_BY_ID[rule]
    if hidden is None:
        cells = tuple(Cell(s, None, WITHHELD) for s in STATUSES)
        return RoomRow(rule, known.title, known.area, cells, people)
    cells = tuple(_cell(s, counts[s], s in hidden) for s in STATUSES)
    return RoomRow(rule, known.title, known.area, cells, sum(counts[s] for s in hidden))


def _cell(status: str, count: int, hidden: bool) -> Cell:
    if count < THRESHOLD:
        return Cell(status, None, SMALL)
    return Cell(status, None, HIDDEN) if hidden else Cell(status, count, str(count))


def protect(counts: dict[str, int], people: int) -> frozenset[str] | None:
    """The statuses whose counts must not be shown, or None when the row must be withheld.

    Small counts are always hidden; then the fewest further cells (the smallest first) that
    make the row safe. Safe: the hidden cells' total, which a reader can work out, is 0 or at
    least 3, and no small count can be pinned to exactly 1 or 2 from it.
    """
    small = frozenset(s for s, n in counts.items() if n < THRESHOLD)
    order = list(counts)
    others = sorted((s for s in counts if s not in small),
                    key=lambda s: (counts[s], order.index(s)))
    for extra in range(len(others) + 1):
        options = [frozenset(c) for c in combinations(others, extra)]
        for chosen in sorted(options, key=lambda c: sum(counts[s] for s in c)):
            if is_safe(counts, small | chosen, people):
                return small | chosen
    return None


def is_safe(counts: dict[str, int], hidden: frozenset[str], people: int) -> bool:
    """Whether a reader who sees the shown cells and the number of people can pin any small
    hidden count to exactly 1 or 2 (or learn that exactly 1 or 2 people are hidden)."""
    total = sum(counts[s] for s in hidden)
    if total == 0:
        return True
    if total < THRESHOLD:
        return False
    allowed = {s: (range(THRESHOLD) if counts[s] < THRESHOLD else range(THRESHOLD, people + 1))
               for s in hidden}
    for status in hidden:
        if counts[status] >= THRESHOLD:
            continue
        rest = _reachable([allowed[s] for s in hidden if s != status], total)
        possible = {v for v in allowed[status] if total - v in rest}
        if len(possible) == 1 and possible <= {1, 2}:
            return False
    return True


def _reachable(ranges: list[range], limit: int) -> set[int]:
    """Every total up to `limit` that one value from each range can make."""
    sums = {0}
    for values in ranges:
        sums = {a + b for a in sums for b in values if a + b <= limit}
    return sums
