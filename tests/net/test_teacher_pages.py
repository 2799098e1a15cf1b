"""A fictional teacher's public pages, each served by its own local server: a personal site with
JSON-LD and an h-card, a Mastodon account, a Bluesky account and a login-walled Instagram. The
risks planted on them are found, the decoys stay quiet, and the walled site is not checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.policy import DEMO_PACK
from tests.localweb import LocalWeb, Reply, serving

HERE = Path(__file__).parent
TEACHER = HERE / "teacher"
JSON = "application/json"
DECOYS = ("Helvellyn", "sourdough", "01632 960777", "sam.hollis@example.org", "Striding Edge")


def _file(name: str, content_type: str = JSON) -> Reply:
    return Reply(200, (TEACHER / name).read_bytes(), content_type=content_type)


@pytest.fixture
def pages(loopback: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, LocalWeb]]:
    with ExitStack() as stack:
        servers = {name: stack.enter_context(serving()) for name in
                   ("site", "mastodon", "bluesky", "instagram")}
        for server in servers.values():
            server.routes["/robots.txt"] = Reply(404, "")
        servers["site"].routes["/"] = _file("site.html", "text/html")
        # her avatar is the school's crest (the demo pack's logo)
        servers["site"].routes["/me.png"] = Reply(200, (DEMO_PACK.parent / "logo.png")
                                                  .read_bytes(), content_type="image/png")
        fedi = servers["mastodon"]
        fedi.routes["/api/v1/accounts/lookup"] = _file("mastodon_account.json")
        statuses = (TEACHER / "mastodon_statuses.json").read_bytes()

        def timeline(handler: Any) -> None:
            first_page = "max_id" not in handler.path and "pinned" not in handler.path
            Reply(200, statuses if first_page else b"[]", content_type=JSON).send(handler)

        fedi.routes["/api/v1/accounts/4242/statuses"] = timeline
        sky = servers["bluesky"]
        sky.routes["/xrpc/app.bsky.actor.getProfile"] = _file("bluesky_profile.json")
        sky.routes["/xrpc/app.bsky.feed.getAuthorFeed"] = _file("bluesky_feed.json")
        sky.routes["/xrpc/app.bsky.graph.getFollowers"] = Reply(
            200, '{"followers": []}', content_type=JSON)
        sky.routes["/xrpc/app.bsky.graph.getFollows"] = Reply(200, '{"follows": []}',
                                                               content_type=JSON)
        servers["instagram"].routes["/samhollis.maps/"] = Reply(
            200, (HERE / "sites" / "instagram-login.html").read_bytes())
        monkeypatch.setenv("RISKSCAN_BLUESKY_APPVIEW", sky.origin)
        monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", f"instagram={servers['instagram'].origin}")
        yield servers


def test_the_teachers_public_profiles(pages: dict[str, LocalWeb],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    site = pages["site"].url("/")
    mastodon = f"@samh@127.0.0.1:{pages['mastodon'].port}"
    code = main(["scan", site, mastodon, "samhollis.bsky.social", "instagram.com/samhollis.maps",
                 "--policy", str(DEMO_PACK), "--format", "json", "--no-save"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    rules = {item["rule"]: item for item in doc["checklist"]}
    found = {(rule, f["where"]["platform"]) for rule, item in rules.items()
             for f in item["findings"]}
    planted = {("A1", "bluesky"),  # the school in the display name
               ("A2", "web"),  # the school as employer in the bio
               ("A4", "web"),  # names the school without saying views are her own
               ("A5", "web"),  # a school e-mail address on the personal site
               ("A6", "web"),  # a personal phone number in the h-card
               ("A3", "web"),  # the school's logo as her picture
               ("C1", "mastodon")}  # a pupil named in a public post
    assert planted <= found, sorted(planted - found)
    for rule in ("A1", "A2", "A5", "C1"):
        assert rules[rule]["status"] in ("risk", "review")
    excerpts = " ".join(f["excerpt"] for item in doc["checklist"] for f in item["findings"])
    for decoy in DECOYS:
        assert decoy not in excerpts
    where = {f["where"]["file"] for f in rules["C1"]["findings"]}
    assert where == {"https://fedi.example/@samh/901"}
    sources = {s["path"]: s for s in doc["scanned"]["sources"]}
    assert sources["instagram.com/samhollis.maps"]["not_checked"] == \
        "Instagram showed a login page"
    assert all(sources[a]["not_checked"] is None for a in (site, mastodon,
                                                           "samhollis.bsky.social"))
    assert [g["address"] for g in doc["guided_checks"]] == ["instagram.com/samhollis.maps"]
    # Mastodon hides her followers and Instagram could not be read: the connection rules
    # cannot be clear.
    assert rules["B1"]["status"] == "not checked"
    assert "hides who follows it" in rules["B1"]["missing"]
