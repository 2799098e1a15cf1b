"""The storage commands as registered by add_storage_commands, run from argv against the store
RISKSCAN_DATABASE_URL names, on both backends."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest
from storage_backends import store_url_fixture  # noqa: F401
from storage_scans import make_finding, scan_result

from scanner.commands.storage_cli import add_storage_commands, person_label
from scanner.errors import ScanError
from scanner.report.data import report_json
from storage.reports import annotate_report, save_scan
from storage.store import open_store

COMMANDS = ("review", "history", "share", "workshop", "forget", "export")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="riskscan")
    add_storage_commands(parser.add_subparsers(dest="command"))
    return parser


def _main(argv: list[str]) -> int:
    """As scanner.cli.main runs a handler: a ScanError is one line and exit status 2."""
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ScanError as exc:
        print(f"riskscan: {exc}")
        return 2


@pytest.fixture
def url(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", store_url)
    monkeypatch.setenv("RISKSCAN_RETENTION_DAYS", "0")
    return store_url


def _scan(person: str, findings: list[object]) -> None:
    store = open_store()
    try:
        result = scan_result(findings)  # type: ignore[arg-type]
        save_scan(store, person, result, annotate_report(store, person, report_json(result)))
    finally:
        store.close()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_storage_command_has_help(command: str, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    with pytest.raises(SystemExit) as done:
        _parser().parse_args([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: riskscan {command}")


def test_person_labels_are_short_printable_text() -> None:
    assert person_label("  jo  ") == "jo"
    for bad in ("", "   ", "x" * 65, "jo\x1b[31m"):
        with pytest.raises(argparse.ArgumentTypeError):
            person_label(bad)


def test_review_history_share_workshop_forget_export_from_the_command_line(
        url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    niece = make_finding("B1", "friend-2", certain=True)
    _scan("me", [niece])
    assert _main(["review", niece.fingerprint[:10], "--exception", "my niece"]) == 0
    assert "Recorded: exception" in capsys.readouterr().out
    _scan("me", [niece])
    assert _main(["history", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [r["counts"]["risk"] for r in runs] == [1, 0]
    summaries = []
    for person in ("me", "amira", "callum"):
        if person != "me":
            _scan(person, [])
        out = tmp_path / f"{person}.json"
        assert _main(["share", "--person", person, "-o", str(out)]) == 0
        summaries.append(str(out))
    room = tmp_path / "room.html"
    assert _main(["workshop", *summaries, "-o", str(room), "--title", "INSET"]) == 0
    assert "3 people's shared summaries" in capsys.readouterr().out
    assert room.is_file()
    mine = tmp_path / "mine.json"
    assert _main(["export", "-o", str(mine)]) == 0
    assert len(json.loads(mine.read_text(encoding="utf-8"))["runs"]) == 2
    assert _main(["forget"]) == 0
    assert "Deleted everything stored about 'me': 2 runs" in capsys.readouterr().out
    assert _main(["forget", "--all", "--yes"]) == 0
    assert "Deleted everything stored" in capsys.readouterr().out
    assert _main(["history", "--person", "amira", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"] == []


def test_review_without_a_verdict_for_one_reference_asks(url: str,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    found = make_finding("C1", "post-1", certain=False)
    _scan("me", [found])
    answers = iter(["d", "a joke about my own class"])
    monkeypatch.setattr("builtins.input", lambda: next(answers))
    assert _main(["review", found.fingerprint]) == 0
    assert "Recorded: dismissed." in capsys.readouterr().out


def test_a_damaged_store_is_one_line_and_exit_2(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(os.urandom(8192))
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{path}")
    assert _main(["history"]) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "is damaged" in out
