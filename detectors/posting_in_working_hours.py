"""C9 posting-in-working-hours: posts made during teaching hours on term days.

Every post whose time falls inside the pack's school day on a term day (converted to UK local
time, daylight saving included, by `_hours`) is a finding: that it was posted then is a fact
read off the export, so it is certain. Two cases stay `review`: a time with no time zone (the
export did not say which clock it was written on), and a time within EDGE of the start or end
of the day (the bell may differ by a few minutes from the pack's times).

After the last post comes one summary finding, the share the checklist asks about ("12 of 80
posts (15%) were made between 08:45 and 15:30 on term days"), on the first post in hours. The
scan keeps a limited number of findings per rule, so posts are listed one by one only up to
LISTED; the summary counts them all. Memory stays flat however large the archive.

Not checked when the pack has no school hours, or when no post carries a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from detectors.base import Context, Detector, Record
from detectors.registry import register
from detectors.school.hours import (
    describe_hours,
    from_edge_of_day,
    in_teaching_hours,
    knows_its_zone,
    local_time,
)
from detectors.text.excerpt import disjoint, excerpt
from detectors.text.posts import name_spans
from scanner.model import Finding, Item, Kind

EDGE = timedelta(minutes=5)
# Below the pipeline's cap on findings kept per rule (scanner.pipeline.MAX_FINDINGS_PER_RULE,
# 200), so the summary that comes last is always kept.
LISTED = 150


@register
class PostingInWorkingHours(Detector):
    rule = "C9"
    needs = frozenset({Kind.POST})
    name = "posting-in-working-hours"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.posts = 0
        self.dated = 0
        self.in_hours = 0
        self.sure = 0
        self.first: Item | None = None

    def see(self, record: Record) -> Iterator[Finding]:
        self.posts += 1
        hours = self.ctx.policy.hours
        item = record.item
        if hours is None or item.when is None:
            return
        self.dated += 1
        if not in_teaching_hours(hours, item.when):
            return
        self.in_hours += 1
        self.first = self.first or item
        certain, doubt = self._judge(item)
        self.sure += certain
        if self.in_hours <= LISTED:
            moment = local_time(item.when)
            why = f"posted {moment:%a %d %b %Y %H:%M} UK time, in teaching hours on a term day"
            text = item.text or ""
            names = tuple(sorted(set(name_spans(self.ctx, record, text))))
            yield self.finding(item, excerpt(text, hide=disjoint(names)), why + doubt, certain,
                               key=f"post:{moment:%Y%m%dT%H%M}")

    def _judge(self, item: Item) -> tuple[bool, str]:
        """Certain, or review and why."""
        hours = self.ctx.policy.hours
        assert hours is not None and item.when is not None
        if not knows_its_zone(item.when):
            return False, ("; the export gives no time zone, so the time was read as UK time: "
                           "check it")
        if from_edge_of_day(hours, item.when) < EDGE:
            return False, (f"; within {EDGE.seconds // 60} minutes of the start or end of the "
                           "school day, which may differ from the pack's times")
        return True, ""

    def finish(self) -> Iterator[Finding]:
        hours = self.ctx.policy.hours
        if hours is None or self.first is None:
            return
        share = self.in_hours / self.dated
        why = (f"{self.in_hours} of {self.dated} posts ({share:.0%}) were made "
               f"{describe_hours(hours)}")
        if self.in_hours > LISTED:
            why += f" (the first {LISTED} are listed)"
        yield self.finding(self.first, why, why, certain=self.sure > 0, key="share")

    def missing(self) -> str | None:
        if self.ctx.policy.hours is None:
            return "Needs the school's teaching hours and term dates in the policy pack."
        if self.posts and not self.dated:
            return "Needs posting times: none of the posts in this export carries a time."
        return None
