"""`riskscan scan` keeps each scan in the store, through the real command line: decisions made
with `riskscan review` apply to the next scan (and its exit status), history shows what was
fixed, `--no-save` and the demo leave the store alone, and a store problem is one line.

The scenario runs on SQLite (a real file) and on PostgreSQL (see tests/storage_backends.py).
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from storage_backends import every_row, store_url_fixture  # noqa: F401

from fixtures.generate import generate_demo
from scanner.cli import main
from scanner.policy import DEMO_PACK
from storage.store import open_store

PERSON = "jo-scan-test"
URL_SETTING = "RISKSCAN_DATABASE_URL"
REASON = "my niece, agreed with the head 2025-03-01"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo teacher's four exports (generated once for the module)."""
    made = generate_demo(tmp_path_factory.mktemp("exports"))
    return {key: path for key, path in made.items() if key not in ("roster", "logo")}


@pytest.fixture(name="store_env")
def store_env_fixture(store_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The store for this test named by RISKSCAN_DATABASE_URL, as a person would set it."""
    monkeypatch.setenv(URL_SETTING, store_url)
    monkeypatch.delenv("RISKSCAN_RETENTION_DAYS", raising=False)
    yield store_url


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _scan(capsys: pytest.CaptureFixture[str], paths: list[Path], *extra: str
          ) -> tuple[int, dict[str, Any]]:
    code, out, err = _run(capsys, "scan", *map(str, paths), "--policy", str(DEMO_PACK),
                          "--format", "json", "--person", PERSON, *extra)
    assert code in (0, 1), err
    return code, json.loads(out)


def _history(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out, err = _run(capsys, "history", "--json", "--person", PERSON)
    assert code == 0, err
    runs: list[dict[str, Any]] = json.loads(out)["runs"]
    return runs


def _review(capsys: pytest.CaptureFixture[str], reference: str, *verdict: str) -> None:
    code, out, _ = _run(capsys, "review", reference, *verdict, "--person", PERSON)
    assert code == 0, out
    assert "Recorded" in out


def _item(doc: dict[str, Any], rule: str) -> dict[str, Any]:
    [found] = [entry for entry in doc["checklist"] if entry["rule"] == rule]
    return found


def _lone_finding(doc: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A rule flagged by exactly one finding, and that finding."""
    for entry in doc["checklist"]:
        findings = entry["findings"]
        if entry["status"] in ("risk", "review") and entry["count"] == 1 == len(findings):
            return entry["rule"], findings[0]
    raise AssertionError("no rule with a single finding in the demo exports")


def _without_friend(facebook: Path, name: str, dest: Path) -> Path:
    """A copy of the Facebook export in which `name` is no longer a friend."""
    member = "connections/friends/your_friends.json"
    with zipfile.ZipFile(facebook) as source, zipfile.ZipFile(dest, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                friends = json.loads(data)
                before = len(friends["friends_v2"])
                friends["friends_v2"] = [f for f in friends["friends_v2"] if f["name"] != name]
                assert len(friends["friends_v2"]) == before - 1
                data = json.dumps(friends).encode("utf-8")
            target.writestr(info, data)
    return dest


def _facebook_friend(doc: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A pupil-among-your-friends finding from the Facebook friends list."""
    for finding in _item(doc, "B1")["findings"]:
        if finding["where"]["file"].endswith("friends/your_friends.json"):
            return finding["where"]["record"], finding
    raise AssertionError("no Facebook friend among the B1 findings")


def test_scan_review_fix_rescan_history_then_forget(
        store_env: str, exports: dict[str, Path], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = list(exports.values())
    code, first = _scan(capsys, paths)
    assert code == 1 and first["previous_run"] is None
    assert len(_history(capsys)) == 1

    rule, lone = _lone_finding(first)
    assert lone["reference"] == lone["fingerprint"][:len(lone["reference"])]
    _review(capsys, lone["reference"], "--exception", REASON)
    friend, pupil = _facebook_friend(first)

    # The pupil is unfriended; the excepted finding is still there.
    fixed_fb = _without_friend(exports["facebook"], friend, tmp_path / "facebook-fixed.zip")
    code, second = _scan(capsys, [fixed_fb if p == exports["facebook"] else p for p in paths])
    assert code == 1
    quiet = _item(second, rule)
    [shown] = quiet["findings"]  # an excepted finding stays in the report, labelled
    assert shown["decision"]["decision"] == "exception" and shown["decision"]["reason"] == REASON
    assert shown["since"] == "open"
    assert quiet["status"] == "clear" and quiet["quiet"] == 1
    assert second["summary"]["clear"] == first["summary"]["clear"] + 1
    b1 = _item(second, "B1")
    assert pupil["fingerprint"] not in {f["fingerprint"] for f in b1["findings"]}
    assert b1["history"]["fixed"] >= 1
    assert second["previous_run"]["id"] == _history(capsys)[0]["run"]

    runs = _history(capsys)
    assert len(runs) == 2 and runs[0]["changes"] is None
    assert runs[1]["changes"]["fixed"] >= 1

    # The shared report has the private one's statuses, decisions applied, and no details.
    code, shared = _scan(capsys, [fixed_fb if p == exports["facebook"] else p for p in paths],
                         "--audience", "shared")
    assert shared["audience"] == "shared" and shared["summary"] == second["summary"]
    assert _item(shared, rule)["status"] == "clear"
    assert not any({"findings", "history", "quiet"} & set(entry) for entry in shared["checklist"])
    assert "previous_run" not in shared and "path" not in shared["scanned"]["sources"][0]
    assert len(_history(capsys)) == 3

    code, out, _ = _run(capsys, "forget", "--person", PERSON)
    assert code == 0 and "Deleted everything stored about" in out
    assert _history(capsys) == []
    store = open_store(store_env, retention=0)
    try:
        left = json.dumps(every_row(store), default=str, ensure_ascii=False)
    finally:
        store.close()
    for trace in (PERSON, REASON, lone["fingerprint"], friend):
        assert trace not in left


def test_the_store_holds_no_name_from_the_roster(
        store_env: str, exports: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = _scan(capsys, list(exports.values()))
    named = [f for item in doc["checklist"] for f in item.get("findings", [])
             if not f["where"]["record"].isdigit()]
    assert named, "the demo exports have findings about named connections"
    store = open_store(store_env, retention=0)
    try:
        stored = json.dumps(every_row(store), default=str, ensure_ascii=False).casefold()
    finally:
        store.close()
    with (DEMO_PACK.parent / "roster.csv").open(encoding="utf-8") as roster:
        for person in csv.DictReader(roster):
            first, last = person["first_name"].casefold(), person["last_name"].casefold()
            for written in (f"{first} {last}", f"{first}{last}", f"{first}.{last}"):
                assert written not in stored


def test_decisions_decide_the_exit_status(store_env: str, exports: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    linkedin = [exports["linkedin"]]
    code, first = _scan(capsys, linkedin)
    assert code == 1
    references = {f["reference"] for entry in first["checklist"] for f in entry["findings"]}
    assert references
    for reference in sorted(references):
        _review(capsys, reference, "--dismiss", "--reason", "not a real match")
    code, second = _scan(capsys, linkedin)
    assert code == 0
    assert second["summary"]["risk"] == second["summary"]["review"] == 0
    flagged = [entry for entry in second["checklist"] if entry["findings"]]
    assert flagged and all(entry["quiet"] == len(entry["findings"]) for entry in flagged)
    assert all(f["decision"]["decision"] == "dismiss" for entry in flagged
               for f in entry["findings"])
    # Without saving, the decisions are not looked up, and the report shows the raw statuses.
    code, raw = _scan(capsys, linkedin, "--no-save")
    assert code == 1 and "previous_run" not in raw


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_every_format_shows_decisions_history_and_references(
        fmt: str, tmp_path: Path, exports: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(URL_SETTING, f"sqlite:///{tmp_path / 'store.sqlite3'}")
    linkedin = [exports["linkedin"]]
    _, first = _scan(capsys, linkedin)
    rule, lone = _lone_finding(first)
    _review(capsys, lone["reference"], "--exception", REASON)
    out = tmp_path / f"report.{fmt}"
    code, _, err = _run(capsys, "scan", str(linkedin[0]), "--policy", str(DEMO_PACK),
                        "--person", PERSON, "--format", fmt, "-o", str(out))
    assert code == 1, err
    text = out.read_text(encoding="utf-8")
    assert f"exception: {REASON}" in text.replace("&#39;", "'")
    assert "(quiet)" in text and "Since your last scan: 0 new, 1 still open, 0 fixed." in text
    other = next(f for entry in first["checklist"] for f in entry["findings"]
                 if entry["rule"] != rule)
    assert other["reference"] in text
    assert "riskscan review REFERENCE --exception" in text


def test_no_save_opens_no_store(tmp_path: Path, exports: dict[str, Path],
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(URL_SETTING, "postgresql+psycopg://nobody@127.0.0.1:1/nowhere")
    code, doc = _scan(capsys, [exports["linkedin"]], "--no-save")
    assert code == 1 and doc["summary"]["risk"] > 0


@pytest.mark.parametrize("setting, value, words", [
    (URL_SETTING, "postgresql+psycopg://nobody@127.0.0.1:1/nowhere", "cannot use the database"),
    (URL_SETTING, "sqlite:///{tmp}", "riskscan store"),
    ("RISKSCAN_RETENTION_DAYS", "a year", "RISKSCAN_RETENTION_DAYS must be a whole number"),
])
@pytest.mark.parametrize("command", [["scan", "{export}"], ["history"], ["forget"]])
def test_a_store_problem_is_one_line_and_exit_2(
        setting: str, value: str, words: str, command: list[str], tmp_path: Path,
        exports: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    if setting != URL_SETTING:
        monkeypatch.setenv(URL_SETTING, f"sqlite:///{tmp_path / 'store.sqlite3'}")
    monkeypatch.setenv(setting, value.format(tmp=tmp_path))
    argv = [part.format(export=exports["linkedin"]) for part in command]
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("riskscan: ") and err.count("\n") == 1, err
    assert words in err and "Traceback" not in err + out
    assert out == ""
