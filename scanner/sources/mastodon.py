"""Mastodon reader: the ActivityPub archive (.zip, or .tar.gz from older servers) and the
separate `following_accounts.csv` export (older servers wrote it as bare addresses, newer ones
under an `Account address` header, found by normalised name like every export CSV).

`outbox.json` is an ActivityStreams OrderedCollection: `Create` activities carry the person's
posts (HTML content, content warning, mentions, attachments with alt text), `Announce`
activities are boosts of someone else's post, given only by its URI. `actor.json` is the
profile. There is no followers export, so followers cannot be read.

`likes.json` and `bookmarks.json` are deliberately not read: they hold only the URIs of other
people's posts (no text, no author name), so they give a check nothing to look at; they show in
the "not read" list rather than being counted as the person's own posts.
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from scanner.media import is_image, member_meta
from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import Reader, from_iso, text_of
from scanner.sources.csvread import READ_ERRORS, header_of, rows
from scanner.sources.jsonread import iter_items

PLATFORM = "mastodon"
PUBLIC = ("https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public")
CSV_HEADER = "account address"
# An account address alone on a line: the headerless following CSV of older servers.
_ADDRESS = re.compile(r"@?[^@\s,]+@[^@\s,]+\.[^@\s,]+")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _many(value: Any) -> list[Any]:
    """ActivityStreams lets any list be a single value; damaged files may hold anything."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, (dict, str)) else []


def html_text(value: object) -> str:
    """Mastodon's HTML (`<p>`, `<br>`, link spans) as plain text, paragraphs kept apart."""
    if not isinstance(value, str):
        return ""
    if "<" not in value:
        return html.unescape(value).strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4 warns on text that looks like a URL or file name
        soup = BeautifulSoup(value, "html.parser")
        for br in soup.find_all("br"):
            br.replace_with("\n")
        for paragraph in soup.find_all("p"):
            paragraph.append("\n\n")
        return str(soup.get_text()).strip()


# -- detection ---------------------------------------------------------------------------------
def _head(archive: Archive, name: str, size: int = 4096) -> bytes:
    try:
        with archive.open(name) as stream:
            return stream.read(size)
    except (OSError, EOFError, ValueError):
        return b""


def _activitypub(archive: Archive, name: str | None) -> bool:
    return bool(name) and b"activitystreams" in _head(archive, name or "")


def _following_csv(archive: Archive) -> str | None:
    """following_accounts.csv, if it has an `Account address` column or is bare addresses."""
    name = archive.find_one("following_accounts.csv")
    if name and (header_of(archive, name, CSV_HEADER) or _bare_addresses(archive, name)):
        return name
    return None


def _bare_addresses(archive: Archive, name: str) -> bool:
    first = _head(archive, name, 400).decode("utf-8", "replace").lstrip("\ufeff")
    cells = next(csv.reader(first.splitlines()[:1]), [""])
    return bool(cells) and bool(_ADDRESS.fullmatch(cells[0].strip()))


def detect(archive: Archive) -> int:
    """20 for an ActivityPub outbox, 15 for a lone actor.json, 12 for the following CSV."""
    if _activitypub(archive, archive.find_one("outbox.json")):
        return 20
    if _activitypub(archive, archive.find_one("actor.json")):
        return 15
    return 12 if _following_csv(archive) else 0


def version(archive: Archive) -> str | None:
    parts = []
    if archive.find_one("outbox.json") or archive.find_one("actor.json"):
        lowered = archive.path.name.lower()
        kind = ("tar.gz" if lowered.endswith((".tar.gz", ".tgz", ".tar"))
                else "zip" if lowered.endswith(".zip")
                else "folder" if archive.path.is_dir() else "single file")
        parts.append(f"ActivityPub archive ({kind})")
    if _following_csv(archive):
        parts.append("following_accounts.csv")
    return " + ".join(parts) or None


# -- reading -----------------------------------------------------------------------------------
def read(archive: Archive) -> Iterator[Item]:
    actor = archive.find_one("actor.json")
    if actor:
        yield from _profile(archive, actor)
    outbox = archive.find_one("outbox.json")
    if outbox:
        yield from Outbox(archive, outbox).items()
    following = archive.find_one("following_accounts.csv")
    if following:  # read even when its layout is unknown, so that is listed as a problem
        yield from _following(archive, following)


def _profile(archive: Archive, name: str) -> Iterator[Item]:
    for value in iter_items(archive, name, prefix=""):
        actor = _dict(value)
        handle = text_of(actor.get("preferredUsername")).strip() or None
        url = text_of(actor.get("url")) or text_of(actor.get("id")) or None
        extra: dict[str, str] = {}
        host = _host(url)
        if handle and host:
            extra["address"] = f"{handle}@{host}"
        published = from_iso(actor.get("published"))
        if published:
            extra["created_at"] = published.isoformat()
        for field in _many(actor.get("attachment")):
            field = _dict(field)
            label, text = text_of(field.get("name")).strip(), html_text(field.get("value"))
            if field.get("type") == "PropertyValue" and label and text:
                extra[label] = text
        yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, url or handle or "actor"),
                   text=html_text(actor.get("summary")), name=text_of(actor.get("name")) or None,
                   handle=handle, url=url, extra=extra)
        for alias in _many(actor.get("alsoKnownAs")):
            if isinstance(alias, str) and alias:
                yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, alias),
                           handle=_address(alias), url=alias, relation="previous_handle",
                           extra={"source": "alsoKnownAs (an account moved to this one)"})


def _host(url: str | None) -> str | None:
    try:
        return urlparse(url).hostname if url else None
    except ValueError:  # a damaged URL such as `http://[`
        return None


def _address(uri: str) -> str | None:
    """`user@host` from an account URI (`https://host/users/user` or `https://host/@user`)."""
    host = _host(uri)
    parts = [p for p in urlparse(uri).path.split("/") if p] if host else []
    if not host or not parts:
        return None
    if parts[0] == "users" and len(parts) == 2:
        return f"{parts[1]}@{host}"
    if parts[0].startswith("@") and len(parts) == 1:
        return f"{parts[0][1:]}@{host}"
    return None


class Outbox:
    """outbox.json, streamed activity by activity."""

    def __init__(self, archive: Archive, name: str) -> None:
        self.archive = archive
        self.name = name
        self.seen: set[str] = set()
        # Attachment URLs are storage paths, maybe with a bucket prefix: match from
        # `media_attachments/` on. Indexed once so each attachment is a dict look-up.
        self.media: dict[str, str] = {}
        for member in archive.names:
            at = member.lower().find("media_attachments/")
            if at >= 0:
                self.media[member[at:].lower()] = member

    def items(self) -> Iterator[Item]:
        for index, value in enumerate(iter_items(self.archive, self.name,
                                                 prefix="orderedItems.item")):
            activity = _dict(value)
            kind = activity.get("type")
            if kind == "Create" and isinstance(activity.get("object"), dict):
                yield from self._create(activity, activity["object"], index)
            elif kind == "Announce":
                yield self._boost(activity, index)

    def _boost(self, activity: dict[str, Any], index: int) -> Item:
        target = _dict(activity.get("object")).get("id") or activity.get("object")
        return Item(kind=Kind.POST,
                    ref=ItemRef(PLATFORM, self.name, text_of(activity.get("id")) or f"#{index}"),
                    relation="boost", url=text_of(target) or None,
                    when=from_iso(activity.get("published")),
                    extra={"visibility": _visibility(activity)})

    def _create(self, activity: dict[str, Any], note: dict[str, Any],
                index: int) -> Iterator[Item]:
        record = text_of(note.get("id")) or text_of(activity.get("id")) or f"#{index}"
        when = from_iso(note.get("published")) or from_iso(activity.get("published"))
        content = note.get("content")
        if not isinstance(content, str):
            content = next(iter(_dict(note.get("contentMap")).values()), "")
        extra = {"visibility": _visibility(note if "to" in note else activity)}
        warning = html_text(note.get("summary"))
        if warning:
            extra["content_warning"] = warning
        reply_to = text_of(note.get("inReplyTo"))
        if reply_to:
            extra["in_reply_to"] = reply_to
        if note.get("sensitive") is True:
            extra["sensitive"] = "true"
        mentions = [_dict(t) for t in _many(note.get("tag")) if _dict(t).get("type") == "Mention"]
        handles = [h for h in (_mention_handle(m) for m in mentions) if h]
        attachments = [_dict(a) for a in _many(note.get("attachment")) if _dict(a)]
        media = [self._member(text_of(a.get("url"))) or text_of(a.get("url")) for a in attachments]
        yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, self.name, record),
                   text=html_text(content), when=when, relation="reply" if reply_to else None,
                   url=text_of(note.get("url")) or None, people=tuple(handles),
                   media=tuple(m for m in media if m), extra=extra)
        for attachment in attachments:
            yield self._media_item(attachment, record, when)
        for mention, handle in zip(mentions, (_mention_handle(m) for m in mentions), strict=True):
            if handle and handle.lower() not in self.seen:
                self.seen.add(handle.lower())
                yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, self.name, handle),
                           handle=handle, url=text_of(mention.get("href")) or None,
                           relation="mentioned")

    def _member(self, url: str) -> str | None:
        at = url.lower().find("media_attachments/")
        return self.media.get(url[at:].lower().split("?", 1)[0]) if at >= 0 else None

    def _media_item(self, attachment: dict[str, Any], post: str, when: Any) -> Item:
        """A MEDIA record with the alt text, and the photo's own metadata when it is present."""
        url = text_of(attachment.get("url"))
        member = self._member(url)
        item = Item(kind=Kind.MEDIA, ref=ItemRef(PLATFORM, self.name, url or post),
                    text=text_of(attachment.get("name")).strip(), parent=post, when=when,
                    media=(member,) if member else ())
        media_type = text_of(attachment.get("mediaType"))
        if media_type:
            item.extra["media_type"] = media_type
        if member and is_image(member):
            meta = member_meta(self.archive, member)
            if meta is not None:
                item.geo, item.taken, item.make, item.model = (meta.geo, meta.taken,
                                                               meta.make, meta.model)
        return item


def _mention_handle(tag: dict[str, Any]) -> str | None:
    """`user@host` from a Mention tag (`@user@host`, or `@user` plus the host of its href)."""
    name = text_of(tag.get("name")).strip().lstrip("@")
    if not name:
        return _address(text_of(tag.get("href")))
    if "@" not in name:
        host = _host(text_of(tag.get("href")))
        return f"{name}@{host}" if host else name
    return name


def _visibility(obj: dict[str, Any]) -> str:
    """Who could see a post, from its addressing (Mastodon's public/unlisted/private/direct)."""
    to = [t for t in _many(obj.get("to")) if isinstance(t, str)]
    cc = [c for c in _many(obj.get("cc")) if isinstance(c, str)]
    if any(t in PUBLIC for t in to):
        return "public"
    if any(c in PUBLIC for c in cc):
        return "unlisted"
    if any(t.endswith("/followers") for t in to):
        return "followers"
    return "direct"


def _following(archive: Archive, name: str) -> Iterator[Item]:
    """following_accounts.csv: `Account address,Show boosts,...` or, from older servers, bare
    addresses one a line."""
    if _bare_addresses(archive, name):
        addresses: Iterator[str] = _first_cells(archive, name)
    else:
        addresses = (row[CSV_HEADER] for row in rows(
            archive, name, CSV_HEADER, (CSV_HEADER,), needs=(CSV_HEADER,),
            what="an account address"))
    for cell in addresses:
        address = cell.strip().lstrip("@")
        if not address:
            continue
        user, _, host = address.partition("@")
        yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, address),
                   handle=address, relation="following",
                   url=f"https://{host}/@{user}" if host and user else None)


def _first_cells(archive: Archive, name: str) -> Iterator[str]:
    try:
        with archive.open(name) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            for row in csv.reader(text):
                if row:
                    yield row[0]
    except READ_ERRORS as exc:
        archive.problem(name, f"could not be read to the end ({type(exc).__name__})")


READER = Reader(platform=PLATFORM, detect=detect, version=version, read=read)
