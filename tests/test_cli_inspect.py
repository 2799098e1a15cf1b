"""`riskscan inspect` through its public interface: the command line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from samples import REAL_SAMPLES, need_sample

from scanner.cli import main

KINDS = {"profile", "post", "connection", "membership", "media", "thread", "message"}


@pytest.fixture
def images() -> Path:
    """The real sample photos (skipped, or failed in CI, where they are absent)."""
    return need_sample(REAL_SAMPLES / "images")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["inspect", *args, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_schema_for_a_folder_of_photos(capsys: pytest.CaptureFixture[str],
                                            images: Path) -> None:
    code, doc = run_json(capsys, str(images))
    assert code == 0
    assert set(doc) == {"sources", "skipped", "problems"}
    (source,) = doc["sources"]  # type: ignore[misc]
    assert source["platform"] == "files"
    assert set(source["counts"]) == KINDS
    assert source["counts"]["media"] == 12
    assert set(source["account"]) == {"handle", "display_name", "email"}
    assert {"path": str(images) + "!truth.csv",
            "reason": "not needed for any check"} in doc["skipped"]  # type: ignore[operator]


def test_records_carry_photo_metadata(capsys: pytest.CaptureFixture[str], images: Path) -> None:
    code = main(["inspect", str(images), "--json", "--records"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    records = {r["ref"]: r for r in doc["sources"][0]["records"]}
    nikon = records["DSCN0010.jpg"]
    assert nikon["kind"] == "media"
    assert nikon["geo"] == pytest.approx([43.4674483, 11.8851267], abs=1e-6)
    assert nikon["taken"] == "2008-10-22T16:28:39"
    assert (nikon["make"], nikon["model"]) == ("NIKON", "COOLPIX P6000")
    assert records["image01137.jpg"]["geo"] is None


def test_same_answer_from_zip_and_folder(capsys: pytest.CaptureFixture[str], images: Path,
                                         tmp_path: Path) -> None:
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for photo in sorted(images.iterdir()):
            zf.write(photo, f"photos/{photo.name}")
    _, from_folder = run_json(capsys, str(images), "--records")
    _, from_zip = run_json(capsys, str(archive), "--records")
    strip = [{k: v for k, v in r.items() if k not in ("file", "ref", "media")}
             for r in from_folder["sources"][0]["records"]]  # type: ignore[index]
    strip_zip = [{k: v for k, v in r.items() if k not in ("file", "ref", "media")}
                 for r in from_zip["sources"][0]["records"]]  # type: ignore[index]
    assert sorted(map(json.dumps, strip)) == sorted(map(json.dumps, strip_zip))


@pytest.mark.parametrize("content", [b"", b"\x00" * 100, b"PK\x03\x04garbage", b"hello"])
def test_unreadable_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "export.zip"
    bad.write_bytes(content)
    code = main(["inspect", str(bad)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in captured.out + captured.err
    message = [line for line in captured.out.splitlines() if "Could not read" in line]
    assert len(message) == 1 and "export.zip" in message[0]


def test_missing_path_in_json_mode_is_a_listed_problem(capsys: pytest.CaptureFixture[str],
                                                       images: Path, tmp_path: Path) -> None:
    code, doc = run_json(capsys, str(tmp_path / "nope.zip"), str(images))
    assert code == 2
    assert len(doc["sources"]) == 1  # type: ignore[arg-type]
    (problem,) = doc["problems"]  # type: ignore[misc]
    assert problem["path"].endswith("nope.zip") and "does not exist" in problem["error"]


def test_no_command_prints_help_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "inspect" in capsys.readouterr().out
