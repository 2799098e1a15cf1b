"""One address being read: the fetches made for it, the records found, and what went wrong.

A reader calls `get`/`json`/`image` on the visit, which go through the scan's one fetcher
(scanner.net) and note each page's address, time, status and content hash for the store. The
pages themselves are never kept; pictures are kept in memory until the scan ends, for the logo
and photo-metadata detectors.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scanner.media import MAX_IMAGE_BYTES
from scanner.model import Gap, Item, ItemRef, Kind
from scanner.net import Fetcher, FetchError, Page
from scanner.net.addresses import Address
from scanner.net.fetcher import HTML_ACCEPT

JSON_ACCEPT = "application/json"
IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic",
               "image/heif")
IMAGE_SUFFIX = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
                "image/webp": ".webp", "image/heic": ".heic", "image/heif": ".heif"}


@dataclass(frozen=True)
class PageVisit:
    """What the store keeps of a page: never the page, only where, when, status and hash."""

    url: str
    status: int
    fetched_at: datetime
    sha256: str


@dataclass
class Visit:
    address: Address
    fetcher: Fetcher
    items: list[Item] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    pages: list[PageVisit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_checked: str | None = None
    gaps: list[Gap] = field(default_factory=list)  # records the site would not show, and why

    def cannot_see(self, why: str, *kinds: Kind) -> None:
        """Note records the site does not show a visitor: rules needing them are not checked."""
        self.gaps.append(Gap(frozenset(kinds), f"{self.address.given}: {why}"))

    def ref(self, record: str, where: str | None = None) -> ItemRef:
        """A record's reference: the public address it was found at, and a stable id."""
        return ItemRef(self.address.platform, where or self.address.url, record)

    def get(self, url: str, accept: str = HTML_ACCEPT) -> Page:
        page = self.fetcher.get(url, accept=accept)
        self.pages.append(PageVisit(page.url, page.status, page.fetched_at, page.sha256))
        return page

    def json(self, url: str, accept: str = JSON_ACCEPT) -> tuple[int, Any]:
        """(status, parsed JSON or None when the body is not JSON)."""
        page = self.get(url, accept)
        try:
            return page.status, json.loads(page.body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return page.status, None

    def image(self, url: str, name: str) -> str | None:
        """Fetch a picture (size-capped); the member name it is kept under, or None."""
        try:
            page = self.fetcher.get(url, accept="image/*", max_bytes=MAX_IMAGE_BYTES)
        except FetchError as exc:
            self.problems.append(f"the picture at {url} could not be read: {exc}")
            return None
        self.pages.append(PageVisit(page.url, page.status, page.fetched_at, page.sha256))
        if not page.ok:
            self.problems.append(f"the picture at {url} could not be read (the site answered "
                                 f"HTTP {page.status})")
            return None
        if page.content_type not in IMAGE_TYPES:
            self.problems.append(f"the picture at {url} could not be read (it is not an image)")
            return None
        # A folder per address: two addresses' avatars must not share a name, or the image
        # detectors could be handed the other one's picture.
        folder = hashlib.sha256(self.address.given.encode()).hexdigest()[:12]
        member = f"{folder}/{name}{IMAGE_SUFFIX[page.content_type]}"
        self.images[member] = page.body
        return member
