"""C2 school-matters-discussed: posts about the school's inspections, incidents or internal
business.

A topic word alone is not enough ("lockdown" was a national event, "restructure" happens in
every job), and neither is a school reference alone (a post about the nativity play is fine).
So a finding needs both, within 20 words: a topic from the `school_matters` list (Ofsted,
exclusion, allegation, staff meeting, redundancies...) and a reference to the poster's school
(the school's names, "our school", "at school", "the head", SLT, a pupil reference, or "at work"
when the post is plainly about teaching). Internal business also counts with another term only
a school's staff use ("staff meeting about the new behaviour policy", "briefing on pupil
premium"), never the topic term itself ("our gym's new uniform policy"). A school event
("parents' evening") also counts with words only its staff would use of it ("such supportive
families", "14 appointments").
`risk` when the school is named in the post, else `review`: "our school", "whole staff" or
"Year 3" say it is a school the poster knows, not that it is this one (it may be their child's,
or a former job), so a person confirms it. Posts about the poster's own children's school ("my
son had a fight at school") are left out unless the school is named.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Record
from detectors.lexicons.lists import Hit, find_all, lexicon, school_pattern
from detectors.registry import register
from detectors.text.distance import closest
from detectors.text.posts import PostTextRule, about_own_family, pupil_refs
from scanner.model import Finding

WINDOW = 20
TOPICS = ("topic:inspection", "topic:incident", "topic:internal", "topic:event")
TOPIC_WORDS = {"topic:inspection": "an inspection", "topic:incident": "an incident",
               "topic:internal": "internal school business", "topic:event": "a school event"}


@register
class SchoolMattersDiscussed(PostTextRule):
    rule = "C2"
    name = "school-matters-discussed"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        words = lexicon(self.ctx, "school_matters")
        topics = words.find(text, *TOPICS) if text else []
        if not topics:
            return
        named = self.school_named(record, text)
        refs = named + self.references(record, text, topics)
        staff_side = words.find(text, "staff_side")
        school_only = words.find(text, "school_only")
        for topic in topics:
            near = refs + staff_side if topic.category == "topic:event" else refs
            if topic.category == "topic:internal":  # never its own reference
                near = near + [h for h in school_only
                               if h.end <= topic.start or h.start >= topic.end]
            ref = closest(text, (topic.start, topic.end), near, WINDOW)
            if ref is None:
                continue
            if not named and about_own_family(self.ctx, text, (ref.start, ref.end), 12):
                continue
            how = "names the school" if named else f"refers to the school (\"{ref.term}\")"
            why = (f"{TOPIC_WORDS[topic.category]} (\"{topic.term}\") in a post that {how}")
            yield self.finding(record.item, self.excerpt_of(record, text, (topic.start,
                                                                          topic.end)),
                               why, certain=bool(named), key=f"{topic.category}:{topic.term}")
            return  # one finding per post: the first topic that is about the school

    def school_named(self, record: Record, text: str) -> list[Hit]:
        policy = self.ctx.policy
        pattern = school_pattern(self.ctx, (*policy.names, *policy.official_handles))
        hits = list(find_all(pattern, text, "school"))
        # The language pass title-cases SHOUTED words, so its "Ops" may be "ops" in the post:
        # a SCHOOL entity counts only if the original words are one of the school's names.
        hits += [Hit(e.start, e.end, "school", e.text) for e in record.entities_of("SCHOOL")
                 if pattern is not None and pattern.fullmatch(text, e.start, e.end)]
        return hits

    def references(self, record: Record, text: str, topics: list[Hit]) -> list[Hit]:
        words = lexicon(self.ctx, "school_matters")
        refs = words.find(text, "school_ref")
        pupils = pupil_refs(self.ctx, record, text)
        teaching = bool(pupils or words.find(text, "teaching")
                        or any(t.category == "topic:inspection" for t in topics))
        if not teaching:  # "at work" is the school only when the post is about teaching
            refs = [r for r in refs if r.term != "at work"]
        return refs + pupils
