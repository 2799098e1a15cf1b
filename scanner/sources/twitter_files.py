"""Where an X/Twitter archive keeps each kind of data, in every layout since 2018.

2020+ archives list every data file (and every part file) in `data/manifest.js`, so the manifest
drives which files are read; 2018 archives have no manifest and keep the same `.js` files at the
archive root, so file names are globbed instead. Either way files are found by base name, because
a zip may add a top folder and a person may point riskscan at the `data/` folder itself.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from scanner.sources.archive import Archive
from scanner.sources.jsonread import iter_items

# One entry per kind of data read: the manifest's `dataTypes` keys for it, and the base names to
# glob when there is no manifest (2018) or the manifest does not list it. Part files are
# `<name>-part1.js`, `<name>-part2.js`...
DATA_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tweets": (("tweets", "tweet"),
               ("tweets.js", "tweets-part*.js", "tweet.js", "tweet-part*.js")),
    "note_tweets": (("noteTweet",), ("note-tweet.js", "note-tweet-part*.js")),
    "deleted_tweets": (("deletedTweets",), ("deleted-tweets.js", "deleted-tweets-part*.js")),
    "account": (("account",), ("account.js",)),
    "profile": (("profile",), ("profile.js",)),
    "phone": (("phoneNumber",), ("phone-number.js",)),
    "screen_names": (("screenNameChange",),
                     ("screen-name-change.js", "screen-name-change-part*.js")),
    "follower": (("follower",), ("follower.js", "follower-part*.js")),
    "following": (("following",), ("following.js", "following-part*.js")),
    # 2018 used the singular `direct-message.js` (YTD.direct_message.part0).
    "dms": (("directMessages", "directMessage"),
            ("direct-messages.js", "direct-messages-part*.js",
             "direct-message.js", "direct-message-part*.js")),
    "group_dms": (("directMessagesGroup", "directMessageGroup"),
                  ("direct-messages-group.js", "direct-messages-group-part*.js",
                   "direct-message-group.js", "direct-message-group-part*.js")),
    "dm_headers": (("directMessageHeaders",),
                   ("direct-message-headers.js", "direct-message-headers-part*.js")),
    "group_dm_headers": (("directMessageGroupHeaders",),
                         ("direct-message-group-headers.js",
                          "direct-message-group-headers-part*.js")),
}

# Files that only an X archive has; detection looks for the `window.YTD` wrapper in these.
MARKER_NAMES = ("manifest.js", "tweets.js", "tweet.js", "account.js", "profile.js",
                "follower.js", "following.js", "like.js", "direct-messages.js",
                "direct-message.js", "direct-message-headers.js", "note-tweet.js",
                "deleted-tweets.js", "tweet-headers.js", "screen-name-change.js", "block.js",
                "mute.js", "ageinfo.js", "account-suspension.js", "saved-search.js", "app.js")
WRAPPER_HEADS = (b"window.YTD.", b"window.__THAR_CONFIG")
MEDIA_FOLDERS = ("tweets_media", "tweet_media", "deleted_tweets_media", "deleted_tweet_media")


def as_dict(value: Any) -> dict[str, Any]:
    """A JSON object, or {} for anything else: damaged archives put anything anywhere."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """A JSON array, or [] for anything else."""
    return value if isinstance(value, list) else []


def id_of(value: Any) -> str | None:
    """An id kept as text (X writes every number as a string; snowflakes exceed 2^53)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass
class Layout:
    """The data files of one X archive, found once and shared by every part of the reader."""

    archive: Archive
    js: dict[str, list[str]] = field(default_factory=dict)
    manifest_name: str | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    _files: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, archive: Archive, read_manifest: bool = True) -> Layout:
        layout = cls(archive)
        for name in archive.names:
            if name.lower().endswith(".js"):
                layout.js.setdefault(PurePosixPath(name).name.lower(), []).append(name)
        if read_manifest:
            layout._read_manifest()
        return layout

    def _read_manifest(self) -> None:
        names = self.glob("manifest.js")
        if not names:
            return
        name = min(names, key=lambda n: n.count("/"))
        for value in iter_items(self.archive, name, prefix=""):
            config = as_dict(value)
            if "dataTypes" in config or "userInfo" in config:
                self.manifest_name, self.manifest = name, config

    # -- finding files -------------------------------------------------------------------------
    def glob(self, *patterns: str) -> list[str]:
        """Members whose base name matches, pattern by pattern, parts in natural order."""
        out: list[str] = []
        for pattern in patterns:
            matched = [n for base, names in self.js.items() if fnmatch.fnmatchcase(base, pattern)
                       for n in names]
            out.extend(n for n in sorted(matched, key=_natural_key) if n not in out)
        return out

    def files(self, kind: str) -> list[str]:
        """Every file holding one kind of data: the manifest's list, else a glob."""
        if kind not in self._files:
            self._files[kind] = self._find(kind)
        return self._files[kind]

    def _find(self, kind: str) -> list[str]:
        keys, patterns = DATA_TYPES[kind]
        listed = self._listed(keys)
        if listed is None:
            return self.glob(*patterns)
        found = [name for name in (self._resolve(entry) for entry in listed) if name]
        for entry in listed:
            if not self._resolve(entry) and _count(entry) != 0:
                self.archive.problem(self.manifest_name or "", (
                    f"the archive's manifest lists {entry['fileName']} but it is not in the "
                    "archive, so that data was not checked (the download may be incomplete)"))
        # A manifest that names none of the files present is wrong about this archive: glob.
        return list(dict.fromkeys(found)) or self.glob(*patterns)

    def _listed(self, keys: tuple[str, ...]) -> list[dict[str, Any]] | None:
        data_types = as_dict(self.manifest.get("dataTypes"))
        entries = [as_dict(f) for key in keys
                   for f in as_list(as_dict(data_types.get(key)).get("files"))]
        entries = [e for e in entries if isinstance(e.get("fileName"), str) and e["fileName"]]
        return entries or None

    def _resolve(self, entry: dict[str, Any]) -> str | None:
        """The member a manifest `fileName` (`data/tweets.js`) names, wherever the data sits."""
        wanted = str(entry["fileName"]).replace("\\", "/").lstrip("/")
        candidates = self.js.get(PurePosixPath(wanted).name.lower(), [])
        for name in candidates:
            if name.lower() == wanted.lower() or name.lower().endswith("/" + wanted.lower()):
                return name
        return candidates[0] if len(candidates) == 1 else None

    def lists(self, key: str) -> bool:
        """Whether the manifest has a data type of this name."""
        return key in as_dict(self.manifest.get("dataTypes"))

    # -- what kind of archive this is ----------------------------------------------------------
    def wrapped(self) -> bool:
        """Whether a known X file starts with the `window.YTD` / `__THAR_CONFIG` wrapper."""
        for marker in MARKER_NAMES:
            for name in self.js.get(marker, [])[:3]:
                if _head(self.archive, name).startswith(WRAPPER_HEADS):
                    return True
        return False

    def in_data_folder(self) -> bool:
        """Whether the X files sit in a `data/` folder (2020+) rather than at the root (2018)."""
        return any("data" in [p.lower() for p in PurePosixPath(n).parts[:-1]]
                   for marker in MARKER_NAMES for n in self.js.get(marker, []))

    def user_info(self) -> dict[str, Any]:
        """The manifest's `userInfo` (account id, handle, display name), or {}."""
        return as_dict(self.manifest.get("userInfo"))


def _natural_key(name: str) -> tuple[tuple[int, str], ...]:
    """Sort `tweets-part2.js` before `tweets-part10.js`."""
    return tuple((int(tok), "") if tok.isdigit() else (-1, tok.lower())
                 for tok in re.split(r"(\d+)", name))


def _count(entry: dict[str, Any]) -> int | None:
    try:
        return int(str(entry.get("count")))
    except ValueError:
        return None


def _head(archive: Archive, name: str) -> bytes:
    try:
        with archive.open(name) as stream:
            return stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError, ValueError):
        return b""


class MediaIndex:
    """Local media files by tweet id: `tweets_media/<tweet id>-<basename of media_url>`.

    Built once from the member list, so matching a tweet costs a dict look-up, not a scan of
    every member (archives can hold tens of thousands of media files).
    """

    def __init__(self, archive: Archive) -> None:
        self._by_tweet: dict[str, list[str]] = {}
        for name in archive.names:
            path = PurePosixPath(name)
            if len(path.parts) < 2 or path.parts[-2].lower() not in MEDIA_FOLDERS:
                continue
            tweet_id, dash, _ = path.name.partition("-")
            if dash and tweet_id.isdigit():
                self._by_tweet.setdefault(tweet_id, []).append(name)

    def files_for(self, tweet_id: str) -> list[str]:
        return self._by_tweet.get(tweet_id, [])

    def match(self, tweet_id: str, media: dict[str, Any]) -> Iterator[str]:
        """The local file(s) for one `extended_entities.media` entry, if downloaded."""
        files = self.files_for(tweet_id)
        if not files:
            return
        url = media.get("media_url_https") or media.get("media_url")
        wanted = set()
        if isinstance(url, str):
            wanted.add(f"{tweet_id}-{PurePosixPath(url).name}".lower())
        for variant in as_list(as_dict(media.get("video_info")).get("variants")):
            variant_url = as_dict(variant).get("url")
            if isinstance(variant_url, str):
                base = PurePosixPath(variant_url.split("?", 1)[0]).name
                wanted.add(f"{tweet_id}-{base}".lower())
        exact = [f for f in files if PurePosixPath(f).name.lower() in wanted]
        if exact:
            yield from exact
        elif media.get("type") in ("video", "animated_gif"):
            # Videos keep only the `<id>-` prefix of the name: take the non-image files.
            yield from (f for f in files if f.lower().endswith((".mp4", ".mov", ".m4v")))
