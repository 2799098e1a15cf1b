"""End-to-end `riskscan scan` on each archive, and the floor (unzip + orjson) on the same."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.proc import measure, run_worker
from bench.workloads import Workload
from scanner.policy import DEMO_PACK


def scan_command(archive: Path, roster: Path, out: Path) -> list[str]:
    """Default settings, the demo pack's policy, the generated roster, the JSON report."""
    return [sys.executable, "-m", "scanner.cli", "scan", str(archive), "--policy",
            str(DEMO_PACK), "--roster", str(roster), "--format", "json", "-o", str(out)]


def scan_one(load: Workload, platform: str, archive: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-") as tmp:
        out = Path(tmp) / "report.json"
        # Default settings save the scan to the store: measured too, but into a throwaway
        # store, never the store of whoever runs the benchmark.
        store = {"RISKSCAN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'store.db'}"}
        measured = measure(scan_command(archive, load.roster, out), ok_codes=(0, 1), env=store)
        report = json.loads(out.read_text("utf-8"))
    counts = report["scanned"]["counts"]
    return {"posts": load.posts, "platform": platform, "archive": archive.name,
            "archive_mb": round(archive.stat().st_size / 1024**2, 1),
            "records": counts, "posts_read": counts.get("post", 0),
            "posts_per_s": round(load.posts / measured.wall_s, 1),
            "exit_code": measured.returncode, **measured.to_json(),
            # A scan with many pictures starts a worker process (detectors/images/ahead.py): its
            # peak is the whole tree's (sampled), never less than the main process's own.
            "main_peak_mb": round(measured.peak_mb, 1),
            "peak_mb": round(max(measured.peak_mb, measured.tree_peak_mb or 0.0), 1)}


def floor_one(load: Workload, platform: str, archive: Path) -> dict[str, Any]:
    measured = run_worker("floor", {"archive": str(archive)})
    result = measured.result
    return {"posts": load.posts, "platform": platform, "posts_parsed": result["posts"],
            "json_mb": round(result["bytes"] / 1024**2, 1),
            "process_s": round(result["process_s"], 3),
            "posts_per_s": round(load.posts / measured.wall_s, 1), **measured.to_json()}


def run_scans(loads: list[Workload], say: Any) -> list[dict[str, Any]]:
    rows = []
    for load in loads:
        for platform, archive in load.archives().items():
            say(f"riskscan scan: {platform}, {load.posts:,} posts")
            rows.append(scan_one(load, platform, archive))
    return rows


def run_floors(loads: list[Workload], say: Any) -> list[dict[str, Any]]:
    rows = []
    for load in loads:
        for platform, archive in load.archives().items():
            say(f"floor (unzip + orjson): {platform}, {load.posts:,} posts")
            rows.append(floor_one(load, platform, archive))
    return rows


def pair_up(scans: list[dict[str, Any]], floors: list[dict[str, Any]]) -> None:
    """Each scan row gets how many times slower than its floor it is."""
    by_key = {(f["posts"], f["platform"]): f for f in floors}
    for row in scans:
        floor = by_key.get((row["posts"], row["platform"]))
        if floor:
            row["vs_floor"] = round(row["wall_s"] / floor["wall_s"], 1)
