"""The "views are my own" detector on a wide table of realistic bios, positives and decoys.

The table was written before the patterns were tuned; `test_precision_and_recall` measures the
detector over the whole table (every row is also its own test case).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors._disclaimer import find_disclaimer, has_disclaimer, normalise

# (bio, has a disclaimer)
BIOS: list[tuple[str, bool]] = [
    # plain wordings
    ("Year 6 teacher. Views my own.", True),
    ("Primary teacher | views are my own | mum of two", True),
    ("All views my own 🙂", True),
    ("Opinions are my own and not those of my employer.", True),
    ("Deputy head. My views, not my employer's.", True),
    ("Views expressed are mine alone. Science lead.", True),
    ("Personal account. KS2 teacher in the Midlands.", True),
    ("RTs not endorsements. Coffee, books, Year 4.", True),
    ("RT ≠ endorsement", True),
    ("Retweets are not endorsements. Teacher.", True),
    ("Tweets are my own", True),
    ("Thoughts my own. Dad. Runner.", True),
    ("Own views. EYFS lead.", True),
    ("Views = mine", True),
    ("Views mine, obvs", True),
    ("opinions mine x", True),
    ("VIEWS MY OWN. TEACHER.", True),
    ("🍎 Teacher 📚 Reader ☕ Views my own 🌿", True),
    ("History teacher, runner. All opinions expressed here are my own.", True),
    ("Views are solely my own and do not reflect those of my school", True),
    ("Maths teacher | RTs/likes ≠ endorsements", True),
    ("SENCo. Retweets do not imply endorsement.", True),
    ("Teacher. Views and opinions are my own.", True),
    ("English teacher. Views/opinions my own.", True),
    ("Head of Year 9 | Tweets are personal | she/her", True),
    ("The views expressed on this account are my own.", True),
    ("My own views, not my employer's", True),
    ("Teacher. Personal views only.", True),
    ("Music teacher. I do not speak for my employer.", True),
    ("Writing in a personal capacity.", True),
    ("#ViewsMyOwn #teacher", True),
    ("#viewsmyown", True),
    ("Teacher, gardener. Views: my own.", True),
    ("Views do not represent my employer. PE teacher.", True),
    ("Everything I post is my own opinion.", True),
    ("Personal page, not affiliated with any school", True),
    ("Geography teacher ~ views are mine and mine alone ~ Liverpool", True),
    ("likes/RTs aren't endorsements | views own", True),
    ("Views are personal. Chemistry teacher.", True),
    ("Not an official account. Teacher in Leeds.", True),
    ("Sharing is not endorsing. Primary TA.", True),
    ("teacher 🏫 | views r my own", True),
    ("Speaking only for myself. Assistant head.", True),
    ("Opinions expressed are my own and not my school's.", True),
    ("Not the views of my employer. Art teacher.", True),
    ("KS1 teacher. RT's are not endorsements.", True),
    ("Views expressed here are purely my own 🌸", True),
    ("Dad of 3, teacher, Villa fan. All thoughts are my own!", True),
    ("VIEWS = MINE. RTS ≠ ENDORSEMENT.", True),
    # no disclaimer at all
    ("Year 6 teacher at a primary school in Birmingham.", False),
    ("Mum, wife, teacher, Villa fan.", False),
    ("Official account of Oakwood Primary School.", False),
    ("Coffee first. Teaching second.", False),
    ("Science teacher who loves a good experiment 🔬", False),
    ("I have my own views on everything lol", False),
    ("Posts my own photos of birds", False),
    ("Personal trainer and Year 5 teacher", False),
    ("Retweets are endorsements, I only share what I agree with", False),
    ("RT = endorsement", False),
    ("My own business: cakes to order", False),
    ("Teacher. Views? Plenty.", False),
    ("Thoughts on teaching, reading and everything in between", False),
    ("On my own journey in teaching", False),
    ("Proud to be part of the Oakwood family", False),
    ("", False),
    # negations must not count
    ("views are NOT my own", False),
    ("These views are not mine, they are my employer's", False),
    ("Views: not my own", False),
    ("This is not a personal account", False),
    ("Not a personal account: official news from the PTA", False),
    ("Views aren't my own, I just work here 😂", False),
    ("My opinions are never my own", False),
    ("Views are not necessarily my own", False),
    ("These aren't my own views, I'm quoting", False),
    ("Opinions: not mine", False),
    # a second batch, written after the first was measured (held out from the tuning)
    ("Reception teacher 🌈 views are my own and not those of @OakwoodPrimary", True),
    ("Maths nerd. All tweets my own.", True),
    ("PE teacher | Retweets ≠ agreement", True),
    ("Thoughts & opinions are my own", True),
    ("Views my own not my employers", True),
    ("Views expressed are my own & don't reflect my employer", True),
    ("Teacher. Mum. Views mine and mine only.", True),
    ("Teaching Assistant 🍏 personal account 🍏 views own", True),
    ("Opinions = my own", True),
    ("All views expressed are personal", True),
    ("Likes ≠ endorsements", True),
    ("Views are my own (obviously)", True),
    ("Views, as ever, are my own", True),
    ("Views all mine", True),
    ("Everything here: my own views", True),
    ("views from my window", False),
    ("my personal best: 3:12 marathon", False),
    ("Opinions welcome!", False),
    ("Views of the Peak District and my dog", False),
    ("Personal statement coach", False),
    ("Views are not my own - parody account", False),
    ("No views are my own", False),
    ("I don't think my views are my own anymore", False),
    ("Not my own views - quoting the DfE", False),
    ("RTs are endorsements", False),
    ("Official school account - views are those of the school", False),
]


@pytest.mark.parametrize(("bio", "expected"), BIOS)
def test_bio(bio: str, expected: bool) -> None:
    assert has_disclaimer(bio) is expected, find_disclaimer(bio)


def test_precision_and_recall() -> None:
    found = [(has_disclaimer(bio), expected) for bio, expected in BIOS]
    true_pos = sum(1 for got, want in found if got and want)
    false_pos = sum(1 for got, want in found if got and not want)
    false_neg = sum(1 for got, want in found if not got and want)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert len(BIOS) >= 40
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_the_words_found_are_reported() -> None:
    assert find_disclaimer("Teacher. Views my own.") == "views my own"
    assert find_disclaimer("Nothing here") is None


def test_normalise_reads_symbols_as_words() -> None:
    assert "not" in normalise("RT ≠ endorsement")
    assert "are" in normalise("Views = mine")


@given(st.text())
def test_any_text_is_safe(text: str) -> None:
    assert isinstance(has_disclaimer(text), bool)
