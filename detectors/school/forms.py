"""How the school's names are written down and compared: the pieces behind
detectors/school/names.py.

- `fold` and `norm_word`: one spelling per word (accents off, "Saint" = "St", "&" = "and",
  apostrophes dropped), keeping every character's offset;
- `letters`: a word as a regex that accepts leetspeak stand-ins (`0akw00d`);
- `variants`: the school's names as word lists and squashed patterns: full name, aliases,
  initials, and the distinctive part of each name ("Oakwood", "St Ann's");
- `edge`: where a word starts or ends inside a handle (capitals, separators, digits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from detectors.school.words import GENERIC_WORDS, PHASE_WORDS
from scanner.policy import Policy

EXACT, SQUASHED, LEET, PUNCTUATED = "exact", "squashed", "leetspeak", "punctuated"
DISTINCTIVE, TYPO = "distinctive part", "typo"

# Stand-ins for letters in handles and names.
_LEET = {"a": "a4@", "b": "b8", "e": "e3", "g": "g69", "i": "i1!|l", "l": "l1|i", "o": "o0",
         "s": "s5$z", "t": "t7+", "z": "z2"}
LEET_SYMBOLS = "@$!|+"
# A word of free text, or a whole @mention / #hashtag (not the @ of an e-mail address).
WORD = re.compile(r"(?<![\w.@#])[@#][\w.]*\w|&|[^\W_]+(?:['’][^\W_]+)*")
# The words of a handle: `OPSTeacher` -> OPS, Teacher; `st_anns_ks2` -> st, anns, ks, 2.
HANDLE_TOKEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_APOSTROPHE = re.compile(r"['’`]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of free text: normalised, where it is, as written."""

    norm: str
    start: int
    end: int
    raw: str


@dataclass(frozen=True, slots=True)
class Variant:
    """One of the school's names, ready to compare."""

    label: str  # normalised words
    words: tuple[frozenset[str], ...]  # the accepted forms of each word
    kind: str  # "name", "distinctive", "abbreviation"
    squashed: re.Pattern[str]  # for handles, with leetspeak classes


def fold(text: str) -> str:
    """Accents off, one character for one, so offsets still point into the original."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char)
                        if not unicodedata.combining(c))
        out.append(plain if len(plain) == 1 else char)
    return "".join(out)


def norm_word(word: str) -> str:
    """A word as compared: lower case, no apostrophes, "saint" is "st", "&" is "and"."""
    word = _APOSTROPHE.sub("", fold(word).lower())
    return {"saint": "st", "&": "and", "+": "and"}.get(word, word)


def _word_forms(raw: str) -> frozenset[str]:
    """`Ann's` is also written `Anns` and `Ann`."""
    word = norm_word(raw)
    forms = {word}
    if re.search(r"['’]s$", raw.lower()):
        forms.add(word[:-1])
    return frozenset(forms)


def name_words(name: str) -> list[str]:
    return [m.group() for m in WORD.finditer(fold(name)) if m.group()[0] not in "@#"]


def letters(word: str) -> str:
    return "".join(f"[{re.escape(_LEET[c])}]" if c in _LEET else re.escape(c) for c in word)


def _squash_pattern(words: list[frozenset[str]]) -> re.Pattern[str]:
    parts = []
    for forms in words:
        if forms == {"and"}:
            parts.append("(?:and|n)?")
            continue
        options = set(forms) | ({"saint"} if "st" in forms else set())
        parts.append("(?:" + "|".join(letters(f) for f in sorted(options, key=len,
                                                                      reverse=True)) + ")")
    return re.compile("".join(parts))


def variants(policy: Policy) -> list[Variant]:
    """Full name, aliases, initials, and the distinctive part of each name, longest first."""
    out: dict[str, Variant] = {}

    def add(words: list[str], kind: str) -> None:
        forms = [_word_forms(w) for w in words]
        label = " ".join(norm_word(w) for w in words)
        if label and label not in out:
            out[label] = Variant(label, tuple(forms), kind, _squash_pattern(forms))

    names = [*policy.names]
    for name in names:
        words = name_words(name)
        if words and norm_word(words[0]) == "the":
            words = words[1:]
        if not words:
            continue
        plain = [norm_word(w) for w in words]
        if all(w in GENERIC_WORDS or w in PHASE_WORDS for w in plain):
            continue  # "The Academy": every school has these words
        if len(words) == 1 and (len(plain[0]) <= 3 or (name.isupper() and len(plain[0]) <= 6)):
            add(words, "abbreviation")
        elif any(w in PHASE_WORDS or w in {"school", "academy", "college"} for w in plain):
            add(words, "name")
        else:
            add(words, "distinctive")  # an alias that is only the place name: "St Ann's"
        part = _distinctive(words)
        if part and len("".join(norm_word(w) for w in part)) >= 4:
            add(part, "distinctive")
    initials = "".join(norm_word(w)[0] for w in name_words(policy.school_name)
                       if norm_word(w) not in {"of", "the", "and"})
    if len(initials) >= 3:
        add([initials], "abbreviation")
    return sorted(out.values(), key=lambda v: (-len(v.words), v.kind != "name"))


def prefilter(variants: list[Variant], official: frozenset[str]) -> re.Pattern[str]:
    """One regex a text must hit to be worth reading word by word.

    Every match holds each word of its variant, so it holds the variant's longest word (in
    leetspeak at worst); a typo keeps the first three letters. 400,000 posts mostly fail here.
    """
    parts = [re.escape(h) for h in official]
    for variant in variants:
        if variant.kind == "abbreviation":
            parts.append(r"\b" + re.escape(variant.label) + r"\b")
            continue
        longest = max(variant.words, key=lambda forms: max(len(f) for f in forms))
        for form in longest:
            parts.append(letters(form))
            if variant.kind == "distinctive" and len(form) >= 6:
                parts.append(letters(form[:3]) + "[a-z]{2,}")
    return re.compile("|".join(dict.fromkeys(parts)) or r"(?!)", re.IGNORECASE)


def _distinctive(words: list[str]) -> list[str]:
    """The longest run of words that are neither school words nor phase words."""
    best: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        plain = norm_word(word)
        if word and plain not in GENERIC_WORDS and plain not in PHASE_WORDS:
            run.append(word)
            continue
        if len(run) > len(best):
            best = run
        run = []
    return best


def words_at(tokens: list[Token], i: int, variant: Variant) -> str | None:
    """How the variant's words match the tokens from i: exact, leetspeak, typo, or None."""
    if i + len(variant.words) > len(tokens):
        return None
    how = EXACT
    for forms, token in zip(variant.words, tokens[i:i + len(variant.words)], strict=False):
        if token.norm in forms or (token.norm.endswith("s") and token.norm[:-1] in forms):
            continue  # "St Mary's" for "St Mary"
        if any(not c.isalpha() for c in token.norm) and any(
                _leet_word(f).fullmatch(token.norm) for f in forms):
            how = LEET
            continue
        if variant.kind == "distinctive" and _typo(token.norm, forms):
            how = TYPO
            continue
        return None
    return how


def _typo(word: str, forms: frozenset[str]) -> bool:
    """One letter wrong in a long word, first letter kept: "Oakwod", "Oakwoood"."""
    return any(len(f) >= 6 and word[:1] == f[:1] and word.isalpha()
               and Levenshtein.distance(word, f, score_cutoff=1) <= 1 for f in forms)


@lru_cache(maxsize=256)
def _leet_word(word: str) -> re.Pattern[str]:
    return re.compile(letters(word))


def next_edge(text: str, at: int) -> int:
    end = at + 1
    while end < len(text) and not edge(text, end):
        end += 1
    return end


def tail_initials(policy: Policy) -> frozenset[str]:
    """Initials of the words after the distinctive part: "Primary School" -> "ps"."""
    out = set()
    for name in policy.names:
        words = [norm_word(w) for w in name_words(name)]
        tail = [w for w in words if w in GENERIC_WORDS or w in PHASE_WORDS]
        tail = [w for w in tail if w not in {"the", "of", "and", "c", "e", "a", "an"}]
        if len(tail) >= 2:
            out.add("".join(w[0] for w in tail))
    return frozenset(out)


def edge(text: str, at: int) -> bool:
    """Is there a word edge before text[at]? (Start, end, separator, digit, or a capital.)"""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if not before.isalnum() or not after.isalnum() or before.isdigit() != after.isdigit():
        return True
    if after.isdigit() or before.isdigit() or after in LEET_SYMBOLS:
        return True
    if before.islower() and after.isupper():
        return True
    # "JOakwood": a capital that starts a capitalised word after another capital.
    return before.isupper() and after.isupper() and at + 1 < len(text) and text[at + 1].islower()


def distinctive_how(how: str) -> str:
    return DISTINCTIVE if how == EXACT else f"{DISTINCTIVE}, {how}"


def squash_how(written: str, squashed: str, n_words: int) -> str:
    if any(not c.isalpha() for c in squashed):
        return LEET
    separators = sum(1 for c in written if not c.isalnum())
    return PUNCTUATED if separators >= max(3, n_words + 1) else SQUASHED


def has_camel(text: str) -> bool:
    return bool(re.search(r"[a-z][A-Z]", text))


def mixed_digits(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text)) and bool(re.search(r"\d", text))


def shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)
