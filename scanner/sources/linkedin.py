"""LinkedIn export reader: a zip (or folder) of CSV files.

The traps (FORMATS.md section 4): Connections.csv may start with a `Notes:` preamble before its
header; the 2018 export writes some files (Shares.csv) as UTF-16LE with a BOM, tab-separated and
fully quoted, and dates like `1/8/18, 6:14 PM`; file names drift (`Rich Media.csv`,
`Rich_Media.csv`, `PhoneNumbers.csv`) and so do column names (2024 `ShareCommentary`, 2018
`Share Commentary`). So every file is decoded by its BOM, its header is found by a known column
and its delimiter sniffed from that header line, columns are matched by normalised name (see
scanner.sources.csvread), and rows are streamed one at a time. A file whose rows all lack text
(or a name) is listed as a problem naming its columns, never read as silently empty.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import Reader
from scanner.sources.csvread import find, header_of, is_utf16, normalise, rows
from scanner.sources.linkedin_csv import parse_date

PLATFORM = "linkedin"

# Base names that only LinkedIn exports use, compared normalised (`Rich_Media.csv` and
# `Rich Media.csv` alike; 2018 `Phone Numbers.csv`, 2024 `PhoneNumbers.csv`).
KNOWN_FILES = frozenset(normalise(base) for base in {
    "connections.csv", "profile.csv", "positions.csv", "education.csv", "shares.csv",
    "invitations.csv", "messages.csv", "member follows.csv", "skills.csv", "email addresses.csv",
    "phonenumbers.csv", "rich media.csv", "comments.csv", "reactions.csv", "registration.csv",
    "endorsement received info.csv", "endorsement given info.csv", "company follows.csv",
    "recommendations given.csv", "recommendations received.csv", "ad targeting.csv",
    "inferences about you.csv", "learning.csv", "languages.csv", "certifications.csv",
    "account status history.csv", "imported contacts.csv", "honors.csv", "projects.csv",
    "logins.csv", "search queries.csv", "security challenges.csv", "causes you care about.csv",
})
# Files no other export uses this way: enough to recognise an export without opening any.
NAMED_ALONE = frozenset(normalise(base) for base in (
    "connections.csv", "positions.csv", "shares.csv", "invitations.csv", "member follows.csv"))
# The files read into records.
READ_FILES = ("profile.csv", "email addresses.csv", "positions.csv", "education.csv",
              "connections.csv", "member follows.csv", "shares.csv", "comments.csv",
              "messages.csv")
# The file whose header proves a LinkedIn export, and a column that header must hold.
HEADER_PROOF = {"connections.csv": "connected on", "profile.csv": "headline",
                "positions.csv": "company name", "shares.csv": "share commentary",
                "education.csv": "school name"}
# What a post's text is made of: the person's words, then (2018) the title and description of
# the link they shared, which showed on their feed with it.
SHARE_TEXT = ("share commentary", "share title", "share description")
# The columns each file is read for (matched by normalised name: see scanner.sources.csvread).
PROFILE = ("headline", "summary", "address", "zip code", "websites", "twitter handles",
           "geo location", "industry", "birth date", "maiden name", "instant messengers",
           "country", "contact instructions")
CONNECTION = ("first name", "last name", "url", "email address", "connected on", "company",
              "position")
MESSAGE = ("conversation id", "conversation title", "from", "sender profile url", "to", "date",
           "subject", "content", "folder", "direction")

_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


# -- values ---------------------------------------------------------------------------------------
def _full_name(row: dict[str, str]) -> str:
    return " ".join(p for p in (row["first name"], row["last name"]) if p)


def _labelled(row: dict[str, str], labels: dict[str, str]) -> dict[str, str]:
    """{label: value} for the row's non-empty columns; labels maps column -> label."""
    return {label: row[col] for col, label in labels.items() if row[col]}


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
        for row in rows(archive, name, "first name", ("first name", "last name", *PROFILE),
                        needs=("first name", "last name", "headline", "summary"),
                        what="a name or a headline"):
            extra = _labelled(row, {c: c for c in PROFILE})
            text = "\n".join(row[c] for c in ("headline", "summary") if row[c])
            person = _full_name(row)
            # ref.record of profile fields is the display name (as fixtures/planted.py expects).
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, person or "profile"),
                       text=text, name=person or None, email=email, extra=extra)


def _primary_email(archive: Archive) -> str | None:
    emails = [(row["primary"].lower() == "yes", row["email address"])
              for name in find(archive, "email addresses.csv")
              for row in rows(archive, name, "email address", ("email address", "primary"),
                              needs=("email address",), what="an address")
              if row["email address"]]
    return max(emails, key=lambda pair: pair[0])[1] if emails else None


def _positions(archive: Archive) -> Iterator[Item]:
    labels = {"company name": "company", "title": "title", "location": "location",
              "started on": "started", "finished on": "finished", "description": "description"}
    for name in find(archive, "positions.csv"):
        for n, row in enumerate(rows(archive, name, "company name", list(labels),
                                     needs=("company name", "title", "description")), 1):
            title = " at ".join(v for v in (row["title"], row["company name"]) if v)
            text = "\n".join(v for v in (title, row["description"]) if v)
            # Each row its own record, so a finding about one job is not mistaken for another.
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"position-{n}"),
                       relation="position", text=text, extra=_labelled(row, labels))


def _education(archive: Archive) -> Iterator[Item]:
    labels = {"school name": "school", "degree name": "degree", "start date": "started",
              "end date": "finished", "notes": "notes", "activities": "activities"}
    for name in find(archive, "education.csv"):
        for n, row in enumerate(rows(archive, name, "school name", list(labels),
                                     needs=("school name", "degree name", "notes")), 1):
            title = " at ".join(v for v in (row["degree name"], row["school name"]) if v)
            text = "\n".join(v for v in (title, row["notes"], row["activities"]) if v)
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, f"education-{n}"),
                       relation="education", text=text, extra=_labelled(row, labels))


def _connections(archive: Archive) -> Iterator[Item]:
    for name in find(archive, "connections.csv"):
        for row in rows(archive, name, "first name", CONNECTION,
                        needs=("first name", "last name", "url", "email address"),
                        what="a name"):
            person, url, email = _full_name(row), row["url"], row["email address"]
            if not (person or url or email):
                continue
            yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, url or email or person),
                       name=person or None, url=url or None, email=email or None,
                       relation="connection", when=parse_date(row["connected on"]),
                       extra=_labelled(row, {"company": "company", "position": "position"}))
    for name in find(archive, "member follows.csv"):
        for row in rows(archive, name, "fullname", ("fullname", "status", "date"),
                        needs=("fullname",), what="a name"):
            if row["fullname"] and row["status"].lower() != "inactive":
                yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, row["fullname"]),
                           name=row["fullname"], relation="following",
                           when=parse_date(row["date"]))


def _posts(archive: Archive) -> Iterator[Item]:
    labels = {"shared url": "shared url", "visibility": "visibility", "type": "type"}
    for name in find(archive, "shares.csv"):
        # ref.record is the 0-based row index, as for Meta posts; the ShareLink is the url.
        wants = ("date", "share link", "media url", *SHARE_TEXT, *labels)
        for n, row in enumerate(rows(archive, name, "date", wants, needs=SHARE_TEXT)):
            link, media = row["share link"], row["media url"]
            text = "\n".join(t for t in (_unquote(row[c]) for c in SHARE_TEXT) if t)
            yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, str(n)),
                       text=text, url=link or None,
                       when=parse_date(row["date"]), media=(media,) if media else (),
                       extra=_labelled(row, labels))
    for name in find(archive, "comments.csv"):
        for n, row in enumerate(rows(archive, name, "message", ("message", "link", "date"),
                                     needs=("message",)), 1):
            yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, f"comment-{n}"),
                       text=_unquote(row["message"]), url=row["link"] or None,
                       relation="comment", when=parse_date(row["date"]))


def _messages(archive: Archive, owner: str | None) -> Iterator[Item]:
    seen: set[str] = set()  # conversation ids only: small even for a large inbox
    for name in find(archive, "messages.csv"):
        for n, row in enumerate(rows(archive, name, "from", MESSAGE,
                                     needs=("content", "subject")), 1):
            sender, to = row["from"], row["to"]
            people = tuple(dict.fromkeys(p.strip() for p in (sender, *to.split(","))
                                         if p.strip()))
            thread = row["conversation id"] or "|".join(sorted(people)) or "messages"
            if thread not in seen:
                seen.add(thread)
                others = [p for p in people if p != owner]
                title = row["conversation title"] or (others[0] if others else None)
                yield Item(kind=Kind.THREAD, ref=ItemRef(PLATFORM, name, thread), name=title,
                           people=people)
            yield Item(kind=Kind.MESSAGE, ref=ItemRef(PLATFORM, name, f"{thread}#{n}"),
                       parent=thread, name=sender or None,
                       url=row["sender profile url"] or None,
                       relation=_direction(row, sender, owner),
                       text=_plain(row["content"]), when=parse_date(row["date"]),
                       extra=_labelled(row, {"subject": "subject", "folder": "folder"}))


def _direction(row: dict[str, str], sender: str, owner: str | None) -> str | None:
    direction = row["direction"].lower()  # 2018 files say INCOMING / OUTGOING
    if direction in ("incoming", "outgoing"):
        return "received" if direction == "incoming" else "sent"
    if owner and sender:
        return "sent" if sender == owner else "received"
    return None


# -- the reader contract -------------------------------------------------------------------------
def detect(archive: Archive) -> int:
    known = {normalise(n.rsplit("/", 1)[-1]) for n in archive.names} & KNOWN_FILES
    if not known:
        return 0
    proofs = sum(1 for base, column in HEADER_PROOF.items() if normalise(base) in known
                 for name in find(archive, base)[:1] if header_of(archive, name, column))
    if proofs:
        return 10 + proofs + len(known)
    return 5 if known & NAMED_ALONE else 0


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
