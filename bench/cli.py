"""`python -m bench [--quick]`: run every measurement, print the table, write the JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.machine import describe, load_average
from bench.plan import OFFLINE_SECTIONS, SECTIONS, Plan, full_plan, quick_plan
from bench.proc import BenchError
from bench.run_accuracy import run_accuracy
from bench.run_bios import run_bios
from bench.run_exif import run_exif
from bench.run_ner import run_ner
from bench.run_pages import run_pages
from bench.run_photos import run_photos
from bench.run_rescans import run_rescans
from bench.run_roster import run_roster
from bench.run_scan import pair_up, run_floors, run_scans
from bench.table import print_report
from bench.targets import judge_all
from bench.workloads import Workload, workload
from detectors.images.memory import SETTING as PICTURE_MEMORY

Say = Callable[[str], None]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Measure riskscan's speed, memory and accuracy against baselines on "
                    "generated fictional archives, print a table and write a JSON file.")
    parser.add_argument("--quick", action="store_true",
                        help="10,000 posts only, fewer photos and texts: under two minutes")
    parser.add_argument("--workdir", type=Path,
                        help="where generated archives are cached (default "
                             "~/.cache/riskscan-bench)")
    parser.add_argument("-o", "--output", type=Path, default=Path("bench-results.json"),
                        help="the JSON results file (default bench-results.json)")
    parser.add_argument("--sizes", help="archive sizes in posts, e.g. 10000,100000")
    parser.add_argument("--photos", help="photos section: folder sizes in photos, e.g. 300,10000")
    parser.add_argument("--reference", metavar="REV",
                        help="photos section: also scan with the code of this git revision "
                             "and compare every finding (cached per revision)")
    parser.add_argument("--only", help=f"run only these sections: {','.join(SECTIONS)}")
    parser.add_argument("--repeats", type=int,
                        help="runs of each short comparison, interleaved; the best is kept")
    parser.add_argument("--show", type=Path, metavar="RESULTS",
                        help="print the table of an earlier run's JSON file, measuring nothing")
    return parser


def plan_from(args: argparse.Namespace) -> Plan:
    plan = quick_plan() if args.quick else full_plan()
    if args.workdir:
        plan = replace(plan, workdir=args.workdir)
    if args.sizes:
        plan = replace(plan, sizes=tuple(int(s) for s in args.sizes.split(",")))
    if args.photos:
        plan = replace(plan, photo_sizes=tuple(int(s) for s in args.photos.split(",")))
    if args.reference:
        plan = replace(plan, reference=args.reference)
    if args.only:
        unknown = set(args.only.split(",")) - set(SECTIONS)
        if unknown:
            raise SystemExit(f"unknown section(s): {', '.join(sorted(unknown))}")
        plan = replace(plan, sections=tuple(args.only.split(",")))
    if args.repeats:
        plan = replace(plan, repeats=max(1, args.repeats))
    return plan


def _sayer(console: Console) -> Say:
    started = time.perf_counter()

    def say(message: str) -> None:
        console.print(f"[dim][{time.perf_counter() - started:6.1f}s][/] {message}",
                      highlight=False)

    return say


def _section(results: dict[str, Any], key: str, say: Say, work: Callable[[], Any]) -> None:
    """Run one section; a failure is recorded as a note and the run goes on."""
    try:
        found = work()
    except (BenchError, OSError, ValueError, KeyError) as exc:
        say(f"[red]{key} failed[/]: {exc}")
        results["notes"].append(f"{key} failed: {exc}")
        results["failed"].append(key)
        return
    if isinstance(found, tuple):
        found, notes = found
        results["notes"].extend(notes)
    if found is not None:
        results[key] = found


def _workloads(plan: Plan, say: Say) -> list[Workload]:
    loads = []
    for posts in sorted({*plan.sizes, plan.accuracy_size}):
        load = workload(plan, posts)
        say(f"archives of {posts:,} posts: " + ("generated in "
            f"{load.generated.wall_s:.1f} s" if load.generated else "reused from the cache")
            + f" ({load.folder})")
        loads.append(load)
    return loads


def _made(load: Workload | None) -> Workload:
    if load is None:
        raise BenchError("the archives were not generated")
    return load


def run(plan: Plan, output: Path, console: Console,
        command: str = "python -m bench") -> dict[str, Any]:
    """Every section of the plan; the results are written to `output` and returned."""
    say = _sayer(console)
    started = time.perf_counter()
    plan.workdir.mkdir(parents=True, exist_ok=True)
    # Every scan measured works its pictures out afresh (a repeat would otherwise take them
    # from the first run's picture memory), and the person's own memory is left alone; the
    # photos section measures a remembered scan on purpose, with a memory of its own.
    os.environ[PICTURE_MEMORY] = "off"
    results: dict[str, Any] = {"meta": describe() | {"command": command},
                               "plan": plan.to_json(), "notes": [], "failed": []}
    # The bios, photos and pages sections make their own inputs, not the archives (`--only
    # bios,photos,pages` generates none).
    loads = _workloads(plan, say) if set(plan.sections) - set(OFFLINE_SECTIONS) else []
    sized = [w for w in loads if w.posts in plan.sizes]
    base = next((w for w in loads if w.posts == plan.accuracy_size), None)
    results["workloads"] = [{"posts": w.posts, "folder": str(w.folder),
                             "generated_s": round(w.generated.wall_s, 2) if w.generated
                             else None} for w in loads]
    sections: dict[str, Callable[[], Any]] = {
        "scan": lambda: run_scans(sized, say), "floor": lambda: run_floors(sized, say),
        "ner": lambda: run_ner(plan, _made(base), say),
        "exif": lambda: run_exif(plan, _made(base), say),
        "roster": lambda: run_roster(plan, _made(base), say),
        "accuracy": lambda: run_accuracy(_made(base), say), "bios": lambda: run_bios(say),
        "photos": lambda: run_photos(plan, say), "pages": lambda: run_pages(plan, say),
        "rescans": lambda: run_rescans(plan, say)}
    for key in SECTIONS:
        if key in plan.sections:
            _section(results, key, say, sections[key])
    if results.get("ner"):
        results["accuracy"] = results.get("accuracy", {}) | {"person": {
            engine: row["person"] for engine, row in results["ner"]["engines"].items()}}
    pair_up(results.get("scan", []), results.get("floor", []))
    results["targets"] = [t.to_json() for t in judge_all(results)]
    results["meta"]["total_s"] = round(time.perf_counter() - started, 1)
    results["meta"]["load_average_end"] = load_average()
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = Console(width=None if sys.stdout.isatty() else 140, highlight=False)
    if args.show:
        print_report(json.loads(args.show.read_text("utf-8")), out)
        return 0
    plan = plan_from(args)
    console = Console(stderr=True)
    command = " ".join(["python -m bench", *(sys.argv[1:] if argv is None else argv)])
    results = run(plan, args.output, console, command)
    print_report(results, out)
    console.print(f"Results written to {args.output} ({results['meta']['total_s']} s)",
                  highlight=False)
    return 1 if results["failed"] else 0
