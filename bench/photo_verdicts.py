"""Every picture finding of a scan of a folder, uncapped: `python photo_verdicts.py FOLDER OUT`.

The report lists at most 200 findings a rule, too few to compare two versions of the scanner
on thousands of photos, so this runs the same scan as `riskscan scan FOLDER` with the demo
pack (the pipeline, the pack's roster, today's date) with the cap lifted, and writes each
finding of the photo rules as JSON. It imports only what old versions of the scanner also
have, so the benchmark can run it against another commit's code (`--reference`): the code it
scans with is whatever `scanner` the Python path finds first.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import scanner
import scanner.pipeline as pipeline
from detectors.roster.match import load_roster
from scanner.pipeline import ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.sources import load_sources

RULES = ("A3", "D1", "D2", "D3")


def verdicts(folder: Path) -> dict[str, object]:
    pipeline.MAX_FINDINGS_PER_RULE = 10**9  # every finding, for comparing
    policy = load_policy(DEMO_PACK)
    today = date.today()
    roster = load_roster(policy.roster_path, today) if policy.roster_path else None
    loaded = load_sources([folder])
    started = time.perf_counter()
    try:
        result = scan(loaded.sources, policy, ScanOptions(today=today, roster=roster))
    finally:
        loaded.close()
    findings = [{"rule": item.rule.id, "record": f.ref.record, "certain": f.certain,
                 "why": f.why}
                for item in result.checklist if item.rule.id in RULES for f in item.findings]
    return {"code": str(Path(scanner.__file__).resolve().parents[1]),
            "scan_s": round(time.perf_counter() - started, 3), "findings": findings}


if __name__ == "__main__":
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(json.dumps(verdicts(folder)), encoding="utf-8")
