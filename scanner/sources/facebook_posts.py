"""Facebook posts, check-ins and photo lists: POST records and a MEDIA record per photo.

Posts: `posts/your_posts.json` -> `{"status_updates": [...]}` (2019), `posts/your_posts_N.json`
bare list (2020-23), `your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_N.json`
(2024+). Each post: `data[].post` text, `attachments[].data[]` of media / external_context /
place / event / text / note, and `tags` (strings in 2019, `{name}` later).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_epoch
from scanner.sources.meta import (
    MediaFiles,
    as_dict,
    dicts,
    geo_of,
    labels,
    list_prefix,
    media_record,
    names,
    parse_coordinates,
    records,
    text,
)

PLATFORM = "facebook"
POST_FILES = ("your_posts.json", "your_posts_[0-9]*.json",
              "your_posts__check_ins__photos_and_videos.json",
              "your_posts__check_ins__photos_and_videos_[0-9]*.json")
POST_KEYS = ("status_updates", "status_updates_v2", "posts_v2", "posts")
CHECK_IN_FILES = ("check-ins.json", "places_you_have_been_tagged_in.json")
CHECK_IN_KEYS = ("check_ins_v2", "check_ins", "checkins_v2", "checkins")
# Photo and video lists that are not posts: (file patterns, keys).
MEDIA_LISTS = (
    (("your_uncategorized_photos.json",), ("other_photos_v2", "other_photos")),
    (("your_videos.json",), ("videos_v2", "videos")),
)


def read_posts(archive: Archive, files: MediaFiles) -> Iterator[Item]:
    for name in archive.find(*POST_FILES):
        prefix = list_prefix(archive, name, POST_KEYS)
        if prefix is None:
            continue
        for index, record in enumerate(records(archive, name, prefix)):
            if isinstance(record, dict):
                yield from _post(name, str(index), record, files)


def _post(name: str, record_id: str, record: dict[str, Any], files: MediaFiles) -> Iterator[Item]:
    item = Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, record_id),
                when=from_epoch(record.get("timestamp")), people=names(record.get("tags")))
    texts = [t for entry in dicts(record.get("data")) if (t := text(entry.get("post")))]
    media: list[dict[str, Any]] = []
    for attachment in dicts(record.get("attachments")):
        for data in dicts(attachment.get("data")):
            texts.extend(_attach(item, data, media))
    item.text = "\n".join(dict.fromkeys(texts))  # ordered and without repeats
    if title := text(record.get("title")):
        item.extra["title"] = title  # a localised UI line ("X added a new photo."), not words
    yield from _post_and_media(name, record_id, item, media, files)


def _post_and_media(name: str, record_id: str, post: Item, media: list[dict[str, Any]],
           files: MediaFiles) -> Iterator[Item]:
    """One MEDIA record per distinct attached file, dated like its post if it has no date."""
    unique = {uri: entry for entry in media if (uri := text(entry.get("uri")))}
    post.media = tuple(unique)
    yield post
    for entry in unique.values():
        photo = media_record(PLATFORM, name, entry, files, caption=text(entry.get("description")),
                             parent=record_id)
        if photo is not None:
            photo.when = photo.when or post.when
            yield photo


def _attach(item: Item, data: dict[str, Any], media: list[dict[str, Any]]) -> list[str]:
    """Apply one attachment to a post; return any words it adds to the post's text."""
    words: list[str] = []
    found = as_dict(data.get("media"))
    if text(found.get("uri")):
        media.append(found)
    link = as_dict(data.get("external_context"))
    item.url = item.url or text(link.get("url"))
    if link_name := text(link.get("name")):
        item.extra.setdefault("link_name", link_name)
    place = as_dict(data.get("place"))
    if place:
        item.place = item.place or text(place.get("name"))
        coordinate = as_dict(place.get("coordinate"))
        item.geo = item.geo or geo_of(coordinate.get("latitude"), coordinate.get("longitude"))
        if address := text(place.get("address")):
            item.extra.setdefault("address", address)
    if event := text(as_dict(data.get("event")).get("name")):
        item.extra.setdefault("event", event)
    if life_event := text(as_dict(data.get("life_event")).get("title")):
        item.extra.setdefault("life_event", life_event)
    if words_here := text(data.get("text")):
        words.append(words_here)
    note = as_dict(data.get("note"))
    if note_text := text(note.get("text")):
        words.append(note_text)
    media.extend(m for m in dicts(note.get("media")) if text(m.get("uri")))
    return words


def read_check_ins(archive: Archive, files: MediaFiles) -> Iterator[Item]:
    """2024+ check-ins and tagged places: `label_values` records (a lone object if only one)."""
    for name in archive.find(*CHECK_IN_FILES):
        prefix = list_prefix(archive, name, CHECK_IN_KEYS, lone_key="label_values")
        if prefix is None:
            continue
        for index, record in enumerate(records(archive, name, prefix)):
            if isinstance(record, dict):
                yield from _check_in(name, index, record, files)


def _check_in(name: str, index: int, record: dict[str, Any],
              files: MediaFiles) -> Iterator[Item]:
    found = labels(record.get("label_values"))
    record_id = text(str(record.get("fbid") or "")) or str(index)
    when = from_epoch(record.get("timestamp")) or from_epoch(found.get("Visit time"))
    item = Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, record_id), relation="check_in",
                text=text(found.get("Message")) or "", when=when,
                place=text(found.get("Name")) or text(found.get("Place name")),
                geo=parse_coordinates(found.get("Coordinates")))
    if address := text(found.get("Address")):
        item.extra["address"] = address
    yield from _post_and_media(name, record_id, item, list(dicts(record.get("media"))), files)


def read_media_lists(archive: Archive, files: MediaFiles) -> Iterator[Item]:
    """Uncategorised photos, videos and albums (`album/<n>.json` -> `photos`)."""
    sources: list[tuple[str, tuple[str, ...]]] = [
        (name, keys) for patterns, keys in MEDIA_LISTS for name in archive.find(*patterns)]
    sources += [(name, ("photos",)) for name in archive.find("*.json")
                if PurePosixPath(name).parent.name.lower() == "album"]
    for name, keys in sources:
        prefix = list_prefix(archive, name, keys)
        if prefix is None:
            continue
        for entry in records(archive, name, prefix):
            if isinstance(entry, dict):
                item = media_record(PLATFORM, name, entry, files,
                                    caption=text(entry.get("description")))
                if item is not None:
                    yield item
