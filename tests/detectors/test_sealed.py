"""The sealed roster: no readable names in the file, and the same matches as the plain CSV."""

from __future__ import annotations

import json
import stat
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
    ROSTER_NAMES,
    TEXT_DECOYS,
    TEXT_POSITIVES,
    TODAY,
    write_roster,
)

from detectors.base import NameMatch, RosterEntry
from detectors.roster.match import PlainRoster, load_roster
from detectors.roster.names import fold
from detectors.roster.sealed import SealedRoster, load_sealed, write_sealed
from scanner.commands.roster import run_roster_seal
from scanner.errors import ScanError

PASSPHRASE = "correct horse battery staple, fictional"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sealed")


@pytest.fixture(scope="module")
def plain(folder: Path) -> PlainRoster:
    return load_roster(write_roster(folder), TODAY)


@pytest.fixture(scope="module")
def sealed_path(folder: Path, plain: PlainRoster) -> Path:
    path = folder / "roster.sealed"
    write_sealed(plain, path, PASSPHRASE, TODAY)
    return path


@pytest.fixture(scope="module")
def sealed(sealed_path: Path) -> SealedRoster:
    return load_sealed(sealed_path, PASSPHRASE)


@pytest.fixture(scope="module")
def same(plain: PlainRoster, sealed: SealedRoster) -> dict[str, RosterEntry]:
    """Plain entry id -> the sealed entry for the same person (found by their exact name)."""
    pairs = {}
    for person, entry in zip(plain.people, plain.entries, strict=True):
        found = [m.entry for m in sealed.match_name(f"{person.first_name} {person.last_name}")
                 if m.how == "exact" and m.entry.role == entry.role]
        assert len(found) == 1
        pairs[entry.id] = found[0]
    return pairs


def view(matches: list[NameMatch], same: dict[str, RosterEntry] | None = None
         ) -> list[tuple[str, str, bool, float]]:
    """Matches as comparable tuples; plain entries translated to their sealed twins."""
    return sorted(((same[m.entry.id] if same else m.entry).id, m.how, m.certain, m.score)
                  for m in matches)


# --- the file ----------------------------------------------------------------------------------

def test_file_holds_no_readable_name(sealed_path: Path, plain: PlainRoster) -> None:
    data = sealed_path.read_bytes().lower()
    # Hex cannot spell a name by chance (no letters after f), so any hit would be a leak.
    for name in ROSTER_NAMES:
        assert name.lower().encode() not in data, name
        assert fold(name).encode() not in data, name
    for person in plain.people:
        assert f"{person.first_name[0]}{person.last_name[0]}".lower().encode() + b'"' not in data
    doc = json.loads(sealed_path.read_text())
    assert set(doc) == {"format", "version", "sealed_on", "kdf", "salt", "passphrase", "check",
                        "people", "hashes"}
    for person in doc["people"]:
        assert set(person) == {"id", "role", "age", "year"}
        assert person["role"] in {"pupil", "ex-pupil", "parent", "governor", "staff"}
        assert person["age"] in {"under-18", "adult", "unknown"}
    assert all(len(digest) == 32 and int(digest, 16) >= 0 for digest in doc["hashes"])


def test_file_does_not_keep_the_csv_order_or_nickname_counts(sealed_path: Path,
                                                               plain: PlainRoster) -> None:
    doc = json.loads(sealed_path.read_text())
    per_person = [0] * len(doc["people"])
    for pairs in doc["hashes"].values():
        for index, _code in pairs:
            per_person[index] += 1
    assert all(count % 8 == 0 for count in per_person)
    # Shuffled: the chance of a shuffle keeping this roster's order of roles is below 1e-6.
    assert [p["role"] for p in doc["people"]] != [e.role for e in plain.entries]


def test_file_is_owner_only(sealed_path: Path) -> None:
    assert stat.S_IMODE(sealed_path.stat().st_mode) == 0o600


def test_two_seals_of_the_same_roster_share_nothing(folder: Path, plain: PlainRoster,
                                                    sealed_path: Path) -> None:
    other = folder / "other.sealed"
    write_sealed(plain, other, PASSPHRASE, TODAY)
    first, second = (json.loads(p.read_text()) for p in (sealed_path, other))
    assert first["salt"] != second["salt"]
    assert not set(first["hashes"]) & set(second["hashes"])


# --- the same matches as the plain CSV ---------------------------------------------------------

NAMES = sorted({row[0] for row in NAME_POSITIVES} | set(NAME_DECOYS))


@pytest.mark.parametrize("written", NAMES)
def test_sealed_matches_names_as_plain_does(plain: PlainRoster, sealed: SealedRoster,
                                            same: dict[str, RosterEntry], written: str) -> None:
    assert view(sealed.match_name(written)) == view(plain.match_name(written), same)


@pytest.mark.parametrize(("written", "label", "role", "how", "certain"), NAME_POSITIVES)
def test_sealed_positives(sealed: SealedRoster, written: str, label: str, role: str, how: str,
                          certain: bool) -> None:
    found = [(m.entry.role, m.how, m.certain) for m in sealed.match_name(written)]
    assert (role, how, certain) in found
    assert all(m.entry.label is None for m in sealed.match_name(written))


@pytest.mark.parametrize(("written", "label", "how"), NEAR_POSITIVES)
def test_typos_and_initials_cannot_match_sealed(sealed: SealedRoster, written: str, label: str,
                                                how: str) -> None:
    assert sealed.match_name(written) == []


@pytest.mark.parametrize("handle", [h for h, _ in HANDLE_POSITIVES] + HANDLE_DECOYS)
def test_sealed_matches_usernames_as_plain_does(plain: PlainRoster, sealed: SealedRoster,
                                                same: dict[str, RosterEntry],
                                                handle: str) -> None:
    assert view(sealed.match_handle(handle)) == view(plain.match_handle(handle), same)


@pytest.mark.parametrize("text", [t[0] for t in TEXT_POSITIVES] + TEXT_DECOYS)
def test_sealed_finds_names_in_text_as_plain_does(plain: PlainRoster, sealed: SealedRoster,
                                                  same: dict[str, RosterEntry],
                                                  text: str) -> None:
    def spans(found: list[tuple[int, int, NameMatch]],
              twin: dict[str, RosterEntry] | None) -> list[tuple[int, int, str, bool]]:
        return [(s, e, (twin[m.entry.id] if twin else m.entry).id, m.certain)
                for s, e, m in found]

    assert spans(sealed.find_in_text(text), None) == spans(plain.find_in_text(text), same)


def test_without_passphrase_anyone_can_open(folder: Path, plain: PlainRoster) -> None:
    path = folder / "open.sealed"
    write_sealed(plain, path, None, TODAY)
    roster = load_sealed(path, "a passphrase that is ignored")
    assert [m.entry.role for m in roster.match_name("Katie Ashdown")] == ["pupil"]


# --- wrong passphrase and damaged files --------------------------------------------------------

def test_wrong_passphrase(sealed_path: Path) -> None:
    with pytest.raises(ScanError, match="passphrase does not open") as caught:
        load_sealed(sealed_path, "wrong")
    assert "\n" not in str(caught.value)


def test_missing_passphrase(sealed_path: Path) -> None:
    with pytest.raises(ScanError, match="sealed with a passphrase"):
        load_sealed(sealed_path, None)


def _damage(doc: dict[str, object], how: str) -> object:
    if how == "people":
        doc["people"] = [{"id": "s1", "role": "headteacher", "age": "adult", "year": None}]
    elif how == "index":
        doc["hashes"] = {"00" * 16: [[999, 1]]}
    elif how == "kdf":
        doc["kdf"] = {"name": "scrypt", "n": 2**30, "r": 8, "p": 1, "length": 16}
    elif how == "salt":
        doc["salt"] = "not hex"
    elif how == "check":
        doc["check"] = "00" * 17
        doc["passphrase"] = False
    return doc


@pytest.mark.parametrize("how", ["people", "index", "kdf", "salt", "check"])
def test_damaged_file(tmp_path: Path, sealed_path: Path, how: str) -> None:
    doc = json.loads(sealed_path.read_text())
    path = tmp_path / "damaged.sealed"
    path.write_text(json.dumps(_damage(doc, how)))
    with pytest.raises(ScanError) as caught:
        load_sealed(path, PASSPHRASE)
    assert "damaged" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b"first_name,last_name\n",
                                     b'{"format": "riskscan-sealed-roster", "version": 99}'])
def test_not_a_sealed_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.sealed"
    path.write_bytes(content)
    with pytest.raises(ScanError):
        load_sealed(path, None)


def test_truncated_file(tmp_path: Path, sealed_path: Path) -> None:
    path = tmp_path / "cut.sealed"
    path.write_bytes(sealed_path.read_bytes()[:-40])
    with pytest.raises(ScanError, match="damaged"):
        load_sealed(path, PASSPHRASE)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError, match="cannot be read"):
        load_sealed(tmp_path / "nope.sealed", None)


# --- the command -------------------------------------------------------------------------------

def test_seal_command_reads_the_passphrase_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TEST_ROSTER_PASSPHRASE", PASSPHRASE)
    csv_path, out = write_roster(tmp_path), tmp_path / "r.sealed"
    assert run_roster_seal(csv_path, out, "TEST_ROSTER_PASSPHRASE") == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert PASSPHRASE not in out.read_text()
    printed = capsys.readouterr().out
    assert ("Sealed 8 pupils, 2 former pupils, 2 parents or carers, 2 governors, 2 members of "
            "staff into") in printed
    assert "Katherine" not in printed
    assert load_sealed(out, PASSPHRASE).match_name("Toby Okonkwo")[0].certain


def test_seal_command_refuses_an_unset_variable_and_overwriting_the_csv(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEST_UNSET_VAR", raising=False)
    csv_path = write_roster(tmp_path)
    with pytest.raises(ScanError, match="TEST_UNSET_VAR is not set"):
        run_roster_seal(csv_path, tmp_path / "r.sealed", "TEST_UNSET_VAR")
    with pytest.raises(ScanError, match="overwrite the CSV"):
        run_roster_seal(csv_path, csv_path, None)


# --- never raises ------------------------------------------------------------------------------

@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_arbitrary_names_never_raise(sealed: SealedRoster, text: str) -> None:
    sealed.match_name(text)
    sealed.match_handle(text)
    for start, end, _match in sealed.find_in_text(text):
        assert 0 <= start < end <= len(text)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_scan_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.sealed"
    path.write_bytes(data)
    with pytest.raises(ScanError):
        load_sealed(path, None)
