"""X/Twitter "Your archive" reader: every layout from the Grailbird `tweets.csv` archive (before
mid-2018, see twitter_grailbird.py) and the 2018 root-folder archive to 2024+.

Layouts (FORMATS.md §1): 2018 puts `tweet.js`, `account.js`... at the archive root with no
manifest and tweet fields at the top level of each element; 2020-22 moves them into `data/` with
a `manifest.js`; late 2022 renames `tweet.js` to `tweets.js`. Big data types are split into part
files (`tweets-part1.js`...), which the manifest lists. Everything is streamed element by element,
so a 400,000-tweet archive reads in flat memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.model import Item
from scanner.sources import twitter_grailbird as grailbird
from scanner.sources.archive import Archive
from scanner.sources.base import Reader
from scanner.sources.twitter_files import Layout, MediaIndex
from scanner.sources.twitter_people import connection_items, dm_items, profile_items, read_owner
from scanner.sources.twitter_posts import PLATFORM, Notes, Posts


def detect(archive: Archive) -> int:
    """20 when a known X file carries the `window.YTD` / `__THAR_CONFIG` wrapper, 15 for a
    Grailbird `tweets.csv`, else 0."""
    if Layout.of(archive, read_manifest=False).wrapped():
        return 20
    return 15 if grailbird.tweets_csv(archive) else 0


def version(archive: Archive) -> str | None:
    layout = Layout.of(archive)
    if not layout.wrapped():
        return "before mid-2018 (tweets.csv)" if grailbird.tweets_csv(archive) else None
    tweets = [n.rsplit("/", 1)[-1].lower() for n in layout.glob(*_TWEET_FILES)]
    dated = bool(layout.manifest) or layout.in_data_folder()
    if layout.lists("tweets") or any(n.startswith("tweets") for n in tweets):
        return "2022+ data/tweets.js"
    if dated and (layout.lists("tweet") or tweets):
        return "2020-22 data/tweet.js"
    return "2020+ data/ folder" if dated else "2018 root layout"


_TWEET_FILES = ("tweets.js", "tweets-part*.js", "tweet.js", "tweet-part*.js")


def read(archive: Archive) -> Iterator[Item]:
    layout = Layout.of(archive)
    old = None if layout.wrapped() else grailbird.tweets_csv(archive)
    if old:
        yield from grailbird.read(archive, old)
        return
    owner = read_owner(layout)
    yield from profile_items(layout, owner)
    posts = Posts(archive, owner.account_id, owner.handle,
                  Notes.read(archive, layout.files("note_tweets")), MediaIndex(archive))
    for name in layout.files("tweets"):
        yield from posts.read(name)
    for name in layout.files("deleted_tweets"):
        yield from posts.read(name, relation="deleted")
    yield from posts.note_posts()
    yield from connection_items(layout)
    yield from dm_items(layout, owner)


READER = Reader(platform=PLATFORM, detect=detect, version=version, read=read)
