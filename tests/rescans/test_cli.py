"""The consent, rescan and worker commands from the command line, as the README's contract
says, against the store RISKSCAN_DATABASE_URL names (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from storage_backends import store_url_fixture  # noqa: F401

from scanner.cli import main
from scanner.rescans.worker import SingleWorkerLock

SITE = "https://jo.example.org/"
GRANT = ["consent", "grant", "--person", "Jo Whitmore", "--email", "jo.whitmore@example.org",
         "--kind", "ongoing", "--schedule", "monthly", "--expires"]


@pytest.fixture
def url(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", store_url)
    monkeypatch.setenv("RISKSCAN_RETENTION_DAYS", "0")
    return store_url


def _expiry(months: int = 6) -> str:
    from datetime import date

    from scanner.rescans.schedule import add_months_to_date

    return add_months_to_date(date.today(), months).isoformat()


def _grant(capsys: pytest.CaptureFixture[str], *more: str) -> dict[str, object]:
    assert main([*GRANT, _expiry(), "--json", *more, SITE]) == 0
    made: dict[str, object] = json.loads(capsys.readouterr().out)
    return made


def test_grant_list_withdraw_as_the_contract_says(url: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    made = _grant(capsys)
    assert main(["consent", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed == {key: made[key] for key in listed}
    assert listed["status"] == "live" and listed["addresses"] == [SITE]
    assert main([*GRANT, _expiry(), SITE, "https://jo.example.org/blog"]) == 0
    second = capsys.readouterr().out.strip()
    assert second.startswith("c") and len(second) == 9
    assert main(["consent", "withdraw", str(made["id"])]) == 0
    assert "withdrawn" in capsys.readouterr().out
    assert main(["consent", "list", "--json"]) == 0
    statuses = {c["id"]: (c["status"], c["next_rescan"])
                for c in json.loads(capsys.readouterr().out)}
    assert statuses[made["id"]] == ("withdrawn", None)
    assert statuses[second][0] == "live"


@pytest.mark.parametrize("argv", [
    ["rescan", "c00000000"],
    ["rescan"],
    ["rescan", "c00000000", "--due"],
    [*GRANT, "2020-01-01", SITE],
])
def test_refusals_are_one_line_and_exit_2(url: str, argv: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("riskscan:")  # no note before it either
    assert "Traceback" not in "\n".join(err)


def test_a_withdrawn_consent_or_an_address_it_does_not_name_is_refused(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    consent = str(_grant(capsys)["id"])
    assert main(["rescan", consent, "--address", "https://other.example.org/"]) == 2
    assert "is outside consent" in capsys.readouterr().err
    assert main(["consent", "withdraw", consent]) == 0
    capsys.readouterr()
    assert main(["rescan", consent]) == 2
    err = capsys.readouterr().err
    assert f"consent {consent} was withdrawn" in err and "nothing was fetched" in err


def test_the_dry_run_lists_what_would_happen_and_changes_nothing(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    consent = str(_grant(capsys)["id"])
    assert main(["consent", "log", "--json"]) == 0
    before = capsys.readouterr().out
    assert main(["worker", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 live consents" in out and consent in out and "nothing is fetched" in out
    assert main(["consent", "log", "--json"]) == 0
    assert capsys.readouterr().out == before


def test_a_second_worker_on_sqlite_says_so_and_exits(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "riskscan.sqlite3"
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{database}")
    first = SingleWorkerLock(database)
    assert first.acquire()
    try:
        assert main(["worker", "--once"]) == 2
        assert "another riskscan worker is already running" in capsys.readouterr().err
    finally:
        first.release()
    assert main(["worker", "--once"]) == 0
    assert "Nothing is due." in capsys.readouterr().out
