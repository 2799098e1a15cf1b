"""Worker tasks besides name finding: the parsing floor, photo metadata, roster matching, and the
uncapped JSON report the accuracy scores are computed from."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any


def floor(args: dict[str, Any]) -> dict[str, Any]:
    """Unzip and parse every JSON member with orjson: the least any reader can do."""
    from bench.archives import parse_all

    started = time.perf_counter()
    counts = parse_all(Path(args["archive"]))
    return {"process_s": time.perf_counter() - started, **counts}


def exif_scanner(args: dict[str, Any]) -> dict[str, Any]:
    """scanner.media.read_image_meta over each file, as the scanner reads a photo."""
    from scanner.media import read_image_meta

    values: dict[str, Any] = {}
    started = time.perf_counter()
    for name in args["files"]:
        with Path(name).open("rb") as stream:
            meta = read_image_meta(stream)
        values[Path(name).name] = {
            "geo": list(meta.geo) if meta.geo else None,
            "taken": meta.taken.strftime("%Y:%m:%d %H:%M:%S") if meta.taken else None,
            "make": meta.make, "model": meta.model}
    return {"process_s": time.perf_counter() - started, "files": len(values),
            "values": values}


def decode_photos(args: dict[str, Any]) -> dict[str, Any]:
    """Read and fully decode every JPEG of a folder with Pillow: the least a photo check does."""
    from PIL import Image

    files = sorted(Path(args["folder"]).glob("*.jpg"))
    pixels = 0
    started = time.perf_counter()
    for path in files:
        with Image.open(path) as image:
            image.load()
            pixels += image.width * image.height
    return {"process_s": time.perf_counter() - started, "files": len(files), "pixels": pixels}


def seal(args: dict[str, Any]) -> dict[str, Any]:
    """`riskscan roster seal`'s work: the plain roster sealed (no passphrase) to `out`."""
    from detectors.roster.match import load_roster
    from detectors.roster.sealed import write_sealed

    today = date.fromisoformat(args["today"])
    started = time.perf_counter()
    write_sealed(load_roster(Path(args["path"]), today), Path(args["out"]), None, today)
    return {"process_s": time.perf_counter() - started}


def roster(args: dict[str, Any]) -> dict[str, Any]:
    """Load a plain or sealed roster and match every connection name against it."""
    from detectors.roster.match import load_roster
    from detectors.roster.sealed import load_sealed

    names: list[str] = json.loads(Path(args["names"]).read_text("utf-8"))
    today = date.fromisoformat(args["today"])
    started = time.perf_counter()
    if args["kind"] == "sealed":
        loaded: Any = load_sealed(Path(args["path"]), args.get("passphrase"))
    else:
        loaded = load_roster(Path(args["path"]), today)
    load_s = time.perf_counter() - started
    matched: list[list[Any]] = []
    started = time.perf_counter()
    for name in names:
        if found := loaded.match_name(name):
            matched.append([name, found[0].entry.role, found[0].how, found[0].certain])
    match_s = time.perf_counter() - started
    return {"load_s": load_s, "match_s": match_s, "process_s": load_s + match_s,
            "names": len(names), "roster": len(loaded), "matched": matched}


def scan_json(args: dict[str, Any]) -> dict[str, Any]:
    """`riskscan scan --format json` with the per-rule findings cap lifted, so every finding
    can be scored (the report keeps at most MAX_FINDINGS_PER_RULE examples per rule)."""
    from rich.console import Console

    import scanner.pipeline
    from scanner.commands.scan import ScanRequest, perform_scan
    from scanner.policy import DEMO_PACK
    from scanner.report.data import report_json

    scanner.pipeline.MAX_FINDINGS_PER_RULE = 10**9
    request = ScanRequest(paths=[Path(p) for p in args["paths"]], policy=DEMO_PACK,
                          roster=Path(args["roster"]), today=date.fromisoformat(args["today"]))
    started = time.perf_counter()
    result = perform_scan(request, Console(stderr=True))
    if result is None:
        raise RuntimeError("nothing could be read")
    doc = report_json(result)
    Path(args["out"]).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return {"process_s": time.perf_counter() - started, "report": args["out"]}
