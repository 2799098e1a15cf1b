"""The rules that add people the model leaves out (scanner/name_rules.py): positives and decoys
side by side, on what the model gave (entities passed in) so each rule is seen on its own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.base import Entity
from scanner.name_rules import with_more_people
from scanner.nlp import _is_first_name, _is_function_word, normalise_social


def people(text: str, *given_entities: tuple[str, str]) -> list[str]:
    entities = []
    for words, label in given_entities:
        start = text.index(words)
        entities.append(Entity(words, label, start, start + len(words)))
    found = with_more_people(text, entities, _is_first_name, _is_function_word)
    return [e.text for e in found if e.label == "PERSON"]


@pytest.mark.parametrize(("text", "given_entities", "expected"), [
    ("Coffee with Otis Earle after work", (), ["Otis Earle"]),
    ("he breaks Lincoln Burrows out of prison", (("Lincoln Burrows", "ORG"),),
     ["Lincoln Burrows"]),
    ("Lovely chat with Katie A today", (("Katie", "PERSON"),), ["Katie A"]),
    ("Thea D. Kokshoorn", (("Thea D.", "PERSON"),), ["Thea D. Kokshoorn"]),  # surname taken in
    ("Huge well done to Zoë B for reading", (), ["Zoë B"]),  # a first name with its accent
    ("hope you have a better day tomorrow Louis", (), ["Louis"]),
    ("Sue, can I please speak to your manager?", (), ["Sue"]),
    ("Emma: Remember me, Dana?", (), ["Emma"]),
    ("so proud of olivia today", (), ["olivia"]),
])
def test_people_the_model_missed(text: str, given_entities: tuple[tuple[str, str], ...],
                                 expected: list[str]) -> None:
    assert people(text, *given_entities) == expected


@pytest.mark.parametrize(("text", "given_entities"), [
    ("Grace before meals, always", ()),  # a first name starting a sentence, not addressed
    ("Will you come to the quiz?", ()),  # a function word
    ("Lunch in the Rose Garden", ()),  # a place
    ("Meet at Victoria Station at six", ()),
    ("Charlie and the Chocolate Factory tonight", ()),
    ("A trip to Florence next week", (("Florence", "GPE"),)),  # the model said a place
    ("SO PROUD OF THE TEAM", ()),  # shouted, not a name
    ("The olivia oil is off", ()),  # capitals in the text: a lower-case word is a word
])
def test_decoys_stay_as_they_were(text: str, given_entities: tuple[tuple[str, str], ...]) -> None:
    assert people(text, *given_entities) == []


# Social-text shapes decided on ner-dev's DEV part (fictional names): the model's first name
# alone grows into first name + surname; an initial carries its spaced full stop and the
# surname after it. Beside each, the decoy the same rule must leave alone.
@pytest.mark.parametrize(("text", "given_entities", "expected"), [
    ("Big congrats to SR Nadia Ferraro on the call-up", (("Nadia", "PERSON"),),
     ["Nadia Ferraro"]),
    ("Tonight Megan Hollis Sings Live at the Arena", (("Megan", "PERSON"),), ["Megan"]),
    ("Will Priya Castellane be at the match ?", (("Priya", "PERSON"),), ["Priya Castellane"]),
    ("Thanks Anna Lee Smith", (("Anna Lee Smith", "PERSON"),), ["Anna Lee Smith"]),
    ("a fine quote - Martha J . Pennington", (), ["Martha J . Pennington"]),
    ("Martha J. On the way home", (), ["Martha J."]),  # "On" is no surname
    ("Met Wilma I. Brandt today", (), ["Wilma I. Brandt"]),
    ("I am Grace I 'm new in town", (), ["Grace"]),  # "I" is the pronoun, not an initial
])
def test_social_text_name_shapes(text: str, given_entities: tuple[tuple[str, str], ...],
                                 expected: list[str]) -> None:
    assert people(text, *given_entities) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("now playing Wilma Sandoval on repeat", ["Wilma Sandoval"]),
    ("now playing Wilma #Nightfall on repeat", ["Wilma"]),  # a hashtag is not her surname
    ("pics from the fans in Clara Springs last night", []),  # a place
    ("pics from the fans in Clara Hills last night", []),
])
def test_pairs_on_normalised_text(text: str, expected: list[str]) -> None:
    assert people(normalise_social(text)) == expected


def test_a_person_the_model_found_is_kept_whole() -> None:
    assert people("Thanks Anna Lee Smith", ("Anna Lee Smith", "PERSON")) == ["Anna Lee Smith"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_added_people_point_into_the_text(text: str) -> None:
    for entity in with_more_people(text, [], _is_first_name, _is_function_word):
        assert text[entity.start:entity.end] == entity.text and entity.text.strip()
