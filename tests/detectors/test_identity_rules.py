"""Rules A1, A2, A4, A5, A6, A7 through their public interface: Detector.see/finish/missing.

Records are built here with fictional people; A4's post evidence also goes through the real
language pass (spaCy plus the pack's entity ruler), loaded once for the module.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.base import Context, Detector, Record, missing_reason
from detectors.employer_identified import EmployerIdentified
from detectors.missing_disclaimer import MissingDisclaimer
from detectors.personal_contact_details_public import PersonalContactDetailsPublic
from detectors.profile_publicly_visible import ProfilePubliclyVisible
from detectors.registry import module_name
from detectors.school_email_on_personal_account import SchoolEmailOnPersonalAccount
from detectors.school_name_in_handle import SchoolNameInHandle
from scanner.model import Finding, Item, ItemRef, Kind
from scanner.policy import Policy
from scanner.rules import RULES_BY_ID

POLICY = Policy(school_name="Oakwood Primary School",
                aliases=("Oakwood Primary", "OPS", "Oakwood School"),
                official_handles=("OakwoodPrimary", "oakwoodprimaryschool"),
                email_domains=("oakwood.example.sch.uk",))


def ctx(policy: Policy = POLICY) -> Context:
    return Context(policy=policy, today=date(2026, 11, 22))


def profile(platform: str = "twitter", text: str = "", relation: str | None = None,
            record: str = "profile", **fields: object) -> Item:
    return Item(kind=Kind.PROFILE, ref=ItemRef(platform, "profile.js", record), text=text,
                relation=relation, **fields)  # type: ignore[arg-type]


def post(text: str, platform: str = "twitter", record: str = "1", **fields: object) -> Item:
    return Item(kind=Kind.POST, ref=ItemRef(platform, "tweets.js", record), text=text,
                **fields)  # type: ignore[arg-type]


def run(detector: Detector, items: Iterable[Item | Record]) -> list[Finding]:
    found: list[Finding] = []
    for item in items:
        record = item if isinstance(item, Record) else Record(item)
        if record.item.kind in detector.needs:
            found += list(detector.see(record))
    return found + list(detector.finish())


@pytest.mark.parametrize("cls", [SchoolNameInHandle, EmployerIdentified, MissingDisclaimer,
                                 SchoolEmailOnPersonalAccount, PersonalContactDetailsPublic,
                                 ProfilePubliclyVisible])
def test_each_rule_lives_in_the_module_named_by_its_slug(cls: type[Detector]) -> None:
    rule = RULES_BY_ID[cls.rule]
    assert cls.name == rule.slug
    assert importlib.import_module(module_name(rule.slug)).__dict__[cls.__name__] is cls


# -- A1 ----------------------------------------------------------------------------------------
A1_CASES = [
    (profile(handle="MrJ_0akwood"), [("oakwood", False)]),
    (profile(handle="OakwoodPrimary", name="Oakwood Primary School"), []),  # official
    (profile(platform="instagram", handle="oakwoodprimaryschool"), []),
    (profile(handle="jo_smith", name="Jo Smith 🍎 Oakwood Primary"),
     [("oakwood primary", True)]),
    (profile(handle="jo_smith", name="Jo | OPS KS2"), [("ops", False)]),
    (profile(handle="OakwoodGrammarTeacher"), []),
    (profile(handle="oakwood_park_runner", name="Jane Oakwood"), []),
    (profile(handle="jo", url="https://mrj-oakwoodprimary.blogspot.com"),
     [("oakwood primary", True)]),
    (profile(platform="facebook", handle="jo.smith", extra={"page_name": "Oakwood School Mums"}),
     [("oakwood school", True)]),
    (profile(platform="linkedin", relation="position", text="Teacher at Oakwood Primary School"),
     []),  # work history is rule A2's
    (profile(platform="mastodon", handle="jo@oakwood.social.example"), []),
]


@pytest.mark.parametrize(("item", "expected"), A1_CASES)
def test_school_name_in_handle(item: Item, expected: list[tuple[str, bool]]) -> None:
    found = run(SchoolNameInHandle(ctx()), [item])
    assert [(f.key, f.certain) for f in found] == expected
    for finding in found:
        assert finding.rule == "A1" and finding.ref == item.ref and finding.excerpt


def test_a1_one_finding_for_the_same_name_in_several_fields() -> None:
    item = profile(handle="MrJ_Oakwood", url="https://twitter.com/MrJ_Oakwood")
    [finding] = run(SchoolNameInHandle(ctx()), [item])
    assert "username" in finding.why and "profile address" in finding.why


A1_CORROBORATED = [
    # the same account's bio, location or work history names the school: certain
    ([profile(handle="MrJ_0akwood", text="Year 5 teacher @ Oakwood Primary")], True),
    ([profile(relation="previous_handle", record="old", handle="MissW_OPS"),
      profile(handle="jo_w", text="Year 5 teacher at Oakwood Primary School")], True),
    ([profile(handle="MissB_OPS", text="Teacher at @OakwoodPrimary")], True),
    ([profile(platform="facebook", handle="jane.oakwood"),
      profile(platform="facebook", relation="position", record="position/0",
              name="Oakwood Primary School")], True),
    # decoys side by side: the same doubt again, another account, or no tie to working there
    ([profile(handle="MrReyes_OPS", text="ECT | Year 2 @ OPS")], False),
    ([profile(handle="MrJ_0akwood"),
      profile(platform="linkedin", text="Teacher at Oakwood Primary School")], False),
    ([profile(handle="MissB_OPS", text="Love watching @OakwoodPrimary concerts")], False),
    ([profile(handle="JaneOakwood", text="Walks in Oakwood Park")], False),
]


@pytest.mark.parametrize(("items", "certain"), A1_CORROBORATED)
def test_a1_part_of_the_name_is_certain_when_the_account_names_the_school(
        items: list[Item], certain: bool) -> None:
    found = [f for f in run(SchoolNameInHandle(ctx()), items)
             if f.ref == items[0].ref]  # the first record carries the doubtful handle
    assert [f.certain for f in found] == [certain]
    assert ("names the school" in found[0].why) is certain


def test_a1_former_usernames_are_read() -> None:
    item = profile(relation="previous_handle", record="screen-name-change/1",
                   handle="OakwoodPrimaryTeacher")
    [finding] = run(SchoolNameInHandle(ctx()), [item])
    assert finding.certain and "former username" in finding.why


# -- A2 ----------------------------------------------------------------------------------------
A2_CASES = [
    (profile(text="Year 6 teacher at Oakwood Primary School"), True),
    (profile(text="Year 4 teacher at @OakwoodPrimary 🍎"), True),
    (profile(text="Love watching @OakwoodPrimary concerts"), False),
    (profile(text="TA at Oakwood. Mum of two."), False),
    (profile(text="I work at Oakwood"), False),
    (profile(platform="instagram", text="Teacher 🍎",
             extra={"website": "oakwoodprimary.example.sch.uk"}), True),
    (profile(platform="facebook", relation="position", record="position/0",
             name="Oakwood Primary School", extra={"title": "Teaching assistant"}), True),
    (profile(platform="facebook", relation="education", record="education/0",
             name="Oakwood Primary School"), False),
    (profile(platform="linkedin", relation="position", record="position-1",
             text="Teacher at Oakwood Primary School"), False),
    (profile(platform="linkedin", extra={"headline": "Deputy Head, Oakwood Primary"}), False),
    (profile(text="ECT | Year 2 @ OPS | Football & Fortnite"), False),
]


def test_employer_identified_leaves_handle_lists_to_a1() -> None:
    item = profile(platform="linkedin", extra={"twitter handles": "[JoW_0akwood]"})
    assert run(EmployerIdentified(ctx()), [item]) == []


@pytest.mark.parametrize(("item", "certain"), A2_CASES)
def test_employer_identified(item: Item, certain: bool) -> None:
    [finding] = run(EmployerIdentified(ctx()), [item])
    assert finding.certain is certain and finding.rule == "A2"
    if item.ref.platform == "linkedin":
        assert "LinkedIn" in finding.why and "advice" in finding.why


@pytest.mark.parametrize("item", [
    profile(text="Year 6 teacher. Views my own."),  # teacher, but not where
    profile(text="Teacher at Oakwood Grammar School"),
    profile(text="Running in Oakwood Park"),
    profile(email="jo@oakwood.example.sch.uk"),  # rule A5's
    profile(relation="previous_handle", handle="OakwoodPrimaryTeacher"),  # rule A1's
])
def test_employer_identified_decoys(item: Item) -> None:
    assert run(EmployerIdentified(ctx()), [item]) == []


# -- A4 ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def language() -> object:
    from scanner.nlp import LanguagePass

    return LanguagePass(POLICY)


def analysed(language: object, items: list[Item]) -> list[Record]:
    from scanner.nlp import LanguagePass

    assert isinstance(language, LanguagePass)
    entities = language.analyse([i.text for i in items])
    return [Record(i, e, True) for i, e in zip(items, entities, strict=True)]


@pytest.mark.parametrize(("bio", "expected"), [
    ("Year 6 teacher. Coffee lover.", [("twitter", True)]),
    ("Year 6 teacher. Views my own.", []),
    ("views are NOT my own | KS2 teacher", [("twitter", True)]),
    ("Mum, runner, baker.", []),
    ("SENCo 🌈 RT ≠ endorsement", []),
    ("Mum of two, TA at Oakwood", [("twitter", True)]),
    ("Proud #TeamOakwood", [("twitter", False)]),
    # wordings of issue 14's families, and advice to others that is no disclaimer
    ("Year 6 teacher. RT ≠ agreement", []),
    ("KS2 teacher, views mostly mine unless stated", []),
    ("Year 4 teacher. Just my views, not my school's.", []),
    ("Maths teacher posting in a private capacity", []),
    ("Year 1 teacher | standard disclaimers apply", []),
    ("Year 3 teacher, views are my onw", []),
    ("Year 5 teacher. Remember, your views are your own and not your school's!",
     [("twitter", True)]),
    ("Year 2 teacher. Tweets do reflect the opinions of my employer", [("twitter", True)]),
])
def test_missing_disclaimer_on_the_profile(bio: str, expected: list[tuple[str, bool]]) -> None:
    found = run(MissingDisclaimer(ctx()), [profile(text=bio)])
    assert [(f.key, f.certain) for f in found] == expected


def test_a4_posts_about_work_make_it_review(language: object) -> None:
    posts = [post("My Year 6 class smashed their reading today!", record="1"),
             post("Ofsted are in tomorrow, wish us luck", record="2"),
             post("Lovely walk by the canal", record="3")]
    items = [profile(text="Mum, runner, baker."), *posts]
    [finding] = run(MissingDisclaimer(ctx()), analysed(language, items))
    assert not finding.certain and finding.key == "twitter" and "2 of your" in finding.why


def test_a4_one_post_naming_the_school_is_enough(language: object) -> None:
    items = [profile(text="Reader."), post("Great sports day at Oakwood Primary School!")]
    [finding] = run(MissingDisclaimer(ctx()), analysed(language, items))
    assert not finding.certain


def test_a4_one_post_about_work_is_not_enough(language: object) -> None:
    items = [profile(text="Reader."), post("Marking all weekend"), post("Nice walk")]
    assert run(MissingDisclaimer(ctx()), analysed(language, items)) == []


def test_a4_one_finding_per_platform_without_a_disclaimer() -> None:
    items = [profile(text="Year 2 teacher. Views my own."),
             profile(platform="instagram", text="Year 2 teacher 🍎"),
             profile(platform="linkedin", extra={"headline": "Teacher at Oakwood Primary School"}),
             post("Year 6 and Ofsted", platform="facebook")]  # no Facebook profile: skipped
    found = run(MissingDisclaimer(ctx()), items)
    assert [(f.key, f.certain) for f in found] == [("instagram", True), ("linkedin", True)]


@pytest.mark.parametrize(("platform", "named", "not_named"), [
    ("tiktok", "Your TikTok profile", "Tiktok"),
    ("linkedin", "Your LinkedIn profile", "Linkedin"),
    ("twitter", "Your X (Twitter) profile", "Your Twitter profile"),
    ("web", "Your website profile", "Web profile"),
    ("mastodon", "Your Mastodon profile", "mastodon profile"),
])
def test_a4_names_the_platform_as_people_write_it(platform: str, named: str,
                                                  not_named: str) -> None:
    [finding] = run(MissingDisclaimer(ctx()), [profile(platform=platform,
                                                       text="Year 6 teacher at Oakwood")])
    assert named in finding.why and not_named not in finding.why


def test_a4_disclaimer_in_another_profile_field_counts() -> None:
    item = profile(platform="linkedin", text="", extra={"headline": "Teacher",
                                                        "summary": "Views are my own."})
    assert run(MissingDisclaimer(ctx()), [item]) == []


# -- A5 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "expected"), [
    (profile(email="jo.smith@oakwood.example.sch.uk"), [True]),
    (profile(email="JO@STAFF.OAKWOOD.EXAMPLE.SCH.UK"), [True]),
    (profile(email="jo@oakwood.example.sch.uk.evil.example"), []),
    (profile(email="jo@example.org"), []),
    (profile(platform="facebook", extra={"previous_emails": "jo@oakwood.example.sch.uk"}),
     [False]),
    (profile(text="Contact: j.smith@oakwood.example.sch.uk"), [True]),
    (profile(email="jo@oakwood.example.sch.uk", text="jo@oakwood.example.sch.uk"), [True]),
])
def test_school_email(item: Item, expected: list[bool]) -> None:
    found = run(SchoolEmailOnPersonalAccount(ctx()), [item])
    assert [f.certain for f in found] == expected
    for finding in found:
        assert "smith@" not in finding.excerpt and "oakwood.example.sch.uk" in finding.why


def test_school_email_needs_domains_in_the_pack() -> None:
    bare = Policy(school_name="Oakwood Primary School")
    assert run(SchoolEmailOnPersonalAccount(ctx(bare)),
               [profile(email="jo@oakwood.example.sch.uk")]) == []


# -- A6 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("item", "expected"), [
    (profile(text="Tutor. Call 07700 900123"), [True]),
    (profile(email="jo@example.org", extra={"phone": "07700 900123"}), []),  # account settings
    (profile(platform="mastodon", extra={"Phone": "07700 900123"}), [True]),
    (profile(text="Flat 3, 45 High Street, B15 2TT"), [True, True]),
    (post("Call me on 01632 960001"), [True]),
    (post("Cot for sale, collection from 12 Elm Road"), [True]),
    (post("Summer fete at 12 Church Road on Saturday"), [False]),
    (post("We cover B15 2TT and around"), [False]),
    (post("RT @someone: call 07700 900123", relation="retweet"), []),
    (post("old number 07700 900123", relation="deleted"), []),
    (post("Email jo@oakwood.example.sch.uk"), []),
    (post("hi jo@mastodon.example", platform="mastodon", people=("jo@mastodon.example",)), []),
    (post("Email the office: office@example.org"), []),
    (post("Harper's Bakery on the high street (01632 960987) is brilliant"), []),
    (post("New address for the card list: 14 Elmfield Road, Oakhurst ZZ99 4WN"), [True, True]),
])
def test_contact_details(item: Item, expected: list[bool]) -> None:
    found = run(PersonalContactDetailsPublic(ctx()), [item])
    assert [f.certain for f in found] == expected
    for finding in found:
        assert not any(secret in finding.excerpt + finding.why + finding.key
                       for secret in ("900123", "960001", "45 High", "B15", "Elm Road"))


def test_contact_details_have_stable_keys() -> None:
    first = run(PersonalContactDetailsPublic(ctx()), [post("Call 07700 900123")])
    again = run(PersonalContactDetailsPublic(ctx()), [post("Call +44 7700 900 123")])
    assert first[0].key == again[0].key and first[0].fingerprint == again[0].fingerprint


# -- A7 ----------------------------------------------------------------------------------------
def test_public_instagram_account() -> None:
    detector = ProfilePubliclyVisible(ctx())
    [finding] = run(detector, [profile(platform="instagram",
                                       extra={"private_account": "False"})])
    assert finding.certain and finding.key == "instagram"


def test_private_account_is_clear() -> None:
    detector = ProfilePubliclyVisible(ctx())
    assert run(detector, [profile(platform="instagram", extra={"Private Account": "True"})]) == []
    assert missing_reason(detector) is None


@pytest.mark.parametrize(("items", "expected"), [
    ([post("hi", platform="mastodon", extra={"visibility": "public"}),
      post("yo", platform="mastodon", record="2", extra={"visibility": "followers"})],
     [("mastodon", True)]),
    ([post("hi", platform="mastodon", extra={"to": "https://www.w3.org/ns/activitystreams#Public"})],
     [("mastodon", True)]),
    ([post("hi", platform="linkedin", extra={"visibility": "MEMBER_NETWORK"})], []),
    ([post("hi", platform="linkedin", extra={"visibility": "LOGGED_IN"})],
     [("linkedin", False)]),
    ([post("hi", platform="linkedin", extra={"visibility": "PUBLIC"})], [("linkedin", True)]),
    ([post("hi", platform="linkedin", extra={"visibility": "CONNECTIONS_ONLY"})], []),
    ([profile(platform="twitter", extra={"protected": "false"})], [("twitter", True)]),
    ([profile(platform="mastodon", extra={"discoverable": "true"})], [("mastodon", True)]),
])
def test_public_posts(items: list[Item], expected: list[tuple[str, bool]]) -> None:
    found = run(ProfilePubliclyVisible(ctx()), items)
    assert [(f.key, f.certain) for f in found] == expected


def test_unknown_visibility_is_not_checked_rather_than_clear() -> None:
    detector = ProfilePubliclyVisible(ctx())
    assert run(detector, [profile(platform="twitter", text="bio"), post("hello")]) == []
    reason = missing_reason(detector)
    assert reason is not None and "Twitter" in reason and "privacy settings" in reason


def test_no_records_nothing_missing() -> None:
    assert missing_reason(ProfilePubliclyVisible(ctx())) is None


# -- robustness --------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=40),
       st.dictionaries(st.text(max_size=12), st.text(max_size=60), max_size=3))
def test_arbitrary_records_never_raise(text: str, handle: str, extra: dict[str, str]) -> None:
    items = [profile(text=text, handle=handle, name=handle, url=handle, email=handle,
                     extra=extra),
             post(text, extra=extra)]
    for cls in (SchoolNameInHandle, EmployerIdentified, MissingDisclaimer,
                SchoolEmailOnPersonalAccount, PersonalContactDetailsPublic,
                ProfilePubliclyVisible):
        detector = cls(ctx())
        run(detector, items)
        missing_reason(detector)
