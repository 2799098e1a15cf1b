"""Facebook profile information: one PROFILE record, plus one per school and job.

`profile_information/profile_information.json` -> `profile` (2019) or `profile_v2` (2020-23);
`personal_information/profile_information/profile_information.json` (2024+).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_epoch
from scanner.sources.meta import as_dict, dicts, names, object_prefix, records, text

PLATFORM = "facebook"
PROFILE_FILES = ("profile_information.json", "*_profile_information.json")
PROFILE_KEYS = ("profile_v2", "profile", "profile_v3")


def read_profile(archive: Archive) -> Iterator[Item]:
    for name in archive.find(*PROFILE_FILES):
        prefix = object_prefix(archive, name, PROFILE_KEYS)
        if prefix is None:
            continue
        for profile in records(archive, name, prefix):
            if isinstance(profile, dict):
                yield _profile(name, profile)
                yield from _experiences(name, profile)


def _profile(name: str, profile: dict[str, Any]) -> Item:
    emails = _strings(as_dict(profile.get("emails")).get("emails"))
    handle = text(profile.get("username"))
    item = Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, handle or "profile"),
                name=text(as_dict(profile.get("name")).get("full_name")), handle=handle,
                email=emails[0] if emails else None, url=text(profile.get("profile_uri")),
                text=next((t for k in ("about_me", "bio", "intro_bio")
                           if (t := text(profile.get(k)))), ""),
                when=from_epoch(profile.get("registration_timestamp")))
    item.extra.update(_extra(profile, emails))
    return item


def _extra(profile: dict[str, Any], emails: list[str]) -> dict[str, str]:
    """Labelled fields a detector may need: contact details, places, family, birthday."""
    phones = [p for entry in dicts(profile.get("phone_numbers"))
              if (p := text(entry.get("phone_number")))]
    fields: dict[str, object] = {
        "emails": emails,
        "previous_emails": _strings(as_dict(profile.get("emails")).get("previous_emails")),
        "phone": phones,
        "website": [w for entry in dicts(profile.get("websites"))
                    if (w := text(entry.get("address")))],
        "city": text(as_dict(profile.get("current_city")).get("name")),
        "hometown": text(as_dict(profile.get("hometown")).get("name")),
        "gender": text(as_dict(profile.get("gender")).get("gender_option")),
        "birthday": _date(as_dict(profile.get("birthday"))),
        "relationship": _relationship(as_dict(profile.get("relationship"))),
        "family": [f"{n} ({r})" if (r := text(entry.get("relation"))) else n
                   for entry in dicts(profile.get("family_members"))
                   if (n := text(entry.get("name")))],
        "other_names": [*names(profile.get("previous_names")),
                        *names(profile.get("other_names"))],
    }
    out: dict[str, str] = {}
    for key, value in fields.items():
        joined = "; ".join(value) if isinstance(value, list) else value
        if isinstance(joined, str) and joined:
            out[key] = joined
    return out


def _experiences(name: str, profile: dict[str, Any]) -> Iterator[Item]:
    """Schools (`education_experiences`) and jobs (`work_experiences`) as further PROFILEs."""
    for index, school in enumerate(dicts(profile.get("education_experiences"))):
        extra = {"school_type": text(school.get("school_type")),
                 "degree": text(school.get("degree")),
                 "concentrations": "; ".join(_strings(school.get("concentrations"))),
                 "ended": _iso_day(school.get("end_timestamp"))}
        if isinstance(school.get("graduated"), bool):
            extra["graduated"] = str(school["graduated"]).lower()
        yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"education/{index}"),
                   relation="education", name=text(school.get("name")),
                   when=from_epoch(school.get("start_timestamp")),
                   extra={k: v for k, v in extra.items() if v})
    for index, job in enumerate(dicts(profile.get("work_experiences"))):
        extra = {"title": text(job.get("title")), "location": text(job.get("location")),
                 "ended": _iso_day(job.get("end_timestamp"))}
        yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"position/{index}"),
                   relation="position", name=text(job.get("employer")) or text(job.get("name")),
                   text=text(job.get("description")) or "",
                   when=from_epoch(job.get("start_timestamp")),
                   extra={k: v for k, v in extra.items() if v})


def _strings(value: object) -> list[str]:
    return [t for v in value if (t := text(v))] if isinstance(value, list) else []


def _date(birthday: dict[str, Any]) -> str | None:
    year, month, day = (birthday.get(k) for k in ("year", "month", "day"))
    if not (_number(month) and _number(day)):
        return None
    day_month = f"{month:02d}-{day:02d}"
    return f"{year}-{day_month}" if _number(year) else day_month


def _number(value: object) -> bool:
    """A positive whole number (Meta writes 0 for a part of a date it does not have)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _relationship(relationship: dict[str, Any]) -> str | None:
    status = text(relationship.get("status"))
    partner = text(relationship.get("partner"))
    return f"{status} ({partner})" if status and partner else status or partner


def _iso_day(value: object) -> str | None:
    when = from_epoch(value)
    return when.date().isoformat() if when else None
