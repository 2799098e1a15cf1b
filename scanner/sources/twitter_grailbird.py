"""The X/Twitter archive before mid-2018 ("Grailbird"): `tweets.csv`, with the same tweets as
`data/js/tweets/YYYY_MM.js` for its web page, and the account in `data/js/user_details.js`
(FORMATS.md §1.1).

`tweets.csv` columns (found by normalised name, like every export CSV): `tweet_id`,
`in_reply_to_status_id`, `in_reply_to_user_id`, `timestamp` (`2013-02-14 18:55:32 +0000`),
`source`, `text`, `retweeted_status_id`, `retweeted_status_user_id`,
`retweeted_status_timestamp`, `expanded_urls`. The CSV is read rather than the monthly `.js`
files because it is one streamable file holding every tweet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_iso, text_of
from scanner.sources.csvread import header_of, rows
from scanner.sources.jsonread import load

PLATFORM = "twitter"
TWEETS = "tweets.csv"
USER_DETAILS = "user_details.js"
COLUMNS = ("tweet_id", "in_reply_to_status_id", "in_reply_to_user_id", "timestamp", "text",
           "retweeted_status_id", "expanded_urls")
_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")


def tweets_csv(archive: Archive) -> str | None:
    """The archive's tweets.csv, if its header has the `tweet_id` and `text` columns."""
    for name in archive.find(TWEETS):
        found = header_of(archive, name, "tweet_id")
        if found and "text" in found[0]:
            return name
    return None


def read(archive: Archive, name: str) -> Iterator[Item]:
    """The profile, then each tweet, then each person mentioned (once, in order of first
    mention, never the owner), as the newer archives' reader gives them."""
    owner = ""
    for profile in _profile(archive):
        owner = (profile.handle or "").lower()
        yield profile
    mentioned: dict[str, str] = {}  # lower-case handle -> as first written
    for row in rows(archive, name, "tweet_id", COLUMNS, needs=("text",)):
        text = html.unescape(row["text"])
        extra = {"links": row["expanded_urls"].replace(",", " ")} if row["expanded_urls"] else {}
        relation = ("retweet" if row["retweeted_status_id"] or text.startswith("RT @")
                    else "reply" if row["in_reply_to_status_id"] else None)
        people = tuple(dict.fromkeys(_MENTION.findall(text)))
        for handle in people:
            mentioned.setdefault(handle.lower(), handle)
        yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, row["tweet_id"] or text[:40]),
                   text=text, when=_when(row["timestamp"]), relation=relation, people=people,
                   extra=extra)
    for key, handle in mentioned.items():
        if key == owner:
            continue
        yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, handle), handle=handle,
                   relation="mentioned", url=f"https://twitter.com/{handle}")


def _when(value: str) -> datetime | None:
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return from_iso(value.strip())


def _profile(archive: Archive) -> Iterator[Item]:
    """`var user_details = {"screen_name": ..., "full_name": ..., "bio": ..., ...}`."""
    for name in archive.find(USER_DETAILS)[:1]:
        details = load(archive, name)
        if not isinstance(details, dict):
            continue
        handle = text_of(details.get("screen_name")).strip() or None
        extra = {label: value for key, label in (("location", "location"), ("id", "account_id"),
                                                 ("created_at", "created_at"))
                 if (value := str(details.get(key) or "").strip())}
        yield Item(kind=Kind.PROFILE, ref=ItemRef(PLATFORM, name, handle or "account"),
                   text=html.unescape(text_of(details.get("bio"))),
                   name=text_of(details.get("full_name")) or None, handle=handle,
                   url=f"https://twitter.com/{handle}" if handle else None, extra=extra)
