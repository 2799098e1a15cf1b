"""Forgetting: a person's data goes completely (every table checked), `--all` asks first, the
SQLite file keeps no readable copy; and export gives a person everything stored about them."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

from rich.console import Console
from storage_backends import every_row, store_fixture, store_url_fixture  # noqa: F401
from storage_scans import make_finding, scan_result

from scanner.commands.export import run_export
from scanner.commands.forget import run_forget, run_forget_all
from scanner.commands.review import review_one
from scanner.decisions import Verdict
from scanner.report.data import report_json
from storage.db import Store
from storage.reports import annotate_report, save_scan
from storage.repository import people
from storage.store import open_store

SECRET = "Friends with Zoë Pemberton-Quill"
REASON = "my niece Imogen, agreed with the head"


def _fill(store: Store, person: str, excerpt: str = SECRET, reason: str = REASON) -> None:
    found = make_finding("B1", f"{person}-friend", excerpt=excerpt)
    for _ in range(2):
        result = scan_result([found, make_finding("C1", f"{person}-post", certain=False,
                                                   excerpt=excerpt)])
        save_scan(store, person, result, annotate_report(store, person, report_json(result)))
    review_one(store, person, found.fingerprint, Verdict.EXCEPTION, reason,
               Console(file=io.StringIO()))


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=200), out


def test_forget_deletes_every_row_about_the_person_and_says_what(store: Store) -> None:
    _fill(store, "jo")
    _fill(store, "sam", excerpt="Friends with someone else", reason="a colleague's son")
    before = every_row(store)
    console, out = _console()
    assert run_forget(store, "jo", console) == 0
    said = out.getvalue()
    assert "Deleted everything stored about 'jo': 2 runs, 4 findings" in said
    assert "1 review decisions" in said
    after = every_row(store)
    text = json.dumps(after, default=str, ensure_ascii=False)
    for trace in ("jo-friend", "jo-post", "Zoë", "Imogen", '"jo"'):
        assert trace not in text
    assert people(store) == ["sam"]
    assert len(after["runs"]) == len(before["runs"]) - 2
    assert [row for row in after["audit_events"] if row[2] == "forgot a person"]


def test_forgetting_someone_unknown_says_nothing_was_stored(store: Store) -> None:
    console, out = _console()
    assert run_forget(store, "nobody", console) == 0
    assert "Nothing was stored about 'nobody'." in out.getvalue()


def test_forget_all_asks_first(store: Store) -> None:
    _fill(store, "jo")
    _fill(store, "sam")
    console, out = _console()
    assert run_forget_all(store, console, answers=io.StringIO("no\n")) == 0
    assert "Nothing was deleted." in out.getvalue() and "for 2 people" in out.getvalue()
    assert people(store) == ["jo", "sam"]
    assert run_forget_all(store, console, answers=io.StringIO("yes\n")) == 0
    assert people(store) == []
    left = every_row(store)
    assert all(not rows for name, rows in left.items()
               if name not in ("audit_events", "schema_migrations"))
    assert [row[2] for row in left["audit_events"]] == ["store wiped"]


def test_forget_all_outside_a_terminal_needs_yes(store: Store) -> None:
    _fill(store, "jo")
    console, out = _console()
    assert run_forget_all(store, console, interactive=False) == 2
    assert "--yes" in out.getvalue() and people(store) == ["jo"]
    assert run_forget_all(store, console, yes=True, interactive=False) == 0
    assert people(store) == []


def test_the_sqlite_file_keeps_no_readable_copy_after_forget(tmp_path: Path) -> None:
    path = tmp_path / "riskscan.sqlite3"
    store = open_store(f"sqlite:///{path}", retention=0)
    try:
        _fill(store, "jo")
        run_forget(store, "jo", _console()[0])
    finally:
        store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("riskscan.sqlite3*"))
    for secret in (SECRET, REASON, "jo-friend"):
        assert secret.encode("utf-8") not in raw


def test_export_writes_everything_stored_about_the_person(store: Store, tmp_path: Path) -> None:
    _fill(store, "jo")
    _fill(store, "sam", excerpt="Friends with someone else", reason="a colleague's son")
    out = tmp_path / "mine.json"
    console, said = _console()
    assert run_export(store, "jo", out, console) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"] == "jo" and len(data["runs"]) == 2
    assert data["runs"][0]["findings"][0]["excerpt"] == SECRET
    assert {r["rule"] for r in data["runs"][0]["rules"]} >= {"B1", "C1"}
    assert data["decisions"][0]["reason"] == REASON
    assert [e["action"] for e in data["log"]].count("scan saved") == 2
    assert "someone else" not in out.read_text(encoding="utf-8")
    assert "2 scans, 4 findings, 1 review decisions" in said.getvalue()
