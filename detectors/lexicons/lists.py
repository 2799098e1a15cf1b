"""Word lists as data, compiled once into word-bounded regexes.

Every content rule (C2-C8) asks which listed terms a text holds (and `_distance` whether two of
them are close enough to be about each other). The lists live in `detectors/lexicons/*.txt`, so
they can be read and extended without touching code. A list file looks like:

    # a comment (a hash then a space; "#ad" is a term)
    [category]          every term below belongs to this category until the next header
    sick of             a phrase: spaces match any run of spaces or hyphens
    micromanag*         a stem: `micromanage`, `micromanaging`, `micromanager`
    re: £\\d+ ono ~ ono a raw regex, for the few terms words cannot say, run only when the
                        text has a word starting with one of the words after " ~ " (if any)

Terms never match inside another word: "Scunthorpe", "assess" and "Arsenal" hold nothing.
Apostrophes match straight or curly or none ("cant", "can't", "can’t"). A list compiled with
`obfuscated=True` also matches masked and leetspeak spellings whose first and last letters are
kept ("f*ck", "sh1t", "b!tch").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from detectors.lexicons.regex import Patterns, word_regex

LEXICON_DIR = Path(__file__).parent

BLOCKERS = frozenset({"not", "innocent"})  # categories that only cancel other hits
_COMMENT = re.compile(r"(?:^|\s)#(?:\s.*)?$")  # "# note" is a comment, "#ad" a hashtag term


@dataclass(frozen=True, slots=True)
class Hit:
    """One listed term found in a text."""

    start: int
    end: int
    category: str
    text: str  # as written in the text

    @property
    def term(self) -> str:
        """The matched words, lower-cased with single spaces: a stable key for a finding."""
        return " ".join(self.text.lower().split())


class Shared(Protocol):
    """Anything with a `shared` cache dict: detectors.base.Context."""

    shared: dict[str, object]


class Lexicon:
    """Categories of terms, each compiled into word-bounded regexes.

    Plain terms are compiled as a trie ("sick (?:of|to death of)"), so a text is read once per
    category however long the list, and only when the text holds a term's first word. Raw
    regexes run only when the text holds one of their gate words (`re: ... ~ vote`); masked
    spellings only when the text holds a mask or look-alike character.
    """

    def __init__(self, categories: dict[str, list[str]], obfuscated: bool = False) -> None:
        self.patterns: dict[str, Patterns] = {
            name: Patterns.build(terms, obfuscated) for name, terms in categories.items()
            if terms}
        # The whole list at once first: most texts hold no term at all, and stop here.
        self.any = Patterns.build([t for terms in categories.values() for t in terms],
                                   obfuscated)

    @property
    def categories(self) -> list[str]:
        return list(self.patterns)

    def has(self, text: str) -> bool:
        return bool(text) and next(self.any.spans(text), None) is not None

    def find(self, text: str, *categories: str) -> list[Hit]:
        """Hits in order of position, in the named categories (all when none are named).

        Where two categories overlap, the longer hit wins, then the category listed first
        in the file, so "little shit" beats "shit" and a slur beats a mild word. Blocking
        categories ([not], [innocent]: phrases that only cancel other hits) are only read
        when something else matched.
        """
        if not text:
            return []
        wanted = categories or tuple(self.patterns)
        hits = [Hit(start, end, name, text[start:end])
                for name in wanted if name in self.patterns and name not in BLOCKERS
                for start, end in self.patterns[name].spans(text)]
        if not hits:
            return []
        hits += [Hit(start, end, name, text[start:end])
                 for name in wanted if name in self.patterns and name in BLOCKERS
                 for start, end in self.patterns[name].spans(text)]
        return _without_overlaps(hits, wanted)


def _without_overlaps(hits: list[Hit], order: tuple[str, ...]) -> list[Hit]:
    rank = {name: i for i, name in enumerate(order)}
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), rank[h.category], h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


# -- loading ---------------------------------------------------------------------------------

def parse(lines: Iterable[str]) -> dict[str, list[str]]:
    """A list file's text as {category: [terms]}, in file order."""
    categories: dict[str, list[str]] = {}
    current = "default"
    for raw in lines:
        line = raw.strip()
        if not line.startswith("re:"):
            line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            categories.setdefault(current, [])
        else:
            categories.setdefault(current, []).append(line)
    return categories


@lru_cache(maxsize=32)
def load(name: str, obfuscated: bool = False) -> Lexicon:
    """The list file `lexicons/<name>.txt`, compiled (once per process)."""
    text = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return Lexicon(parse(text.splitlines()), obfuscated=obfuscated)


def lexicon(ctx: Shared, name: str, obfuscated: bool = False) -> Lexicon:
    """The compiled list, cached in the scan's shared matchers so every rule uses one copy."""
    key = f"lexicon:{name}:{int(obfuscated)}"
    found = ctx.shared.get(key)
    if not isinstance(found, Lexicon):
        found = ctx.shared[key] = load(name, obfuscated)
    return found


# -- the school's own names ------------------------------------------------------------------

def school_pattern(ctx: Shared, names: Iterable[str]) -> re.Pattern[str] | None:
    """The school's names as one regex: long names in any case, short capitals as written.

    "OPS" must not match "ops" or "oops", but "oakwood primary" typed in lower case is still
    the school.
    """
    names = tuple(n for n in names if n.strip())
    key = "school-names:" + "\x1f".join(names)
    if key in ctx.shared:
        cached = ctx.shared[key]
        return cached if isinstance(cached, re.Pattern) else None
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = r"[\s\-]+".join(word_regex(w) for w in name.split())
        exact = name.isupper() and len(name) <= 5
        parts.append(words if exact else f"(?i:{words})")
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])") if parts else None
    ctx.shared[key] = pattern
    return pattern


def find_all(pattern: re.Pattern[str] | None, text: str, category: str) -> Iterator[Hit]:
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield Hit(match.start(), match.end(), category, match.group())


def mask_word(word: str) -> str:
    """`bitch` -> `b****`: enough for a person to know which word, never the word itself."""
    letters = [c for c in word if not c.isspace()]
    return (letters[0] + "*" * (len(letters) - 1)) if letters else ""


# -- the profanity model ---------------------------------------------------------------------

@lru_cache(maxsize=4096)
def profanity_score(text: str) -> float:
    """alt-profanity-check's probability that a text is profane (0-1).

    The model is a bag of words: it scores "damn it" 0.98 and "Moby Dick" 0.99 but misses most
    slurs, so rules use it only as a second opinion on words the lists cannot settle. A call
    costs a few milliseconds, so rules call it only for texts that already hold a candidate.
    """
    from profanity_check import predict_prob

    return float(predict_prob([text[:5000]])[0])
