"""What a person types for a public profile, turned into an `Address`, or a one-line problem.

    https://jo.example.org/about     any web page (http:// is read as https://)
    @jo@mastodon.example             a Mastodon (or other ActivityPub) account
    jo.bsky.social, did:plc:...      a Bluesky account (also https://bsky.app/profile/NAME)
    x.com/NAME, instagram.com/NAME, facebook.com/NAME, linkedin.com/in/NAME,
    tiktok.com/@NAME, threads.net/@NAME   the big platforms' profile pages
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scanner.model import site_name, with_article
from scanner.net.guard import literal_address

SITE_ORIGINS_SETTING = "RISKSCAN_SITE_ORIGINS"  # e.g. "instagram=http://127.0.0.1:8001"

_NAME = r"[A-Za-z0-9_.\-]{1,100}"
_HOST = r"[A-Za-z0-9\-.]+(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?"
MASTODON = re.compile(rf"@?(?P<user>[A-Za-z0-9_.\-]{{1,64}})@(?P<server>{_HOST})")
BLUESKY_HANDLE = re.compile(r"(?P<name>[A-Za-z0-9\-]{1,63}\.bsky\.social)")
DID = re.compile(r"did:(plc:[a-z2-7]{24}|web:[A-Za-z0-9.\-:%]{1,253})")

# platform -> (hosts a person may type, the path before the name, the profile page's origin
# and path); the name is checked against _NAME.
BIG_SITES: dict[str, tuple[tuple[str, ...], str, str]] = {
    "twitter": (("x.com", "twitter.com", "mobile.twitter.com"), "/", "https://x.com/{name}"),
    "instagram": (("instagram.com",), "/", "https://www.instagram.com/{name}/"),
    "facebook": (("facebook.com", "m.facebook.com", "mbasic.facebook.com"), "/",
                 "https://www.facebook.com/{name}"),
    "linkedin": (("linkedin.com", "uk.linkedin.com"), "/in/",
                 "https://www.linkedin.com/in/{name}/"),
    "tiktok": (("tiktok.com",), "/@", "https://www.tiktok.com/@{name}"),
    "threads": (("threads.net", "threads.com"), "/@", "https://www.threads.net/@{name}"),
}


class AddressError(ValueError):
    """Not an address riskscan can read; the message says what it accepts."""


@dataclass(frozen=True)
class Address:
    """A profile to read: as given, which platform, the account, and where to start."""

    given: str
    platform: str
    account: str
    url: str  # the page (web, big sites), the server's origin (mastodon) or the handle's page

    @property
    def site_name(self) -> str:
        return site_name(self.platform)


def parse_address(text: str) -> Address:
    """An Address, or AddressError with one line saying what riskscan accepts."""
    given = text.strip()
    for parse in (_mastodon_handle, _bluesky, _big_site, _web_page):
        try:
            found = parse(given)
        except AddressError:
            raise
        except ValueError:  # urllib's words for a broken URL ("Invalid IPv6 URL", a bad port)
            break
        if found is not None:
            return found
    raise AddressError(
        f"'{shown(given)}' is not a profile address riskscan can read: give a web address starting "
        "https://, a Mastodon handle like @name@server, a Bluesky handle like "
        "name.bsky.social, or a profile such as instagram.com/NAME")


def shown(given: str) -> str:
    """The text as given, on one line and not too long to read in a message."""
    one_line = " ".join(given.split())
    return one_line if len(one_line) <= 80 else one_line[:77] + "..."


def _mastodon_handle(given: str) -> Address | None:
    match = MASTODON.fullmatch(given)
    if not match or not given.startswith("@"):
        return None
    server = match["server"].lower()
    scheme = "http" if _is_local(server) else "https"
    return Address(given, "mastodon", f"@{match['user']}@{server}", f"{scheme}://{server}")


def _bluesky(given: str) -> Address | None:
    name = given.removeprefix("@")
    parts = urlsplit(given if "://" in given else "https://" + given)
    if (parts.hostname or "") == "bsky.app" and parts.path.startswith("/profile/"):
        name = parts.path.removeprefix("/profile/").strip("/")
    if BLUESKY_HANDLE.fullmatch(name) or DID.fullmatch(name):
        account = name if name.startswith("did:") else name.lower()
        return Address(given, "bluesky", account, f"https://bsky.app/profile/{account}")
    return None


def _big_site(given: str) -> Address | None:
    parts = urlsplit(given if "://" in given else "https://" + given)
    host = (parts.hostname or "").lower().removeprefix("www.")
    for platform, (hosts, prefix, page) in BIG_SITES.items():
        if host not in hosts:
            continue
        rest = parts.path if parts.path.endswith("/") else parts.path + "/"
        name = rest[len(prefix):].strip("/") if rest.startswith(prefix) else ""
        if not re.fullmatch(_NAME, name):
            site = with_article(site_name(platform))
            raise AddressError(f"'{shown(given)}' is not {site} profile: "
                               f"give it as {hosts[0]}{prefix}NAME")
        return Address(given, platform, name, site_origin(platform) + _path_of(page, name))
    return None


def _web_page(given: str) -> Address | None:
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in given:
        return None
    host = parts.hostname
    if parts.path.count("/") == 1 and parts.path.startswith("/@") and re.fullmatch(
            _NAME, parts.path[2:]):  # https://server/@name is a Mastodon-style profile
        server = parts.netloc.lower()
        return Address(given, "mastodon", f"@{parts.path[2:]}@{server}",
                       f"{_scheme_for(host)}://{server}")
    url = given if _is_local(host) else "https://" + given.split("://", 1)[1]
    return Address(given, "web", url, url)


def site_origin(platform: str) -> str:
    """Where a big platform's pages live: its own site, or (for tests and local mirrors) the
    origin RISKSCAN_SITE_ORIGINS names for it. The address guard applies either way."""
    for pair in os.environ.get(SITE_ORIGINS_SETTING, "").split(","):
        name, _, origin = pair.partition("=")
        if name.strip() == platform and origin.strip():
            return origin.strip().rstrip("/")
    page = BIG_SITES[platform][2]
    return page.split("/", 3)[0] + "//" + page.split("/", 3)[2]


def _path_of(page: str, name: str) -> str:
    return "/" + page.split("/", 3)[3].format(name=name)


def _scheme_for(host: str) -> str:
    return "http" if _is_local(host) else "https"


def _is_local(host_port: str) -> bool:
    """A loopback host may be read over http (test servers); the guard still decides if it
    may be read at all."""
    host = host_port.rsplit(":", 1)[0] if host_port.count(":") == 1 else host_port
    address = literal_address(host)
    return address is not None and address.is_loopback
