"""The one seam between rescans and the public-profile readers: addresses in, a scan out.

A `PageReader` reads each consented address through riskscan's public-profile readers (the
safe fetcher in scanner.net, scanner.sources.web), runs the consent's rules over what they
read, and says for each address what was fetched: the HTTP status and a hash of the content,
or why nothing could be read. Nothing of the page itself is kept.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from detectors.base import Entity
from scanner.errors import ScanError
from scanner.net import Fetcher, NetSettings
from scanner.nlp import LanguagePass
from scanner.pipeline import ScanOptions, ScanResult, scan
from scanner.policy import Policy
from scanner.rescans.politeness import DatabaseSpacing
from scanner.sources import Source
from scanner.sources.web.visit import PageVisit
from storage.db import Store

MAX_ADDRESS = 2048
# A fictional page scanned once when a worker starts (never fetched), so the language model,
# the readers and every rule's word lists are loaded before the first rescan.
WARM_UP_ADDRESS = "https://warm-up.example.org/jo"
WARM_UP_PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Jo Bloggs</title><meta name="description" content="Teacher. Views are my own.">
</head><body><div class="h-card"><a class="p-name u-url" href="/jo">Jo Bloggs</a>
<p class="p-note">Teacher at a primary school. Views are my own.</p></div>
<article><p>A long walk by the river with Sam Jones on Saturday.</p></article></body></html>"""
GoOn = Callable[[], bool]  # False once the rescan must stop (time limit, consent withdrawn)


@dataclass(frozen=True)
class PageResult:
    """One address as this rescan saw it."""

    address: str
    fetched: datetime
    http_status: int | None = None
    content_hash: str | None = None
    not_checked: str | None = None  # why nothing could be read, in words


@dataclass
class AddressScan:
    result: ScanResult
    pages: list[PageResult] = field(default_factory=list)


Fetch = Callable[[list[str], Policy, ScanOptions, GoOn], AddressScan]


def check_address(raw: str) -> str:
    """A profile address as given (trimmed) once the public-profile readers accept it; one
    line saying what is wrong otherwise."""
    from scanner.net.addresses import AddressError, parse_address

    address = raw.strip()
    if len(address) > MAX_ADDRESS:
        raise ScanError(f"{address[:60]!r}... is too long to be a profile address.")
    try:
        parse_address(address)
    except AddressError as exc:
        raise ScanError(str(exc)) from None
    return address


def host_of(address: str) -> str | None:
    """The host a profile address is read from (for spreading rescans over hosts)."""
    from urllib.parse import urlsplit

    from scanner.net.addresses import AddressError, parse_address

    try:
        return (urlsplit(parse_address(address).url).hostname or "").lower() or None
    except (AddressError, ValueError):
        return None


class PageReader:
    """Reads consented addresses for every rescan of one worker process, through one shared
    fetcher: robots.txt is read once per host (for an hour, then again), and every request
    takes its host's next free moment from the store (scanner.rescans.politeness), so all
    workers together keep the per-host gap. Thread-safe."""

    def __init__(self, store: Store, settings: NetSettings | None = None,
                 refresh_s: float = 3600.0) -> None:
        self.settings = settings or NetSettings(budget=10**9)
        self.spacing = DatabaseSpacing(store, self.settings.host_gap)
        self._refresh_s = refresh_s
        self._lock = threading.Lock()
        self._fetchers: list[tuple[float, Fetcher]] = []
        self._languages: dict[tuple[object, ...], SharedLanguage] = {}

    def language(self, policy: Policy) -> SharedLanguage:
        """One language pass per school, built once and shared by every rescan's thread (the
        rules in scope do not change what it reads)."""
        key = (policy.names, policy.official_handles, policy.pupil_context,
               policy.school_words)
        with self._lock:
            if key not in self._languages:
                self._languages[key] = SharedLanguage(policy)
            return self._languages[key]

    def fetcher(self) -> Fetcher:
        with self._lock:
            if not self._fetchers or time.monotonic() - self._fetchers[-1][0] > self._refresh_s:
                self._fetchers.append((time.monotonic(),
                                       Fetcher(self.settings, spacing=self.spacing)))
            return self._fetchers[-1][1]

    def close(self) -> None:
        with self._lock:
            for _made, fetcher in self._fetchers:
                fetcher.close()
            self._fetchers.clear()

    def warm_up(self, policy: Policy, options: ScanOptions) -> None:
        """Scan WARM_UP_PAGE (read from memory, not fetched) with every rule of the policy."""
        from scanner.net.addresses import parse_address
        from scanner.sources.web import source_of
        from scanner.sources.web.htmldoc import read_page
        from scanner.sources.web.profile import page_records
        from scanner.sources.web.visit import Visit

        visit = Visit(parse_address(WARM_UP_ADDRESS), self.fetcher())
        page_records(visit, read_page(WARM_UP_PAGE, WARM_UP_ADDRESS), WARM_UP_ADDRESS)
        source = source_of(visit)
        try:
            scan([source], policy, replace(options, language=self.language(policy)))
        finally:
            source.close()

    def __call__(self, addresses: list[str], policy: Policy, options: ScanOptions,
                 go_on: GoOn) -> AddressScan:
        """Read each address in turn (stopping when `go_on()` turns false), then scan what
        was read with the policy's rules."""
        fetcher = self.fetcher()
        sources: list[Source] = []
        pages: list[PageResult] = []
        with self.spacing.watching(go_on):
            for text in addresses:
                source, page = _read(text, fetcher)
                pages.append(page)
                if source is not None:
                    sources.append(source)
        if options.use_language_model and options.language is None:
            options.language = self.language(policy)
        try:
            result = scan(sources, policy, options)
        finally:
            for source in sources:
                source.close()
        return AddressScan(result, pages)


class SharedLanguage(LanguagePass):
    """A language pass several threads may use: one at a time (the model and the pass's cache
    are not made for threads, and the interpreter runs one thread at a time anyway)."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(policy)
        self._turn = threading.Lock()

    def analyse(self, texts: Sequence[str], batch_size: int = 256) -> list[tuple[Entity, ...]]:
        with self._turn:
            return super().analyse(texts, batch_size)


def _read(text: str, fetcher: Fetcher) -> tuple[Source | None, PageResult]:
    from scanner.net.addresses import AddressError, parse_address
    from scanner.sources.web import read_one, source_of

    now = datetime.now(UTC)
    try:
        address = parse_address(text)
    except AddressError as exc:
        return None, PageResult(text, now, not_checked=str(exc))
    visit = read_one(address, fetcher)
    return source_of(visit), PageResult(
        text, visit.pages[0].fetched_at if visit.pages else now,
        http_status=visit.pages[0].status if visit.pages else None,
        content_hash=_hash_of(visit.pages) if visit.pages else None,
        not_checked=visit.not_checked)


def _hash_of(pages: list[PageVisit]) -> str:
    """One hash for everything fetched for an address (each page's own hash, in order)."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{page.url} {page.status} {page.sha256}\n".encode())
    return digest.hexdigest()
