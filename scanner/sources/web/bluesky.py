"""Bluesky, through the public AppView's XRPC calls (no login): the profile, the author's feed
and who follows them and whom they follow, each followed by cursor up to a page limit.

RISKSCAN_BLUESKY_APPVIEW names another AppView (a local server in tests). An account that
carries the self-label `!no-unauthenticated` asked apps not to show it to logged-out visitors:
riskscan honours that and reads nothing more.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from scanner.model import Item, Kind
from scanner.sources.base import from_iso, text_of
from scanner.sources.web.profile import PUBLIC_NOTE, add_picture
from scanner.sources.web.visit import Visit

APPVIEW_SETTING = "RISKSCAN_BLUESKY_APPVIEW"
PUBLIC_APPVIEW = "https://public.api.bsky.app"
FEED_PAGES = 5
PEOPLE_PAGES = 3
MAX_PICTURES = 20
NOT_FOUND = {"InvalidRequest": "Bluesky has no account {actor}",
             "AccountTakedown": "Bluesky has suspended the account {actor}",
             "AccountDeactivated": "the Bluesky account {actor} is deactivated"}


def appview() -> str:
    return os.environ.get(APPVIEW_SETTING, PUBLIC_APPVIEW).rstrip("/")


def read(visit: Visit) -> None:
    actor = visit.address.account
    base = f"{appview()}/xrpc"
    status, profile = visit.json(f"{base}/app.bsky.actor.getProfile?actor={quote(actor)}")
    if status != 200 or not isinstance(profile, dict) or not profile.get("did"):
        error = text_of(profile.get("error")) if isinstance(profile, dict) else ""
        visit.not_checked = NOT_FOUND.get(error, "Bluesky did not show the account {actor} "
                                          f"(HTTP {status})").format(actor=actor)
        return
    if _asks_not_to_be_shown(profile):
        visit.not_checked = ("the owner asked Bluesky not to show this account to people who "
                             "are not logged in, so riskscan does not read it")
        return
    handle = text_of(profile.get("handle")) or actor
    url = f"https://bsky.app/profile/{handle}"
    extra = {"visibility": PUBLIC_NOTE, "website": text_of(profile.get("website")),
             "pronouns": text_of(profile.get("pronouns"))}
    visit.items.append(Item(kind=Kind.PROFILE, ref=visit.ref("profile", url),
                            text=text_of(profile.get("description")),
                            name=text_of(profile.get("displayName")) or None, handle=handle,
                            url=url, extra={k: v for k, v in extra.items() if v}))
    for key in ("avatar", "banner"):
        if text_of(profile.get(key)):
            add_picture(visit, text_of(profile[key]), key, url)
    did = quote(str(profile["did"]))
    for entry in _pages(visit, f"{base}/app.bsky.feed.getAuthorFeed?actor={did}&limit=100",
                        "feed", FEED_PAGES):
        _post(visit, entry, handle)
    for relation, call, key in (("follower", "getFollowers", "followers"),
                                ("following", "getFollows", "follows")):
        for person in _pages(visit, f"{base}/app.bsky.graph.{call}?actor={did}&limit=100", key,
                             PEOPLE_PAGES):
            visit.items.append(Item(
                kind=Kind.CONNECTION, ref=visit.ref(f"{relation} {person.get('did')}"),
                name=text_of(person.get("displayName")) or None,
                handle=text_of(person.get("handle")) or None, relation=relation,
                url=f"https://bsky.app/profile/{text_of(person.get('handle'))}"))


def _asks_not_to_be_shown(profile: dict[str, Any]) -> bool:
    labels = profile.get("labels") or []
    return any(isinstance(label, dict) and label.get("val") == "!no-unauthenticated"
               for label in labels)


def _pages(visit: Visit, first: str, key: str, limit: int) -> list[dict[str, Any]]:
    """Every entry of a cursor-paged list, up to `limit` pages."""
    found: list[dict[str, Any]] = []
    url = first
    for _ in range(limit):
        status, page = visit.json(url)
        if status != 200 or not isinstance(page, dict):
            break
        found.extend(e for e in page.get(key) or [] if isinstance(e, dict))
        cursor = page.get("cursor")
        if not isinstance(cursor, str) or not cursor:
            break
        url = f"{first}&cursor={quote(cursor)}"
    return found


def _post(visit: Visit, entry: dict[str, Any], handle: str) -> None:
    post = entry.get("post") if isinstance(entry.get("post"), dict) else {}
    assert isinstance(post, dict)
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    assert isinstance(record, dict)
    uri = text_of(post.get("uri"))
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    assert isinstance(author, dict)
    reposted = isinstance(entry.get("reason"), dict) and "Repost" in str(entry["reason"].get(
        "$type"))
    url = f"https://bsky.app/profile/{text_of(author.get('handle')) or handle}/post/" \
        f"{uri.rsplit('/', 1)[-1]}"
    media: list[str] = []
    embed = post.get("embed") if isinstance(post.get("embed"), dict) else {}
    assert isinstance(embed, dict)
    for image in embed.get("images") or []:
        if not reposted and isinstance(image, dict) and text_of(image.get("fullsize")) and \
                len(visit.images) < MAX_PICTURES:
            member = visit.image(text_of(image["fullsize"]), f"post-{uri.rsplit('/', 1)[-1]}-"
                                 f"{len(media) + 1}")
            if member:
                media.append(member)
    visit.items.append(Item(
        kind=Kind.POST, ref=visit.ref(f"post {uri}", url), text=text_of(record.get("text")),
        when=from_iso(record.get("createdAt")), url=url, media=tuple(media),
        relation="repost" if reposted else "reply" if record.get("reply") else None,
        extra={"visibility": "public"}))
    for member in media:
        visit.items.append(Item(kind=Kind.MEDIA, ref=visit.ref(member, url), media=(member,),
                                url=url, text=text_of(record.get("text"))))
