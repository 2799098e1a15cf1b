"""The normalised record model every reader produces and every detector reads.

Standard library only: everything in the project imports this module, and it imports nothing of
the project's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a record is. The values are the keys of `inspect`'s counts."""

    PROFILE = "profile"
    POST = "post"
    CONNECTION = "connection"
    MEMBERSHIP = "membership"
    MEDIA = "media"
    THREAD = "thread"
    MESSAGE = "message"


PLATFORMS = ("twitter", "facebook", "instagram", "linkedin", "mastodon", "files")


@dataclass(frozen=True, slots=True)
class PlatformNames:
    """How one platform is named to a person, in each place a name appears."""

    site: str  # the site alone: "Open the post on X", "is not an X profile"
    label: str  # in lists and after "found on": "X (Twitter)", "your photo folder"
    in_sentence: str  # inside a sentence about an account: "your X (Twitter) profile"
    preposition: str = "on"  # "found on Facebook", "found in your photo folder"


# One table, so every report, page and message names a platform the same way.
_NAMES = {
    "twitter": PlatformNames("X", "X (Twitter)", "X (Twitter)"),
    "facebook": PlatformNames("Facebook", "Facebook", "Facebook"),
    "instagram": PlatformNames("Instagram", "Instagram", "Instagram"),
    "linkedin": PlatformNames("LinkedIn", "LinkedIn", "LinkedIn"),
    "mastodon": PlatformNames("Mastodon", "Mastodon", "Mastodon"),
    "bluesky": PlatformNames("Bluesky", "Bluesky", "Bluesky"),
    "tiktok": PlatformNames("TikTok", "TikTok", "TikTok"),
    "threads": PlatformNames("Threads", "Threads", "Threads"),
    "files": PlatformNames("your photo folder", "your photo folder", "photo folder", "in"),
    "web": PlatformNames("the web page", "a web page", "website"),
}


def names_of(platform: str) -> PlatformNames:
    """The names of a platform; one riskscan does not know is named by its id, capitalised."""
    found = _NAMES.get(platform)
    if found is None:
        shown = platform.capitalize()
        found = PlatformNames(shown, shown, shown)
    return found


def platform_name(platform: str) -> str:
    """How a platform is named in a sentence a person reads ("your TikTok profile")."""
    return names_of(platform).in_sentence


def platform_label(platform: str) -> str:
    """How a platform is named in a list or after "found on" ("X (Twitter)")."""
    return names_of(platform).label


def found_where(platform: str) -> str:
    """Where a finding was, after "Found": "on X (Twitter)", "in your photo folder"."""
    names = names_of(platform)
    return f"{names.preposition} {names.label}"


def site_name(platform: str) -> str:
    """The site alone ("X", "Mastodon", "the web page")."""
    return names_of(platform).site


def with_article(name: str) -> str:
    """The name with the article a reader would say aloud: a LinkedIn, an Instagram, an X."""
    return f"an {name}" if name[:1] in "AEIOX" else f"a {name}"


@dataclass(frozen=True, slots=True)
class ItemRef:
    """Where a record came from: enough for a person to find it again in their own export."""

    platform: str
    file: str
    record: str


@dataclass(slots=True)
class Item:
    """One normalised record.

    Fields that do not apply to a kind stay at their defaults. `text` holds the words a person
    wrote or that describe the record (post body, bio, caption, message); `extra` holds further
    labelled text fields (location, website, headline, job title, ...).
    """

    kind: Kind
    ref: ItemRef
    text: str = ""
    name: str | None = None
    handle: str | None = None
    email: str | None = None
    url: str | None = None
    relation: str | None = None
    when: datetime | None = None
    parent: str | None = None
    people: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    place: str | None = None
    geo: tuple[float, float] | None = None
    taken: datetime | None = None
    make: str | None = None
    model: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: always kind, ref and text; media also geo, taken, make, model."""
        out: dict[str, Any] = {"kind": self.kind.value, "ref": self.ref.record,
                               "file": self.ref.file, "text": self.text}
        for key in ("name", "handle", "email", "url", "relation", "parent", "place"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.when is not None:
            out["when"] = self.when.isoformat()
        if self.people:
            out["people"] = list(self.people)
        if self.media:
            out["media"] = list(self.media)
        if self.kind is Kind.MEDIA or self.geo is not None:
            out["geo"] = list(self.geo) if self.geo is not None else None
            out["taken"] = self.taken.isoformat() if self.taken is not None else None
            out["make"] = self.make
            out["model"] = self.model
        if self.extra:
            out["extra"] = dict(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class Gap:
    """Records a source could not show (a follower list behind a login, a page that could not
    be read at all), and why: a rule that needs them is `not checked` there, never `clear`."""

    kinds: frozenset[Kind]
    why: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in an input that could not be read; the rest of the input still is."""

    path: str
    error: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was present but not read, and why."""

    path: str
    reason: str


@dataclass(slots=True)
class Account:
    """Who an export belongs to, as far as the export says."""

    handle: str | None = None
    display_name: str | None = None
    email: str | None = None

    def fill_from(self, item: Item) -> None:
        """Take the first value seen for each field from a profile record."""
        if self.handle is None and item.handle:
            self.handle = item.handle
        if self.display_name is None and item.name:
            self.display_name = item.name
        if self.email is None and item.email:
            self.email = item.email


class Status(StrEnum):
    """Where a checklist item ends up."""

    RISK = "risk"
    REVIEW = "review"
    CLEAR = "clear"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of evidence for one rule, explaining itself.

    `key` is what the detector matched (a roster entry's id, a normalised term, a place): with
    the rule and the record it makes the fingerprint, which stays the same across rescans of the
    same export, so review decisions and history can follow a finding.
    """

    rule: str
    ref: ItemRef
    excerpt: str
    why: str
    certain: bool
    detector: str
    key: str = ""

    @property
    def fingerprint(self) -> str:
        import hashlib

        raw = "\x1f".join((self.rule, self.ref.platform, self.ref.record, self.key))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]
