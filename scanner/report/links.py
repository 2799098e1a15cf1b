"""Where each finding can be fixed, in one click: the post itself when the export gives enough
to build its address, otherwise the platform's own page for that setting.

    fix_link("C2", {"platform": "twitter", "file": "data/tweets.js", "record": "1234"})
    -> FixLink("https://x.com/i/status/1234", "Open the post on X")

Only addresses of the platforms' own sites are built; nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from scanner.model import site_name

_DIGITS = re.compile(r"\d{5,25}")
# at://did:plc:abc/app.bsky.feed.post/3kxyz -> the post on bsky.app
_BLUESKY = re.compile(r"at://(did:[a-z0-9:._-]+)/app\.bsky\.feed\.post/([A-Za-z0-9]+)")
_POST_FILES = ("tweet", "note-tweet")

# The platform's page for each kind of setting a rule is fixed in.
_SETTINGS: dict[str, dict[str, tuple[str, str]]] = {
    "friends": {
        "facebook": ("https://www.facebook.com/friends/list", "Open your Facebook friends list"),
        "twitter": ("https://x.com/settings/your_twitter_data/account",
                    "Open your X account settings"),
        "instagram": ("https://www.instagram.com/accounts/edit/",
                      "Open your Instagram profile settings"),
        "linkedin": ("https://www.linkedin.com/mynetwork/invite-connect/connections/",
                     "Open your LinkedIn connections"),
    },
    "privacy": {
        "facebook": ("https://www.facebook.com/settings/?tab=privacy",
                     "Open Facebook's privacy settings"),
        "twitter": ("https://x.com/settings/audience_and_tagging",
                    "Open X's audience and tagging settings"),
        "instagram": ("https://www.instagram.com/accounts/privacy_and_security/",
                      "Open Instagram's privacy settings"),
        "linkedin": ("https://www.linkedin.com/public-profile/settings",
                     "Open LinkedIn's public profile settings"),
    },
    "profile": {
        "facebook": ("https://www.facebook.com/me/about", "Open your Facebook profile details"),
        "twitter": ("https://x.com/settings/profile", "Open your X profile"),
        "instagram": ("https://www.instagram.com/accounts/edit/",
                      "Open your Instagram profile"),
        "linkedin": ("https://www.linkedin.com/in/me/", "Open your LinkedIn profile"),
    },
    "photos": {
        "facebook": ("https://www.facebook.com/me/photos_of",
                     "Open the photos you are tagged in on Facebook"),
        "twitter": ("https://x.com/settings/location", "Open X's location settings"),
        "instagram": ("https://www.instagram.com/accounts/privacy_and_security/",
                      "Open Instagram's tagging and privacy settings"),
        "linkedin": ("https://www.linkedin.com/in/me/recent-activity/images/",
                     "Open your LinkedIn images"),
    },
    "posts": {
        "facebook": ("https://www.facebook.com/me/allactivity",
                     "Open your Facebook activity log"),
        "instagram": ("https://www.instagram.com/your_activity/",
                      "Open your Instagram activity"),
        "linkedin": ("https://www.linkedin.com/in/me/recent-activity/all/",
                     "Open your LinkedIn posts"),
    },
    "groups": {
        "facebook": ("https://www.facebook.com/groups/joins/", "Open your Facebook groups"),
        "linkedin": ("https://www.linkedin.com/groups/", "Open your LinkedIn groups"),
    },
    "email": {
        "facebook": ("https://accountscentre.facebook.com/personal_info/contact_points",
                     "Open Facebook's contact details"),
        "twitter": ("https://x.com/settings/email", "Open X's e-mail setting"),
        "instagram": ("https://accountscentre.instagram.com/personal_info/contact_points",
                      "Open Instagram's contact details"),
        "linkedin": ("https://www.linkedin.com/mypreferences/d/manage-email-addresses",
                     "Open LinkedIn's e-mail addresses"),
    },
}
# Which page fixes each rule (first letter of the rule for the areas not listed).
_RULE_SETTING = {"A1": "profile", "A2": "profile", "A3": "profile", "A4": "profile",
                 "A5": "email", "A6": "profile", "A7": "privacy", "C8": "groups",
                 "D3": "photos", "D4": "photos"}
_AREA_SETTING = {"A": "profile", "B": "friends", "C": "posts", "D": "photos"}


@dataclass(frozen=True)
class FixLink:
    url: str
    label: str


def fix_link(rule: str, where: dict[str, Any]) -> FixLink | None:
    """The one-click place to fix a finding of `rule` found at `where` (its platform, file and
    record, as in the JSON report), or None when there is no page to send the person to."""
    return post_link(where) or setting_link(rule, str(where.get("platform") or ""))


def post_link(where: dict[str, Any]) -> FixLink | None:
    """The post itself: an X post from its id, a Mastodon post from its address, a Bluesky
    post from its at:// URI, a LinkedIn share from its link."""
    platform = str(where.get("platform") or "")
    record = str(where.get("record") or "")
    file = str(where.get("file") or "").rsplit("/", 1)[-1].lower()
    name = site_name(platform)
    if platform == "twitter" and _DIGITS.fullmatch(record) and file.startswith(_POST_FILES):
        return FixLink(f"https://x.com/i/status/{record}", "Open the post on X")
    bluesky = _BLUESKY.fullmatch(record)
    if bluesky:
        did, key = bluesky.groups()
        return FixLink(f"https://bsky.app/profile/{quote(did)}/post/{quote(key)}",
                       "Open the post on Bluesky")
    if platform in ("mastodon", "linkedin") and _is_web_address(record):
        if platform == "linkedin" and "/feed/update/" not in record:
            return None  # a connection's profile, not a share
        return FixLink(record, f"Open the post on {name}")
    return None


def setting_link(rule: str, platform: str) -> FixLink | None:
    """The platform's own page for the setting that fixes `rule` (friends list, privacy,
    tagged photos...)."""
    setting = _RULE_SETTING.get(rule) or _AREA_SETTING.get(rule[:1], "")
    found = _SETTINGS.get(setting, {}).get(platform)
    return FixLink(*found) if found else None


def _is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme == "https" and bool(parts.netloc) and " " not in text
