"""Entity swaps for the name model's training (scanner/name_swaps.py and `--swaps` of
scanner/train_names.py): every swapped name lands where its span says, every other span keeps
its characters, new names keep the old one's shape, and a seed gives the same copies."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from scanner.name_corpus import sentence
from scanner.name_swaps import NamePicker, name_lists, swap_names
from scanner.nlp import NOT_NEEDED, normalise_social
from scanner.train_names import BASE_MODEL, _examples, main

# One piece of a text: plain words, a name, or another labelled span.
_piece = st.one_of(
    st.tuples(st.just("plain"), st.text(max_size=8)),
    st.tuples(st.just("name"), st.text(min_size=1, max_size=12)),
    st.tuples(st.just("other"), st.text(min_size=1, max_size=8),
              st.sampled_from(["GPE", "ORG", "-handle"])),
)


def _build(pieces: list[tuple[str, ...]]) -> tuple[str, list[tuple[int, int]],
                                                    list[tuple[int, int, str]]]:
    text, names, others = "", [], []
    for kind, words, *label in pieces:
        span = (len(text), len(text) + len(words))
        text += words
        if kind == "name":
            names.append(span)
        elif kind == "other":
            others.append((*span, label[0]))
    return text, names, others


@given(st.lists(_piece, max_size=12), st.dictionaries(st.text(min_size=1, max_size=12),
                                                      st.text(max_size=15)),
       st.text(min_size=1, max_size=15))
def test_swapped_names_and_every_other_span_land_where_their_offsets_say(
        pieces: list[tuple[str, ...]], chosen: dict[str, str], fallback: str) -> None:
    text, names, others = _build(pieces)
    swapped = swap_names(text, names, others, lambda written: chosen.get(written, fallback))
    assert len(swapped.names) == len(names) and len(swapped.others) == len(others)
    for (start, end), (new_start, new_end) in zip(names, swapped.names, strict=True):
        assert swapped.text[new_start:new_end] == chosen.get(text[start:end], fallback)
    for (start, end, label), (new_start, new_end, new_label) in zip(others, swapped.others,
                                                                    strict=True):
        assert (swapped.text[new_start:new_end], new_label) == (text[start:end], label)
    # Outside the names nothing changed: cut the names out of both and the rest is the same.
    def rest(of: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> list[str]:
        bounds = [0, *(i for span in spans for i in span), len(of)]
        return [of[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    assert rest(swapped.text, swapped.names) == rest(text, names)


def test_a_name_written_twice_is_swapped_for_the_same_new_name() -> None:
    text = "Nell Ashdown thanked Priya and Nell Ashdown waved"
    names = [(0, 12), (21, 26), (31, 43)]
    fresh = iter(["Ada Quill", "Bo", "Cy Hart"])
    swapped = swap_names(text, names, [], lambda _: next(fresh))
    assert swapped.text == "Ada Quill thanked Bo and Ada Quill waved"


def test_overlapping_spans_are_refused() -> None:
    with pytest.raises(ValueError, match="overlap"):
        swap_names("Nell Ashdown", [(0, 4), (2, 12)], [], str.upper)
    with pytest.raises(ValueError, match="overlaps a name"):
        swap_names("Nell Ashdown", [(0, 4)], [(0, 12, "ORG")], str.upper)


@given(st.integers(min_value=0, max_value=10_000))
def test_the_same_seed_draws_the_same_names(seed: int) -> None:
    shapes = ["Nell Ashdown", "nell", "NELL ASHDOWN", "#NellAshdown", "Nell J. Ashdown"]
    one, two = NamePicker(seed), NamePicker(seed)
    assert [one(s) for s in shapes * 3] == [two(s) for s in shapes * 3]


def test_different_seeds_draw_different_names() -> None:
    draws = {tuple(NamePicker(seed)("Nell Ashdown") for _ in range(5)) for seed in range(5)}
    assert len(draws) == 5


@pytest.mark.parametrize(("written", "words", "case"), [
    ("Nell Ashdown", 2, str.istitle),
    ("nell ashdown", 2, str.islower),
    ("NELL ASHDOWN", 2, str.isupper),
    ("Nell", 1, str.istitle),
    ("nell", 1, str.islower),
    ("Nell J. Ashdown", 3, str.istitle),
])
def test_a_new_name_keeps_the_shape_of_the_old_one(written: str, words: int,
                                                   case: object) -> None:
    picker = NamePicker(5)
    first, last, _ = name_lists()
    for _ in range(40):
        new = picker(written)
        assert len(new.split()) == words and case(new)  # type: ignore[operator]
        assert all(word.lower() in {*first, *last} for word in new.split())


def test_a_hashtag_name_stays_one_hashtag() -> None:
    picker = NamePicker(2)
    for _ in range(20):
        pair, single = picker("#NellAshdown"), picker("#Nell")
        assert pair.startswith("#") and " " not in pair and sum(map(str.isupper, pair)) == 2
        assert single.startswith("#") and " " not in single and sum(map(str.isupper, single)) == 1


def test_swapped_copies_teach_the_new_names_and_keep_the_rest() -> None:
    nlp = spacy.load(BASE_MODEL, exclude=NOT_NEEDED)
    tweet = sentence([("RT", "O"), ("@", "B-PER"), ("nell_a", "B-PER"), (":", "O"),
                      ("Priya", "B-PER"), ("Okafor", "I-PER"), ("visited", "O"),
                      ("London", "B-LOC"), ("with", "O"), ("otis", "B-PER"), ("today", "O")])
    plain = sentence([("Lunch", "O"), ("in", "O"), ("Paris", "B-LOC")])
    examples = _examples(nlp, [tweet, plain], 0.0, random.Random(1), swaps=2, seed=4)
    assert len(examples) == 4  # the tweet, its two copies, the text without a name
    original, *copies, _ = examples
    assert original.reference.text == normalise_social(tweet.text)
    for copy in copies:
        ref = copy.reference
        people = [e.text for e in ref.ents if e.label_ == "PERSON"]
        assert len(people) == 2 and "Priya Okafor" not in people and "otis" not in people
        assert len(people[0].split()) == 2 and people[1].islower()
        tags = dict(zip([t.text for t in ref], copy.get_aligned_ner(), strict=True))
        assert tags["nell_a"] is None  # the handle is still neither name nor not-name
        assert tags["London"] == "U-GPE"  # the original model's place moved with the text
        assert (tags["visited"], tags["today"]) == ("O", "U-DATE")  # after both swaps
    again = _examples(nlp, [tweet, plain], 0.0, random.Random(1), swaps=2, seed=4)
    assert [e.reference.text for e in again] == [e.reference.text for e in examples]
    assert copies[0].reference.text != copies[1].reference.text


def test_a_negative_number_of_swaps_is_refused_in_one_line() -> None:
    with pytest.raises(SystemExit, match="--swaps must be 0 or more"):
        main(["--swaps", "-1"])
