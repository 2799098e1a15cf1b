"""Tweets, long posts and deleted tweets of an X archive, one record at a time.

Tweet text has HTML entities (`&amp;`) and t.co links; both are undone here. Since 2023 a long
post's `full_text` is cut at about 280 characters and the whole text sits in `note-tweet.js`,
whose ids never match the tweet's: the two are joined on their creation time, to the second.
Mentions and replies are the only place an X archive names other accounts, so each handle
becomes one CONNECTION record the first time it is seen.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from scanner.model import Item, ItemRef, Kind
from scanner.sources.archive import Archive
from scanner.sources.base import from_iso, text_of
from scanner.sources.jsonread import iter_items
from scanner.sources.twitter_files import MediaIndex, as_dict, as_list, id_of

PLATFORM = "twitter"
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def tweet_time(value: object) -> datetime | None:
    """`Wed Jan 30 04:49:50 +0000 2019` (locale-proof), or ISO-8601, as aware UTC."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    if len(parts) == 6 and parts[1][:3].lower() in _MONTHS:
        _, month, day, clock, zone, year = parts
        try:
            parsed = datetime.strptime(f"{year} {_MONTHS[month[:3].lower()]} {day} {clock} {zone}",
                                       "%Y %m %d %H:%M:%S %z")
        except ValueError:
            return None
        return parsed.astimezone(UTC)
    return from_iso(value)


def expand_links(text: str, urls: list[Any], short: str, long: str) -> tuple[str, list[str]]:
    """Replace each t.co link with the address it stands for; also return those addresses."""
    expanded: list[str] = []
    for entry in urls:
        entry = as_dict(entry)
        short_url, long_url = entry.get(short), entry.get(long)
        if isinstance(short_url, str) and short_url and isinstance(long_url, str) and long_url:
            text = text.replace(short_url, long_url)
            expanded.append(long_url)
    return text, expanded


@dataclass(frozen=True)
class Note:
    """One long post from note-tweet.js."""

    note_id: str
    file: str
    when: datetime | None
    text: str
    mentions: tuple[str, ...]
    links: tuple[str, ...]


@dataclass
class Notes:
    """note-tweet.js, read first into a small dict keyed by creation time to the second."""

    by_second: dict[datetime | None, list[Note]] = field(default_factory=dict)

    @classmethod
    def read(cls, archive: Archive, names: list[str]) -> Notes:
        notes = cls()
        for name in names:
            for index, element in enumerate(iter_items(archive, name)):
                note = _note(as_dict(as_dict(element).get("noteTweet")), name, index)
                if note is not None:
                    notes.by_second.setdefault(note.when, []).append(note)
        return notes

    def take(self, when: datetime | None, shown: str) -> Note | None:
        """The long post written in the same second as a tweet, if the tweet is its cut version.

        A note whose text starts like the tweet's is taken first; otherwise a tweet cut with `…`
        takes the first note of that second.
        """
        if when is None:
            return None
        candidates = self.by_second.get(when.replace(microsecond=0))
        if not candidates:
            return None
        start = shown.split("…")[0].strip()[:40]
        chosen = next((n for n in candidates if start and n.text.startswith(start)), None)
        if chosen is None and "…" in shown:
            chosen = candidates[0]
        if chosen is not None:
            candidates.remove(chosen)
        return chosen

    def leftovers(self) -> Iterator[Note]:
        """Notes no tweet claimed (their tweet is missing or was in a damaged file)."""
        for notes in self.by_second.values():
            yield from notes


def _note(core_note: dict[str, Any], name: str, index: int) -> Note | None:
    core = as_dict(core_note.get("core"))
    text = text_of(core.get("text"))
    if not text:
        return None
    when = from_iso(core_note.get("createdAt"))
    text, links = expand_links(html.unescape(text), as_list(core.get("urls")),
                               "shortUrl", "expandedUrl")
    mentions = tuple(h for h in (text_of(as_dict(m).get("screenName"))
                                 for m in as_list(core.get("mentions"))) if h)
    return Note(note_id=id_of(core_note.get("noteTweetId")) or f"note#{index}", file=name,
                when=when.replace(microsecond=0) if when else None, text=text,
                mentions=mentions, links=tuple(links))


@dataclass
class Posts:
    """What every tweet is read against: the owner, the notes, local media, handles seen."""

    archive: Archive
    owner_id: str | None
    owner_handle: str | None
    notes: Notes
    media: MediaIndex
    seen: set[tuple[str, str]] = field(default_factory=set)

    def read(self, name: str, relation: str | None = None) -> Iterator[Item]:
        """Every tweet in one tweets.js / tweet-partN.js / deleted-tweets.js file, streamed."""
        for index, element in enumerate(iter_items(self.archive, name)):
            element = as_dict(element)
            # 2018 archives put the fields at the top level; 2020+ wrap them in "tweet".
            tweet = as_dict(element.get("tweet", element))
            if tweet:
                yield from self._tweet(tweet, name, index, relation)

    def _tweet(self, tweet: dict[str, Any], name: str, index: int,
               relation: str | None) -> Iterator[Item]:
        post = self.post(tweet, name, index, relation)
        yield post
        entities = as_dict(tweet.get("entities"))
        for mention in (as_dict(m) for m in as_list(entities.get("user_mentions"))):
            yield from self._connection("mentioned", mention.get("screen_name"), name,
                                        mention.get("name"),
                                        id_of(mention.get("id_str")) or id_of(mention.get("id")))
        for handle in post.people:  # note-tweet mentions beyond the cut
            yield from self._connection("mentioned", handle, name, None, None)
        reply_to = id_of(tweet.get("in_reply_to_user_id_str")) or id_of(
            tweet.get("in_reply_to_user_id"))
        yield from self._connection("replied_to", tweet.get("in_reply_to_screen_name"), name,
                                    None, reply_to)

    def post(self, tweet: dict[str, Any], name: str, index: int, relation: str | None) -> Item:
        """One POST record from one tweet."""
        tweet_id = id_of(tweet.get("id_str")) or id_of(tweet.get("id")) or f"#{index}"
        entities = as_dict(tweet.get("entities"))
        raw = text_of(tweet.get("full_text")) or text_of(tweet.get("text"))
        text, links = expand_links(html.unescape(raw), as_list(entities.get("urls")),
                                   "url", "expanded_url")
        when = tweet_time(tweet.get("created_at"))
        people = [h for h in (text_of(as_dict(m).get("screen_name"))
                              for m in as_list(entities.get("user_mentions"))) if h]
        extra: dict[str, str] = {}
        note = None if raw.startswith("RT @") else self.notes.take(when, text)
        if note is not None:
            text, links = note.text, [*links, *note.links]
            people += [h for h in note.mentions if h.lower() not in {p.lower() for p in people}]
            extra["note_tweet_id"] = note.note_id
        item = Item(kind=Kind.POST, ref=ItemRef(PLATFORM, name, tweet_id), text=text, when=when,
                    relation=relation or _relation(tweet, raw), people=tuple(people),
                    media=tuple(self._media(tweet_id, tweet)), extra=extra)
        self._details(item, tweet, links)
        return item

    def _details(self, item: Item, tweet: dict[str, Any], links: list[str]) -> None:
        if links:
            item.extra["links"] = " ".join(dict.fromkeys(links))
        reply_to = text_of(tweet.get("in_reply_to_screen_name"))
        if reply_to:
            item.extra["in_reply_to"] = reply_to
        deleted = tweet_time(tweet.get("deleted_at"))
        if deleted:
            item.extra["deleted_at"] = deleted.isoformat()
        if tweet.get("possibly_sensitive") is True:
            item.extra["possibly_sensitive"] = "true"
        if self.owner_handle and not item.ref.record.startswith("#"):
            item.url = f"https://twitter.com/{self.owner_handle}/status/{item.ref.record}"
        place = as_dict(tweet.get("place"))
        item.place = text_of(place.get("full_name")) or text_of(place.get("name")) or None
        item.geo = _geo(tweet)

    def _media(self, tweet_id: str, tweet: dict[str, Any]) -> Iterator[str]:
        entries = (as_list(as_dict(tweet.get("extended_entities")).get("media"))
                   or as_list(as_dict(tweet.get("entities")).get("media")))
        for entry in entries:
            entry = as_dict(entry)
            local = list(self.media.match(tweet_id, entry))
            if local:
                yield from local
                continue
            url = entry.get("media_url_https") or entry.get("media_url")
            if isinstance(url, str) and url:
                yield url

    def _connection(self, relation: str, handle: object, name: str, display: object,
                    account_id: str | None) -> Iterator[Item]:
        """A CONNECTION the first time a handle is mentioned or replied to; never the owner."""
        if not isinstance(handle, str) or not handle.strip():
            return
        handle = handle.strip().lstrip("@")
        key = (relation, handle.lower())
        if key in self.seen or self._is_owner(handle, account_id):
            return
        self.seen.add(key)
        extra = {"account_id": account_id} if account_id else {}
        yield Item(kind=Kind.CONNECTION, ref=ItemRef(PLATFORM, name, handle), handle=handle,
                   name=text_of(display) or None, relation=relation,
                   url=f"https://twitter.com/{handle}", extra=extra)

    def _is_owner(self, handle: str, account_id: str | None) -> bool:
        if self.owner_handle and handle.lower() == self.owner_handle.lower():
            return True
        return bool(self.owner_id and account_id == self.owner_id)

    def note_posts(self) -> Iterator[Item]:
        """Long posts whose tweet was not found: still the person's own words, so still read."""
        for note in self.notes.leftovers():
            yield Item(kind=Kind.POST, ref=ItemRef(PLATFORM, note.file, note.note_id),
                       text=note.text, when=note.when, people=note.mentions,
                       extra={"note_tweet_id": note.note_id,
                              "note": "long post whose tweet is not in the archive"})
            for handle in note.mentions:
                yield from self._connection("mentioned", handle, note.file, None, None)


def _relation(tweet: dict[str, Any], raw: str) -> str | None:
    if raw.startswith("RT @"):
        return "retweet"
    # The in_reply_to_* keys are absent on other tweets; null is treated the same way.
    keys = ("in_reply_to_status_id_str", "in_reply_to_status_id", "in_reply_to_user_id_str",
            "in_reply_to_user_id", "in_reply_to_screen_name")
    return "reply" if any(id_of(tweet.get(key)) for key in keys) else None


def _geo(tweet: dict[str, Any]) -> tuple[float, float] | None:
    """Coordinates: GeoJSON `coordinates` is [lon, lat]; the legacy `geo` is [lat, lon]."""
    for key, lat_first in (("coordinates", False), ("geo", True)):
        pair = as_list(as_dict(tweet.get(key)).get("coordinates"))
        if len(pair) != 2:
            continue
        try:
            first, second = float(pair[0]), float(pair[1])
        except (TypeError, ValueError):
            continue
        lat, lon = (first, second) if lat_first else (second, first)
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            return (lat, lon)
    return None
