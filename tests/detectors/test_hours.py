"""Teaching hours (`_hours`) and C9 posting-in-working-hours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.base import Context, Entity, Record, missing_reason
from detectors.posting_in_working_hours import LISTED, PostingInWorkingHours
from detectors.school import hours as _hours
from detectors.school.hours import in_teaching_hours, local_time
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.pipeline import MAX_FINDINGS_PER_RULE
from scanner.policy import Hours, Policy

HOURS = Hours(days=frozenset(range(5)), start=time(8, 45), end=time(15, 30),
              terms=((date(2025, 9, 3), date(2025, 10, 24)),
                     (date(2026, 4, 13), date(2026, 5, 22))))
POLICY = Policy(school_name="Oakwood Primary School", hours=HOURS)


@pytest.fixture(params=["zoneinfo", "fallback"])
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Every time test runs with the tz database and with the built-in UK rule."""
    if request.param == "fallback":
        monkeypatch.setattr(_hours, "_london", lambda: None)
    yield str(request.param)


@pytest.mark.parametrize(("moment", "local"), [
    (datetime(2025, 9, 8, 7, 50, tzinfo=UTC), datetime(2025, 9, 8, 8, 50)),  # BST
    (datetime(2025, 12, 8, 8, 50, tzinfo=UTC), datetime(2025, 12, 8, 8, 50)),  # GMT
    (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), datetime(2026, 3, 29, 0, 59)),  # before change
    (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), datetime(2026, 3, 29, 2, 0)),  # clocks forward
    (datetime(2025, 10, 26, 0, 59, tzinfo=UTC), datetime(2025, 10, 26, 1, 59)),
    (datetime(2025, 10, 26, 1, 0, tzinfo=UTC), datetime(2025, 10, 26, 1, 0)),  # clocks back
    (datetime(2025, 9, 8, 9, 0), datetime(2025, 9, 8, 9, 0)),  # naive: already local
    (datetime(2025, 9, 8, 7, 0, tzinfo=timezone(timedelta(hours=-5))),
     datetime(2025, 9, 8, 13, 0)),  # another offset
])
def test_local_time(zone: str, moment: datetime, local: datetime) -> None:
    assert local_time(moment) == local


@pytest.mark.parametrize(("moment", "inside"), [
    (datetime(2025, 9, 8, 7, 50, tzinfo=UTC), True),  # Mon 08:50 BST, term
    (datetime(2025, 9, 8, 7, 40, tzinfo=UTC), False),  # 08:40 BST: before the bell
    (datetime(2025, 9, 8, 14, 29, tzinfo=UTC), True),  # 15:29 BST
    (datetime(2025, 9, 8, 14, 30, tzinfo=UTC), False),  # 15:30 BST: day over
    (datetime(2025, 9, 6, 10, 0, tzinfo=UTC), False),  # Saturday
    (datetime(2025, 10, 29, 10, 0, tzinfo=UTC), False),  # half term
    (datetime(2025, 9, 8, 10, 0), True),  # naive local
])
def test_in_teaching_hours(zone: str, moment: datetime, inside: bool) -> None:
    assert in_teaching_hours(HOURS, moment) is inside


def test_built_in_uk_rule_agrees_with_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    if _hours._london() is None:
        pytest.skip("no time zone database on this machine")
    moments = [datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=h)
               for h in range(0, 3 * 8760, 7)]
    with_db = [local_time(m) for m in moments]
    monkeypatch.setattr(_hours, "_london", lambda: None)
    assert [local_time(m) for m in moments] == with_db


def post(n: int, when: datetime | None) -> Record:
    return Record(Item(Kind.POST, ItemRef("twitter", "data/tweets.js", str(n)),
                       text=f"post {n}", when=when))


def run(posts: list[Record], policy: Policy = POLICY) -> tuple[list[Finding],
                                                               PostingInWorkingHours]:
    detector = PostingInWorkingHours(Context(policy=policy, today=date(2026, 1, 1)))
    found = [f for p in posts for f in detector.see(p)]
    found += list(detector.finish())
    return found, detector


IN_HOURS = datetime(2025, 9, 10, 10, 0, tzinfo=UTC)  # Wed 11:00 BST in term
EVENING = datetime(2025, 9, 10, 19, 0, tzinfo=UTC)


def test_every_post_in_hours_is_a_finding_then_the_share() -> None:
    posts = [post(i, IN_HOURS + timedelta(days=7 * i)) for i in range(3)]
    posts += [post(100 + i, EVENING) for i in range(7)]
    found, _ = run(posts)
    listed = [f for f in found if f.key.startswith("post:")]
    assert [f.ref.record for f in listed] == ["0", "1", "2"]
    assert all(f.certain for f in listed)  # a time with its zone, well inside the day
    assert listed[0].why == "posted Wed 10 Sep 2025 11:00 UK time, in teaching hours on a term day"
    assert found[-1].key == "share" and found[-1].certain
    assert found[-1].why == "3 of 10 posts (30%) were made between 08:45 and 15:30 on term days"


# Positives and decoys side by side: (UTC or naive time, expected: "risk", "review" or None).
C9_CASES = [
    (datetime(2025, 9, 10, 11, 40, tzinfo=UTC), "risk"),  # Wed 12:40 BST
    (datetime(2025, 12, 3, 11, 40, tzinfo=UTC), None),  # 11:40 GMT in the Christmas holiday
    (datetime(2025, 10, 1, 8, 0, tzinfo=UTC), "risk"),  # 09:00 BST, term
    (datetime(2025, 10, 1, 7, 48, tzinfo=UTC), "review"),  # 08:48 BST: near the bell
    (datetime(2025, 10, 1, 14, 27, tzinfo=UTC), "review"),  # 15:27 BST: near the end
    (datetime(2025, 10, 1, 14, 30, tzinfo=UTC), None),  # 15:30 BST: the day is over
    (datetime(2025, 10, 1, 15, 10, tzinfo=UTC), None),  # 16:10 BST (15:10 UTC looks in hours)
    (datetime(2025, 10, 1, 11, 0), "review"),  # no time zone: read as UK time, unsure
    (datetime(2025, 9, 13, 10, 0, tzinfo=UTC), None),  # Saturday
    (datetime(2025, 10, 29, 10, 0, tzinfo=UTC), None),  # half term
]


@pytest.mark.parametrize(("moment", "expected"), C9_CASES)
def test_one_post(zone: str, moment: datetime, expected: str | None) -> None:
    found, detector = run([post(1, moment)])
    listed = [f for f in found if f.key.startswith("post:")]
    outcome = None if not listed else "risk" if listed[0].certain else "review"
    assert outcome == expected
    assert [f.key for f in found] == ([] if expected is None else [listed[0].key, "share"])
    assert missing_reason(detector) is None


def test_long_archives_list_some_posts_and_count_them_all() -> None:
    n = LISTED + 20
    found, _ = run([post(i, IN_HOURS) for i in range(n)] + [post(-1, EVENING)])
    assert len(found) == LISTED + 1 < MAX_FINDINGS_PER_RULE  # the summary is always kept
    assert found[-1].why == (f"{n} of {n + 1} posts (99%) were made between 08:45 and 15:30 "
                             f"on term days (the first {LISTED} are listed)")


def test_missing_hours_in_the_pack() -> None:
    found, detector = run([post(1, IN_HOURS)], Policy(school_name="X"))
    assert found == []
    assert missing_reason(detector) == ("Needs the school's teaching hours and term dates in "
                                        "the policy pack.")


def test_posts_without_times() -> None:
    found, detector = run([post(1, None), post(2, None)])
    assert found == []
    assert "none of the posts" in (missing_reason(detector) or "")


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1),
                    timezones=st.one_of(st.none(), st.just(UTC))))
def test_any_moment_never_raises(moment: datetime) -> None:
    local = local_time(moment)
    assert local.tzinfo is None
    if moment.tzinfo is not None:
        assert abs(local - moment.astimezone(UTC).replace(tzinfo=None)) <= timedelta(hours=1)
    in_teaching_hours(HOURS, moment)


def test_the_excerpt_of_a_post_in_hours_shows_people_only_as_initials() -> None:
    text = "Lovely chat with Katie Ashdown at break, then back to marking"
    start = text.index("Katie")
    named = Record(Item(Kind.POST, ItemRef("twitter", "data/tweets.js", "7"), text=text,
                        when=IN_HOURS),
                   entities=(Entity("Katie Ashdown", "PERSON", start, start + 13),),
                   analysed=True)
    plain = Record(Item(Kind.POST, ItemRef("twitter", "data/tweets.js", "8"),
                        text="Marking at lunch again", when=IN_HOURS))
    found, _ = run([named, plain])
    excerpts = {f.ref.record: f.excerpt for f in found if f.key.startswith("post:")}
    assert "K. A." in excerpts["7"] and "Katie" not in excerpts["7"]
    assert excerpts["8"] == "Marking at lunch again"
