"""A person's right of access: everything stored about them, as one JSON document."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from storage.db import Store
from storage.models import AuditRow, DecisionRow
from storage.repository import findings_of, rule_results_of, runs_of, sources_of

EXPORT_FORMAT = "riskscan-personal-data"


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_person(store: Store, person: str, exported: str) -> dict[str, Any]:
    """Every run (with its rule results and findings), decision and log entry of a person."""
    runs = []
    for run in runs_of(store, person):
        assert run.id is not None
        runs.append({
            "id": run.id, "started": _when(run.started), "finished": _when(run.finished),
            "tool_version": run.tool_version, "school": run.school,
            "summary": {"risk": run.risk, "review": run.review, "clear": run.clear,
                        "not checked": run.not_checked},
            "sources": sources_of(run),
            "rules": [{"rule": r.rule, "status": r.status, "found": r.found,
                       "certain": r.certain, "quiet": r.quiet}
                      for r in rule_results_of(store, run.id)],
            "findings": [{"rule": f.rule, "where": {"platform": f.platform, "file": f.file,
                                                    "record": f.record},
                          "excerpt": f.excerpt, "why": f.why, "certain": f.certain,
                          "fingerprint": f.fingerprint, "detector": f.detector}
                         for f in findings_of(store, run.id)],
        })
    with store.read() as session:
        decisions = session.exec(select(DecisionRow).where(DecisionRow.person == person)
                                 .order_by(col(DecisionRow.id))).all()
        log = session.exec(select(AuditRow).where(AuditRow.person == person)
                           .order_by(col(AuditRow.id))).all()
    return {
        "format": EXPORT_FORMAT, "version": 1, "person": person, "exported": exported,
        "runs": runs,
        "decisions": [{"fingerprint": d.fingerprint, "decision": d.decision,
                       "reason": d.reason, "when": _when(d.decided)} for d in decisions],
        "log": [{"at": _when(e.at), "action": e.action, "detail": e.detail} for e in log],
    }
