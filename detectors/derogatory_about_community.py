"""C6 derogatory-about-community: insulting or mocking pupils, parents, colleagues or the
school.

An insult (thick, feral, chavs, morons, brats, "little sh*ts", "are animals"...) within 5 words
of a community target (pupils, the kids, my class, Year 9s, parents, mums, colleagues, the head,
SLT, the school's names, a roster name), in one sentence, and not about the poster themself
("I felt so stupid in front of the kids"). Decoys the lists rule out: "stupid o'clock", "thick
coats", "the animals at the farm", "Monster Munch"; a "stupid printer" has no target.

Mocking an adult's basic competence ("half the parents can't read a newsletter", "colleagues
who can't spell") counts only of parents and staff: "half of Year 1 can't read yet" is a report
on pupils, and "can't read English" is no mockery.

`risk` when a clear insult is aimed squarely at a community target; `review` for words that
insult only sometimes ("lazy", "useless", "monsters"), for mockery of competence, and for
targets that may be the poster's own children ("my kids are monsters today" is borderline).
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Record
from detectors.lexicons.lists import Hit, find_all, lexicon, school_pattern
from detectors.registry import register
from detectors.text.distance import closest, words_before, words_between
from detectors.text.posts import PostTextRule
from scanner.model import Finding

WINDOW = 5
SELF = {"i", "i'm", "im", "me", "myself", "felt", "feel", "feeling", "i've", "i'd"}
OWN_OR_VAGUE = {"my kids", "my children", "kids", "children", "boys", "girls", "teenagers",
                "teens"}
INSULTS = ("insult", "insult?", "mockery")
TARGETS = ("target", "target:adult")


@register
class DerogatoryAboutCommunity(PostTextRule):
    rule = "C6"
    name = "derogatory-about-community"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        words = lexicon(self.ctx, "insults")
        insults = [h for h in words.find(text) if h.category in INSULTS] if text else []
        if not insults:
            return
        targets = words.find(text, *TARGETS) + self.named(text)
        adults = [t for t in targets if t.category == "target:adult"]
        for insult in insults:
            # "can't read" mocks a parent or colleague; of pupils it is a report on them
            near = adults if insult.category == "mockery" else targets
            target = closest(text, (insult.start, insult.end), near, WINDOW, sentence=True)
            if target is None or self.about_self(text, insult, target):
                continue
            certain = insult.category == "insult" and target.term not in OWN_OR_VAGUE
            about = "a person on the roster" if target.category == "roster" else \
                f"\"{target.term}\""
            why = f"an insult (\"{insult.term}\") aimed at {about}"
            span = (min(insult.start, target.start), max(insult.end, target.end))
            hidden = [(t.start, t.end) for t in targets if t.category == "roster"]
            yield self.finding(record.item, self.excerpt_of(record, text, span, hidden), why,
                               certain=certain, key=f"insult:{insult.term}")
            return

    def named(self, text: str) -> list[Hit]:
        """The school's names and anyone on the roster (pupils, parents, staff)."""
        hits = list(find_all(school_pattern(self.ctx, self.ctx.policy.names), text, "school"))
        roster = self.ctx.roster
        if roster is not None:
            hits += [Hit(start, end, "roster", "") for start, end, _ in roster.find_in_text(text)
                     if 0 <= start < end <= len(text)]
        return hits

    def about_self(self, text: str, insult: Hit, target: Hit) -> bool:
        """ "I felt so stupid in front of the kids": the poster insults themself."""
        if SELF & set(words_before(text, insult.start, 3)):
            return True
        left, right = sorted(((insult.start, insult.end), (target.start, target.end)))
        if words_between(text, left[1], right[0]) == 0:
            return False
        between = {w.lower() for w in text[left[1]:right[0]].replace(",", " ").split()}
        return bool(SELF & between)
