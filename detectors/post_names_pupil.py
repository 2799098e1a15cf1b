"""C1 post-names-pupil: a post names a pupil on the roster, or names someone next to words
that make them the poster's pupil ("my Year 6s", "a child in my class", "one of my students").

Two routes, because a roster is not always there:
- the roster: every pupil (and former pupil under 18) whose name the roster finds in the text.
  `risk` when the roster is sure of the match (the full name, or a known nickname), else
  `review`.
- the language: a person's name (spaCy PERSON, or a common children's first name the small
  model misses) within 12 words, or one sentence, of the poster's own pupil context. `review`:
  a person must say whether it is a pupil. Unless the roster settles it: the name ("Katie A",
  "Zoë B", a nickname) fits exactly one person on the roster, a current pupil, and any year
  group the text names is that pupil's. A name and "one of my Year 5s" that agree on one child
  are no longer a guess, so that is `risk`; a bare name with no pupil context stays review.
Left out on purpose: names with a title or an adult role just before them ("Mrs Brown",
"author Michael Morpurgo", "my husband Tom", "by Ted Hughes"), posts about the poster's own
children ("my son's Year 5 teacher", "my daughter Emily starts Year 1"), the account holder's own
names, and names the roster knows as staff, governors or parents. "5 years ago" is never a year
group (the language pass only reads "Year 5", "Y5", "KS2").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.base import NameMatch, Record
from detectors.lexicons.lists import Hit, lexicon
from detectors.registry import register
from detectors.text.distance import closest, words_before
from detectors.text.posts import (
    PostTextRule,
    about_own_family,
    name_key,
    name_spans,
    own_name_parts,
    pupil_refs,
)
from scanner.model import Finding

WINDOW = 12  # words between a name and the pupil context
SENTENCE_WINDOW = 25  # ... or this many, when both are in one sentence
CHILD_ROLES = ("pupil", "ex-pupil")
ADULT_ROLES = ("staff", "governor", "parent")
# A year group named in a post: "Year 5", "my Year 5s", "Y5", "yr 5".
_YEAR_GROUP = re.compile(r"(?<![\w])(?:year|yr|y)\s?(\d{1,2})(?:s)?(?!\w)", re.IGNORECASE)


def role_words(match: NameMatch) -> str:
    entry = match.entry
    if entry.role == "pupil":
        year = f" ({entry.year_group})" if entry.year_group else ""
        return f"a current pupil{year}"
    return "a former pupil under 18" if entry.under_18 else "a former pupil (age not known)"


def is_child(match: NameMatch) -> bool:
    entry = match.entry
    return entry.role == "pupil" or (entry.role == "ex-pupil" and entry.under_18 is not False)


@register
class PostNamesPupil(PostTextRule):
    rule = "C1"
    name = "post-names-pupil"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        if len(text) < 3:
            return
        seen: set[str] = set()
        roster_spans: list[tuple[int, int]] = []
        for finding, span in self._roster(record, text):
            roster_spans.append(span)
            if finding is not None and finding.key not in seen:
                seen.add(finding.key)
                yield finding
        for finding in self._named_near_context(record, text, roster_spans):
            if finding.key not in seen:
                seen.add(finding.key)
                yield finding

    # -- route 1: the roster -------------------------------------------------------------
    def _roster(self, record: Record, text: str) -> Iterator[tuple[Finding | None,
                                                                   tuple[int, int]]]:
        """Every roster name in the text (its span), with a finding when it is a child."""
        roster = self.ctx.roster
        if roster is None:
            return
        own = own_name_parts(self.ctx)
        for start, end, match in roster.find_in_text(text):
            if not 0 <= start < end <= len(text):
                continue
            written = " ".join(text[start:end].lower().split())
            if not is_child(match) or written in own:
                yield None, (start, end)
                continue
            certain = match.certain and (match.entry.role == "pupil"
                                         or match.entry.under_18 is True)
            why = (f"names {role_words(match)} on the roster (matched {match.how}, "
                   f"score {match.score:.0f})")
            yield (self.finding(record.item, self.excerpt_of(record, text, (start, end),
                                                             [(start, end)]),
                                why, certain, key=f"roster:{match.entry.id}"), (start, end))

    # -- route 2: a name next to pupil context --------------------------------------------
    def _named_near_context(self, record: Record, text: str,
                            roster_spans: list[tuple[int, int]]) -> Iterator[Finding]:
        contexts = pupil_refs(self.ctx, record, text, generic=False)
        if not contexts:
            return
        for span in name_spans(self.ctx, record, text):
            if any(span[0] < b and a < span[1] for a, b in roster_spans):
                continue  # the roster already judged this name
            context = self._context_for(text, span, contexts)
            if context is None or self._adult(text, span):
                continue
            if about_own_family(self.ctx, text, span) or about_own_family(
                    self.ctx, text, (context.start, context.end)):
                continue
            finding = self._judged_by_roster(record, text, span)
            if isinstance(finding, Finding):
                yield finding
                continue
            if finding is False:
                continue
            why = (f"a person's name next to pupil context (\"{context.text.strip()}\"): "
                   "check whether it is a pupil")
            yield self.finding(record.item, self.excerpt_of(record, text, span, [span]),
                               why, certain=False, key=name_key(text[span[0]:span[1]]))

    def _context_for(self, text: str, span: tuple[int, int], contexts: list[Hit]) -> Hit | None:
        return (closest(text, span, contexts, WINDOW)
                or closest(text, span, contexts, SENTENCE_WINDOW, sentence=True))

    def _adult(self, text: str, span: tuple[int, int]) -> bool:
        """A title or adult role just before the name, or as its first word ("Mrs Brown"),
        or an article before it: "so many Gruffalos" is not a person."""
        adults = lexicon(self.ctx, "people")
        first = text[span[0]:span[1]].split()[0].rstrip(".").lower()
        before = words_before(text, span[0], 1)
        words = {first, *before}
        return any(adults.find(word, "adult_before") for word in words) or bool(
            before and adults.find(before[0], "determiner"))

    def _judged_by_roster(self, record: Record, text: str,
                          span: tuple[int, int]) -> Finding | bool | None:
        """With a roster: a finding if the name is a pupil's, False if an adult's, else None."""
        roster = self.ctx.roster
        if roster is None:
            return None
        matches = roster.match_name(text[span[0]:span[1]])
        best = matches[0] if matches else None
        if best is None:
            return None
        if best.entry.role in ADULT_ROLES and best.certain:
            return False
        if not is_child(best):
            return None
        written = text[span[0]:span[1]]
        settled = not best.certain and settled_by_context(matches, written, text)
        why = (f"names {role_words(best)} on the roster, next to pupil context (matched "
               f"{best.how}, score {best.score:.0f})")
        if settled:
            why += "; no one else on the roster fits the name, and the pupil context fits them"
        return self.finding(record.item, self.excerpt_of(record, text, span, [span]), why,
                            certain=(best.certain or settled) and best.entry.role == "pupil",
                            key=f"roster:{best.entry.id}")


def settled_by_context(matches: list[NameMatch], written: str, text: str) -> bool:
    """A name beside the poster's pupil context that only one roster pupil can be.

    The name has a surname or its initial (a first name alone is anyone's), exactly one roster
    entry matches (no second pupil, no parent of the same name), it is a current pupil, the
    match is not a guessed misspelling, and every year group the text names is the pupil's own:
    "Katie A ... one of my Year 5s" and a Year 5 Katherine Ashdown.
    """
    if len(written.split()) < 2 or len(matches) != 1:
        return False
    if matches[0].how == "typo" or matches[0].entry.role != "pupil":
        return False
    named = {int(m.group(1)) for m in _YEAR_GROUP.finditer(text)}
    if not named:
        return True
    own = re.search(r"\d{1,2}", matches[0].entry.year_group or "")
    return own is not None and named == {int(own.group())}
