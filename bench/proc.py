"""One measurement = one subprocess: its wall time and its own peak memory.

Peak memory is the child's VmHWM (the kernel's high-water mark of its resident set since it
started the measured program), read from /proc every 20 ms while it runs; bench workers also
read their own VmHWM as they finish, so nothing at the very end is missed. ru_maxrss (from
`os.wait4`, exactly this child, never RUSAGE_CHILDREN's running maximum) is kept as a fallback
where /proc does not exist, and in the JSON as `ru_maxrss_mb`: Linux carries a process's
high-water mark across fork and exec, so it counts the harness's own size at the fork and
overstates small children (exiftool's 19 MB showed as 94 MB). Workloads that fork (spaCy's
n_process=2) also get the peak of the whole process tree's summed RSS, sampled with psutil.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_EVERY_S = 0.02


class BenchError(RuntimeError):
    """A measured command failed; the message carries the end of its error output."""


@dataclass
class Measurement:
    """What one subprocess cost, and what its worker reported (if it was a bench worker)."""

    wall_s: float
    peak_mb: float
    tree_peak_mb: float | None
    returncode: int
    ru_maxrss_mb: float = 0.0
    # CPU seconds (user + system) of the process and every descendant it waited for (a scan's
    # worker processes): unlike wall time, hardly changed by other work sharing the cores.
    cpu_s: float = 0.0
    result: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"wall_s": round(self.wall_s, 3), "peak_mb": round(self.peak_mb, 1),
                "tree_peak_mb": None if self.tree_peak_mb is None
                else round(self.tree_peak_mb, 1), "ru_maxrss_mb": round(self.ru_maxrss_mb, 1),
                "cpu_s": round(self.cpu_s, 3),
                "returncode": self.returncode}


def measure(cmd: Sequence[str], ok_codes: Sequence[int] = (0,),
            stdout: Path | None = None, env: Mapping[str, str] | None = None) -> Measurement:
    """Run `cmd`, wait for it, and say how long it took and how much memory it peaked at.
    Its output goes to `stdout` if given (else it is dropped); its errors are shown on failure.
    `env` adds to (or overrides) this process's environment for the command.
    """
    with (stdout.open("wb") if stdout else tempfile.TemporaryFile()) as out, \
            tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, cwd=ROOT,
                                env=None if env is None else {**os.environ, **env})
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok_codes:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise BenchError(f"{' '.join(cmd[:4])} ... exited {proc.returncode}: {tail}")
    maxrss = usage.ru_maxrss / 1024
    peak = sampler.hwm_mb if sampler.hwm_mb is not None else maxrss
    return Measurement(wall, peak, sampler.peak_mb, proc.returncode, maxrss,
                       cpu_s=usage.ru_utime + usage.ru_stime)


def run_worker(task: str, args: dict[str, Any],
               env: Mapping[str, str] | None = None) -> Measurement:
    """Run `python -m bench.worker TASK` with `args` (and `env` added to its environment); its
    JSON result lands in .result."""
    with tempfile.TemporaryDirectory(prefix="riskscan-bench-") as tmp:
        given, answer = Path(tmp) / "args.json", Path(tmp) / "result.json"
        given.write_text(json.dumps(args), encoding="utf-8")
        measured = measure([sys.executable, "-m", "bench.worker", task, str(given),
                            str(answer)], env=env)
        measured.result = json.loads(answer.read_text(encoding="utf-8"))
    if isinstance(own := measured.result.get("vm_hwm_mb"), float | int):
        measured.peak_mb = max(measured.peak_mb, float(own))
    return measured


def vm_hwm_mb(pid: int | str = "self") -> float | None:
    """A process's resident high-water mark in MB, from /proc (None where there is none)."""
    try:
        with Path(f"/proc/{pid}/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class _TreeSampler:
    """Polls the summed RSS of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb: float | None = None  # summed RSS of the tree (psutil)
        self.hwm_mb: float | None = None  # the root process's own VmHWM
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        psutil = _psutil()  # optional: without it there is no tree figure
        root = None
        if psutil is not None:
            try:
                root = psutil.Process(self.pid)
            except psutil.Error:
                root = None
        harness = _cmdline(os.getpid())
        while not self._done.is_set():
            # Until the child has exec'd it is a copy of the harness, with the harness's marks.
            if _cmdline(self.pid) not in (harness, b"") and \
                    (hwm := vm_hwm_mb(self.pid)) is not None:
                self.hwm_mb = max(self.hwm_mb or 0.0, hwm)
            if root is not None:
                self._sample_tree(psutil, root)
            self._done.wait(SAMPLE_EVERY_S)

    def _sample_tree(self, psutil: Any, root: Any) -> None:
        try:
            total = sum(_rss(p) for p in [root, *root.children(recursive=True)])
        except psutil.Error:  # the process ended between two looks
            return
        self.peak_mb = max(self.peak_mb or 0.0, total / 1024**2)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _psutil() -> Any:
    """psutil if installed (imported by name: it ships no type information)."""
    try:
        return importlib.import_module("psutil")
    except ImportError:
        return None


def _rss(proc: Any) -> int:
    try:
        return int(proc.memory_info().rss)
    except _psutil().Error:
        return 0
