"""Texts with known person-name spans, for scoring PERSON precision and recall.

The scale generator's truth says which posts plant which rule, not where names are, so this
builds its own labelled set from the same post templates (fixtures.scale_text: the neutral
posts, every rule's risks and decoys, and the C1 posts that name a pupil the way the generator
does, "Katie A") plus a few everyday posts that mention people at the start, middle and end of
a sentence and in the possessive. Every name is fictional: the generator's roster names. The
only template words that name real people ("the new Osman", "a Le Carré": books called by their
authors' names) are left out, since whether they count as a PERSON is a matter of opinion.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from fixtures.roster import FIRST_NAMES, LAST_NAMES, PUPILS
from fixtures.scale_text import KINDS, NEUTRAL, WORDS

PEOPLE_TEMPLATES = (
    "Coffee with {a} after parkrun {emoji}",
    "Happy birthday to my sister {a}! 🎉",
    "{a} and I finally finished the jigsaw",
    "Congratulations to {a} and {b} on the wedding today",
    "Great to catch up with {a} at the pub quiz",
    "Thanks {a} for the lift home",
    "Missing my grandad {a} today",
    "Dinner at {a}'s tonight, can't wait",
    "Watching the match with {a}. Come on!",
    "RIP {a}, the kindest neighbour on our street",
    "{a} has just run her first marathon!",
    "Brilliant gig last night, {a} was on fire",
)
NAMELESS_WORDS = {**WORDS, "book": ("that Booker winner", "the book club pick",
                                    "a Scandi thriller")}
_SLOT = re.compile(r"\{(\w+)\}")
KINDS_OF_TEXT = ("neutral", "rules", "pupil", "people")
SHARES = (0.45, 0.15, 0.15, 0.25)


@dataclass(frozen=True)
class Labelled:
    text: str
    spans: tuple[tuple[int, int], ...]  # character offsets of every person's name


def _name(rng: random.Random) -> str:
    """A fictional name in one of the forms posts use: full, first and initial, or first."""
    if rng.random() < 0.2:
        person = rng.choice(PUPILS)
        first, last = person.preferred_name or person.first_name, person.last_name
    else:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    roll = rng.random()
    if roll < 0.55:
        return f"{first} {last}"
    if roll < 0.8:
        return f"{first} {last[0]}"
    return first


def fill(template: str, rng: random.Random) -> Labelled:
    """The template with every slot filled; name slots ({pupil}, {a}, {b}) become spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for slot in _SLOT.finditer(template):
        out.append(template[at:slot.start()])
        key = slot.group(1)
        if key in ("pupil", "a", "b"):
            start = sum(len(part) for part in out)
            value = _name(rng)
            spans.append((start, start + len(value)))
        elif key in NAMELESS_WORDS:
            value = rng.choice(NAMELESS_WORDS[key])
        else:
            value = {"year": str(rng.randint(1, 6)), "n": str(rng.randint(12, 60)),
                     "m": str(rng.randint(10, 59)), "s": f"{rng.randint(0, 59):02d}",
                     "k": str(rng.randint(2, 19))}[key]
        out.append(value)
        at = slot.end()
    out.append(template[at:])
    return Labelled("".join(out), tuple(spans))


def _templates(kind: str) -> tuple[str, ...]:
    if kind == "neutral":
        return NEUTRAL
    if kind == "pupil":
        return KINDS[("C1", "risk")]
    if kind == "people":
        return PEOPLE_TEMPLATES
    return tuple(t for key, texts in KINDS.items() if key != ("C1", "risk") for t in texts)


def labelled_texts(n: int, seed: int = 7) -> list[Labelled]:
    """`n` labelled texts, the same for the same arguments."""
    rng = random.Random(f"{seed}-labelled-person-texts")
    return [fill(rng.choice(_templates(rng.choices(KINDS_OF_TEXT, SHARES)[0])), rng)
            for _ in range(n)]
