"""B2 ex-pupil-under-18: a connection that matches a former pupil who is still under 18.

Only ex-pupils whose date of birth says they are under 18 (on the scan day for a plain roster,
on the day of sealing for a sealed one): an adult former pupil is not a safeguarding matter
for this rule, and an ex-pupil with no date of birth cannot be placed either side of 18.
"""

from __future__ import annotations

from detectors.base import RosterEntry
from detectors.registry import register
from detectors.roster.detect import RosterConnectionRule


@register
class ExPupilUnder18(RosterConnectionRule):
    rule = "B2"
    name = "ex-pupil-under-18"

    def wants(self, entry: RosterEntry) -> bool:
        return entry.role == "ex-pupil" and entry.under_18 is True
