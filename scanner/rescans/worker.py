"""`riskscan worker`: the rescan service, on APScheduler 3.

The database is the truth. A sync job (every 30 seconds, and at start) reads the live consents
and keeps one scheduler job per consent, due at its `next_due` (a rescan that is overdue, say
after the worker was stopped, is due at once): new consents get a job, changed ones are
rescheduled, withdrawn and expired ones lose theirs, without a restart. The same job expires
consents and queues reminders. A delivery job retries unsent messages every few minutes.

Jobs run on a small thread pool with `coalesce` (a backlog of one consent's runs is one run),
`max_instances=1`, and `misfire_grace_time` (a job that could not start within the grace, for
example after the machine slept, is dropped and the next sync schedules it again). Jitter is in
each consent's due time itself (scanner.rescans.schedule). A rescan stops at its time limit.
Several workers may share one PostgreSQL: each rescan is claimed (scanner.rescans.claims), so
whichever worker gets there first does it and the others skip it. On SQLite one worker runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from scanner.errors import ScanError
from scanner.rescans.engine import (
    Outcome,
    RescanSettings,
    rescan_due,
    rescan_next,
    sweep,
    warm_up,
)
from scanner.rescans.notify import deliver_pending
from storage.consents import LIVE, all_consents
from storage.db import Store
from storage.models import ConsentRow
from storage.repository import aware

SYNC_EVERY_S = 30.0
DELIVER_EVERY_S = 300.0
MISFIRE_GRACE_S = 600
THREADS = 4
SYNC_JOB, DELIVER_JOB, PREFIX = "sync", "deliver", "rescan:"
log = logging.getLogger("riskscan.worker")
Report = Callable[[str], None]


@dataclass
class WorkerOptions:
    threads: int = THREADS
    sync_every: float = SYNC_EVERY_S
    deliver_every: float = DELIVER_EVERY_S
    misfire_grace: int = MISFIRE_GRACE_S


class Worker:
    """The scheduler, its jobs, and what they call. `report` gets one line per event (ids and
    counts only, never content)."""

    def __init__(self, store: Store, name: str, settings: RescanSettings,
                 options: WorkerOptions, report: Report,
                 scheduler: BaseScheduler | None = None) -> None:
        self.store = store
        self.name = name
        self.settings = settings
        self.options = options
        self.report = report
        self.scheduler = scheduler or BlockingScheduler(timezone=UTC)
        self.scheduler.configure(
            executors={"default": ThreadPoolExecutor(options.threads)},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": options.misfire_grace},
            timezone=UTC)
        self._lock = threading.Lock()

    def start(self) -> None:
        """Load the models, add the sync and delivery jobs (both run at once) and start the
        scheduler."""
        warm_up(self.store, self.settings)
        now = datetime.now(UTC)
        self.scheduler.add_job(self.sync, IntervalTrigger(seconds=self.options.sync_every),
                               id=SYNC_JOB, next_run_time=now, replace_existing=True)
        self.scheduler.add_job(self.deliver,
                               IntervalTrigger(seconds=self.options.deliver_every),
                               id=DELIVER_JOB, next_run_time=now, replace_existing=True)
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def sync(self) -> None:
        """Make the scheduler's rescan jobs match the live consents in the database."""
        with self._lock:
            try:
                self._sync()
            except ScanError as exc:  # the database went away: the next sync tries again
                self.report(f"worker {self.name}: {exc}")

    def _sync(self) -> None:
        counts = sweep(self.store, self.settings)
        if any(counts.values()):
            self.report(f"worker {self.name}: {counts['expired']} consents expired (their data "
                        f"deleted), {counts['reminded']} reminders queued")
        now = self.settings.clock()
        wanted = {f"{PREFIX}{row.id}": max(aware(row.next_due), now, _claim_end(row))
                  for row in all_consents(self.store)
                  if row.status == LIVE and row.next_due is not None}
        for job in self.scheduler.get_jobs():
            if job.id.startswith(PREFIX) and job.id not in wanted:
                job.remove()
        for job_id, when in wanted.items():
            self._schedule(job_id, when)

    def _schedule(self, job_id: str, when: datetime) -> None:
        job = self.scheduler.get_job(job_id)
        if job is not None:
            planned = getattr(job, "next_run_time", None)
            if planned is not None and abs(planned - when) < timedelta(seconds=1):
                return
            job.reschedule(DateTrigger(run_date=when, timezone=UTC))
            return
        self.scheduler.add_job(self.rescan_job, DateTrigger(run_date=when, timezone=UTC),
                               args=[job_id.removeprefix(PREFIX)], id=job_id,
                               replace_existing=True)

    def rescan_job(self, consent_id: str) -> None:
        """A consent fell due: do the due rescan best done next (often that one; when many
        are due at once, the one whose host is free soonest, so threads spread over hosts)."""
        try:
            outcome = rescan_next(self.store, self.name, self.settings)
        except ScanError as exc:
            self.report(f"worker {self.name}: consent {consent_id}: {exc}")
            return
        if outcome is not None:
            self.report(outcome.line)

    def deliver(self) -> None:
        try:
            counts = deliver_pending(self.store, self.settings.mail, self.settings.clock())
        except ScanError as exc:
            self.report(f"worker {self.name}: {exc}")
            return
        if any(counts.values()):
            self.report(f"worker {self.name}: messages: {counts['sent']} sent, "
                        f"{counts['failed']} to retry later")


def _claim_end(row: ConsentRow) -> datetime:
    """When another worker's claim on the consent runs out (the epoch if unclaimed)."""
    return aware(row.claim_until) if row.claim_until is not None else datetime.min.replace(
        tzinfo=UTC)


def run_once(store: Store, name: str, settings: RescanSettings, threads: int = 1
             ) -> list[Outcome]:
    """`worker --once`: expire and remind, rescan everything due, send what is waiting."""
    sweep(store, settings)
    outcomes = rescan_due(store, name, settings, threads=threads)
    deliver_pending(store, settings.mail, settings.clock())
    return outcomes


class SingleWorkerLock:
    """On SQLite, one worker at a time: an exclusive lock on a file beside the database,
    released by the operating system when the worker ends, however it ends."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".worker-lock")
        self._stream: Any = None

    def acquire(self) -> bool:
        try:
            import fcntl
        except ImportError:  # Windows: no second-worker check
            return True
        stream = self.path.open("a+")
        self.path.chmod(0o600)
        try:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            stream.close()
            return False
        self._stream = stream
        return True

    def release(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
