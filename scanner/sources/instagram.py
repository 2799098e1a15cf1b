"""Instagram (Accounts Centre JSON) exports, 2019-20 to 2022+ and the 2026 following shape;
the first data download's flat files (2018-19) are read by instagram_flat.py.

Posts: `content/posts_N.json` (bare list; `your_instagram_activity/content/` since 2022);
followers: `followers_N.json` (bare list) or `followers.json` -> `relationships_followers`;
following: `following.json` -> `relationships_following`; messages: Messenger-shaped threads
under `messages/inbox/<user>_<digits>/`; profile: `personal_information.json` -> `profile_user`
(at `account_information/` or `personal_information/personal_information/`). FORMATS.md §3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scanner.model import Item, ItemRef, Kind
from scanner.sources import instagram_flat
from scanner.sources.archive import Archive
from scanner.sources.base import Reader, from_epoch
from scanner.sources.meta import (
    MediaFiles,
    as_dict,
    count_markers,
    dicts,
    list_prefix,
    media_record,
    read_threads,
    records,
    text,
)

PLATFORM = "instagram"

# Names only Instagram uses; Facebook's own are in facebook.py. Each counts once in detect().
MARKER_FILES = ("personal_information.json", "followers_[0-9]*.json", "posts_[0-9]*.json",
                "instagram_*.json", "liked_posts.json")
MARKER_DIRS = ("your_instagram_activity", "followers_and_following")

POST_FILES = ("posts_[0-9]*.json", "instagram_post*.json")
POST_KEYS = ("ig_posts",)
# (file names, accepted top-level keys, relation); a bare list is accepted too.
CONNECTION_FILES = (
    (("followers.json", "followers_[0-9]*.json"), ("relationships_followers",), "follower"),
    (("following.json", "following_[0-9]*.json"), ("relationships_following",), "following"),
)
PROFILE_KEYS = ("profile_user",)
# string_map_data labels kept as `extra`; any other label is kept under a slug of itself.
EXTRA_LABELS = {"Website": "website", "Phone Number": "phone", "City Name": "city",
                "Private Account": "private_account", "Gender": "gender",
                "Date of birth": "birthday"}
RECORD_LABELS = ("Username", "Name", "Bio", "Email")
_MENTION = re.compile(r"(?<![\w.])@([A-Za-z0-9._]{1,30})")


def markers(archive: Archive) -> int:
    """How many distinct Instagram-only names and folders the archive holds."""
    return count_markers(archive, MARKER_FILES, MARKER_DIRS)


def detect(archive: Archive) -> int:
    from scanner.sources import facebook  # imported here: the two modules ask each other

    mine, theirs = markers(archive), facebook.markers(archive)
    if mine == 0 and theirs == 0:
        flat = instagram_flat.flat_files(archive)
        return 10 + flat if flat else 0
    # On a tie Facebook wins, so exactly one of the two readers claims an archive.
    return 0 if mine == 0 or theirs >= mine else 10 + min(mine, 10)


def version(archive: Archive) -> str | None:
    lowered = [n.lower() for n in archive.names]
    newer = ("your_instagram_activity/", "connections/followers_and_following/",
             "personal_information/personal_information/")
    if any(marker in name for name in lowered for marker in newer) or archive.find(
            "followers_[0-9]*.json"):
        return "2022+"
    if any(archive.has_dir(d) for d in ("followers_and_following", "account_information",
                                        "content")):
        return "2021-22"
    if markers(archive):
        return "2019-20"
    return "2018-19 (flat files)" if instagram_flat.flat_files(archive) else None


def read(archive: Archive) -> Iterator[Item]:
    if not markers(archive) and instagram_flat.flat_files(archive):
        yield from instagram_flat.read(archive)
        return
    files = MediaFiles(archive)
    yield from _profiles(archive)
    for patterns, keys, relation in CONNECTION_FILES:
        yield from _connections(archive, patterns, keys, relation)
    yield from _posts(archive, files)
    yield from read_threads(archive, PLATFORM, files)


def _profiles(archive: Archive) -> Iterator[Item]:
    for name in archive.find("personal_information.json"):
        prefix = list_prefix(archive, name, PROFILE_KEYS)
        if prefix is None or prefix == "item":
            continue
        for entry in records(archive, name, prefix):
            fields = _fields(as_dict(entry).get("string_map_data"))
            if fields:
                yield _profile(name, fields)


def _fields(string_map: object) -> dict[str, str]:
    """`{"Username": {"href": "", "value": "x", "timestamp": 0}, ...}` -> label -> value."""
    return {label: value for label, data in as_dict(string_map).items()
            if (value := text(as_dict(data).get("value")))}


def _profile(name: str, fields: dict[str, str]) -> Item:
    handle = fields.get("Username")
    item = Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, handle or "profile"),
                handle=handle, name=fields.get("Name"), text=fields.get("Bio", ""),
                email=fields.get("Email"))
    for label, value in fields.items():
        if label not in RECORD_LABELS:
            key = EXTRA_LABELS.get(label) or re.sub(r"\W+", "_", label.lower()).strip("_")
            item.extra[key or label] = value
    return item


def _connections(archive: Archive, patterns: tuple[str, ...], keys: tuple[str, ...],
                 relation: str) -> Iterator[Item]:
    for name in archive.find(*patterns):
        prefix = list_prefix(archive, name, keys)
        if prefix is None:
            continue
        for entry in records(archive, name, prefix):
            item = _account(name, as_dict(entry), relation)
            if item is not None:
                yield item


def _account(name: str, entry: dict[str, Any], relation: str) -> Item | None:
    """Username = `value`, else `title` (2026 shape), else the last segment of `href`."""
    data = next(dicts(entry.get("string_list_data")), {})
    href = text(data.get("href"))
    username = text(data.get("value")) or text(entry.get("title")) or _last_segment(href)
    if username is None:
        return None
    return Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, username), handle=username,
                url=href, relation=relation, when=from_epoch(data.get("timestamp")))


def _last_segment(href: str | None) -> str | None:
    if href is None:
        return None
    try:
        path = urlsplit(href).path
    except ValueError:
        return None
    return text(path.rstrip("/").rsplit("/", 1)[-1])


def _posts(archive: Archive, files: MediaFiles) -> Iterator[Item]:
    for name in archive.find(*POST_FILES):
        prefix = list_prefix(archive, name, POST_KEYS)
        if prefix is None:
            continue
        for index, record in enumerate(records(archive, name, prefix)):
            if isinstance(record, dict):
                yield from _post(name, str(index), record, files)


def _post(name: str, record_id: str, record: dict[str, Any], files: MediaFiles) -> Iterator[Item]:
    """A POST, then a MEDIA record per distinct file. One-photo posts keep the caption in
    `media[].title`; posts of several add a post-level `title` and `creation_timestamp`."""
    entries = list(dicts(record.get("media"))) or ([record] if "uri" in record else [])
    media = {uri: entry for entry in entries if (uri := text(entry.get("uri")))}
    first = next(iter(media.values()), {})
    caption = text(record.get("title")) or text(first.get("title")) or ""
    yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, record_id), text=caption,
               when=from_epoch(record.get("creation_timestamp"))
               or from_epoch(first.get("creation_timestamp")),
               people=tuple(dict.fromkeys(_MENTION.findall(caption))), media=tuple(media))
    for entry in media.values():
        item = media_record(PLATFORM, name, entry, files,
                            caption=text(entry.get("title")) or caption, parent=record_id)
        if item is not None:
            yield item


READER = Reader(platform=PLATFORM, detect=detect, version=version, read=read)
