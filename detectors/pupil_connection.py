"""B1 pupil-connection: a friend, follower or followed account that matches a current pupil.

Matched by display name, then by username (detectors.roster.detect); a match is `risk` only
when it is unambiguous (the full name, a preferred name or a known nickname with the exact
surname, and nobody else on the roster has it), otherwise `review`.
"""

from __future__ import annotations

from detectors.base import RosterEntry
from detectors.registry import register
from detectors.roster.detect import RosterConnectionRule


@register
class PupilConnection(RosterConnectionRule):
    rule = "B1"
    name = "pupil-connection"

    def wants(self, entry: RosterEntry) -> bool:
        return entry.role == "pupil"
