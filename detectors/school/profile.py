"""Does an account's own profile name the school? Evidence that settles a doubtful match.

"Oakwood" alone in a handle may be a surname or a place, and "OPS" another school's initials, so
on their own they are review. When the same account's bio, location, website or work history
names the school for certain ("Year 5 teacher @ Oakwood Primary"), that doubt is gone: the
handle's "Oakwood" is this school. An abbreviation in the bio ("Year 2 @ OPS") is no such
evidence: it is the same doubt again.
"""

from __future__ import annotations

from dataclasses import dataclass

from detectors.school.names import OFFICIAL, SchoolMatcher
from detectors.school.teaching import teaching_words
from detectors.text.contact import public_profile_fields
from scanner.model import Item

MAIN = (None, "profile")
WORK = ("position", "work", "job", "experience")
_HANDLE_FIELDS = ("handle", "username", "screen_name")


@dataclass(frozen=True, slots=True)
class ProfileNaming:
    """Where an account's profile names the school, for a finding's explanation."""

    field: str  # "bio", "location", "work history", ...
    form: str  # the school's name as written there


def profile_names_school(item: Item, matcher: SchoolMatcher) -> ProfileNaming | None:
    """The first field of a profile or work record that names the school for certain, or None.

    A mention of the official account counts only beside teaching words ("Year 4 teacher at
    @OakwoodPrimary"): "love @OakwoodPrimary concerts" may be anyone.
    """
    if item.relation not in MAIN and item.relation not in WORK:
        return None
    for label, text in _fields(item):
        for match in matcher.in_text(text, official=True, employment=True):
            if match.certain and (match.how != OFFICIAL or teaching_words(text)):
                return ProfileNaming(label, match.form)
    return None


def _fields(item: Item) -> list[tuple[str, str]]:
    fields = [(label, text) for label, text in public_profile_fields(item)
              if not any(k in label.lower() for k in _HANDLE_FIELDS)]
    if item.relation in WORK:
        named = [("name", item.name)] if item.name else []
        return [("work history", text) for _, text in named + fields]
    return fields
