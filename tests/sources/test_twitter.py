"""The X/Twitter reader on real archives (folder, zip, zip with a top folder) and on fictional
files for the layouts the real samples do not cover (2018 root layout, part files, long posts).

Fictional people only: example.org e-mails, 01632 960xxx phone numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_support import MemoryArchive, zip_folder
from samples import REAL_SAMPLES, need_sample, sample_cases

from scanner.model import Item, Kind
from scanner.sources import twitter
from scanner.sources.archive import Archive, open_archive

SAMPLES = REAL_SAMPLES / "archives"
X = SAMPLES / "twitter"
FORMS = ("folder", "zip", "zip_with_top_folder")


@pytest.fixture(params=FORMS)
def form(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def opener(form: str, tmp_path: Path) -> Iterator[Any]:
    """Opens a folder as itself, as a zip of its contents, or as a zip with a top folder."""
    opened: list[Archive] = []

    def open_as(folder: Path) -> Archive:
        if form == "folder":
            archive = open_archive(folder)
        else:
            top = "twitter-2024-01-01-abc/" if form == "zip_with_top_folder" else ""
            archive = open_archive(zip_folder(folder, tmp_path / f"{folder.name}.zip", top))
        opened.append(archive)
        return archive

    yield open_as
    for archive in opened:
        archive.close()


def of(items: list[Item], kind: Kind, relation: str | None = "any") -> list[Item]:
    return [i for i in items if i.kind is kind and (relation == "any" or i.relation == relation)]


def ids(items: list[Item]) -> list[str]:
    return [i.ref.record for i in items]


def ytd(name: str, data: Any) -> str:
    return f"window.YTD.{name}.part0 = " + json.dumps(data, indent=2, ensure_ascii=False)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


# -- real samples ------------------------------------------------------------------------------
def test_dogsheep_2018_root_fixture(opener: Any) -> None:
    archive = opener(need_sample(X / "dogsheep-twitter-to-sqlite"))
    assert twitter.detect(archive) == 20
    assert twitter.version(archive) == "2018 root layout"
    items = list(twitter.read(archive))
    [profile] = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name, profile.email) == (
        "simonw", "Simon Willison", "swillison@example.com")
    assert profile.ref.record == "simonw"  # the handle a person knows; the id is in extra
    assert profile.extra["account_id"] == "12497"
    assert profile.extra["created_at"] == "2006-11-15T13:18:50+00:00"
    assert profile.extra["phone"] == "+15555555555"
    assert ids(of(items, Kind.CONNECTION, "follower")) == ["73747798", "386025404"]
    assert ids(of(items, Kind.CONNECTION, "following")) == ["547842573", "12158"]
    assert all(c.handle is None for c in of(items, Kind.CONNECTION))
    assert not of(items, Kind.POST)
    assert archive.problems == []


def test_x_2021_03_tweet_js(opener: Any) -> None:
    archive = opener(need_sample(X / "x-2021-03"))
    assert twitter.detect(archive) == 20
    assert twitter.version(archive) == "2020-22 data/tweet.js"
    items = list(twitter.read(archive))
    [profile] = of(items, Kind.PROFILE)  # no account.js: the handle comes from the manifest
    assert (profile.handle, profile.name) == ("example_teacher", "Example Teacher")
    assert profile.text == "Teacher. Views are my own."
    assert profile.extra["location"] == "Exampletown, UK"
    assert profile.extra["website"] == "https://t.co/PAaNrzbkUG"

    posts = of(items, Kind.POST)
    assert ids(posts) == ["732032234900476067", "5194018435279616453", "5648619021205930293"]
    reply, photo, retweet = posts
    assert reply.text == "@user67578062 Him https://example.com/221779"  # t.co expanded
    assert reply.relation == "reply"
    assert reply.when == datetime(2017, 1, 31, 9, 1, 52, tzinfo=UTC)
    assert reply.url == "https://twitter.com/example_teacher/status/732032234900476067"
    assert photo.people == ("user92", "user82638")
    assert photo.media == ("https://pbs.twimg.com/media/Fx8615530991300.jpg",)  # not downloaded
    assert retweet.relation == "retweet"
    assert "large, & yourself" in retweet.text  # &amp; unescaped

    assert ids(of(items, Kind.CONNECTION, "mentioned")) == [
        "user67578062", "user92", "user82638", "user22354130212"]
    # The photo tweet replies to the owner's own thread: no connection to oneself.
    assert ids(of(items, Kind.CONNECTION, "replied_to")) == ["user67578062"]
    assert ids(of(items, Kind.CONNECTION, "follower")) == [
        "14125248", "697294271", "2294944113157931142"]
    # The sample was cut from a real archive: the manifest lists files it no longer has.
    missing = {p.error.split(" lists ")[1].split(" ")[0] for p in archive.problems}
    assert {"data/account.js", "data/direct-messages.js", "data/following.js"} <= missing
    assert all(p.path.endswith("data/manifest.js") for p in archive.problems)


def test_x_2023_08_account_deleted_dm_headers(opener: Any) -> None:
    archive = opener(need_sample(X / "x-2023-08"))
    assert twitter.version(archive) == "2022+ data/tweets.js"  # from the manifest
    items = list(twitter.read(archive))
    [profile] = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name, profile.email) == (
        "example_teacher", "Example Teacher", "teacher@example.org")
    assert profile.text == "Head of Science at an example school.\nViews are my own."
    assert "location" not in profile.extra  # "" in the file
    assert profile.extra["created_at"] == "2015-03-30T10:38:02.103000+00:00"
    assert profile.ref.file.endswith("data/account.js")

    [deleted] = of(items, Kind.POST)
    assert deleted.ref.record == "5253911556148084348"
    assert deleted.relation == "deleted"
    assert deleted.extra["deleted_at"] == "2023-08-09T16:19:50+00:00"
    assert deleted.text.endswith("person-really nothing. https://example.com/944583")

    assert len(of(items, Kind.CONNECTION, "follower")) == 3
    assert ids(of(items, Kind.CONNECTION, "following")) == ["45980485", "15979047"]
    [thread] = of(items, Kind.THREAD)
    assert thread.ref.record == "310086-1000000001"
    assert set(thread.people) == {"310086", "1000000001"}
    assert thread.name == "310086"
    messages = of(items, Kind.MESSAGE)
    assert ids(messages) == ["1112303582551707791", "5296669195377973287"]
    assert {(m.parent, m.relation, m.text) for m in messages} == {
        ("310086-1000000001", "sent", "")}
    assert messages[0].when == datetime(2021, 9, 15, 6, 0, 28, 597000, tzinfo=UTC)
    missing = {p.error.split(" lists ")[1].split(" ")[0] for p in archive.problems}
    assert "data/tweets.js" in missing


def test_x_2024_11_tweets_js_and_note_tweet(opener: Any) -> None:
    archive = opener(need_sample(X / "x-2024-11"))
    assert twitter.detect(archive) == 20
    assert twitter.version(archive) == "2022+ data/tweets.js"
    items = list(twitter.read(archive))
    posts = of(items, Kind.POST)
    assert ids(posts) == ["5407598419347413749", "1475346668470205906", "8236833044577940706",
                          "9590845149958271551"]
    retweet, gif_reply, long_post, lone_note = posts
    assert retweet.relation == "retweet"
    assert gif_reply.media == ("https://pbs.twimg.com/tweet_video_thumb/Fx2353853293818.jpg",)
    # The long post's cut text is replaced by the whole of it from note-tweet.js.
    assert long_post.text.startswith("Must different, new another be enough would!")
    assert long_post.text.endswith("Right it was 👇")
    assert "…" not in long_post.text
    assert long_post.extra["note_tweet_id"] == "3597445779710478552"
    assert long_post.extra["links"] == "https://twitter.com/user279681/status/6912622458299226075"
    # A note whose tweet is not in the (cut) tweets.js is still read as the person's post.
    assert lone_note.ref.file.endswith("note-tweet.js")
    assert lone_note.people == ("user5165670331", "user2", "user492650", "user558342498")
    assert ids(of(items, Kind.CONNECTION, "mentioned")) == [
        "user924862", "user27537", "user5165670331", "user2", "user492650", "user558342498"]
    assert ids(of(items, Kind.CONNECTION, "replied_to")) == ["user27537"]
    assert not of(items, Kind.PROFILE)
    assert archive.problems == []


@pytest.mark.parametrize("platform_dir", sample_cases(sorted(
    p for p in SAMPLES.glob("*/*") if p.is_dir() and p.parent.name != "twitter"), SAMPLES))
def test_other_platforms_are_not_twitter(platform_dir: Path) -> None:
    with open_archive(need_sample(platform_dir)) as archive:
        assert twitter.detect(archive) == 0
        assert twitter.version(archive) is None


# -- fictional: layouts the real samples do not cover -------------------------------------------
def tweet(tweet_id: str, text: str, when: str = "Sat Aug 11 16:40:43 +0000 2018",
          **fields: Any) -> dict[str, Any]:
    return {"id_str": tweet_id, "id": tweet_id, "created_at": when, "full_text": text,
            "entities": {"user_mentions": [], "urls": []}, **fields}


def test_2018_root_layout(tmp_path: Path) -> None:
    first = tweet("1028000000000000001", "Trip to the coast &amp; back https://t.co/AbC",
                  entities={"user_mentions": [], "urls": [
                      {"url": "https://t.co/AbC", "expanded_url": "https://example.org/trip"}]},
                  in_reply_to_status_id=None, in_reply_to_screen_name=None,
                  extended_entities={"media": [{
                      "type": "photo", "media_url": "http://pbs.twimg.com/media/DkQwErTy.jpg",
                      "media_url_https": "https://pbs.twimg.com/media/DkQwErTy.jpg"}]})
    reply = tweet("1028000000000000002", "@pat_example see you then",
                  in_reply_to_status_id_str="1027999999999999999",
                  in_reply_to_screen_name="pat_example", in_reply_to_user_id_str="5550001",
                  entities={"urls": [], "user_mentions": [
                      {"screen_name": "pat_example", "name": "Pat Example", "id_str": "5550001"}]})
    conversation = {"dmConversation": {"conversationId": "5550001-900000001", "messages": [
        {"messageCreate": {"id": "m2", "senderId": "5550001", "recipientId": "900000001",
                           "createdAt": "2018-08-02T10:00:00.000Z", "text": "Thanks &amp; bye"}},
        {"messageCreate": {"id": "m1", "senderId": "900000001", "recipientId": "5550001",
                           "createdAt": "2018-08-01T10:00:00.000Z", "text": "Hello Pat"}}]}}
    root = write(tmp_path / "twitter-2018-08-20", {
        "account.js": ytd("account", [{"account": {
            "phoneNumber": "+441632960123", "email": "sam.teacher@example.org",
            "createdVia": "web", "username": "sam_teacher", "accountId": "900000001",
            "createdAt": "1346793019000", "updatedAt": "1534000000000",
            "timeZone": "London", "accountDisplayName": "Sam Teacher"}}]),
        "profile.js": ytd("profile", [{"profile": {"description": {
            "bio": "Geography teacher &amp; runner", "website": "https://t.co/Site",
            "location": "Exampleton"}}}]),
        "screen-name-change.js": ytd("screen_name_change", [{"screenNameChange": {
            "accountId": "900000001", "screenNameChange": {
                "changedAt": "2016-05-01T09:00:00.000Z", "changedFrom": "samteach_old",
                "changedTo": "sam_teacher"}}}]),
        "tweet.js": ytd("tweet", [first, reply]),  # 2018: fields at the top level
        "direct-message.js": ytd("direct_message", [conversation]),
        "tweet_media/1028000000000000001-DkQwErTy.jpg": b"fictional image bytes",
    })
    with open_archive(root) as archive:
        assert twitter.detect(archive) == 20
        assert twitter.version(archive) == "2018 root layout"
        items = list(twitter.read(archive))
    profile, old = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name, profile.email) == (
        "sam_teacher", "Sam Teacher", "sam.teacher@example.org")
    assert profile.text == "Geography teacher & runner"
    assert profile.extra["created_at"] == "2012-09-04T21:10:19+00:00"  # epoch-ms string
    assert profile.extra["phone"] == "+441632960123"
    assert profile.extra["location"] == "Exampleton"
    assert (old.relation, old.handle) == ("previous_handle", "samteach_old")
    assert old.when == datetime(2016, 5, 1, 9, 0, tzinfo=UTC)

    photo, answer = of(items, Kind.POST)
    assert photo.text == "Trip to the coast & back https://example.org/trip"
    assert photo.when == datetime(2018, 8, 11, 16, 40, 43, tzinfo=UTC)
    assert photo.media == ("tweet_media/1028000000000000001-DkQwErTy.jpg",)  # the local copy
    assert photo.relation is None  # null in_reply_to_* keys are not a reply
    assert answer.relation == "reply"
    assert answer.extra["in_reply_to"] == "pat_example"
    mentioned, replied = of(items, Kind.CONNECTION)
    assert (mentioned.relation, mentioned.handle, mentioned.name) == (
        "mentioned", "pat_example", "Pat Example")
    assert (replied.relation, replied.handle) == ("replied_to", "pat_example")

    [thread] = of(items, Kind.THREAD)
    assert (thread.ref.record, thread.name) == ("5550001-900000001", "5550001")
    assert set(thread.people) == {"5550001", "900000001"}
    received, sent = of(items, Kind.MESSAGE)
    assert (received.text, received.relation, received.parent) == (
        "Thanks & bye", "received", "5550001-900000001")
    assert (sent.text, sent.relation) == ("Hello Pat", "sent")
    assert received.ref.file == "direct-message.js"


def manifest(types: dict[str, list[tuple[str, int]]]) -> str:
    data_types = {key: {"files": [{"fileName": f, "globalName": "YTD.x.part0", "count": str(c)}
                                  for f, c in files]} for key, files in types.items()}
    config = {"userInfo": {"accountId": "900000002", "userName": "jo_teacher",
                           "displayName": "Jo Teacher"}, "dataTypes": data_types}
    return "window.__THAR_CONFIG = " + json.dumps(config, indent=2)


def test_part_files_follow_the_manifest(tmp_path: Path) -> None:
    parts = {f"data/tweets{suffix}.js": ytd("tweets", [{"tweet": tweet(str(n), f"Post {n}")}])
             for suffix, n in (("", 1), ("-part1", 2), ("-part2", 3), ("-part9", 9))}
    root = write(tmp_path / "x", {
        **parts,
        "data/manifest.js": manifest({"tweets": [
            ("data/tweets.js", 1), ("data/tweets-part1.js", 1), ("data/tweets-part2.js", 1),
            ("data/tweets-part3.js", 1)]}),
    })
    with open_archive(zip_folder(root, tmp_path / "x.zip", "twitter-2024/")) as archive:
        assert twitter.version(archive) == "2022+ data/tweets.js"
        items = list(twitter.read(archive))
        problems = archive.problems
    # part9 is not in the manifest, so it is not part of this archive's data.
    assert [p.text for p in of(items, Kind.POST)] == ["Post 1", "Post 2", "Post 3"]
    [missing] = problems
    assert "data/tweets-part3.js" in missing.error
    [profile] = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name) == ("jo_teacher", "Jo Teacher")


def test_part_files_without_manifest_are_globbed_in_order(tmp_path: Path) -> None:
    root = write(tmp_path / "x", {
        f"data/tweet{suffix}.js": ytd("tweet", [{"tweet": tweet(str(n), f"Post {n}")}])
        for suffix, n in (("-part10", 10), ("-part2", 2), ("", 0), ("-part1", 1))})
    with open_archive(root) as archive:
        assert twitter.version(archive) == "2020-22 data/tweet.js"
        posts = of(list(twitter.read(archive)), Kind.POST)
    assert [p.text for p in posts] == ["Post 0", "Post 1", "Post 2", "Post 10"]


def test_long_post_joined_from_note_tweet(tmp_path: Path) -> None:
    cut = tweet("1700000000000000001", "Our Year 9 trip to the field centre was a great day, "
                "thanks to @field_centre_ex and all… https://t.co/Cut1",
                when="Fri Oct 13 14:58:50 +0000 2023",
                entities={"urls": [{"url": "https://t.co/Cut1",
                                    "expanded_url": "https://twitter.com/i/web/status/1"}],
                          "user_mentions": [{"screen_name": "field_centre_ex", "name": "FC"}]})
    short = tweet("1700000000000000002", "Short one", when="Fri Oct 13 14:58:50 +0000 2023")
    full = ("Our Year 9 trip to the field centre was a great day, thanks to @field_centre_ex and "
            "all the staff &amp; @coach_example. Photos: https://t.co/Pics")
    root = write(tmp_path / "x", {
        "data/tweets.js": ytd("tweets", [{"tweet": short}, {"tweet": cut}]),
        "data/note-tweet.js": ytd("note_tweet", [{"noteTweet": {
            "noteTweetId": "1712845355925082112", "createdAt": "2023-10-13T14:58:50.000Z",
            "core": {"text": full, "urls": [{"shortUrl": "https://t.co/Pics",
                                             "expandedUrl": "https://example.org/photos"}],
                     "mentions": [{"screenName": "field_centre_ex"},
                                  {"screenName": "coach_example"}]}}}]),
    })
    with open_archive(root) as archive:
        items = list(twitter.read(archive))
    short_post, long_post = of(items, Kind.POST)
    assert short_post.text == "Short one"  # same second, but not the cut version of the note
    assert long_post.text == full.replace("&amp;", "&").replace(
        "https://t.co/Pics", "https://example.org/photos")
    assert long_post.people == ("field_centre_ex", "coach_example")
    assert long_post.extra["note_tweet_id"] == "1712845355925082112"
    assert ids(of(items, Kind.CONNECTION, "mentioned")) == ["field_centre_ex", "coach_example"]


def test_truncated_tweets_js_reads_what_it_can(tmp_path: Path) -> None:
    text = ytd("tweets", [{"tweet": tweet(str(n), f"Post {n}")} for n in (1, 2, 3)])
    cut_at = text.index('"Post 3"')
    root = write(tmp_path / "x", {"data/tweets.js": text[:cut_at]})
    with open_archive(root) as archive:
        posts = of(list(twitter.read(archive)), Kind.POST)
        problems = archive.problems
    assert [p.text for p in posts] == ["Post 1", "Post 2"]
    [problem] = problems
    assert problem.path.endswith("data/tweets.js")
    assert "the 2 records before the damage were read" in problem.error


def test_group_dms_and_headers_not_doubled(tmp_path: Path) -> None:
    group = {"dmConversation": {"conversationId": "1500000000000000000", "messages": [
        {"conversationNameUpdate": {"initiatingUserId": "5550002", "name": "Staff social",
                                    "createdAt": "2022-01-03T10:00:00.000Z"}},
        {"messageCreate": {"id": "g2", "senderId": "5550002", "text": "Friday?",
                           "createdAt": "2022-01-02T10:00:00.000Z", "mediaUrls": []}},
        {"participantsJoin": {"initiatingUserId": "900000002",
                              "userIds": ["5550002", "5550003"],
                              "createdAt": "2022-01-01T10:00:00.000Z"}}]}}
    one = {"dmConversation": {"conversationId": "5550001-900000002", "messages": [
        {"messageCreate": {"id": "d1", "senderId": "900000002", "recipientId": "5550001",
                           "text": "See https://t.co/Lk", "createdAt": "2022-02-01T10:00:00Z",
                           "urls": [{"url": "https://t.co/Lk", "expanded": "https://example.org/a",
                                     "display": "example.org/a"}]}}]}}
    headers = {"dmConversation": {"conversationId": "5550001-900000002", "messages": [
        {"messageCreate": {"id": "d1", "senderId": "900000002", "recipientId": "5550001",
                           "createdAt": "2022-02-01T10:00:00Z"}}]}}
    root = write(tmp_path / "x", {
        "data/account.js": ytd("account", [{"account": {"accountId": "900000002",
                                                        "username": "jo_teacher"}}]),
        "data/direct-messages.js": ytd("direct_messages", [one]),
        "data/direct-message-headers.js": ytd("direct_message_headers", [headers]),
        "data/direct-messages-group.js": ytd("direct_messages_group", [group]),
    })
    with open_archive(root) as archive:
        items = list(twitter.read(archive))
    direct, staff = of(items, Kind.THREAD)
    assert direct.name == "5550001"
    assert (staff.name, set(staff.people)) == ("Staff social", {"5550002", "900000002", "5550003"})
    messages = of(items, Kind.MESSAGE)
    assert ids(messages) == ["d1", "g2"]  # the header copy of d1 is not read
    assert messages[0].text == "See https://example.org/a"
    assert (messages[0].relation, messages[1].relation) == ("sent", "received")
    assert messages[1].parent == "1500000000000000000"


def test_deleted_tweet_media_and_geo(tmp_path: Path) -> None:
    gone = tweet("1800000000000000001", "Ooops", deleted_at="Wed Aug 09 16:19:50 +0000 2023",
                 coordinates={"type": "Point", "coordinates": ["-1.5", "52.4"]},
                 place={"full_name": "Exampleton, England"},
                 extended_entities={"media": [{
                     "type": "video", "media_url_https": "https://pbs.twimg.com/t/AbCd.jpg",
                     "video_info": {"variants": [{"url": "https://video.twimg.com/v/Xyz.mp4"}]}}]})
    root = write(tmp_path / "x", {
        "data/deleted-tweets.js": ytd("deleted_tweets", [{"tweet": gone}]),
        "data/deleted_tweets_media/1800000000000000001-Xyz.mp4": b"fictional video",
    })
    with open_archive(root) as archive:
        [post] = of(list(twitter.read(archive)), Kind.POST)
    assert post.relation == "deleted"
    assert post.media == ("data/deleted_tweets_media/1800000000000000001-Xyz.mp4",)
    assert post.geo == (52.4, -1.5)
    assert post.place == "Exampleton, England"


def test_single_tweets_js_and_unwrapped_js(tmp_path: Path) -> None:
    lone = tmp_path / "tweets.js"
    lone.write_text(ytd("tweets", [{"tweet": tweet("1", "Just this")}]), encoding="utf-8")
    with open_archive(lone) as archive:
        assert twitter.detect(archive) == 20
        assert [p.text for p in of(list(twitter.read(archive)), Kind.POST)] == ["Just this"]
    site = write(tmp_path / "site", {"account.js": "console.log('not an archive');",
                                     "app.js": "var x = [1];"})
    with open_archive(site) as archive:
        assert twitter.detect(archive) == 0


GRAILBIRD_HEADER = ('"tweet_id","in_reply_to_status_id","in_reply_to_user_id","timestamp",'
                    '"source","text","retweeted_status_id","retweeted_status_user_id",'
                    '"retweeted_status_timestamp","expanded_urls"')
GRAILBIRD_ROWS = (
    '"301103419468468224","","","2013-02-14 18:55:32 +0000","web",'
    '"Great match today @northfield_pe &amp; well done Year 9!","","","",'
    '"http://example.org/match"\n'
    '"301103419468468225","301103419468468200","12345","2013-02-15 08:00:00 +0000","web",'
    '"@Parent_Example thanks, see you at parents evening (cc @jo_fictional)","","","",""\n'
    '"301103419468468226","","","2013-02-16 08:00:00 +0000","web",'
    '"RT @northfield_pe: Sports day moved to Friday","301103419468460000","999",'
    '"2013-02-16 07:00:00 +0000",""\n')
USER_DETAILS = ('var user_details =  {\n  "screen_name" : "jo_fictional",\n  "location" : '
                '"Exampletown",\n  "full_name" : "Jo Fictional",\n  "bio" : "Teacher &amp; '
                'runner",\n  "id" : "1000000001",\n  "created_at" : "2010-03-30 10:38:02 +0000"'
                '\n}')


def grailbird(root: Path, header: str = GRAILBIRD_HEADER) -> Path:
    write(root, {"tweets.csv": header + "\n" + GRAILBIRD_ROWS,
                 "data/js/user_details.js": USER_DETAILS,
                 "data/js/tweets/2013_02.js": "Grailbird.data.tweets_2013_02 = []"})
    return root


def test_grailbird_tweets_csv(tmp_path: Path, opener: Any) -> None:
    archive = opener(grailbird(tmp_path / "tweets"))
    assert twitter.detect(archive) == 15
    assert twitter.version(archive) == "before mid-2018 (tweets.csv)"
    items = list(twitter.read(archive))
    assert archive.problems == []
    (profile,) = of(items, Kind.PROFILE)
    assert (profile.handle, profile.name, profile.text) == (
        "jo_fictional", "Jo Fictional", "Teacher & runner")
    assert profile.extra["location"] == "Exampletown"
    match, reply, retweet = of(items, Kind.POST)
    assert match.text == "Great match today @northfield_pe & well done Year 9!"
    assert match.when == datetime(2013, 2, 14, 18, 55, 32, tzinfo=UTC)
    assert (match.ref.record, match.people, match.relation) == (
        "301103419468468224", ("northfield_pe",), None)
    assert match.extra == {"links": "http://example.org/match"}
    assert (reply.relation, retweet.relation) == ("reply", "retweet")
    # Each person once, never the owner, spelt as first written.
    assert ids(of(items, Kind.CONNECTION, "mentioned")) == ["northfield_pe", "Parent_Example"]


def test_grailbird_columns_by_any_spelling(tmp_path: Path) -> None:
    header = GRAILBIRD_HEADER.upper().replace("_", " ")
    with open_archive(grailbird(tmp_path / "t", header)) as archive:
        posts = of(list(twitter.read(archive)), Kind.POST)
        assert archive.problems == []
    assert [p.text[:11] for p in posts] == ["Great match", "@Parent_Exa", "RT @northfi"]


def test_grailbird_csv_without_a_text_column_is_a_problem(tmp_path: Path) -> None:
    header = GRAILBIRD_HEADER.replace('"text"', '"body"')
    with open_archive(grailbird(tmp_path / "t", header)) as archive:
        assert twitter.detect(archive) == 0  # not recognised: no text column, nothing to read
    write(tmp_path / "t", {"tweets.csv": header + ',"text"\n' + GRAILBIRD_ROWS})
    with open_archive(tmp_path / "t") as archive:  # a text column, always empty
        assert len(of(list(twitter.read(archive)), Kind.POST)) == 3
        (problem,) = archive.problems
    assert problem.error.startswith("tweets.csv: 3 rows but none had text; columns seen: ")
    assert "body" in problem.error


# -- garbled input never raises ------------------------------------------------------------------
KEYS = st.sampled_from(["tweet", "id_str", "full_text", "created_at", "entities", "urls",
                        "user_mentions", "screen_name", "url", "expanded_url", "media",
                        "extended_entities", "in_reply_to_screen_name", "coordinates", "place",
                        "dmConversation", "messages", "messageCreate", "noteTweet", "core",
                        "text", "createdAt", "mentions", "account", "profile", "description",
                        "dataTypes", "tweets", "files", "fileName", "count", "userInfo"])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=5), inner,
                                                                max_size=5),
    max_leaves=25)
FILES = ("data/tweets.js", "data/note-tweet.js", "data/account.js", "data/direct-messages.js",
         "data/manifest.js")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(FILES))
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    archive = MemoryArchive({name: data, "data/follower.js": b"window.YTD.follower.part0 = []"})
    twitter.detect(archive)
    twitter.version(archive)
    assert all(isinstance(i, Item) for i in twitter.read(archive))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(JSON, max_size=4), st.sampled_from(FILES), JSON)
def test_garbled_json_never_raises(elements: list[Any], name: str, config: Any) -> None:
    body = ytd("x", elements).encode()
    archive = MemoryArchive({
        name: body, "data/tweets.js": ytd("tweets", elements).encode(),
        "data/manifest.js": ("window.__THAR_CONFIG = " + json.dumps(config)).encode()})
    assert twitter.detect(archive) == 20
    twitter.version(archive)
    assert all(isinstance(i, Item) for i in twitter.read(archive))


MANIFEST_ENTRY = st.dictionaries(
    st.sampled_from(["fileName", "count", "globalName"]),
    JSON | st.sampled_from(["data/tweets.js", "tweets.js", "../tweets.js", "", "1", "0"]))


@settings(max_examples=100, deadline=None)
@given(st.lists(MANIFEST_ENTRY, max_size=4), st.sampled_from(["tweets", "tweet", "account"]))
def test_odd_manifest_entries_never_raise(entries: list[Any], key: str) -> None:
    config = {"userInfo": {"userName": "jo"}, "dataTypes": {key: {"files": entries}}}
    archive = MemoryArchive({
        "data/manifest.js": ("window.__THAR_CONFIG = " + json.dumps(config)).encode(),
        "data/tweets.js": ytd("tweets", [{"tweet": tweet("1", "Kept")}]).encode()})
    assert twitter.version(archive) == "2022+ data/tweets.js"
    posts = of(list(twitter.read(archive)), Kind.POST)
    # Whatever the manifest says, the one tweets file present is read, and read once.
    assert [p.text for p in posts] == ["Kept"]


def test_large_tweets_js_streams_in_flat_memory(tmp_path: Path) -> None:
    """8,000 long tweets (about 20 MB) are never held at once: peak memory stays far below."""
    import tracemalloc

    path = tmp_path / "x" / "data" / "tweets.js"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [\n")
        for n in range(8_000):
            body = tweet(str(10**15 + n), f"Post number {n} about the school fair " + "x" * 2_000,
                         entities={"urls": [], "user_mentions": [
                             {"screen_name": f"person_{n % 500}", "name": "P"}]})
            out.write(("," if n else "") + json.dumps({"tweet": body}, indent=2))
        out.write("]")
    assert path.stat().st_size > 18_000_000
    with open_archive(path.parent.parent) as archive:
        tracemalloc.start()
        try:
            count = sum(1 for item in twitter.read(archive) if item.kind is Kind.POST)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert count == 8_000
    assert peak < 4_000_000, peak
