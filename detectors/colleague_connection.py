"""B6 colleague-connection: connections with colleagues on the staff list (advice).

Advice, counted rather than listed in shared output (the shared report shows counts only). In
the private report every place a colleague appears is a finding of its own (a Facebook friend,
an Instagram account followed, a LinkedIn connection), like the other connection rules, so the
person can decide about each; `risk` only for an exact, unambiguous full-name match (a nickname
is enough to worry about a pupil, not to count a colleague). A governor's own account has no
colleagues here (its staff connections are B5's), and whose account it is is known only once the
profile is read, so matches are held until `finish`.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Context, NameMatch, RosterEntry
from detectors.registry import register
from detectors.roster.detect import Matched, RosterConnectionRule, holder_roles
from scanner.model import Finding, Item


@register
class ColleagueConnection(RosterConnectionRule):
    rule = "B6"
    name = "colleague-connection"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # connections that matched a colleague: a few per member of staff and platform
        self.held: list[tuple[Item, Matched, NameMatch]] = []

    def wants(self, entry: RosterEntry) -> bool:
        return entry.role == "staff"

    def findings(self, item: Item, matched: Matched,
                 matches: list[NameMatch]) -> Iterator[Finding]:
        self.held += [(item, matched, match) for match in matches]
        return iter(())

    def finish(self) -> Iterator[Finding]:
        roles = holder_roles(self.ctx)
        if "governor" not in roles or "staff" in roles:
            for item, matched, match in self.held:
                yield from super().findings(item, matched, [match])
        self.held = []

    def sure(self, match: NameMatch) -> bool:
        return match.certain and match.how == "exact"
