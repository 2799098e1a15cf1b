"""C8 inappropriate-groups: membership of groups or pages whose names fall under C5.

A group's name is judged with C5's `offensive` list and the `groups` list:
- slurs, hateful phrases, sexual words and strong profanity: `risk` (a group's name is its
  whole message);
- words with innocent senses: `review`, and only with the profanity model's support;
- extremist organisations ("Britain First", "Make Britain White Again"): `risk`;
- names that announce adult or shock content without a listed word ("Offensive Memes", "Dark
  Humour", "NSFW"): `review`.
Decided: a group named for parents or a school ("Oakwood Parents' Group") is not C8, and nor
is "Bad Jokes Appreciation Society": its name holds nothing offensive, and C8 judges names.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Detector, Record
from detectors.lexicons.lists import Hit, lexicon, mask_word, profanity_score
from detectors.offensive_or_discriminatory import (
    AMBIGUOUS_THRESHOLD,
    IGNORED,
    describe,
    masked_text,
    offensive,
    severity,
)
from detectors.registry import register
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Kind


@register
class InappropriateGroups(Detector):
    rule = "C8"
    needs = frozenset({Kind.MEMBERSHIP})
    name = "inappropriate-groups"

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        name = (item.name or item.text or "").strip()
        if not name:
            return
        role = "an admin of" if item.relation == "admin" else "a member of"
        hits = [h for h in offensive(self.ctx).find(name) if h.category not in IGNORED]
        if any(h.category.endswith("?") for h in hits) and \
                profanity_score(name) < AMBIGUOUS_THRESHOLD:
            hits = [h for h in hits if not h.category.endswith("?")]
        if hits:
            worst = max(hits, key=severity)
            certain = not worst.category.endswith("?")
            why = f"{role} a group whose name holds {describe(worst)} (\"{mask_word(worst.text)}\")"
            yield self.finding(item, excerpt(masked_text(name, hits)), why, certain,
                               key=f"group:{worst.category.rstrip('?')}:{mask_word(worst.text)}")
            return
        found = lexicon(self.ctx, "groups").find(name)
        if found:
            yield self.named_group(record, name, role, found[0])

    def named_group(self, record: Record, name: str, role: str, hit: Hit) -> Finding:
        extremist = hit.category == "extremist"
        kind = "an extremist organisation" if extremist else "adult or shock content"
        why = f"{role} a group whose name points to {kind} (\"{hit.term}\")"
        return self.finding(record.item, excerpt(name), why, certain=extremist,
                            key=f"group:{hit.category}:{hit.term}")
