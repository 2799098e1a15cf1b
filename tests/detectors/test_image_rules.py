"""The image rules through their public interface: A3 (logo), D1 (pupils), D2 (staff at school),
D3 (GPS kept), D4 (check-ins). Records are built by hand the way the readers build them, the
pictures are drawn (tests/detectors/drawn_images.py), and every table puts realistic positives
beside decoys. A fictional school: Elmfield Academy.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from drawn_images import (
    castle_crest,
    embed,
    group_photo,
    jpeg,
    noise_scene,
    on_background,
    photo_with_exif,
    school_logo,
    shapes_scene,
    text_image,
    to_bytes,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from detectors.base import Context, Detector, Record
from detectors.identifiable_pupil_image import NOTHING_TO_JUDGE as D1_NOTHING
from detectors.identifiable_pupil_image import IdentifiablePupilImage
from detectors.images.logo import LogoHit
from detectors.images.pictures import role_of
from detectors.location_metadata_exposed import NO_METADATA, LocationMetadataExposed
from detectors.roster.match import PlainRoster, load_roster
from detectors.school.geo import EARTH_RADIUS_M
from detectors.school_check_in import SchoolCheckIn
from detectors.school_logo_in_images import (
    BAD_LOGO,
    NEEDS_LOGO,
    NO_FILES,
    NO_PICTURES,
    SchoolLogoInImages,
)
from detectors.staff_identifiable_at_school import StaffIdentifiableAtSchool
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.nlp import LanguagePass
from scanner.policy import Hours, Policy, Site

TODAY = date(2026, 1, 10)
SITE = Site(lat=51.7520, lon=-1.2577, radius_m=250)
HOURS = Hours(days=frozenset(range(5)), start=time(8, 45), end=time(15, 30),
              terms=((date(2025, 9, 3), date(2025, 10, 24)), (date(2025, 11, 3),
                                                               date(2025, 12, 19))))
ROSTER_CSV = """first_name,last_name,preferred_name,role,year_group,date_of_birth,linked_to
Katherine,Ashdown,,pupil,5,2016-02-14,
Oliver,Pemberton-Hale,Ollie,pupil,6,2014-12-05,
William,Thornber,,ex-pupil,,2010-03-01,
Jane,Ashdown,,parent,,,Katherine Ashdown
Priya,Lindqvist,,staff,,,
"""
TERM_DAY = datetime(2025, 9, 16, 10, 14)  # a Tuesday in term, EXIF local time
SATURDAY = datetime(2025, 9, 20, 11, 0)
HALF_TERM = datetime(2025, 10, 28, 10, 0)
EVENING = datetime(2025, 9, 16, 18, 30)
POSTED_IN_LESSONS = datetime(2025, 9, 16, 9, 14, tzinfo=UTC)  # 10:14 in London (BST)


def near_school(metres: float) -> tuple[float, float]:
    return (SITE.lat + metres / (math.pi * EARTH_RADIUS_M / 180), SITE.lon)


FAR_AWAY = (51.7830, -1.2577)  # about 3.4 km north: someone's home


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Policy, PlainRoster]:
    folder = tmp_path_factory.mktemp("pack")
    (folder / "crest.png").write_bytes(to_bytes(school_logo(512), "PNG"))
    (folder / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    policy = Policy(school_name="Elmfield Academy", aliases=("Elmfield School", "EFA"),
                    official_handles=("ElmfieldAcademy",), logos=(folder / "crest.png",),
                    site=SITE, hours=HOURS)
    return policy, load_roster(folder / "roster.csv", TODAY)


class Files(dict[str, bytes]):
    """The export's picture files, as the pipeline's open_media sees them."""

    def open(self, ref: ItemRef, member: str) -> bytes | None:
        return self.get(member)


def context(pack: tuple[Policy, PlainRoster], files: Files | None = None,
            **changes: Any) -> Context:
    policy, roster = pack
    return Context(policy=replace(policy, **changes) if changes else policy, today=TODAY,
                   roster=roster, open_media=(files or Files()).open,
                   own_names={"Sam Teacher", "samteacher"})


def media(record: str, text: str = "", member: str | None = None, **fields: Any) -> Item:
    return Item(kind=Kind.MEDIA, ref=ItemRef("instagram", "media/posts_1.json", record),
                text=text, media=(member,) if member else (), **fields)


def post(record: str, text: str = "", platform: str = "instagram", **fields: Any) -> Item:
    return Item(kind=Kind.POST, ref=ItemRef(platform, "posts.json", record), text=text,
                **fields)


def run(detector: Detector, items: Iterable[Item]) -> list[Finding]:
    found: list[Finding] = []
    for item in items:
        if item.kind in detector.needs:
            found.extend(detector.see(Record(item)))
    found.extend(detector.finish())
    return found


# Pictures ------------------------------------------------------------------------------------
LOGO = school_logo(512)
LOGO_IN_PHOTO = to_bytes(jpeg(embed(LOGO, shapes_scene(11), 0.3, 5, 11), 60), "JPEG")
LOGO_AVATAR = to_bytes(on_background(LOGO, (20, 20, 60)).resize((400, 400)), "JPEG")
OTHER_CREST = to_bytes(jpeg(embed(castle_crest(512), shapes_scene(12), 0.3, 5, 12), 60), "JPEG")
PLAIN_PHOTO = to_bytes(jpeg(noise_scene(13), 70), "JPEG")
POSTER = to_bytes(text_image(14, "Elmfield Academy"), "PNG")
GROUP = to_bytes(jpeg(group_photo(3, 150), 70), "JPEG")


def _header() -> bytes:
    """A 3:1 banner in the school's colours with the crest at its left."""
    banner = Image.new("RGB", (1500, 500), (230, 230, 230))
    banner.paste(LOGO.resize((420, 420)), (60, 40))
    return to_bytes(banner, "JPEG")


HEADER = _header()


# A3 ------------------------------------------------------------------------------------------
A3_POSITIVES = [
    ("logo-in-posted-photo", media("p1", member="media/posts/1.jpg"), LOGO_IN_PHOTO,
     "part of the photo"),
    ("logo-as-posted-picture", media("p2", member="media/posts/2.jpg"),
     to_bytes(LOGO.resize((200, 200)), "PNG"), "the whole picture"),
    ("x-profile-media", media("pm", member="profile_media/1000-avatar.jpg"), LOGO_AVATAR,
     "Profile picture"),
    ("mastodon-header", media("hd", member="header.jpeg"), HEADER, "Header image"),
    ("profile-record-avatar",
     Item(kind=Kind.PROFILE, ref=ItemRef("mastodon", "actor.json", "me"), name="Sam",
          extra={"avatar": "avatar.png"}), LOGO_AVATAR, "Profile picture"),
]
A3_DECOYS = [
    ("other-schools-crest", media("d1", member="media/posts/d1.jpg"), OTHER_CREST),
    ("plain-photo", media("d2", member="media/posts/d2.jpg"), PLAIN_PHOTO),
    ("poster-with-school-name", media("d3", member="media/posts/d3.png"), POSTER),
    ("group-photo", media("d4", member="media/posts/d4.jpg"), GROUP),
    ("damaged-file", media("d5", member="media/posts/d5.jpg"), b"\xff\xd8\xff broken"),
]


def _member(item: Item) -> str:
    return item.extra.get("avatar") or item.media[0]


@pytest.mark.parametrize(("item", "data", "words"), [c[1:] for c in A3_POSITIVES],
                         ids=[c[0] for c in A3_POSITIVES])
def test_a3_logo_found(pack: tuple[Policy, PlainRoster], item: Item, data: bytes,
                       words: str) -> None:
    detector = SchoolLogoInImages(context(pack, Files({_member(item): data})))
    found = run(detector, [item])
    assert len(found) == 1
    finding = found[0]
    assert finding.certain and finding.rule == "A3" and finding.ref == item.ref
    assert words in finding.why and "crest.png" in finding.why
    assert finding.key == f"crest.png|{_member(item)}"
    assert detector.missing() is None


@pytest.mark.parametrize(("item", "data"), [c[1:] for c in A3_DECOYS],
                         ids=[c[0] for c in A3_DECOYS])
def test_a3_decoys(pack: tuple[Policy, PlainRoster], item: Item, data: bytes) -> None:
    assert run(SchoolLogoInImages(context(pack, Files({_member(item): data}))), [item]) == []


def test_a3_says_what_it_could_not_check(pack: tuple[Policy, PlainRoster],
                                         tmp_path: Path) -> None:
    photo = media("p1", member="media/posts/1.jpg")
    no_logo = SchoolLogoInImages(context(pack, Files({"media/posts/1.jpg": LOGO_IN_PHOTO}),
                                         logos=()))
    assert run(no_logo, [photo]) == [] and no_logo.missing() == NEEDS_LOGO
    (tmp_path / "broken.png").write_bytes(b"not a picture")
    broken = SchoolLogoInImages(context(pack, logos=(tmp_path / "broken.png",)))
    assert run(broken, [photo]) == [] and broken.missing() == BAD_LOGO
    no_files = SchoolLogoInImages(context(pack))  # the export lists photos, holds no files
    assert run(no_files, [photo]) == [] and no_files.missing() == NO_FILES
    nothing = SchoolLogoInImages(context(pack))
    profile = Item(kind=Kind.PROFILE, ref=ItemRef("x", "account.js", "1"), handle="sam",
                   extra={"avatar": "https://pbs.example.org/avatar.jpg"})  # never fetched
    assert run(nothing, [profile]) == [] and nothing.missing() == NO_PICTURES


def test_a3_one_finding_per_picture_and_stable_key(pack: tuple[Policy, PlainRoster]) -> None:
    item = media("p1", member="media/posts/1.jpg")
    files = Files({"media/posts/1.jpg": LOGO_IN_PHOTO})
    first = run(SchoolLogoInImages(context(pack, files)), [item, item])
    again = run(SchoolLogoInImages(context(pack, files)), [item])
    assert len(first) == 2  # the record twice, as a rescan of a duplicated post would
    assert first[0].fingerprint == again[0].fingerprint


# D1 ------------------------------------------------------------------------------------------
# (name, records, files, expected: None = no finding, True = risk, False = review, words in why)
D1_CASES: list[tuple[str, list[Item], dict[str, bytes], bool | None, str]] = [
    ("gps-at-school-in-lessons", [media("m1", geo=near_school(120), taken=TERM_DAY)], {},
     True, "taken 120 m from the school at 10:14 on a term day"),
    ("gps-at-school-on-saturday", [media("m2", geo=near_school(60), taken=SATURDAY)], {},
     False, "taken 60 m from the school"),
    ("taken-in-lessons-no-gps", [media("m3", taken=TERM_DAY)], {}, False,
     "taken at 10:14 on a term day"),
    ("posted-in-lessons-utc-time", [media("m4", when=POSTED_IN_LESSONS)], {}, False,
     "posted at 10:14 on a term day"),
    ("caption-names-pupil", [media("m5", "Well done Katherine Ashdown, star of the week!")],
     {}, True, "a current pupil (Year 5)"),
    ("caption-names-pupil-by-nickname", [media("m6", "Ollie Pemberton-Hale scored twice")],
     {}, True, "a current pupil (Year 6)"),
    ("tag-names-pupil", [media("m7", "Great afternoon", people=("Katie Ashdown",))], {}, True,
     "a tag names a current pupil"),
    ("mention-of-a-pupil-username", [media("m7b", "Great afternoon",
                                           people=("@katherine.ashdown",))], {}, False,
     "a tag names a current pupil"),
    ("sports-day", [media("m8", "Sports day fun in the sunshine!")], {}, False,
     'a school event ("Sports day")'),
    ("year-6-residential", [media("m9", "Year 6 residential - what a week")], {}, False,
     "residential"),
    ("class-assembly-posted-in-lessons",
     [media("m10", "Our class assembly this morning", when=POSTED_IN_LESSONS)], {}, True,
     "class assembly"),
    ("my-class", [media("m11", "So proud of my class today")], {}, False,
     "the caption speaks of the poster's pupils"),
    ("my-year-5s-then-my-son", [media("m11b", "Zoo trip with my Year 5s today. My son would "
                                              "have loved it!")],
     {}, False, "the caption speaks of the poster's pupils"),
    ("school-and-event", [media("m12", "Elmfield Academy nativity - they were wonderful")], {},
     True, "the caption names the school"),
    ("event-and-faces", [media("m13", "School trip to the science museum",
                               member="media/13.jpg")], {"media/13.jpg": GROUP}, True,
     "3 faces in the picture"),
    ("meta-post-then-photo",
     [post("p14", "Leavers' assembly at Elmfield Academy", media=("media/14.jpg",)),
      media("m14", member="media/14.jpg", parent="p14", geo=near_school(30))], {}, True,
     "taken 30 m from the school"),
    ("x-post-with-photo-file",
     [post("t15", "School trip to the castle!", platform="twitter",
           media=("data/tweets_media/t15-a.jpg",)),
      post("t16", "Lovely weather", platform="twitter")],
     {"data/tweets_media/t15-a.jpg": GROUP}, True, "3 faces in the picture"),
    ("place-tag-at-school", [post("p17", "Busy day", media=("media/17.jpg",),
                                  place="Elmfield Academy")], {}, False,
     "tagged at the school"),
    ("place-coordinates-at-school", [post("p18", "", media=("media/18.jpg",),
                                          geo=near_school(90))], {}, False,
     "tagged with a place 90 m from the school"),
    # decoys
    ("home-on-saturday", [media("d1", geo=FAR_AWAY, taken=SATURDAY)], {}, None, ""),
    ("half-term-morning", [media("d2", taken=HALF_TERM)], {}, None, ""),
    ("term-day-evening", [media("d3", geo=FAR_AWAY, taken=EVENING)], {}, None, ""),
    ("park-with-the-schools-word", [media("d4", "Walk in Elmfield Park with the dog")], {},
     None, ""),
    ("residential-area", [media("d5", "Moving to a quiet residential area")], {}, None, ""),
    ("nativity-scene", [media("d6", "Lovely nativity scene at the garden centre")], {}, None,
     ""),
    ("parent-named", [media("d7", "Coffee with Jane Ashdown")], {}, None, ""),
    ("faces-alone", [media("d8", "Family barbecue", member="media/d8.jpg", taken=SATURDAY)],
     {"media/d8.jpg": GROUP}, None, ""),
    ("post-without-photo", [post("d9", "Sports day today!")], {}, None, ""),
    ("my-own-name", [media("d10", "Sam Teacher on holiday")], {}, None, ""),
    ("own-childs-class", [media("d11", "My son's Year 5 class had a great trip")], {}, None, ""),
    ("daughters-class", [media("d12", "Our daughter's Year 2 class went to the farm")], {},
     None, ""),
]


@pytest.mark.parametrize(("records", "files", "expected", "words"),
                         [c[1:] for c in D1_CASES], ids=[c[0] for c in D1_CASES])
def test_d1_table(pack: tuple[Policy, PlainRoster], records: list[Item],
                  files: dict[str, bytes], expected: bool | None, words: str) -> None:
    found = run(IdentifiablePupilImage(context(pack, Files(files))), records)
    if expected is None:
        assert found == []
        return
    assert len(found) == 1, [f.why for f in found]
    assert found[0].certain is expected
    assert words in found[0].why, found[0].why


def test_d1_precision_and_recall_on_its_table(pack: tuple[Policy, PlainRoster]) -> None:
    hits = {name: bool(run(IdentifiablePupilImage(context(pack, Files(files))), records))
            for name, records, files, _, _ in D1_CASES}
    positives = [name for name, *_, expected, _ in D1_CASES if expected is not None]
    decoys = [name for name, *_, expected, _ in D1_CASES if expected is None]
    tp = sum(hits[n] for n in positives)
    fp = sum(hits[n] for n in decoys)
    assert tp / len(positives) >= 0.95 and tp / max(1, tp + fp) >= 0.95


@pytest.fixture(scope="module")
def language(pack: tuple[Policy, PlainRoster]) -> LanguagePass:
    return LanguagePass(pack[0])


def analysed(language: LanguagePass, item: Item) -> Record:
    """A record as the pipeline hands it over: with the language pass's entities."""
    return Record(item, language.analyse([item.text])[0], analysed=True)


def test_d1_excerpt_never_spells_out_a_pupil(pack: tuple[Policy, PlainRoster],
                                             language: LanguagePass) -> None:
    detector = IdentifiablePupilImage(context(pack))
    found = list(detector.see(analysed(language, media(
        "m", "Well done Katherine Ashdown and Maisie Fotheringham, stars of the week!"))))
    assert len(found) == 1
    assert "Katherine" not in found[0].excerpt and "K. A." in found[0].excerpt
    assert "Fotheringham" not in found[0].excerpt  # not on the roster, still a child's name
    assert found[0].key == "m"  # the photo, so a rescan gives the same fingerprint


def test_d1_meta_post_is_judged_once_per_photo(pack: tuple[Policy, PlainRoster]) -> None:
    records = [post("p", "Sports day!", media=("a.jpg", "b.jpg")),
               media("ma", member="a.jpg", parent="p"), media("mb", member="b.jpg", parent="p")]
    found = run(IdentifiablePupilImage(context(pack)), records)
    assert [f.ref.record for f in found] == ["ma", "mb"]


def test_d1_says_when_photos_cannot_be_judged(pack: tuple[Policy, PlainRoster]) -> None:
    bare = IdentifiablePupilImage(context(pack, site=None, hours=None))
    assert run(bare, [media("m", taken=TERM_DAY, geo=near_school(10))]) == []
    assert bare.missing() == D1_NOTHING
    judged = IdentifiablePupilImage(context(pack))
    run(judged, [media("m", taken=SATURDAY)])
    assert judged.missing() is None


# D2 ------------------------------------------------------------------------------------------
D2_CASES: list[tuple[str, list[Item], dict[str, bytes], bool | None]] = [
    ("first-day-at-school-gps", [media("s1", "First day in my new classroom!",
                                       geo=near_school(40))], {}, True),
    ("lanyard-and-school-name", [media("s2", "Me with my lanyard at Elmfield Academy")], {},
     True),
    ("logo-in-photo-staff-photo", [media("s3", "Staff photo day", member="m/s3.jpg")],
     {"m/s3.jpg": LOGO_IN_PHOTO}, True),
    ("logo-in-photo-alone", [media("s4", member="m/s4.jpg")], {"m/s4.jpg": LOGO_IN_PHOTO},
     True),
    ("school-playground", [media("s5", "Elmfield Academy playground looking lovely")], {},
     False),
    ("selfie-tagged-at-school", [post("s6", "Selfie before the bell", media=("m/s6.jpg",),
                                      place="Elmfield Academy")], {}, True),
    # decoys
    ("me-and-the-dog-at-home", [media("e1", "Me and the dog", geo=FAR_AWAY)], {}, None),
    ("selfie-in-the-park", [media("e2", "Selfie in Elmfield Park")], {}, None),
    ("sports-day-at-school", [media("e3", "Sports day!", geo=near_school(50))], {}, None),
    ("avatar-that-is-the-logo", [media("e4", member="m/e4.jpg")], {"m/e4.jpg": LOGO_AVATAR},
     None),
    ("classroom-no-school", [media("e5", "Tidied my classroom at last")], {}, None),
    ("other-crest-and-me", [media("e6", "Me at the match", member="m/e6.jpg")],
     {"m/e6.jpg": OTHER_CREST}, None),
]


@pytest.mark.parametrize(("records", "files", "expected"), [c[1:] for c in D2_CASES],
                         ids=[c[0] for c in D2_CASES])
def test_d2_table(pack: tuple[Policy, PlainRoster], records: list[Item],
                  files: dict[str, bytes], expected: bool | None) -> None:
    found = run(StaffIdentifiableAtSchool(context(pack, Files(files))), records)
    if expected is None:
        assert found == []
        return
    assert len(found) == 1 and found[0].certain is expected, [f.why for f in found]


def test_d2_reuses_the_logo_result_of_a3(pack: tuple[Policy, PlainRoster]) -> None:
    ctx = context(pack, Files({"m/1.jpg": LOGO_IN_PHOTO}))
    item = media("x", "Staff photo day", member="m/1.jpg")
    assert run(SchoolLogoInImages(ctx), [item])
    cache = ctx.shared["_images.logo"]
    assert len(cache) == 1  # type: ignore[arg-type]
    assert run(StaffIdentifiableAtSchool(ctx), [item])
    assert len(cache) == 1  # type: ignore[arg-type]


def test_d2_x_photo_judged_on_the_tweet_and_on_the_file(pack: tuple[Policy, PlainRoster]) -> None:
    member = "data/tweets_media/9-a.jpg"
    records = [post("9", "First day!", platform="twitter", media=(member,)),
               post("10", "Lunch", platform="twitter"),
               Item(kind=Kind.MEDIA, ref=ItemRef("twitter", member, member), media=(member,))]
    found = run(StaffIdentifiableAtSchool(context(pack, Files({member: LOGO_IN_PHOTO}))),
                records)
    assert [(f.ref.record, f.certain) for f in found] == [("9", True), (member, True)]
    assert 'the caption says "First day"' in found[0].why


@pytest.mark.parametrize(("strong", "ties", "staff", "certain"), [
    (True, [], False, True), (False, [], False, False), (False, ["GPS"], False, True),
    (False, [], True, True)])
def test_d2_weaker_logo_matches_need_a_second_sign(strong: bool, ties: list[str], staff: bool,
                                                  certain: bool) -> None:
    hit = LogoHit("crest.png", "inside photo", strong, 20.0, "20 matching features", 0.1)
    said = re.search("lanyard", "my lanyard") if staff else None
    verdict = StaffIdentifiableAtSchool._verdict(ties, hit, said, None)
    assert verdict is not None and verdict[1] is certain


# D3 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("geo", "words"), [
    (near_school(120), "120 m from the school: inside the school's site"),
    (FAR_AWAY, "3.4 km from the school's site"),
    ((40.4469722, -3.7247528), "km from the school's site"),
])
def test_d3_gps_found_and_rounded(pack: tuple[Policy, PlainRoster], geo: tuple[float, float],
                                  words: str) -> None:
    found = run(LocationMetadataExposed(context(pack)),
                [media("g", member="photos/IMG_1.jpg", geo=geo)])
    assert len(found) == 1 and found[0].certain
    assert found[0].excerpt == f"photo taken at {geo[0]:.2f}, {geo[1]:.2f} (rounded)"
    assert words in found[0].why
    full = f"{geo[0]:.4f}"
    assert full not in found[0].excerpt and full not in found[0].why
    assert found[0].key == "photos/IMG_1.jpg"


@pytest.mark.parametrize("geo", [None, (0.0, 0.0), (float("nan"), 1.0), (95.0, 0.0)])
def test_d3_no_usable_gps(pack: tuple[Policy, PlainRoster],
                          geo: tuple[float, float] | None) -> None:
    assert run(LocationMetadataExposed(context(pack)), [media("g", member="a.jpg", geo=geo)]) \
        == []


def test_d3_without_a_site_still_reports(pack: tuple[Policy, PlainRoster]) -> None:
    found = run(LocationMetadataExposed(context(pack, site=None)), [media("g", geo=FAR_AWAY)])
    assert "keeps its GPS location" in found[0].why and "school" not in found[0].why


def test_d3_says_when_there_was_nothing_to_read(pack: tuple[Policy, PlainRoster]) -> None:
    empty = LocationMetadataExposed(context(pack))
    assert run(empty, [media("a"), media("b")]) == [] and empty.missing() == NO_METADATA
    read = LocationMetadataExposed(context(pack))
    assert run(read, [media("a", member="a.jpg")]) == [] and read.missing() is None


def test_d3_on_real_photos(pack: tuple[Policy, PlainRoster], real_samples: Path) -> None:
    """The real sample photos: exactly those whose EXIF has GPS (truth.csv) are reported."""
    from scanner.sources import load_sources

    loaded = load_sources([real_samples / "images"])
    items = [i for s in loaded.sources for i in s.items() if i.kind is Kind.MEDIA]
    truth = (real_samples / "images" / "truth.csv").read_text(encoding="utf-8").splitlines()
    with_gps = {row.split(",")[0] for row in truth[1:] if row.split(",")[2]}
    found = run(LocationMetadataExposed(context(pack)), items)
    assert {f.key.rsplit("/", 1)[-1] for f in found} == with_gps
    for source in loaded.sources:
        source.close()


# D4 ------------------------------------------------------------------------------------------
D4_CASES: list[tuple[str, Item, bool | None]] = [
    ("check-in-by-name", post("c1", "Parents' evening", relation="check_in",
                              place="Elmfield Academy"), True),
    ("place-name-with-town", post("c2", "", place="Elmfield Academy, Oxford"), True),
    ("alias", post("c3", "Training day", place="Elmfield School"), True),
    ("coordinates-inside", post("c4", "Coffee first", relation="check_in", place="Costa",
                                geo=near_school(100)), True),
    ("coordinates-without-name", post("c5", "", relation="check_in", geo=near_school(10)),
     True),
    ("squashed-page-name", post("c6", "", place="ElmfieldAcademy"), True),
    # decoys
    ("park-sharing-a-word", post("n1", "Run", relation="check_in", place="Elmfield Park"),
     None),
    ("road-sharing-a-word", post("n2", "", place="Elmfield Road Surgery"), None),
    ("other-kind-of-school", post("n3", "", place="Elmfield Grammar School"), None),
    ("another-school", post("n4", "", place="Oakridge Primary School"), None),
    ("cafe-across-town", post("n5", "", relation="check_in", place="Costa Coffee",
                              geo=FAR_AWAY), None),
    ("no-place-at-all", post("n6", "At Elmfield Academy today"), None),
    ("check-in-without-place", post("n7", "", relation="check_in"), None),
]


@pytest.mark.parametrize(("item", "expected"), [c[1:] for c in D4_CASES],
                         ids=[c[0] for c in D4_CASES])
def test_d4_table(pack: tuple[Policy, PlainRoster], item: Item, expected: bool | None) -> None:
    found = run(SchoolCheckIn(context(pack)), [item])
    if expected is None:
        assert found == []
        return
    assert len(found) == 1 and found[0].certain is expected, [f.why for f in found]
    assert found[0].rule == "D4"


def test_d4_abbreviation_alone_is_review(pack: tuple[Policy, PlainRoster]) -> None:
    found = run(SchoolCheckIn(context(pack)), [post("c", "", place="EFA")])
    assert len(found) == 1 and not found[0].certain


def test_d4_excerpt_hides_names(pack: tuple[Policy, PlainRoster],
                                language: LanguagePass) -> None:
    found = list(SchoolCheckIn(context(pack)).see(analysed(language, post(
        "c", "Parents evening with Katherine Ashdown, call 01632 960123", relation="check_in",
        place="Elmfield Academy"))))
    assert found[0].excerpt.startswith("check-in at Elmfield Academy: ")
    assert "Katherine" not in found[0].excerpt and "K. A." in found[0].excerpt
    assert "960123" not in found[0].excerpt


# Never raising -------------------------------------------------------------------------------
ALL = (SchoolLogoInImages, IdentifiablePupilImage, StaffIdentifiableAtSchool,
       LocationMetadataExposed, SchoolCheckIn)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200), place=st.none() | st.text(max_size=60),
       data=st.binary(max_size=600),
       geo=st.none() | st.tuples(st.floats(allow_nan=True), st.floats(allow_nan=True)),
       when=st.none() | st.datetimes(timezones=st.just(UTC)),
       taken=st.none() | st.datetimes())
def test_rules_never_raise(pack: tuple[Policy, PlainRoster], text: str, place: str | None,
                           data: bytes, geo: tuple[float, float] | None,
                           when: datetime | None, taken: datetime | None) -> None:
    records = [post("p", text, media=("a.jpg",), place=place, geo=geo, when=when,
                    relation="check_in"),
               media("m", text, member="a.jpg", parent="p", geo=geo, when=when, taken=taken,
                     people=(text[:20],)),
               Item(kind=Kind.PROFILE, ref=ItemRef("x", "p", "1"), extra={"avatar": "a.jpg"})]
    for rule in ALL:
        detector = rule(context(pack, Files({"a.jpg": data})))
        for finding in run(detector, records):
            assert finding.rule == detector.rule
        detector_missing = getattr(detector, "missing", None)
        if callable(detector_missing):
            detector_missing()


# The whole way: a folder of photos through the scan ----------------------------------------
def test_scan_a_folder_of_photos(pack: tuple[Policy, PlainRoster], tmp_path: Path) -> None:
    from scanner.pipeline import ScanOptions, scan
    from scanner.policy import RuleSettings
    from scanner.rules import RULES
    from scanner.sources import load_sources

    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "banner.jpg").write_bytes(photo_with_exif(
        embed(LOGO, shapes_scene(5), 0.3, 4, 5), geo=FAR_AWAY, taken=SATURDAY))
    (folder / "class.jpg").write_bytes(photo_with_exif(
        group_photo(3, 150), geo=near_school(80), taken=TERM_DAY))
    (folder / "beach.jpg").write_bytes(photo_with_exif(noise_scene(3), taken=SATURDAY))
    mine = ("A3", "D1", "D2", "D3", "D4")
    policy = replace(pack[0], rules={r.id: RuleSettings(r.id in mine, r.severity, None, r.advice)
                                     for r in RULES})
    loaded = load_sources([folder])
    try:
        result = scan(loaded.sources, policy, ScanOptions(today=TODAY, use_language_model=False))
    finally:
        for source in loaded.sources:
            source.close()
    items = {item.rule.id: item for item in result.checklist}
    assert set(items) == set(mine)

    def files(rule: str) -> list[tuple[str, bool]]:
        return sorted((f.ref.file, f.certain) for f in items[rule].findings)

    assert files("A3") == [("banner.jpg", True)]
    assert files("D1") == [("class.jpg", True)]
    assert "3 faces in the picture" in items["D1"].findings[0].why
    assert files("D2") == [("banner.jpg", True)]  # the crest in the photo identifies the school
    assert files("D3") == [("banner.jpg", True), ("class.jpg", True)]
    assert items["D4"].status.value == "not checked"  # no posts in a folder of photos


@pytest.mark.parametrize(("member", "role"), [
    ("data/profile_media/1000-abc.jpg", "profile picture"),  # X
    ("avatar.png", "profile picture"),  # Mastodon
    ("header.jpeg", "header image"),
    ("media/profile/202301/123.jpg", "profile picture"),  # Instagram
    ("photos_and_videos/ProfilePictures_a1/9.jpg", "profile picture"),  # Facebook
    ("photos_and_videos/Cover Photos_a2/9.jpg", "header image"),
    ("data/tweets_media/1-a.jpg", "photo"),
    ("media/posts/202301/123.jpg", "photo"),
    ("media_attachments/files/109/original/ab.png", "photo"),
    ("photos/beach-header.jpg", "photo"),
])
def test_what_a_picture_is_from_where_it_is_kept(member: str, role: str) -> None:
    assert role_of(member) == role
