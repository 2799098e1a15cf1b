"""Where each finding can be fixed: the post itself when the export gives enough to build its
address, else the platform's page for the setting; nothing for what has no page."""

from __future__ import annotations

import pytest

from scanner.report.links import fix_link, post_link


def _where(platform: str, file: str, record: str) -> dict[str, str]:
    return {"platform": platform, "file": file, "record": record}


@pytest.mark.parametrize(("where", "url"), [
    (_where("twitter", "data/tweets.js", "1897234561234567890"),
     "https://x.com/i/status/1897234561234567890"),
    (_where("twitter", "data/tweet.js", "20"), None),  # too short to be a post id
    (_where("twitter", "tweet.js", "1234567"), "https://x.com/i/status/1234567"),
    (_where("twitter", "data/note-tweet.js", "1897234561234567890"),
     "https://x.com/i/status/1897234561234567890"),
    (_where("twitter", "data/follower.js", "1897234561234567890"), None),  # an account id
    (_where("twitter", "data/tweets.js", "profile"), None),
    (_where("mastodon", "outbox.json", "https://mastodon.example/users/jo/statuses/11"),
     "https://mastodon.example/users/jo/statuses/11"),
    (_where("mastodon", "outbox.json", "#4"), None),
    (_where("mastodon", "outbox.json", "javascript:alert(1)"), None),
    (_where("mastodon", "outbox.json", "http://mastodon.example/users/jo/statuses/11"), None),
    (_where("bluesky", "repo.car", "at://did:plc:abc123/app.bsky.feed.post/3kxyz"),
     "https://bsky.app/profile/did%3Aplc%3Aabc123/post/3kxyz"),
    (_where("linkedin", "Shares.csv",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567"),
     "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567"),
    (_where("linkedin", "Connections.csv", "https://www.linkedin.com/in/someone"), None),
    (_where("facebook", "your_posts_1.json", "1712345678"), None),
])
def test_a_post_is_linked_only_when_its_address_can_be_built(where: dict[str, str],
                                                             url: str | None) -> None:
    link = post_link(where)
    assert (link.url if link else None) == url


@pytest.mark.parametrize(("rule", "platform", "url"), [
    ("B1", "facebook", "https://www.facebook.com/friends/list"),
    ("B3", "linkedin", "https://www.linkedin.com/mynetwork/invite-connect/connections/"),
    ("A7", "instagram", "https://www.instagram.com/accounts/privacy_and_security/"),
    ("A7", "twitter", "https://x.com/settings/audience_and_tagging"),
    ("D3", "facebook", "https://www.facebook.com/me/photos_of"),
    ("C8", "facebook", "https://www.facebook.com/groups/joins/"),
    ("A5", "twitter", "https://x.com/settings/email"),
    ("C8", "twitter", None),  # X has no groups page
    ("B1", "files", None),  # a folder of photos has no settings page
    ("B1", "mastodon", None),  # the server is the person's own: no one page to send them to
])
def test_otherwise_the_platforms_page_for_the_setting(rule: str, platform: str,
                                                      url: str | None) -> None:
    link = fix_link(rule, _where(platform, "x", "someone"))
    assert (link.url if link else None) == url
    if link:
        assert link.label.startswith("Open ")


def test_a_post_link_wins_over_the_settings_page() -> None:
    link = fix_link("C2", _where("twitter", "data/tweets.js", "1897234561234567890"))
    assert link is not None and link.label == "Open the post on X"
