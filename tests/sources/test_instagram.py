"""The Instagram reader on real samples (folder and zip) and on fictional 2021-22 and 2026 files."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_support import moji, of, opened
from reader_support import write_meta_json as write

from scanner.model import Item, Kind, Problem
from scanner.sources import facebook, instagram, load_sources
from scanner.sources.archive import Archive, open_archive

IG = "archives/instagram"
THREAD = "inbox/pupilexample_100000000000002"


def read_all(path: Path) -> tuple[list[Item], Archive]:
    archive = open_archive(path)
    return list(instagram.read(archive)), archive


def check_platform(archive: Archive, label: str) -> None:
    assert instagram.detect(archive) >= 10
    assert facebook.detect(archive) == 0
    assert instagram.version(archive) == label
    assert archive.problems == []


# -- real samples --------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["folder", "zip"])
def test_2024_07_posts_profile_messages(real_samples: Path, zip_folder: Callable[[Path], Path],
                                        how: str) -> None:
    items, archive = read_all(opened(real_samples / IG / "ig-2024-07-anonymised", how,
                                     zip_folder))
    check_platform(archive, "2022+")
    assert Counter(i.kind for i in items) == {Kind.PROFILE: 1, Kind.POST: 2, Kind.MEDIA: 3,
                                              Kind.THREAD: 1, Kind.MESSAGE: 2}
    (profile,) = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name) == ("example.teacher", "Example Téacher")  # repaired
    assert profile.text == "Teacher 🍎 at Example Academy | views my own"
    assert profile.extra["private_account"] == "False"
    assert profile.extra["phone"] == "+440000000000"
    assert profile.ref.file == "personal_information/personal_information/personal_information.json"

    single, several = of(items, Kind.POST)
    assert single.text == "Sports day prep with Year 6 ☀️ #teacherlife"  # media[].title
    assert single.when == datetime.fromtimestamp(1715566876, UTC)
    assert several.text == "Café trip 🥐"  # post-level title of a multi-media post
    assert several.when == datetime.fromtimestamp(1710165471, UTC)
    assert len(several.media) == 2  # the same photo listed five times counts once

    photo = of(items, Kind.MEDIA)[0]
    assert photo.ref.record == "media/posts/202405/100000001_200000002_300000003_n_400000004.jpg"
    assert photo.taken == datetime(2024, 5, 2, 22, 47, 28)
    assert photo.geo is None
    assert photo.extra["lens_model"] == "EF24-70mm f/2.8L II USM"
    assert photo.extra["device_id"] == "00000000-0000-0000-0000-000000000000"
    assert photo.parent == "0"

    (thread,) = of(items, Kind.THREAD)
    assert (thread.ref.record, thread.name) == (THREAD, "Pupil Example")
    assert thread.people == ("Pupil Example", "Example Téacher")
    first, second = of(items, Kind.MESSAGE)
    assert (first.name, first.parent, first.relation) == ("Pupil Example", THREAD, "share")
    assert first.url == "https://www.instagram.com/reel/AAAAAAAAAAA/?id=1_2"
    assert first.extra == {"share_text": "cooking show 🍝",
                           "original_content_owner": "example.creator"}
    assert second.name == "Example Téacher"
    assert second.when == datetime.fromtimestamp(1706983337.701, UTC)


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_2024_12_followers_following(real_samples: Path, zip_folder: Callable[[Path], Path],
                                     how: str) -> None:
    items, archive = read_all(opened(real_samples / IG / "ig-2024-12-anonymised", how,
                                     zip_folder))
    check_platform(archive, "2022+")
    assert [(i.kind, i.handle, i.relation) for i in items] == [
        (Kind.CONNECTION, "pupil.example_1", "follower"),
        (Kind.CONNECTION, "parent.example", "follower"),
        (Kind.CONNECTION, "exampleacademy_pe", "following"),
        (Kind.CONNECTION, "local.news.example", "following")]
    assert items[0].url == "https://www.instagram.com/pupil.example_1"
    assert items[0].when == datetime.fromtimestamp(1733433674, UTC)
    assert items[0].ref.record == "pupil.example_1"


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_waultar_2019_20(real_samples: Path, zip_folder: Callable[[Path], Path],
                         how: str) -> None:
    items, archive = read_all(opened(real_samples / IG / "waultar-2019-20", how, zip_folder))
    check_platform(archive, "2019-20")
    assert Counter(i.kind for i in items) == {Kind.PROFILE: 1, Kind.POST: 5, Kind.MEDIA: 6}
    (profile,) = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name, profile.email, profile.text) == (
        "REDACTED USERNAME", "REDACTED NAME", "REDACTED@MAIL.COM", "REDACTED BIO")
    assert profile.extra["website"] == (
        "https://www.youtube.com/channel/gfdGDSGgsfgQuRcj0BNFB5EfASIDJOF")
    assert profile.extra["city"] == "REDACTED CITY"

    posts = of(items, Kind.POST)
    assert posts[1].text.endswith("it's almost there 😂\n#martialarts #tricking #hapkido")
    assert posts[3].text.startswith("And finally, after a long wait (f… my foot)")
    assert len(posts[3].media) == 2
    media = of(items, Kind.MEDIA)
    assert [m.geo for m in media] == [None, (55.71835, 11.72495), (36.0, 128.0), None, None,
                                      None]  # a video and a photo carry GPS in exif_data
    assert media[1].ref.record.endswith("17856715594629257.mp4")
    assert media[3].text == posts[3].text  # per-media title empty: the post's caption
    iphone = media[5]
    assert (iphone.taken, iphone.make) == (datetime(2019, 6, 27, 14, 55, 13), "Apple")
    assert iphone.extra["device_id"] == "26FB9E66-5190-49A9-BE07-95CC8151E0E8"


def test_not_instagram(real_samples: Path) -> None:
    others = [p for p in (real_samples / "archives").glob("*/*") if p.parent.name != "instagram"]
    assert len(others) >= 8
    for path in [*others, real_samples / "images"]:
        assert instagram.detect(open_archive(path)) == 0, path


def test_registry_picks_instagram(real_samples: Path) -> None:
    loaded = load_sources([real_samples / IG / "ig-2024-12-anonymised"])
    try:
        (source,) = loaded.sources
        assert (source.platform, source.export_version) == ("instagram", "2022+")
    finally:
        loaded.close()


# -- fictional files -----------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["folder", "zip"])
def test_2026_following_shape(tmp_path: Path, zip_folder: Callable[[Path], Path],
                              how: str) -> None:
    """By 2026 entries carry `title` and an `/_u/<username>` href, no `value`."""
    root = tmp_path / "ig2026"
    write(root, "connections/followers_and_following/following.json", {
        "relationships_following": [
            {"title": "pupil.example", "string_list_data": [
                {"href": "https://www.instagram.com/_u/pupil.example", "timestamp": 1770000000}]},
            {"title": "", "string_list_data": [
                {"href": "https://www.instagram.com/_u/only.href/", "timestamp": 1770000100}]},
            {"title": "", "string_list_data": []}]})
    write(root, "connections/followers_and_following/followers_1.json", [
        {"title": "", "media_list_data": [], "string_list_data": [
            {"href": "https://www.instagram.com/parent.example", "value": "parent.example",
             "timestamp": 1770000200}]}])
    items, archive = read_all(opened(root, how, zip_folder))
    check_platform(archive, "2022+")
    assert [(i.handle, i.relation) for i in items] == [("parent.example", "follower"),
                                                       ("pupil.example", "following"),
                                                       ("only.href", "following")]
    assert items[1].url == "https://www.instagram.com/_u/pupil.example"
    assert items[2].when == datetime.fromtimestamp(1770000100, UTC)


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_fictional_2021_22(tmp_path: Path, zip_folder: Callable[[Path], Path], how: str) -> None:
    root = tmp_path / "ig2021"
    write(root, "followers_and_following/followers.json", {"relationships_followers": [
        {"title": "", "media_list_data": [], "string_list_data": [
            {"href": "https://www.instagram.com/pupil.example", "value": "pupil.example",
             "timestamp": 1620000000}]}]})
    write(root, "content/posts_1.json", [
        {"media": [{"uri": "media/posts/202105/1_n.jpg", "creation_timestamp": 1620000100,
                    "title": moji("Sch\u00f6ne Tage with @pupil.example and @co_worker"),
                    "media_metadata": {"photo_metadata": {"exif_data": [
                        {"latitude": 51.75, "longitude": -1.25,
                         "date_time_original": "2021:05:01 12:00:00"}]}}}]}])
    write(root, "account_information/personal_information.json", {"profile_user": [
        {"title": "User Information", "string_map_data": {
            "Username": {"href": "", "value": "sam.teacher", "timestamp": 0},
            "Name": {"href": "", "value": moji("Sam T\u00e9acher"), "timestamp": 0},
            "Email": {"href": "", "value": "sam@example.org", "timestamp": 0},
            "Phone Number": {"href": "", "value": "01632 960456", "timestamp": 0},
            "Website": {"href": "", "value": "https://example.org", "timestamp": 0},
            "Private Account": {"href": "", "value": "True", "timestamp": 0}}}]})
    items, archive = read_all(opened(root, how, zip_folder))
    check_platform(archive, "2021-22")
    profile, follower, post, media = items
    assert (profile.handle, profile.name, profile.email) == ("sam.teacher", "Sam Téacher",
                                                             "sam@example.org")
    assert profile.extra == {"phone": "01632 960456", "website": "https://example.org",
                             "private_account": "True"}
    assert (follower.handle, follower.relation) == ("pupil.example", "follower")
    assert post.text == "Schöne Tage with @pupil.example and @co_worker"
    assert post.people == ("pupil.example", "co_worker")
    assert (media.geo, media.taken) == ((51.75, -1.25), datetime(2021, 5, 1, 12))


def test_truncated_posts_file(tmp_path: Path) -> None:
    posts = [{"media": [{"uri": f"media/posts/{n}.jpg", "creation_timestamp": 1700000000 + n,
                         "title": f"Post {n}"}]} for n in range(3)]
    text = json.dumps(posts)
    root = tmp_path / "cut"
    (root / "your_instagram_activity/content").mkdir(parents=True)
    (root / "your_instagram_activity/content/posts_1.json").write_text(
        text[: text.index("Post 2")])
    items, archive = read_all(root)
    assert [i.text for i in of(items, Kind.POST)] == ["Post 0", "Post 1"]
    (problem,) = archive.problems
    assert problem.path.endswith("!your_instagram_activity/content/posts_1.json")
    assert "2 records before the damage were read" in problem.error


# -- garbled input never raises ------------------------------------------------------------------
KEYS = ["media", "uri", "title", "creation_timestamp", "media_metadata", "photo_metadata",
        "video_metadata", "exif_data", "latitude", "longitude", "date_time_original",
        "string_list_data", "href", "value", "timestamp", "relationships_following",
        "relationships_followers", "profile_user", "string_map_data", "Username", "Name",
        "participants", "name", "messages", "sender_name", "timestamp_ms", "share", "photos"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=5),
    max_leaves=25)
FILES = ["your_instagram_activity/content/posts_1.json",
         "connections/followers_and_following/followers_1.json",
         "connections/followers_and_following/following.json",
         "personal_information/personal_information/personal_information.json",
         "your_instagram_activity/messages/inbox/x_1/message_1.json", "instagram_post.json"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON, cut=st.integers(min_value=0, max_value=400), garbage=st.binary(max_size=40))
def test_garbled_json_never_raises(value: Any, cut: int, garbage: bytes) -> None:
    whole = json.dumps(value).encode()
    contents = [whole, whole[:cut], garbage, json.dumps({"profile_user": [value]}).encode(),
                json.dumps({"relationships_following": [value]}).encode(),
                json.dumps([value] * 2).encode()]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for index, rel in enumerate(FILES):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(contents[index % len(contents)])
        archive = open_archive(root)
        items = list(instagram.read(archive))
        instagram.version(archive)
        assert instagram.detect(archive) >= 10
        assert all(isinstance(i, Item) for i in items)
        assert all(isinstance(p, Problem) for p in archive.problems)
