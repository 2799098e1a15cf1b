"""Key drift in JSON exports is reported, never read as silently empty (scanner.sources.drift).

The bundled fictional teacher's exports (fixtures.generate) are read once as they are (no
problem listed) and once with the key that holds the text renamed, as a platform might rename it
in a version the readers have not seen: then a problem names the file and the keys it holds.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.generate import generate_demo
from scanner.model import Item, Kind, Problem
from scanner.sources import load_sources

Rewrite = Callable[[bytes], bytes] | None  # None drops the member


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate_demo(tmp_path_factory.mktemp("demo"))


def rewritten(source: Path, dest: Path, changes: dict[str, Rewrite]) -> Path:
    """A copy of an export zip with the members matching each pattern changed or dropped."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            change = next((c for pattern, c in changes.items()
                           if re.search(pattern, info.filename)), False)
            if change is None:
                continue
            data = old.read(info)
            new.writestr(info, change(data) if change else data)
    return dest


def renamed(*pairs: tuple[str, str]) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        for old, new in pairs:
            data = data.replace(f'"{old}"'.encode(), f'"{new}"'.encode())
        return data
    return change


def read(path: Path) -> tuple[list[Item], list[Problem]]:
    loaded = load_sources([path])
    try:
        (source,) = loaded.sources
        return list(source.items()), source.problems
    finally:
        loaded.close()


def drift(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if "none had text" in p.error]


@pytest.mark.parametrize("platform", ["twitter", "facebook", "instagram", "linkedin"])
def test_the_exports_as_generated_read_without_a_drift_problem(
        demo: dict[str, Path], platform: str) -> None:
    items, problems = read(demo[platform])
    assert any(i.text for i in items if i.kind is Kind.POST)
    assert drift(problems) == []


@pytest.mark.parametrize(("platform", "changes", "expected", "key"), [
    ("twitter", {r"tweets\.js$": renamed(("full_text", "fullText")), r"note-tweet": None},
     r"^tweets\.js: \d+ posts but none had text", "tweet.fullText"),
    ("facebook", {r"your_posts": renamed(("post", "post_text"), ("description", "caption"))},
     r"^your_posts__check_ins__photos_and_videos_1\.json: \d+ posts but none had text",
     "data.post_text"),
    ("facebook", {r"message_1\.json$": renamed(("content", "text"))},
     r"^message_1\.json \(and 1 more like it\): \d+ messages but none had text", "messages.text"),
    ("instagram", {r"posts_1\.json$": renamed(("title", "caption"))},
     r"^posts_1\.json: \d+ posts but none had text", "media.caption"),
], ids=["x-tweets", "facebook-posts", "messenger", "instagram-posts"])
def test_a_renamed_text_key_is_a_problem_naming_the_keys(
        demo: dict[str, Path], tmp_path: Path, platform: str, changes: dict[str, Rewrite],
        expected: str, key: str) -> None:
    items, problems = read(rewritten(demo[platform], tmp_path / "drifted.zip", changes))
    (problem,) = drift(problems)
    assert re.match(expected, problem.error), problem.error
    keys = problem.error.split("keys seen: ", 1)[1]
    assert key in keys.split(", ")
    assert problem.error.endswith("please report this export layout")
    assert "\n" not in problem.error
    assert items  # everything else is still read


@pytest.mark.parametrize(("platform", "changes", "expected"), [
    ("facebook", {r"your_friends\.json$": renamed(("friends_v2", "friends_v9"))},
     "your_friends.json: none of the keys riskscan reads (friends_v2, friends) is in this file, "
     "so it was not read; keys seen: friends_v9 — please report this export layout"),
    ("instagram", {r"following\.json$": renamed(("relationships_following", "following_v2"))},
     "following.json: none of the keys riskscan reads (relationships_following) is in this "
     "file, so it was not read; keys seen: following_v2 — please report this export layout"),
], ids=["facebook-friends", "instagram-following"])
def test_a_renamed_top_level_key_is_a_problem_naming_the_keys(
        demo: dict[str, Path], tmp_path: Path, platform: str, changes: dict[str, Rewrite],
        expected: str) -> None:
    before, _ = read(demo[platform])
    items, problems = read(rewritten(demo[platform], tmp_path / "drifted.zip", changes))
    assert [p.error for p in problems] == [expected]
    lost = [i for i in before if i not in items]
    assert lost and all(i.kind is Kind.CONNECTION for i in lost)  # only that file went unread


MASTODON_ACTOR = {"@context": "https://www.w3.org/ns/activitystreams", "type": "Person",
                  "preferredUsername": "jo", "url": "https://example.social/@jo"}


def outbox(*activities: dict[str, object]) -> str:
    return json.dumps({"@context": "https://www.w3.org/ns/activitystreams",
                       "type": "OrderedCollection", "orderedItems": list(activities)})


def note(number: int, **fields: object) -> dict[str, object]:
    return {"type": "Create", "published": "2024-07-01T10:00:00Z",
            "object": {"id": f"https://example.social/users/jo/statuses/{number}",
                       "type": "Note", **fields}}


BOOST = {"type": "Announce", "object": "https://other.example/statuses/9"}


def mastodon(tmp_path: Path, activities: list[dict[str, object]]) -> Path:
    folder = tmp_path / "masto"
    folder.mkdir()
    (folder / "actor.json").write_text(json.dumps(MASTODON_ACTOR), encoding="utf-8")
    (folder / "outbox.json").write_text(outbox(*activities), encoding="utf-8")
    return folder


def test_mastodon_posts_under_an_unknown_key_are_a_problem(tmp_path: Path) -> None:
    path = mastodon(tmp_path, [note(1, body="<p>Trip to the coast</p>"), note(2, body="Hi"),
                               BOOST])
    items, problems = read(path)
    assert len([i for i in items if i.kind is Kind.POST]) == 3
    (problem,) = problems
    assert problem.error.startswith("outbox.json: 2 posts but none had text; keys seen: ")
    assert "orderedItems.object.body" in problem.error


@pytest.mark.parametrize("activities", [
    [note(1, content="<p>Trip to the coast</p>"), note(2, content="")],  # one has text
    [BOOST, BOOST],  # boosts carry no text of the person's own
    [],  # nothing posted
], ids=["some-text", "boosts-only", "empty"])
def test_mastodon_without_drift_is_not_a_problem(tmp_path: Path,
                                                 activities: list[dict[str, object]]) -> None:
    _, problems = read(mastodon(tmp_path, activities))
    assert problems == []


def test_x_message_headers_have_no_text_by_design(demo: dict[str, Path], tmp_path: Path) -> None:
    def headers_only(data: bytes) -> bytes:
        text = data.decode().replace("direct_messages", "direct_message_headers", 1)
        return re.sub(r'"text" : "[^"]*",?', "", text).encode()

    path = rewritten(demo["twitter"], tmp_path / "x.zip", {
        r"direct-messages\.js$": None,
        r"manifest\.js$": renamed(("data/direct-messages.js", "data/direct-message-headers.js")),
    })
    with zipfile.ZipFile(demo["twitter"]) as old, zipfile.ZipFile(path, "a") as new:
        new.writestr("data/direct-message-headers.js",
                     headers_only(old.read("data/direct-messages.js")))
    items, problems = read(path)
    assert [i for i in items if i.kind is Kind.MESSAGE and i.ref.file.endswith("headers.js")]
    assert drift(problems) == []
