"""The policy pack: the template and the demo pack load; each mistake names its key."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.errors import PolicyError
from scanner.policy import load_policy
from scanner.rules import RULES, Severity

GOOD = """
[school]
name = "Oakwood Primary School"
aliases = ["Oakwood Primary", "OPS"]
official_handles = ["@OakwoodPrimary"]
email_domains = ["Oakwood.example.sch.uk"]
[school.site]
lat = 52.4862
lon = -1.8904
radius_m = 250
[school.hours]
days = ["mon", "tue", "wed", "thu", "fri"]
start = "08:45"
end = "15:30"
terms = [["2025-09-03", "2025-10-24"]]
[rules.A2]
severity = "advice"
clause = "Staff AUP 7.10"
[rules.C9]
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "policy.toml"
    pack.write_text(text, encoding="utf-8")
    return pack


def test_a_good_pack_loads_with_overrides(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, GOOD))
    assert policy.names == ("Oakwood Primary School", "Oakwood Primary", "OPS")
    assert policy.official_handles == ("OakwoodPrimary",)
    assert policy.email_domains == ("oakwood.example.sch.uk",)
    assert policy.rules["A2"].severity is Severity.ADVICE
    assert policy.rules["A2"].clause == "Staff AUP 7.10"
    assert policy.rules["A1"].clause is None
    assert "C9" not in policy.enabled_rules() and len(policy.enabled_rules()) == len(RULES) - 1
    assert policy.hours is not None
    assert policy.hours.is_teaching_time(date(2025, 9, 3), time(10, 0))
    assert not policy.hours.is_teaching_time(date(2025, 9, 6), time(10, 0))  # Saturday
    assert not policy.hours.is_teaching_time(date(2025, 10, 28), time(10, 0))  # half term
    assert not policy.hours.is_teaching_time(date(2025, 9, 3), time(16, 0))


@pytest.mark.parametrize(("change", "key"), [
    (("name = \"Oakwood Primary School\"", "nmae = \"Oakwood\""), "school.nmae"),
    (("lat = 52.4862", "lat = 152.4862"), "school.site.lat"),
    (("lat = 52.4862", 'lat = "north"'), "school.site.lat"),
    (('start = "08:45"', 'start = "quarter to nine"'), "school.hours.start"),
    (('end = "15:30"', 'end = "08:00"'), "school.hours.end"),
    (('days = ["mon",', 'days = ["monday",'), "school.hours.days"),
    (('"2025-10-24"', '"2025-13-40"'), "school.hours.terms"),
    (('severity = "advice"', 'severity = "urgent"'), "rules.A2.severity"),
    (("[rules.C9]", "[rules.Z9]"), "rules.Z9"),
    (('aliases = ["Oakwood Primary", "OPS"]', 'aliases = "OPS"'), "school.aliases"),
    (("enabled = false", 'enabled = "no"'), "rules.C9.enabled"),
])
def test_each_mistake_names_its_key(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(PolicyError) as caught:
        load_policy(write(tmp_path, GOOD.replace(old, new, 1)))
    message = str(caught.value)
    assert key in message and "\n" not in message


def test_missing_logo_and_bad_toml_are_explained(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"school\.logos names crest\.png"):
        load_policy(write(tmp_path, GOOD.replace("[school.site]",
                                                 'logos = ["crest.png"]\n[school.site]')))
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(write(tmp_path, "[school\nname="))
    with pytest.raises(PolicyError, match=r"\[school\] is missing"):
        load_policy(write(tmp_path, "[roster]\n"))


def test_policy_init_writes_a_template_that_checks(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "ours.toml"
    assert main(["policy", "init", str(pack)]) == 0
    assert pack.stat().st_mode & 0o777 == 0o600
    assert main(["policy", "check", str(pack)]) == 0
    assert "is valid" in capsys.readouterr().out
    assert main(["policy", "init", str(pack)]) == 2  # never overwrites


def test_policy_check_reports_a_mistake_in_one_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    pack = write(tmp_path, GOOD.replace("radius_m = 250", "radius_m = -5"))
    assert main(["policy", "check", str(pack)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "school.site.radius_m" in err


def test_every_rule_names_the_published_policies_it_rests_on() -> None:
    from scanner.rules import PUBLISHED_POLICIES, RULES

    for rule in RULES:
        text = rule.basis_text
        assert not re.search(r"\b\d{3}\b", text), f"{rule.id}: a bare policy number in {text!r}"
        assert any(name in text for name in PUBLISHED_POLICIES.values()), rule.id
