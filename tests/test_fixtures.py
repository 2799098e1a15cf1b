"""The fictional fixtures: deterministic, fictional, well-formed, and true to what they plant.

The readers are written separately, so these tests parse the generated files with json and csv
directly. Real samples are used only to check that the writers reproduce the platforms' exact
byte layout (a real file parsed and re-written must come back byte for byte).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import time
import zipfile
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from fixtures import facebook, instagram, linkedin, twitter
from fixtures.build import build_persona
from fixtures.generate import generate_demo, main
from fixtures.images import draw_grammar_crest, draw_logo, logo_png
from fixtures.jo import JO
from fixtures.jsonfmt import manifest_js, meta_json, ytd_js
from fixtures.personas import PERSONAS
from fixtures.planted import PLANTED, markdown, plants_for
from fixtures.roster import COLUMNS, ROLES, ROSTER, age_on, find
from fixtures.scale import ScaleConfig, generate
from fixtures.school import (
    EMAIL_DOMAIN,
    RADIUS_M,
    SITE_LAT,
    SITE_LON,
    distance_m,
    in_teaching_hours,
    is_term_day,
)
from fixtures.spec import RULES, to_utc
from scanner.media import read_image_meta

FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+44|\b0)[\d ]{8,13}\d\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b")
TEXT_SUFFIXES = (".json", ".js", ".csv", ".txt")
# X's account.js and profile.js make one PROFILE record, reported at account.js.
MERGED_PROFILES = ("data/account.js", "data/profile.js")


# -- helpers ----------------------------------------------------------------------------------

def fix_mojibake(value: Any) -> Any:
    """Undo Meta's escaping (each UTF-8 byte written as a Latin-1 character)."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [fix_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {fix_mojibake(k): fix_mojibake(v) for k, v in value.items()}
    return value


def parse_js(raw: bytes) -> Any:
    """An X data file: everything after the first `=` is JSON."""
    return json.loads(raw.decode("utf-8").partition("=")[2])


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def strings(value: Any) -> list[str]:
    """Every string (keys included) inside a parsed JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def decoded_text(name: str, raw: bytes, platform: str) -> str:
    """A member's text as a person would read it (Meta escapes undone, X entities unescaped)."""
    if name.endswith(".json"):
        return "\n".join(strings(fix_mojibake(json.loads(raw))))
    if name.endswith(".js"):
        return html.unescape("\n".join(strings(parse_js(raw))))
    text = raw.decode("utf-8")
    if name.endswith(".csv"):  # LinkedIn splits names into two columns; readers join them
        rows = read_linkedin(raw)
        text += "\n" + "\n".join(f"{r['First Name']} {r['Last Name']}" for r in rows
                                 if "First Name" in r)
    return text


def numbers_in(value: Any) -> list[object]:
    """Every JSON number inside a parsed value (booleans are not numbers here)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [n for v in items for n in numbers_in(v)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def everyone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("all")
    assert main([str(out), "--all"]) == 0
    return out


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bench")
    return generate(out, ScaleConfig(posts=2_000, connections=400, images=40, roster=500))


def all_archives(everyone: Path) -> list[tuple[str, Path]]:
    """(persona key, zip) for every persona's every export."""
    return [(p.parent.name, p) for p in sorted(everyone.glob("*/*.zip"))]


# -- determinism ------------------------------------------------------------------------------

def test_demo_is_byte_identical_on_every_run(tmp_path: Path, demo: dict[str, Path]) -> None:
    again = generate_demo(tmp_path / "again")
    assert sorted(again) == ["facebook", "instagram", "linkedin", "logo", "roster", "twitter"]
    for key, path in demo.items():
        assert again[key].name == path.name
        assert again[key].read_bytes() == path.read_bytes(), key


def test_every_persona_is_byte_identical_as_folders(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert main([str(out), "--all", "--folder"]) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert len(files) > 60
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_zips_have_sorted_entries_and_fixed_dates(demo: dict[str, Path]) -> None:
    for key in ("twitter", "facebook", "instagram", "linkedin"):
        with zipfile.ZipFile(demo[key]) as archive:
            infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(2026, 11, 20, 9, 14, 4)}


def test_demo_is_quick(tmp_path: Path) -> None:
    start = time.perf_counter()
    generate_demo(tmp_path)
    assert time.perf_counter() - start < 3.0


# -- what is planted --------------------------------------------------------------------------

def test_every_rule_has_a_positive_and_a_decoy_for_the_main_persona() -> None:
    jo = [p for p in PLANTED if p.persona == "jo"]
    positive = {p.rule for p in jo if p.expect in ("risk", "review")}
    decoys = {p.rule for p in jo if p.expect == "decoy"}
    assert positive == set(RULES), set(RULES) - positive
    assert decoys == set(RULES), set(RULES) - decoys
    # Rules that are not name matches have an outright risk, not only a review.
    risks = {p.rule for p in jo if p.expect == "risk"}
    assert set(RULES) - risks <= {"B1", "B2", "B3", "B4", "B5", "B6"}


def test_plants_name_real_members_and_findable_records(everyone: Path) -> None:
    for key, path in all_archives(everyone):
        content = members(path)
        platform = next(p for p in ("twitter", "facebook", "instagram", "linkedin")
                        if p in path.name.lower())
        for plant in (p for p in plants_for(key) if p.platform == platform):
            assert plant.file in content, plant
            if not plant.file.endswith(TEXT_SUFFIXES):
                assert plant.record == plant.file  # an image member is its own record
                continue
            text = decoded_text(plant.file, content[plant.file], platform)
            raw_text = content[plant.file].decode("utf-8")
            if plant.file in MERGED_PROFILES:  # one record drawn from several files
                text = "\n".join(decoded_text(n, content[n], platform) for n in MERGED_PROFILES
                                 if n in content)
            assert plant.key and plant.key in text, plant
            if not re.fullmatch(r"\d+|(education|work)/\d+", plant.record):
                assert plant.record in text or plant.record in raw_text, plant


def test_post_index_records_point_at_the_right_post(everyone: Path) -> None:
    checked = 0
    for key, path in all_archives(everyone):
        content = members(path)
        for plant in plants_for(key):
            if not plant.record.isdigit() or plant.platform == "twitter" \
                    or plant.file not in content:
                continue
            if plant.file.endswith(".csv"):
                rows = list(csv.DictReader(io.StringIO(content[plant.file].decode())))
                assert plant.key in rows[int(plant.record)]["ShareCommentary"]
            else:
                posts = fix_mojibake(json.loads(content[plant.file]))
                assert plant.key in json.dumps(posts[int(plant.record)], ensure_ascii=False)
            checked += 1
    assert checked >= 20


def test_tweet_plants_use_id_str(demo: dict[str, Path]) -> None:
    tweets = parse_js(members(demo["twitter"])["data/tweets.js"])
    ids = {t["tweet"]["id_str"] for t in tweets}
    tweet_plants = [p for p in plants_for("jo") if p.file == "data/tweets.js"]
    assert tweet_plants and {p.record for p in tweet_plants} <= ids


def test_planted_md_matches_planted_py() -> None:
    assert (FIXTURES_DIR / "PLANTED.md").read_text(encoding="utf-8") == markdown()


def test_planted_json_lists_the_generated_plants(everyone: Path) -> None:
    written = json.loads((everyone / "planted.json").read_text(encoding="utf-8"))
    assert written == [asdict(p) for key in sorted(PERSONAS) for p in plants_for(key)]
    assert len(written) == len(PLANTED)


def test_time_plants_agree_with_the_school_calendar() -> None:
    posts = [p for persona in PERSONAS.values() for p in persona.posts]
    for post in posts:
        for mark in post.marks:
            if mark.rule == "C9":
                assert in_teaching_hours(post.local) == (mark.expect == "risk"), post.text
    # The BST traps: 09:00 BST is 08:00 UTC (in hours), 16:10 BST is 15:10 UTC (not).
    assert to_utc(datetime(2025, 9, 10, 9, 0)).hour == 8
    assert to_utc(datetime(2025, 11, 18, 10, 42)).hour == 10
    assert not is_term_day(datetime(2025, 10, 28).date())  # half-term


# -- fictional data only ----------------------------------------------------------------------

def check_fictional(label: str, text: str) -> None:
    for email in EMAIL.findall(text):
        assert email.lower().endswith(("@example.org", ".example.org", "@" + EMAIL_DOMAIN)), \
            (label, email)
    for phone in PHONE.findall(text):
        digits = re.sub(r"\D", "", phone)
        digits = "0" + digits[2:] if phone.startswith("+44") else digits
        assert re.fullmatch(r"01632960\d{3}", digits), (label, phone)
    for postcode in POSTCODE.findall(text):
        assert postcode.startswith("ZZ99"), (label, postcode)


def test_only_fictional_contact_details(everyone: Path, bench: dict[str, Path]) -> None:
    seen = Counter[str]()
    archives = [p for _, p in all_archives(everyone)] + [bench["twitter"], bench["facebook"]]
    for path in archives:
        for name, raw in members(path).items():
            if name.endswith(TEXT_SUFFIXES):
                text = decoded_text(name, raw, "") if not name.endswith(".txt") else raw.decode()
                check_fictional(f"{path.name}/{name}", text)
                seen.update(kind for kind, rx in (("email", EMAIL), ("phone", PHONE),
                                                  ("postcode", POSTCODE)) if rx.search(text))
    for extra in (everyone / "roster.csv", bench["roster"], everyone / "planted.json"):
        check_fictional(extra.name, extra.read_text(encoding="utf-8"))
    # The guard looked at something: e-mails, phone numbers and a postcode are all present.
    assert seen["email"] >= 5 and seen["phone"] >= 2 and seen["postcode"] >= 1


def test_fictional_guard_catches_real_looking_details() -> None:
    with pytest.raises(AssertionError):
        check_fictional("x", "mail me at someone@gmail.com")
    with pytest.raises(AssertionError):
        check_fictional("x", "call 07700 900123")
    with pytest.raises(AssertionError):
        check_fictional("x", "B15 2TT")
    check_fictional("x", "j@oakwood.example.sch.uk +44 1632 960123 ZZ99 4WN")


# -- well-formed files ------------------------------------------------------------------------

def test_x_files_are_js_wrapped_jackson_with_string_numbers(demo: dict[str, Path]) -> None:
    content = members(demo["twitter"])
    assert content["data/manifest.js"].startswith(b"window.__THAR_CONFIG = {\n")
    manifest = parse_js(content["data/manifest.js"])
    for data_type in manifest["dataTypes"].values():
        for entry in data_type["files"]:
            raw = content[entry["fileName"]]
            assert raw.startswith(f"window.{entry['globalName']} = [".encode())
            items = parse_js(raw)
            assert str(len(items)) == entry["count"]
            assert numbers_in(items) == []
            if items:
                assert b'" : ' in raw and b'": ' not in raw
    tweets = parse_js(content["data/tweets.js"])
    long = [t["tweet"] for t in tweets if "… https://t.co/" in t["tweet"]["full_text"]]
    notes = parse_js(content["data/note-tweet.js"])
    assert len(long) == 1 and len(notes) == 1
    assert "no idea what happens" in notes[0]["noteTweet"]["core"]["text"]
    assert "no idea what happens" not in long[0]["full_text"]
    for item in tweets:  # created_at parses the way X writes it
        datetime.strptime(item["tweet"]["created_at"], "%a %b %d %H:%M:%S %z %Y")


def test_meta_files_are_ascii_with_every_utf8_byte_escaped(demo: dict[str, Path]) -> None:
    for key in ("facebook", "instagram"):
        for name, raw in members(demo[key]).items():
            if not name.endswith(".json"):
                continue
            raw.decode("ascii")  # nothing but escapes outside ASCII
            assert b'" : ' not in raw
            assert meta_json(fix_mojibake(json.loads(raw))) == raw
    fb = members(demo["facebook"])
    posts = fix_mojibake(json.loads(fb[facebook.POSTS]))
    texts = {p["data"][0]["post"] for p in posts}
    assert texts == {p.text for p in JO.posts if p.platform == "facebook"}
    assert b"\\u00f0\\u009f" in fb[facebook.POSTS]  # an emoji, byte by byte
    friends = fix_mojibake(json.loads(fb[facebook.FRIENDS]))["friends_v2"]
    assert {"name", "timestamp"} == set(friends[0])


def test_facebook_layout_and_check_ins(demo: dict[str, Path]) -> None:
    fb = members(demo["facebook"])
    for name in (facebook.POSTS, facebook.FRIENDS, facebook.REMOVED, facebook.FOLLOWERS,
                 facebook.FOLLOWING, facebook.GROUPS, facebook.PROFILE):
        assert name in fb
    profile = fix_mojibake(json.loads(fb[facebook.PROFILE]))["profile_v2"]
    assert profile["name"]["full_name"] == "Jo Whitmore"
    places = [a["data"][0]["place"] for p in json.loads(fb[facebook.POSTS])
              for a in p.get("attachments", []) if "place" in a["data"][0]]
    near = [p["name"] for p in places
            if distance_m(p["coordinate"]["latitude"], p["coordinate"]["longitude"],
                          SITE_LAT, SITE_LON) <= RADIUS_M]
    assert near == ["Oakwood Primary School"] and len(places) == 2
    groups = json.loads(fb[facebook.GROUPS])["groups_joined_v2"]
    assert any("data" not in g for g in groups)  # a group she left has no data
    threads = [n for n in fb if n.startswith(facebook.INBOX) and n.endswith("message_1.json")]
    for name in threads:
        thread = fix_mojibake(json.loads(fb[name]))
        stamps = [m["timestamp_ms"] for m in thread["messages"]]
        assert stamps == sorted(stamps, reverse=True)  # newest first, as Meta writes
        assert name == f"{facebook.INBOX}{thread['thread_path'][len('inbox/'):]}/message_1.json"


def test_instagram_layout(demo: dict[str, Path]) -> None:
    ig = members(demo["instagram"])
    personal = fix_mojibake(json.loads(ig[instagram.PERSONAL]))["profile_user"][0]
    fields = personal["string_map_data"]
    assert fields["Username"]["value"] == "jo.w.workshops"
    assert fields["Email"]["value"].endswith("@" + EMAIL_DOMAIN)
    assert fields["Private Account"]["value"] == "False"
    followers = json.loads(ig[instagram.FOLLOWERS])
    assert isinstance(followers, list)
    assert followers[0]["string_list_data"][0]["value"]
    assert "relationships_following" in json.loads(ig[instagram.FOLLOWING])
    posts = json.loads(ig[instagram.POSTS])
    exif = [m["media_metadata"]["photo_metadata"]["exif_data"][0] for p in posts
            for m in p["media"] if "photo_metadata" in m["media_metadata"]]
    assert any(distance_m(e["latitude"], e["longitude"], SITE_LAT, SITE_LON) < RADIUS_M
               for e in exif if "latitude" in e)
    for post in posts:
        for media in post["media"]:
            assert media["uri"] in ig


def read_linkedin(raw: bytes) -> list[dict[str, str]]:
    """Rows of a LinkedIn CSV, skipping the optional Notes preamble."""
    lines = raw.decode("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if not line.startswith(("Notes:", '"', "\n"))
                 and "," in line)
    return list(csv.DictReader(io.StringIO("".join(lines[start:]))))


def test_linkedin_csvs(demo: dict[str, Path]) -> None:
    li = members(demo["linkedin"])
    assert li["Connections.csv"].startswith(b"Notes:\n\"When exporting")
    assert b"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n" \
        in li["Connections.csv"]
    connections = read_linkedin(li["Connections.csv"])
    assert len(connections) == len([c for c in JO.connections if c.platform == "linkedin"])
    for row in connections:
        datetime.strptime(row["Connected On"], "%d %b %Y")
        assert row["URL"].startswith("https://www.linkedin.com/in/")
    assert any(row["Position"] == "Accountant, Partner" for row in connections)  # quoted comma
    headers = {"Profile.csv": linkedin.PROFILE_HEADER, "Positions.csv": linkedin.POSITIONS_HEADER,
               "Education.csv": linkedin.EDUCATION_HEADER, "Shares.csv": linkedin.SHARES_HEADER}
    for name, header in headers.items():
        rows = read_linkedin(li[name])
        assert rows and list(rows[0]) == header.split(","), name
    shares = read_linkedin(li["Shares.csv"])
    assert {r["Visibility"] for r in shares} == {"PUBLIC", "MEMBER_NETWORK"}


def test_roster_csv(demo: dict[str, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(demo["roster"].read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert 55 <= len(rows) <= 70 and len(rows) == len(ROSTER)
    assert {r["role"] for r in rows} == set(ROLES)
    pupils = {f"{r['first_name']} {r['last_name']}" for r in rows if r["role"] == "pupil"}
    for row in rows:
        if row["role"] == "parent":
            assert row["linked_to"] in pupils
        if row["role"] in ("pupil", "ex-pupil"):
            datetime.strptime(row["date_of_birth"], "%Y-%m-%d")
    assert find("Katherine Ashdown").preferred_name == "Katie"
    assert any("ë" in r["first_name"] for r in rows)
    assert any("-" in r["last_name"] for r in rows)
    assert any(" " in r["last_name"] for r in rows)
    ages = {r["first_name"]: age_on(r["date_of_birth"]) for r in rows if r["role"] == "ex-pupil"}
    assert ages["Megan"] == 17 and ages["Chloe"] == 18  # either side of 18 on 2026-11-22
    assert min(ages.values()) < 18 <= max(ages.values())


# -- images -----------------------------------------------------------------------------------

def colour_counts(image: Image.Image) -> Counter[object]:
    return Counter({colour: count for count, colour in image.getcolors(1 << 20) or []})


def test_logo_is_a_two_colour_crest() -> None:
    logo = draw_logo(256)
    assert logo.size == (256, 256)
    assert logo.tobytes() == draw_logo(256).tobytes()
    colours = colour_counts(logo)
    top = [c for c, _ in colours.most_common(3)]
    assert (255, 255, 255) in top  # background, then the two crest colours
    navy, gold = (27, 58, 107), (232, 185, 35)
    assert colours[navy] > 5000 and colours[gold] > 3000
    decoy = colour_counts(draw_grammar_crest(256))
    assert decoy[navy] == 0 and decoy[gold] == 0
    assert Image.open(io.BytesIO(logo_png())).size == (256, 256)


def photo_members(path: Path) -> dict[str, bytes]:
    return {n: b for n, b in members(path).items() if n.endswith(".jpg")}


def test_planted_photos_carry_the_metadata_they_claim(demo: dict[str, Path]) -> None:
    checked = 0
    for platform in ("facebook", "instagram"):
        content = members(demo[platform])
        built = {b.platform: b for b in build_persona(JO)}[platform]
        for plant in (p for p in built.plants if p.record.endswith(".jpg")):
            meta = read_image_meta(io.BytesIO(content[plant.record]))
            specs = [p for p in JO.photos if any((m.rule, m.expect, m.note) == (
                plant.rule, plant.expect, plant.note) for m in p.marks)]
            spec = next(p for p in specs if p.taken == meta.taken)
            if spec.geo is None:
                assert meta.geo is None
            else:
                assert meta.geo is not None
                assert distance_m(*meta.geo, *spec.geo) < 1.0
                inside = distance_m(*meta.geo, SITE_LAT, SITE_LON) <= RADIUS_M
                if plant.rule == "D1":
                    assert inside == (plant.expect == "risk"), plant
            assert meta.make == spec.make and meta.model == spec.model
            assert meta.has_exif == spec.has_exif
            if plant.rule == "D1" and plant.expect == "risk":
                assert meta.taken is not None and in_teaching_hours(meta.taken)
            if plant.rule == "D3":
                assert (meta.geo is not None) == (plant.expect == "risk")
            checked += 1
    assert checked >= 10


def test_x_media_has_no_exif_but_shows_the_crest(demo: dict[str, Path]) -> None:
    images = photo_members(demo["twitter"])
    assert len(images) == 2
    for raw in images.values():
        meta = read_image_meta(io.BytesIO(raw))
        assert not meta.has_exif and meta.geo is None
    avatar = next(raw for name, raw in images.items() if "profile_media" in name)
    assert Image.open(io.BytesIO(avatar)).size == (400, 400)


# -- benchmark archives -----------------------------------------------------------------------

def test_scale_writes_the_requested_counts(bench: dict[str, Path]) -> None:
    x = members(bench["twitter"])
    tweets = parse_js(x["data/tweets.js"])
    assert len(tweets) == 2_000
    assert len({t["tweet"]["id_str"] for t in tweets}) == 2_000
    assert len(parse_js(x["data/follower.js"])) == 400
    assert numbers_in(tweets[:50]) == []
    fb = members(bench["facebook"])
    posts = json.loads(fb[facebook.POSTS])
    assert len(posts) == 2_000
    assert len(json.loads(fb["connections/friends/your_friends.json"])["friends_v2"]) == 400
    photos = [n for n in fb if n.endswith(".jpg")]
    assert len(photos) == 40
    attached = [a["data"][0]["media"]["uri"] for p in posts for a in p.get("attachments", [])]
    assert sorted(attached) == sorted(photos)
    roster = list(csv.DictReader(io.StringIO(bench["roster"].read_text(encoding="utf-8"))))
    assert len(roster) == 500 and tuple(roster[0]) == COLUMNS


def test_scale_truth_matches_what_was_written(bench: dict[str, Path]) -> None:
    truth = json.loads(bench["truth"].read_text(encoding="utf-8"))
    assert truth["config"]["posts"] == 2_000
    for platform, counts in truth["posts_by_rule"].items():
        sidecar = bench["truth"].parent / truth["post_records"][platform]
        rows = list(csv.DictReader(io.StringIO(sidecar.read_text(encoding="utf-8"))))
        labels = Counter(label for row in rows for label in row["labels"].split())
        assert labels == Counter(counts)
        assert {"C1", "C5", "C9", "C5-decoy"} <= set(counts)
    x_tweets = {t["tweet"]["id_str"]: t["tweet"] for t in
                parse_js(members(bench["twitter"])["data/tweets.js"])}
    rows = list(csv.DictReader(io.StringIO(
        (bench["truth"].parent / "truth-twitter-posts.csv").read_text(encoding="utf-8"))))
    for row in rows[:200]:
        tweet = x_tweets[row["record"]]
        assert ("C9" in row["labels"].split()) == _in_hours_utc(tweet["created_at"])
    friends = {f["name"] for f in fix_mojibake(json.loads(members(bench["facebook"])[
        "connections/friends/your_friends.json"]))["friends_v2"]}
    matches = truth["connections_matching_roster"]
    assert len(matches) == 16 and all(m["name"] in friends for m in matches)
    roster_names = {f"{r['first_name']} {r['last_name']}" for r in csv.DictReader(
        io.StringIO(bench["roster"].read_text(encoding="utf-8")))}
    assert all(m["roster"] in roster_names for m in matches)
    assert sum(truth["images"]["counts"].values()) == 40


def _in_hours_utc(created_at: str) -> bool:
    """Whether a tweet's UTC time falls in teaching hours read as UK local time."""
    utc = datetime.strptime(created_at, "%a %b %d %H:%M:%S %z %Y")
    for hours in (0, 1):
        local = utc.replace(tzinfo=None) + timedelta(hours=hours)
        if to_utc(local) == utc:
            return in_teaching_hours(local)
    raise AssertionError(created_at)


def test_scale_is_deterministic(tmp_path: Path, bench: dict[str, Path]) -> None:
    again = generate(tmp_path, ScaleConfig(posts=2_000, connections=400, images=40, roster=500))
    for key, path in bench.items():
        assert again[key].read_bytes() == path.read_bytes(), key


def test_scale_photos_read_back(bench: dict[str, Path]) -> None:
    truth = json.loads(bench["truth"].read_text(encoding="utf-8"))
    fb = members(bench["facebook"])
    for name in truth["images"]["members"].get("school", []):
        meta = read_image_meta(io.BytesIO(fb[name]))
        assert meta.geo is not None and distance_m(*meta.geo, SITE_LAT, SITE_LON) <= RADIUS_M
        assert meta.taken is not None and in_teaching_hours(meta.taken)
    for name in truth["images"]["members"].get("no_exif", []):
        assert not read_image_meta(io.BytesIO(fb[name])).has_exif


# -- byte-exact writers, checked against real exports -----------------------------------------

X_SAMPLES = ("x-2023-08/data/account.js", "x-2023-08/data/profile.js",
             "x-2023-08/data/follower.js", "x-2023-08/data/direct-message-headers.js",
             "x-2024-11/data/tweets.js", "x-2024-11/data/note-tweet.js")
META_SAMPLES = (
    "ig-2024-07-anonymised/your_instagram_activity/content/posts_1.json",
    "ig-2024-07-anonymised/personal_information/personal_information/personal_information.json",
    "ig-2024-07-anonymised/your_instagram_activity/messages/inbox/"
    "pupilexample_100000000000002/message_1.json",
    "ig-2024-12-anonymised/connections/followers_and_following/followers_1.json",
    "ig-2024-12-anonymised/connections/followers_and_following/following.json",
)


@pytest.mark.parametrize("sample", X_SAMPLES)
def test_x_writer_reproduces_a_real_file(real_samples: Path, sample: str) -> None:
    raw = (real_samples / "archives" / "twitter" / sample).read_bytes()
    stem = raw.decode().split(" = ", 1)[0].split(".")[2].replace("_", "-")
    assert ytd_js(stem, parse_js(raw)) == raw


def test_x_manifest_writer_reproduces_a_real_file(real_samples: Path) -> None:
    raw = (real_samples / "archives/twitter/x-2023-08/data/manifest.js").read_bytes()
    assert manifest_js(parse_js(raw)) == raw


@pytest.mark.parametrize("sample", META_SAMPLES)
def test_meta_writer_reproduces_a_real_file(real_samples: Path, sample: str) -> None:
    raw = (real_samples / "archives" / "instagram" / sample).read_bytes()
    assert meta_json(fix_mojibake(json.loads(raw))) == raw


def test_builders_refuse_a_persona_without_that_platform() -> None:
    amira = PERSONAS["amira"]
    for module in (twitter, facebook):
        with pytest.raises(ValueError, match="amira"):
            module.build(amira)
