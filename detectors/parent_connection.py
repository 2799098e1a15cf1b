"""B3 parent-connection: a connection that matches a pupil's parent or carer.

A family member or agreed friend is recorded as an exception in review and stays quiet after.
"""

from __future__ import annotations

from detectors.base import RosterEntry
from detectors.registry import register
from detectors.roster.detect import RosterConnectionRule


@register
class ParentConnection(RosterConnectionRule):
    rule = "B3"
    name = "parent-connection"

    def wants(self, entry: RosterEntry) -> bool:
        return entry.role == "parent"
