"""Mastodon and other ActivityPub servers, read as a logged-out visitor.

WebFinger finds the account; the public REST API gives the profile (bio, labelled fields and
which links the server verified, discoverable/indexable, hide_collections), the public posts
(pinned first, then newest, up to POST_PAGES pages of 40) and, unless hidden, the followers and
follows. A server that closes its API to visitors is read through the ActivityPub actor and its
outbox instead.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlsplit

from scanner.model import Item, Kind
from scanner.net import FetchError
from scanner.sources.base import from_iso, text_of
from scanner.sources.mastodon import html_text
from scanner.sources.web.profile import PUBLIC_NOTE, add_picture
from scanner.sources.web.visit import Visit

POST_PAGES = 5
PEOPLE_PAGES = 3
MAX_PICTURES = 20
AP_ACCEPT = ('application/activity+json, '
             'application/ld+json; profile="https://www.w3.org/ns/activitystreams"')


def read(visit: Visit) -> None:
    user, _, server = visit.address.account.lstrip("@").partition("@")
    origin = visit.address.url
    actor_url = _webfinger(visit, origin, user, server)
    status, account = _lookup(visit, origin, user)
    home = _origin(actor_url) if actor_url else origin
    if status != 200 and home != origin:
        # The handle's domain only points to the server that holds the account (WebFinger
        # names it): ask that server instead.
        origin = home
        status, account = _lookup(visit, origin, user)
    if status == 200 and isinstance(account, dict) and account.get("id"):
        _from_api(visit, origin, account)
    elif actor_url:
        _from_actor(visit, actor_url)
    elif status == 404:
        visit.not_checked = f"{server} has no account {visit.address.account}"
    else:
        visit.not_checked = f"{server} did not show the account to a visitor (HTTP {status})"


def _lookup(visit: Visit, origin: str, user: str) -> tuple[int, Any]:
    return visit.json(f"{origin}/api/v1/accounts/lookup?acct={quote(user)}")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _webfinger(visit: Visit, origin: str, user: str, server: str) -> str | None:
    try:
        status, found = visit.json(f"{origin}/.well-known/webfinger?resource=acct:"
                                   f"{quote(user)}@{quote(server)}", "application/jrd+json")
    except FetchError:
        return None
    if status != 200 or not isinstance(found, dict):
        return None
    for link in found.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "self" and \
                "activity+json" in str(link.get("type")) and isinstance(link.get("href"), str):
            return str(link["href"])
    return None


# -- the REST API ------------------------------------------------------------------------------
def _from_api(visit: Visit, origin: str, account: dict[str, Any]) -> None:
    url = text_of(account.get("url")) or visit.address.url
    extra = {"visibility": PUBLIC_NOTE}
    verified = []
    for field in account.get("fields") or []:
        if isinstance(field, dict) and text_of(field.get("name")):
            extra[text_of(field["name"])] = html_text(field.get("value"))
            if field.get("verified_at"):
                verified.append(text_of(field["name"]))
    if verified:
        extra["verified links"] = ", ".join(verified)
    for flag in ("discoverable", "indexable", "hide_collections", "locked", "bot"):
        if isinstance(account.get(flag), bool):
            extra[flag] = str(account[flag]).lower()
    visit.items.append(Item(kind=Kind.PROFILE, ref=visit.ref("profile", url),
                            text=html_text(account.get("note")),
                            name=text_of(account.get("display_name")) or None,
                            handle=visit.address.account.lstrip("@"), url=url, extra=extra))
    for key, label in (("avatar", "avatar"), ("header", "header")):
        picture = text_of(account.get(key))
        if picture and "/missing.png" not in picture:
            add_picture(visit, picture, label, url)
    api = f"{origin}/api/v1/accounts/{quote(str(account['id']))}"
    _statuses(visit, f"{api}/statuses?pinned=true", pages=1, pinned=True)
    _statuses(visit, f"{api}/statuses?limit=40", pages=POST_PAGES, pinned=False)
    if account.get("hide_collections"):
        visit.cannot_see("the account hides who follows it and whom it follows",
                         Kind.CONNECTION)
        return
    _people(visit, f"{api}/followers?limit=80", "follower")
    _people(visit, f"{api}/following?limit=80", "following")


def _statuses(visit: Visit, first: str, pages: int, pinned: bool) -> None:
    seen = {i.ref.record for i in visit.items}
    url = first
    for _ in range(pages):
        status, found = visit.json(url)
        if status != 200 or not isinstance(found, list) or not found:
            return
        for post in found:
            if isinstance(post, dict) and f"post {post.get('id')}" not in seen:
                seen.add(f"post {post.get('id')}")
                _post(visit, post, pinned)
        url = f"{first}&max_id={quote(str(found[-1].get('id', '')))}"


def _post(visit: Visit, post: dict[str, Any], pinned: bool) -> None:
    boosted = post.get("reblog") if isinstance(post.get("reblog"), dict) else None
    body = boosted or post
    text = "\n".join(t for t in (html_text(body.get("spoiler_text")),
                                 html_text(body.get("content"))) if t)
    url = text_of(post.get("url")) or text_of(body.get("url")) or visit.address.url
    extra = {"visibility": text_of(post.get("visibility")) or "public"}
    if pinned:
        extra["pinned"] = "true"
    relation = "boost" if boosted else "reply" if post.get("in_reply_to_id") else None
    media: list[str] = []
    for attachment in body.get("media_attachments") or []:
        if isinstance(attachment, dict) and attachment.get("type") == "image" and \
                len(visit.images) < MAX_PICTURES and not boosted:
            member = visit.image(text_of(attachment.get("url")), f"post-{post.get('id')}-"
                                 f"{len(media) + 1}")
            if member:
                media.append(member)
    visit.items.append(Item(kind=Kind.POST, ref=visit.ref(f"post {post.get('id')}", url),
                            text=text, when=from_iso(post.get("created_at")), url=url,
                            relation=relation, media=tuple(media), extra=extra))
    for member in media:
        visit.items.append(Item(kind=Kind.MEDIA, ref=visit.ref(member, url), media=(member,),
                                url=url, text=text))


def _people(visit: Visit, first: str, relation: str) -> None:
    url: str | None = first
    for _ in range(PEOPLE_PAGES):
        if url is None:
            return
        page = visit.get(url, "application/json")
        try:
            found = json.loads(page.body)
        except (ValueError, RecursionError):
            return
        if page.status != 200 or not isinstance(found, list):
            return
        for person in found:
            if isinstance(person, dict):
                visit.items.append(Item(
                    kind=Kind.CONNECTION, ref=visit.ref(f"{relation} {person.get('acct')}"),
                    name=text_of(person.get("display_name")) or None,
                    handle=text_of(person.get("acct")) or None, relation=relation,
                    url=text_of(person.get("url")) or None))
        url = _next_link(page.headers.get("link", ""))


def _next_link(header: str) -> str | None:
    for part in header.split(","):
        if 'rel="next"' in part and "<" in part:
            return part[part.index("<") + 1:part.index(">")]
    return None


# -- ActivityPub, for servers that close their API to visitors ----------------------------------
def _from_actor(visit: Visit, actor_url: str) -> None:
    status, actor = visit.json(actor_url, AP_ACCEPT)
    if status != 200 or not isinstance(actor, dict):
        visit.not_checked = (f"{urlsplit(actor_url).hostname} did not show the account to a "
                             f"visitor (HTTP {status})")
        return
    url = text_of(actor.get("url")) or actor_url
    extra = {"visibility": PUBLIC_NOTE}
    for field in actor.get("attachment") or []:
        if isinstance(field, dict) and field.get("type") == "PropertyValue":
            extra[text_of(field.get("name"))] = html_text(field.get("value"))
    for flag in ("discoverable", "indexable", "manuallyApprovesFollowers"):
        if isinstance(actor.get(flag), bool):
            extra[flag] = str(actor[flag]).lower()
    visit.items.append(Item(kind=Kind.PROFILE, ref=visit.ref("profile", url),
                            text=html_text(actor.get("summary")),
                            name=text_of(actor.get("name")) or None,
                            handle=visit.address.account.lstrip("@"), url=url,
                            extra={k: v for k, v in extra.items() if k}))
    for key, label in (("icon", "avatar"), ("image", "header")):
        picture = actor.get(key)
        if isinstance(picture, dict) and text_of(picture.get("url")):
            add_picture(visit, text_of(picture["url"]), label, url)
    outbox = text_of(actor.get("outbox"))
    if outbox:
        _outbox(visit, outbox)
    visit.cannot_see("its server shows a visitor the profile and posts but not who follows it",
                     Kind.CONNECTION)


def _outbox(visit: Visit, outbox: str) -> None:
    status, collection = visit.json(outbox, AP_ACCEPT)
    if status != 200 or not isinstance(collection, dict):
        return
    page: Any = collection.get("first")
    for _ in range(POST_PAGES):
        if isinstance(page, str):
            status, page = visit.json(page, AP_ACCEPT)
            if status != 200:
                return
        if not isinstance(page, dict):
            return
        for activity in page.get("orderedItems") or []:
            note = activity.get("object") if isinstance(activity, dict) else None
            if activity.get("type") == "Create" and isinstance(note, dict):
                url = text_of(note.get("url")) or text_of(note.get("id")) or visit.address.url
                visit.items.append(Item(
                    kind=Kind.POST, ref=visit.ref(f"post {note.get('id')}", url),
                    text=html_text(note.get("content")), when=from_iso(note.get("published")),
                    url=url, extra={"visibility": "public"}))
        page = page.get("next")
