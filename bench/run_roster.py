"""Roster matching: every Facebook friend name (5,000) against the roster (3,000), plain and
sealed, timed from loading the roster to the last match; and how many planted names each
found, by the way the name was written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bench.plan import Plan
from bench.proc import ROOT, Measurement, run_worker
from bench.score_rules import variant_recall
from bench.workloads import Workload
from fixtures.school import TODAY

SEALER_MODULES = ("roster/sealed.py", "roster/names.py", "roster/match.py",
                  "roster/csv_file.py")


def _row(runs: list[Measurement], truth: dict[str, Any]) -> dict[str, Any]:
    best = min(runs, key=lambda m: float(m.result["process_s"]))
    result = best.result
    matched = {m[0] for m in result["matched"]}
    planted = {c["name"] for c in truth["connections_matching_roster"]}
    return {"names": result["names"], "roster": result["roster"],
            "load_s": round(result["load_s"], 3), "match_s": round(result["match_s"], 3),
            "total_s": round(result["process_s"], 3),
            "runs_s": [round(r.result["process_s"], 3) for r in runs],
            "names_per_s": round(result["names"] / result["match_s"], 1)
            if result["match_s"] else None,
            "matched": len(matched), "planted": len(planted),
            "planted_found": len(matched & planted), "unplanted_matched": len(matched - planted),
            "by_variant": variant_recall(truth, matched), **best.to_json()}


def _sealer_hash() -> str:
    digest = hashlib.sha256()
    for name in SEALER_MODULES:
        digest.update((ROOT / "detectors" / name).read_bytes())
    return digest.hexdigest()[:16]


def sealed_roster(load: Workload, say: Any) -> tuple[Path, float]:
    """The workload's roster sealed without a passphrase, and the seconds sealing took; cached
    beside the roster while the sealing code is unchanged (sealing is slow by design)."""
    sealed, stamp = load.folder / "roster.sealed", load.folder / "roster.sealed.json"
    try:
        known = json.loads(stamp.read_text("utf-8"))
        if known["sealer"] == _sealer_hash() and sealed.exists():
            return sealed, float(known["seal_s"])
    except (OSError, ValueError, KeyError):
        pass
    say("roster: sealing")
    seal = run_worker("seal", {"path": str(load.roster), "out": str(sealed),
                               "today": TODAY.isoformat()})
    seal_s = float(seal.result["process_s"])
    stamp.write_text(json.dumps({"sealer": _sealer_hash(), "seal_s": seal_s}), "utf-8")
    return sealed, seal_s


def run_roster(plan: Plan, load: Workload, say: Any) -> dict[str, Any]:
    sealed, seal_s = sealed_roster(load, say)
    names = str(load.friends())
    runs: dict[str, list[Measurement]] = {"plain": [], "sealed": []}
    for turn in range(plan.repeats):
        for kind, path in (("plain", load.roster), ("sealed", sealed)):
            say(f"roster: {kind} matching ({turn + 1}/{plan.repeats})")
            runs[kind].append(run_worker("roster", {"kind": kind, "path": str(path),
                                                    "names": names,
                                                    "today": TODAY.isoformat()}))
    out: dict[str, Any] = {kind: _row(measured, load.truth) for kind, measured in runs.items()}
    out["seal_s"] = round(seal_s, 2)
    return out
