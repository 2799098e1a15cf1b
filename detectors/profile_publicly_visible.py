"""A7 profile-publicly-visible: the profile or its posts can be read without logging in.

Exports say this in a few fields, which readers keep in `extra` under the platform's own
labels, so the keys are matched loosely (case-insensitive, by what they contain):

- "private" (Instagram's `Private Account: False`): false means public;
- "protected" (X's "Protect your posts"): false means public;
- "discoverable" / "indexable" (Mastodon): true means listed in search;
- "visibility" / "audience" / "privacy" on a profile or post: "public", "unlisted", "anyone"
  or ActivityStreams' `#Public` means public (Mastodon posts, LinkedIn shares). LinkedIn's
  `MEMBER_NETWORK` is not read as public: LinkedIn's own name for the setting's type is
  `MemberNetworkVisibility`, whose values include CONNECTIONS, and its exports write PUBLIC for
  posts shared with anyone; so only PUBLIC counts. A value such as LOGGED_IN (every LinkedIn
  member) is review.

One finding per platform. When no record of a platform says either way, the rule cannot tell:
`missing()` says so (the item is "not checked", never "clear").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from detectors.base import Context, Detector, Record
from detectors.registry import register
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Item, Kind, platform_name

PUBLIC, MEMBERS, PRIVATE = "public", "members", "private"
READ_LOGGED_OUT = "public: riskscan read it without logging in"  # set by the page readers
_TRUE = frozenset({"true", "yes", "1", "on", "y", "t"})
_FALSE = frozenset({"false", "no", "0", "off", "n", "f"})
_PUBLIC_WORDS = ("public", "unlisted", "anyone", "everyone", "all", "open", "world")
_MEMBER_WORDS = ("logged_in", "loggedin")
_PRIVATE_WORDS = ("private", "connections", "member_network", "network", "friends",
                  "followers", "direct", "only_me",
                  "only me", "self", "closed", "custom", "restricted", "protected")


@dataclass
class _Seen:
    profile: Item | None = None
    public_profile: tuple[Item, str, str] | None = None  # (record, field, value)
    private: bool = False
    public_posts: int = 0
    member_posts: int = 0
    example: tuple[Item, str, str] | None = None


def verdict(key: str, value: str) -> str | None:
    """What one labelled field says about who can see the account or post, or None."""
    low_key, low = key.lower(), value.strip().lower()
    if "activitystreams#public" in low:
        return PUBLIC
    if "private" in low_key or "protected" in low_key:
        return PRIVATE if low in _TRUE else PUBLIC if low in _FALSE else None
    if "discoverable" in low_key or "indexable" in low_key:
        return PUBLIC if low in _TRUE else None
    if any(k in low_key for k in ("visibility", "audience", "privacy", "whocanview",
                                  "who_can_view", "who can see")):
        words = low.replace("-", "_")
        if any(w in words for w in _MEMBER_WORDS):
            return MEMBERS
        if any(w in words for w in _PRIVATE_WORDS):
            return PRIVATE
        if any(w == words or words.startswith(w) for w in _PUBLIC_WORDS):
            return PUBLIC
    return None


@register
class ProfilePubliclyVisible(Detector):
    rule = "A7"
    needs = frozenset({Kind.PROFILE, Kind.POST})
    name = "profile-publicly-visible"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.platforms: dict[str, _Seen] = {}

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        seen = self.platforms.setdefault(item.ref.platform, _Seen())
        if item.kind is Kind.PROFILE and item.relation in (None, "profile"):
            seen.profile = seen.profile or item
        for key, value in item.extra.items():
            if not isinstance(value, str):
                continue
            said = verdict(key, value)
            if said is None:
                continue
            if item.kind is Kind.PROFILE:
                if said == PRIVATE:
                    seen.private = True
                elif said == PUBLIC and seen.public_profile is None:
                    seen.public_profile = (item, key, value)
            elif said == PUBLIC:
                seen.public_posts += 1
                seen.example = seen.example or (item, key, value)
            elif said == MEMBERS:
                seen.member_posts += 1
                seen.example = seen.example or (item, key, value)
        return iter(())

    def finish(self) -> Iterator[Finding]:
        for platform, seen in sorted(self.platforms.items()):
            where = platform_name(platform)
            if seen.public_profile is not None:
                item, key, value = seen.public_profile
                why = (f"Your {where} export says the account is public ({key}: {value}): "
                       "anyone can read your profile and posts without logging in.")
                if value.startswith(READ_LOGGED_OUT):  # a public page riskscan itself read
                    why = (f"riskscan read your {where} profile at {item.ref.file} without "
                           "logging in, so anyone can read it: check that everything on it is "
                           "something you are happy for pupils and parents to see.")
                yield self.finding(item, excerpt(f"{key}: {value}"), why, True, key=platform)
            elif seen.private or seen.example is None:
                continue
            elif seen.public_posts:
                item, key, value = seen.example
                why = (f"{seen.public_posts} of your {where} posts are public ({key}: {value}): "
                       "they can be read without logging in.")
                yield self.finding(item, excerpt(f"{key}: {value}"), why, True, key=platform)
            else:
                item, key, value = seen.example
                why = (f"{seen.member_posts} of your {where} posts are shared with the whole "
                       f"{where} network ({key}: {value}), not a closed group: check who can "
                       "see them.")
                yield self.finding(item, excerpt(f"{key}: {value}"), why, False, key=platform)

    def missing(self) -> str | None:
        unknown = sorted(p for p, seen in self.platforms.items()
                         if not (seen.public_profile or seen.private or seen.example))
        if not unknown:
            return None
        names = ", ".join("LinkedIn" if p == "linkedin" else p.capitalize() for p in unknown)
        return (f"Your export does not say whether your profile is public ({names}): check "
                "your privacy settings, or scan your public profile address.")
