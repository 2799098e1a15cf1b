"""Reading the generated archives the quickest plain way: unzip a member, parse it with orjson.

This is both the floor measurement (bench.worker's `floor` task) and how the harness pulls the
post texts, friend names and photos that the side-by-side comparisons run on.
"""

from __future__ import annotations

import html
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from scanner.sources.jsonread import fix_mojibake

X_POSTS = "data/tweets.js"
FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FB_FRIENDS = "connections/friends/your_friends.json"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def load_member(archive: zipfile.ZipFile, name: str) -> Any:
    """A member's JSON; an X `.js` file has its `window.YTD.x.part0 = ` prefix cut first."""
    data = archive.read(name)
    if name.endswith(".js"):
        data = data[data.index(b"=") + 1:] if b"=" in data[:200] else data
    return orjson.loads(data)


def json_members(archive: zipfile.ZipFile) -> list[str]:
    return [n for n in archive.namelist() if n.endswith((".js", ".json"))]


def parse_all(path: Path) -> dict[str, int]:
    """Unzip and parse every JSON member: {"members": n, "posts": n, "bytes": n}."""
    counts = {"members": 0, "posts": 0, "bytes": 0}
    with zipfile.ZipFile(path) as archive:
        for name in json_members(archive):
            doc = load_member(archive, name)
            counts["members"] += 1
            counts["bytes"] += archive.getinfo(name).file_size
            if name in (X_POSTS, FB_POSTS) and isinstance(doc, list):
                counts["posts"] += len(doc)
    return counts


def post_texts(path: Path, limit: int) -> list[str]:
    """The first `limit` post texts of an X or Facebook archive, as the scanner reads them."""
    out: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if X_POSTS in names:
            for entry in load_member(archive, X_POSTS)[:limit]:
                out.append(html.unescape(entry["tweet"]["full_text"]))
        elif FB_POSTS in names:
            for entry in load_member(archive, FB_POSTS)[:limit]:
                parts = [d["post"] for d in entry.get("data", []) if "post" in d]
                out.append(fix_mojibake(" ".join(parts)))
    return out


def friend_names(path: Path) -> list[str]:
    """Every friend's display name in a Facebook archive."""
    with zipfile.ZipFile(path) as archive:
        doc = load_member(archive, FB_FRIENDS)
    return [fix_mojibake(f["name"]) for f in doc.get("friends_v2", [])]


def image_members(path: Path) -> Iterator[str]:
    with zipfile.ZipFile(path) as archive:
        yield from sorted(n for n in archive.namelist() if n.lower().endswith(IMAGE_SUFFIXES))


def extract_images(path: Path, out_dir: Path, limit: int) -> list[Path]:
    """The archive's first `limit` photos (by name) as files, so both tools read the same bytes
    from disk; files already extracted are kept."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist()
                           if n.lower().endswith(IMAGE_SUFFIXES))[:limit]:
            target = out_dir / Path(name).name
            if not target.exists():
                target.write_bytes(archive.read(name))
            files.append(target)
    return files
