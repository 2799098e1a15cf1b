"""B1-B6: connections and message threads against the roster, through the detectors."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from roster_data import TODAY, write_roster

from detectors.base import Context, Detector, Record, Roster, missing_reason
from detectors.colleague_connection import ColleagueConnection
from detectors.ex_pupil_under_18 import ExPupilUnder18
from detectors.governor_connection import GovernorConnection
from detectors.parent_connection import ParentConnection
from detectors.private_messages_with_pupil import PrivateMessagesWithPupil
from detectors.pupil_connection import PupilConnection
from detectors.registry import module_name
from detectors.roster.match import PlainRoster, load_roster
from detectors.roster.sealed import load_sealed, write_sealed
from scanner.checklist import RuleEvidence, build_checklist
from scanner.model import Finding, Item, ItemRef, Kind, Status
from scanner.policy import Policy, RuleSettings
from scanner.rules import RULES_BY_ID

CONNECTION_RULES: list[type[Detector]] = [PupilConnection, ExPupilUnder18, ParentConnection,
                                          GovernorConnection, ColleagueConnection]
POLICY = Policy(school_name="Oakwood Primary School", aliases=("Oakwood Primary",))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> PlainRoster:
    return load_roster(write_roster(tmp_path_factory.mktemp("roster")), TODAY)


def context(roster: Roster | None, own: set[str] | None = None) -> Context:
    return Context(policy=POLICY, today=TODAY, roster=roster, own_names=own or set())


def connection(name: str | None, handle: str | None = None, relation: str = "friend",
               record: str = "1", platform: str = "facebook") -> Item:
    return Item(kind=Kind.CONNECTION, ref=ItemRef(platform, "friends.json", record), name=name,
                handle=handle, relation=relation)


def run(detectors: list[Detector], items: list[Item]) -> list[Finding]:
    found: list[Finding] = []
    for item in items:
        for detector in detectors:
            if item.kind in detector.needs:
                found.extend(detector.see(Record(item)))
    for detector in detectors:
        found.extend(detector.finish())
    return found


def all_rules(ctx: Context) -> list[Detector]:
    return [cls(ctx) for cls in CONNECTION_RULES]


def test_each_rule_module_registers_its_rule() -> None:
    for cls in [*CONNECTION_RULES, PrivateMessagesWithPupil]:
        module = importlib.import_module(module_name(RULES_BY_ID[cls.rule].slug))
        assert getattr(module, cls.__name__) is cls
        assert cls.name == RULES_BY_ID[cls.rule].slug


# (name, handle, relation) -> (rule, certain, excerpt, why)
POSITIVES = [
    (("Katie Ashdown", None, "friend"),
     ("B1", True, "friend K. A.",
      "a current pupil in Year 5: name matches as nickname Katie ~ Katherine")),
    (("Zoe Brennan", None, "follower"),
     ("B1", True, "follower Z. B.", "a current pupil in Year 5: name matches exactly")),
    (("Oliver Hart", None, "following"),
     ("B1", False, "following O. H.", "a current pupil in Year 6: forename and part of a "
                                      "double or hyphenated surname match")),
    (("Katherine Ashdwon", None, "friend"),
     ("B1", False, "friend K. A.", "a current pupil in Year 5: name matches but for one "
                                   "letter")),
    ((None, "katie.ashdown09", "following"),
     ("B1", False, "following username K. A.", "a current pupil in Year 5: username is made "
                                               "of their forename and surname")),
    (("K 🌸", "toby.okonkwo", "follower"),
     ("B1", False, "follower username T. O.", "a current pupil in Year 5: username is made of "
                                              "their forename and surname")),
    (("Bill Thornber", None, "follower"),
     ("B2", True, "follower B. T.", "a former pupil, still under 18: name matches as nickname "
                                    "Bill ~ William")),
    (("Jane Ashdown", None, "friend"),
     ("B3", True, "friend J. A.", "a parent or carer (child in Year 5): name matches exactly")),
    (("Mrs Jane Ashdown (Jones)", None, "friend"),
     ("B3", True, "friend J. A.", "a parent or carer (child in Year 5): name matches exactly")),
    (("Bob Fairclough", None, "connection"),
     ("B5", True, "connection B. F.", "a school governor: name matches as nickname "
                                      "Bob ~ Robert")),
    (("Priya Lindqvist", None, "friend"),
     ("B6", True, "friend P. L.", "a member of staff: name matches exactly")),
    (("Jo Whitmore", None, "friend"),  # a nickname counts a colleague only for review
     ("B6", False, "friend J. W.", "a member of staff: name matches as nickname Jo ~ Joanne")),
]

DECOYS = [
    ("Katie", None, "friend"),  # a first name alone
    ("Mark Ashdown", None, "friend"),  # same surname, another person
    ("Thomas Whitlock", None, "friend"),  # an ex-pupil who is now an adult
    ("Oakwood Primary School", None, "following"),
    ("Rose Hill Nursery", "rosehillnursery", "following"),  # a page, not the pupil Rose Hill
    ("Happy Days Nursery", "happydaysnursery", "following"),
    (None, "katie_xo", "follower"),
    (None, None, "follower"),
    ("", "", "follower"),
]


@pytest.mark.parametrize(("person", "expected"), POSITIVES)
def test_connections_matching_the_roster(plain: PlainRoster, person: tuple[str | None, ...],
                                         expected: tuple[object, ...]) -> None:
    name, handle, relation = person
    item = connection(name, handle, relation or "friend")
    found = run(all_rules(context(plain)), [item])
    assert [(f.rule, f.certain, f.excerpt, f.why) for f in found] == [expected]
    (finding,) = found
    assert finding.ref == item.ref
    assert finding.key.endswith(f":{relation}") and finding.key.startswith("r")


@pytest.mark.parametrize("person", DECOYS)
def test_decoy_connections(plain: PlainRoster, person: tuple[str | None, ...]) -> None:
    name, handle, relation = person
    assert run(all_rules(context(plain)), [connection(name, handle, relation or "friend")]) == []


def test_ambiguous_name_is_review_under_each_role(plain: PlainRoster) -> None:
    found = run(all_rules(context(plain)), [connection("Daniel Radcliffe")])
    assert sorted((f.rule, f.certain) for f in found) == [("B1", False), ("B3", False)]
    assert all("more than one person on the roster has this name" in f.why for f in found)


def test_same_evidence_same_fingerprint(plain: PlainRoster, tmp_path: Path) -> None:
    again = load_roster(write_roster(tmp_path), TODAY)
    first = run(all_rules(context(plain)), [connection("Katie Ashdown")])
    second = run(all_rules(context(again)), [connection("Katie Ashdown")])
    assert [f.fingerprint for f in first] == [f.fingerprint for f in second]


def test_own_names_never_match(plain: PlainRoster) -> None:
    ctx = context(plain, own={"Jo Whitmore", "jowhitmore_teach"})
    items = [connection("Jo Whitmore", record="1"), connection(None, "jowhitmore_teach",
                                                               record="2"),
             connection("Priya Lindqvist", record="3")]
    assert [f.excerpt for f in run(all_rules(ctx), items)] == ["friend P. L."]


def test_colleague_listed_wherever_connected(plain: PlainRoster) -> None:
    # Each place is something to decide about (unfriend here, unfollow there): one finding each,
    # certain only where the full name matched exactly; a username alone is review.
    items = [connection("Priya Lindqvist", record="1"),
             connection("Priya Lindqvist", relation="follower", record="p1",
                        platform="instagram"),
             connection(None, "priya.lindqvist.teach", relation="following", record="p2",
                        platform="instagram"),
             connection("Priya Lindgren", record="3"),  # decoy: another surname
             connection(None, "priya_runs", relation="following", record="p3",
                        platform="instagram")]  # decoy: a forename alone
    found = run([ColleagueConnection(context(plain))], items)
    assert [(f.ref.platform, f.ref.record, f.certain) for f in found] == [
        ("facebook", "1", True), ("instagram", "p1", True), ("instagram", "p2", False)]


def test_a_governors_own_account(plain: PlainRoster) -> None:
    # For a governor, staff are B5's business and a fellow governor is nobody's.
    ctx = context(plain, own={"Bob Fairclough"})
    items = [connection("Priya Lindqvist", record="1"), connection("Amelia Kerslake",
                                                                   record="2")]
    found = run(all_rules(ctx), items)
    assert [(f.rule, f.ref.record, f.certain) for f in found] == [("B5", "1", True)]
    assert found[0].why == "a member of staff: name matches exactly"


def test_a_staff_account_and_an_unplaced_account(plain: PlainRoster) -> None:
    items = [connection("Priya Lindqvist", record="1"), connection("Amelia Kerslake",
                                                                   record="2")]
    for own in ({"Jo Whitmore"}, {"Someone Else"}, set()):
        found = run(all_rules(context(plain, own=own)), items)
        assert sorted((f.rule, f.ref.record) for f in found) == [("B5", "2"), ("B6", "1")]


def test_matching_is_done_once_per_connection(plain: PlainRoster) -> None:
    calls: Counter[str] = Counter()

    class Counting:
        def match_name(self, name: str) -> list[object]:
            calls["name"] += 1
            return plain.match_name(name)  # type: ignore[return-value]

        def match_handle(self, handle: str) -> list[object]:
            calls["handle"] += 1
            return plain.match_handle(handle)  # type: ignore[return-value]

        def find_in_text(self, text: str) -> list[object]:
            return []

    ctx = context(Counting())  # type: ignore[arg-type]
    found = run(all_rules(ctx), [connection("Katie Ashdown"), connection("Nobody Here", "nobody")])
    assert len(found) == 1
    assert calls == Counter(name=2, handle=1)


def test_with_no_roster_nothing_is_matched(plain: PlainRoster) -> None:
    detectors = all_rules(context(None))
    assert run(detectors, [connection("Katie Ashdown")]) == []
    assert all(missing_reason(d) is None for d in detectors)


def test_connections_with_ids_only_are_not_a_clear(plain: PlainRoster) -> None:
    detectors = all_rules(context(plain))
    followers = [connection(None, None if n else "3921988072246051", "follower",
                            record=str(n), platform="twitter") for n in range(5)]
    assert run(detectors, followers) == []
    reasons = {d.rule: missing_reason(d) for d in detectors}
    assert all(r and "account number only" in r for r in reasons.values())
    checklist = checklist_for(detectors, Counter(connection=5))
    assert {i.rule.id: i.status for i in checklist} == dict.fromkeys(reasons, Status.NOT_CHECKED)


def test_one_named_connection_makes_the_rules_checked(plain: PlainRoster) -> None:
    detectors = all_rules(context(plain))
    items = [connection(None, None, "follower", record="1"), connection("Nobody Here",
                                                                        record="2")]
    assert run(detectors, items) == []
    assert all(missing_reason(d) is None for d in detectors)
    checklist = checklist_for(detectors, Counter(connection=2))
    assert {i.status for i in checklist} == {Status.CLEAR}


def checklist_for(detectors: list[Detector], counts: Counter[str]) -> list[object]:
    rules = {d.rule: RuleSettings(True, RULES_BY_ID[d.rule].severity, None, "")
             for d in detectors}
    policy = Policy(school_name="Oakwood Primary School", rules=rules)
    evidence = {d.rule: RuleEvidence(missing=missing_reason(d)) for d in detectors}
    return build_checklist(policy, evidence, counts, has_roster=True)  # type: ignore[return-value]


# --- B4: messages ------------------------------------------------------------------------------

def thread(record: str, name: str | None, people: tuple[str, ...] = ()) -> Item:
    return Item(kind=Kind.THREAD, ref=ItemRef("instagram", "messages/inbox", record), name=name,
                people=people)


def message(thread_id: str, sender: str | None, handle: str | None = None,
            record: str = "m") -> Item:
    return Item(kind=Kind.MESSAGE, ref=ItemRef("instagram", "messages/inbox", record),
                name=sender, handle=handle, parent=thread_id, text="hi")


def test_thread_with_a_pupil_is_one_finding(plain: PlainRoster) -> None:
    detector = PrivateMessagesWithPupil(context(plain, own={"Jo Whitmore"}))
    items = [thread("t1", "Katie Ashdown", ("Katie Ashdown", "Jo Whitmore")),
             message("t1", "Katie Ashdown", record="m1"), message("t1", "Jo Whitmore",
                                                                  record="m2"),
             message("t2", "Katie Ashdown", record="m3")]
    found = run([detector], items)
    assert [(f.ref.record, f.certain, f.excerpt) for f in found] == [
        ("t1", True, "messages with K. A."), ("m3", True, "a message from K. A.")]
    assert found[0].why == ("conversation with a current pupil in Year 5: name matches as "
                            "nickname Katie ~ Katherine")
    assert all(f.key.endswith(":messages") for f in found)


@pytest.mark.parametrize(("people", "expected"), [
    (("Bill Thornber",), [("B4", True)]),  # ex-pupil under 18
    (("Thomas Whitlock",), []),  # ex-pupil, adult
    (("Jane Ashdown",), []),  # a parent: B3's business, not B4's
    (("Priya Lindqvist", "Zoe Brennan"), [("B4", True)]),  # a group chat with a pupil in it
    (("katie.ashdown09",), [("B4", False)]),  # Instagram lists usernames
    (("Year 6 Netball",), []),
    ((), []),
])
def test_thread_participants(plain: PlainRoster, people: tuple[str, ...],
                             expected: list[tuple[str, bool]]) -> None:
    found = run([PrivateMessagesWithPupil(context(plain))], [thread("t", None, people)])
    assert [(f.rule, f.certain) for f in found] == expected


def test_messages_without_names_are_not_checked(plain: PlainRoster) -> None:
    # X/Twitter names the other party of a conversation by account number only.
    detector = PrivateMessagesWithPupil(context(plain))
    items = [thread("t1", "3921988072246051", ("3921988072246051", "1184321")),
             message("t1", None, record="m1")]
    assert run([detector], items) == []
    reason = missing_reason(detector)
    assert reason and "conversation" in reason and "account number only" in reason


def test_sealed_roster_explains_without_names(plain: PlainRoster, tmp_path: Path) -> None:
    write_sealed(plain, tmp_path / "r.sealed", None, TODAY)
    ctx = context(load_sealed(tmp_path / "r.sealed", None))
    found = run(all_rules(ctx), [connection("Katie Ashdown")])
    assert [(f.rule, f.certain, f.excerpt, f.why) for f in found] == [
        ("B1", True, "friend K. A.", "a current pupil in Year 5: name matches as a known "
                                     "nickname")]
    assert found[0].key.startswith("s")


# --- never raises ------------------------------------------------------------------------------

NAMEISH = st.one_of(st.none(), st.text(max_size=40),
                    st.sampled_from(["Katie Ashdown", "katie.ashdown", "Ashdown, Katie", "@"]))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NAMEISH, NAMEISH, st.one_of(st.none(), st.text(max_size=10)), st.lists(st.text(max_size=20),
                                                                           max_size=3))
def test_arbitrary_records_never_raise(plain: PlainRoster, name: str | None, handle: str | None,
                                       relation: str | None, people: list[str]) -> None:
    detectors = [*all_rules(context(plain, own={"Jo Whitmore"})),
                 PrivateMessagesWithPupil(context(plain))]
    items = [Item(kind=Kind.CONNECTION, ref=ItemRef("x", "f", "1"), name=name, handle=handle,
                  relation=relation),
             Item(kind=Kind.THREAD, ref=ItemRef("x", "f", "t"), name=name,
                  people=tuple(people)),
             Item(kind=Kind.MESSAGE, ref=ItemRef("x", "f", "m"), name=name, handle=handle,
                  parent="t")]
    for finding in run(detectors, items):
        assert finding.excerpt and finding.why and finding.key
