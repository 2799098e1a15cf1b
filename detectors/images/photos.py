"""Photos as the image rules (D1, D2) judge them: the picture, the words that go with it, where
and when it was taken, and a redacted excerpt to show for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import ClassVar

from detectors.base import Context, Detector, Record
from detectors.school.names import school_matcher
from detectors.text.excerpt import disjoint, excerpt
from detectors.text.posts import name_spans
from scanner.model import Finding, Item, Kind


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo to judge, with its caption, wherever the export keeps each.

    Meta exports give a post (the caption, sometimes a place) and then one MEDIA record per
    photo with `parent` set to the post (the photo's own EXIF, sometimes its own caption); X
    gives a post whose `media` are the photo files. A Photo joins them: `item` is the record a
    finding points at, `words` the record whose text is the caption (the post's when the photo
    has none of its own), `geo` and `moment` the best of either.
    """

    item: Item
    words: Record
    geo: tuple[float, float] | None
    moment: datetime | None
    taken: bool  # `moment` is when the photo was taken (EXIF), not when it was posted
    place: str | None = None  # a place tag on the photo or its post
    gps: bool = False  # `geo` is the photo's own GPS, not the coordinates of a place tag

    @property
    def caption(self) -> str:
        return self.words.item.text or ""


class PhotoStream:
    """Turns POST and MEDIA records, in export order, into Photos, one per picture.

    A post with media is held back until the next record shows whether its photos follow as
    MEDIA records (then each photo is judged with the post's caption, and the post is not
    judged again on its own) or not (then the post is judged as the photo). State is one post.
    """

    def __init__(self) -> None:
        self._post: Record | None = None
        self._covered = False

    def feed(self, record: Record) -> list[Photo]:
        item = record.item
        if item.kind is Kind.MEDIA:
            post = self._post
            if post is not None and _child_of(item, post.item):
                self._covered = True
                return [_photo(item, record if item.text.strip() else post, post.item)]
            return [*self.flush(), _photo(item, record, None)]
        out = self.flush()
        if item.kind is Kind.POST and (item.media or item.geo is not None):
            self._post, self._covered = record, False
        return out

    def flush(self) -> list[Photo]:
        """The held-back post as a Photo, if no MEDIA record of its own followed it."""
        post, covered = self._post, self._covered
        self._post, self._covered = None, False
        if post is None or covered:
            return []
        return [_photo(post.item, post, None)]


class PhotoDetector(Detector):
    """A rule that judges photos (D1, D2): records go through a PhotoStream, each Photo to
    `judge`, and photos that gave it nothing to go on are counted for `missing`.

    Subclasses set `nothing_to_judge` (what the rule says when no photo could be judged) and
    implement `judge`, calling `counted` once per photo with whether it could be judged.
    """

    needs = frozenset({Kind.MEDIA, Kind.POST})
    nothing_to_judge: ClassVar[str]

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.stream = PhotoStream()
        self.photos = 0
        self.judgeable = 0

    def see(self, record: Record) -> Iterator[Finding]:
        for photo in self.stream.feed(record):
            yield from self.judge(photo)

    def finish(self) -> Iterator[Finding]:
        for photo in self.stream.flush():
            yield from self.judge(photo)

    def missing(self) -> str | None:
        return self.nothing_to_judge if self.photos and not self.judgeable else None

    def counted(self, judgeable: bool) -> None:
        self.photos += 1
        self.judgeable += judgeable

    def judge(self, photo: Photo) -> Iterator[Finding]:
        raise NotImplementedError


def _child_of(media: Item, post: Item) -> bool:
    return (media.parent is not None and media.parent == post.ref.record
            and media.ref.platform == post.ref.platform)


def _photo(item: Item, words: Record, post: Item | None) -> Photo:
    geo = item.geo or (post.geo if post is not None else None)
    gps = item.kind is Kind.MEDIA and item.geo is not None
    place = item.place or (post.place if post is not None else None)
    if item.taken is not None:
        return Photo(item, words, geo, item.taken, True, place, gps)
    when = item.when or (post.when if post is not None else None)
    return Photo(item, words, geo, when, False, place, gps)


def school_named(ctx: Context, text: str, place: bool = False) -> tuple[int, int] | None:
    """Where the text names the school (any of its names, however written), or None.

    A place tag is read as a name ("OPS" alone counts), a caption as free text.
    """
    if not text.strip():
        return None
    found = school_matcher(ctx)
    matches = found.in_name(text) if place else found.in_text(text)
    return (matches[0].start, matches[0].end) if matches else None


def photo_excerpt(ctx: Context, photo: Photo, hide: list[tuple[int, int]] | None = None) -> str:
    """The start of the caption, people's names cut to initials; else the file's name."""
    caption = photo.caption
    if caption.strip():
        spans = disjoint([*name_spans(ctx, photo.words, caption), *(hide or [])])
        return excerpt(caption, 0, None, width=60, hide=spans)
    if photo.item.media:
        return f"photo {PurePosixPath(photo.item.media[0]).name}"
    return "photo (no caption)"
