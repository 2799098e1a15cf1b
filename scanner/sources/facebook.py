"""Facebook "Download your information" (JSON variant), every layout from 2019 to 2024+.

Files are found by base name wherever they sit (FORMATS.md §2.1) and each accepts every known
top-level key (`friends`, `friends_v2`, ...). Posts, check-ins and photos are read by
`facebook_posts`, the profile by `facebook_profile`, Messenger threads by `meta`; friends,
followers and groups here. Removed friends are not read: they are not current connections.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import Reader, from_epoch
from scanner.sources.facebook_posts import read_check_ins, read_media_lists, read_posts
from scanner.sources.facebook_profile import read_profile
from scanner.sources.meta import (
    THREAD_FOLDERS,
    MediaFiles,
    as_dict,
    count_markers,
    dicts,
    list_prefix,
    read_threads,
    records,
    text,
)

PLATFORM = "facebook"

# Names only Facebook uses; Instagram's own are in instagram.py. Each counts once in detect().
MARKER_FILES = ("your_posts.json", "your_posts_[0-9]*.json",
                "your_posts__check_ins__photos_and_videos*.json", "profile_information.json",
                "friends.json", "your_friends.json", "removed_friends.json",
                "people_who_followed_you.json", "who_you've_followed.json",
                "your_group_membership_activity.json", "your_groups.json", "check-ins.json",
                "places_you_have_been_tagged_in.json", "your_uncategorized_photos.json")
MARKER_DIRS = ("your_facebook_activity", "friends_and_followers",
               "your_activity_across_facebook", "this_profile's_activity_across_facebook")
NEW_LAYOUT_PATHS = ("your_facebook_activity/", "connections/friends/",
                    "connections/followers/", "personal_information/profile_information/",
                    "your_activity_across_facebook/", "this_profile's_activity_across_facebook/")

# (file names, accepted top-level keys, relation) for current connections.
CONNECTION_FILES = (
    (("friends.json", "your_friends.json"), ("friends_v2", "friends"), "friend"),
    (("people_who_followed_you.json", "followers.json"),
     ("followers_v3", "followers_v2", "followers"), "follower"),
    (("who_you've_followed.json", "following.json"),
     ("following_v3", "following_v2", "following"), "following"),
)
JOINED_KEYS = ("groups_joined_v2", "groups_joined")
ADMINED_KEYS = ("groups_admined_v2", "groups_admined")


def markers(archive: Archive) -> int:
    """How many distinct Facebook-only names and folders the archive holds."""
    return count_markers(archive, MARKER_FILES, MARKER_DIRS)


def detect(archive: Archive) -> int:
    from scanner.sources import instagram  # imported here: the two modules ask each other

    mine, theirs = markers(archive), instagram.markers(archive)
    if mine == 0:
        # A part of a multi-zip export may hold only Messenger threads.
        return 5 if theirs == 0 and _has_threads(archive) else 0
    return 0 if theirs > mine else 10 + min(mine, 10)


def _has_threads(archive: Archive) -> bool:
    return any(PurePosixPath(n).parent.parent.name.lower() in THREAD_FOLDERS
               for n in archive.find("message_[0-9]*.json", "message.json"))


def version(archive: Archive) -> str | None:
    lowered = [n.lower() for n in archive.names]
    if any(marker in name for name in lowered for marker in NEW_LAYOUT_PATHS):
        return "2024+"
    old_friends = any(PurePosixPath(n).parent.name.lower() == "friends"
                      for n in archive.find("friends.json"))
    if archive.find("your_posts.json") or old_friends:
        return "2019"
    if markers(archive):
        return "2020-23"
    return None


def read(archive: Archive) -> Iterator[Item]:
    files = MediaFiles(archive)
    yield from read_profile(archive)
    yield from _connections(archive)
    yield from _groups(archive)
    yield from read_posts(archive, files)
    yield from read_check_ins(archive, files)
    yield from read_media_lists(archive, files)
    yield from read_threads(archive, PLATFORM, files)


def _connections(archive: Archive) -> Iterator[Item]:
    for patterns, keys, relation in CONNECTION_FILES:
        for name in archive.find(*patterns):
            prefix = list_prefix(archive, name, keys)
            if prefix is None or prefix == "item":  # a bare list here is not Facebook's
                continue
            for entry in records(archive, name, prefix):
                person = text(as_dict(entry).get("name"))
                if person is None:
                    continue
                item = Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, person),
                            name=person, relation=relation, when=from_epoch(entry.get("timestamp")))
                if contact := text(entry.get("contact_info")):  # 2019 friends only
                    item.extra["contact_info"] = contact
                yield item


def _groups(archive: Archive) -> Iterator[Item]:
    for name in archive.find("your_group_membership_activity.json"):
        prefix = list_prefix(archive, name, JOINED_KEYS)
        if prefix is not None and prefix != "item":
            yield from _joined(name, records(archive, name, prefix))
    for name in archive.find("your_groups.json"):
        prefix = list_prefix(archive, name, ADMINED_KEYS)
        if prefix is None or prefix == "item":
            continue
        for entry in records(archive, name, prefix):
            group = text(as_dict(entry).get("name"))
            if group:
                yield Item(kind=Kind.MEMBERSHIP, ref=ItemRef(PLATFORM, name, group), name=group,
                           relation="admin", when=from_epoch(entry.get("timestamp")))


def _joined(name: str, entries: Iterator[Any]) -> Iterator[Item]:
    """Groups joined and not left since.

    "Left" entries carry no group name in a structured field, only a localised title that
    embeds it ("Du er stoppet med at være medlem af Group 4."), so a join counts as left when
    a later left-entry's title contains the group's name. The file is one entry per join or
    leave, small enough to hold.
    """
    joined: list[tuple[str, dict[str, Any]]] = []
    left: list[tuple[str, float]] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        if group := _group_name(entry):
            joined.append((group, entry))
        elif title := text(entry.get("title")):
            left.append((title, _stamp(entry)))
    for group, entry in joined:
        named = re.compile(rf"(?<!\w){re.escape(group)}(?!\w)")
        if any(named.search(title) and when >= _stamp(entry) for title, when in left):
            continue
        yield Item(kind=Kind.MEMBERSHIP, ref=ItemRef(PLATFORM, name, group), name=group,
                   relation="member", when=from_epoch(entry.get("timestamp")),
                   extra={"title": t} if (t := text(entry.get("title"))) else {})


def _stamp(entry: dict[str, Any]) -> float:
    value = entry.get("timestamp")
    return float(value) if isinstance(value, (int, float)) else 0.0


def _group_name(entry: dict[str, Any]) -> str | None:
    """`data[].name` (2020+) or `attachments[].data[].name` (2019)."""
    for data in dicts(entry.get("data")):
        if group := text(data.get("name")):
            return group
    for attachment in dicts(entry.get("attachments")):
        for data in dicts(attachment.get("data")):
            if group := text(data.get("name")):
                return group
    return None


READER = Reader(platform=PLATFORM, detect=detect, version=version, read=read)
