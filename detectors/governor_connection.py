"""B5 governor-connection: a member of staff and a school governor are connected (advice).

For a member of staff (or an account the roster does not place), a governor among the
connections; for a governor's own account, members of staff among theirs (a fellow governor
is not this rule's concern). Whose account it is becomes known only once the export's profile
has been read, so matches are held (a few: a school has few governors) and reported in
`finish`.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Context, NameMatch, RosterEntry
from detectors.registry import register
from detectors.roster.detect import Matched, RosterConnectionRule, holder_roles
from scanner.model import Finding, Item

MAX_HELD = 2_000  # matches held until `finish`; far more than any school's staff and governors


@register
class GovernorConnection(RosterConnectionRule):
    rule = "B5"
    name = "governor-connection"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.held: list[tuple[Item, Matched, NameMatch]] = []

    def wants(self, entry: RosterEntry) -> bool:
        return entry.role in ("governor", "staff")

    def findings(self, item: Item, matched: Matched,
                 matches: list[NameMatch]) -> Iterator[Finding]:
        room = MAX_HELD - len(self.held)
        self.held.extend((item, matched, m) for m in matches[:max(0, room)])
        return iter(())

    def finish(self) -> Iterator[Finding]:
        roles = holder_roles(self.ctx)
        other = "staff" if "governor" in roles and "staff" not in roles else "governor"
        for item, matched, match in self.held:
            if match.entry.role == other:
                yield from super().findings(item, matched, [match])
        self.held = []
