"""A4 on real profile bios: the disclaimer detector beside its previous version (issue 14).

Reads `../shared/real-samples/bios-dev/bios.tsv` in place (bench/bios.py). Each detector is
scored on the dev half (looked at while building the grammar), on the check half (only
scored, until its last two misses were read on 2026-12-06) and on both; the `ambiguous` rows
are left out. Both run in this process on the same bios, so their speeds are comparable too.
Without the file the section is skipped with a note.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bench import disclaimer_v1
from bench.bios import BIOS_TSV, HALVES, Bio, read_bios, score
from detectors.text import disclaimer as _disclaimer

DETECTORS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "grammar": ("A4 now (grammar, detectors/text/disclaimer.py)", _disclaimer.has_disclaimer),
    "v1": ("A4 before issue 14 (wording list, bench/disclaimer_v1.py)",
           disclaimer_v1.has_disclaimer),
}


def run_bios(say: Any) -> tuple[dict[str, Any] | None, list[str]]:
    if not BIOS_TSV.is_file():
        return None, [f"bios skipped: real bios not found at {BIOS_TSV} (they sit in the "
                      "'shared' folder beside the project, which a fresh clone does not have); "
                      "A4 precision and recall on real bios not measured"]
    bios = read_bios(BIOS_TSV)
    say(f"bios: A4 on {len(bios)} real bios, now and before issue 14")
    out: dict[str, Any] = {"bios": len(bios), "source": str(BIOS_TSV),
                           "ambiguous_left_out": sum(b.label == "ambiguous" for b in bios),
                           "detectors": {}}
    for key, (label, detect) in DETECTORS.items():
        out["detectors"][key] = {"label": label, **_scores(bios, detect)}
    return out, []


def _scores(bios: list[Bio], detect: Callable[[str], bool]) -> dict[str, Any]:
    started = time.perf_counter()
    for bio in bios:
        detect(bio.text)
    seconds = time.perf_counter() - started
    halves = {half: score([b for b in bios if half in ("all", b.half)], detect)
              for half in (*HALVES, "all")}
    return {"halves": halves, "bios_per_s": round(len(bios) / seconds) if seconds else None}
