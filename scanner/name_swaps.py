"""Entity swaps for training the name model: the same tweet with other people's names in it.

Most names the fine-tuned model still misses are names it never saw in training ("Jonghyun",
"Radebe"). A copy of a training text in which every person is someone else teaches the model the
places names stand in, not the few thousand names the corpora happen to hold. The new names come
from lists riskscan already ships with: the US census's first names and surnames (the `names`
package) and the short forms of first names (the `nicknames` package). Each new name keeps the
shape of the one it replaces, so the copies write names as the corpora do: one word (a first name
or a surname), first name and surname, a middle name for three words or more, a hashtag run
together ("#PamFryman"), and the same case (lower case, capitals, or capitalised words).

Everything else in the text stays, and every other span (handles, the original model's places
and organisations) moves with the text around it. The swaps are drawn from a seeded
random.Random, so the same seed gives the same copies.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

Span = tuple[int, int]
Labelled = tuple[int, int, str]
SHORT_FORM_SHARE = 0.15  # how often a first name is written by one of its short forms ("Bob")


@dataclass(frozen=True)
class Swapped:
    """A text after its names were swapped: the new text, where the new names are, and where
    every other span moved to (same order and labels as given)."""

    text: str
    names: tuple[Span, ...]
    others: tuple[Labelled, ...]


def swap_names(text: str, names: Sequence[Span], others: Sequence[Labelled],
               pick: Callable[[str], str]) -> Swapped:
    """`text` with each name span replaced by `pick(the name as written)`; a name written twice
    the same way is the same person, so both get the same new name. Spans in `others` must not
    overlap a name; they keep their characters and move by what the swaps before them added or
    removed."""
    ordered = sorted(names)
    for before, after in itertools.pairwise(ordered):
        if after[0] < before[1]:
            raise ValueError(f"names overlap: {before} and {after}")
    pieces: list[str] = []
    new_names: list[Span] = []
    shifts: list[tuple[int, int]] = []  # (old end of a name, total shift after it)
    chosen: dict[str, str] = {}
    at, shift = 0, 0
    for start, end in ordered:
        pieces.append(text[at:start])
        written = text[start:end]
        if written not in chosen:  # drawn once: a name written twice is the same person
            chosen[written] = pick(written)
        new = chosen[written]
        new_names.append((start + shift, start + shift + len(new)))
        pieces.append(new)
        shift += len(new) - (end - start)
        shifts.append((end, shift))
        at = end
    pieces.append(text[at:])

    def moved(position: int) -> int:
        return position + next((s for end, s in reversed(shifts) if end <= position), 0)

    for start, end, _ in others:
        if any(start < e and s < end for s, e in ordered):
            raise ValueError(f"span {(start, end)} overlaps a name")
    return Swapped("".join(pieces), tuple(new_names),
                   tuple((moved(s), moved(e), label) for s, e, label in others))


class NamePicker:
    """Draws a new name in the shape of the one it replaces; seeded, so repeatable."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.first, self.last, self.short = name_lists()

    def __call__(self, written: str) -> str:
        if written.startswith("#"):
            body = written[1:]
            capitals = sum(c.isupper() for c in body)
            words = self._words(2 if capitals >= 2 and not body.isupper() else 1)
            return "#" + "".join(w.capitalize() for w in words)
        words = self._words(len(written.split()))
        return " ".join(_cased(w, written) for w in words)

    def _words(self, count: int) -> list[str]:
        if count <= 1:
            return [self._first() if self.rng.random() < 0.5 else self.rng.choice(self.last)]
        middle = [self._first()] if count >= 3 else []
        return [self._first(), *middle, self.rng.choice(self.last)]

    def _first(self) -> str:
        name = self.rng.choice(self.first)
        if self.rng.random() < SHORT_FORM_SHARE and (forms := self.short.get(name)):
            return self.rng.choice(forms)
        return name


def _cased(word: str, like: str) -> str:
    """`word` written in the case of `like`: lower, capitals (for more than one letter), or
    capitalised."""
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.islower() for c in letters):
        return word.lower()
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    return word.capitalize()


@lru_cache(maxsize=1)
def name_lists() -> tuple[list[str], list[str], dict[str, list[str]]]:
    """First names and surnames, lower-cased and sorted (the census's lists, less English
    function words), and each first name's short forms that are themselves census first names
    ("robert": "bob", "rob"...; the others are mostly words: "dob", "hob")."""
    from nicknames import NickNamer
    from spacy.lang.en.stop_words import STOP_WORDS

    from scanner.nlp import census_names

    def read(*keys: str) -> list[str]:
        return sorted(n for n in set(census_names(*keys)) if len(n) > 1 and n not in STOP_WORDS)

    first, last = read("first:male", "first:female"), read("last")
    known, namer = set(first), NickNamer()
    short = {name: sorted(f for f in namer.nicknames_of(name) if f in known and f != name)
             for name in first}
    return first, last, {name: forms for name, forms in short.items() if forms}
