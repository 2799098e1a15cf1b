"""What Facebook and Instagram exports share: JSON shapes, `exif_data`, Messenger threads.

Both platforms come from Meta's one exporter: the same mojibake (every string is repaired), the
same `media_metadata.*.exif_data` blocks copied from photos whose own EXIF was stripped, and the
same Messenger thread files (`<folder>/<thread>/message_N.json`, newest messages first).
Every accessor here tolerates any JSON shape, because a damaged export must never raise.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

import ijson

from scanner.media import enrich_from_file, parse_exif_datetime
from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_epoch
from scanner.sources.jsonread import KEYS_SHOWN, fix_mojibake, iter_items

THREAD_FOLDERS = ("inbox", "e2ee_cutover", "message_requests", "archived_threads",
                  "filtered_threads")
_MESSAGE_FILE = re.compile(r"message(_\d+)?\.json", re.IGNORECASE)
_JSON_ERRORS = (ijson.common.JSONError, OSError, EOFError, ValueError)


def count_markers(archive: Archive, files: tuple[str, ...], dirs: tuple[str, ...]) -> int:
    """How many of these base-name patterns and folder names occur, each counted once.

    One pass over the names, because detection runs on archives of 100,000+ files.
    """
    pattern = re.compile("|".join(f"(?P<p{i}>{fnmatch.translate(p.lower())})"
                                  for i, p in enumerate(files)))
    wanted_dirs = {d.lower() for d in dirs}
    found: set[str] = set()
    for name in archive.names:
        *folders, base = name.lower().split("/")
        match = pattern.fullmatch(base)
        if match and match.lastgroup:
            found.add(match.lastgroup)
        found.update(wanted_dirs.intersection(folders))
    return len(found)


# -- tolerant accessors ------------------------------------------------------------------------
def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dicts(value: object) -> Iterator[dict[str, Any]]:
    """The dict elements of a list (anything else yields nothing)."""
    if isinstance(value, list):
        yield from (v for v in value if isinstance(v, dict))


def text(value: object) -> str | None:
    """A non-blank string, stripped, or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def names(value: object) -> tuple[str, ...]:
    """Names from a list of strings or of `{"name": ...}` objects (tags, participants)."""
    out: list[str] = []
    if isinstance(value, list):
        for entry in value:
            name = text(entry) or text(as_dict(entry).get("name"))
            if name and name not in out:
                out.append(name)
    return tuple(out)


def geo_of(lat: object, lon: object) -> tuple[float, float] | None:
    """A plausible (latitude, longitude), or None; (0, 0) is Meta's "no location"."""
    if isinstance(lat, str) and isinstance(lon, str):
        try:
            lat, lon = float(lat), float(lon)
        except ValueError:
            return None
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return (float(lat), float(lon))


def parse_coordinates(value: object) -> tuple[float, float] | None:
    """Check-in coordinates written as text: `"(51.50 , -0.12)"` (latitude first)."""
    if not isinstance(value, str):
        return None
    parts = value.strip().strip("()").split(",")
    if len(parts) != 2:
        return None
    return geo_of(parts[0].strip(), parts[1].strip())


def labels(value: object) -> dict[str, Any]:
    """Flatten Meta's generic `label_values` list (with nested `dict`/`vec`) to label -> value."""
    out: dict[str, Any] = {}
    stack = list(dicts(value))
    stack.reverse()
    while stack:  # iterative, so absurdly nested input cannot exhaust the stack
        entry = stack.pop()
        label = text(entry.get("label"))
        for key in ("value", "timestamp_value", "href"):
            if label and key in entry and label not in out:
                out[label] = entry[key]
        nested = [*dicts(entry.get("dict")), *dicts(entry.get("vec"))]
        stack.extend(reversed(nested))
    return out


def list_prefix(archive: Archive, name: str, keys: tuple[str, ...],
                lone_key: str | None = None) -> str | None:
    """The ijson prefix of a file's records: `item` (bare list) or `<key>.item` (known key).

    With `lone_key`, a top-level object holding that key is itself the one record (prefix "").
    None for a file of another shape; a file too damaged to tell is listed as a problem, and so
    is an object with none of the known keys (a key renamed in a version riskscan has not seen),
    naming the keys it has.
    """
    seen: list[str] = []
    try:
        with archive.open(name) as stream:
            for prefix, event, value in ijson.parse(stream):
                if prefix != "":
                    continue
                if event == "start_array":
                    return "item"
                if event == "map_key" and value in keys:
                    return f"{value}.item"
                if event == "map_key" and lone_key is not None and value == lone_key:
                    return ""
                if event == "map_key" and len(seen) <= KEYS_SHOWN:
                    seen.append(str(value))
    except _JSON_ERRORS:
        archive.problem(name, "this file is damaged or cut short, so nothing in it could be read")
        return None
    if seen and "$schema" not in seen:  # a JSON Schema describing the file is not data
        known = ", ".join((*keys, lone_key) if lone_key else keys)
        shown = ", ".join(seen[:KEYS_SHOWN]) + (", ..." if len(seen) > KEYS_SHOWN else "")
        archive.problem(name, f"{name.rsplit('/', 1)[-1]}: none of the keys riskscan reads "
                        f"({known}) is in this file, so it was not read; keys seen: {shown} — "
                        "please report this export layout")
    return None


def records(archive: Archive, name: str, prefix: str) -> Iterator[Any]:
    """`iter_items` with Meta's mojibake repaired, surviving absurdly deep nesting too.

    The repair recurses into each record, so a record nested thousands deep (only ever seen in
    a damaged or hostile file) raises RecursionError; it becomes a listed problem instead.
    """
    try:
        yield from iter_items(archive, name, prefix, mojibake=True)
    except RecursionError:
        archive.problem(name, "this file is nested too deeply to be a real export; "
                        "the records before that point were read")


def object_prefix(archive: Archive, name: str, keys: tuple[str, ...]) -> str | None:
    """The known top-level key of a file holding one object under it (`profile_v2`)."""
    prefix = list_prefix(archive, name, keys)
    return prefix.removesuffix(".item") if prefix and prefix != "item" else None


# -- photo and video metadata ----------------------------------------------------------------
_EXIF_EXTRA = ("upload_ip", "device_id", "software", "lens_model", "source_type")


@dataclass(slots=True)
class Exif:
    """What a media entry's `exif_data` gives away."""

    geo: tuple[float, float] | None = None
    taken: datetime | None = None
    make: str | None = None
    model: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def exif_of(media: dict[str, Any]) -> Exif:
    """Merge every `exif_data` entry of a media object (photo or video; 2019 had no list)."""
    merged: dict[str, Any] = {}
    metadata = as_dict(media.get("media_metadata"))
    for kind in ("photo_metadata", "video_metadata"):
        block = as_dict(metadata.get(kind))
        for entry in [block, *dicts(block.get("exif_data"))]:
            for key, value in entry.items():
                if key != "exif_data" and value not in (None, ""):
                    merged.setdefault(key, value)
    extra = {key: str(merged[key]) for key in _EXIF_EXTRA
             if isinstance(merged.get(key), (str, int, float))}
    taken = from_epoch(merged.get("taken_timestamp")) or parse_exif_datetime(
        merged.get("date_time_original"))
    return Exif(geo=geo_of(merged.get("latitude"), merged.get("longitude")), taken=taken,
                make=text(merged.get("camera_make")) or text(merged.get("lens_make")),
                model=text(merged.get("camera_model")), extra=extra)


class MediaFiles:
    """Looks up the files an export's media `uri`s name, without a full scan for absent ones.

    Media often sits in another part of a multi-zip export; checking the base name against a
    set first keeps a 400,000-post archive from scanning every name for every photo.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._bases = {PurePosixPath(n).name.lower() for n in archive.names}

    def enrich(self, item: Item, uri: str) -> None:
        if PurePosixPath(uri).name.lower() in self._bases:
            enrich_from_file(self.archive, item, uri)


def media_record(platform: str, file: str, media: dict[str, Any], files: MediaFiles,
                 caption: str | None = None, parent: str | None = None) -> Item | None:
    """A MEDIA record for one media object (`uri`, `creation_timestamp`, `media_metadata`)."""
    uri = text(media.get("uri"))
    if uri is None:
        return None
    exif = exif_of(media)
    item = Item(kind=Kind.MEDIA, ref=ItemRef(platform, file, uri), text=caption or "",
                when=from_epoch(media.get("creation_timestamp")), parent=parent, media=(uri,),
                geo=exif.geo, taken=exif.taken, make=exif.make, model=exif.model,
                extra=exif.extra)
    files.enrich(item, uri)
    return item


# -- Messenger-shaped threads ----------------------------------------------------------------
def read_threads(archive: Archive, platform: str, files: MediaFiles) -> Iterator[Item]:
    """THREAD, MESSAGE and MEDIA records of every `<folder>/<thread>/message_N.json`."""
    threads: dict[str, list[str]] = {}
    for name in archive.find("message*.json"):
        path = PurePosixPath(name)
        if (_MESSAGE_FILE.fullmatch(path.name) and len(path.parts) >= 3
                and path.parent.parent.name.lower() in THREAD_FOLDERS):
            threads.setdefault(str(path.parent), []).append(name)
    for folder, parts in threads.items():  # parts are in natural order: message_1 first
        yield from _thread(archive, platform, PurePosixPath(folder), parts, files)


def _thread(archive: Archive, platform: str, folder: PurePosixPath, parts: list[str],
            files: MediaFiles) -> Iterator[Item]:
    thread_id = f"{folder.parent.name}/{folder.name}"
    header = _thread_header(archive, parts[0])
    people = names(header.get("participants"))
    title = text(header.get("title"))
    extra = {"folder": folder.parent.name}
    if header.get("is_still_participant") is False:
        extra["left"] = "true"
    yield Item(kind=Kind.THREAD, ref=ItemRef(platform, parts[0], thread_id),
               name=title or ", ".join(people) or folder.name, people=people, extra=extra)
    count = 0
    for part in parts:
        for message in records(archive, part, "messages.item"):
            count += 1
            if isinstance(message, dict):
                yield from _message(platform, part, f"{thread_id}#{count}", thread_id,
                                    message, files)


def _thread_header(archive: Archive, name: str) -> dict[str, Any]:
    """Participants, title and flags, read past the messages (which the second pass streams).

    Errors are ignored here: the message pass reads the same file and lists its damage.
    """
    header: dict[str, Any] = {"participants": []}
    try:
        with archive.open(name) as stream:
            for prefix, event, value in ijson.parse(stream):
                if prefix in ("participants.item.name", "participants.item") and event == "string":
                    header["participants"].append(fix_mojibake(value))
                elif prefix in ("title", "thread_path") and event == "string":
                    header[prefix] = fix_mojibake(value)
                elif prefix == "is_still_participant" and event == "boolean":
                    header[prefix] = value
    except _JSON_ERRORS:
        pass
    return header


_ATTACHMENTS = ("photos", "videos", "gifs", "audio_files", "files")


def _message(platform: str, file: str, record: str, thread_id: str, message: dict[str, Any],
             files: MediaFiles) -> Iterator[Item]:
    uris = [uri for key in _ATTACHMENTS for m in dicts(message.get(key))
            if (uri := text(m.get("uri")))]
    sticker = text(as_dict(message.get("sticker")).get("uri"))
    share = as_dict(message.get("share"))
    extra = {key: value for key in ("share_text", "original_content_owner")
             if (value := text(share.get(key)))}
    if message.get("is_unsent") is True:
        extra["unsent"] = "true"
    yield Item(kind=Kind.MESSAGE, ref=ItemRef(platform, file, record),
               text=text(message.get("content")) or "", name=text(message.get("sender_name")),
               url=text(share.get("link")), relation="share" if share else None,
               when=from_epoch(message.get("timestamp_ms")), parent=thread_id,
               media=tuple(uris + ([sticker] if sticker else [])), extra=extra)
    for key in ("photos", "videos"):
        for media in dicts(message.get(key)):
            item = media_record(platform, file, media, files, parent=thread_id)
            if item is not None:
                yield item
