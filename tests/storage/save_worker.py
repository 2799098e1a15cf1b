"""A separate process that saves runs, for the kill and concurrency tests (not a test itself).

    python save_worker.py URL PERSON RUNS FINDINGS [GO_FILE]

Waits for GO_FILE to exist (so several workers start together), then saves RUNS runs of
FINDINGS findings each and prints the seconds each save took. With RISKSCAN_TEST_PAUSE_IN_SAVE
set, each save stops inside its transaction for that long.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from storage.repository import RuleOutcome, RunRecord, StoredFinding, save_run
from storage.store import open_store


def record(person: str, number: int, findings: int) -> RunRecord:
    now = datetime.now(UTC)
    found = [StoredFinding("B1", "facebook", "connections/friends.json", f"{person}-{i}",
                           "a redacted excerpt", "roster match", i % 2 == 0,
                           f"{number:04x}{i:012x}", "worker") for i in range(findings)]
    return RunRecord(now, now, "test", "Oakwood Primary School",
                     [RuleOutcome("B1", "risk", findings, findings // 2)], found,
                     [{"platform": "facebook", "export_version": None, "counts": {}}])


def main(argv: list[str]) -> int:
    url, person, runs, findings = argv[0], argv[1], int(argv[2]), int(argv[3])
    go = Path(argv[4]) if len(argv) > 4 else None
    store = open_store(url, retention=0)
    while go is not None and not go.exists():
        time.sleep(0.01)
    for number in range(runs):
        started = time.perf_counter()
        save_run(store, person, record(person, number, findings))
        print(f"saved {time.perf_counter() - started:.3f}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
