"""The shared lexicon: word-bounded matching, stems, phrases, masked spellings, distances."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.base import Context
from detectors.lexicons.lists import (
    Lexicon,
    lexicon,
    load,
    mask_word,
    parse,
    profanity_score,
    school_pattern,
)
from detectors.text.distance import near, same_sentence, words_between
from detectors.text.posts import given_names, word_names
from scanner.policy import Policy

LISTS = ["offensive", "pupils", "people", "school_matters", "performance", "grievance",
         "insults", "campaign", "groups"]


def small(*terms: str, obfuscated: bool = False) -> Lexicon:
    return Lexicon({"t": list(terms)}, obfuscated=obfuscated)


@pytest.mark.parametrize(("terms", "text", "want"), [
    (["ass"], "assess the kids", []),
    (["arse"], "Arsenal won", []),
    (["cunt"], "Scunthorpe United", []),
    (["class"], "classic novel", []),
    (["ass"], "what an ass!", ["ass"]),
    (["sick of"], "so SICK  OF it", ["SICK  OF"]),
    (["sick of"], "sick-of-it", ["sick-of"]),
    (["bully*"], "bully, bullying, bullies", ["bully", "bullying"]),
    (["can't stand"], "I cant stand it", ["cant stand"]),
    (["can't stand"], "I can’t stand it", ["can’t stand"]),
    (["#ad"], "love this #ad", ["#ad"]),
    (["#ad"], "#advent calendar", []),
    (["re: £\\d+ ono"], "bike £20 ono", ["£20 ono"]),
    (["year 6"], "year 66", []),
])
def test_word_bounded_matching(terms: list[str], text: str, want: list[str]) -> None:
    assert [h.text for h in small(*terms).find(text)] == want


@pytest.mark.parametrize(("text", "found"), [
    ("f*ck off", True), ("sh1t day", True), ("b!tch", True), ("fuuuck", True),
    ("c*nt", True), ("f***", False), ("shirt", False), ("fork", False), ("chat", False),
])
def test_masked_spellings(text: str, found: bool) -> None:
    lex = small("fuck", "shit", "bitch", "cunt", obfuscated=True)
    assert bool(lex.find(text)) is found


def test_longest_match_wins_then_file_order() -> None:
    lex = Lexicon({"innocent": ["maine coon"], "slur": ["coon"], "mild": ["little"],
                   "insult": ["little shit"]})
    assert [(h.category, h.term) for h in lex.find("a Maine Coon and a little shit")] == [
        ("innocent", "maine coon"), ("insult", "little shit")]


def test_parse_comments_categories_and_regex_lines() -> None:
    text = ["# a comment", "[one]", "alpha  # why", "#tag", "", "[two]", "re: a#b"]
    assert parse(text) == {"one": ["alpha", "#tag"], "two": ["re: a#b"]}


@pytest.mark.parametrize("name", LISTS)
def test_every_list_loads_and_compiles(name: str) -> None:
    lex = load(name, obfuscated=name == "offensive")
    assert lex.categories and lex.any is not None
    assert lex.find("") == []


def test_lists_are_cached_in_the_scan_context() -> None:
    ctx = Context(policy=Policy(school_name="X"), today=date(2026, 1, 1))
    assert lexicon(ctx, "insults") is lexicon(ctx, "insults")
    assert any(key.startswith("lexicon:insults") for key in ctx.shared)


def test_given_names_leave_out_everyday_words() -> None:
    names = given_names()
    assert {"isla", "poppy", "jack", "muhammad"} <= names
    assert not {"may", "will", "hope", "summer"} & names


def test_word_names_are_kept_apart_and_leave_out_modal_verbs() -> None:
    assert {"summer", "faith", "hope"} <= word_names()
    assert not {"may", "will"} & word_names()
    assert not given_names() & word_names()


def test_school_pattern_keeps_short_capitals_exact() -> None:
    ctx = Context(policy=Policy(school_name="X"), today=date(2026, 1, 1))
    pattern = school_pattern(ctx, ("Oakwood Primary School", "OPS"))
    assert pattern is not None
    assert pattern.search("at oakwood primary school today")
    assert pattern.search("OPS staff")
    assert not pattern.search("oops, ops team")
    assert school_pattern(ctx, ()) is None


def test_distances() -> None:
    text = "The head is, honestly and truly, useless. Work is fine."
    head, useless, work = (4, 8), (33, 40), (42, 46)
    assert words_between(text, head[1], useless[0]) == 4
    assert near(text, head, useless, 4) and not near(text, head, useless, 3)
    assert same_sentence(text, head, useless) and not same_sentence(text, useless, work)
    assert not near(text, useless, work, 5, sentence=True)


def test_mask_word() -> None:
    assert mask_word("bitch") == "b****"
    assert mask_word("") == ""


def test_profanity_score_is_a_probability() -> None:
    assert profanity_score("fuck off you twat") > 0.9
    assert profanity_score("lovely walk by the river") < 0.2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    for name in LISTS:
        for hit in load(name, obfuscated=name == "offensive").find(text):
            assert 0 <= hit.start < hit.end <= len(text)
