"""Recognising the pages a big platform shows a logged-out tool instead of a profile: login
walls, cookie-consent pages, soft 404s (a 200 carrying "not found"), bot challenges and rate
limits. The signatures are data (signatures.toml beside this file), so a site that changes its
page is a one-line fix."""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scanner.net import Page

SIGNATURES = Path(__file__).with_name("signatures.toml")
MEANINGS = {
    "login": "showed a login page",
    "consent": "showed a cookie-consent page instead of the profile",
    "missing": "says there is no such profile (check the address)",
    "challenge": "showed a check for automated visitors instead of the profile",
    "rate_limit": "is limiting requests: try again later",
    "blocked": "refused riskscan's request",
    "private": "shows this profile only to people who log in (a private account)",
}
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Signature:
    site: str
    means: str
    title: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    status: tuple[int, ...] = ()
    header: tuple[str, ...] = ()

    def matches(self, page: Page, title: str) -> bool:
        """Every condition given holds (a condition: any of its strings is found)."""
        if not (self.title or self.text or self.url or self.header or self.status):
            return False
        return ((not self.status or page.status in self.status)
                and (not self.title or any(s in title for s in self.title))
                and (not self.text or any(s.encode() in page.body for s in self.text))
                and (not self.url or any(s in page.url for s in self.url))
                and (not self.header or any(_has_header(page, s) for s in self.header)))


@cache
def signatures() -> tuple[Signature, ...]:
    data = tomllib.loads(SIGNATURES.read_text(encoding="utf-8"))
    found = []
    for entry in data["page"]:
        if entry["means"] not in MEANINGS:
            raise ValueError(f"{SIGNATURES.name}: unknown meaning {entry['means']!r}")
        found.append(Signature(
            site=entry["site"], means=entry["means"], title=tuple(entry.get("title", ())),
            text=tuple(entry.get("text", ())), url=tuple(entry.get("url", ())),
            status=tuple(entry.get("status", ())), header=tuple(entry.get("header", ()))))
    return tuple(found)


def recognise(site: str, page: Page) -> str | None:
    """What the page is, if it is not a profile (a key of MEANINGS), else None."""
    title = page_title(page.body)
    for signature in signatures():
        if signature.site in (site, "*") and signature.matches(page, title):
            return signature.means
    return None


def page_title(body: bytes) -> str:
    found = _TITLE.search(body[:200_000])
    if not found:
        return ""
    return " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split())


def _has_header(page: Page, wanted: str) -> bool:
    name, _, part = wanted.partition(":")
    value = page.headers.get(name.strip().lower(), "")
    return bool(value) and part.strip().lower() in value.lower()
