"""A person's right of access: everything stored about them, as one JSON document."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from storage.consents import all_consents, runs_key
from storage.db import Store
from storage.models import AuditRow, ConsentRow, DecisionRow, PageRow
from storage.repository import aware, findings_of, rule_results_of, runs_of, sources_of

EXPORT_FORMAT = "riskscan-personal-data"


def _when(moment: datetime) -> str:
    return aware(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_person(store: Store, person: str, exported: str) -> dict[str, Any]:
    """Every run (with its rule results and findings), decision, consent (with its rescans)
    and log entry of a person."""
    runs = _runs(store, person)
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
        "consents": [_consent(store, row) for row in all_consents(store, person)],
        "log": [{"at": _when(e.at), "action": e.action, "detail": e.detail} for e in log],
    }


def _consent(store: Store, row: ConsentRow) -> dict[str, Any]:
    """A consent as recorded, the wording agreed to, and every rescan it made."""
    with store.read() as session:
        pages = session.exec(select(PageRow).where(PageRow.consent_id == row.id)
                             .order_by(col(PageRow.id))).all()
    return {
        "id": row.id, "email": row.email, "kind": row.kind, "schedule": row.schedule,
        "post": row.post, "addresses": json.loads(row.addresses),
        "scope": json.loads(row.scope), "recipients": json.loads(row.recipients),
        "all_clear": row.all_clear, "status": row.status,
        "wording": {"version": row.wording_version, "sha256": row.wording_hash,
                    "text": row.wording},
        "agreed": _when(row.agreed), "starts": _when(row.starts),
        "expires": row.expires.isoformat(),
        "ended": _when(row.ended) if row.ended else None,
        "rescans": _runs(store, runs_key(row.id)),
        "pages": [{"run": p.run_id, "address": p.address, "fetched": _when(p.fetched),
                   "http_status": p.http_status, "content_hash": p.content_hash,
                   "not_checked": p.not_checked} for p in pages],
    }


def _runs(store: Store, person: str) -> list[dict[str, Any]]:
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
    return runs
