"""The Facebook reader on real samples (folder and zip) and on fictional 2019 and 2024+ exports."""

from __future__ import annotations

import io
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
from PIL import Image
from reader_support import moji, of, opened
from reader_support import write_meta_json as write

from scanner.model import Item, Kind, Problem
from scanner.sources import facebook, instagram, load_sources
from scanner.sources.archive import Archive, open_archive

WAULTAR = "archives/facebook/waultar-2021-22"
SCHEMAS = "archives/facebook/schemas-2019-SamuelePilleri"
THREAD = "inbox/lukasvintheroffenberglarsen_2qr6kux07q"


def read_all(path: Path) -> tuple[list[Item], Archive]:
    archive = open_archive(path)
    return list(facebook.read(archive)), archive


# -- real samples --------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["folder", "zip"])
def test_waultar_2021_22(real_samples: Path, zip_folder: Callable[[Path], Path], how: str) -> None:
    path = opened(real_samples / WAULTAR, how, zip_folder)
    items, archive = read_all(path)
    assert facebook.detect(archive) >= 10
    assert instagram.detect(archive) == 0
    assert facebook.version(archive) == "2020-23"
    counts = Counter(i.kind for i in items)
    assert counts == {Kind.PROFILE: 3, Kind.MEMBERSHIP: 5, Kind.POST: 14, Kind.MEDIA: 8,
                      Kind.THREAD: 1, Kind.MESSAGE: 7}
    assert archive.problems == []

    profile = of(items, Kind.PROFILE)[0]
    assert (profile.name, profile.handle, profile.email) == (
        "REDACTED FULLNAME", "REDACTED_USERNAME", "REDACTED@MAIL.COM")
    assert profile.extra["city"] == "Gammel Holte, Kobenhavn, Denmark"
    assert profile.extra["phone"] == "12345678"
    schools = [i for i in items if i.relation == "education"]
    # Mojibake repaired: "K\u00c3\u00b8benhavn" in the file.
    assert [s.name for s in schools] == ["IT-Universitetet i København",
                                         "H.C. Ørsted Gymnasiet Lyngby"]
    assert schools[0].extra["concentrations"] == "Softwareudvikling"

    groups = {(m.name, m.relation) for m in of(items, Kind.MEMBERSHIP)}
    assert groups == {("Group 3", "member"), ("Group 2", "member"), ("Group 1", "member"),
                      ("Group 1", "admin"), ("Group 2", "admin")}  # "Group 4" was left

    posts = of(items, Kind.POST)
    assert posts[0].text == "Sne sne!"
    assert posts[0].when == datetime.fromtimestamp(1354805114, UTC)
    assert posts[0].extra["title"] == "Malou Elmelund Landsgaard har tilføjet et nyt billede."
    assert posts[1].url == "http://autoinsurance4all.info/video.php?id=526"
    assert "kan næsten ikke blive bedre" in posts[5].text
    assert len(posts[4].media) == 2
    assert posts[9].extra["event"] == "Shinson Hapkido Internationalt Kampkunstshow"
    assert posts[13].media == ("posts/media/your_posts/81159700_10215011770077743_"
                               "2191492983881203712_n_10215011770037742.jpg",)  # a note's photo

    media = {m.ref.record: m for m in of(items, Kind.MEDIA)}
    first = media["posts/media/Mobiloverforsler_uqsXWfBGvQ/28055_498092266878953_310909280_n_"
                  "498092266878953.jpg"]
    assert first.extra["upload_ip"] == "192.192.192.128"
    assert first.text == "Sne sne!" and first.parent == "0" and first.ref.file.endswith(
        "posts/your_posts_1.json")

    (thread,) = of(items, Kind.THREAD)
    assert thread.ref.record == THREAD
    assert thread.people == ("Lukas Vinther Offenberg Larsen", "Gustav Johansen")
    messages = of(items, Kind.MESSAGE)
    assert all(m.parent == THREAD for m in messages)
    assert messages[1].text == "Tjek 👏"
    assert messages[2].name == "Gustav Johansen" and "tænkt" in messages[2].text
    assert messages[0].when == datetime.fromtimestamp(1644488054.912, UTC)
    photo = [m for m in of(items, Kind.MEDIA) if m.parent == THREAD]
    assert len(photo) == 1 and photo[0].ref.record.endswith("3860583887371111.png")
    # A Waultar test-fixture name, not a Facebook one: listed as not read, not guessed at.
    assert any(s.path.endswith("facebook_media.json") for s in archive.skipped())


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_2019_json_schemas_are_not_data(real_samples: Path, zip_folder: Callable[[Path], Path],
                                        how: str) -> None:
    """The 2019 sample holds JSON Schemas named like the real files: recognised, nothing read."""
    items, archive = read_all(opened(real_samples / SCHEMAS, how, zip_folder))
    assert facebook.detect(archive) >= 10
    assert instagram.detect(archive) == 0
    assert facebook.version(archive) == "2019"
    assert items == []
    assert archive.problems == []


def test_not_facebook(real_samples: Path) -> None:
    others = [p for p in (real_samples / "archives").glob("*/*") if p.parent.name != "facebook"]
    assert len(others) >= 8
    for path in [*others, real_samples / "images"]:
        assert facebook.detect(open_archive(path)) == 0, path


def test_registry_picks_facebook(real_samples: Path) -> None:
    loaded = load_sources([real_samples / WAULTAR])
    try:
        (source,) = loaded.sources
        assert (source.platform, source.export_version) == ("facebook", "2020-23")
    finally:
        loaded.close()


# -- fictional 2019 layout -----------------------------------------------------------------------
def make_2019(root: Path) -> Path:
    write(root, "posts/your_posts.json", {"status_updates": [
        {"timestamp": 1546300800, "title": "Sam Sample updated their status.",
         "data": [{"post": moji("Caf\u00e9 with friends")}, {"update_timestamp": 1546300900}],
         "tags": ["Alex Example", moji("Zo\u00eb Example")]},
        {"timestamp": 1546400000,
         "attachments": [{"data": [
             {"media": {"uri": "photos_and_videos/Mobile/1_2_n.jpg",
                        "creation_timestamp": 1546400000, "description": "Sports day",
                        "media_metadata": {"photo_metadata": {"upload_ip": "192.0.2.7",
                                                              "upload_timestamp": 1546400000}}}},
             {"place": {"name": "Example Park", "address": "1 Park Road, Exampletown",
                        "coordinate": {"latitude": 51.5, "longitude": -0.1}}},
             {"external_context": {"url": "https://example.org/news", "name": "News"}}]}],
         "data": [{"post": "At the park"}]},
    ]})
    write(root, "friends/friends.json", {"friends": [
        {"name": moji("Zo\u00eb Example"), "timestamp": 1500000000,
         "contact_info": "zoe@example.org"},
        {"name": "Alex Example", "timestamp": 1500000100}]})
    write(root, "profile_information/profile_information.json", {"profile": {
        "name": {"full_name": moji("Sam S\u00e1mple")},
        "emails": {"emails": ["sam@example.org"], "previous_emails": ["old@example.org"]},
        "registration_timestamp": 1200000000, "profile_uri": "https://www.facebook.com/sam.sample"}})
    write(root, "groups/your_group_membership_activity.json", {"groups_joined": [
        {"title": "Sam Sample joined Example PTA.", "timestamp": 1510000000,
         "attachments": [{"data": [{"name": "Example PTA"}]}]}]})
    write(root, "messages/inbox/alexexample_ab12cd/message.json", {
        "participants": [{"name": "Alex Example"}, {"name": moji("Sam S\u00e1mple")}],
        "messages": [{"sender_name": "Alex Example", "timestamp_ms": 1546500000000,
                      "content": "See you there", "type": "Generic"}],
        "title": "Alex Example", "is_still_participant": True, "thread_type": "Regular",
        "thread_path": "inbox/alexexample_ab12cd"})
    return root


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_fictional_2019(tmp_path: Path, zip_folder: Callable[[Path], Path], how: str) -> None:
    items, archive = read_all(opened(make_2019(tmp_path / "fb2019"), how, zip_folder))
    assert facebook.detect(archive) >= 10 and instagram.detect(archive) == 0
    assert facebook.version(archive) == "2019"
    assert archive.problems == []
    counts = Counter(i.kind for i in items)
    assert counts == {Kind.PROFILE: 1, Kind.CONNECTION: 2, Kind.MEMBERSHIP: 1, Kind.POST: 2,
                      Kind.MEDIA: 1, Kind.THREAD: 1, Kind.MESSAGE: 1}
    (profile,) = of(items, Kind.PROFILE)
    assert (profile.name, profile.email, profile.url) == (
        "Sam Sámple", "sam@example.org", "https://www.facebook.com/sam.sample")
    assert profile.extra["previous_emails"] == "old@example.org"
    friends = of(items, Kind.CONNECTION)
    assert [(f.name, f.relation) for f in friends] == [("Zoë Example", "friend"),
                                                      ("Alex Example", "friend")]
    assert friends[0].extra["contact_info"] == "zoe@example.org"
    first, second = of(items, Kind.POST)
    assert (first.text, first.people) == ("Café with friends", ("Alex Example", "Zoë Example"))
    assert (second.place, second.geo, second.url) == ("Example Park", (51.5, -0.1),
                                                      "https://example.org/news")
    assert second.extra["address"] == "1 Park Road, Exampletown"
    (media,) = of(items, Kind.MEDIA)
    assert (media.ref.record, media.text) == ("photos_and_videos/Mobile/1_2_n.jpg", "Sports day")
    assert media.extra["upload_ip"] == "192.0.2.7"  # 2019: photo_metadata without exif_data
    (group,) = of(items, Kind.MEMBERSHIP)
    assert (group.name, group.relation) == ("Example PTA", "member")
    (thread,) = of(items, Kind.THREAD)
    assert (thread.ref.record, thread.people) == ("inbox/alexexample_ab12cd",
                                                  ("Alex Example", "Sam Sámple"))


# -- fictional 2024+ layout ----------------------------------------------------------------------
def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "ExampleCam", "Model 1"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 0.0), "W", (0.0, 7.0, 12.0)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


ACT = "your_facebook_activity"
E2EE = f"{ACT}/messages/e2ee_cutover/pupilexample_1000000001"


def make_2024(root: Path) -> Path:
    write(root, f"{ACT}/posts/your_posts__check_ins__photos_and_videos_1.json", [
        {"timestamp": 1717236000, "title": "Sam Teacher added 2 new photos.",
         "data": [{"post": moji("Trip to the coast \U0001f30a")}],
         "attachments": [{"data": [
             {"media": {"uri": f"{ACT}/posts/media/Trip/beach.jpg",
                        "creation_timestamp": 1717236000, "description": "Beach",
                        "media_metadata": {"photo_metadata": {"exif_data": [
                            {"upload_ip": "192.0.2.1"},
                            {"latitude": 50.1, "longitude": -5.5, "taken_timestamp": 1717230000,
                             "camera_make": "Canon", "camera_model": "EOS 80D"}]}}}},
             {"media": {"uri": f"{ACT}/posts/media/Trip/harbour.jpg",
                        "creation_timestamp": 1717236001}},
             {"place": {"name": "Example Cove", "coordinate": {"latitude": 50.12,
                                                              "longitude": -5.53}}},
             {"external_context": {"url": "https://example.org/tides"}}]}],
         "tags": [{"name": "Pat Parent"}, {"name": moji("Zo\u00eb Sample")}]},
        {"timestamp": 1717300000, "data": [], "attachments": [{"data": [{"text": "Just words"}]}]},
    ])
    photo = root / f"{ACT}/posts/media/Trip/harbour.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(jpeg_with_exif())
    write(root, f"{ACT}/posts/check-ins.json", [
        {"timestamp": 1717400000, "fbid": "1001", "media": [], "label_values": [
            {"label": "Message", "value": "At the match"},
            {"label": "Place tags", "dict": [
                {"label": "Name", "value": "Example Stadium"},
                {"label": "Coordinates", "value": "(51.50 , -0.12)"},
                {"label": "Address", "value": "2 Ground Lane, Exampletown"}]}]}])
    # Only one tagged place: Meta writes the object without a list around it.
    write(root, f"{ACT}/posts/places_you_have_been_tagged_in.json", {
        "fbid": "1002", "media": [], "label_values": [
            {"label": "Place name", "value": moji("Caf\u00e9 Example")},
            {"label": "Visit time", "timestamp_value": 1717500000}]})
    write(root, "connections/friends/your_friends.json", {"friends_v2": [
        {"name": moji("Zo\u00eb Sample"), "timestamp": 1700000000},
        {"name": "Pat Parent", "timestamp": 1700000100}]})
    write(root, "connections/friends/removed_friends.json", {"deleted_friends_v2": [
        {"name": "Former Friend", "timestamp": 1690000000}]})
    write(root, "connections/followers/people_who_followed_you.json", {"followers_v3": [
        {"name": "Fan Example"}]})
    write(root, "connections/followers/who_you've_followed.json", {"following_v3": [
        {"name": "Example Academy", "timestamp": 1700000200}]})
    write(root, "personal_information/profile_information/profile_information.json", {
        "profile_v2": {
            "name": {"full_name": moji("Sam T\u00e9acher")}, "username": "sam.teacher",
            "emails": {"emails": ["sam.teacher@example.org"]},
            "phone_numbers": [{"phone_type": "Mobile", "phone_number": "01632 960123"}],
            "websites": [{"address": "https://example.org/sam"}],
            "current_city": {"name": "Exampletown"}, "hometown": {"name": "Sampleville"},
            "birthday": {"year": 1990, "month": 4, "day": 1},
            "family_members": [{"name": "Jo Teacher", "relation": "Sister"}],
            "education_experiences": [
                {"name": "Example University", "start_timestamp": 1220227200,
                 "end_timestamp": 1309478400, "graduated": True,
                 "concentrations": ["Education"], "degree": "BEd", "school_type": "College"}],
            "work_experiences": [
                {"employer": "Example Academy", "title": "Teacher", "location": "Exampletown",
                 "start_timestamp": 1314835200}]}})
    write(root, f"{ACT}/groups/your_group_membership_activity.json", {"groups_joined_v2": [
        {"timestamp": 1600000300, "title": "You stopped being a member of Old Group."},
        {"timestamp": 1600000200, "data": [{"name": "Example School Parents"}],
         "title": "You became a member of Example School Parents."},
        {"timestamp": 1600000100, "data": [{"name": "Old Group"}],
         "title": "You became a member of Old Group."}]})
    write(root, f"{ACT}/groups/your_groups.json", {"groups_admined_v2": [
        {"name": "Example Book Club", "timestamp": 1600000400}]})
    header = {"participants": [{"name": "Pupil Example"}, {"name": moji("Sam T\u00e9acher")}],
              "title": "Pupil Example", "is_still_participant": True,
              "thread_path": "e2ee_cutover/pupilexample_1000000001", "magic_words": []}
    write(root, f"{E2EE}/message_1.json", {**header, "messages": [
        {"sender_name": "Pupil Example", "timestamp_ms": 1736479676124,
         "content": moji("Thanks \U0001f44d"), "is_geoblocked_for_viewer": False},
        {"sender_name": moji("Sam T\u00e9acher"), "timestamp_ms": 1736479600000,
         "photos": [{"uri": f"{E2EE}/photos/2000.jpg", "creation_timestamp": 1736479600}]}]})
    write(root, f"{E2EE}/message_2.json", {**header, "messages": [
        {"sender_name": "Pupil Example", "timestamp_ms": 1736400000000, "content": "Hello",
         "share": {"link": "https://example.org/video", "share_text": "watch"}}]})
    return root


@pytest.mark.parametrize("how", ["folder", "zip"])
def test_fictional_2024(tmp_path: Path, zip_folder: Callable[[Path], Path], how: str) -> None:
    items, archive = read_all(opened(make_2024(tmp_path / "fb2024"), how, zip_folder))
    assert facebook.detect(archive) >= 10 and instagram.detect(archive) == 0
    assert facebook.version(archive) == "2024+"
    assert archive.problems == []
    connections = {(c.name, c.relation) for c in of(items, Kind.CONNECTION)}
    assert connections == {("Zoë Sample", "friend"), ("Pat Parent", "friend"),
                           ("Fan Example", "follower"), ("Example Academy", "following")}
    assert "Former Friend" not in {i.name for i in items}  # removed friends are not current

    profile, school, job = of(items, Kind.PROFILE)
    assert (profile.name, profile.handle, profile.email) == (
        "Sam Téacher", "sam.teacher", "sam.teacher@example.org")
    assert profile.extra == {"emails": "sam.teacher@example.org", "phone": "01632 960123",
                             "website": "https://example.org/sam", "city": "Exampletown",
                             "hometown": "Sampleville", "birthday": "1990-04-01",
                             "family": "Jo Teacher (Sister)"}
    assert (school.relation, school.name, school.extra["degree"], school.extra["graduated"]) == (
        "education", "Example University", "BEd", "true")
    assert school.extra["ended"] == "2011-07-01"
    assert (job.relation, job.name, job.extra["title"]) == ("position", "Example Academy",
                                                            "Teacher")

    groups = {(g.name, g.relation) for g in of(items, Kind.MEMBERSHIP)}
    assert groups == {("Example School Parents", "member"), ("Example Book Club", "admin")}

    trip, words, check_in, tagged = of(items, Kind.POST)
    assert trip.text == "Trip to the coast 🌊"
    assert trip.people == ("Pat Parent", "Zoë Sample")
    assert (trip.place, trip.geo, trip.url) == ("Example Cove", (50.12, -5.53),
                                                "https://example.org/tides")
    assert words.text == "Just words"
    assert (check_in.relation, check_in.place, check_in.geo, check_in.text) == (
        "check_in", "Example Stadium", (51.5, -0.12), "At the match")
    assert check_in.ref.record == "1001"
    assert check_in.extra["address"] == "2 Ground Lane, Exampletown"
    assert (tagged.relation, tagged.place, tagged.when) == (
        "check_in", "Café Example", datetime.fromtimestamp(1717500000, UTC))

    media = {m.ref.record.rsplit("/", 1)[-1]: m for m in of(items, Kind.MEDIA)}
    beach = media["beach.jpg"]  # described by the JSON only; the file is in another zip part
    assert (beach.geo, beach.make, beach.model) == ((50.1, -5.5), "Canon", "EOS 80D")
    assert beach.taken == datetime.fromtimestamp(1717230000, UTC)
    assert beach.extra["upload_ip"] == "192.0.2.1" and beach.text == "Beach"
    harbour = media["harbour.jpg"]  # present in the export: filled from its own EXIF
    assert harbour.media == (f"{ACT}/posts/media/Trip/harbour.jpg",)
    assert (harbour.geo, harbour.make, harbour.model) == ((51.5, -0.12), "ExampleCam", "Model 1")

    (thread,) = of(items, Kind.THREAD)
    assert thread.ref.record == "e2ee_cutover/pupilexample_1000000001"
    assert (thread.name, thread.people) == ("Pupil Example", ("Pupil Example", "Sam Téacher"))
    assert thread.extra["folder"] == "e2ee_cutover"
    messages = of(items, Kind.MESSAGE)
    assert [m.text for m in messages] == ["Thanks 👍", "", "Hello"]  # both parts, newest first
    assert [m.ref.file.rsplit("/", 1)[-1] for m in messages] == [
        "message_1.json", "message_1.json", "message_2.json"]
    assert messages[1].name == "Sam Téacher" and messages[1].media == (f"{E2EE}/photos/2000.jpg",)
    assert (messages[2].url, messages[2].relation) == ("https://example.org/video", "share")
    assert media["2000.jpg"].parent == thread.ref.record


def test_truncated_posts_file(tmp_path: Path) -> None:
    posts = [{"timestamp": 1700000000 + n, "data": [{"post": f"Post {n}"}]} for n in range(3)]
    text = json.dumps(posts)
    root = tmp_path / "cut"
    (root / "posts").mkdir(parents=True)
    (root / "posts/your_posts_1.json").write_text(text[: text.index("Post 2")])
    items, archive = read_all(root)
    assert [i.text for i in items] == ["Post 0", "Post 1"]
    (problem,) = archive.problems
    assert problem.path.endswith("!posts/your_posts_1.json")
    assert "2 records before the damage were read" in problem.error


# -- garbled input never raises ------------------------------------------------------------------
KEYS = ["status_updates", "data", "post", "attachments", "media", "uri", "media_metadata",
        "photo_metadata", "exif_data", "latitude", "longitude", "taken_timestamp", "place",
        "coordinate", "tags", "name", "timestamp", "title", "friends_v2", "followers_v3",
        "following_v3", "groups_joined_v2", "groups_admined_v2", "profile_v2", "emails",
        "birthday", "year", "month", "day", "education_experiences", "work_experiences",
        "label_values", "label", "value", "dict", "participants", "messages", "sender_name",
        "timestamp_ms", "content", "photos", "share", "external_context", "note", "fbid"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=5),
    max_leaves=25)
FILES = ["posts/your_posts_1.json", "posts/your_posts.json", "friends/friends.json",
         "connections/followers/who_you've_followed.json",
         "profile_information/profile_information.json", "posts/check-ins.json",
         "groups/your_group_membership_activity.json", "groups/your_groups.json",
         "posts/album/1.json", "messages/inbox/x_1/message_1.json"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON, cut=st.integers(min_value=0, max_value=400), garbage=st.binary(max_size=40))
def test_garbled_json_never_raises(value: Any, cut: int, garbage: bytes) -> None:
    whole = json.dumps(value).encode()
    contents = [whole, whole[:cut], garbage, json.dumps({"status_updates": [value]}).encode(),
                json.dumps({"profile_v2": value}).encode(), json.dumps([value] * 2).encode()]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for index, rel in enumerate(FILES):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(contents[index % len(contents)])
        archive = open_archive(root)
        items = list(facebook.read(archive))
        facebook.version(archive)
        assert facebook.detect(archive) >= 10
        assert all(isinstance(i, Item) for i in items)
        assert all(isinstance(p, Problem) for p in archive.problems)


def test_absurdly_nested_record_is_a_problem(tmp_path: Path) -> None:
    # 100,000 levels in 1 MB: unguarded, the JSON parser's memory grows with the square of the
    # depth and this file alone would need many gigabytes.
    root = tmp_path / "deep"
    (root / "posts").mkdir(parents=True)
    ok = json.dumps({"timestamp": 1700000000, "data": [{"post": "Fine"}]})
    deep = '{"data": [' * 100_000 + "]}" * 100_000
    (root / "posts/your_posts_1.json").write_text(f"[{', '.join([ok] * 3000)}, {deep}, {ok}]")
    items, archive = read_all(root)
    # Reading stops at the hostile record; what came well before it (earlier read-ahead
    # blocks) is kept.
    assert 1000 < len(items) <= 3000 and {i.text for i in items} == {"Fine"}
    (problem,) = archive.problems
    assert "nested far deeper than any real export" in problem.error
    assert f"the {len(items)} records before it were read" in problem.error


def test_absurdly_nested_small_file_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    write(root, "profile_information/profile_information.json",
          {"profile_v2": {"name": {"full_name": "Jo"}}})
    deep = '{"profile_v2": ' + "[" * 50_000 + "]" * 50_000 + "}"
    (root / "profile_information/profile_information.json").write_text(deep)
    (root / "posts").mkdir()
    (root / "posts/your_posts_1.json").write_text(
        json.dumps([{"timestamp": 1700000000, "data": [{"post": "Fine"}]}]))
    items, archive = read_all(root)
    assert [i.text for i in items if i.text] == ["Fine"]
    assert any("nested far deeper" in p.error for p in archive.problems)
