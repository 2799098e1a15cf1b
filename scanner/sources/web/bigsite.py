"""Facebook, Instagram, X, LinkedIn, TikTok and Threads: what their public page shows a
logged-out visitor (OpenGraph title, description and picture; TikTok's profile JSON).

Most of these sites ask automated tools in robots.txt not to read their pages, and riskscan
honours that (scanner.sources.web.read_one says so plainly). A login wall, a consent page, a
soft 404, a challenge or a rate limit is recognised (signatures.toml) and reported as not
checked with why, never read as an empty, clear profile.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scanner.model import Kind
from scanner.sources.web.htmldoc import PageFacts, decode, read_page
from scanner.sources.web.profile import page_records
from scanner.sources.web.signatures import MEANINGS, recognise
from scanner.sources.web.visit import Visit
from scanner.sources.web.webpage import status_words

TIKTOK_DATA = re.compile(rb'<script[^>]+id="__UNIVERSAL_DATA_FOR_REHYDRATION__"[^>]*>(.*?)'
                         rb"</script>", re.DOTALL)
TIKTOK_STATUS = {10221: "missing", 10222: "private", 10204: "blocked"}
HIDDEN_WORDS = ("shows posts, friends or followers and tagged photos only to people who log "
                "in")
HIDDEN_KINDS = (Kind.POST, Kind.CONNECTION, Kind.MEDIA, Kind.MEMBERSHIP)


def read(visit: Visit) -> None:
    site = visit.address.site_name
    page = visit.get(visit.address.url)
    meaning = recognise(visit.address.platform, page)
    if meaning is None and visit.address.platform == "tiktok":
        meaning = _tiktok(visit, page.body)
        if visit.items:
            return
    if meaning is not None:
        visit.not_checked = f"{site} {MEANINGS[meaning]}"
        return
    if not page.ok:
        visit.not_checked = f"{site} answered with an error ({status_words(page.status)})"
        return
    facts = read_page(decode(page.body, page.charset)[0], page.url)
    if not (facts.meta.get("og:title") or facts.meta.get("og:description")):
        visit.not_checked = f"{site}'s page showed nothing riskscan can read without logging in"
        return
    facts.blocks = []  # the rest of a big site's page is its own menus and notices
    facts.links = []
    page_records(visit, facts, page.url)
    visit.cannot_see(f"{site} {HIDDEN_WORDS}", *HIDDEN_KINDS)


def _tiktok(visit: Visit, body: bytes) -> str | None:
    """Read TikTok's profile JSON into records; a meaning when it says the profile is not
    there, or None."""
    found = TIKTOK_DATA.search(body)
    if not found:
        return "challenge"  # the JavaScript check TikTok shows instead of the data
    try:
        data = json.loads(found.group(1))
        detail: dict[str, Any] = data["__DEFAULT_SCOPE__"]["webapp.user-detail"]
    except (ValueError, KeyError, TypeError, RecursionError):
        return "challenge"
    code = detail.get("statusCode")
    if code in TIKTOK_STATUS:
        return TIKTOK_STATUS[code]
    user = (detail.get("userInfo") or {}).get("user") or {}
    if not isinstance(user, dict) or not user.get("uniqueId"):
        return "challenge"
    meta = {"og:title": user.get("nickname"), "og:description": user.get("signature"),
            "og:image": user.get("avatarLarger"), "profile:username": user.get("uniqueId")}
    facts = PageFacts(meta={k: str(v) for k, v in meta.items() if isinstance(v, str) and v})
    page_records(visit, facts, visit.address.url)
    visit.cannot_see(f"TikTok {HIDDEN_WORDS}", *HIDDEN_KINDS)
    return None
