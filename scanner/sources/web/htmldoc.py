"""What a web page says about its owner, read with BeautifulSoup (and mf2py for microformats).

Every piece is optional: title, <meta> description, OpenGraph and Twitter-card tags, JSON-LD
Person / ProfilePage, microformats2 h-card / h-resume, rel="me" links, the visible text and the
outbound links. Hostile pages are bounded: only the first MAX_TAGS tags are parsed, and a part
nested too deeply to read is skipped with a note, never a crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import mf2py
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

MAX_TAGS = 40_000
MAX_BLOCKS = 400
BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "figcaption", "dd", "td")
CONTAINERS = ("div", "section", "article", "main", "header", "footer", "aside", "nav", "body")
HIDDEN_TAGS = ("script", "style", "noscript", "template", "svg", "head")


@dataclass
class PageFacts:
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # description, og:*, twitter:*, profile:*
    people: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD Person objects
    cards: list[dict[str, Any]] = field(default_factory=list)  # mf2 h-card / h-resume items
    rel_me: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # outbound (other sites)
    blocks: list[str] = field(default_factory=list)  # visible text, one paragraph each
    problems: list[str] = field(default_factory=list)


def decode(body: bytes, declared: str | None = None) -> tuple[str, bool]:
    """The page's text and whether it was valid in its encoding (invalid bytes are replaced)."""
    encoding = declared or "utf-8"
    try:
        return body.decode(encoding), True
    except (UnicodeDecodeError, LookupError):
        return body.decode("utf-8", errors="replace"), False


def read_page(html: str, url: str) -> PageFacts:
    facts = PageFacts()
    html = _bounded(html, facts)
    soup = BeautifulSoup(html, "html.parser")
    facts.title = _text(soup.title) if soup.title else ""
    facts.meta = _meta(soup)
    facts.people = _json_ld_people(soup, facts)
    facts.cards = _cards(soup, url, facts)
    facts.rel_me, facts.links = _links(soup, url)
    facts.blocks = _blocks(soup)
    return facts


def _bounded(html: str, facts: PageFacts) -> str:
    """At most MAX_TAGS tags: a real profile page has a few thousand."""
    position, count = 0, 0
    while count < MAX_TAGS:
        position = html.find("<", position) + 1
        if position == 0:
            return html
        count += 1
    facts.problems.append("the page is very large, so only its first part was read")
    return html[:position]


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").strip().lower()
        content = " ".join(str(tag.get("content") or "").split())
        if key and content and (key in ("description", "author", "robots")
                                or key.startswith(("og:", "twitter:", "profile:"))):
            found.setdefault(key, content)
    return found


def _json_ld_people(soup: BeautifulSoup, facts: PageFacts) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            facts.problems.append("the page's structured data (JSON-LD) could not be read")
            continue
        people.extend(_people_in(data, depth=0))
    return people


def _people_in(data: Any, depth: int) -> list[dict[str, Any]]:
    if depth > 6:
        return []
    if isinstance(data, list):
        return [p for entry in data for p in _people_in(entry, depth + 1)]
    if not isinstance(data, dict):
        return []
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "Person" in kinds:
        return [data]
    found: list[dict[str, Any]] = []
    for key in ("mainEntity", "@graph", "author", "about"):
        if key in data:
            found.extend(_people_in(data[key], depth + 1))
    return found


def _cards(soup: BeautifulSoup, url: str, facts: PageFacts) -> list[dict[str, Any]]:
    try:
        parsed = mf2py.parse(doc=soup, url=url)
    except RecursionError:
        facts.problems.append("part of the page is nested too deeply to read")
        return []
    return [item for item in parsed.get("items", [])
            if {"h-card", "h-resume"} & set(item.get("type", []))]


def _links(soup: BeautifulSoup, url: str) -> tuple[list[str], list[str]]:
    own_host = urlsplit(url).hostname
    rel_me: list[str] = []
    outbound: list[str] = []
    for tag in soup.find_all(["a", "link"], href=True):
        href = urljoin(url, str(tag["href"]))
        rel: list[str] | str = tag.get("rel") or []
        if "me" in rel and href not in rel_me:
            rel_me.append(href)
        elif tag.name == "a" and urlsplit(href).scheme in ("http", "https") and \
                urlsplit(href).hostname != own_host and href not in outbound:
            outbound.append(href)
    return rel_me, outbound[:200]


def _blocks(soup: BeautifulSoup) -> list[str]:
    """The visible text, one entry per paragraph-like element, in page order."""
    for hidden in soup.find_all(HIDDEN_TAGS):
        hidden.extract()
    grouped: dict[int, list[str]] = {}
    for string in soup.find_all(string=True):
        if type(string) is not NavigableString:  # comments, doctype, CDATA
            continue
        words = " ".join(string.split())
        if words:
            grouped.setdefault(id(_block_of(string)), []).append(words)
        if len(grouped) > MAX_BLOCKS:
            break
    blocks: list[str] = []
    for parts in grouped.values():
        text = " ".join(parts)
        if len(text) >= 3 and text not in blocks:
            blocks.append(text)
    return blocks


def _block_of(string: NavigableString) -> Tag | None:
    """The nearest paragraph-like element around a piece of text (a bounded walk up, so deeply
    nested pages cost no more than flat ones)."""
    parent = string.parent
    for _ in range(30):
        if parent is None or parent.name in BLOCK_TAGS or parent.name in CONTAINERS:
            return parent
        parent = parent.parent
    return string.parent
