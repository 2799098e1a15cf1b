"""LinkedIn reader: real 2024 exports (folder and zip), fictional 2018 files, damage, fuzzing."""

from __future__ import annotations

import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reader_support import MemoryArchive

from scanner.model import Item, Kind
from scanner.sources import linkedin, load_sources
from scanner.sources.archive import Archive, open_archive
from scanner.sources.csvread import normalise
from scanner.sources.linkedin_csv import parse_date

LINKEDIN = Path("archives") / "linkedin"
OTHER_PLATFORMS = ["twitter", "facebook", "instagram", "mastodon"]




def _read(path: Path) -> tuple[list[Item], Archive]:
    archive = open_archive(path)
    items = list(linkedin.read(archive))
    archive.close()
    return items, archive


def _as(kind: Kind, items: list[Item], relation: str | None = None) -> list[Item]:
    return [i for i in items if i.kind is kind and i.relation == relation]


@pytest.fixture(params=["folder", "zip"])
def as_input(request: pytest.FixtureRequest,
             zip_folder: Callable[[Path], Path]) -> Callable[[Path], Path]:
    """Each test runs once on the folder and once on a zip of the same folder."""
    if request.param == "folder":
        return lambda folder: folder
    return zip_folder


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


# -- real samples ----------------------------------------------------------------------------------
def test_2024_12_with_notes_preamble(real_samples: Path,
                                     as_input: Callable[[Path], Path]) -> None:
    path = as_input(real_samples / LINKEDIN / "li-2024-12-with-notes-preamble")
    items, archive = _read(path)
    assert archive.problems == []

    (profile,) = _as(Kind.PROFILE, items)
    assert profile.name == profile.ref.record == "Example Teacher"
    assert profile.text == ("Teacher of Science at Example Academy\n"
                            "Passionate about STEM. Views are my own.")
    assert profile.extra["headline"] == "Teacher of Science at Example Academy"
    assert profile.extra["twitter handles"] == "[example_teacher]"
    assert profile.extra["geo location"] == "Exampletown, England, United Kingdom"
    assert "zip code" not in profile.extra  # empty columns are left out

    (position,) = _as(Kind.PROFILE, items, "position")
    assert position.text == "Teacher of Science at Example Academy Trust"
    assert position.ref.record == "position-1"  # one record per row: findings stay apart
    assert position.extra == {"company": "Example Academy Trust", "title": "Teacher of Science",
                              "location": "Exampletown, England, United Kingdom",
                              "started": "Sep 2019"}
    (education,) = _as(Kind.PROFILE, items, "education")
    assert education.extra["school"] == "University of Exampleshire"
    assert education.extra["degree"] == "BSc Physics"
    assert (education.extra["started"], education.extra["finished"]) == ("2008", "2012")

    jane, sam = _as(Kind.CONNECTION, items, "connection")  # the Notes: lines are no connection
    assert jane.name == "Jane Example"
    assert jane.url == jane.ref.record == "https://www.linkedin.com/in/jane-example-0a1b2c3d"
    assert jane.email is None
    assert jane.when == datetime(2024, 12, 16, tzinfo=UTC)
    assert jane.extra == {"company": "Example Academy Trust", "position": "Head of Year 9"}
    assert sam.email == "sam@example.org"
    assert sam.extra["company"] == "Exampletown Council, Education"  # quoted comma
    assert sam.when == datetime(2023, 3, 2, tzinfo=UTC)
    assert sam.ref.file.endswith("Connections.csv")
    assert linkedin.version(open_archive(path)) == "2020+"


def test_2024_03_no_preamble(real_samples: Path, as_input: Callable[[Path], Path]) -> None:
    path = as_input(real_samples / LINKEDIN / "li-2024-03-no-preamble")
    items, archive = _read(path)
    assert archive.problems == []
    (alex,) = _as(Kind.CONNECTION, items, "connection")
    assert alex.name == "Alex Sample"
    assert alex.when == datetime(2024, 3, 20, tzinfo=UTC)
    assert alex.extra == {"company": "Example Primary School", "position": "Teaching Assistant"}
    (follow,) = _as(Kind.CONNECTION, items, "following")
    assert follow.name == "Example Person"
    (post,) = _as(Kind.POST, items)
    assert post.text == "Proud of our Year 11 results!"
    assert post.when == datetime(2024, 2, 19, 10, 22, 49, tzinfo=UTC)
    assert post.ref.record == "0"  # the row index; the ShareLink is the url
    assert post.url is not None and post.url.startswith("https://www.linkedin.com/feed/update/")
    assert post.extra == {"visibility": "MEMBER_NETWORK"}
    # Invitations.csv is deliberately not read, and the user is told so.
    assert [s.path.rsplit("!", 1)[-1] for s in archive.skipped()] == ["Invitations.csv"]


@pytest.mark.parametrize("sample", ["li-2024-03-no-preamble", "li-2024-12-with-notes-preamble"])
def test_real_samples_are_detected_as_linkedin(real_samples: Path, sample: str,
                                               as_input: Callable[[Path], Path]) -> None:
    path = as_input(real_samples / LINKEDIN / sample)
    assert linkedin.detect(open_archive(path)) >= 10
    loaded = load_sources([path])
    assert [s.platform for s in loaded.sources] == ["linkedin"]
    assert loaded.sources[0].export_version == "2020+"
    loaded.close()


@pytest.mark.parametrize("platform", OTHER_PLATFORMS)
def test_other_platforms_are_not_linkedin(real_samples: Path, platform: str) -> None:
    for sample in sorted((real_samples / "archives" / platform).iterdir()):
        assert linkedin.detect(open_archive(sample)) == 0, sample
    assert linkedin.detect(open_archive(real_samples / "images")) == 0


def test_unrelated_csv_is_not_linkedin(tmp_path: Path) -> None:
    folder = _write(tmp_path / "x", {"profile.csv": b"id,score\n1,2\n", "data.csv": b"a\n"})
    assert linkedin.detect(open_archive(folder)) == 0


# -- 2018 and other layouts, fictional files -------------------------------------------------------
CONNECTIONS_2018 = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    'Priya,Fictional,priya@example.org,"Northfield School, Trust",Teacher,"1/8/18, 6:14 PM"\n'
    'Tom,Madeup,,Example Ltd,Director,"12/31/17, 9:05 AM"\n'
)
# The real 2018 layout: UTF-16LE with a BOM, tab-separated, every field quoted, spaced names.
SHARES_2018 = (
    '"Date"\t"Share Title"\t"Share Description"\t"Share Link"\t"Share Commentary"\t'
    '"Shared URL"\t"Media URL"\t"Type"\t"Visibility"\r\n'
    '"2018/01/08 18:14:00 UTC"\t""\t""\t"https://www.linkedin.com/updates?topic=1"\t'
    '"Café trip with Year 7 🎉\r\nsecond line, with ""quotes"""\t"https://example.org/article"\t'
    '""\t"Homepage"\t"PUBLIC"\r\n'
    '"2017/11/02 07:00:00 UTC"\t""\t""\t""\t"Tab\tinside"\t""\t'
    '"https://media.example.org/1.jpg"\t"Homepage"\t"CONNECTIONS"\r\n'
    '"2017/06/08 08:15:44 UTC"\t"Northfield Fun Run"\t"Sponsor our staff team"\t""\t""\t'
    '"https://example.org/fun-run"\t""\t"Homepage"\t"PUBLIC"\r\n'
)


def test_2018_export(tmp_path: Path, as_input: Callable[[Path], Path]) -> None:
    folder = _write(tmp_path / "li-2018", {
        "Connections.csv": CONNECTIONS_2018.encode(),
        "Shares.csv": b"\xff\xfe" + SHARES_2018.encode("utf-16-le"),
    })
    path = as_input(folder)
    items, archive = _read(path)
    assert archive.problems == []
    priya, tom = _as(Kind.CONNECTION, items, "connection")
    assert (priya.name, priya.email, priya.url) == ("Priya Fictional", "priya@example.org", None)
    assert priya.ref.record == "priya@example.org"
    assert priya.when == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert priya.extra == {"company": "Northfield School, Trust", "position": "Teacher"}
    assert tom.ref.record == "Tom Madeup"
    assert tom.when == datetime(2017, 12, 31, 9, 5, tzinfo=UTC)

    first, second, shared_link = _as(Kind.POST, items)
    assert first.text == 'Café trip with Year 7 🎉\r\nsecond line, with "quotes"'
    assert first.when == datetime(2018, 1, 8, 18, 14, tzinfo=UTC)
    assert first.url == "https://www.linkedin.com/updates?topic=1"
    assert first.extra == {"shared url": "https://example.org/article", "visibility": "PUBLIC",
                           "type": "Homepage"}
    assert first.media == ()
    assert second.text == "Tab\tinside"
    assert (first.ref.record, second.ref.record) == ("0", "1")
    assert second.media == ("https://media.example.org/1.jpg",)
    # No words of their own: the title and description of the link shared are its text.
    assert shared_link.text == "Northfield Fun Run\nSponsor our staff team"
    assert shared_link.when == datetime(2017, 6, 8, 8, 15, 44, tzinfo=UTC)

    opened = open_archive(path)
    assert linkedin.detect(opened) >= 10
    assert linkedin.version(opened) == "2018 (UTF-16 files)"


# Every spelling of LinkedIn's column names seen or likely: 2024 joined, 2018 spaced, and the
# same names with other case, underscores and punctuation.
SHARE_HEADERS = [
    ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"),
    ("Date", "Share Link", "Share Commentary", "Shared URL", "Media URL", "Visibility"),
    ("DATE", "SHARE_LINK", "SHARE_COMMENTARY", "SHARED_URL", "MEDIA_URL", "VISIBILITY"),
    ("date", "share-link", "share commentary:", "shared url", "media.url", "visibility"),
]


@pytest.mark.parametrize("header", SHARE_HEADERS, ids=lambda h: h[2])
def test_share_columns_are_found_by_any_spelling(tmp_path: Path,
                                                 header: tuple[str, ...]) -> None:
    line = ",".join(header)
    folder = _write(tmp_path / "li", {"Shares.csv": (
        f"{line}\n2024-01-02 10:00:00,https://www.linkedin.com/feed/update/9,"
        "Well done to our netball team,https://example.org/netball,,PUBLIC\n").encode()})
    items, archive = _read(folder)
    assert archive.problems == []
    (post,) = _as(Kind.POST, items)
    assert post.text == "Well done to our netball team"
    assert post.url == "https://www.linkedin.com/feed/update/9"
    assert post.extra == {"shared url": "https://example.org/netball", "visibility": "PUBLIC"}
    assert post.when == datetime(2024, 1, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("files", "problem"), [
    ({"Shares.csv": "Date,Link,Post Body\n2024-01-02,https://example.org/1,Hello\n"
                    "2024-01-03,https://example.org/2,Again\n"},
     "Shares.csv: 2 rows but none had text; columns seen: Date, Link, Post Body"),
    ({"Connections.csv": "First Name,Surname,Profile,Connected On\n,Fictional,x,01 Jan 2024\n"},
     "Connections.csv: 1 rows but none had a name; columns seen: First Name, Surname, Profile, "
     "Connected On"),
    ({"Comments.csv": "Date,Link,Message,Reply\n2024-01-02,https://example.org/1,,Hi\n"},
     "Comments.csv: 1 rows but none had text; columns seen: Date, Link, Message, Reply"),
    ({"messages.csv": "FROM,TO,DATE,BODY\nBen Parent,Ann Fictional,2024-01-01,Hello\n"},
     "messages.csv: 1 rows but none had text; columns seen: FROM, TO, DATE, BODY"),
], ids=["shares", "connections", "comments", "messages"])
def test_rows_without_text_under_unknown_columns_are_a_problem(
        tmp_path: Path, files: dict[str, str], problem: str) -> None:
    _, archive = _read(_write(tmp_path / "li", {k: v.encode() for k, v in files.items()}))
    (listed,) = archive.problems
    assert listed.error.startswith(problem)
    assert listed.error.endswith("please report this export layout")
    assert "\n" not in listed.error


def test_a_missing_header_names_the_first_line(tmp_path: Path) -> None:
    _, archive = _read(_write(tmp_path / "li", {"Positions.csv": b"Employer,Role\nX,Y\n"}))
    (problem,) = archive.problems
    assert "no 'company name' column was found" in problem.error
    assert "first line: Employer, Role" in problem.error


def test_some_rows_without_text_are_not_a_problem(tmp_path: Path) -> None:
    shares = (b"Date,ShareLink,ShareCommentary\n2024-01-01,https://example.org/1,\n"
              b"2024-01-02,https://example.org/2,Words\n")
    items, archive = _read(_write(tmp_path / "li", {"Shares.csv": shares}))
    assert [i.text for i in items] == ["", "Words"]
    assert archive.problems == []


@st.composite
def respelt(draw: st.DrawFn, name: str) -> str:
    """`name` as an export might spell it: any case, words joined or split by spaces,
    underscores or punctuation, padded with spaces."""
    out = []
    for ch in name:
        out.append(ch.upper() if draw(st.booleans()) else ch.lower())
        out.append(draw(st.sampled_from(["", "", " ", "_", "-", ".", ":", "/"])))
    return draw(st.sampled_from(["", " "])) + "".join(out) + draw(st.sampled_from(["", " "]))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_header_normalisation_fuzz(data: st.DataObject) -> None:
    names = ("date", "sharelink", "sharecommentary", "visibility")
    spelt = [data.draw(respelt(n)) for n in names]
    assert [normalise(s) for s in spelt] == list(names)
    header = ",".join(f'"{s}"' for s in spelt)
    archive = MemoryArchive({"Shares.csv": (
        f"{header}\n2024-01-01,https://example.org/1,Our choir sings tonight,PUBLIC\n").encode()})
    items = list(linkedin.read(archive))
    assert [(i.text, i.extra.get("visibility")) for i in items] == [
        ("Our choir sings tonight", "PUBLIC")]
    assert archive.problems == []


@given(st.text(), st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_keeps_only_letters_and_digits(name: str, ascii_name: str) -> None:
    out = normalise(name)
    assert out == normalise(out) == normalise(name.casefold().replace(" ", "_"))
    assert all(ch.isalnum() for ch in out)
    assert normalise(ascii_name) == normalise(ascii_name.upper().replace(" ", "-"))


def test_2018_connections_alone_are_labelled_2018(tmp_path: Path) -> None:
    folder = _write(tmp_path / "li", {"Connections.csv": CONNECTIONS_2018.encode()})
    assert linkedin.version(open_archive(folder)) == "2018 (Connections without URL)"


def test_bom_crlf_quoted_notes_and_nested_folder(tmp_path: Path,
                                                 as_input: Callable[[Path], Path]) -> None:
    connections = ('"Notes:"\r\n"Some e-mails may be missing, see https://example.org/a,b"\r\n\r\n'
                   "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
                   "Zoë,Éxample,https://www.linkedin.com/in/zoe,,,,05 Jan 2025\r\n")
    folder = _write(tmp_path / "li", {
        "Basic_LinkedInDataExport_01-01-2025/Connections.csv":
            b"\xef\xbb\xbf" + connections.encode(),
        "Basic_LinkedInDataExport_01-01-2025/Profile.csv": b"\xef\xbb\xbf" + (
            b"First Name,Last Name,Headline,Summary,Zip Code,Websites,Address\n"
            b"Ann,Fictional,Head of Maths,,AB1 2CD,[COMPANY:https://example.org],1 Example Rd\n"
        ),
        "Basic_LinkedInDataExport_01-01-2025/Email Addresses.csv": (
            b"Email Address,Confirmed,Primary,Updated On\n"
            b"old@example.org,Yes,No,1/1/20\nann@example.org,Yes,Yes,1/1/21\n"),
    })
    items, archive = _read(as_input(folder))
    assert archive.problems == []
    (zoe,) = _as(Kind.CONNECTION, items, "connection")
    assert zoe.name == "Zoë Éxample"
    assert zoe.when == datetime(2025, 1, 5, tzinfo=UTC)
    assert zoe.extra == {}
    (profile,) = _as(Kind.PROFILE, items)
    assert (profile.name, profile.email, profile.text) == (
        "Ann Fictional", "ann@example.org", "Head of Maths")
    assert profile.extra == {"headline": "Head of Maths", "zip code": "AB1 2CD",
                             "websites": "[COMPANY:https://example.org]",
                             "address": "1 Example Rd"}


def test_messages_and_comments(tmp_path: Path, as_input: Callable[[Path], Path]) -> None:
    folder = _write(tmp_path / "li", {
        "Profile.csv": b"First Name,Last Name,Headline\nAnn,Fictional,Teacher\n",
        "messages.csv": (
            b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            b"RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
            b"c1,,Ben Parent,https://www.linkedin.com/in/ben,Ann Fictional,,"
            b"2024-05-01 10:00:00 UTC,,<p>Hello &amp; thanks</p>,INBOX\n"
            b"c1,,Ann Fictional,https://www.linkedin.com/in/ann,Ben Parent,,"
            b'2024-05-01 10:05:00 UTC,,"Call me on 01632 960123, any time",INBOX\n'
            b"c2,Governors,Ann Fictional,,\"Cat One, Dan Two\",,2024-06-01 09:00:00 UTC,"
            b"Agenda,See you,SENT\n"
        ),
        "Comments.csv": b'Date,Link,Message\n2024-05-02 08:00:00,https://www.linkedin.com/'
                        b'feed/update/1,"He said \\""well done\\"""\n',
    })
    items, archive = _read(as_input(folder))
    assert archive.problems == []
    first, second = _as(Kind.THREAD, items)
    assert (first.ref.record, first.name, first.people) == (
        "c1", "Ben Parent", ("Ben Parent", "Ann Fictional"))
    assert (second.name, second.people) == ("Governors", ("Ann Fictional", "Cat One", "Dan Two"))
    hello, reply, agenda = (i for i in items if i.kind is Kind.MESSAGE)
    assert (hello.text, hello.name, hello.relation, hello.parent) == (
        "Hello & thanks", "Ben Parent", "received", "c1")
    assert hello.url == "https://www.linkedin.com/in/ben"
    assert hello.when == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert (reply.relation, reply.text) == ("sent", "Call me on 01632 960123, any time")
    assert agenda.extra == {"subject": "Agenda", "folder": "SENT"}
    # A thread record always comes before its messages.
    assert items.index(first) < items.index(hello)
    (comment,) = _as(Kind.POST, items, "comment")
    assert comment.text == 'He said "well done"'
    assert comment.url == "https://www.linkedin.com/feed/update/1"


def test_2018_messages_without_conversation_id(tmp_path: Path) -> None:
    folder = _write(tmp_path / "li", {"messages.csv": (
        b"From,To,Date,Subject,Content,Direction,Folder\n"
        b'Ben Parent,Ann Fictional,"3/4/18, 1:00 PM",Hi,Hello,INCOMING,INBOX\n'
        b'Ann Fictional,Ben Parent,"3/4/18, 2:00 PM",Re: Hi,Hi Ben,OUTGOING,SENT\n')})
    items, _ = _read(folder)
    (thread,) = _as(Kind.THREAD, items)
    messages = [i for i in items if i.kind is Kind.MESSAGE]
    assert [m.relation for m in messages] == ["received", "sent"]
    assert {m.parent for m in messages} == {thread.ref.record}
    assert messages[0].when == datetime(2018, 3, 4, 13, 0, tzinfo=UTC)


def test_phone_numbers_file_name_drift_is_known(tmp_path: Path) -> None:
    connections = {"Connections.csv": CONNECTIONS_2018.encode()}
    alone = linkedin.detect(open_archive(_write(tmp_path / "alone", connections)))
    for n, base in enumerate(("Phone Numbers.csv", "PhoneNumbers.csv", "phone_numbers.csv")):
        folder = _write(tmp_path / str(n), {**connections, base: b"Extension,Number,Type\n"})
        assert linkedin.detect(open_archive(folder)) == alone + 1, base


def test_file_name_drift_is_matched(tmp_path: Path) -> None:
    spaced = _write(tmp_path / "a", {"Rich Media.csv": b"x\n", "Member Follows.csv":
                                     b"Date,Status,FullName\n2024-01-01,Active,Cy Fictional\n"})
    underscored = _write(tmp_path / "b", {
        "RICH_MEDIA.CSV": b"x\n",
        "member_follows.csv": b"Date,Status,FullName\n2024-01-01,Active,Cy Fictional\n"})
    for folder in (spaced, underscored):
        archive = open_archive(folder)
        assert linkedin.detect(archive) > 0
        assert [i.name for i in linkedin.read(archive)] == ["Cy Fictional"]


@pytest.mark.parametrize(("text", "expected"), [
    ("16 Dec 2024", datetime(2024, 12, 16, tzinfo=UTC)),
    ("16 December 2024", datetime(2024, 12, 16, tzinfo=UTC)),
    ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14, tzinfo=UTC)),
    ("1/8/2018, 12:30 AM", datetime(2018, 1, 8, 0, 30, tzinfo=UTC)),
    ("12/31/17", datetime(2017, 12, 31, tzinfo=UTC)),
    ("2024-02-19 10:22:49", datetime(2024, 2, 19, 10, 22, 49, tzinfo=UTC)),
    ("2023-11-14 19:13:56 UTC", datetime(2023, 11, 14, 19, 13, 56, tzinfo=UTC)),
    ("2024-02-19T10:22:49Z", datetime(2024, 2, 19, 10, 22, 49, tzinfo=UTC)),
    ("2017/06/08 08:15:44 UTC", datetime(2017, 6, 8, 8, 15, 44, tzinfo=UTC)),
    ("2017/06/08", datetime(2017, 6, 8, tzinfo=UTC)), ("2017/13/08 08:15:44 UTC", None),
    ("", None), ("Sep 2019", None), ("not a date", None), ("31 Feb 2024", None),
    ("16 Foo 2024", None), ("13/45/18, 6:14 PM", None),
])
def test_parse_date(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


# -- damage ----------------------------------------------------------------------------------------
def test_file_without_header_is_a_problem_not_an_error(tmp_path: Path) -> None:
    folder = _write(tmp_path / "li", {
        "Connections.csv": b"Notes:\nonly a preamble\n",
        "Shares.csv": b"Date,ShareLink,ShareCommentary\n2024-01-01,,Kept\n",
    })
    items, archive = _read(folder)
    assert [i.text for i in items] == ["Kept"]
    assert len(archive.problems) == 1
    assert archive.problems[0].path.endswith("Connections.csv")
    assert "first name" in archive.problems[0].error


def test_overlong_line_stops_the_file_after_earlier_rows(tmp_path: Path) -> None:
    body = b"First Name,Last Name,URL\nKay,Fictional,\n" + b"x" * (2 * 1024**2) + b"\nLee,Two,\n"
    items, archive = _read(_write(tmp_path / "li", {"Connections.csv": body}))
    assert [i.name for i in items] == ["Kay Fictional"]
    (problem,) = archive.problems
    assert "1 rows before the damage" in problem.error
    assert "\n" not in problem.error


def test_corrupt_zip_member_is_a_problem(tmp_path: Path) -> None:
    rows = "".join(f"Name{n},Fictional,https://www.linkedin.com/in/p{n},,,,01 Jan 2024\n"
                   for n in range(3000))
    data = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows)
    path = tmp_path / "li.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Connections.csv", data)
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 64] = bytes(64)  # damage the compressed data, not the directory
    path.write_bytes(bytes(raw))
    items, archive = _read(path)
    assert len(items) < 3000
    (problem,) = archive.problems
    assert "damaged" in problem.error


def test_read_is_a_generator_with_flat_memory(tmp_path: Path) -> None:
    header = "Date,ShareLink,ShareCommentary,SharedURL,MediaURL,Visibility\n"
    row = '2024-01-01 10:00:00,https://www.linkedin.com/feed/update/{n},"Post {n} text",,,PUBLIC\n'
    with (tmp_path / "Shares.csv").open("w") as out:
        out.write(header)
        out.writelines(row.format(n=n) for n in range(30_000))
    archive = open_archive(tmp_path)
    tracemalloc.start()
    count = sum(1 for _ in linkedin.read(archive))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 30_000
    assert peak < 2 * 1024**2  # kept as a list these records take ~20 MB


# -- fuzzing ---------------------------------------------------------------------------------------
FILE_NAMES = ["Connections.csv", "Profile.csv", "Positions.csv", "Education.csv", "Shares.csv",
              "messages.csv", "Comments.csv", "Member_Follows.csv", "Email Addresses.csv"]
HEADERS = [b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
           b"\xff\xfe" + "Date\tShareLink\tShareCommentary\n".encode("utf-16-le"),
           b"\xef\xbb\xbfCONVERSATION ID,FROM,TO,DATE,CONTENT\n", b"Notes:\n\"x\"\n\n", b""]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.dictionaries(
    st.sampled_from(FILE_NAMES),
    st.tuples(st.sampled_from(HEADERS), st.binary(max_size=400)).map(lambda p: p[0] + p[1]),
    min_size=1))
def test_garbage_never_raises(files: dict[str, bytes]) -> None:
    archive = MemoryArchive(files)
    linkedin.detect(archive)
    linkedin.version(archive)
    for item in linkedin.read(archive):
        assert isinstance(item.kind, Kind)
        assert isinstance(item.text, str)
    for problem in archive.problems:
        assert "\n" not in problem.error


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_wrong_encoding_never_raises(text: str, encoding: str) -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    data = (header + text).encode(encoding, errors="replace")
    archive = MemoryArchive({"Connections.csv": data, "Shares.csv": data[::-1]})
    items = list(linkedin.read(archive))
    assert all(i.kind is Kind.CONNECTION for i in items)
