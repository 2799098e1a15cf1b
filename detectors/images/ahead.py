"""Analysing pictures in worker processes while the main one reads text.

Matching the school's logo costs tens of milliseconds a picture, and an export can hold
thousands of pictures; the language model is the other large cost. The pipeline hands each
chunk of records to the rules (`Detector.prepare`) some chunks before it reads them
(`scanner.pipeline.LOOKAHEAD`), a rule that will analyse pictures asks for that work here
(`detectors.images.pictures.work_ahead`), and worker processes do it while the main process reads
text. Two workers on two cores, not one: with one, the main process sat waiting through
stretches of photos while a core idled (Facebook, 100,000 posts with 2,000 photos: 52.2 s with
one worker, 45.8 s with two, in `python -m bench`). A thread would not do: Python-level work on
both sides fights over the interpreter lock, and a thread was measured twice as slow as no
help at all.

A worker opens the archive itself, by its path, and reads each picture from it, so nothing
large crosses between processes: a picture's digest and a small result come back. Results
fill the same per-scan caches the rules read (by digest), so verdicts are exactly those of
working in order; a job that fails is simply worked out again in order by the rule.

Small scans never start workers: their start-up (about a second, importing OpenCV) only pays
once a scan has more than `START_AFTER` pictures. Nothing leaves the machine.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from detectors.base import Context
from scanner.media import MAX_IMAGE_BYTES

Analysis = Callable[[bytes], object]
Job = tuple[Hashable, Path, str]  # (key the result is collected by, archive path, member)
Result = tuple[str, Any]  # (the picture's digest, what `analyse` said); ("", None): failed
START_AFTER = 64  # pictures seen before a worker is worth starting
# Pictures per batch: enough to spare round trips, few enough that stopping (Ctrl-C) waits for
# at most about a second of work already handed over.
BATCH = 16
# Results waiting to be collected, oldest dropped past this (a result no rule asks for must not
# be kept for the rest of the scan). The pipeline hands LOOKAHEAD + 1 chunks of records to the
# rules before it reads the first (4,608 records, any number of pictures each), and a result
# dropped before its record is read is worked out again in the main process, alone: at 4,096,
# a folder of 10,000 photos had most of them matched twice, once in a worker, once in order.
_PENDING_KEPT = 65_536


def digest_of(data: bytes) -> str:
    """What the caches key a picture by: the same bytes give the same results."""
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


class WorkAhead:
    """The worker processes of one scan and the jobs they have been given."""

    def __init__(self, start_after: int | None = None) -> None:
        self._start_after = START_AFTER if start_after is None else start_after
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        # key -> (name, the batch's job, the key's place in the batch)
        self._pending: OrderedDict[Hashable, list[tuple[str, Future[list[Result]], int]]] = \
            OrderedDict()

    def submit(self, name: str, analyse: Analysis, jobs: list[Job]) -> None:
        """Queue `analyse` of each (key, archive path, member) as one batch: the worker then
        goes through the batch on its own, with no round trip to this process per picture
        (those waited on this process's busy interpreter and left the worker idle)."""
        self._seen += len(jobs)
        if self._broken or self._seen <= self._start_after:
            return
        fresh = [job for job in dict.fromkeys(jobs)
                 if all(queued != name for queued, _, _ in self._pending.get(job[0], ()))]
        if not fresh:
            return
        for start in range(0, len(fresh), BATCH):
            if not self._send(name, analyse, fresh[start:start + BATCH]):
                return
        while len(self._pending) > _PENDING_KEPT:
            _, dropped = self._pending.popitem(last=False)
            for _, old, _ in dropped:
                old.cancel()

    def _send(self, name: str, analyse: Analysis, jobs: list[Job]) -> bool:
        try:
            batch = self._worker().submit(_analyse_batch, [(str(home), member)
                                                            for _, home, member in jobs],
                                          analyse)
        except (OSError, RuntimeError):  # no process could be started: work in order
            self._broken = True
            return False
        for place, (key, _, _) in enumerate(jobs):
            self._pending.setdefault(key, []).append((name, batch, place))
        return True

    def collect(self, key: Hashable) -> list[tuple[str, str, Any]]:
        """(name, digest, result) of the finished work for `key`, waiting for it if need be.
        Work that failed is left out: the rule works it out itself."""
        out = []
        for name, batch, place in self._pending.pop(key, []):
            try:
                digest, value = batch.result()[place]
            except Exception:  # noqa: BLE001 - any failure: the rule redoes it in order
                continue
            if digest:
                out.append((name, digest, value))
        return out

    def stop(self) -> None:
        """Drop work not started and end the workers (end of scan, or an error)."""
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the main process has the language model's threads running, and
            # forking a threaded process can deadlock the child.
            spawn = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(_workers(), mp_context=spawn,
                                             initializer=_worker_started)
        return self._pool


def _workers() -> int:
    """Two workers where there are two cores or more: with the main process that is one more
    process than cores, so the pictures' work fills the time the main process spends waiting
    for them; one on a single core."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def state(ctx: Context) -> WorkAhead:
    """The scan's WorkAhead, made on first use."""
    found = ctx.shared.get("_ahead")
    if not isinstance(found, WorkAhead):
        found = WorkAhead()
        ctx.shared["_ahead"] = found
    return found


def existing(ctx: Context) -> WorkAhead | None:
    """The scan's WorkAhead if anything was ever handed to it, without making one."""
    found = ctx.shared.get("_ahead")
    return found if isinstance(found, WorkAhead) else None


def stop(ctx: Context) -> None:
    found = ctx.shared.pop("_ahead", None)
    if isinstance(found, WorkAhead):
        found.stop()


# -- in a worker process ---------------------------------------------------------------------

_ARCHIVES: dict[str, Any] = {}


def _worker_started() -> None:
    # Ctrl-C is the main process's to handle: the worker must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One thread each for OpenCV and NumPy's BLAS: the main process and the other worker need
    # the cores. Spread over two cores, a logo match took a quarter less wall time but twice
    # the CPU time (measured alone: 20 ms on 2 cores against 26 ms on one).
    import cv2
    import numpy  # noqa: F401 - loads the BLAS library so its threads can be limited
    from threadpoolctl import threadpool_limits

    cv2.setNumThreads(1)
    threadpool_limits(limits=1)


def _analyse_batch(members: list[tuple[str, str]], analyse: Analysis) -> list[Result]:
    return [_analyse_member(home, member, analyse) for home, member in members]


def _analyse_member(home: str, member: str, analyse: Analysis) -> Result:
    """(digest, result) for one picture; ("", None) when it cannot be read or analysed."""
    from scanner.sources.archive import open_archive

    try:
        archive = _ARCHIVES.get(home)
        if archive is None:
            archive = _ARCHIVES[home] = open_archive(Path(home))
        with archive.open(member) as stream:
            data = stream.read(MAX_IMAGE_BYTES)
        return (digest_of(data), analyse(data)) if data else ("", None)
    except Exception:  # noqa: BLE001 - the main process redoes it in order and reports it
        return "", None
