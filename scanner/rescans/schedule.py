"""When a consent's rescans fall due.

Rescans fall on slots counted from the consent's start (every day, every 7 days, or the same
day of each month), each moved later by the consent's own jitter: a fixed share of an hour
worked out from its id, so a thousand consents granted at 09:00 do not all start at 09:00:00,
and every worker (and every restart) agrees on the same time. Slots missed while no worker was
running are not made up one by one: the next rescan catches up once, then the schedule goes on.
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import UTC, date, datetime, time, timedelta

SCHEDULES = ("daily", "weekly", "monthly")
JITTER_WINDOW = timedelta(hours=1)


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day when it is shorter)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def add_months_to_date(day: date, months: int) -> date:
    return add_months(datetime.combine(day, time(), UTC), months).date()


def slot(starts: datetime, schedule: str, index: int) -> datetime:
    """The `index`th slot (0 = the start itself)."""
    if schedule == "daily":
        return starts + timedelta(days=index)
    if schedule == "weekly":
        return starts + timedelta(days=7 * index)
    return add_months(starts, index)


def jitter(consent_id: str) -> timedelta:
    """The consent's fixed delay within the jitter window."""
    share = int(hashlib.sha256(consent_id.encode()).hexdigest()[:8], 16) / 0x1_0000_0000
    return timedelta(seconds=int(share * JITTER_WINDOW.total_seconds()))


def end_of(expires: date) -> datetime:
    """The moment a consent expiring on this day runs out: the end of the day, UTC."""
    return datetime.combine(expires + timedelta(days=1), time(), UTC)


def first_due(consent_id: str, starts: datetime, expires: date) -> datetime | None:
    due = starts + jitter(consent_id)
    return due if due < end_of(expires) else None


def next_due(consent_id: str, starts: datetime, schedule: str, expires: date,
             after: datetime) -> datetime | None:
    """The first due time (slot + jitter) later than `after`, or None past the expiry."""
    shift = jitter(consent_id)
    index = _estimate(starts, schedule, after)
    while slot(starts, schedule, index) + shift <= after:
        index += 1
    due = slot(starts, schedule, index) + shift
    return due if due < end_of(expires) else None


def _estimate(starts: datetime, schedule: str, after: datetime) -> int:
    """A slot index at or a little before the one wanted, so the search is a few steps."""
    days = max(0, (after - starts).days)
    per = {"daily": 1, "weekly": 7}.get(schedule)
    if per is not None:
        return max(0, days // per - 1)
    return max(0, days // 31 - 1)
