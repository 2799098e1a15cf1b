"""C4 grievance-on-social-media: complaints about the school, managers or colleagues.

A negative term (hate, sick of, fed up, useless, "is a joke", unfair, bullying, toxic,
clueless...) or a verdict on someone's judgement ("have lost the plot", "out of their depth";
not after "I") within 5 words of a work target (the head, SLT, management, my boss, line
manager, colleagues, "this school", work, a school policy), in one sentence. What a complaint
is about usually follows it ("hate Mondays", "fed up of this rain", "sick of the trains"): when
a non-work object comes straight after the negative term, or sits nearer to it than the work
target does, the post is not a grievance ("marking" inside "the marking policy" is the
policy); nor is it when the target is in another clause ("the printer is useless, work can
wait"). `risk` when the complaint names the school or people in it (the head, SLT, my line
manager, colleagues); `review` when its target is work in general ("work", "my job").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.base import Record
from detectors.lexicons.lists import Hit, find_all, lexicon, school_pattern
from detectors.registry import register
from detectors.text.distance import closest, words_before
from detectors.text.posts import PostTextRule
from scanner.model import Finding

WINDOW = 5
OBJECT_WINDOW = 3  # words after a negative term that say what it is about
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]| - ")
FEELINGS = {"feel", "felt", "feeling", "feels", "look", "looked", "looking"}
# "I've lost the plot", "I'm out of my depth": a verdict on judgement said of the poster.
SELF = {"i", "i've", "ive", "i'm", "im", "i’ve", "i’m", "i'd", "i’d", "we", "we've", "we’ve"}


@register
class GrievanceOnSocialMedia(PostTextRule):
    rule = "C4"
    name = "grievance-on-social-media"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        words = lexicon(self.ctx, "grievance")
        negatives = words.find(text, "negative", "judgement") if text else []
        if not negatives:
            return
        policy = self.ctx.policy
        targets = words.find(text, "target", "target?") + list(
            find_all(school_pattern(self.ctx, policy.names), text, "target"))
        # "marking" is not work's object inside "the new marking policy"
        others = [o for o in words.find(text, "other_object")
                  if not any(t.start < o.end and o.start < t.end for t in targets)]
        for negative in negatives:
            target = self.target_of(text, negative, targets, others)
            if target is None:
                continue
            why = f"a complaint (\"{negative.term}\") about \"{target.term}\""
            span = (min(negative.start, target.start), max(negative.end, target.end))
            yield self.finding(record.item, self.excerpt_of(record, text, span), why,
                               certain=target.category == "target",
                               key=f"grievance:{negative.term}|{target.term}")
            return

    def target_of(self, text: str, negative: Hit, targets: list[Hit],
                  others: list[Hit]) -> Hit | None:
        if FEELINGS & set(words_before(text, negative.start, 2)):
            return None  # "I feel useless at work": about the poster, not the school
        if negative.category == "judgement" and \
                SELF & set(words_before(text, negative.start, 3)):
            return None  # "I've lost the plot at work today"
        target = closest(text, (negative.start, negative.end), targets, WINDOW, sentence=True)
        if target is None or _CLAUSE_BREAK.search(text, *_between(negative, target)):
            return None  # "the printer is useless, work can wait": another clause
        following = [o for o in others if o.start >= negative.end]
        after = closest(text, (negative.end, negative.end), following, OBJECT_WINDOW,
                        sentence=True)
        if after is not None and not negative.end <= target.start < after.start:
            return None  # "hate Mondays at work": the complaint is about Mondays
        nearest = closest(text, (negative.start, negative.end), [*others, target], WINDOW,
                          sentence=True)
        if nearest is not None and nearest is not target:
            return None  # "the printer is useless, work can wait": about the printer
        return target


def _between(a: Hit, b: Hit) -> tuple[int, int]:
    left, right = (a, b) if a.start <= b.start else (b, a)
    return left.end, max(left.end, right.start)
