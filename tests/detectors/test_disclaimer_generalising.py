"""A4 beyond the wordings it was built on, through the rule's public interface
(MissingDisclaimer.see/finish) and detectors.text.disclaimer.

- the second and third fictional sets (disclaimer_held_out_2.py, disclaimer_held_out_3.py),
  written before the check was changed for them, scored only as wholes, each bio on a
  teacher's profile;
- SIDE_BY_SIDE: the ways real bios bend a disclaimer (symbols, stretched and swapped letters,
  hashtags, capacity, naming whom one does not speak for), each beside the lookalike that must
  still be read as no disclaimer;
- hypothesis: slips in the words of a statement are read through, the verdict does not move
  when whitespace or punctuation surrounds the bio, and no text makes the rule fail.
"""

from __future__ import annotations

from datetime import date
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.base import Context, Record
from detectors.missing_disclaimer import MissingDisclaimer
from detectors.text.disclaimer import has_disclaimer
from scanner.model import Item, ItemRef, Kind
from scanner.policy import Policy
from tests.detectors import disclaimer_held_out_2 as second
from tests.detectors import disclaimer_held_out_3 as third

POLICY = Policy(school_name="Fernhill Primary School", aliases=("Fernhill Primary",),
                official_handles=("FernhillPrimary",), email_domains=("fernhill.example.org",))
TIE = "Year 6 teacher. "  # ties the profile to teaching, so A4 has to look for the statement


def a4_asks_for_a_statement(bio: str) -> bool:
    """Whether A4 reports a teacher's X profile with this bio as lacking the statement."""
    detector = MissingDisclaimer(Context(policy=POLICY, today=date(2026, 12, 6)))
    profile = Item(kind=Kind.PROFILE, ref=ItemRef("twitter", "profile.js", "profile"),
                   text=bio, handle="jdoe_teaches", name="J Doe")
    list(detector.see(Record(profile)))
    findings = list(detector.finish())
    assert all(f.rule == "A4" for f in findings)
    return bool(findings)


@pytest.mark.parametrize(("held_out", "at_least"), [
    # written before the check was changed for it
    pytest.param(second, (120, 80), id="second"),
    # written in real bios' run-on style before the check was scored on it (it then found 65
    # of 67 and accepted no lookalike; one miss was then fixed, see the README)
    pytest.param(third, (60, 35), id="third"),
])
def test_held_out_set_as_a_whole_through_the_rule(held_out: ModuleType,
                                                   at_least: tuple[int, int]) -> None:
    """Only the whole set is scored, each bio on a teacher's profile."""
    positives = [bio for family in held_out.POSITIVES.values() for bio in family]
    decoys = [bio for family in held_out.DECOYS.values() for bio in family]
    assert len(positives) >= at_least[0] and len(decoys) >= at_least[1]
    found = sum(not a4_asks_for_a_statement(TIE + bio) for bio in positives)
    wrongly = sum(not a4_asks_for_a_statement(TIE + bio) for bio in decoys)
    precision, recall = found / (found + wrongly), found / len(positives)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


# (a disclaimer, a lookalike that is none), side by side
SIDE_BY_SIDE = [
    ("Views — my own", "Views — Lake Windermere"),
    ("Opinions >> mine", "Opinions >> facts? Discuss"),
    ("Opinions ~ my own", "Opinions ~ on phonics, welcome"),
    ("#teacher #views_my_own", "#teacher #views_from_the_classroom"),
    ("Views are my ownnn", "Views of my townnn"),
    ("Ivews my own", "Ivy's mum, views of Ivybridge"),
    ("Pinions mine", "Pinions and gears: DT teacher"),
    ("Opinions mnie", "Opinions mined from the staffroom"),
    ("All views my onw", "All views my dog's"),
    ("Forwarding ≠ agreeing", "Forwarding the newsletter to parents"),
    ("Shared posts do not imply agreement", "Shared posts about our school trip"),
    ("Tweeting in personal capacity", "Personal capacity for cake: unlimited"),
    ("Tweeting on my own behalf", "Tweeting on behalf of the PTA"),
    ("I don't speak for Fernhill Primary", "I don't speak for long at assemblies"),
    ("Does not represent the views of my employer", "Represents the views of my employer"),
    ("Personal acc", "Personal accomplishments: three marathons"),
    ("Tweets are my own opinions", "I tweet my own opinions on football"),
    ("My own opinions, not my school's", "Entitled to my own opinion"),
    ("Just my opinion", "Just my opinion, but Year 4 is the best year"),
    ("Personal account", "A personal account of life with MS"),
    ("Views-my-own", "Ex-pat, part-time, views-of-the-sea fan"),
    ("Views my ain", "Views of my aunt's farm"),
    ("My views - nobody else's", "My views on phonics - long thread"),
    ("Views do not represent my employer", "Guest views do not represent ours"),
    ("🔁 ≠ 👍", "🔁 = 👍"),
    ("💭 my own", "💭 my own business"),
    ("Views 🟰 mine", "Views 🟰 Lake District"),
    ("Views :: my own", "Views :: the Dales"),
    # a bio's items run on without punctuation after the statement
    ("Runner all views are my own blogger", "Runner all views are not my own blogger"),
    ("Opinions are mine gardener", "Reviews my own garden"),
    ("I have no relationship with any company I work for",
     "I have no relationship with any celebrity I follow"),
    ("Nothing here reflects the views of the school I work at",
     "Nothing reflects the views of my pupils like their art"),
]


@pytest.mark.parametrize(("disclaimer", "lookalike"), SIDE_BY_SIDE)
def test_a_disclaimer_beside_its_lookalike(disclaimer: str, lookalike: str) -> None:
    assert not a4_asks_for_a_statement(TIE + disclaimer)
    assert a4_asks_for_a_statement(TIE + lookalike)


STATEMENTS = ["views are my own", "opinions mine", "all thoughts my own",
              "retweets are not endorsements", "views expressed are personal"]


def _slip(word: str, at: int, kind: str) -> str:
    """One slip a thumb makes in a word: a letter held down, or two letters swapped."""
    at = min(at, len(word) - 2)
    if kind == "held":
        return word[:at + 1] + word[at] * 2 + word[at + 1:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


@given(st.sampled_from(STATEMENTS), st.integers(0, 4), st.integers(0, 6),
       st.sampled_from(["held", "swapped"]))
def test_a_slip_in_one_long_word_is_read_through(statement: str, which: int, at: int,
                                                 kind: str) -> None:
    words = statement.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 5]
    i = long_words[which % len(long_words)]
    words[i] = _slip(words[i], at, kind)
    assert has_disclaimer(" ".join(words)), words


SURROUNDINGS = st.text(alphabet=" \t\n.,;:!?|•*~-", max_size=4)
EVERY_BIO = [bio for families in (second.POSITIVES, second.DECOYS) for family in families.values()
             for bio in family]


@given(st.sampled_from(EVERY_BIO), SURROUNDINGS, SURROUNDINGS)
def test_the_verdict_does_not_move_with_what_surrounds_the_bio(bio: str, before: str,
                                                               after: str) -> None:
    assert has_disclaimer(before + bio + after) == has_disclaimer(bio)


@given(st.text(max_size=400), st.sampled_from(["", TIE]))
def test_no_bio_makes_the_rule_fail(bio: str, tie: str) -> None:
    asks = a4_asks_for_a_statement(tie + bio)
    assert asks is (bool(tie) and not has_disclaimer(tie + bio))
