"""The Mastodon reader on the real anonymised archive (folder, zip, tar.gz made at test time) and
on fictional archives: a .tar.gz with media, content warnings and mentions; following_accounts.csv;
a damaged outbox.json. Fictional people only (example.* hosts).
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reader_support import MemoryArchive
from samples import REAL_SAMPLES, need_sample, sample_cases

from scanner.model import Item, Kind
from scanner.sources import mastodon
from scanner.sources.archive import Archive, open_archive

SAMPLES = REAL_SAMPLES / "archives"
MASTO = SAMPLES / "mastodon" / "masto-2024-07-anonymised"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def pack(folder: Path, target: Path) -> Path:
    """A zip or tar.gz of a folder's contents, as Mastodon makes them (no top folder)."""
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    if target.name.endswith(".zip"):
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in files:
                zf.write(path, path.relative_to(folder).as_posix())
    else:
        with tarfile.open(target, "w:gz") as tf:
            for path in files:
                tf.add(path, path.relative_to(folder).as_posix())
    return target


@pytest.fixture(params=["folder", "zip", "tar.gz"])
def form(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def opener(form: str, tmp_path: Path) -> Iterator[Any]:
    opened: list[Archive] = []

    def open_as(folder: Path) -> Archive:
        if form == "folder":
            archive = open_archive(folder)
        else:
            name = f"archive-20240701000000-0123456789abcdef0123456789abcdef.{form}"
            archive = open_archive(pack(folder, tmp_path / name))
        opened.append(archive)
        return archive

    yield open_as
    for archive in opened:
        archive.close()


def of(items: list[Item], kind: Kind) -> list[Item]:
    return [i for i in items if i.kind is kind]


def write(root: Path, files: dict[str, Any]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
    return root


# -- the real archive --------------------------------------------------------------------------
def test_real_archive(opener: Any, form: str) -> None:
    archive = opener(need_sample(MASTO))
    assert mastodon.detect(archive) == 20
    assert mastodon.version(archive) == f"ActivityPub archive ({form})"
    items = list(mastodon.read(archive))

    [profile] = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name) == ("example_teacher", "Example Teacher")
    assert profile.text == "Teacher. Posts are my own and do not represent my employer."
    assert profile.url == "https://mastodon.example/@example_teacher"
    assert profile.extra["Website"] == "https://example.org"  # a PropertyValue field, as text
    assert profile.extra["address"] == "example_teacher@mastodon.example"

    fair, reply, boost = of(items, Kind.POST)
    assert fair.text == "Lovely day for the school science fair! #STEM"
    assert fair.when == datetime(2022, 11, 13, 1, 13, 27, tzinfo=UTC)
    assert fair.url == "https://mastodon.example/@example_teacher/109333840388857217"
    assert fair.extra["visibility"] == "public"
    assert fair.media == ("/indiewebsocial/media_attachments/files/109/333/835/161/429/021/"
                          "original/0123456789abcdef.jpeg",)  # the file is not in the sample
    assert reply.text == "@colleague thanks, see you at the INSET day"
    assert reply.relation == "reply"
    assert reply.people == ("colleague@other.example",)
    assert reply.extra["in_reply_to"] == (
        "https://other.example/users/colleague/statuses/110000000000000003")
    assert (boost.relation, boost.text) == ("boost", "")
    assert boost.url == "https://other.example/users/colleague/statuses/110000000000000001"

    [photo] = of(items, Kind.MEDIA)
    assert photo.text == "Photo of a science fair poster (no pupils visible)"
    assert photo.parent == fair.ref.record
    [mention] = of(items, Kind.CONNECTION)
    assert (mention.relation, mention.handle) == ("mentioned", "colleague@other.example")
    assert archive.problems == []
    # likes.json holds only other people's post URIs: deliberately not read, and listed so.
    assert [s.path.rsplit("!", 1)[-1] for s in archive.skipped()] == ["likes.json"]


@pytest.mark.parametrize("platform_dir", sample_cases(sorted(
    p for p in SAMPLES.glob("*/*") if p.is_dir() and p.parent.name != "mastodon"), SAMPLES))
def test_other_platforms_are_not_mastodon(platform_dir: Path) -> None:
    with open_archive(need_sample(platform_dir)) as archive:
        assert mastodon.detect(archive) == 0
        assert mastodon.version(archive) is None


# -- fictional ---------------------------------------------------------------------------------
def jpeg_with_camera() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    exif[0x0110] = "Model 1"
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG", exif=exif)
    return out.getvalue()


def note(number: int, content: str, **fields: Any) -> dict[str, Any]:
    base = f"https://school.example/users/ms_rivers/statuses/{number}"
    return {"id": f"{base}/activity", "type": "Create", "published": "2023-03-01T08:00:00Z",
            "to": [PUBLIC], "cc": ["https://school.example/users/ms_rivers/followers"],
            "object": {"id": base, "type": "Note", "content": content, "summary": None,
                       "inReplyTo": None, "published": "2023-03-01T08:00:00Z",
                       "url": f"https://school.example/@ms_rivers/{number}",
                       "attachment": [], "tag": [], **fields}}


MEDIA = "media_attachments/files/110/000/000/000/000/001/original/abc123.jpg"


def fictional_outbox() -> dict[str, Any]:
    pat = {"type": "Mention", "href": "https://example.social/@pat", "name": "@pat"}
    first = note(1, "<p>First &amp; foremost</p><p>Second line<br>third</p>",
                 summary="School trip", sensitive=True, tag=[pat, {"type": "Hashtag",
                                                                   "name": "#trip"}],
                 attachment=[{"type": "Document", "mediaType": "image/jpeg",
                              "url": f"/bucket-01/{MEDIA}", "name": "Coach park, no faces"}])
    second = note(2, "<p>@pat again</p>", tag=[pat], inReplyTo="https://example.social/p/9")
    direct = note(3, "<p>Private word</p>", tag={"type": "Mention", "name": "@lee@other.example",
                                                 "href": "https://other.example/users/lee"})
    direct["object"]["to"] = ["https://other.example/users/lee"]
    direct["object"]["cc"] = []
    return {"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
            "type": "OrderedCollection", "totalItems": 3,
            "orderedItems": [first, second, direct]}


def fictional_actor() -> dict[str, Any]:
    return {"@context": ["https://www.w3.org/ns/activitystreams"], "type": "Person",
            "id": "https://school.example/users/ms_rivers", "preferredUsername": "ms_rivers",
            "name": "Ms Rivers", "summary": "<p>Year 4 teacher<br>Exampleton</p>",
            "url": "https://school.example/@ms_rivers",
            "alsoKnownAs": ["https://old.example/users/rivers_old"],
            "attachment": [{"type": "PropertyValue", "name": "Pronouns", "value": "she/her"}]}


def test_fictional_tar_gz(tmp_path: Path) -> None:
    folder = write(tmp_path / "src", {"outbox.json": fictional_outbox(),
                                      "actor.json": fictional_actor(),
                                      "likes.json": {"orderedItems": []},
                                      MEDIA: jpeg_with_camera()})
    target = tmp_path / "archive-20230301000000-ffffffffffffffffffffffffffffffff.tar.gz"
    with open_archive(pack(folder, target)) as archive:
        assert mastodon.detect(archive) == 20
        assert mastodon.version(archive) == "ActivityPub archive (tar.gz)"
        items = list(mastodon.read(archive))
        assert archive.problems == []

    profile, alias = of(items, Kind.PROFILE)
    assert profile.text == "Year 4 teacher\nExampleton"
    assert profile.extra["Pronouns"] == "she/her"
    assert (alias.relation, alias.handle) == ("previous_handle", "rivers_old@old.example")

    first, second, direct = of(items, Kind.POST)
    assert first.text == "First & foremost\n\nSecond line\nthird"
    assert first.extra["content_warning"] == "School trip"
    assert first.extra["sensitive"] == "true"
    assert first.people == ("pat@example.social",)  # local-style "@pat" gets its host
    assert first.media == (MEDIA,)  # the bucket prefix is dropped to find the file
    assert second.relation == "reply"
    assert direct.extra["visibility"] == "direct"
    assert direct.people == ("lee@other.example",)

    [photo] = of(items, Kind.MEDIA)
    assert (photo.text, photo.media, photo.parent) == (
        "Coach park, no faces", (MEDIA,), first.ref.record)
    assert (photo.make, photo.model) == ("ExampleCam", "Model 1")  # from the file itself
    # Each mentioned account once, however often it is mentioned.
    assert [c.handle for c in of(items, Kind.CONNECTION)] == [
        "pat@example.social", "lee@other.example"]


def test_following_accounts_csv(tmp_path: Path) -> None:
    csv_text = ("\ufeffAccount address,Show boosts,Notify on new posts,Languages\n"
                "pat@example.social,true,false,\n@lee@other.example,false,false,en\n\n")
    folder = write(tmp_path / "export", {"following_accounts.csv": csv_text})
    with open_archive(folder) as archive:
        assert mastodon.detect(archive) == 12
        assert mastodon.version(archive) == "following_accounts.csv"
        items = list(mastodon.read(archive))
    assert [(i.kind, i.relation, i.handle, i.url) for i in items] == [
        (Kind.CONNECTION, "following", "pat@example.social", "https://example.social/@pat"),
        (Kind.CONNECTION, "following", "lee@other.example", "https://other.example/@lee")]
    other = write(tmp_path / "other", {"following_accounts.csv": "name,url\nPat,x\n"})
    with open_archive(other) as archive:
        assert mastodon.detect(archive) == 0


@pytest.mark.parametrize("csv_text", [
    "pat@example.social\n@lee@other.example\n",  # older servers: bare addresses, no header
    "Account address,Show boosts\npat@example.social,true\n@lee@other.example,false\n",
    "ACCOUNT_ADDRESS;Show boosts\npat@example.social;true\n@lee@other.example;false\n",
    "\ufeffShow boosts,account-address\ntrue,pat@example.social\nfalse,@lee@other.example\n",
], ids=["bare", "2-columns", "respelt", "moved"])
def test_following_csv_layouts(tmp_path: Path, csv_text: str) -> None:
    folder = write(tmp_path / "export", {"following_accounts.csv": csv_text})
    with open_archive(folder) as archive:
        assert mastodon.detect(archive) == 12
        items = list(mastodon.read(archive))
        assert archive.problems == []
    assert [i.handle for i in items] == ["pat@example.social", "lee@other.example"]


def test_following_csv_of_unknown_layout_is_a_problem(tmp_path: Path) -> None:
    folder = write(tmp_path / "export", {
        "outbox.json": json.dumps(fictional_outbox()),
        "following_accounts.csv": "Handle,Boosts\npat@example.social,true\n"})
    with open_archive(folder) as archive:
        assert of(list(mastodon.read(archive)), Kind.POST)  # the rest is still read
        (problem,) = archive.problems
    assert problem.path.endswith("following_accounts.csv")
    assert "no 'account address' column was found" in problem.error
    assert "first line: Handle, Boosts" in problem.error


def test_following_csv_with_empty_addresses_is_a_problem(tmp_path: Path) -> None:
    folder = write(tmp_path / "export", {
        "following_accounts.csv": "Account address,Handle\n,pat@example.social\n"})
    with open_archive(folder) as archive:
        assert list(mastodon.read(archive)) == []
        (problem,) = archive.problems
    assert problem.error.startswith("following_accounts.csv: 1 rows but none had an account "
                                    "address; columns seen: Account address, Handle")


def test_truncated_outbox_reads_what_it_can(tmp_path: Path) -> None:
    text = json.dumps(fictional_outbox())
    folder = write(tmp_path / "a", {"outbox.json": text[:text.index("Private word")]})
    with open_archive(folder) as archive:
        posts = of(list(mastodon.read(archive)), Kind.POST)
        problems = archive.problems
    assert [p.text for p in posts] == ["First & foremost\n\nSecond line\nthird", "@pat again"]
    [problem] = problems
    assert problem.path.endswith("outbox.json")
    assert "the 2 records before the damage were read" in problem.error


# -- garbled input never raises ------------------------------------------------------------------
KEYS = st.sampled_from(["type", "object", "content", "contentMap", "summary", "inReplyTo",
                        "tag", "attachment", "url", "name", "href", "to", "cc", "published",
                        "id", "preferredUsername", "alsoKnownAs", "value"])
VALUES = st.sampled_from(["Create", "Announce", "Mention", "PropertyValue", PUBLIC,
                          "<p>x<br>y</p>", "http://[", "/media_attachments/a.jpg", "@a@b"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=15) | VALUES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(["outbox.json", "actor.json",
                                                 "following_accounts.csv"]))
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    archive = MemoryArchive({name: b'{"@context": "activitystreams"' + data})
    mastodon.detect(archive)
    mastodon.version(archive)
    assert all(isinstance(i, Item) for i in mastodon.read(archive))
    raw = MemoryArchive({name: data})
    assert all(isinstance(i, Item) for i in mastodon.read(raw))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(JSON, max_size=5), JSON)
def test_garbled_activities_never_raise(activities: list[Any], actor: Any) -> None:
    outbox = {"@context": "https://www.w3.org/ns/activitystreams", "orderedItems": activities}
    archive = MemoryArchive({"outbox.json": json.dumps(outbox).encode(),
                             "actor.json": json.dumps(actor).encode(),
                             "media_attachments/a.jpg": b"not a photo"})
    assert mastodon.detect(archive) == 20
    assert all(isinstance(i, Item) for i in mastodon.read(archive))
