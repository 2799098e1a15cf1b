"""Photo metadata: exiftool against scanner.media.read_image_meta on the same files.

exiftool runs as one process over every file (-json -n: numbers, signed GPS), asked for only
the five tags compared, the least work it can be given; its time is the process's wall time,
since a program using exiftool pays for starting it. The scanner reads photos inside a scan
that is already running, so its headline time is read_image_meta's over every file (opening
each file included); the whole worker process, Python's and Pillow's start-up included, is
reported beside it as `speedup_whole_process`. The values must agree: GPS to 1e-6 degrees,
DateTimeOriginal, Make and Model.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.plan import Plan
from bench.proc import Measurement, measure, run_worker
from bench.workloads import Workload

TAGS = ("GPSLatitude", "GPSLongitude", "DateTimeOriginal", "Make", "Model")
GPS_TOLERANCE = 1e-6


def exiftool_command(argfile: Path) -> list[str]:
    return ["exiftool", "-json", "-n", *(f"-{t}" for t in TAGS), "-@", str(argfile)]


def _exiftool(files: list[Path]) -> tuple[Measurement, dict[str, dict[str, Any]]]:
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-") as tmp:
        argfile, out = Path(tmp) / "files.txt", Path(tmp) / "out.json"
        argfile.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
        # exit 1 = some file had no requested tag (photos without EXIF): still a good run
        measured = measure(exiftool_command(argfile), ok_codes=(0, 1), stdout=out)
        rows = json.loads(out.read_text("utf-8") or "[]")
    return measured, {Path(r["SourceFile"]).name: r for r in rows}


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _agree(ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, bool]:
    lat, lon = theirs.get("GPSLatitude"), theirs.get("GPSLongitude")
    geo = ours["geo"]
    if geo is None or lat is None or lon is None:
        same_geo = geo is None and (lat is None or lon is None)
    else:
        same_geo = abs(geo[0] - float(lat)) <= GPS_TOLERANCE and \
            abs(geo[1] - float(lon)) <= GPS_TOLERANCE
    return {"gps": same_geo,
            "datetime_original": ours["taken"] == _text(theirs.get("DateTimeOriginal")),
            "make": ours["make"] == _text(theirs.get("Make")),
            "model": ours["model"] == _text(theirs.get("Model"))}


def compare(ours: dict[str, dict[str, Any]],
            theirs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    fields = ("gps", "datetime_original", "make", "model")
    agree = dict.fromkeys(fields, 0)
    differ: list[dict[str, Any]] = []
    for name, values in sorted(ours.items()):
        verdict = _agree(values, theirs.get(name, {}))
        for key, same in verdict.items():
            agree[key] += same
        if not all(verdict.values()) and len(differ) < 5:
            differ.append({"file": name, "scanner": values, "exiftool": theirs.get(name)})
    with_gps = sum(1 for v in ours.values() if v["geo"])
    return {"files": len(ours), "with_gps": with_gps, "agree": agree,
            "all_agree": all(n == len(ours) for n in agree.values()), "differences": differ}


def run_exif(plan: Plan, load: Workload, say: Any) -> tuple[dict[str, Any] | None, list[str]]:
    if shutil.which("exiftool") is None:
        return None, ["exiftool comparison skipped: exiftool is not installed "
                      "(apt-get install -y libimage-exiftool-perl)."]
    files = load.images(plan.exif_images)
    tools: dict[str, list[Measurement]] = {"exiftool": [], "scanner": []}
    theirs: dict[str, dict[str, Any]] = {}
    for turn in range(plan.repeats):
        say(f"photo metadata: exiftool and read_image_meta, {len(files)} files "
            f"({turn + 1}/{plan.repeats})")
        measured, theirs = _exiftool(files)
        tools["exiftool"].append(measured)
        tools["scanner"].append(run_worker("exif_scanner", {"files": [str(f) for f in files]}))
    best = {k: min(v, key=lambda m: m.wall_s) for k, v in tools.items()}
    out: dict[str, Any] = {"files": len(files)}
    for tool, measured in best.items():
        out[tool] = {"files_per_s": round(len(files) / measured.wall_s, 1),
                     "runs_s": [round(m.wall_s, 3) for m in tools[tool]], **measured.to_json()}
    reading_s = float(best["scanner"].result["process_s"])
    out["scanner"]["reading_s"] = round(reading_s, 3)
    out["scanner"]["reading_files_per_s"] = round(len(files) / reading_s, 1)
    out["speedup"] = round(best["exiftool"].wall_s / reading_s, 1)
    out["speedup_whole_process"] = round(best["exiftool"].wall_s / best["scanner"].wall_s, 1)
    out["values"] = compare(best["scanner"].result["values"], theirs)
    return out, []
