"""Initials: what a report shows of another person's name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.text.excerpt import excerpt
from scanner.redact import initials


@pytest.mark.parametrize("name, shown", [
    ("Katie Smith", "K. S."),
    ("Coach Dantonio", "C. D."),
    ("emily blunt", "e. b."),
    ("#PamFryman", "#P. F."),
    ("#pam_fryman", "#p. f."),
    ("#Messi", "#M."),
    ("@MrsOlsonYr5", "@M. O. Y. 5."),
    ("#ZoëSmith", "#Z. S."),
    ("#Жанна", "#Ж."),
    ("#", "#."),
])
def test_initials_keep_one_letter_of_each_word(name: str, shown: str) -> None:
    assert initials(name) == shown


def test_a_hashtag_name_in_an_excerpt_is_cut_to_its_initials() -> None:
    text = "So proud of #PamFryman at sports day"
    shown = excerpt(text, 0, len(text), hide=((12, 22),))
    assert shown == "So proud of #P. F. at sports day"


@given(st.text(alphabet=st.characters(categories=["L", "Nd"], include_characters="#@_ "),
               max_size=40))
def test_no_two_letters_of_a_name_survive_side_by_side(name: str) -> None:
    shown = initials(name)
    assert not re.search(r"[^\W\d_]{2}", shown), shown
