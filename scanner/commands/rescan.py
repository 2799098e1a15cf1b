"""`riskscan rescan ID | --due` and `riskscan worker [--once] [--dry-run]`.

Exit statuses as `scan`: 0 every rescan clear, 1 something to look at, 2 refused (no live
consent covers it, an address outside the consent) or not possible, 3 an internal error.
"""

from __future__ import annotations

import argparse
import os
import signal
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.errors import ScanError
from scanner.rescans.engine import DEFAULT_TIME_LIMIT_S, Outcome, RescanSettings

if TYPE_CHECKING:
    from scanner.app.store import Store

POLICY_SETTING = "RISKSCAN_POLICY"
TIME_LIMIT_SETTING = "RISKSCAN_RESCAN_TIME_LIMIT"
EXIT_OK, EXIT_BAD_INPUT = 0, 2


def settings_from(args: argparse.Namespace, console: Console) -> RescanSettings:
    from scanner.app.scan import ScanEvents, choose_policy, load_any_roster
    from scanner.rescans.notify import settings_from_env

    def demo_policy() -> None:
        console.print(f"No policy pack given (--policy or {POLICY_SETTING}): checking against "
                      "the demo school.", highlight=False, markup=False)

    pack = args.policy or _env_path(POLICY_SETTING)
    policy = choose_policy(pack, ScanEvents(demo_policy=demo_policy))
    roster = load_any_roster(policy, args.roster, date.today())
    return RescanSettings(policy=policy, mail=settings_from_env(), roster=roster,
                          time_limit=args.time_limit or _time_limit())


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def _time_limit() -> float:
    raw = os.environ.get(TIME_LIMIT_SETTING, "").strip()
    if not raw:
        return DEFAULT_TIME_LIMIT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0
    if seconds <= 0:
        raise ScanError(f"{TIME_LIMIT_SETTING} must be a number of seconds, not {raw[:20]!r}.")
    return seconds


def positive(text: str) -> int:
    """An argparse type: a whole number from 1 to 64."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 64:
        raise argparse.ArgumentTypeError("give a whole number from 1 to 64")
    return number


def exit_of(outcomes: list[Outcome]) -> int:
    return max((o.exit for o in outcomes), default=EXIT_OK)


def run_rescan(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.claims import worker_name
    from scanner.rescans.engine import check_by_hand, rescan_by_hand, rescan_due, sweep
    from scanner.rescans.notify import deliver_pending

    if bool(args.id) == bool(args.due):
        raise ScanError("say what to rescan: riskscan rescan CONSENT_ID, or riskscan rescan "
                        "--due for everything that is due.")
    console = Console(stderr=True)
    if args.id:  # refused in one line before the policy pack is even read
        check_by_hand(store, args.id, args.address, datetime.now(UTC))
    settings = settings_from(args, console)
    name = worker_name()
    if args.due:
        sweep(store, settings)
        outcomes = rescan_due(store, name, settings, threads=args.threads)
        deliver_pending(store, settings.mail, settings.clock())
        if not outcomes:
            print("Nothing is due.")
    else:
        outcomes = [rescan_by_hand(store, args.id, name, settings, args.address)]
    for outcome in outcomes:
        print(outcome.line)
    _warn_no_mail(settings, console)
    return exit_of(outcomes)


def run_worker(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.claims import worker_name
    from scanner.rescans.worker import SingleWorkerLock

    console = Console(stderr=True)
    if args.dry_run:
        return _dry_run(store, args)
    lock = None
    if store.dialect == "sqlite":
        lock = SingleWorkerLock(Path(store.where))
        if not lock.acquire():
            raise ScanError(f"another riskscan worker is already running on {store.where}: "
                            "a SQLite store has one worker at a time. Stop the other one, or "
                            "use PostgreSQL (RISKSCAN_DATABASE_URL) to run several.")
    try:
        settings = settings_from(args, console)
        _warn_no_mail(settings, console)
        name = worker_name()
        if args.once:
            return _once(store, name, settings, args.threads)
        return _serve(store, name, settings, args, console)
    finally:
        if lock is not None:
            lock.release()


def _once(store: Store, name: str, settings: RescanSettings, threads: int) -> int:
    from scanner.rescans.worker import run_once

    outcomes = run_once(store, name, settings, threads)
    for outcome in outcomes:
        print(outcome.line)
    if not outcomes:
        print("Nothing is due.")
    return exit_of(outcomes)


def _serve(store: Store, name: str, settings: RescanSettings, args: argparse.Namespace,
           console: Console) -> int:
    from scanner.rescans.worker import Worker, WorkerOptions

    def report(line: str) -> None:
        print(f"{datetime.now(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')} {line}", flush=True)

    worker = Worker(store, name, settings, WorkerOptions(threads=args.threads), report)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        worker.stop()

    signal.signal(signal.SIGTERM, stop)
    report(f"worker {name} started on {store.where}: rescans every consent that is due; "
           "stop it with Ctrl-C or SIGTERM.")
    try:
        worker.start()
    except KeyboardInterrupt:
        worker.stop()
    report(f"worker {name} stopped.")
    return EXIT_OK


def _dry_run(store: Store, args: argparse.Namespace) -> int:
    """What the worker would do, changing nothing: no fetch, no message, no claim."""
    from scanner.rescans.consents import list_consents

    now = datetime.now(UTC)
    live = [c for c in list_consents(store, now=now) if c["status"] == "live"]
    due = [c for c in live if c["next_rescan"] and c["next_rescan"] <= _iso(now)]
    print(f"Dry run: {len(live)} live consents, {len(due)} due now; nothing is fetched, "
          "sent or changed.")
    shown = due if args.once else live
    for c in shown:
        when = "now" if c in due else (c["next_rescan"] or "not scheduled")
        print(f"  {c['id']} ({c['person']}): {len(c['addresses'])} addresses, "
              f"{c['schedule']}, next rescan {when}")
    return EXIT_OK


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _warn_no_mail(settings: RescanSettings, console: Console) -> None:
    from scanner.rescans.notify import OUTBOX_SETTING, SMTP_SETTING

    if not settings.mail.configured:
        console.print(f"Note: neither {SMTP_SETTING} nor {OUTBOX_SETTING} is set, so messages "
                      "are kept in the store until one is.", highlight=False, markup=False)


def add_rescan_parsers(commands: Any, with_store: Any) -> None:
    rescan = commands.add_parser(
        "rescan", help="rescan one consent's public profiles now, or everything due")
    rescan.add_argument("id", nargs="?", metavar="CONSENT_ID",
                        help="a consent's id, or one of the profile addresses it names")
    rescan.add_argument("--due", action="store_true",
                        help="one pass over every rescan that is due, then exit (for cron)")
    rescan.add_argument("--address", metavar="ADDRESS",
                        help="with CONSENT_ID, only this one of its addresses")
    _common(rescan)
    rescan.set_defaults(handler=with_store(run_rescan))
    worker = commands.add_parser(
        "worker", help="run the rescan service: every consent's rescans on its schedule")
    worker.add_argument("--once", action="store_true",
                        help="do what is due now, send what is waiting, then exit")
    worker.add_argument("--dry-run", action="store_true",
                        help="show what would be rescanned and when; fetch and send nothing")
    _common(worker)
    worker.set_defaults(handler=with_store(run_worker))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--threads", type=positive, default=4, metavar="N",
                        help="rescans run at once (default 4)")
    parser.add_argument("--policy", type=Path, metavar="PACK",
                        help=f"the school's policy pack (default: ${POLICY_SETTING})")
    parser.add_argument("--roster", type=Path, metavar="FILE",
                        help="a roster CSV or sealed roster, instead of the pack's")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help="stop any one rescan after this long (default "
                             f"${TIME_LIMIT_SETTING} or {DEFAULT_TIME_LIMIT_S:.0f})")
