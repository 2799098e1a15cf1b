"""Finding candidate names in free text: two or three adjacent words that could be a name.

Shared by the plain and the sealed roster, so both look at the same windows of a post. Only
capitalised words count (names in prose are written so) unless the whole text is in lower
case, and function words never start or end a name: in the sealed roster every window looked
up costs a slow hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from detectors.roster.names import tokens

# Function words and everyday words that are never part of a name: windows containing them are
# not looked up (in the sealed roster each lookup is a slow hash). Words that are also first
# names or surnames (will, may, mark, rose, day, best, little, good ...) are absent.
_STOPWORD_TEXT = """
a about after again all also am an and any are as at away back be because been before being
big but by can could days did do does done down each even ever every first for from
get gets getting go goes going gone got great had has have having he her here hers him his
how i if in into is it its just let like lot lots lovely made make many me
more most much must my new next nice no not now of off oh ok okay old on once one only or our
out over own please proud really said same school see she should so some still such thank
thanks that the their them then there these they this those time to today tomorrow too two
up us very was way we week well went were what when where which while who why with would
year years yes yesterday you your
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TEXT_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*"
                         r"(?:['’](?:[^\W\d_]|[\u0300-\u036f])+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_JOIN = re.compile(r"[ \t]{1,3}|\s?-\s?")


@dataclass(frozen=True, slots=True)
class Window:
    """Two or three adjacent words of a text that could be a name, with their offsets."""

    start: int
    end: int
    key: str
    capitalised: bool  # every word starts with a capital: names in prose do


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    norm: str
    capital: bool


def _words(text: str) -> list[_Word]:
    words = []
    for match in _TEXT_TOKEN.finditer(text):
        raw = _POSSESSIVE.sub("", match.group())
        norm = "".join(tokens(raw))
        if norm:
            words.append(_Word(match.start(), match.start() + len(raw), norm, raw[0].isupper()))
    return words


def text_windows(text: str, all_trigrams: bool, limit: int = 10_000) -> list[Window]:
    """Candidate name windows: bigrams, and trigrams (all, or only around a hyphen).

    A window is a candidate when all its words are capitalised, or when the whole text has no
    capitals at all (informal posts); words on the stopword list never start or end a name.
    """
    words = _words(text)
    lowercase_text = not any(c.isupper() for c in text)
    out: list[Window] = []
    for i in range(len(words) - 1):
        for size in (3, 2):
            window = words[i:i + size]
            if len(window) < size or not _joined(text, window, all_trigrams):
                continue
            capitalised = all(w.capital for w in window)
            if not (capitalised or lowercase_text) or _has_stopword(window):
                continue
            out.append(Window(window[0].start, window[-1].end,
                              " ".join(w.norm for w in window), capitalised))
            if len(out) >= limit:
                return out
    return out


def _joined(text: str, window: list[_Word], all_trigrams: bool) -> bool:
    gaps = [text[a.end:b.start] for a, b in pairwise(window)]
    if not all(_JOIN.fullmatch(gap) for gap in gaps):
        return False
    return len(window) == 2 or all_trigrams or any("-" in gap for gap in gaps)


def _has_stopword(window: list[_Word]) -> bool:
    return any(w.norm in STOPWORDS and not w.capital for w in window) or (
        window[0].norm in STOPWORDS or window[-1].norm in STOPWORDS)
