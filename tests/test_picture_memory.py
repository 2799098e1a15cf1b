"""The picture memory (detectors/images/memory.py): a second scan of the same pictures takes
their results from it, gives the same findings, and never reuses a result that could differ.

Real scans of the fixture persona's exports (whose pictures hold the school's logo), with the
memory in a real SQLite file under tmp_path. The conftest turns the memory off for every other
test; these turn it on.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detectors.images import ahead as _ahead
from detectors.images import faces as _faces
from detectors.images import memory as _memory
from detectors.images.logo import LogoHit, LogoMatcher
from detectors.images.memory import (
    SETTING,
    PictureMemory,
    fingerprint,
    forget_pictures,
    memory_path,
)
from detectors.images.work import analyse_picture
from fixtures.build import write_persona
from fixtures.personas import PERSONAS
from fixtures.school import TODAY
from scanner.cli import main
from scanner.commands.scan import load_any_roster
from scanner.errors import ScanError
from scanner.pipeline import ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.sources import load_sources

IMAGE_RULES = ("A3", "D1", "D2")
Findings = list[tuple[str, str, str, str, bool]]


@pytest.fixture
def exports(tmp_path: Path) -> list[Path]:
    return list(write_persona(PERSONAS["jo"], tmp_path / "exports", as_zip=True).values())


@pytest.fixture
def memory_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache" / "pictures.sqlite3"
    monkeypatch.setenv(SETTING, str(path))
    return path


def _image_findings(paths: list[Path], remember: bool = True) -> Findings:
    policy = load_policy(DEMO_PACK)
    loaded = load_sources(paths)
    try:
        result = scan(loaded.sources, policy,
                      ScanOptions(today=TODAY, roster=load_any_roster(policy, None, TODAY),
                                  remember_pictures=remember))
    finally:
        loaded.close()
    return sorted((f.rule, f.ref.platform, f.ref.record, f.why, f.certain)
                  for item in result.checklist if item.rule.id in IMAGE_RULES
                  for f in item.findings)


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("worked out again, though the memory holds it")


def test_a_second_scan_takes_every_picture_from_the_memory(
        exports: list[Path], memory_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ahead, "START_AFTER", 10**9)  # in order, in this process
    first = _image_findings(exports)
    assert any(rule == "A3" for rule, *_ in first), "the fixtures plant the logo in a picture"
    assert memory_file.is_file()
    # Nothing may be decoded or matched now: every answer must come from the memory.
    monkeypatch.setattr(LogoMatcher, "match_image", _refuse)
    monkeypatch.setattr(_faces, "count_faces", _refuse)
    assert _image_findings(exports) == first


def test_the_workers_take_remembered_results(exports: list[Path], memory_file: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ahead, "START_AFTER", 0)  # every picture through a worker process
    first = _image_findings(exports)
    assert _image_findings(exports) == first
    logos = (str(DEMO_PACK.parent / "logo.png"),)
    planted = LogoHit("planted.png", "inside photo", True, 99.0, "planted in the memory")
    memory = PictureMemory(memory_file, fingerprint(logos))
    data = b"\xff\xd8 not really a photo"
    memory.keep("logo", _ahead.digest_of(data), planted)
    memory.keep("faces", _ahead.digest_of(data), 3)
    memory.close()
    where = (str(memory_file), fingerprint(logos))
    assert analyse_picture(logos, True, data, remembered=where).results == \
        {"logo": planted, "faces": 3}
    assert analyse_picture(logos, True, b"other bytes", remembered=where).results == \
        {"logo": None, "faces": 0}


def test_a_result_is_only_reused_with_the_same_logo(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.png", tmp_path / "theirs.png"
    ours.write_bytes((DEMO_PACK.parent / "logo.png").read_bytes())
    theirs.write_bytes(ours.read_bytes() + b"\x00")
    assert fingerprint([ours]) == fingerprint([str(ours)])
    assert fingerprint([ours]) != fingerprint([theirs])
    assert fingerprint([ours]) != fingerprint([])
    memory = PictureMemory(tmp_path / "m.sqlite3", fingerprint([ours]))
    memory.keep("faces", "abc", 2)
    memory.close()
    assert PictureMemory(tmp_path / "m.sqlite3", fingerprint([ours])).recall("faces", "abc") \
        == (True, 2)
    assert PictureMemory(tmp_path / "m.sqlite3", fingerprint([theirs])).recall("faces", "abc") \
        == (False, None)


def test_the_memory_is_owner_only(exports: list[Path], memory_file: Path) -> None:
    _image_findings(exports)
    assert stat.S_IMODE(memory_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(memory_file.parent.stat().st_mode) == 0o700


def test_a_damaged_memory_changes_nothing(exports: list[Path], memory_file: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ahead, "START_AFTER", 10**9)
    monkeypatch.setenv(SETTING, "off")
    without = _image_findings(exports)
    monkeypatch.setenv(SETTING, str(memory_file))
    memory_file.parent.mkdir(mode=0o700)
    memory_file.write_bytes(b"not a database " * 100)
    assert _image_findings(exports) == without


def test_forget_deletes_the_memory(exports: list[Path], memory_file: Path, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    _image_findings(exports)
    assert memory_file.is_file()
    assert main(["forget", "--all", "--yes"]) == 0
    assert not memory_file.exists()
    assert "remembered picture results" in capsys.readouterr().out
    assert forget_pictures(memory_file) == 0  # nothing left, nothing to say


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv(SETTING, "")
    assert memory_path() == tmp_path / "cache" / "riskscan" / "pictures.sqlite3"
    monkeypatch.setenv(SETTING, "off")
    assert memory_path() is None


@given(st.builds(LogoHit, logo=st.text(), method=st.sampled_from(["whole picture",
                                                                    "inside photo"]),
                 strong=st.booleans(), score=st.floats(allow_nan=False, allow_infinity=False),
                 detail=st.text(), share=st.floats(0, 1)) | st.none(),
       st.integers(0, 1000))
def test_results_come_back_as_they_were_kept(hit: LogoHit | None, faces: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.sqlite3"
        memory = PictureMemory(path, "f")
        memory.keep("logo", "d", hit)
        memory.keep("faces", "d", faces)
        memory.close()
        again = PictureMemory(path, "f")
        assert again.recall("logo", "d") == (True, hit)
        assert again.recall("faces", "d") == (True, faces)
        assert again.recall("logo", "other") == (False, None)
        again.close()


def test_only_scans_the_person_keeps_are_remembered(exports: list[Path], memory_file: Path,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`scan --no-save` and the demo keep nothing, picture memory included; a kept scan does."""
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    report = ["--format", "json", "-o", str(tmp_path / "report.json")]
    assert main(["scan", *map(str, exports), *report, "--no-save"]) in (0, 1)
    assert main(["demo", "-o", str(tmp_path / "demo.html")]) == 0
    assert not memory_file.exists()
    assert main(["scan", *map(str, exports), *report]) in (0, 1)
    assert memory_file.is_file()


def test_the_oldest_results_go_past_the_limit(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_memory, "MAX_KEPT", 3)
    for n in range(5):  # one scan each, so each is kept later than the one before
        memory = PictureMemory(tmp_path / "m.sqlite3", "f")
        memory.keep("faces", f"photo-{n}", n)
        memory.close()
    memory = PictureMemory(tmp_path / "m.sqlite3", "f")
    assert [memory.recall("faces", f"photo-{n}")[0] for n in range(5)] == \
        [False, False, True, True, True]
    memory.close()


def test_forget_with_a_folder_named_as_the_memory(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A setting that names a folder holds no memory: forget deletes the store and leaves the
    folder, with no internal error."""
    folder = tmp_path / "not-a-file"
    (folder / "keep.txt").parent.mkdir()
    (folder / "keep.txt").write_text("mine")
    monkeypatch.setenv(SETTING, str(folder))
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    assert main(["forget", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Deleted everything stored" in out and "went wrong" not in out
    assert (folder / "keep.txt").read_text() == "mine"


def test_a_memory_that_cannot_be_deleted_stops_forget_before_anything_goes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memory = tmp_path / "cache" / "pictures.sqlite3"
    kept = PictureMemory(memory, "f")
    kept.keep("faces", "abc", 1)
    kept.close()
    monkeypatch.setattr(os, "access", lambda *_args: False)  # root may write anywhere
    with pytest.raises(ScanError, match="nothing was deleted"):
        forget_pictures(memory)
    assert memory.is_file()
