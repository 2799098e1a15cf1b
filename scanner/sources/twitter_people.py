"""The account, its past handles, followers, following and direct messages of an X archive.

X names other accounts only by numeric id here: followers, following and DM participants have no
handle or name in any version, so their records carry the id and nothing is guessed.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_epoch, from_iso, text_of
from scanner.sources.jsonread import iter_items
from scanner.sources.twitter_files import Layout, as_dict, as_list, id_of
from scanner.sources.twitter_posts import PLATFORM, expand_links


@dataclass
class Owner:
    """Whose archive this is, from account.js, else the manifest's userInfo."""

    account_id: str | None = None
    handle: str | None = None
    name: str | None = None
    email: str | None = None
    file: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def first(archive: Archive, names: list[str], key: str) -> tuple[str | None, dict[str, Any]]:
    """The first `{key: {...}}` element of a small one-record file such as account.js."""
    for name in names:
        for element in iter_items(archive, name):
            value = as_dict(as_dict(element).get(key))
            if value:
                return name, value
    return None, {}


def read_owner(layout: Layout) -> Owner:
    archive = layout.archive
    name, account = first(archive, layout.files("account"), "account")
    info = layout.user_info()
    owner = Owner(
        account_id=id_of(account.get("accountId")) or id_of(info.get("accountId")),
        handle=text_of(account.get("username")) or text_of(info.get("userName")) or None,
        name=(text_of(account.get("accountDisplayName")) or text_of(info.get("displayName"))
              or None),
        email=text_of(account.get("email")) or None,
        file=name,
    )
    created = account.get("createdAt")
    # 2018 account.js writes createdAt as an epoch-milliseconds string; later, ISO-8601.
    when = from_epoch(created) if str(created).isdigit() else from_iso(created)
    if when:
        owner.extra["created_at"] = when.isoformat()
    if owner.account_id:
        owner.extra["account_id"] = owner.account_id
    phone = text_of(account.get("phoneNumber"))
    if not phone:
        phone = text_of(first(archive, layout.files("phone"), "device")[1].get("phoneNumber"))
    if phone:
        owner.extra["phone"] = phone
    return owner


def profile_items(layout: Layout, owner: Owner) -> Iterator[Item]:
    """One PROFILE for the account (account.js + profile.js), then one per past handle."""
    name, profile = first(layout.archive, layout.files("profile"), "profile")
    description = as_dict(profile.get("description"))
    # account.js is where the handle is; without it, profile.js (the bio), else the manifest.
    file = owner.file or name or (layout.manifest_name if layout.user_info() else None)
    if file:
        extra = dict(owner.extra)
        for key in ("location", "website"):
            value = text_of(description.get(key)).strip()
            if value:
                extra[key] = value  # website is X's t.co short link: the real URL is not kept
        yield Item(kind=Kind.PROFILE,
                   ref=ItemRef(PLATFORM, file, owner.handle or owner.account_id or "account"),
                   text=html.unescape(text_of(description.get("bio"))), name=owner.name,
                   handle=owner.handle, email=owner.email,
                   url=f"https://twitter.com/{owner.handle}" if owner.handle else None,
                   extra=extra)
    yield from _past_handles(layout)


def _past_handles(layout: Layout) -> Iterator[Item]:
    for name in layout.files("screen_names"):
        for element in iter_items(layout.archive, name):
            change = as_dict(as_dict(as_dict(element).get("screenNameChange"))
                             .get("screenNameChange"))
            handle = text_of(change.get("changedFrom")).strip()
            if not handle:
                continue
            extra = {"changed_to": text_of(change.get("changedTo"))} if change.get(
                "changedTo") else {}
            yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, handle), handle=handle,
                       relation="previous_handle", when=from_iso(change.get("changedAt")),
                       extra=extra)


def connection_items(layout: Layout) -> Iterator[Item]:
    """Followers and following: account ids only (no version has handles or names)."""
    for kind in ("follower", "following"):
        for name in layout.files(kind):
            for element in iter_items(layout.archive, name):
                entry = as_dict(as_dict(element).get(kind))
                account_id = id_of(entry.get("accountId"))
                if not account_id:
                    continue
                yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, account_id),
                           relation=kind, url=text_of(entry.get("userLink")) or None)


def dm_items(layout: Layout, owner: Owner) -> Iterator[Item]:
    """Direct messages; the text-less `*-headers.js` files only when the full ones are absent."""
    for full, headers in (("dms", "dm_headers"), ("group_dms", "group_dm_headers")):
        names = layout.files(full) or layout.files(headers)
        for name in names:
            for index, element in enumerate(iter_items(layout.archive, name)):
                element = as_dict(element)
                conversation = as_dict(element.get("dmConversation", element))
                if conversation:
                    yield from _conversation(conversation, name, index, owner)


def _conversation(conversation: dict[str, Any], name: str, index: int,
                  owner: Owner) -> Iterator[Item]:
    thread_id = id_of(conversation.get("conversationId")) or f"conversation#{index}"
    events = [as_dict(e) for e in as_list(conversation.get("messages"))]
    people = _participants(thread_id, events)
    others = [p for p in people if p != owner.account_id]
    title = _title(events)
    yield Item(kind=Kind.THREAD, ref=ItemRef(PLATFORM, name, thread_id),
               name=title or (others[0] if len(others) == 1 else None), people=tuple(people))
    for number, event in enumerate(events):
        message = as_dict(event.get("messageCreate"))
        if message:
            yield _message(message, name, thread_id, number, owner)


def _participants(thread_id: str, events: list[dict[str, Any]]) -> list[str]:
    """Every account id the conversation shows: its id (`low-high` for two people) and events."""
    people: list[str] = [p for p in thread_id.split("-") if p.isdigit()] if "-" in thread_id else []
    for event in events:
        for body in event.values():
            body = as_dict(body)
            for key in ("senderId", "recipientId", "initiatingUserId"):
                person = id_of(body.get(key))
                if person:
                    people.append(person)
            for key in ("userIds", "participantsSnapshot"):
                people.extend(p for p in (id_of(v) for v in as_list(body.get(key))) if p)
    return list(dict.fromkeys(people))


def _title(events: list[dict[str, Any]]) -> str | None:
    """The group's name: the newest `conversationNameUpdate` (events are newest first)."""
    for event in events:
        title = text_of(as_dict(event.get("conversationNameUpdate")).get("name")).strip()
        if title:
            return title
    return None


def _message(message: dict[str, Any], name: str, thread_id: str, number: int,
             owner: Owner) -> Item:
    sender = id_of(message.get("senderId"))
    recipient = id_of(message.get("recipientId"))
    text, _ = expand_links(html.unescape(text_of(message.get("text"))),
                           as_list(message.get("urls")), "url", "expanded")
    extra = {k: v for k, v in (("sender_id", sender), ("recipient_id", recipient)) if v}
    relation = None
    if owner.account_id and sender:
        relation = "sent" if sender == owner.account_id else "received"
    media = tuple(u for u in as_list(message.get("mediaUrls")) if isinstance(u, str) and u)
    return Item(kind=Kind.MESSAGE,
                ref=ItemRef(PLATFORM, name, id_of(message.get("id")) or f"{thread_id}#{number}"),
                parent=thread_id, text=text, when=from_iso(message.get("createdAt")),
                relation=relation, people=tuple(p for p in (sender, recipient) if p),
                media=media, extra=extra)
