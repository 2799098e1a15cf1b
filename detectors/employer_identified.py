"""A2 employer-identified: the bio, intro or work history names the school.

Read: a profile's public fields (bio, headline, summary, intro, website, location...), and its
work and education entries (Facebook's work and education, LinkedIn's Positions and Education).
The school counts when its name, an alias or a disguise of it is there ("Year 6 teacher at Oakwood
Primary School", "teacher @OakwoodPrimary", "TA at Oakwood"). A bio that says "teacher" but not
where does not fire: rule A4 deals with that.

Certainty: the school's full name or an alias is `certain`; its distinctive part alone ("TA at
Oakwood") is review. On LinkedIn a work history is expected and most policies allow it, so
LinkedIn findings are review, as advice. An education entry (the person studied there) is
review: it ties them to the school but does not say they work there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.base import Detector, Record
from detectors.registry import register
from detectors.school.names import OFFICIAL, SchoolMatch, school_matcher
from detectors.school.teaching import teaching_words
from detectors.text.contact import public_profile_fields
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Item, Kind, platform_name

MAIN = (None, "profile")
WORK = ("position", "work", "job", "experience")
EDUCATION = ("education", "school")
# "teacher at", "TA @", "Head of Science at", "work for": said just before the school's name.
_ROLE_AT = re.compile(
    r"(?:\b(?:teach\w*|TA|HLTA|LSA|SENCO|SENDCO|head\s?teacher|head(?:\s+of\s+[\w ]{1,25})?|"
    r"deputy(?:\s+head)?|assistant\s+head|governor|work(?:s|ing|ed)?|job|employed|based|"
    r"staff|lead(?:er)?|coordinator|co-ordinator|ECT|NQT|trainee|volunteer\w*)\s*(?:at|@|for|"
    r"in|with)?\s*)$", re.IGNORECASE)
LINKEDIN_NOTE = ("On LinkedIn a work history is usually allowed (most school policies make an "
                 "exception for professional networking sites): this is advice only, so check "
                 "your school's policy.")


@register
class EmployerIdentified(Detector):
    rule = "A2"
    needs = frozenset({Kind.PROFILE})
    name = "employer-identified"

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        if item.relation in MAIN:
            fields = _texts(item)
        elif item.relation in WORK or item.relation in EDUCATION:
            fields = ([("name", item.name)] if item.name else []) + _texts(item)
        else:
            return
        matcher = school_matcher(self.ctx)
        seen: set[str] = set()
        teaches = any(teaching_words(text) for _, text in fields)
        for label, text in fields:
            for match in matcher.in_text(text, official=True, employment=True):
                key = match.name
                if key not in seen:
                    seen.add(key)
                    yield self._finding(item, label, text, match, teaches)

    def _finding(self, item: Item, label: str, text: str, match: SchoolMatch,
                 teaches: bool) -> Finding:
        before = text[max(0, match.start - 40):match.start]
        role = _ROLE_AT.search(before)
        says = f"says '{role.group().strip()} {match.form}'" if role else f"names '{match.form}'"
        where = _where(item, label)
        linkedin = item.ref.platform == "linkedin"
        if match.how == OFFICIAL:
            certain = bool(role) or teaches
            why = (f"Your {where} {says}, the school's official account, so it says where you "
                   "work.")
        else:
            certain = match.certain
            how = "" if match.how == "exact" else f" ({match.how})"
            why = f"Your {where} {says}{how}, the school's name '{match.name}'."
            if not match.certain:
                why += " It may be another place with a similar name: confirm or dismiss it."
        if item.relation in EDUCATION:
            certain = False
            why += " An education entry ties you to the school even though it is not a job."
        if linkedin:
            certain = False
            why += " " + LINKEDIN_NOTE
        return self.finding(item, excerpt(text, match.start, match.end), why, certain,
                            key=match.name)


def _texts(item: Item) -> list[tuple[str, str]]:
    """Public fields in words; handle lists (LinkedIn's "twitter handles") are rule A1's."""
    return [(label, text) for label, text in public_profile_fields(item)
            if not any(k in label.lower() for k in ("handle", "username", "screen_name"))]


def _where(item: Item, label: str) -> str:
    platform = platform_name(item.ref.platform)
    if item.relation in WORK:
        return f"{platform} work history"
    if item.relation in EDUCATION:
        return f"{platform} education history"
    return f"{platform} profile ({label})"
