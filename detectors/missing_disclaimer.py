"""A4 missing-disclaimer: the profile ties you to the school or to teaching, with no "views are
my own"-type statement on it.

A whole-scan rule: the detector keeps a few facts per platform (is there a disclaimer on the
profile, does the profile name the school or say "teacher", how many posts talk about school
work) and decides in `finish()`, one finding per platform whose profile lacks the statement.

- certain: the profile itself names the school or the person's teaching work ("Year 6 teacher",
  "SENCo", the school's name, a handle like `MrJ_Oakwood`, a work entry at the school);
- review: only the posts suggest it: one post naming the school, or two or more posts talking
  about school work (the language pass's SCHOOL, YEAR_GROUP and PUPIL_CONTEXT entities, or
  words like "Ofsted", "my class", "parents' evening");
- LinkedIn is treated like the others: the policies' disclaimer clause has no LinkedIn
  exception (only naming the employer has one, rule A2).

A platform whose export has no profile record is skipped: there is no profile to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from detectors.base import Context, Detector, Record
from detectors.registry import register
from detectors.school.names import school_matcher
from detectors.school.teaching import teaching_words, work_talk
from detectors.text.contact import public_profile_fields
from detectors.text.disclaimer import find_disclaimer
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Item, ItemRef, Kind, platform_name

MAIN = (None, "profile")
WORK = ("position", "work", "job", "experience")
SKIPPED_POSTS = ("deleted",)
POSTS_NEEDED = 2  # posts about school work, when none names the school


@dataclass
class _Evidence:
    """What one platform's records showed, kept small whatever the archive's size."""

    profile: Item | None = None
    disclaimer: str | None = None
    tie: str | None = None  # what on the profile ties it to the school or teaching
    tie_excerpt: str = ""
    tie_certain: bool = False
    school_posts: int = 0
    work_posts: int = 0
    example: ItemRef | None = None
    example_words: str = ""


@register
class MissingDisclaimer(Detector):
    rule = "A4"
    needs = frozenset({Kind.PROFILE, Kind.POST})
    name = "missing-disclaimer"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.platforms: dict[str, _Evidence] = {}

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        evidence = self.platforms.setdefault(item.ref.platform, _Evidence())
        if item.kind is Kind.PROFILE:
            self._profile(item, evidence)
        elif item.relation not in SKIPPED_POSTS:
            self._post(record, evidence)
        return iter(())

    def _profile(self, item: Item, evidence: _Evidence) -> None:
        if item.relation not in MAIN and item.relation not in WORK:
            return
        fields = public_profile_fields(item)
        if item.relation in MAIN:
            if evidence.profile is None:
                evidence.profile = item
            for _label, text in [("name", item.name or ""), *fields]:
                evidence.disclaimer = evidence.disclaimer or find_disclaimer(text)
        if not evidence.tie_certain:
            self._tie(item, fields, evidence)

    def _tie(self, item: Item, fields: list[tuple[str, str]], evidence: _Evidence) -> None:
        """Remember the surest thing on the profile that ties it to the school or teaching."""
        matcher = school_matcher(self.ctx)
        named = [("display name", item.name or "", m) for m in matcher.in_name(item.name or "")]
        named += [("username", item.handle or "", m)
                  for m in matcher.in_handle(item.handle or "")]
        employer = [("employer", item.name or "")] if item.relation in WORK else []
        for label, text in employer + fields:
            named += [(label, text, m) for m in matcher.in_text(text, official=True,
                                                                 employment=True)]
        teaching = next(((label, text, words) for label, text in fields
                         if (words := teaching_words(text))), None)
        sure = next((n for n in named if n[2].certain), None)
        if sure or (named and not teaching):
            label, text, match = sure or named[0]
            if evidence.tie is None or sure:
                evidence.tie = f"names the school ('{match.form}' in the {label})"
                evidence.tie_excerpt = excerpt(text, match.start, match.end)
                evidence.tie_certain = sure is not None
        elif teaching:
            label, text, words = teaching
            at = text.find(words)
            evidence.tie = f"says '{words}' (in the {label})"
            if named:
                evidence.tie += f" and may name the school ('{named[0][2].form}')"
            evidence.tie_excerpt = excerpt(text, at, at + len(words))
            evidence.tie_certain = True

    def _post(self, record: Record, evidence: _Evidence) -> None:
        text = record.item.text
        if not text:
            return
        matcher = school_matcher(self.ctx)
        labels = {e.label for e in record.entities}
        school = "SCHOOL" in labels or bool(matcher.in_text(text, official=True))
        words = (None if school else
                 ("school year or pupils" if labels & {"YEAR_GROUP", "PUPIL_CONTEXT"} else None)
                 or work_talk(text, self.ctx.policy.pupil_context))
        if school:
            evidence.school_posts += 1
        elif words:
            evidence.work_posts += 1
        else:
            return
        if evidence.example is None or (school and evidence.school_posts == 1):
            evidence.example = record.item.ref
            evidence.example_words = "names the school" if school else f"'{words}'"

    def finish(self) -> Iterator[Finding]:
        for platform, evidence in sorted(self.platforms.items()):
            profile = evidence.profile
            if profile is None or evidence.disclaimer:
                continue
            where = platform_name(platform)
            if evidence.tie:
                why = (f"Your {where} profile {evidence.tie} but has no statement that your "
                       "views are your own.")
                certain = evidence.tie_certain
                shown = evidence.tie_excerpt
            elif evidence.school_posts or evidence.work_posts >= POSTS_NEEDED:
                posts = evidence.school_posts + evidence.work_posts
                why = (f"{posts} of your {where} posts talk about the school or school work "
                       f"(for example one that {evidence.example_words}, record "
                       f"{evidence.example.record if evidence.example else '?'}), but the "
                       "profile has no statement that your views are your own.")
                certain = False
                shown = excerpt(profile.text) if profile.text else "(no bio)"
            else:
                continue
            yield self.finding(profile, shown, why, certain, key=platform)
