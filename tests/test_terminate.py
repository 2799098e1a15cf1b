"""`riskscan scan` stopped by SIGTERM (a service manager, `kill`) ends its picture workers too.

A real command in a child process scans a folder with enough pictures to start the workers;
the test waits until they exist, sends SIGTERM, and checks that every process is gone.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from detectors.images import ahead as _ahead
from fixtures.images import draw_scene, jpeg_bytes

ROOT = Path(__file__).resolve().parents[1]
SCENES = ("classroom", "lake", "garden", "park", "cake", "school_front")


def _photo_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    for index in range(count):
        scene = draw_scene(SCENES[index % len(SCENES)], seed=index, size=(320, 240))
        (folder / f"photo_{index:04d}.jpg").write_bytes(jpeg_bytes(scene))
    return folder


def _wait_for_workers(scan: psutil.Process, deadline: float) -> list[psutil.Process]:
    while time.monotonic() < deadline and scan.is_running():
        workers = scan.children(recursive=True)
        if workers:
            return workers
        time.sleep(0.05)
    return []


def test_sigterm_stops_the_scan_and_its_picture_workers(tmp_path: Path) -> None:
    folder = _photo_folder(tmp_path / "photos", _ahead.START_AFTER * 6)
    command = [sys.executable, "-m", "scanner.cli", "scan", str(folder), "--no-save",
               "--format", "json"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    try:
        workers = _wait_for_workers(psutil.Process(child.pid), time.monotonic() + 120)
        assert workers, "the scan finished before its picture workers could be seen"
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    _, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"{len(alive)} picture worker(s) outlived the stopped scan"
    assert child.returncode == 130
    assert "stopped" in stderr and "Traceback" not in stderr
