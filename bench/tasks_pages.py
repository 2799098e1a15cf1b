"""The pages benchmark's worker: read the addresses through riskscan's fetcher, then scan them
against the demo school's policy (language model on, as a real scan)."""

from __future__ import annotations

import time
from typing import Any

from scanner.net import NetSettings
from scanner.pipeline import ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.sources.web import load_addresses


def _no_dns(host: str, port: int) -> list[str]:
    raise OSError(-2, "the benchmark uses addresses only")


def pages(args: dict[str, Any]) -> dict[str, Any]:
    settings = NetSettings(host_gap=float(args["gap"]), resolver=_no_dns)
    started = time.perf_counter()
    loaded = load_addresses(list(args["addresses"]), settings)
    read_s = time.perf_counter() - started
    unread = [s.path for s in loaded.sources if s.not_checked] + [p.path for p in loaded.failed]
    out: dict[str, Any] = {"read_s": round(read_s, 3), "sources": len(loaded.sources),
                           "not_checked": len(unread),
                           "pages_fetched": sum(len(s.pages) for s in loaded.sources)}
    if args.get("scan"):
        started = time.perf_counter()
        result = scan(loaded.sources, load_policy(DEMO_PACK), ScanOptions())
        out["scan_s"] = round(time.perf_counter() - started, 3)
        out["records"] = sum(result.counts.values())
    return out
