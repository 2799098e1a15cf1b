"""The shared summary: what one person hands to a workshop, and nothing else.

    {"format": "riskscan-shared-summary", "version": 1, "date": "YYYY-MM-DD",
     "rules": [{"rule": "B1", "status": "risk"|"review"|"clear"|"not checked", "count": int}]}

No names, handles, paths, excerpts, school or times finer than the day. Statuses are after
the person's review decisions, so a documented exception does not count against them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from scanner.errors import ScanError
from scanner.model import Status
from scanner.rules import RULES_BY_ID

SUMMARY_FORMAT = "riskscan-shared-summary"
SUMMARY_VERSION = 1
_STATUSES = {s.value for s in Status}


def shared_summary(day: date, rules: Iterable[tuple[str, str, int]]) -> dict[str, Any]:
    """A summary from (rule, status, count) triples."""
    return {"format": SUMMARY_FORMAT, "version": SUMMARY_VERSION, "date": day.isoformat(),
            "rules": [{"rule": rule, "status": status, "count": int(count)}
                      for rule, status, count in rules]}


def summary_from_doc(doc: dict[str, Any], day: date) -> dict[str, Any]:
    """The summary of a report document (private or shared audience)."""
    return shared_summary(day, ((item["rule"], item["status"], item["count"])
                                for item in doc["checklist"]))


def load_summary(path: Path) -> dict[str, Any]:
    """Read and check one summary; a wrong file is a one-line ScanError naming it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScanError(f"cannot read {path} ({exc.strerror}): check the file name.") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ScanError(_not_summary(path, "it is not JSON")) from None
    problem = summary_problem(data)
    if problem:
        raise ScanError(_not_summary(path, problem))
    return dict(data)


def summary_problem(data: object) -> str | None:
    """Why `data` is not a valid shared summary, or None."""
    if not isinstance(data, dict):
        return "it is not a JSON object"
    if "checklist" in data or data.get("audience") == "private":
        return "it is a full report; only the file `riskscan share` writes may be combined"
    if data.get("format") != SUMMARY_FORMAT:
        return "it does not say it is one"
    if data.get("version") != SUMMARY_VERSION:
        return f"it is version {data.get('version')!r}; this riskscan reads version 1"
    if set(data) != {"format", "version", "date", "rules"}:
        return "it holds more than a summary may"
    if not _is_day(data["date"]):
        return "its date is not a YYYY-MM-DD day"
    rules = data["rules"]
    if not isinstance(rules, list) or not all(_valid_rule(r) for r in rules):
        return "its rules are not rule, status and count"
    if len({r["rule"] for r in rules}) != len(rules):
        return "it lists a rule twice"
    return None


def _valid_rule(entry: object) -> bool:
    return (isinstance(entry, dict) and set(entry) == {"rule", "status", "count"}
            and entry["rule"] in RULES_BY_ID and entry["status"] in _STATUSES
            and isinstance(entry["count"], int) and not isinstance(entry["count"], bool)
            and entry["count"] >= 0)


def _is_day(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _not_summary(path: Path, why: str) -> str:
    return (f"{path} is not a riskscan shared summary ({why}): each person makes theirs with "
            "`riskscan share -o summary.json`.")
