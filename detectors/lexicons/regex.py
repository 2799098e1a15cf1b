"""Compiling a list's terms into fast, word-bounded regexes (used by `_lexicon`).

Plain terms become one trie-shaped regex per category ("sick (?:of|to death of)"), behind a
check on the text's words so most texts never reach a regex; raw-regex terms run only when a
gate word is present; masked spellings ("f*ck", "sh1t") only when the text holds a mask or
look-alike character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Stand-ins people type for letters they do not want to spell out.
_LEET = {"a": "a@4", "e": "e3", "i": "i1!|", "o": "o0", "s": "s$5", "l": "l1|", "t": "t7"}
_MASK = "*#@$%_."


@dataclass(frozen=True, slots=True)
class Patterns:
    """One category's compiled regexes, each behind its cheap check."""

    gate: _WordGate
    plain: re.Pattern[str] | None
    raw: re.Pattern[str] | None  # raw regexes with no gate words: always run
    gated: tuple[tuple[frozenset[str], re.Pattern[str]], ...]
    masked: re.Pattern[str] | None

    @classmethod
    def build(cls, terms: list[str], obfuscated: bool) -> Patterns:
        plain = [t for t in terms if not t.startswith("re:")]
        raw: list[str] = []
        gated: dict[frozenset[str], list[str]] = {}
        for term in terms:
            if term.startswith("re:"):
                regex, _, words = term[3:].partition(" ~ ")
                if words.split():
                    gated.setdefault(frozenset(_unquoted(words).split()), []).append(
                        regex.strip())
                else:
                    raw.append(regex.strip())
        masked = [t for t in plain if obfuscated and _maskable(t)]
        return cls(
            gate=_WordGate(plain),
            plain=_bounded(_trie([_units(t) for t in plain])) if plain else None,
            raw=_alternatives(raw) if raw else None,
            gated=tuple((words, _alternatives(regexes)) for words, regexes in gated.items()),
            masked=_bounded("|".join(_masked(t) for t in masked)) if masked else None)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        patterns: list[re.Pattern[str] | None] = [self.raw]
        if self.plain is not None and self.gate.may_match(text):
            patterns.append(self.plain)
        if self.gated:
            starts = _prefixes(text)
            patterns += [p for gate, p in self.gated if not gate.isdisjoint(starts)]
        if self.masked is not None and _maybe_masked(text):
            patterns.append(self.masked)
        for pattern in patterns:
            if pattern is not None:
                for match in pattern.finditer(text):
                    if match.end() > match.start():
                        yield match.span()


def _alternatives(regexes: list[str]) -> re.Pattern[str]:
    return _bounded("|".join(f"(?:{r})" for r in regexes), right=_BOUND)


class _WordGate:
    """A cheap first check on the words of a text before the plain terms' regex runs.

    A plain term can only match if the text holds its longest word, which is the rarest as a
    rule ("a total joke" waits for "total", not "a"); for a stem, a word that starts with it.
    Words are compared without apostrophes ("can't" is "cant") and hyphenated words also
    joined ("two-faced" also as "twofaced").
    """

    def __init__(self, terms: list[str]) -> None:
        self.always = False
        self.exact: set[str] = set()
        self.stems: set[str] = set()
        for term in terms:
            if term.startswith("re:"):
                continue
            chunks = [_TOKEN.findall(c) for c in _unquoted(term.rstrip("*")).split()]
            chunks = [c for c in chunks if c]
            if not chunks:
                self.always = True  # a term of symbols only: let the regex decide
                continue
            rarest = max(range(len(chunks)), key=lambda i: max(len(w) for w in chunks[i]))
            tokens = chunks[rarest]
            words = {max(tokens, key=len), "".join(tokens)}
            stem = term.endswith("*") and rarest == len(chunks) - 1
            (self.stems if stem else self.exact).update(words)

    def may_match(self, text: str) -> bool:
        if self.always:
            return True
        if not _words(text).isdisjoint(self.exact):
            return True
        return bool(self.stems) and not _prefixes(text).isdisjoint(self.stems)


def _unquoted(text: str) -> str:
    return text.lower().replace("'", "").replace("’", "")


_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=16)
def _words(text: str) -> frozenset[str]:
    """The text's words, lower-cased (cached: every rule reads the same post in turn)."""
    return frozenset(_TOKEN.findall(_unquoted(text)))


@lru_cache(maxsize=16)
def _maybe_masked(text: str) -> bool:
    return _MAYBE_MASKED.search(text) is not None


@lru_cache(maxsize=16)
def _prefixes(text: str) -> frozenset[str]:
    """Every beginning of every word ("sel", "sell", "selling"), for stems and gate words."""
    return frozenset(word[:n] for word in _words(text) for n in range(1, len(word) + 1))


# A letter next to a mask or look-alike ("f*ck", "sh1t", "b!tch") or a letter typed three times.
_MAYBE_MASKED = re.compile(r"[a-z][*#@$%!|_.0-9]|[*#@$%!|0-9][a-z]|([a-z])\1\1", re.IGNORECASE)


def _bounded(body: str, right: str = "") -> re.Pattern[str]:
    """Never inside a word on the left; the right bound is in each term (or given here)."""
    return re.compile(r"(?<![\w])(?:" + body + ")" + right, re.IGNORECASE)


def _units(term: str) -> list[str]:
    """A plain term as regex pieces, one per character, ending in its right bound."""
    stem = term.endswith("*")
    units: list[str] = []
    for i, word in enumerate(term.rstrip("*").lower().split()):
        if i:
            units.append(r"[\s\-]+")
        units.extend(_char_regex(char) for char in word)
    units.append(_STEM if stem else _BOUND)
    return units


_STEM = r"\w*"
_BOUND = r"(?![\w])"


def _trie(sequences: list[list[str]]) -> str:
    root: dict[str, dict[str, Any]] = {}
    for units in sequences:
        node = root
        for unit in units:
            node = node.setdefault(unit, {})
    return _render(root)


def _render(node: dict[str, dict[str, Any]]) -> str:
    # Longer continuations first, the end of a term last: alternation takes the first branch
    # that matches, and "little shit" must be tried before "little".
    ends = (_STEM, _BOUND)
    order = sorted(node, key=lambda u: (u in ends, u))
    parts = [unit + _render(node[unit]) for unit in order]
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" if parts else ""


def _maskable(term: str) -> bool:
    word = term.rstrip("*")
    return " " not in word and len(word) >= 4 and word.isalpha()


def _masked(term: str) -> str:
    """`shit` -> s, then h/i each also typed as a mask or a look-alike, last letter kept."""
    word = term.rstrip("*").lower()
    first, middle, last = word[0], word[1:-1], word[-1]
    inner = "".join("[" + re.escape(_LEET.get(c, c) + _MASK) + "]+" for c in middle)
    body = re.escape(first) + inner + "[" + re.escape(_LEET.get(last, last)) + "]"
    return body + (_STEM if term.endswith("*") else r"(?![\w*])")


def word_regex(word: str) -> str:
    return "".join(_char_regex(char) for char in word)


def _char_regex(char: str) -> str:
    """One character of a listed word: apostrophes optional, a hyphen also a space or nothing."""
    if char in "'’":
        return "['’]?"
    if char == "-":
        return r"[\s\-]?"
    return re.escape(char)
