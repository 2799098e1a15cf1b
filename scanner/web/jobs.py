"""A job (a scan, or the workshop's live scan of the fictional staff) running in a thread
beside the server: its progress for the page, a way to stop it, and its result or problem.

One job at a time: a second tab asking to start one while it runs is told so, not queued.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scanner.app.scan import ScanEvents, ScanStoppedError
from scanner.errors import ScanError

RUNNING, DONE, FAILED, STOPPED = "running", "done", "failed", "stopped"


class BusyError(ScanError):
    def __init__(self) -> None:
        super().__init__("A scan is already running, perhaps in another tab or window. Wait "
                         "for it to finish (or stop it on its page), then start again.")


@dataclass
class Job:
    kind: str  # "scan" | "workshop"
    state: str = RUNNING
    records: int = 0
    step: str = "Getting ready"
    message: str = ""
    notes: list[str] = field(default_factory=list)
    result: Any = None
    started: float = field(default_factory=time.monotonic)
    stop: threading.Event = field(default_factory=threading.Event)

    def events(self) -> ScanEvents:
        """What the scan reports back to this job."""

        def counted(records: int) -> None:
            self.records += records
            self.step = "Reading your exports"

        def unread(errors: list[str], nothing_read: bool) -> None:
            self.notes.extend(errors)

        def demo_policy() -> None:
            self.notes.append("No policy pack was given, so your exports were checked against "
                              "the demo school. Ask your DSL for your school's pack.")

        return ScanEvents(demo_policy=demo_policy, unread=unread, progress=counted,
                          stop_requested=self.stop.is_set)

    def snapshot(self) -> dict[str, Any]:
        return {"kind": self.kind, "state": self.state, "records": self.records,
                "step": self.step, "message": self.message, "notes": list(self.notes),
                "seconds": round(time.monotonic() - self.started)}


class Jobs:
    """The one job that may run, and the last one that finished."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current: Job | None = None

    def start(self, kind: str, work: Callable[[Job], Any],
              finished: Callable[[Job], None] | None = None) -> Job:
        """Run `work(job)` in a thread; its return value becomes `job.result`. A ScanError
        becomes the job's message; anything else a general one (details only with
        RISKSCAN_DEBUG). `finished(job)` runs afterwards, whatever happened."""
        with self._lock:
            if self.current is not None and self.current.state == RUNNING:
                raise BusyError
            job = Job(kind)
            self.current = job
        thread = threading.Thread(target=self._run, args=(job, work, finished),
                                  name=f"riskscan-{kind}", daemon=True)
        thread.start()
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Job], Any],
             finished: Callable[[Job], None] | None) -> None:
        try:
            job.result = work(job)
            job.state = DONE
        except ScanStoppedError:
            job.state, job.message = STOPPED, ("You stopped the scan. Nothing from it was "
                                               "saved; your uploads are still here.")
        except ScanError as problem:
            job.state, job.message = FAILED, _sentence(str(problem))
        except Exception as problem:  # noqa: BLE001 - the server keeps running, the page says so
            if os.environ.get("RISKSCAN_DEBUG"):
                import traceback

                traceback.print_exception(problem)
            job.state, job.message = FAILED, (
                f"Something went wrong inside riskscan ({type(problem).__name__}). Nothing "
                "you stored was changed. Run riskscan serve with RISKSCAN_DEBUG=1 for details "
                "to send to whoever supports riskscan at your school.")
        finally:
            if finished is not None:
                finished(job)

    def stop(self) -> bool:
        job = self.current
        if job is None or job.state != RUNNING:
            return False
        job.stop.set()
        return True


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text
