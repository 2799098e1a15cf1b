"""The bundled demo pack describes the school the fixtures generate, and `demo` runs on it
(saving nothing: the demo teacher is fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.images import logo_png
from fixtures.roster import roster_csv
from fixtures.school import SCHOOL
from scanner.cli import main
from scanner.policy import DEMO_PACK, load_policy


def test_bundled_roster_and_logo_are_the_generators_output() -> None:
    pack = DEMO_PACK.parent
    assert (pack / "roster.csv").read_bytes() == roster_csv()
    assert (pack / "logo.png").read_bytes() == logo_png()


def test_demo_pack_matches_the_fixture_school() -> None:
    policy = load_policy(DEMO_PACK)
    assert policy.school_name == SCHOOL.name
    assert set(SCHOOL.aliases) <= set(policy.aliases)
    assert policy.site is not None
    assert (policy.site.lat, policy.site.lon) == (SCHOOL.lat, SCHOOL.lon)
    assert all(rule.clause for rule in policy.rules.values())


def test_demo_runs_with_no_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "riskscan.sqlite3"
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{store}")
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Oakwood Primary School" in out
    for rule in ("A1", "B1", "C1", "D1"):
        assert rule in out
    report = tmp_path / "riskscan-demo-report.html"
    assert report.stat().st_mode & 0o777 == 0o600
    assert "<html" in report.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [report.name]  # the store was not opened
    assert not store.exists()
