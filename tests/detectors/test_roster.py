"""The plain roster: reading the CSV, and matching names, usernames and posts against it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_data import (
    HANDLE_DECOYS,
    HANDLE_POSITIVES,
    NAME_DECOYS,
    NAME_POSITIVES,
    NEAR_POSITIVES,
    PLAIN_HANDLE_POSITIVES,
    TEXT_DECOYS,
    TEXT_POSITIVES,
    TODAY,
    write_roster,
)

from detectors.roster.match import PlainRoster, load_roster
from detectors.roster.names import fold, handle_parts, normalise, parse_name
from scanner.errors import PolicyError

HEADER = "first_name,last_name,preferred_name,role,year_group,date_of_birth,linked_to\n"


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> PlainRoster:
    return load_roster(write_roster(tmp_path_factory.mktemp("roster")), TODAY)


def by_label(roster: PlainRoster, label: str, role: str | None = None) -> str:
    ids = [e.id for e in roster.entries if e.label == label and role in (None, e.role)]
    assert len(ids) == 1, (label, role)
    return ids[0]


# --- reading the CSV ---------------------------------------------------------------------------

def test_reads_every_person_once_with_roles_years_and_ages(roster: PlainRoster) -> None:
    # Jane Ashdown is listed once per child, as MIS exports do: she is one person.
    assert len(roster) == 16
    entries = {(e.label, e.role): e for e in roster.entries}
    katherine = entries["Katherine Ashdown", "pupil"]
    assert (katherine.year_group, katherine.under_18) == ("Year 5", True)
    assert entries["Zoë Brennan", "pupil"].year_group == "Year 5"  # written Y5
    assert entries["Siobhan O'Rourke", "pupil"].year_group == "Reception"
    assert entries["William Thornber", "ex-pupil"].under_18 is True
    assert entries["Thomas Whitlock", "ex-pupil"].under_18 is False
    assert entries["Robert Fairclough", "governor"].under_18 is None
    # A parent with no year group is placed by the child they are linked to.
    assert entries["Jane Ashdown", "parent"].year_group == "Year 5"


def test_ids_are_stable_and_distinct(tmp_path: Path, roster: PlainRoster) -> None:
    again = load_roster(write_roster(tmp_path), TODAY)
    assert [e.id for e in again.entries] == [e.id for e in roster.entries]
    assert len({e.id for e in roster.entries}) == len(roster)


def test_eighteenth_birthday_counts_from_the_day(tmp_path: Path) -> None:
    path = write_roster(tmp_path, HEADER + "Ava,Thornber,,ex-pupil,,2008-01-10,\n"
                                           "Eve,Thornber,,ex-pupil,,2008-01-11,\n"
                                           "Ida,Thornber,,ex-pupil,,29/02/2008,\n")
    ages = [e.under_18 for e in load_roster(path, TODAY).entries]
    assert ages == [False, True, True]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_reads_excel_encodings_and_semicolons(tmp_path: Path, encoding: str) -> None:
    text = HEADER.replace(",", ";") + "Zoë;Brennan;;Pupil;5;03/11/2015;\n"
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    (entry,) = load_roster(path, TODAY).entries
    assert (entry.label, entry.role, entry.under_18) == ("Zoë Brennan", "pupil", True)


def test_optional_columns_may_be_missing_and_roles_have_synonyms(tmp_path: Path) -> None:
    path = write_roster(tmp_path, "Surname,Forename,Role\nAshdown,Jane,Carer\n"
                                  "Whitmore,Joanne,Teacher\n\n,,\n")
    assert [(e.label, e.role) for e in load_roster(path, TODAY).entries] == [
        ("Jane Ashdown", "parent"), ("Joanne Whitmore", "staff")]


@pytest.mark.parametrize(("rows", "fragments"), [
    ("Katie,Ashdown,,pupl,5,,\n", ["row 2", "column role", "'pupl'", "pupil, ex-pupil"]),
    ("Katie,Ashdown,,pupil,5,31/02/2016,\n",
     ["row 2", "column date_of_birth", "'31/02/2016'", "YYYY-MM-DD"]),
    ("Katie,Ashdown,,pupil,5,2016-02-14,\nZoe,Brennan,,pupil,5,14-Feb-2016,\n",
     ["row 3", "column date_of_birth"]),
    ("Katie,Ashdown,,pupil,5,2090-01-01,\n", ["row 2", "date_of_birth", "check the year"]),
    (",Ashdown,,pupil,5,,\n", ["row 2", "column first_name", "empty"]),
    ("Katie,???,,pupil,5,,\n", ["row 2", "column last_name"]),
    ("Katie,,,,5,,\n", ["row 2", "column last_name"]),
    ("Katie,Ashdown,,,5,,\n", ["row 2", "column role", "empty"]),
    ("Katie,Ashdown,,pupil,5,2016-02-14,Ashdown, Jane\n", ["row 2", "8 values", "quotes"]),
])
def test_bad_rows_name_the_row_the_column_and_the_fix(tmp_path: Path, rows: str,
                                                      fragments: list[str]) -> None:
    with pytest.raises(PolicyError) as caught:
        load_roster(write_roster(tmp_path, HEADER + rows), TODAY)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("roster.csv")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "is empty"),
    ("name,role\nKatie Ashdown,pupil\n", "no first_name column"),
    ("first_name,last_name\nKatie,Ashdown\n", "no role column"),
])
def test_bad_headers(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(PolicyError, match=fragment):
        load_roster(write_roster(tmp_path, text), TODAY)


def test_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot be read"):
        load_roster(tmp_path / "nope.csv", TODAY)


# --- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "label", "role", "how", "certain"), NAME_POSITIVES)
def test_name_variants_match(roster: PlainRoster, written: str, label: str, role: str, how: str,
                             certain: bool) -> None:
    found = {m.entry.id: m for m in roster.match_name(written)}
    match = found[by_label(roster, label, role)]
    assert (match.how, match.certain) == (how, certain)
    assert 0 < match.score <= 100


@pytest.mark.parametrize(("written", "label", "how"), NEAR_POSITIVES)
def test_typos_and_initials_are_review_only(roster: PlainRoster, written: str, label: str,
                                            how: str) -> None:
    (match,) = roster.match_name(written)
    assert (match.entry.label, match.how, match.certain) == (label, how, False)


@pytest.mark.parametrize("written", NAME_DECOYS)
def test_decoys_match_nobody(roster: PlainRoster, written: str) -> None:
    assert roster.match_name(written) == []


def test_nickname_siblings_do_not_match(tmp_path: Path) -> None:
    # Kate and Kathy are both short for Katherine, but Kate is not Kathy.
    path = write_roster(tmp_path, HEADER + "Kate,Ashdown,,pupil,5,,\n")
    assert load_roster(path, TODAY).match_name("Kathy Ashdown") == []


def test_an_initial_that_fits_too_many_people_says_nothing(tmp_path: Path) -> None:
    rows = "".join(f"J{n},Smith,,pupil,5,,\n" for n in ("ack", "ames", "oe", "ude"))
    assert load_roster(write_roster(tmp_path, HEADER + rows), TODAY).match_name("J. Smith") == []


def test_best_match_first(roster: PlainRoster) -> None:
    matches = roster.match_name("Daniel Radcliffe")
    assert {m.entry.role for m in matches} == {"pupil", "parent"}
    assert not any(m.certain for m in matches)


# --- usernames ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("handle", "label"), HANDLE_POSITIVES + PLAIN_HANDLE_POSITIVES)
def test_usernames_match_for_review(roster: PlainRoster, handle: str, label: str) -> None:
    matches = roster.match_handle(handle)
    assert [m.entry.label for m in matches] == [label]
    assert not any(m.certain for m in matches)


@pytest.mark.parametrize("handle", HANDLE_DECOYS)
def test_username_decoys(roster: PlainRoster, handle: str) -> None:
    assert roster.match_handle(handle) == []


@pytest.mark.parametrize(("handle", "parts"), [
    ("katie.smith09", ["katie", "smith"]), ("KatieSmith", ["katie", "smith"]),
    ("@katie_l_smith", ["katie", "smith"]), ("k-smith-2010", ["k", "smith"]),
    ("https://x.com/Zoë_Brennan/", ["zoe", "brennan"]),
])
def test_handle_parts(handle: str, parts: list[str]) -> None:
    assert handle_parts(handle) == parts


# --- names in posts ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "label", "certain"), TEXT_POSITIVES)
def test_names_in_text(roster: PlainRoster, text: str, words: str, label: str,
                       certain: bool) -> None:
    found = roster.find_in_text(text)
    assert [(text[s:e], m.entry.label, m.certain) for s, e, m in found] == [
        (words, label, certain)]


@pytest.mark.parametrize("text", TEXT_DECOYS)
def test_text_decoys(roster: PlainRoster, text: str) -> None:
    assert roster.find_in_text(text) == []


def test_text_typo_is_review_and_several_names_are_all_found(roster: PlainRoster) -> None:
    text = "Katherine Ashdwon, Priya Lindqvist and Mr Robert Fairclough came to the fair."
    found = [(text[s:e], m.how, m.certain) for s, e, m in roster.find_in_text(text)]
    assert found == [("Katherine Ashdwon", "typo", False), ("Priya Lindqvist", "exact", True),
                     ("Robert Fairclough", "exact", True)]


# --- normalisation -----------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "folded"), [
    ("Zoë", "zoe"), ("ŁUKASZ", "lukasz"), ("Søren", "soren"), ("Straße", "strasse"),
    ("Chloé", "chloe"), ("Zoe\u0308", "zoe"),
])
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_normalise_and_parse() -> None:
    assert normalise("  Zoë  O'Brien-Smith ") == "zoe obrien smith"
    parsed = parse_name("Brennan, Zoë")
    assert (parsed.parts, parsed.surname_first, parsed.forename) == (("zoe", "brennan"), True,
                                                                     "Zoë")
    assert parse_name("Jane Ashdown, PhD").parts == ("jane", "ashdown")


# --- never raises ------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_arbitrary_names_handles_and_texts_never_raise(roster: PlainRoster, text: str) -> None:
    for match in roster.match_name(text) + roster.match_handle(text):
        assert 0 < match.score <= 100
    for start, end, match in roster.find_in_text(text):
        assert 0 <= start < end <= len(text)
        assert match.entry in roster.entries


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_csv_bytes_load_or_raise_policy_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        path.write_bytes(HEADER.encode() + data)
        try:
            roster = load_roster(path, TODAY)
        except PolicyError as exc:
            assert "\n" not in str(exc)
        else:
            assert all(e.role in {"pupil", "ex-pupil", "parent", "governor", "staff"}
                       for e in roster.entries)
