"""LinkedIn export reader: a zip (or folder) of CSV files.

The traps (FORMATS.md section 4): Connections.csv may start with a `Notes:` preamble before its
header; the 2018 export writes some files (Shares.csv) as UTF-16LE with a BOM, tab-separated and
fully quoted, and dates like `1/8/18, 6:14 PM`; file names drift (`Rich Media.csv`,
`Rich_Media.csv`). So every file is decoded by its BOM, its header is found by a known column
and its delimiter sniffed from that header line, and rows are streamed one at a time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import Reader
from scanner.sources.linkedin_csv import find, header_of, is_utf16, parse_date, rows

PLATFORM = "linkedin"

# Base names (lower case, `_` read as a space) that only LinkedIn exports use.
KNOWN_FILES = frozenset({
    "connections.csv", "profile.csv", "positions.csv", "education.csv", "shares.csv",
    "invitations.csv", "messages.csv", "member follows.csv", "skills.csv", "email addresses.csv",
    "phonenumbers.csv", "rich media.csv", "comments.csv", "reactions.csv", "registration.csv",
    "endorsement received info.csv", "endorsement given info.csv", "company follows.csv",
    "recommendations given.csv", "recommendations received.csv", "ad targeting.csv",
    "inferences about you.csv", "learning.csv", "languages.csv", "certifications.csv",
})
# The files read into records.
READ_FILES = ("profile.csv", "email addresses.csv", "positions.csv", "education.csv",
              "connections.csv", "member follows.csv", "shares.csv", "comments.csv",
              "messages.csv")
# The file whose header proves a LinkedIn export, and a column that header must hold.
HEADER_PROOF = {"connections.csv": "connected on", "profile.csv": "headline",
                "positions.csv": "company name", "shares.csv": "sharecommentary",
                "education.csv": "school name"}

_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


# -- values ---------------------------------------------------------------------------------------
def _full_name(row: dict[str, str]) -> str:
    return " ".join(p for p in (row.get("first name", ""), row.get("last name", "")) if p)


def _labelled(row: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    """{label: value} for the row's non-empty columns; labels maps column -> label."""
    return {label: row[col] for col, label in labels.items() if row.get(col)}


def _unquote(text: str) -> str:
    r"""Undo the extra quoting LinkedIn puts inside post and comment text (`\"`, `""`)."""
    text = text.replace('\\"', '"')
    if len(text) > 1 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1].replace('"\n"', "\n").replace('""', '"')
    return text.strip()


def _plain(text: str) -> str:
    """Message bodies are sometimes HTML (InMail); keep the words."""
    return html.unescape(_TAG.sub(" ", text)).strip() if _TAG.search(text) else text


# -- records -------------------------------------------------------------------------------------
def _profile(archive: Archive) -> Iterator[Item]:
    email = _primary_email(archive)
    for name in find(archive, "profile.csv"):
        for row in rows(archive, name, "first name"):
            extra = _labelled(row, {c: c for c in (
                "headline", "summary", "address", "zip code", "websites", "twitter handles",
                "geo location", "industry", "birth date", "maiden name", "instant messengers",
                "country", "contact instructions")})
            text = "\n".join(row[c] for c in ("headline", "summary") if row.get(c))
            person = _full_name(row)
            # ref.record of profile fields is the display name (as fixtures/planted.py expects).
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, person or "profile"),
                       text=text, name=person or None, email=email, extra=extra)


def _primary_email(archive: Archive) -> str | None:
    emails = [(row.get("primary", "").lower() == "yes", row["email address"])
              for name in find(archive, "email addresses.csv")
              for row in rows(archive, name, "email address") if row.get("email address")]
    return max(emails, key=lambda pair: pair[0])[1] if emails else None


def _positions(archive: Archive) -> Iterator[Item]:
    labels = {"company name": "company", "title": "title", "location": "location",
              "started on": "started", "finished on": "finished", "description": "description"}
    for name in find(archive, "positions.csv"):
        for n, row in enumerate(rows(archive, name, "company name"), 1):
            title = " at ".join(v for v in (row.get("title"), row.get("company name")) if v)
            text = "\n".join(v for v in (title, row.get("description")) if v)
            # Each row its own record, so a finding about one job is not mistaken for another.
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"position-{n}"),
                       relation="position", text=text, extra=_labelled(row, labels))


def _education(archive: Archive) -> Iterator[Item]:
    labels = {"school name": "school", "degree name": "degree", "start date": "started",
              "end date": "finished", "notes": "notes", "activities": "activities"}
    for name in find(archive, "education.csv"):
        for n, row in enumerate(rows(archive, name, "school name"), 1):
            title = " at ".join(v for v in (row.get("degree name"), row.get("school name")) if v)
            text = "\n".join(v for v in (title, row.get("notes"), row.get("activities")) if v)
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"education-{n}"),
                       relation="education", text=text, extra=_labelled(row, labels))


def _connections(archive: Archive) -> Iterator[Item]:
    for name in find(archive, "connections.csv"):
        for row in rows(archive, name, "first name"):
            person, url, email = _full_name(row), row.get("url", ""), row.get("email address", "")
            if not (person or url or email):
                continue
            yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, url or email or person),
                       name=person or None, url=url or None, email=email or None,
                       relation="connection", when=parse_date(row.get("connected on", "")),
                       extra=_labelled(row, {"company": "company", "position": "position"}))
    for name in find(archive, "member follows.csv"):
        for row in rows(archive, name, "fullname"):
            if row.get("fullname") and row.get("status", "").lower() != "inactive":
                yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, row["fullname"]),
                           name=row["fullname"], relation="following",
                           when=parse_date(row.get("date", "")))


def _posts(archive: Archive) -> Iterator[Item]:
    labels = {"sharedurl": "shared url", "visibility": "visibility"}
    for name in find(archive, "shares.csv"):
        # ref.record is the 0-based row index, as for Meta posts; the ShareLink is the url.
        for n, row in enumerate(rows(archive, name, "date")):
            link, media = row.get("sharelink", ""), row.get("mediaurl", "")
            yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, str(n)),
                       text=_unquote(row.get("sharecommentary", "")), url=link or None,
                       when=parse_date(row.get("date", "")), media=(media,) if media else (),
                       extra=_labelled(row, labels))
    for name in find(archive, "comments.csv"):
        for n, row in enumerate(rows(archive, name, "message"), 1):
            yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, f"comment-{n}"),
                       text=_unquote(row.get("message", "")), url=row.get("link") or None,
                       relation="comment", when=parse_date(row.get("date", "")))


def _messages(archive: Archive, owner: str | None) -> Iterator[Item]:
    seen: set[str] = set()  # conversation ids only: small even for a large inbox
    for name in find(archive, "messages.csv"):
        for n, row in enumerate(rows(archive, name, "from"), 1):
            sender, to = row.get("from", ""), row.get("to", "")
            people = tuple(dict.fromkeys(p.strip() for p in (sender, *to.split(","))
                                         if p.strip()))
            thread = row.get("conversation id") or "|".join(sorted(people)) or "messages"
            if thread not in seen:
                seen.add(thread)
                others = [p for p in people if p != owner]
                title = row.get("conversation title") or (others[0] if others else None)
                yield Item(kind=Kind.THREAD, ref=ItemRef(PLATFORM, name, thread), name=title,
                           people=people)
            yield Item(kind=Kind.MESSAGE, ref=ItemRef(PLATFORM, name, f"{thread}#{n}"),
                       parent=thread, name=sender or None,
                       url=row.get("sender profile url") or None,
                       relation=_direction(row, sender, owner),
                       text=_plain(row.get("content", "")), when=parse_date(row.get("date", "")),
                       extra=_labelled(row, {"subject": "subject", "folder": "folder"}))


def _direction(row: dict[str, str], sender: str, owner: str | None) -> str | None:
    direction = row.get("direction", "").lower()  # 2018 files say INCOMING / OUTGOING
    if direction in ("incoming", "outgoing"):
        return "received" if direction == "incoming" else "sent"
    if owner and sender:
        return "sent" if sender == owner else "received"
    return None


# -- the reader contract -------------------------------------------------------------------------
def detect(archive: Archive) -> int:
    known = {n.rsplit("/", 1)[-1].lower().replace("_", " ") for n in archive.names} & KNOWN_FILES
    if not known:
        return 0
    proofs = sum(1 for base, column in HEADER_PROOF.items() if base in known
                 for name in find(archive, base)[:1] if header_of(archive, name, column))
    if proofs:
        return 10 + proofs + len(known)
    # Names alone: only the files no other export uses this way.
    return 5 if known & {"connections.csv", "positions.csv", "shares.csv",
                         "invitations.csv", "member follows.csv"} else 0


def version(archive: Archive) -> str | None:
    if not any(n.lower().endswith(".csv") for n in archive.names):
        return None
    # Only files read anyway are opened, so unread ones still show as skipped.
    if any(is_utf16(archive, name) for base in READ_FILES for name in find(archive, base)[:1]):
        return "2018 (UTF-16 files)"
    for name in find(archive, "connections.csv")[:1]:
        found = header_of(archive, name, "first name")
        if found and "url" not in found[0]:
            return "2018 (Connections without URL)"
    return "2020+"


def read(archive: Archive) -> Iterator[Item]:
    owner: str | None = None
    for item in _profile(archive):
        owner = owner or item.name
        yield item
    yield from _positions(archive)
    yield from _education(archive)
    yield from _connections(archive)
    yield from _posts(archive)
    yield from _messages(archive, owner)


READER = Reader(platform=PLATFORM, detect=detect, version=version, read=read)
