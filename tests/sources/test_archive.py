"""Hostile inputs: zip bombs, encrypted and escaping members, damaged files, odd folders.

Each must end as a one-line SourceError for the whole input or a listed problem for one member,
never a traceback, and reading must never put anything on disk.
"""

from __future__ import annotations

import io
import os
import random
import struct
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import scanner.sources
from scanner.errors import ArchiveLimitError, SourceError
from scanner.media import IMAGE_SUFFIXES
from scanner.sources import files, load_sources
from scanner.sources.archive import Archive, FolderArchive, Limits, ZipArchive, open_archive


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "olive").save(buffer, "JPEG")
    return buffer.getvalue()


PHOTO = _jpeg()

CENTRAL = b"PK\x01\x02"
CD_VERSION, CD_FLAGS, CD_SIZE, CD_OFFSET, CD_NAME_LEN, CD_NAME = 6, 8, 24, 42, 28, 46


def _zip(path: Path, members: dict[str, bytes], level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _patch_central(path: Path, field: int, value: int, names: set[str] | None = None) -> None:
    """Rewrite one field of the central directory records (all, or those for `names`)."""
    data = bytearray(path.read_bytes())
    at = data.find(CENTRAL)
    while at != -1:
        (name_len,) = struct.unpack_from("<H", data, at + CD_NAME_LEN)
        name = data[at + CD_NAME:at + CD_NAME + name_len].decode()
        if names is None or name in names:
            fmt = "<H" if field in (CD_VERSION, CD_FLAGS) else "<I"
            old = struct.unpack_from(fmt, data, at + field)[0]
            struct.pack_into(fmt, data, at + field, old | value if field == CD_FLAGS else value)
        at = data.find(CENTRAL, at + CD_NAME + name_len)
    path.write_bytes(bytes(data))


def _one_line(message: str) -> None:
    assert message.strip()
    assert "\n" not in message
    assert "Traceback" not in message


@pytest.fixture
def photo_reader_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Detection by the photo reader alone: these tests are about archives, not platforms."""
    monkeypatch.setattr(scanner.sources, "_readers", lambda: [files.READER])


def _problem_names(archive: Archive) -> list[str]:
    return sorted(p.path.rsplit("!", 1)[-1] for p in archive.problems)


# -- zip bombs -------------------------------------------------------------------------------------
def test_bomb_by_ratio_is_refused_member_by_member(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("zeros.json", "w") as member:
            chunk = bytes(1024**2)
            for _ in range(20):  # 20 MB of zeros: about 20 KB compressed
                member.write(chunk)
        zf.writestr("photo.jpg", PHOTO)
    assert path.stat().st_size < 100_000
    archive = open_archive(path)
    assert archive.names == ["photo.jpg"]
    (problem,) = archive.problems
    assert problem.path.endswith("!zeros.json")
    assert "zip bomb" in problem.error
    _one_line(problem.error)


def test_bomb_by_ratio_with_lowered_limits(tmp_path: Path) -> None:
    path = _zip(tmp_path / "small-bomb.zip", {"a.json": bytes(200_000), "b.json": b"[1, 2]"},
                level=9)
    limits = Limits(max_ratio=50, ratio_applies_above=100_000)
    archive = open_archive(path, limits)
    assert archive.names == ["b.json"]
    assert _problem_names(archive) == ["a.json"]
    # The same zip under the default limits is an ordinary small file.
    assert sorted(open_archive(path).names) == ["a.json", "b.json"]


def test_zip_declaring_a_huge_total_size_is_refused_whole(tmp_path: Path) -> None:
    path = _zip(tmp_path / "huge.zip", {f"part{n}.json": b"[]" for n in range(60)})
    _patch_central(path, CD_SIZE, 0xFFFF_FFFF)  # each claims 4 GB: 240 GB in all
    with pytest.raises(ArchiveLimitError) as caught:
        open_archive(path)
    _one_line(str(caught.value))
    assert "huge.zip" in str(caught.value) and "GB" in str(caught.value)


def test_member_larger_than_the_entry_limit(tmp_path: Path) -> None:
    path = _zip(tmp_path / "big.zip", {"big.json": b"x" * 5000, "ok.json": b"[]"})
    archive = open_archive(path, Limits(max_entry_bytes=1000))
    assert archive.names == ["ok.json"]
    assert _problem_names(archive) == ["big.json"]


def test_absurd_entry_count(tmp_path: Path) -> None:
    path = _zip(tmp_path / "many.zip", {f"f{n}.txt": b"" for n in range(101)})
    with pytest.raises(ArchiveLimitError) as caught:
        open_archive(path, Limits(max_entries=100))
    _one_line(str(caught.value))
    assert "101" in str(caught.value)
    assert len(open_archive(path, Limits(max_entries=101)).names) == 101


def test_overlapping_entries_bomb(tmp_path: Path) -> None:
    path = _zip(tmp_path / "overlap.zip", {"kernel.json": b"[" + b"0," * 5000 + b"0]",
                                           "copy1.json": b"[]", "copy2.json": b"[]"})
    # Point two central records at the first member's data: the non-recursive bomb's trick.
    _patch_central(path, CD_OFFSET, 0, {"copy1.json", "copy2.json"})
    archive = open_archive(path)
    assert archive.names == ["kernel.json"]
    assert _problem_names(archive) == ["copy1.json", "copy2.json"]
    assert all("zip bomb" in p.error for p in archive.problems)


# -- encrypted and escaping members ----------------------------------------------------------------
def test_all_members_encrypted_is_a_source_error(tmp_path: Path) -> None:
    path = _zip(tmp_path / "locked.zip", {"a.json": b"[]", "b/c.json": b"[]"})
    _patch_central(path, CD_FLAGS, 0x1)
    with pytest.raises(SourceError) as caught:
        open_archive(path)
    assert not isinstance(caught.value, ArchiveLimitError)
    assert "password" in str(caught.value)
    _one_line(str(caught.value))


def test_some_members_encrypted_are_problems(tmp_path: Path) -> None:
    path = _zip(tmp_path / "partly.zip", {"open.json": b"[]", "secret.json": b"[]"})
    _patch_central(path, CD_FLAGS, 0x1, {"secret.json"})
    archive = open_archive(path)
    assert archive.names == ["open.json"]
    (problem,) = archive.problems
    assert problem.path.endswith("!secret.json") and "password" in problem.error


def test_a_member_with_no_name_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A damaged central directory can give a member an empty name (found by the mutation
    test below: zipfile's own is_dir() then raised IndexError)."""
    path = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("data/ok.json", "[1]")
        zipped.writestr(zipfile.ZipInfo(""), "[2]")
    archive = open_archive(path)
    assert archive.names == ["data/ok.json"]
    (problem,) = archive.problems
    assert "no name" in problem.error
    _one_line(problem.error)


@pytest.mark.parametrize("name", ["../evil.json", "/etc/x", "a/../../evil.json",
                                  "..\\evil.json", "C:\\evil.json", "\\evil.json"])
def test_escaping_member_names_are_listed_and_never_read(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "escape.zip", {name: b"SECRET", "fine.json": b"[]"})
    archive = open_archive(path)
    assert archive.names == ["fine.json"]
    assert _problem_names(archive) == [name]
    assert "outside" in archive.problems[0].error
    with pytest.raises(KeyError):
        archive.open(name)
    assert not (tmp_path / "evil.json").exists()


def test_escaping_tar_member_names(tmp_path: Path) -> None:
    import tarfile

    path = tmp_path / "escape.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (("../evil.json", b"SECRET"), ("ok/actor.json", b"{}")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    archive = open_archive(path)
    assert archive.names == ["ok/actor.json"]
    assert _problem_names(archive) == ["../evil.json"]


# -- damaged and fake inputs -----------------------------------------------------------------------
def test_zip_needing_an_unknown_version(tmp_path: Path) -> None:
    path = _zip(tmp_path / "future.zip", {"a.json": b"[]"})
    _patch_central(path, CD_VERSION, 99)  # "needs zip 9.9": zipfile raises NotImplementedError
    with pytest.raises(SourceError) as caught:
        open_archive(path)
    _one_line(str(caught.value))


def test_truncated_zip(tmp_path: Path) -> None:
    full = _zip(tmp_path / "full.zip", {f"f{n}.json": os.urandom(2000) for n in range(10)})
    cut = tmp_path / "export.zip"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(SourceError) as caught:
        open_archive(cut)
    _one_line(str(caught.value))
    assert "export.zip" in str(caught.value) and "download" in str(caught.value)


@pytest.mark.parametrize("data", [random.Random(1).randbytes(5000), b"",
                                  b"PK\x03\x04" + random.Random(2).randbytes(100)],
                         ids=["random", "empty", "local-header-only"])
def test_random_bytes_named_zip(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "twitter-2024.zip"
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        open_archive(path)
    _one_line(str(caught.value))


def test_empty_zip_is_no_export(tmp_path: Path, photo_reader_only: None) -> None:
    path = tmp_path / "empty.zip"
    path.write_bytes(b"PK\x05\x06" + bytes(18))  # a valid zip with no members
    assert open_archive(path).names == []
    loaded = load_sources([path])
    (failed,) = loaded.failed
    _one_line(failed.error)


def test_truncated_tar(tmp_path: Path) -> None:
    import tarfile

    full = tmp_path / "full.tar.gz"
    with tarfile.open(full, "w:gz") as tar:
        for n in range(5):
            data = os.urandom(5000)
            info = tarfile.TarInfo(f"f{n}.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(SourceError) as caught:
        open_archive(cut)
    _one_line(str(caught.value))


def test_nonexistent_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        open_archive(tmp_path / "nowhere.zip")
    _one_line(str(caught.value))
    assert "does not exist" in str(caught.value)


# -- folders ---------------------------------------------------------------------------------------
def test_symlink_pointing_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.json").write_text('{"password": "x"}')
    export = tmp_path / "export"
    (export / "data").mkdir(parents=True)
    (export / "data" / "tweets.js").write_text("[]")
    (export / "data" / "secret.json").symlink_to(outside / "secret.json")
    (export / "linked_dir").symlink_to(outside, target_is_directory=True)
    (export / "data" / "inside.js").symlink_to(export / "data" / "tweets.js")  # stays inside
    archive = open_archive(export)
    assert sorted(archive.names) == ["data/inside.js", "data/tweets.js"]
    assert "data/secret.json" in _problem_names(archive)
    assert all("outside" in p.error for p in archive.problems)


def test_broken_symlink_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / "gone.json").symlink_to(tmp_path / "missing.json")
    archive = FolderArchive(tmp_path / "export")
    assert archive.names == []


def test_empty_folder(tmp_path: Path, photo_reader_only: None) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert open_archive(empty).names == []
    loaded = load_sources([empty])
    assert loaded.sources == []
    (failed,) = loaded.failed
    _one_line(failed.error)


def test_load_sources_lists_every_bad_path_and_reads_the_rest(
        tmp_path: Path, photo_reader_only: None) -> None:
    good = _zip(tmp_path / "photos.zip", {"a.jpg": PHOTO})
    fake = tmp_path / "fake.zip"
    fake.write_bytes(os.urandom(300))
    locked = _zip(tmp_path / "locked.zip", {"a.jpg": PHOTO})
    _patch_central(locked, CD_FLAGS, 0x1)
    loaded = load_sources([fake, good, tmp_path / "missing", locked])
    assert [s.path for s in loaded.sources] == [str(good)]
    assert [Path(f.path).name for f in loaded.failed] == ["fake.zip", "missing", "locked.zip"]
    for failed in loaded.failed:
        _one_line(failed.error)
    loaded.close()


def test_folder_of_zips_is_one_source_per_zip(tmp_path: Path, photo_reader_only: None) -> None:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    for name in ("b-export.zip", "a-export.zip"):
        _zip(downloads / name, {f"{name}.jpg": PHOTO})
    (downloads / ".DS_Store").write_bytes(b"\0")
    loaded = load_sources([downloads])
    assert [Path(s.path).name for s in loaded.sources] == ["a-export.zip", "b-export.zip"]
    assert all(isinstance(s.archive, ZipArchive) for s in loaded.sources)
    loaded.close()


def test_folder_with_zips_and_other_files_is_one_source(tmp_path: Path,
                                                        photo_reader_only: None) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    _zip(folder / "export.zip", {"a.jpg": PHOTO})
    (folder / "notes.json").write_text("{}")
    (folder / "b.jpg").write_bytes(PHOTO)
    loaded = load_sources([folder])
    assert [s.path for s in loaded.sources] == [str(folder)]
    loaded.close()


# -- nothing is ever written to disk ---------------------------------------------------------------
def _listing(root: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(root)), p.stat().st_size) for p in root.rglob("*"))


def test_reading_a_zip_extracts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        photo_reader_only: None) -> None:
    inputs, scratch, cwd = tmp_path / "in", tmp_path / "tmp", tmp_path / "cwd"
    for folder in (inputs, scratch, cwd):
        folder.mkdir()
    _zip(inputs / "photos.zip", {f"dir/p{n}.jpg": PHOTO for n in range(5)}
         | {"notes.json": b"{}", "../evil.jpg": PHOTO})
    before = _listing(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(cwd)

    loaded = load_sources([inputs / "photos.zip"])
    (source,) = loaded.sources
    items = list(source.items())
    with source.archive.open("notes.json") as stream:
        assert stream.read() == b"{}"
    loaded.close()

    assert len(items) == 5
    assert all(item.media[0].startswith("dir/") for item in items)
    assert _listing(tmp_path) == before


@pytest.mark.parametrize("suffix", IMAGE_SUFFIXES)
def test_image_named_members_that_are_not_images(tmp_path: Path, suffix: str,
                                                 photo_reader_only: None) -> None:
    path = _zip(tmp_path / "odd.zip", {f"fake{suffix}": os.urandom(500), "real.jpg": PHOTO})
    loaded = load_sources([path])
    (source,) = loaded.sources
    items = list(source.items())
    assert [item.media for item in items] == [("real.jpg",)]
    assert [p.path.rsplit("!", 1)[-1] for p in source.problems] == [f"fake{suffix}"]
    for problem in source.problems:
        _one_line(problem.error)
    loaded.close()


# -- damaged member data, and fuzzing --------------------------------------------------------------
def test_damaged_member_data_is_an_os_error_with_one_line(tmp_path: Path) -> None:
    path = _zip(tmp_path / "crc.zip", {"a.json": random.Random(3).randbytes(50_000)}, level=0)
    raw = bytearray(path.read_bytes())
    raw[1000] ^= 0xFF  # stored data changed: the CRC check at the end fails
    path.write_bytes(bytes(raw))
    archive = open_archive(path)
    with pytest.raises(OSError) as caught, archive.open("a.json") as stream:
        stream.read()
    _one_line(str(caught.value))
    assert "damaged" in str(caught.value)


def _seed_archives() -> list[tuple[str, bytes]]:
    import tarfile

    zipped, tarred = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(3):
            zf.writestr(f"data/f{n}.json", b"[1, 2, 3]" * 40)
    with tarfile.open(fileobj=tarred, mode="w:gz") as tar:
        for n in range(3):
            info = tarfile.TarInfo(f"f{n}.json")
            info.size = 300
            tar.addfile(info, io.BytesIO(b"[1]" * 100))
    return [(".zip", zipped.getvalue()), (".tar.gz", tarred.getvalue())]


@settings(max_examples=300, deadline=None)
@given(seed=st.sampled_from(_seed_archives()), data=st.data())
def test_mutated_archives_fail_only_in_the_expected_ways(seed: tuple[str, bytes],
                                                         data: st.DataObject) -> None:
    suffix, original = seed
    rng = data.draw(st.randoms(use_true_random=False))  # uniform positions, not small-biased
    mutated = bytearray(original)
    for _ in range(rng.randint(1, 6)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    if rng.random() < 0.3:
        mutated = mutated[: rng.randint(1, len(mutated))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(bytes(mutated))
        try:
            archive = open_archive(path)
        except SourceError as exc:
            _one_line(str(exc))
            return
        with archive:
            for name in archive.names:
                try:
                    with archive.open(name) as stream:
                        stream.read()
                except OSError as exc:  # what every reader handles
                    _one_line(str(exc))
