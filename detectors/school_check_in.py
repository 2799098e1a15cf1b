"""D4 school-check-in: a check-in or place tag at the school.

Posts that are check-ins (`relation="check_in"`) or carry a place name or coordinates are
looked at. The place name is read with the shared school-name matcher (detectors/school/names.py),
so "Oakwood Primary School" or "OPS, Birmingham" count while a place that only shares a word
with the school ("Oakwood Park", "Oakwood Road", "Oakwood Grammar School") does not; a place
whose coordinates are inside the school's geofence counts whatever it is called. The name or
the coordinates: `risk`; the distinctive part of the name in a place tag that the matcher
itself is unsure of: `review`.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Detector, Record
from detectors.registry import register
from detectors.school.geo import describe_distance, distance_to_site, inside_site
from detectors.school.names import school_matcher
from detectors.text.excerpt import excerpt
from detectors.text.posts import name_spans
from scanner.model import Finding, Kind


@register
class SchoolCheckIn(Detector):
    rule = "D4"
    needs = frozenset({Kind.POST})
    name = "school-check-in"

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        if not (item.relation == "check_in" or item.place or item.geo is not None):
            return
        reasons: list[str] = []
        certain = False
        key = ""
        if item.place:
            matches = school_matcher(self.ctx).in_name(item.place)
            if matches:
                best = max(matches, key=lambda m: m.certain)
                reasons.append(f'the place is named "{item.place.strip()}" ({best.how} match '
                               "of the school's name)")
                certain = best.certain
                key = f"place:{best.name}"
        site = self.ctx.policy.site
        if inside_site(item.geo, site):
            metres = distance_to_site(item.geo, site) or 0.0
            reasons.append(f"its coordinates are {describe_distance(metres)} from the school, "
                           "inside the school's site")
            certain = True
            key = key or "site"
        if not reasons:
            return
        what = "check-in" if item.relation == "check_in" else "place tag"
        yield self.finding(item, self._excerpt(record, what),
                           f"a {what}: " + "; ".join(reasons), certain, key=key)

    def _excerpt(self, record: Record, what: str) -> str:
        """The place, then the start of the post with people's names as initials."""
        item = record.item
        place = f"{what} at {item.place.strip()}" if item.place else what
        if not item.text.strip():
            return place
        hide = tuple(name_spans(self.ctx, record, item.text))
        return f"{place}: {excerpt(item.text, 0, None, width=40, hide=hide)}"
