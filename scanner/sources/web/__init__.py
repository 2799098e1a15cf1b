"""Public profile addresses as sources: `load_addresses(["@jo@mastodon.example", ...])`.

Each address is read through one fetcher (scanner.net): hosts at the same time, each host
politely. The result is the same `Loaded` of `Source`s an archive gives (platform, account,
records via items(), problems), plus, per source, `not_checked` (why nothing could be read, or
None) and the pages visited (address, time, status, hash) for the store. Reading is finished
when this returns: a scan afterwards opens no connection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlsplit

from scanner.model import Item, Problem
from scanner.net import Fetcher, FetchError, NetSettings, RobotsRefusedError
from scanner.net.addresses import BIG_SITES, Address, AddressError, parse_address
from scanner.sources import Loaded, Source
from scanner.sources.archive import Archive
from scanner.sources.base import Reader
from scanner.sources.web.archive import PageArchive
from scanner.sources.web.visit import Visit

SiteReader = Callable[[Visit], None]


def _site_readers() -> dict[str, SiteReader]:
    from scanner.sources.web import bigsite, bluesky, mastodon, webpage

    readers: dict[str, SiteReader] = {"web": webpage.read, "mastodon": mastodon.read,
                                      "bluesky": bluesky.read}
    readers.update(dict.fromkeys(BIG_SITES, bigsite.read))
    return readers


def load_addresses(texts: list[str], settings: NetSettings | None = None) -> Loaded:
    """Read every address; one that is not an address is a problem, the others are read."""
    loaded = Loaded()
    addresses: list[Address] = []
    for text in texts:
        try:
            addresses.append(parse_address(text))
        except AddressError as exc:
            loaded.failed.append(Problem(path=text.strip(), error=str(exc)))
    visits = read_all(addresses, settings)
    loaded.sources.extend(source_of(visit) for visit in visits)
    return loaded


def read_all(addresses: list[Address], settings: NetSettings | None = None) -> list[Visit]:
    """Every address read, in the order given: one thread per host, each host polite."""
    by_host: dict[str, list[int]] = {}
    for index, address in enumerate(addresses):
        by_host.setdefault(urlsplit(address.url).hostname or "", []).append(index)
    visits: list[Visit | None] = [None] * len(addresses)
    with Fetcher(settings) as fetcher:

        def read_host(indexes: list[int]) -> None:
            for index in indexes:
                visits[index] = read_one(addresses[index], fetcher)

        workers = max(1, min(fetcher.settings.workers, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(read_host, by_host.values()))
    return [v for v in visits if v is not None]


def read_one(address: Address, fetcher: Fetcher) -> Visit:
    """One address; whatever goes wrong becomes `not_checked` or a problem, never an error."""
    visit = Visit(address, fetcher)
    reader = _site_readers().get(address.platform)
    try:
        if reader is None:
            visit.not_checked = f"riskscan cannot read {address.site_name} pages yet"
        else:
            reader(visit)
    except RobotsRefusedError:
        visit.not_checked = f"{_site(address)} asks automated tools not to read its pages"
    except FetchError as exc:
        visit.not_checked = str(exc)
    if visit.not_checked:
        visit.problems.insert(0, f"{visit.not_checked}: not checked")
    return visit


def source_of(visit: Visit) -> Source:
    items = list(visit.items)

    def read(_archive: Archive) -> Iterator[Item]:
        return iter(items)

    reader = Reader(platform=visit.address.platform, detect=lambda _a: 1,
                    version=lambda _a: None, read=read)
    when = visit.pages[0].fetched_at if visit.pages else datetime.now(UTC)
    return Source(path=visit.address.given,
                  archive=PageArchive(visit.address.given, visit.images, visit.problems),
                  reader=reader,
                  export_version=f"public profile, read {when:%Y-%m-%d %H:%M} UTC",
                  not_checked=visit.not_checked, pages=list(visit.pages),
                  gaps=list(visit.gaps))


def _site(address: Address) -> str:
    return address.site_name[0].upper() + address.site_name[1:]
