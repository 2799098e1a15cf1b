"""C3 pupil-performance: posts about pupils' marks, results, behaviour or progress.

A performance term (SATs results, grades, detention, reading age, working below, "at
expected", "averaged 14/20", meltdown...) within 12 words of a pupil reference ("my class",
"12 of my set", "the kids", "my Year 6s", "Year 11", a roster pupil's name). Decoys the lists
rule out: "Marks and Spencer", "question marks", "my own exam results"; results with no pupil
near them ("great results for Arsenal") never match; nor do posts about the poster's own
children ("my daughter's GCSE results"). `risk` when the pupils are the poster's own ("my Year
5 class's results", "24 of my 30") or a roster pupil the roster is sure of; `review` for pupils
spoken of generally ("the kids", "Year 10", "my lot").
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Record
from detectors.lexicons.lists import Hit, lexicon
from detectors.registry import register
from detectors.text.distance import closest
from detectors.text.posts import PostTextRule, about_own_family, pupil_refs
from scanner.model import Finding

WINDOW = 12
# The poster's own pupils ("my Year 6s", "24 of my 30") or a roster pupil the roster is sure
# of: the post is about identifiable pupils' results. "The kids", "Year 10": review.
OWN_PUPILS = ("pupil", "PUPIL_CONTEXT", "roster:sure")


@register
class PupilPerformance(PostTextRule):
    rule = "C3"
    name = "pupil-performance"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        words = lexicon(self.ctx, "performance")
        terms = [h for h in words.find(text) if h.category == "performance"] if text else []
        if not terms:
            return
        refs = pupil_refs(self.ctx, record, text)
        sure = self.roster_pupils(text)
        for term in terms:
            ref = closest(text, (term.start, term.end), refs + sure, WINDOW)
            if ref is None:
                continue
            on_roster = ref.category.startswith("roster")
            if not on_roster and (
                    about_own_family(self.ctx, text, (ref.start, ref.end))
                    or about_own_family(self.ctx, text, (term.start, term.end))):
                continue
            about = "a pupil on the roster" if on_roster else f"\"{ref.term}\""
            why = f"pupils' performance (\"{term.term}\") next to {about}"
            hidden = [(h.start, h.end) for h in sure]
            yield self.finding(record.item,
                               self.excerpt_of(record, text, (term.start, term.end), hidden),
                               why, certain=ref.category in OWN_PUPILS,
                               key=f"performance:{term.term}")
            return

    def roster_pupils(self, text: str) -> list[Hit]:
        roster = self.ctx.roster
        if roster is None:
            return []
        return [Hit(start, end, "roster:sure" if m.certain else "roster:maybe", "")
                for start, end, m in roster.find_in_text(text)
                if m.entry.role == "pupil" and 0 <= start < end <= len(text)]
