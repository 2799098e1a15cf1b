"""Readers for every platform's export, and how an input path becomes sources of records.

`load_sources(paths)` opens each path (zip, tar, folder or single file), works out which
platform's export it is, and returns `Source` objects whose `items()` stream the normalised
records. A folder holding several export zips (a Downloads folder) gives one source per zip.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.errors import ScanError, SourceError
from scanner.media import IMAGE_SUFFIXES, is_image, media_item
from scanner.model import Gap, Item, Kind, Problem, Skipped
from scanner.sources.archive import ARCHIVE_SUFFIXES, Archive, Limits, open_archive
from scanner.sources.base import Reader
from scanner.sources.drift import TextWatch

if TYPE_CHECKING:
    from scanner.sources.web.visit import PageVisit


def _readers() -> list[Reader]:
    # Imported here so one broken reader module shows as a clear error, not an import cycle.
    from scanner.sources import facebook, files, instagram, linkedin, mastodon, twitter

    return [twitter.READER, facebook.READER, instagram.READER, linkedin.READER,
            mastodon.READER, files.READER]


@dataclass
class Source:
    """One export (or folder of photos, or public profile address) ready to be read.

    not_checked: for an address, why nothing could be read from it (None when it was read);
    pages: for an address, each page fetched (address, time, status, content hash)."""

    def all_gaps(self) -> list[Gap]:
        """What this source could not show: everything, when it could not be read at all."""
        if self.not_checked:
            return [Gap(frozenset(Kind), f"{self.path}: {self.not_checked}")]
        return list(self.gaps)

    path: str
    archive: Archive
    reader: Reader
    export_version: str | None = None
    not_checked: str | None = None
    pages: list[PageVisit] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)  # what an address could not show, and why
    _media_seen: set[str] = field(default_factory=set)

    @property
    def platform(self) -> str:
        return self.reader.platform

    def items(self) -> Iterator[Item]:
        """Every record: the platform's own, then a MEDIA record for each image no record named."""
        watch = TextWatch()  # a layout the reader does not know is listed, not read as empty
        for item in self.reader.read(self.archive):
            if item.kind is Kind.MEDIA:
                self._media_seen.update(item.media)
            watch.see(item)
            yield item
        watch.report(self.archive)
        if self.reader.platform == "files":
            return  # the photo reader already covers every image
        for name in self.archive.names:
            if is_image(name) and name not in self._media_seen:
                media = media_item(self.archive, name, self.platform)
                if media is not None:
                    yield media

    @property
    def problems(self) -> list[Problem]:
        return self.archive.problems

    def skipped(self) -> list[Skipped]:
        return self.archive.skipped()

    def close(self) -> None:
        self.archive.close()


@dataclass
class Loaded:
    """The outcome of opening the user's paths: sources, and paths that could not be read."""

    sources: list[Source] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)

    def close(self) -> None:
        for source in self.sources:
            source.close()


def detect(archive: Archive) -> Reader:
    """The platform reader that best recognises an archive, or SourceError saying what to do."""
    html = meta_html_export(archive)
    if html:
        raise SourceError(html)
    scored = [(reader.detect(archive), reader) for reader in _readers()]
    best_score, best = max(scored, key=lambda pair: pair[0])
    if best_score <= 0:
        raise SourceError(
            f"{archive.display} does not look like a social media export riskscan knows "
            "(X/Twitter, Facebook, Instagram, LinkedIn, Mastodon) or a folder of photos: "
            "check you chose the downloaded archive."
        )
    return best


def meta_html_export(archive: Archive) -> str | None:
    """A message if this is the HTML (not JSON) version of a Facebook or Instagram download."""
    names = [n.lower() for n in archive.names]
    has_json = any(n.endswith(".json") for n in names)
    html_markers = ("your_posts_1.html", "start_here.html", "your_friends.html",
                    "profile_information.html", "personal_information.html", "message_1.html")
    if has_json or not any(n.rsplit("/", 1)[-1] in html_markers for n in names):
        return None
    return (f"{archive.display} is the HTML version of a Meta (Facebook or Instagram) download. "
            "riskscan needs the JSON version: request your information again and choose "
            "'JSON' as the format.")


def load_sources(paths: list[Path], limits: Limits | None = None) -> Loaded:
    """Open every path; one that cannot be read is listed, and the others are still read."""
    loaded = Loaded()
    for path in paths:
        for candidate in _expand(path):
            try:
                archive = open_archive(candidate, limits)
            except ScanError as exc:
                loaded.failed.append(Problem(path=str(candidate), error=str(exc)))
                continue
            try:
                reader = detect(archive)
            except ScanError as exc:
                archive.close()
                loaded.failed.append(Problem(path=str(candidate), error=str(exc)))
                continue
            loaded.sources.append(Source(path=str(candidate), archive=archive, reader=reader,
                                         export_version=reader.version(archive)))
    return loaded


def _expand(path: Path) -> list[Path]:
    """A folder that holds only export archives (a Downloads folder) stands for each of them."""
    if not path.is_dir():
        return [path]
    entries = [p for p in sorted(path.iterdir()) if not p.name.startswith(".")]
    archives = [p for p in entries if p.is_file() and p.name.lower().endswith(ARCHIVE_SUFFIXES)]
    others = [p for p in entries if p not in archives
              and not p.name.lower().endswith(IMAGE_SUFFIXES)]
    return archives if archives and not others else [path]
