"""From what a page says (scanner.sources.web.htmldoc.PageFacts) to records: one PROFILE record
for the owner and one POST record per paragraph of visible text.

Everything on a public page is public, so contact details go in a field named "contact" (the
detectors read fields named "email" or "phone" as account settings nobody else sees).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from detectors.profile_publicly_visible import READ_LOGGED_OUT
from scanner.model import Item, Kind
from scanner.sources.web.htmldoc import PageFacts
from scanner.sources.web.visit import Visit

PUBLIC_NOTE = READ_LOGGED_OUT  # what A7 reads as "riskscan saw this logged out"


def page_records(visit: Visit, facts: PageFacts, url: str, avatar_ok: bool = True) -> None:
    """Add the owner's profile, the page's text and its avatar picture to the visit."""
    person = facts.people[0] if facts.people else {}
    card = _card(facts.cards)
    name = (_first(person.get("name")) or _prop(card, "name") or facts.meta.get("og:title")
            or facts.title or None)
    extra = _extra(facts, person, card)
    bio = _unique([_first(person.get("description")), _prop(card, "note"),
                   _prop(card, "summary"), facts.meta.get("og:description"),
                   facts.meta.get("description"), facts.meta.get("twitter:description")])
    handle = facts.meta.get("profile:username") or _first(person.get("alternateName")) or \
        _prop(card, "nickname") or None
    profile = Item(kind=Kind.PROFILE, ref=visit.ref("profile", url), text="\n".join(bio),
                   name=name, handle=handle, url=url, extra=extra)
    visit.items.append(profile)
    for number, block in enumerate(facts.blocks, 1):
        if block not in bio and block != name:
            visit.items.append(Item(kind=Kind.POST, ref=visit.ref(f"text {number}", url),
                                    text=block, url=url, extra={"visibility": "public"}))
    picture = _first(person.get("image")) or _prop(card, "photo") or facts.meta.get("og:image")
    if avatar_ok and picture:
        add_picture(visit, urljoin(url, picture), "avatar", url)  # og:image may be relative


def add_picture(visit: Visit, picture_url: str, name: str, where: str) -> None:
    member = visit.image(picture_url, name)
    if member is not None:
        visit.items.append(Item(kind=Kind.MEDIA, ref=visit.ref(member, where), media=(member,),
                                url=picture_url, text=f"{name} picture"))


def _extra(facts: PageFacts, person: dict[str, Any], card: dict[str, Any]) -> dict[str, str]:
    extra: dict[str, str] = {"visibility": PUBLIC_NOTE}
    fields = {
        "job title": _first(person.get("jobTitle")) or _prop(card, "job-title")
        or _prop(card, "title"),
        "works for": _org(person.get("worksFor")) or _org(person.get("affiliation"))
        or _prop(card, "org"),
        "education": _org(person.get("alumniOf")) or _education(card),
        "location": _place(person.get("homeLocation")) or _place(person.get("address"))
        or _prop(card, "locality") or _prop(card, "adr"),
        "contact": ", ".join(_unique([
            _first(person.get("email")), _first(person.get("telephone")),
            _prop(card, "email"), _prop(card, "tel")])).replace("mailto:", "")
        .replace("tel:", ""),
        "links": " ".join(_unique([*_all(person.get("sameAs")), *facts.rel_me])),
        "outbound links": " ".join(facts.links[:50]),
        "headline": facts.meta.get("twitter:title", ""),
    }
    extra.update({k: v for k, v in fields.items() if v})
    return extra


def _card(cards: list[dict[str, Any]]) -> dict[str, Any]:
    """The page owner's h-card (the h-resume's contact card, if that is what the page has)."""
    for card in cards:
        if "h-card" in card.get("type", []):
            return card
    for card in cards:
        contact = card.get("properties", {}).get("contact", [])
        merged = dict(card)
        if contact and isinstance(contact[0], dict):
            merged = {"type": card["type"], "properties": {
                **card.get("properties", {}), **contact[0].get("properties", {})}}
        return merged
    return {}


def _prop(card: dict[str, Any], key: str) -> str:
    values = card.get("properties", {}).get(key, [])
    for value in values:
        text = value.get("value") if isinstance(value, dict) else value
        if isinstance(text, str) and text.strip():
            return " ".join(text.split())
        if isinstance(value, dict) and isinstance(value.get("properties"), dict):
            inner = _prop(value, "name")
            if inner:
                return inner
    return ""


def _education(card: dict[str, Any]) -> str:
    found = [_prop({"properties": e.get("properties", {})}, "name")
             for e in card.get("properties", {}).get("education", []) if isinstance(e, dict)]
    return "; ".join(f for f in found if f)


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), "")
    if isinstance(value, dict):
        value = value.get("url") or value.get("name") or ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _all(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and v]


def _org(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return "; ".join(n for n in names if isinstance(n, str) and n)


def _place(value: Any) -> str:
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("name", "addressLocality", "addressRegion")]
        return ", ".join(p for p in parts if isinstance(p, str) and p)
    return value if isinstance(value, str) else ""


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
