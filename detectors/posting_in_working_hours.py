"""C9 posting-in-working-hours: the share of posts made during teaching hours on term days.

One summary finding when at least MIN_SHARE of the dated posts, and at least MIN_POSTS of them,
fall inside the pack's school day on a term day (times converted to UK local time by
`_hours`), with up to MAX_EXAMPLES example posts as further findings. The share is a counted
fact, so the summary is certain (`risk`, on an advice item); each example is `review`: a post
in those hours may have been made at lunch or in non-teaching time. Only counters and a few examples
are kept, so a 400,000-post archive costs nothing extra.

Not checked when the pack has no school hours, or when no post carries a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors._excerpt import excerpt
from detectors._hours import describe_hours, in_teaching_hours, local_time
from detectors.base import Context, Detector, Record
from detectors.registry import register
from scanner.model import Finding, Item, Kind

MIN_SHARE = 0.10
MIN_POSTS = 5
MAX_EXAMPLES = 5


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
        self.examples: list[Item] = []

    def see(self, record: Record) -> Iterator[Finding]:
        self.posts += 1
        hours = self.ctx.policy.hours
        when = record.item.when
        if hours is None or when is None:
            return iter(())
        self.dated += 1
        if in_teaching_hours(hours, when):
            self.in_hours += 1
            if len(self.examples) < MAX_EXAMPLES:
                self.examples.append(record.item)
        return iter(())

    def finish(self) -> Iterator[Finding]:
        hours = self.ctx.policy.hours
        if hours is None or not self.dated or not self.examples:
            return
        share = self.in_hours / self.dated
        if share < MIN_SHARE or self.in_hours < MIN_POSTS:
            return
        why = (f"{self.in_hours} of {self.dated} posts ({share:.0%}) were made "
               f"{describe_hours(hours)}")
        yield self.finding(self.examples[0], why, why, certain=True, key="share")
        for item in self.examples:
            assert item.when is not None
            moment = local_time(item.when)
            yield self.finding(item, excerpt(item.text or ""),
                               f"posted {moment:%a %d %b %Y %H:%M}, in teaching hours",
                               certain=False, key=f"example:{moment:%Y%m%dT%H%M}")

    def missing(self) -> str | None:
        if self.ctx.policy.hours is None:
            return "Needs the school's teaching hours and term dates in the policy pack."
        if self.posts and not self.dated:
            return "Needs posting times: none of the posts in this export carries a time."
        return None
