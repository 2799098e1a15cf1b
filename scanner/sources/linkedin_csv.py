"""LinkedIn's dates, in the forms its exports have used over the years."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from scanner.sources.base import from_iso

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,? (\d{1,2}):(\d{2}) ?([AaPp][Mm])?)?")
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def parse_date(value: str) -> datetime | None:
    """LinkedIn's dates (`16 Dec 2024`, `1/8/18, 6:14 PM`, `2024-02-19 10:22:49 UTC`, and the
    2018 Shares.csv's `2017/06/08 08:15:44 UTC`) as UTC.

    Parsed by pattern, not strptime: English month names whatever the locale, and fast enough
    for a few hundred thousand rows.
    """
    text = " ".join(value.split()).removesuffix(" UTC")
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(text):
            day, month, year = match.groups()
            number = _MONTHS.get(month[:3].lower())
            return datetime(int(year), number, int(day), tzinfo=UTC) if number else None
        if match := _US_DATE.fullmatch(text):
            return _us_date(*match.groups())
        if match := _YEAR_FIRST.fullmatch(text):
            year, month, day, hour, minute, second = (int(p or 0) for p in match.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:  # 31 Feb and the like
        return None
    return from_iso(text)


def _us_date(month: str, day: str, year: str, hour: str | None, minute: str | None,
             half: str | None) -> datetime:
    full_year = int(year) + (2000 if len(year) == 2 else 0)  # LinkedIn began in 2003
    clock = int(hour or 0)
    if half:
        clock = clock % 12 + (12 if half.lower() == "pm" else 0)
    return datetime(full_year, int(month), int(day), clock, int(minute or 0), tzinfo=UTC)
