"""Per-rule accuracy: one scan of both archives with every finding kept, scored by record."""

from __future__ import annotations

import json
from typing import Any

from bench.proc import run_worker
from bench.score_rules import score_report
from bench.workloads import Workload
from fixtures.school import TODAY


def run_accuracy(load: Workload, say: Any) -> dict[str, Any]:
    say(f"accuracy: scanning both {load.posts:,}-post archives with every finding kept")
    out = load.folder / "report-uncapped.json"
    measured = run_worker("scan_json", {"paths": [str(p) for p in load.archives().values()],
                                        "roster": str(load.roster), "out": str(out),
                                        "today": TODAY.isoformat()})
    report = json.loads(out.read_text("utf-8"))
    scores = score_report(report, load.folder, load.truth)
    scores["archive_posts"] = load.posts
    scores["scan_wall_s"] = round(measured.wall_s, 2)
    scores["statuses"] = {item["rule"]: item["status"] for item in report["checklist"]}
    return scores
