"""Instagram's first data download (2018-19): flat JSON files at the archive root.

FORMATS.md §3 lists `media.json`, `profile.json` and `connections.json` for this era, unverified
by a real sample ([U]); the shapes read here are the documented ones, and a file whose records
all come out empty is listed as a problem by the drift check like any other:

- `profile.json`: `{"username", "name", "biography", "email", "phone_number", "gender",
  "date_joined", "private_account", ...}`;
- `connections.json`: `{"followers": {username: joined}, "following": {...}, ...}`;
- `media.json`: `{"photos": [{"caption", "taken_at", "location", "path"}], "videos": [...],
  "stories": [...]}`;
- `comments.json`: `{"media_comments": [[when, text, post owner], ...]}`;
- `messages.json`: `[{"participants": [...], "conversation": [{"sender", "created_at",
  "text"}, ...]}]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_iso, text_of
from scanner.sources.jsonread import first_key, iter_items, load

PLATFORM = "instagram"
# Each flat file, and the top-level keys that show it is Instagram's.
FILES = {"profile.json": ("username", "biography"),
         "connections.json": ("followers", "following"),
         "media.json": ("photos", "videos", "stories"),
         "comments.json": ("media_comments",)}
MEDIA_LISTS = {"photos": None, "videos": None, "stories": "story"}  # list -> relation
PROFILE_EXTRA = {"phone_number": "phone", "gender": "gender", "website": "website",
                 "private_account": "private_account", "date_joined": "created_at"}


def flat_files(archive: Archive) -> int:
    """How many of the flat files are present with one of their keys (0 for other layouts)."""
    return sum(1 for base, keys in FILES.items() for name in archive.find(base)[:1]
               if first_key(archive, name, keys))


def read(archive: Archive) -> Iterator[Item]:
    owner = None
    for profile in _profile(archive):
        owner = profile.handle
        yield profile
    yield from _connections(archive)
    yield from _media(archive)
    yield from _comments(archive)
    yield from _messages(archive, owner)


def _object(archive: Archive, base: str) -> tuple[str, dict[str, Any]] | None:
    for name in archive.find(base)[:1]:
        value = load(archive, name, mojibake=True)
        if isinstance(value, dict):
            return name, value
    return None


def _profile(archive: Archive) -> Iterator[Item]:
    found = _object(archive, "profile.json")
    if found is None:
        return
    name, profile = found
    handle = text_of(profile.get("username")).strip() or None
    extra = {label: str(profile[key]) for key, label in PROFILE_EXTRA.items()
             if profile.get(key) not in (None, "")}
    yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, handle or "profile"),
               text=text_of(profile.get("biography")), name=text_of(profile.get("name")) or None,
               handle=handle, email=text_of(profile.get("email")) or None,
               url=f"https://www.instagram.com/{handle}" if handle else None, extra=extra)


def _connections(archive: Archive) -> Iterator[Item]:
    found = _object(archive, "connections.json")
    if found is None:
        return
    name, connections = found
    for key, relation in (("followers", "follower"), ("following", "following")):
        people = connections.get(key)
        for username, joined in (people.items() if isinstance(people, dict) else ()):
            if isinstance(username, str) and username.strip():
                yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, username),
                           handle=username, relation=relation, when=from_iso(joined),
                           url=f"https://www.instagram.com/{username}")


def _media(archive: Archive) -> Iterator[Item]:
    for name in archive.find("media.json")[:1]:
        for key, relation in MEDIA_LISTS.items():
            for index, entry in enumerate(iter_items(archive, name, f"{key}.item", mojibake=True)):
                if isinstance(entry, dict):
                    yield _post(archive, name, f"{key}-{index}", entry, relation)


def _post(archive: Archive, name: str, record: str, entry: dict[str, Any],
          relation: str | None) -> Item:
    path = text_of(entry.get("path"))
    member = next(iter(archive.find(path.rsplit("/", 1)[-1])), None) if path else None
    return Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, path or record),
                text=text_of(entry.get("caption")), when=from_iso(entry.get("taken_at")),
                relation=relation, place=text_of(entry.get("location")) or None,
                media=(member,) if member else ())


def _comments(archive: Archive) -> Iterator[Item]:
    for name in archive.find("comments.json")[:1]:
        comments = iter_items(archive, name, "media_comments.item", mojibake=True)
        for index, entry in enumerate(comments, 1):
            if isinstance(entry, list) and len(entry) >= 2:
                owner = text_of(entry[2]) if len(entry) > 2 else ""
                yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, f"comment-{index}"),
                           text=text_of(entry[1]), when=from_iso(entry[0]), relation="comment",
                           extra={"post_owner": owner} if owner else {})


def _messages(archive: Archive, owner: str | None) -> Iterator[Item]:
    for name in archive.find("messages.json")[:1]:
        for index, thread in enumerate(iter_items(archive, name, "item", mojibake=True), 1):
            if not isinstance(thread, dict):
                continue
            people = tuple(p for p in thread.get("participants") or () if isinstance(p, str))
            thread_id = f"thread-{index}"
            yield Item(kind=Kind.THREAD, ref=ItemRef(PLATFORM, name, thread_id),
                       name=", ".join(p for p in people if p != owner) or None, people=people)
            for number, message in enumerate(thread.get("conversation") or (), 1):
                if not isinstance(message, dict):
                    continue
                sender = text_of(message.get("sender")) or None
                relation = ("sent" if sender == owner else "received") if owner and sender \
                    else None
                yield Item(kind=Kind.MESSAGE, ref=ItemRef(PLATFORM, name, f"{thread_id}#{number}"),
                           parent=thread_id, name=sender, relation=relation,
                           text=text_of(message.get("text")),
                           when=from_iso(message.get("created_at")))
