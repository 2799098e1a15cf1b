"""Real-size photos: `riskscan scan` on a folder of N generated phone photos, side by side with
one process that only decodes the same photos with Pillow, in the same run.

Timing: the scan is the real command (default settings, the demo pack, the JSON report, saved
to a throwaway store), its peak memory that of all its processes; the peer reads every file
and fully decodes it (`Image.open(...).load()`), nothing else. Their ratio is the figure to
compare across machines and busy moments: both suffer alike when other work shares the cores.

Findings: the photo rules' findings (A3 logo, D1 pupils, D2 staff at school, D3 location),
uncapped (bench/photo_verdicts.py), against the generator's truth (which photos show the crest
or a decoy) and, with `--reference REV`, against the same scan made by the scanner's code at
git revision REV, finding by finding. A reference's findings are cached beside the photos.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.photo_sets import PhotoSet, photo_set
from bench.plan import Plan
from bench.proc import ROOT, BenchError, Measurement, measure, run_worker
from detectors.images.memory import SETTING as PICTURE_MEMORY
from scanner.policy import DEMO_PACK

VERDICTS = ROOT / "bench" / "photo_verdicts.py"
Say = Any


def scan_command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "scanner.cli", "scan", str(folder), "--policy",
            str(DEMO_PACK), "--format", "json", "-o", str(out)]


def _scan(folder: Path, memory: Path) -> tuple[Measurement, dict[str, Any]]:
    """The scan, with `memory` as its picture memory (a new file: nothing remembered yet)."""
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-") as tmp:
        out = Path(tmp) / "report.json"
        env = {"RISKSCAN_DATABASE_URL": f"sqlite:///{Path(tmp) / 'store.db'}",
               PICTURE_MEMORY: str(memory)}
        measured = measure(scan_command(folder, out), ok_codes=(0, 1), env=env)
        report: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return measured, report


def _peak(measured: Measurement) -> float:
    return round(max(measured.peak_mb, measured.tree_peak_mb or 0.0), 1)


def run_photos(plan: Plan, say: Say) -> list[dict[str, Any]]:
    commit = _commit(plan.reference) if plan.reference else None  # a bad one fails at once
    return [_one_size(plan, count, commit, say) for count in plan.photo_sizes]


def _one_size(plan: Plan, count: int, commit: str | None, say: Say) -> dict[str, Any]:
    say(f"photos: {count:,} real-size photos (drawn once, then cached)")
    photos = photo_set(plan.workdir, count, plan.seed)
    repeats = plan.repeats if count <= 1_000 else 1
    decodes, scans = [], []
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-memory-") as memories:
        for turn in range(repeats):
            say(f"photos: Pillow decode of {count:,} photos, then riskscan scan "
                f"({turn + 1}/{repeats})")
            decodes.append(run_worker("decode_photos", {"folder": str(photos.folder)}))
            memory = Path(memories) / f"scan-{turn}.sqlite3"
            measured, report = _scan(photos.folder, memory)
            scans.append(measured)
        say(f"photos: riskscan scan of the same {count:,} photos again, remembered")
        again, again_report = _scan(photos.folder, memory)
    decode = min(decodes, key=lambda m: m.wall_s)
    scan = min(scans, key=lambda m: m.wall_s)
    row: dict[str, Any] = {
        "photos": count, "megabytes": round(photos.megabytes, 1),
        "generated_s": round(photos.generated.wall_s, 1) if photos.generated else None,
        "decode": {"wall_s": round(decode.wall_s, 3), "cpu_s": round(decode.cpu_s, 3),
                   "peak_mb": round(decode.peak_mb, 1),
                   "photos_per_s": round(count / decode.wall_s, 1),
                   "runs_s": [round(m.wall_s, 3) for m in decodes]},
        "scan": {"wall_s": round(scan.wall_s, 3), "cpu_s": round(scan.cpu_s, 3),
                 "peak_mb": _peak(scan),
                 "photos_per_s": round(count / scan.wall_s, 1),
                 "runs_s": [round(m.wall_s, 3) for m in scans],
                 "exit_code": scan.returncode,
                 "counts": {r["rule"]: r["count"] for r in report.get("checklist", [])
                            if r["rule"] in ("A3", "D1", "D2", "D3")}},
        "ratio": round(scan.wall_s / decode.wall_s, 1),
        "cpu_ratio": round(scan.cpu_s / decode.cpu_s, 1) if decode.cpu_s else None,
        # the last scan again, its pictures' results in the picture memory it left
        "remembered": {"wall_s": round(again.wall_s, 3), "cpu_s": round(again.cpu_s, 3),
                       "peak_mb": _peak(again), "vs_first": round(again.wall_s /
                                                                  scans[-1].wall_s, 3),
                       "same_report": _checklist(again_report) == _checklist(report)},
    }
    say(f"photos: findings of every photo rule, {count:,} photos")
    ours = verdicts_of(photos.folder, ROOT)
    row["findings_cpu_s"] = ours["cpu_s"]
    row["findings"] = score_truth(ours["findings"], photos)
    row["findings"]["counts_match_report"] = _counts(ours["findings"]) == row["scan"]["counts"]
    if commit:
        row["reference"] = _against_reference(commit, plan.workdir, photos, ours["findings"],
                                              say)
    return row


def _checklist(report: dict[str, Any]) -> list[Any]:
    """What a report says, rule by rule, without when it was made."""
    return [(r["rule"], r.get("status"), r.get("count"), r.get("findings"))
            for r in report.get("checklist", [])]


# -- findings ---------------------------------------------------------------------------------

def verdicts_of(folder: Path, code: Path) -> dict[str, Any]:
    """The uncapped photo findings of a scan of `folder` made by the code under `code`."""
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-") as tmp:
        out = Path(tmp) / "verdicts.json"
        env = {"PYTHONPATH": str(code), "RISKSCAN_DATABASE_URL": f"sqlite:///{tmp}/store.db",
               PICTURE_MEMORY: "off"}  # worked out afresh, to time and compare
        measured = measure([sys.executable, str(VERDICTS), str(folder), str(out)], env=env)
        found: dict[str, Any] = json.loads(out.read_text("utf-8"))
    found["cpu_s"] = round(measured.cpu_s, 3)  # the whole scan's, its workers' included
    if Path(found["code"]) != code.resolve():
        raise BenchError(f"the findings were made by the code in {found['code']}, not {code}")
    return found


def _counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    return counts


def score_truth(findings: list[dict[str, Any]], photos: PhotoSet) -> dict[str, Any]:
    """The crest photos the logo rules found, and what else they flagged."""
    crest = {p["name"] for p in photos.truth if p["logo"]}
    decoys = {p["name"] for p in photos.truth if p["decoy"]}
    out: dict[str, Any] = {"crest_photos": len(crest), "decoy_photos": len(decoys)}
    for rule in ("A3", "D2"):
        flagged = {_name(f["record"]) for f in findings if f["rule"] == rule}
        out[rule] = {"flagged": len(flagged), "crest_found": len(flagged & crest),
                     "decoys_flagged": len(flagged & decoys),
                     "others_flagged": len(flagged - crest - decoys),
                     "strong": sum(1 for f in findings if f["rule"] == rule and f["certain"])}
    out["D1"] = {"flagged": sum(1 for f in findings if f["rule"] == "D1"),
                 "certain": sum(1 for f in findings if f["rule"] == "D1" and f["certain"]),
                 "with_faces": sum(1 for f in findings
                                   if f["rule"] == "D1" and "in the picture" in f["why"])}
    out["D3"] = {"flagged": sum(1 for f in findings if f["rule"] == "D3"),
                 "photos_with_gps": sum(1 for p in photos.truth if p["geo"])}
    return out


def _name(record: str) -> str:
    return record.rsplit("/", 1)[-1]


def compare(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> dict[str, Any]:
    """Finding by finding: the verdict (rule, photo, certain) and the explanation."""
    def verdict(f: dict[str, Any]) -> tuple[str, str, bool]:
        return (f["rule"], f["record"], f["certain"])

    mine, other = {verdict(f) for f in ours}, {verdict(f) for f in theirs}
    why_mine = {(f["rule"], f["record"], f["why"]) for f in ours}
    why_other = {(f["rule"], f["record"], f["why"]) for f in theirs}
    return {"findings": len(ours), "reference_findings": len(theirs),
            "same_verdicts": mine == other,
            "only_ours": sorted(mine - other), "only_reference": sorted(other - mine),
            "explanations_differ": len(why_mine - why_other),
            # every explanation that differs, ours then the reference's, to read side by side
            "explanations_ours": sorted(why_mine - why_other),
            "explanations_reference": sorted(why_other - why_mine)}


def _against_reference(commit: str, workdir: Path, photos: PhotoSet,
                       ours: list[dict[str, Any]], say: Say) -> dict[str, Any]:
    cached = photos.folder.parent / f"reference-{commit[:12]}-n{photos.count}.json"
    if not cached.exists():
        say(f"photos: findings of the reference code ({commit[:12]}), {photos.count:,} photos")
        code = _checkout(workdir, commit)
        cached.write_text(json.dumps(verdicts_of(photos.folder, code)), encoding="utf-8")
    theirs = json.loads(cached.read_text("utf-8"))
    return {"commit": commit[:12], "reference_scan_s": theirs["scan_s"],
            "reference_cpu_s": theirs.get("cpu_s"), **compare(ours, theirs["findings"])}


def _commit(revision: str) -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
                              cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BenchError(f"--reference {revision}: not a commit of this repository") from exc


def _checkout(workdir: Path, commit: str) -> Path:
    """The commit's files (git archive), extracted once under the work dir."""
    code = workdir / f"code-{commit[:12]}"
    if not (code / "scanner").is_dir():
        partial = code.with_name(code.name + ".partial")
        partial.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive, check=True)
        partial.replace(code)
    return code
