"""Teaching hours: was a moment inside the school day on a term day, in the school's own time?

Exports store times in UTC (aware datetimes); the school day is set in UK local time, so an
aware time is converted to Europe/London first (a 08:30 UTC post in June is 09:30 BST, inside
a 08:45 start). Naive times (photo EXIF, some exports) are taken as already local. Shared with
the image rules (a photo taken in school hours on a term day).

zoneinfo needs a time zone database; Windows has none unless the `tzdata` package is
installed, so the UK's own daylight-saving rule (last Sunday of March to last Sunday of
October, changing at 01:00 UTC) stands in when Europe/London cannot be loaded.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scanner.policy import Hours

SCHOOL_ZONE = "Europe/London"


@lru_cache(maxsize=1)
def _london() -> tzinfo | None:
    try:
        return ZoneInfo(SCHOOL_ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _uk_offset(moment: datetime) -> timedelta:
    """BST (+1 h) between 01:00 UTC on the last Sundays of March and October, else GMT."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    start = datetime.combine(_last_sunday(utc.year, 3), datetime.min.time()) + timedelta(hours=1)
    end = datetime.combine(_last_sunday(utc.year, 10), datetime.min.time()) + timedelta(hours=1)
    return timedelta(hours=1) if start <= utc < end else timedelta(0)


def local_time(moment: datetime) -> datetime:
    """The wall-clock time at the school (naive times are taken as local already)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    zone = _london()
    if zone is not None:
        return moment.astimezone(zone).replace(tzinfo=None)
    return (moment.astimezone(UTC) + _uk_offset(moment)).replace(tzinfo=None)


def in_teaching_hours(hours: Hours, moment: datetime) -> bool:
    """Inside the school day, on a school weekday, in term (if the pack lists terms)."""
    local = local_time(moment)
    return hours.is_teaching_time(local.date(), local.time())


def knows_its_zone(moment: datetime) -> bool:
    """An aware time (UTC or an offset) can be put on the school's clock; a naive one is a guess."""
    return moment.tzinfo is not None and moment.utcoffset() is not None


def from_edge_of_day(hours: Hours, moment: datetime) -> timedelta:
    """How far inside the school day a moment is: the gap to the nearer bell (start or end)."""
    local = local_time(moment)
    clock = timedelta(hours=local.hour, minutes=local.minute, seconds=local.second)
    start = timedelta(hours=hours.start.hour, minutes=hours.start.minute)
    end = timedelta(hours=hours.end.hour, minutes=hours.end.minute)
    return min(abs(clock - start), abs(end - clock))


def describe_hours(hours: Hours) -> str:
    """ "between 08:45 and 15:30 on term days" (or "on school days" without term dates)."""
    days = "term days" if hours.terms else "school days"
    return f"between {hours.start:%H:%M} and {hours.end:%H:%M} on {days}"
