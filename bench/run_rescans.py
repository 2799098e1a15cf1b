"""Scheduled rescans at scale (issue 12): 1,000 consented public profiles on 20 local hosts, all
due at once, rescanned by two `riskscan worker` processes sharing one PostgreSQL; then the same
with one worker killed (kill -9) halfway.

The 20 hosts are HTTP servers on 127.0.0.1 to 127.0.0.20 (each a host of its own to the
fetcher), serving fictional teachers' pages and recording when each request arrived. Measured:
every consent has exactly one stored run; per host, no two requests closer than the politeness
gap (1 s, riskscan's default); the time from the first request to the last against the bound
the gap sets (the busiest host's requests less one, times the gap); each worker's peak memory.
It needs a PostgreSQL server: RISKSCAN_BENCH_POSTGRES_URL, or RISKSCAN_TEST_POSTGRES_URL (as
`.ci/postgres.sh start` writes it); without one the section is skipped with a note.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bench.plan import Plan
from bench.proc import vm_hwm_mb

ROOT = Path(__file__).resolve().parents[1]
GAP_S = 1.0  # riskscan's default gap between two requests to one host
THREADS = 12  # per worker: enough to keep every host's turn taken
TIME_LIMIT_S = 20  # per rescan (a dead worker's claims run out 15 s after it, whatever this is)
TOLERANCE_S = 0.01  # when the server notes a request's arrival varies by a few ms
WITHIN = 1.10
Say = Callable[[str], None]

PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>{name} - teacher</title>
<meta name="description" content="{bio}">
<meta property="og:title" content="{name}"><meta property="og:type" content="profile">
</head><body><div class="h-card"><a class="p-name u-url" href="/">{name}</a>
<p class="p-note">{bio}</p></div>
<article><h2>Weekend</h2><p>{post}</p></article></body></html>"""
BIOS = ("Year 4 teacher at Oakwood Primary School.", "Teacher, runner, baker. Views my own.",
        "Primary teacher. Parkrun most Saturdays.", "Maths lead. Opinions are my own.")
POSTS = ("A long walk by the river.", "Sourdough, attempt four.", "Half term at last.",
         "New trainers, same slow pace.")


@dataclass
class Host:
    """One local server: the page of each of its profiles, and when each request arrived."""

    address: str
    server: ThreadingHTTPServer
    hits: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def origin(self) -> str:
        return f"http://{self.address}:{self.server.server_address[1]}"


def _start_host(address: str) -> Host:
    holder: list[Host] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            host = holder[0]
            with host.lock:
                host.hits.append((time.time(), self.path))
            if self.path.startswith("/p/"):
                n = int(self.path[3:].split("?")[0] or 0)
                body = PAGE.format(name=f"Teacher {n}", bio=BIOS[n % len(BIOS)],
                                   post=POSTS[n % len(POSTS)]).encode()
                status = 200
            else:
                body, status = b"not found", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((address, 0), Handler)
    server.daemon_threads = True
    host = Host(address, server)
    holder.append(host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return host


@contextmanager
def _hosts(count: int) -> Iterator[list[Host]]:
    hosts = [_start_host(f"127.0.0.{i + 1}") for i in range(count)]
    try:
        yield hosts
    finally:
        for host in hosts:
            host.server.shutdown()
            host.server.server_close()


@contextmanager
def _schema(base: str) -> Iterator[str]:
    """A URL for a fresh, empty schema on the server, dropped afterwards."""
    schema = f"rs_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def _grant_all(url: str, hosts: list[Host], profiles: int) -> None:
    from scanner.rescans.consents import ConsentRequest, grant
    from scanner.rescans.schedule import add_months_to_date
    from storage.store import open_store

    store = open_store(url, retention=0)
    started = datetime.now(UTC) - timedelta(hours=2)
    try:
        for n in range(profiles):
            host = hosts[n % len(hosts)]
            grant(store, ConsentRequest(
                person=f"Teacher {n}", email=f"teacher{n}@example.org", kind="ongoing",
                schedule="monthly", expires=add_months_to_date(date.today(), 6),
                addresses=[f"{host.origin}/p/{n}"], starts=started), now=started)
    finally:
        store.close()


def _worker(url: str, outbox: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RISKSCAN_DATABASE_URL": url, "RISKSCAN_ALLOW_LOOPBACK": "1",
           "RISKSCAN_RETENTION_DAYS": "0", "RISKSCAN_OUTBOX": str(outbox),
           "RISKSCAN_RESCAN_TIME_LIMIT": str(TIME_LIMIT_S)}
    env.pop("RISKSCAN_SMTP_URL", None)
    return subprocess.Popen([sys.executable, "-m", "scanner.cli", "worker", "--threads",
                             str(THREADS)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _runs(engine: sa.Engine) -> tuple[int, int]:
    """(stored runs, consents with at least one run)."""
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT count(*), count(DISTINCT person) FROM runs")).one()
    return int(row[0]), int(row[1])


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), 0 once it has ended."""
    return vm_hwm_mb(pid) or 0.0


def _one_case(base: str, plan: Plan, kill_halfway: bool, say: Say) -> dict[str, Any]:
    profiles = plan.rescan_profiles
    with _hosts(plan.rescan_hosts) as hosts, _schema(base) as url, \
            tempfile.TemporaryDirectory() as tmp:
        _grant_all(url, hosts, profiles)
        engine = sa.create_engine(url)
        started = time.time()
        workers = [_worker(url, Path(tmp) / "outbox") for _ in range(2)]
        peaks = [0.0, 0.0]
        killed_at: float | None = None
        deadline = started + 900
        try:
            while time.time() < deadline:
                for i, proc in enumerate(workers):
                    if proc.poll() is None:
                        peaks[i] = max(peaks[i], _peak_mb(proc.pid))
                runs, done = _runs(engine)
                if kill_halfway and killed_at is None and done >= profiles // 2:
                    os.kill(workers[1].pid, signal.SIGKILL)
                    killed_at = time.time()
                    say(f"rescans: worker 2 killed (kill -9) after {done} of {profiles}")
                if done >= profiles:
                    break
                time.sleep(0.2)
            finished = time.time()
            time.sleep(1.0)  # anything still in flight would show as a second run
            runs, done = _runs(engine)
        finally:
            for proc in workers:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in workers:
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            engine.dispose()
        return _summary(hosts, profiles, runs, done, started, finished, peaks, killed_at)


def _summary(hosts: list[Host], profiles: int, runs: int, done: int, started: float,
             finished: float, peaks: list[float], killed_at: float | None) -> dict[str, Any]:
    closest, busiest, fetched_twice, too_close, pairs = float("inf"), 0, 0, 0, 0
    first = min(t for h in hosts for t, _p in h.hits)
    last = max(t for h in hosts for t, _p in h.hits)
    for host in hosts:
        times = sorted(t for t, _p in host.hits)
        busiest = max(busiest, len(times))
        gaps = [b - a for a, b in pairwise(times)]
        closest = min([closest, *gaps])
        too_close += sum(g < GAP_S - TOLERANCE_S for g in gaps)
        pairs += len(gaps)
        pages = [p for _t, p in host.hits if p.startswith("/p/")]
        fetched_twice += len(pages) - len(set(pages))
    bound = (busiest - 1) * GAP_S
    return {
        "profiles": profiles, "hosts": len(hosts), "workers": 2, "threads": THREADS,
        "gap_s": GAP_S, "runs": runs, "consents_with_a_run": done,
        "exactly_once": runs == profiles and done == profiles,
        "pages_fetched_twice": fetched_twice,
        "closest_requests_s": round(closest, 3),
        "pairs_closer_than_gap": too_close, "pairs": pairs,
        "polite": closest >= GAP_S - TOLERANCE_S,
        "requests_busiest_host": busiest, "bound_s": round(bound, 1),
        "fetching_s": round(last - first, 1), "ratio": round((last - first) / bound, 3),
        "wall_s": round(finished - started, 1),
        "peak_mb": [round(p, 1) for p in peaks],
        "killed_after_s": round(killed_at - started, 1) if killed_at else None,
    }


def run_rescans(plan: Plan, say: Say) -> tuple[dict[str, Any] | None, list[str]]:
    base = (os.environ.get("RISKSCAN_BENCH_POSTGRES_URL", "").strip()
            or os.environ.get("RISKSCAN_TEST_POSTGRES_URL", "").strip())
    if not base:
        return None, ["rescans skipped: no PostgreSQL (set RISKSCAN_BENCH_POSTGRES_URL, or "
                      "run `bash .ci/postgres.sh start` and source .ci/postgres.env)"]
    say(f"rescans: {plan.rescan_profiles:,} profiles on {plan.rescan_hosts} local hosts, two "
        "workers, one PostgreSQL")
    out = {"both": _one_case(base, plan, kill_halfway=False, say=say)}
    say(f"rescans: {out['both']['fetching_s']} s against a bound of {out['both']['bound_s']} s")
    if plan.rescan_kill:
        out["killed"] = _one_case(base, plan, kill_halfway=True, say=say)
    return out, []
