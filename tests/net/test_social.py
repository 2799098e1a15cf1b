"""Mastodon and Bluesky readers against a local server answering their public APIs, with the
saved real responses in ../shared/real-samples/pages/ and fictional ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.model import Item, Kind
from scanner.sources import Source
from scanner.sources.web import load_addresses
from tests.localweb import LocalWeb, Reply, serving
from tests.net.conftest import quick

JSON = "application/json"


def _json(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(value), headers=headers or {}, content_type=JSON)


@pytest.fixture
def server(loopback: None) -> Iterator[LocalWeb]:
    with serving() as web:
        web.routes["/robots.txt"] = Reply(404, "")
        yield web


def _one(address: str) -> Source:
    loaded = load_addresses([address], quick())
    assert loaded.failed == []
    (source,) = loaded.sources
    return source


def _kinds(source: Source, kind: Kind) -> list[Item]:
    return [i for i in source.items() if i.kind is kind]


# -- Mastodon --------------------------------------------------------------------------------
ACCOUNT = {
    "id": "1091", "username": "jo", "acct": "jo", "display_name": "Jo Rivers",
    "url": "https://mastodon.example/@jo",
    "note": "<p>Teacher. Fells at weekends.</p>", "avatar": "", "header": "",
    "discoverable": True, "indexable": False, "hide_collections": False, "locked": False,
    "fields": [{"name": "Blog", "value": "<a href=\"https://jo.example.org\">jo.example.org</a>",
                "verified_at": "2026-01-02T10:00:00.000Z"},
               {"name": "Works at", "value": "Oakwood Primary School", "verified_at": None}],
}


def _status(number: int, text: str, **more: Any) -> dict[str, Any]:
    return {"id": str(number), "created_at": "2026-11-20T18:00:00.000Z",
            "visibility": "public", "url": f"https://mastodon.example/@jo/{number}",
            "content": f"<p>{text}</p>", "spoiler_text": "", "media_attachments": [],
            "reblog": None, "in_reply_to_id": None, **more}


def _mastodon(web: LocalWeb, account: dict[str, Any]) -> None:
    web.routes["/.well-known/webfinger"] = _json({"subject": "acct:jo", "links": [
        {"rel": "self", "type": "application/activity+json", "href": web.url("/users/jo")}]})
    web.routes["/api/v1/accounts/lookup"] = _json(account)
    statuses_calls: list[str] = []

    def statuses(handler: Any) -> None:
        statuses_calls.append(handler.path)
        if "pinned=true" in handler.path:
            _json([_status(5, "Pinned: our walking club meets on Sundays")]).send(handler)
        elif "max_id" not in handler.path:
            _json([_status(9, "Lovely sunset over Windermere"),
                   _status(8, "Someone else's post", reblog=_status(7, "boosted words"))]
                  ).send(handler)
        elif "max_id=8" in handler.path:
            _json([_status(6, "An older post about baking")]).send(handler)
        else:
            _json([]).send(handler)

    web.routes["/api/v1/accounts/1091/statuses"] = statuses

    def followers(handler: Any) -> None:
        if "max_id" in handler.path:
            _json([{"acct": "alex", "display_name": "Alex Moss"}]).send(handler)
            return
        _json([{"acct": "sam@other.example", "display_name": "Sam Green",
                "url": "https://other.example/@sam"}],
              headers={"Link": f'<{web.url("/api/v1/accounts/1091/followers")}?max_id=2>; '
                               'rel="next"'}).send(handler)

    web.routes["/api/v1/accounts/1091/followers"] = followers
    web.routes["/api/v1/accounts/1091/following"] = _json([])


def test_mastodon_account_through_the_public_api(server: LocalWeb) -> None:
    _mastodon(server, ACCOUNT)
    source = _one(f"@jo@127.0.0.1:{server.port}")
    assert source.platform == "mastodon" and source.not_checked is None
    (profile,) = _kinds(source, Kind.PROFILE)
    assert profile.name == "Jo Rivers" and profile.text == "Teacher. Fells at weekends."
    assert profile.extra["Works at"] == "Oakwood Primary School"
    assert profile.extra["verified links"] == "Blog"
    assert (profile.extra["discoverable"], profile.extra["indexable"]) == ("true", "false")
    posts = {p.ref.record: p for p in _kinds(source, Kind.POST)}
    assert set(posts) == {"post 5", "post 9", "post 8", "post 6"}
    assert posts["post 5"].extra["pinned"] == "true"
    assert posts["post 8"].relation == "boost" and posts["post 8"].text == "boosted words"
    assert posts["post 9"].ref.file == "https://mastodon.example/@jo/9"
    followers = [(c.handle, c.relation) for c in _kinds(source, Kind.CONNECTION)]
    # the followers' Link header was followed to a second page
    assert followers == [("sam@other.example", "follower"), ("alex", "follower")]
    assert server.paths().count("/api/v1/accounts/1091/followers") == 2


def test_hidden_follower_lists_are_noted_not_read(server: LocalWeb) -> None:
    _mastodon(server, {**ACCOUNT, "hide_collections": True})
    loaded = load_addresses([f"@jo@127.0.0.1:{server.port}"], quick())
    assert _kinds(loaded.sources[0], Kind.CONNECTION) == []
    assert "/api/v1/accounts/1091/followers" not in server.paths()


def test_an_unknown_mastodon_account(server: LocalWeb) -> None:
    server.routes["/api/v1/accounts/lookup"] = _json({"error": "Record not found"}, 404)
    source = _one(f"@nobody@127.0.0.1:{server.port}")
    assert source.not_checked == f"127.0.0.1:{server.port} has no account " \
        f"@nobody@127.0.0.1:{server.port}"


def test_a_closed_api_falls_back_to_the_actor(server: LocalWeb, real_samples: Path) -> None:
    # The real actor document, its addresses pointed at this server.
    actor = (real_samples / "pages" / "activitypub_actor_emelie.json").read_text()
    actor = actor.replace("https://mocked.local", server.origin)
    server.routes["/.well-known/webfinger"] = _json({"links": [
        {"rel": "self", "type": "application/activity+json",
         "href": server.url("/users/emelie")}]})
    server.routes["/api/v1/accounts/lookup"] = _json(
        {"error": "This API requires an authenticated user"}, 401)
    server.routes["/users/emelie"] = Reply(200, actor, content_type="application/activity+json")
    server.routes["/users/emelie/outbox"] = _json({
        "type": "OrderedCollection", "first": {"type": "OrderedCollectionPage", "orderedItems": [
            {"type": "Create", "object": {"id": server.url("/users/emelie/statuses/1"),
                                          "content": "<p>New drawing of my pony</p>",
                                          "published": "2023-05-01T10:00:00Z"}}]}})
    source = _one(f"@emelie@127.0.0.1:{server.port}")
    (profile,) = _kinds(source, Kind.PROFILE)
    assert profile.name == "emelie 🎨"
    assert "probably drawing" in profile.text
    assert profile.extra["Instagram"] == "https://www.instagram.com/emelie_png/"
    assert profile.extra["manuallyApprovesFollowers"] == "false"
    assert [p.text for p in _kinds(source, Kind.POST)] == ["New drawing of my pony"]


# -- Bluesky ---------------------------------------------------------------------------------
@pytest.fixture
def appview(server: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> LocalWeb:
    monkeypatch.setenv("RISKSCAN_BLUESKY_APPVIEW", server.origin)
    return server


def test_bluesky_profile_feed_and_follows(appview: LocalWeb, real_samples: Path) -> None:
    profiles = json.loads((real_samples / "pages" / "bsky_getProfiles_2023.json").read_text())
    feed = json.loads((real_samples / "pages" / "bsky_getAuthorFeed.json").read_text())
    profile = profiles["profiles"][0]
    appview.routes["/xrpc/app.bsky.actor.getProfile"] = _json(profile)
    feed_calls: list[str] = []

    def author_feed(handler: Any) -> None:
        feed_calls.append(handler.path)
        _json(feed if "cursor" not in handler.path else {"feed": []}).send(handler)

    appview.routes["/xrpc/app.bsky.feed.getAuthorFeed"] = author_feed
    appview.routes["/xrpc/app.bsky.graph.getFollowers"] = _json(
        {"subject": profile, "followers": [{"did": "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa",
                                            "handle": "sam.bsky.social",
                                            "displayName": "Sam Green"}]})
    appview.routes["/xrpc/app.bsky.graph.getFollows"] = _json({"subject": profile,
                                                               "follows": []})
    source = _one("chriskenny.bsky.social")
    assert source.platform == "bluesky" and source.not_checked is None
    (item,) = _kinds(source, Kind.PROFILE)
    assert item.name == "Chris Kenny" and item.text.startswith("PhD Candidate in Government")
    posts = _kinds(source, Kind.POST)
    assert len(posts) == len(feed["feed"])
    assert posts[0].relation == "repost"
    assert "census" in posts[0].text
    assert len(feed_calls) == 2 and "cursor=" in feed_calls[1]  # the cursor was followed
    (follower,) = _kinds(source, Kind.CONNECTION)
    assert (follower.name, follower.relation) == ("Sam Green", "follower")


def test_bluesky_paging_stops_at_the_page_limit(appview: LocalWeb) -> None:
    appview.routes["/xrpc/app.bsky.actor.getProfile"] = _json(
        {"did": "did:plc:bbbbbbbbbbbbbbbbbbbbbbbb", "handle": "jo.bsky.social"})
    appview.routes["/xrpc/app.bsky.feed.getAuthorFeed"] = _json(
        {"feed": [], "cursor": "again"})  # a server that never stops paging
    appview.routes["*"] = _json({"followers": [], "follows": []})
    _one("jo.bsky.social")
    assert appview.paths().count("/xrpc/app.bsky.feed.getAuthorFeed") == 5


def test_bluesky_accounts_that_ask_not_to_be_shown(appview: LocalWeb) -> None:
    appview.routes["/xrpc/app.bsky.actor.getProfile"] = _json(
        {"did": "did:plc:cccccccccccccccccccccccc", "handle": "quiet.bsky.social",
         "labels": [{"val": "!no-unauthenticated", "src": "did:plc:cccccccccccccccccccccccc"}]})
    source = _one("quiet.bsky.social")
    assert source.not_checked is not None and "not logged in" in source.not_checked
    assert appview.paths() == ["/robots.txt", "/xrpc/app.bsky.actor.getProfile"]


def test_an_unknown_bluesky_account(appview: LocalWeb) -> None:
    appview.routes["/xrpc/app.bsky.actor.getProfile"] = _json(
        {"error": "InvalidRequest", "message": "Profile not found"}, 400)
    assert _one("nobody.bsky.social").not_checked == "Bluesky has no account nobody.bsky.social"


def test_a_handle_whose_domain_points_to_another_server(server: LocalWeb) -> None:
    # @jo@127.0.0.1:A is only a name: WebFinger on A says the account lives on server B.
    with serving() as home:
        home.routes["/robots.txt"] = Reply(404, "")
        _mastodon(home, ACCOUNT)
        server.routes["/.well-known/webfinger"] = _json({"links": [
            {"rel": "self", "type": "application/activity+json",
             "href": home.url("/users/jo")}]})
        server.routes["/api/v1/accounts/lookup"] = _json({"error": "Record not found"}, 404)
        source = _one(f"@jo@127.0.0.1:{server.port}")
        assert source.not_checked is None
        (profile,) = _kinds(source, Kind.PROFILE)
        assert profile.name == "Jo Rivers"
        assert "/api/v1/accounts/1091/statuses" in home.paths()
