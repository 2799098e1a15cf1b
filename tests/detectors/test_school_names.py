"""The school-name matcher on wide tables of hostile handles, names, texts and decoy schools.

Three fictional schools: Oakwood Primary School (a place-name school with an abbreviation),
St Ann's C of E Primary School (a saint's name, an apostrophe, a church designation) and King
Edward VI Grammar School (a name whose own phase word, "grammar", is another school's decoy).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.base import Context
from detectors.school.names import (
    ABBREVIATION,
    DISTINCTIVE,
    OFFICIAL,
    SchoolMatch,
    SchoolMatcher,
    school_matcher,
)
from detectors.school.teaching import teaching_words, work_talk
from scanner.policy import Policy

OAK = SchoolMatcher(Policy(school_name="Oakwood Primary School",
                           aliases=("Oakwood Primary", "OPS", "Oakwood School"),
                           official_handles=("OakwoodPrimary", "@oakwoodprimaryschool")))
ANN = SchoolMatcher(Policy(school_name="St Ann's C of E Primary School",
                           aliases=("St Ann's Primary",)))
KEGS = SchoolMatcher(Policy(school_name="King Edward VI Grammar School",
                            aliases=("KEGS", "King Edward's")))
BROOK = SchoolMatcher(Policy(school_name="Brookfield Community Academy",
                             aliases=("Brookfield Academy", "BCA")))
SCHOOLS = {"oak": OAK, "ann": ANN, "kegs": KEGS, "brook": BROOK}

SURE, REVIEW, NONE = "certain", "review", "none"


def verdict(matches: list[SchoolMatch]) -> str:
    if not matches:
        return NONE
    return SURE if any(m.certain for m in matches) else REVIEW


HANDLES = [
    # official handles: never reported, however written
    ("oak", "OakwoodPrimary", NONE),
    ("oak", "@oakwoodprimaryschool", NONE),
    ("oak", "OAKWOODPRIMARY", NONE),
    # the full name or an alias, squashed, disguised: certain
    ("oak", "oakwood_primary", SURE),
    ("oak", "MrsJ_OakwoodPrimary", SURE),
    ("oak", "OakwoodPrimaryPTA", SURE),
    ("oak", "oakwoodprimary_", SURE),
    ("oak", "0akw00dPr1mary", SURE),
    ("oak", "o.a.k.w.o.o.d.p.r.i.m.a.r.y", SURE),
    ("oak", "Oakwood-School-Staff", SURE),
    ("oak", "@MissTaylor_OakwoodSchool", SURE),
    # the distinctive part alone, or the abbreviation: review
    ("oak", "MrJ_0akwood", REVIEW),
    ("oak", "@MrJ_0akwood", REVIEW),
    ("oak", "oakwood_teacher", REVIEW),
    ("oak", "TheOakwoodTeacher", REVIEW),
    ("oak", "JaneOakwood", REVIEW),
    ("oak", "o.a.k.w.o.o.d", REVIEW),
    ("oak", "oakwood2020", REVIEW),
    ("oak", "OPS_teacher", REVIEW),
    ("oak", "MissB_OPS", REVIEW),
    ("oak", "OPSTeacher", REVIEW),
    ("oak", "mrs_b_ops", REVIEW),
    # decoys: other schools, places, the word "ops"
    ("oak", "OakwoodGrammar", NONE),
    ("oak", "oakwood_grammar_school", NONE),
    ("oak", "OakridgePrimary", NONE),
    ("oak", "oakridge_ps", NONE),
    ("oak", "OakwoodParkRunner", NONE),
    ("oak", "oakwood_road_residents", NONE),
    ("oak", "OakwoodRangersFC", NONE),
    ("oak", "oakwoodhigh", NONE),
    ("oak", "oakwoods_cafe", NONE),
    ("oak", "broakwood_mum", NONE),
    ("oak", "OpsManager", NONE),
    ("oak", "ops_team", NONE),
    ("oak", "DevOps_Jo", NONE),
    ("oak", "oops_upside", NONE),
    ("oak", "SunnyOaksPrimary", NONE),
    ("oak", "jo_smith", NONE),
    # a saint's name
    ("ann", "SaintAnnsPrimary", SURE),
    ("ann", "stannsprimary", SURE),
    ("ann", "StAnnsTeacher", REVIEW),
    ("ann", "st_anns_ks2", REVIEW),
    ("ann", "StAnnsRoad", NONE),
    ("ann", "st_annes_fc", NONE),
    ("ann", "StAnnesTeacher", NONE),
    # a grammar school: "grammar" is its own word, "high" is another school's
    ("kegs", "KingEdwardVIGrammar", SURE),
    ("kegs", "KEGS_Physics", REVIEW),
    ("kegs", "kingedwards_staff", REVIEW),
    ("kegs", "KingEdwardVIHigh", NONE),
    ("kegs", "kegs_fan", NONE),
    # a second batch, written after the first was measured (held out from the tuning)
    ("oak", "Oakwood_Primary_Y6", SURE),
    ("oak", "missjones_oakwoodps", SURE),
    ("oak", "0AKW00D_TA", REVIEW),
    ("oak", "oak.wood.primary", SURE),
    ("oak", "MrsK_OPS_KS1", REVIEW),
    ("oak", "teach_oakwood", REVIEW),
    ("oak", "OakwoodLeisure", NONE),
    ("oak", "oakwood_golf_club", NONE),
    ("oak", "oakwoodgrammar6th", NONE),
    ("oak", "TOPS_fan", NONE),
    ("oak", "opsec_nerd", NONE),
    ("oak", "oakridgeprimaryschool", NONE),
    ("brook", "brookfield_academy_pe", SURE),
    ("brook", "BCA_Science", REVIEW),
    ("brook", "MrBrookfield", REVIEW),
    ("brook", "brookfieldfarmshop", NONE),
    ("brook", "BrookfieldHigh", NONE),
]


@pytest.mark.parametrize(("school", "handle", "expected"), HANDLES)
def test_handles(school: str, handle: str, expected: str) -> None:
    assert verdict(SCHOOLS[school].in_handle(handle)) == expected


TEXTS = [
    ("oak", "Year 6 teacher at Oakwood Primary School. Views my own.", SURE),
    ("oak", "Proud to work at Oakwood Primary!", SURE),
    ("oak", "OAKWOOD PRIMARY SCHOOL TEACHER", SURE),
    ("oak", "Teaching assistant, Oakwood School", SURE),
    ("oak", "oakwood primary", SURE),
    ("oak", "0akw00d Primary School", SURE),
    ("oak", "see oakwood-primary.example.sch.uk", SURE),
    ("oak", "Teacher at Oakwood. Mum of 2", REVIEW),
    ("oak", "TA @ Oakwood 🍎", REVIEW),
    ("oak", "Head of Science at Oakwood", REVIEW),
    ("oak", "Oakwood staff night out!", REVIEW),
    ("oak", "Year 6 at Oakwood", REVIEW),
    ("oak", "#TeamOakwood #ks2", REVIEW),
    ("oak", "Oakwood PTA quiz night", REVIEW),
    ("oak", "Teaching at Oakwod Primary", REVIEW),
    ("oak", "TEACHER AT OAKWOOD", REVIEW),
    ("oak", "Oakwood Grammar School", NONE),
    ("oak", "Proud to teach at Oakwood Grammar School", NONE),
    ("oak", "Oakridge Primary School summer fair", NONE),
    ("oak", "TA at Oakwood Park Primary", NONE),
    ("oak", "Running in Oakwood Park on Sunday", NONE),
    ("oak", "Oakwood Road closed again", NONE),
    ("oak", "Oakwood Rangers under 9s coach", NONE),
    ("oak", "Teacher. Coaching at Oakwood Rangers", NONE),
    ("oak", "Oakwood High School reunion", NONE),
    ("oak", "The Oakwood Arms quiz", NONE),
    ("oak", "Born in Oakwood, living in London", NONE),
    ("oak", "I love Oakwood", NONE),
    ("oak", "oakwood furniture sale", NONE),
    ("oak", "ops team meeting", NONE),
    ("oak", "Oops!", NONE),
    ("oak", "Loving life at OPS", NONE),
    ("oak", "ECT | Year 2 @ OPS | Football & Fortnite", REVIEW),
    ("oak", "TA at OPS", REVIEW),
    ("oak", "Our ops team at work", NONE),
    ("oak", "Thanks @OakwoodPrimary for the lovely concert", NONE),
    ("ann", "St. Ann's C of E Primary School", SURE),
    ("ann", "Saint Ann's Primary", SURE),
    ("ann", "Teacher at St Ann's Primary School", SURE),
    ("ann", "Teacher at St Ann’s", REVIEW),
    ("ann", "St Ann's Church fete", NONE),
    ("ann", "St Anne's Primary", NONE),
    ("ann", "St Ann's Road", NONE),
    ("ann", "St Ann's Hospital", NONE),
    ("kegs", "King Edward VI Grammar", SURE),
    ("kegs", "Physics teacher at King Edward's", REVIEW),
    ("kegs", "King Edward VI High School", NONE),
    ("kegs", "King Edward's Road", NONE),
    ("kegs", "Loving KEGS", NONE),
    # the held-out batch
    ("oak", "Class teacher at Oakwood Primary since 2015", SURE),
    ("oak", "Supply teacher, mostly at Oakwood", REVIEW),
    ("oak", "Oakwood Primary School governor", SURE),
    ("oak", "our Oakwood family", REVIEW),
    ("oak", "Oakwood Village Hall jumble sale", NONE),
    ("oak", "Moved from Oakwood Grammar to a new job", NONE),
    ("oak", "Walked round Oakwood Lake", NONE),
    ("oak", "Oakwood Drive roadworks", NONE),
    ("oak", "my OPS login", NONE),
    ("brook", "Teacher at Brookfield Academy", SURE),
    ("brook", "Head of Year 9 at Brookfield", REVIEW),
    ("brook", "Brookfield Community Academy", SURE),
    ("brook", "Brookfield Road closed", NONE),
    ("brook", "Brookfield Primary School", NONE),
    ("brook", "BCA results day", NONE),
]


@pytest.mark.parametrize(("school", "text", "expected"), TEXTS)
def test_texts(school: str, text: str, expected: str) -> None:
    assert verdict(SCHOOLS[school].in_text(text)) == expected


def test_how_and_form_are_reported() -> None:
    [match] = OAK.in_handle("@MrJ_0akwood")
    assert (match.form, match.certain, match.name) == ("0akwood", False, "oakwood")
    assert match.how.startswith(DISTINCTIVE) and "leetspeak" in match.how
    assert "@MrJ_0akwood"[match.start:match.end] == "0akwood"
    [abbr] = OAK.in_handle("MissB_OPS")
    assert (abbr.how, abbr.form) == (ABBREVIATION, "OPS")
    [name] = OAK.in_text("Teacher at Oakwood Primary School")
    assert (name.how, name.name) == ("exact", "oakwood primary school")


def test_official_mentions_only_when_asked() -> None:
    text = "Year 4 teacher at @OakwoodPrimary"
    assert OAK.in_text(text) == []
    [match] = OAK.in_text(text, official=True)
    assert match.how == OFFICIAL and text[match.start:match.end] == "@OakwoodPrimary"


def test_employment_words_only_when_asked() -> None:
    assert OAK.in_text("I work at Oakwood") == []
    assert verdict(OAK.in_text("I work at Oakwood", employment=True)) == REVIEW


NAMES = [
    ("oak", "Mrs J Smith (OPS)", REVIEW),
    ("oak", "Jo Smith | Ops Manager", NONE),
    ("oak", "Jane Oakwood", NONE),
    ("oak", "Mr J - Oakwood Primary", SURE),
    ("oak", "0akw00d Pr1mary Fan", SURE),
    ("oak", "Miss B 🍎 OakwoodPrimaryKS2", SURE),
    ("oak", "Miss B | TeamOakwood", REVIEW),
    ("oak", "Oakwood Grammar Old Boys", NONE),
    ("oak", "OOPS I DID IT AGAIN", NONE),
    ("ann", "Mrs Patel @ St Ann's Primary", SURE),
]


@pytest.mark.parametrize(("school", "name", "expected"), NAMES)
def test_display_names(school: str, name: str, expected: str) -> None:
    assert verdict(SCHOOLS[school].in_name(name)) == expected


URLS = [
    ("https://twitter.com/OakwoodPrimary", NONE),
    ("https://x.com/MrJ_Oakwood", REVIEW),
    ("https://www.instagram.com/oakwood_primary_teacher/", SURE),
    ("https://www.linkedin.com/in/jo-smith-oakwood", REVIEW),
    ("https://mrj-oakwoodprimary.blogspot.com/", SURE),
    ("https://www.facebook.com/jo.smith.1234", NONE),
    ("https://mastodon.example/@oakwood_park_runner", NONE),
    ("not a url at all", NONE),
]


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_profile_addresses(url: str, expected: str) -> None:
    matches = OAK.in_url(url)
    assert verdict(matches) == expected
    for match in matches:
        assert url[match.start:match.end] == match.form


def test_offsets_point_into_the_original_text() -> None:
    text = "Café owner and TA at Oakwood Primary School 🍎 #TeamOakwood"
    for match in OAK.in_text(text):
        assert text[match.start:match.end] == match.form


def test_the_matcher_is_built_once_per_scan() -> None:
    ctx = Context(policy=Policy(school_name="Oakwood Primary School"), today=date(2026, 1, 5))
    assert school_matcher(ctx) is school_matcher(ctx)


def test_a_name_of_only_school_words_is_never_searched() -> None:
    generic = SchoolMatcher(Policy(school_name="The Academy", aliases=("The High School",)))
    assert generic.in_text("Teacher at the Academy, ex High School") == []
    assert generic.in_handle("academy_teacher") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Year 6 teacher", True), ("SENCo and mum", True), ("Head of Maths", True),
    ("Primary TA", True), ("teaching assistant", True), ("Deputy head, Birmingham", True),
    ("Yoga teacher and mum", False), ("Head of Marketing", False), ("ta very much", False),
    ("Mum, runner, baker", False), ("Driving teacher", False),
])
def test_teaching_words(text: str, expected: bool) -> None:
    assert (teaching_words(text) is not None) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Marking mocks all weekend", True), ("My Year 6 were superstars today", True),
    ("Ofsted next week, wish us luck", True), ("Parents' evening marathon", True),
    ("Teaching my son to ride a bike", False), ("Lovely walk by the river", False),
    ("Off to the shops", False),
])
def test_work_talk(text: str, expected: bool) -> None:
    assert (work_talk(text) is not None) is expected


@given(st.text(max_size=300))
def test_any_text_is_safe(text: str) -> None:
    for matcher in SCHOOLS.values():
        for read in (matcher.in_text, matcher.in_handle, matcher.in_name, matcher.in_url):
            for match in read(text):
                assert 0 <= match.start <= match.end <= len(text)
