"""Plain functions over the store: save a run, read runs back, record review decisions.

A run is saved in one short transaction after the scan has finished, so a scan that is stopped
at any point leaves the store exactly as it was.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from scanner.decisions import Decision, Verdict
from scanner.history import RunFingerprints
from storage.db import Store
from storage.models import (
    AuditRow,
    DecisionRow,
    FindingRow,
    GuidedLookRow,
    PageVisitRow,
    RuleResultRow,
    RunRow,
)

PAUSE_SETTING = "RISKSCAN_TEST_PAUSE_IN_SAVE"  # tests only: seconds to wait inside the save


@dataclass(frozen=True)
class StoredFinding:
    rule: str
    platform: str
    file: str
    record: str
    excerpt: str
    why: str
    certain: bool
    fingerprint: str
    detector: str = ""


@dataclass(frozen=True)
class RuleOutcome:
    rule: str
    status: str  # after review decisions
    found: int
    certain: int = 0
    quiet: int = 0


@dataclass(frozen=True)
class StoredPage:
    address: str
    url: str
    fetched: datetime
    http_status: int
    content_hash: str


@dataclass(frozen=True)
class RunRecord:
    """Everything saved about one scan: no paths to the exports, no account names."""

    started: datetime
    finished: datetime
    tool_version: str
    school: str
    rules: list[RuleOutcome]
    findings: list[StoredFinding]
    sources: list[dict[str, Any]] = field(default_factory=list)
    pages: list[StoredPage] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        counts = {"risk": 0, "review": 0, "clear": 0, "not checked": 0}
        for outcome in self.rules:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return counts


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A time as aware UTC (a naive one is taken to be UTC already)."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def audit(session: Session, action: str, person: str | None, detail: str = "") -> None:
    """Record what was done; callers pass counts and rule ids only, never content."""
    session.connection().execute(sa.insert(AuditRow).values(
        at=utcnow(), action=action, person=person, detail=detail))


def save_run(store: Store, person: str, record: RunRecord) -> int:
    """Save a finished run, its per-rule results and its findings, all in one transaction."""
    with store.write() as session:
        run_id = insert_run(session, person, record)
        _pause_for_tests()
    return run_id


def insert_run(session: Session, person: str, record: RunRecord) -> int:
    """Insert a run with its rule results, findings and public pages fetched, inside the
    caller's transaction."""
    summary = record.summary()
    conn = session.connection()
    result = conn.execute(sa.insert(RunRow).values(
        person=person, started=aware(record.started),
        finished=aware(record.finished), tool_version=record.tool_version,
        school=record.school, risk=summary["risk"], review=summary["review"],
        clear=summary["clear"], not_checked=summary["not checked"],
        sources=json.dumps(record.sources, ensure_ascii=False)))
    key = result.inserted_primary_key
    assert key is not None
    run_id = int(key[0])
    if record.rules:
        conn.execute(sa.insert(RuleResultRow), [
            {"run_id": run_id, "rule": o.rule, "status": o.status, "found": o.found,
             "certain": o.certain, "quiet": o.quiet} for o in record.rules])
    if record.findings:
        conn.execute(sa.insert(FindingRow), [
            {"run_id": run_id, **f.__dict__} for f in record.findings])
    if record.pages:
        conn.execute(sa.insert(PageVisitRow), [
            {"run_id": run_id, **p.__dict__, "fetched": aware(p.fetched)} for p in record.pages])
    audit(session, "scan saved", person,
          f"run {run_id}: {len(record.rules)} rules, {len(record.findings)} findings")
    return run_id


def _pause_for_tests() -> None:
    """Lets a test kill a process while its save transaction is open."""
    seconds = os.environ.get(PAUSE_SETTING)
    if seconds:
        print("riskscan-test: paused inside the save transaction", file=sys.stderr, flush=True)
        time.sleep(float(seconds))


def pages_of(store: Store, run_id: int) -> list[PageVisitRow]:
    """The public pages fetched in a run, in the order they were fetched."""
    with store.read() as session:
        return list(session.exec(select(PageVisitRow).where(PageVisitRow.run_id == run_id)
                                 .order_by(col(PageVisitRow.id))).all())


def runs_of(store: Store, person: str) -> list[RunRow]:
    """A person's runs, oldest first."""
    with store.read() as session:
        return list(session.exec(select(RunRow).where(RunRow.person == person)
                                 .order_by(col(RunRow.id))).all())


def latest_run(store: Store, person: str) -> RunRow | None:
    with store.read() as session:
        return session.exec(select(RunRow).where(RunRow.person == person)
                            .order_by(col(RunRow.id).desc()).limit(1)).first()


def rule_results_of(store: Store, run_id: int) -> list[RuleResultRow]:
    with store.read() as session:
        return list(session.exec(select(RuleResultRow).where(RuleResultRow.run_id == run_id)
                                 .order_by(col(RuleResultRow.id))).all())


def findings_of(store: Store, run_id: int) -> list[FindingRow]:
    with store.read() as session:
        return list(session.exec(select(FindingRow).where(FindingRow.run_id == run_id)
                                 .order_by(col(FindingRow.id))).all())


def run_fingerprints(store: Store, run: RunRow) -> RunFingerprints:
    """A stored run as history.compare() wants it."""
    assert run.id is not None
    rules: dict[str, dict[str, str]] = {}
    for finding in findings_of(store, run.id):
        rules.setdefault(finding.rule, {})[finding.fingerprint] = finding.platform
    results = rule_results_of(store, run.id)
    for outcome in results:
        rules.setdefault(outcome.rule, {})
    unchecked = frozenset(o.rule for o in results if o.status == "not checked")
    truncated = frozenset(o.rule for o in results if o.found > len(rules.get(o.rule, {})))
    platforms = frozenset(s.get("platform", "") for s in sources_of(run))
    return RunFingerprints(rules, platforms, unchecked, truncated, run.id,
                           run.finished.date())


def sources_of(run: RunRow) -> list[dict[str, Any]]:
    try:
        sources = json.loads(run.sources or "[]")
    except ValueError:
        return []
    return [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []


def decisions_of(store: Store, person: str) -> dict[str, Decision]:
    with store.read() as session:
        rows = session.exec(select(DecisionRow).where(DecisionRow.person == person)).all()
    return {row.fingerprint: _decision(row) for row in rows}


def _decision(row: DecisionRow) -> Decision:
    return Decision(row.fingerprint, Verdict(row.decision), row.reason,
                    aware(row.decided))


def record_decision(store: Store, person: str, fingerprint: str, verdict: Verdict,
                    reason: str = "", rule: str = "") -> Decision:
    """Record (or replace) a person's decision on a finding."""
    now = utcnow()
    with store.write() as session:
        conn = session.connection()
        table = DecisionRow.__table__  # type: ignore[attr-defined]
        mine = (table.c.person == person) & (table.c.fingerprint == fingerprint)
        changed = conn.execute(sa.update(table).where(mine).values(
            decision=verdict.value, reason=reason, decided=now)).rowcount
        if not changed:
            conn.execute(sa.insert(table).values(person=person, fingerprint=fingerprint,
                                                 decision=verdict.value, reason=reason,
                                                 decided=now))
        audit(session, "decision recorded", person,
              f"{verdict.value}" + (f" under rule {rule}" if rule else ""))
    return Decision(fingerprint, verdict, reason, now)


def record_look(store: Store, person: str, address: str, rule: str, saw: str | None,
                risk: bool) -> None:
    """Record (or replace) what the person saw checking one rule on a profile by hand."""
    now = utcnow()
    with store.write() as session:
        conn = session.connection()
        table = GuidedLookRow.__table__  # type: ignore[attr-defined]
        mine = (table.c.person == person) & (table.c.address == address) & \
            (table.c.rule == rule)
        values = {"saw": saw, "risk": risk, "recorded": now}
        if not conn.execute(sa.update(table).where(mine).values(**values)).rowcount:
            conn.execute(sa.insert(table).values(person=person, address=address, rule=rule,
                                                 **values))
        audit(session, "profile check recorded", person, f"rule {rule}")


def looks_of(store: Store, person: str) -> list[GuidedLookRow]:
    """Everything the person recorded checking profiles by hand."""
    with store.read() as session:
        return list(session.exec(select(GuidedLookRow).where(GuidedLookRow.person == person)
                                 .order_by(col(GuidedLookRow.id))).all())


def match_fingerprint(store: Store, person: str, prefix: str) -> list[FindingRow]:
    """The person's stored findings (latest copy of each) whose fingerprint starts so."""
    prefix = prefix.strip().lower()
    with store.read() as session:
        rows = session.exec(
            select(FindingRow).join(RunRow, col(RunRow.id) == col(FindingRow.run_id))
            .where(RunRow.person == person, col(FindingRow.fingerprint).startswith(prefix))
            .order_by(col(FindingRow.id).desc())).all()
    latest: dict[str, FindingRow] = {}
    for row in rows:
        latest.setdefault(row.fingerprint, row)
    return list(latest.values())


def people(store: Store) -> list[str]:
    """Every person label with anything stored."""
    with store.read() as session:
        runs = session.exec(select(RunRow.person).distinct()).all()
        decided = session.exec(select(DecisionRow.person).distinct()).all()
    return sorted(set(runs) | set(decided))
