"""The language pass reads each distinct text once per scan, and answers exactly as if it had
read every text afresh (scanner/nlp.py, `LanguagePass.analyse`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from scanner import nlp
from scanner.nlp import LanguagePass
from scanner.policy import DEMO_PACK, load_policy

TEXTS = [
    "Lovely afternoon with Freddie Mills and his mum at the park",
    "Happy birthday Sophie!",
    "Great assembly from my Year 6s this morning at Oakridge",
    "Happy birthday Sophie!",
    "Off to Whitby with Priya and Tom",
    "Lovely afternoon with Freddie Mills and his mum at the park",
]


class _Counting:
    """Wraps the spaCy pipeline and records which texts it was asked to read."""

    def __init__(self, nlp_: Any) -> None:
        self.nlp = nlp_
        self.read: list[str] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 256) -> Iterator[Any]:
        def counted() -> Iterator[str]:
            for text in texts:
                self.read.append(text)
                yield text

        return iter(self.nlp.pipe(counted(), batch_size=batch_size))


@pytest.fixture(scope="module")
def language() -> LanguagePass:
    return LanguagePass(load_policy(DEMO_PACK))


def test_repeated_texts_are_read_once_and_answered_the_same(language: LanguagePass) -> None:
    fresh = [language.analyse([text])[0] for text in dict.fromkeys(TEXTS)]
    expected = {text: found for text, found in zip(dict.fromkeys(TEXTS), fresh, strict=True)}
    cached = LanguagePass(language.policy)
    counting = _Counting(cached.nlp)
    cached.nlp = counting
    first = cached.analyse(TEXTS)
    again = cached.analyse(TEXTS[:2])
    assert first == [expected[t] for t in TEXTS]
    assert again == [expected[t] for t in TEXTS[:2]]
    assert sorted(counting.read) == sorted(nlp.normalise_social(t) for t in set(TEXTS))
    assert any(expected.values())  # the model did find something to cache


def test_the_cache_is_bounded(language: LanguagePass, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "KNOWN_TEXTS", 3)
    small = LanguagePass(language.policy)
    texts = [f"Tea with Priya number {i}" for i in range(5)]
    assert len(small.analyse(texts)) == 5
    assert len(small._known) == 3
    assert list(small._known) == texts[2:]  # the least recently seen went first
