"""One rescan, start to finish, and the passes that run many.

    claim -> fetch and scan the consented addresses (scope's rules only, within the time
    limit, stopping if the consent is withdrawn) -> compare with the consent's last run ->
    in ONE transaction: check the claim is still ours and the consent still live, store the
    run, its page hashes and its messages, move the schedule on -> send the messages.

A worker killed anywhere before that transaction commits leaves nothing behind but its claim,
which runs out; one killed after it has stored the whole run. Messages are sent after the
commit and retried until sent, so a mail server being down never loses a rescan.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from detectors.base import Roster
from scanner.errors import ScanError
from scanner.history import compare, fingerprints_of_doc
from scanner.pipeline import ScanOptions
from scanner.policy import Policy
from scanner.rescans import claims
from scanner.rescans.consents import (
    addresses_of,
    reminder_due,
    scope_of,
    status_of,
)
from scanner.rescans.messages import Change, Outgoing, reminder_message, rescan_messages
from scanner.rescans.notify import MailSettings, deliver_pending
from scanner.rescans.pages import AddressScan, Fetch, PageReader, PageResult
from scanner.rescans.schedule import end_of, next_due
from storage.consents import EXPIRED, LIVE, all_consents, end_consent, locked, runs_key
from storage.db import Store
from storage.models import ConsentRow, NotificationRow, PageRow
from storage.repository import (
    aware,
    insert_run,
    latest_run,
    rule_results_of,
    run_fingerprints,
    utcnow,
)

EXIT_OK, EXIT_FINDINGS, EXIT_REFUSED, EXIT_FAILED = 0, 1, 2, 3
DEFAULT_TIME_LIMIT_S = 300.0
ALL_CLEAR_EVERY = timedelta(days=28)
_READER_LOCK = threading.Lock()
Clock = Callable[[], datetime]


@dataclass
class RescanSettings:
    policy: Policy
    mail: MailSettings
    roster: Roster | None = None
    time_limit: float = DEFAULT_TIME_LIMIT_S
    fetch: Fetch | None = None  # default: a PageReader on the store, made on first use
    clock: Clock = utcnow
    today: Callable[[], date] | None = None
    heartbeat: claims.Heartbeat | None = None  # made on first use


def reader_of(store: Store, settings: RescanSettings) -> Fetch:
    """The settings' page reader, made (once, whichever thread asks first) if none was given."""
    with _READER_LOCK:
        if settings.fetch is None:
            settings.fetch = PageReader(store)
        return settings.fetch


def heartbeat_of(store: Store, settings: RescanSettings) -> claims.Heartbeat:
    with _READER_LOCK:
        if settings.heartbeat is None:
            # The settings' clock is read each time: tests move it on by replacing it.
            settings.heartbeat = claims.Heartbeat(store, lambda: settings.clock())
        return settings.heartbeat


def warm_up(store: Store, settings: RescanSettings) -> None:
    """Load the language model and every rule's word lists before the first claim, so the
    first rescans do not hold their claims (and their hosts' turns) while that happens."""
    fetch = reader_of(store, settings)
    if isinstance(fetch, PageReader):
        fetch.warm_up(settings.policy, _options(settings, settings.clock()))
    # What is loaded now lives as long as the process: left out of garbage collection, so a
    # full collection does not walk the model's objects while every thread waits (a pause of
    # a tenth of a second can hold a request between its turn and its send).
    gc.freeze()


def _options(settings: RescanSettings, started: datetime) -> ScanOptions:
    return ScanOptions(today=settings.today() if settings.today else started.date(),
                       roster=settings.roster)


@dataclass
class Outcome:
    """What became of one rescan: a line for the log (ids and counts, no content)."""

    consent_id: str
    exit: int
    line: str
    run_id: int | None = None
    messages: int = 0
    summary: dict[str, int] = field(default_factory=dict)


def rescan_by_hand(store: Store, consent_id: str, worker: str, settings: RescanSettings,
                   address: str | None = None) -> Outcome:
    """`riskscan rescan ID [--address A]`, or `riskscan rescan ADDRESS`: refused
    (RescanRefusedError) without a live consent, or for an address the consent does not name."""
    now = settings.clock()
    consent_id, only = check_by_hand(store, consent_id, address, now)
    row = claims.claim_one(store, consent_id, worker, now, claims.LEASE)
    assert row is not None
    return rescan(store, row, worker, settings, only)


def check_by_hand(store: Store, given: str, address: str | None, now: datetime
                  ) -> tuple[str, list[str] | None]:
    """(consent id, the one address to read or None for all) for a rescan by hand; refused
    (RescanRefusedError, one line) before anything is loaded or fetched when no live consent
    covers it."""
    consent_id, address = _consent_for(store, given.strip(), address, now)
    row = _consent_row(store, consent_id)
    if row is None:
        raise claims.unknown_consent(consent_id)
    claims.refuse_unless_live(row, now)
    if address is None:
        return row.id, None
    if address.strip() not in addresses_of(row):
        raise claims.RescanRefusedError(
            f"{address.strip()[:80]} is outside consent {row.id}, which covers "
            f"{', '.join(addresses_of(row))}: nothing was fetched.")
    return row.id, [address.strip()]


def _consent_for(store: Store, given: str, address: str | None, now: datetime
                 ) -> tuple[str, str | None]:
    """(consent id, address) for what was typed: a consent's id, or a profile address that a
    live consent names."""
    if address is not None or _consent_row(store, given) is not None or not any(
            mark in given for mark in "./@:"):
        return given, address
    covering = [row.id for row in all_consents(store)
                if status_of(row, now) == LIVE and given in addresses_of(row)]
    if not covering:
        raise claims.RescanRefusedError(
            f"no live consent covers {given[:80]}: nothing was fetched. See `riskscan consent "
            "list`, or record the person's consent with `riskscan consent grant`.")
    return covering[0], given


def rescan_due(store: Store, worker: str, settings: RescanSettings, limit: int = 100_000,
               threads: int = 1) -> list[Outcome]:
    """One pass over what is due (for cron, `--due`, `worker --once`): `threads` loops that
    each claim one due rescan at a time and do it, until nothing due is left unclaimed."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    lease = claims.LEASE
    if threads > 1 and due_now(store, settings.clock()):
        warm_up(store, settings)  # or every thread's first rescan waits for the model

    def loop() -> None:
        while True:
            with lock:
                if len(outcomes) >= limit:
                    return
            ids = claims.claim_due(store, worker, settings.clock(), lease, 1)
            if not ids:
                return
            row = _consent_row(store, ids[0])
            if row is not None:
                outcome = rescan(store, row, worker, settings)
                with lock:
                    outcomes.append(outcome)

    if threads <= 1:
        loop()
        return outcomes
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for done in [pool.submit(loop) for _ in range(threads)]:
            done.result()
    return outcomes


def rescan_next(store: Store, worker: str, settings: RescanSettings) -> Outcome | None:
    """The scheduler's job: claim the due rescan best done next (its host free soonest) and
    do it; None when nothing due is left unclaimed."""
    ids = claims.claim_due(store, worker, settings.clock(), claims.LEASE, 1)
    row = _consent_row(store, ids[0]) if ids else None
    return rescan(store, row, worker, settings) if row is not None else None


def _consent_row(store: Store, consent_id: str) -> ConsentRow | None:
    with store.read() as session:
        return session.get(ConsentRow, consent_id)


def rescan(store: Store, row: ConsentRow, worker: str, settings: RescanSettings,
           only: list[str] | None = None) -> Outcome:
    """Rescan a consent this worker has claimed; the claim is given back whatever happens."""
    started = settings.clock()
    deadline = time.monotonic() + settings.time_limit

    def go_on() -> bool:
        return (time.monotonic() < deadline
                and claims.still_mine(store, row.id, worker, settings.clock()))

    policy = scoped_policy(settings.policy, scope_of(row))
    fetch = reader_of(store, settings)
    with heartbeat_of(store, settings).holding(row.id, worker, settings.time_limit):
        try:
            scanned = fetch(only or addresses_of(row), policy, _options(settings, started),
                            go_on)
        except ScanError as exc:
            _give_back(store, row.id, worker)
            return Outcome(row.id, EXIT_REFUSED, f"consent {row.id}: not rescanned: {exc}")
        except BaseException:
            _give_back(store, row.id, worker)
            raise
        return _store(store, row, worker, settings, scanned, started)


def _give_back(store: Store, consent_id: str, worker: str) -> None:
    """Release the claim if the database can be reached; if not, the lease runs out."""
    with contextlib.suppress(ScanError):
        claims.release(store, consent_id, worker)


def scoped_policy(policy: Policy, scope: list[str]) -> Policy:
    """The policy with every rule outside the consent's scope switched off."""
    rules = {rule: replace(s, enabled=s.enabled and rule in scope)
             for rule, s in policy.rules.items()}
    return replace(policy, rules=rules)


def _store(store: Store, row: ConsentRow, worker: str, settings: RescanSettings,
           scanned: AddressScan, started: datetime) -> Outcome:
    from scanner.report.data import report_json
    from storage.reports import annotate_report, record_of

    key = runs_key(row.id)
    doc = annotate_report(store, key, report_json(scanned.result))
    previous = latest_run(store, key)
    change = _change(store, previous, doc, scanned.pages)
    now = settings.clock()
    record = record_of(scanned.result, doc, started, now)
    with store.write() as session:
        current = locked(session, row.id)
        if current is None or status_of(current, now) != LIVE or current.claimed_by != worker:
            return Outcome(row.id, EXIT_REFUSED, f"consent {row.id}: rescan discarded (the "
                           "consent was withdrawn or another worker took it over)")
        run_id = insert_run(session, key, record)
        _insert_pages(session, row.id, run_id, scanned.pages)
        outgoing = _outgoing(current, doc, scanned.pages, change, settings, now)
        _queue(session, row.id, outgoing, now)
        _advance(session, current, now, bool(outgoing))
    delivered = (deliver_pending(store, settings.mail, settings.clock()) if outgoing
                 else {"sent": 0, "failed": 0})
    summary = dict(doc["summary"])
    return Outcome(row.id, exit_code(doc), _line(row.id, run_id, summary, change, outgoing,
                                                 delivered), run_id, len(outgoing), summary)


def exit_code(doc: dict[str, Any]) -> int:
    """As `scan`: 1 when a rule is risk or review, else 0."""
    from scanner.app.scan import needs_attention

    return EXIT_FINDINGS if needs_attention(doc) else EXIT_OK


def _line(consent_id: str, run_id: int, summary: dict[str, Any], change: Change,
          outgoing: list[Outgoing], delivered: dict[str, int]) -> str:
    flagged = summary.get("risk", 0) + summary.get("review", 0)
    sent = (f"{len(outgoing)} messages queued, {delivered['sent']} sent" if outgoing
            else "nothing changed, no message")
    return (f"consent {consent_id}: rescanned (run {run_id}): {flagged} rules to look at; "
            f"{change.new} new, {change.fixed} fixed; {sent}")


def _change(store: Store, previous: Any, doc: dict[str, Any], pages: list[PageResult]
            ) -> Change:
    if previous is None:
        return Change(True, 0, 0, 0, False, True)
    before = run_fingerprints(store, previous)
    totals = compare(before, fingerprints_of_doc(doc)).totals()
    with store.read() as session:
        old_pages = session.exec(select(PageRow).where(PageRow.run_id == previous.id)).all()
    old_statuses = {r.rule: r.status for r in rule_results_of(store, previous.id)}
    statuses = {item["rule"]: item["status"] for item in doc["checklist"]}
    hashes = {(p.address, p.content_hash) for p in old_pages}
    return Change(False, totals["new"], totals["open"], totals["fixed"],
                  statuses != old_statuses,
                  hashes != {(p.address, p.content_hash) for p in pages})


def _insert_pages(session: Session, consent_id: str, run_id: int,
                  pages: list[PageResult]) -> None:
    for page in pages:
        session.add(PageRow(consent_id=consent_id, run_id=run_id, address=page.address,
                            fetched=page.fetched, http_status=page.http_status,
                            content_hash=page.content_hash, not_checked=page.not_checked))


def _outgoing(row: ConsentRow, doc: dict[str, Any], pages: list[PageResult], change: Change,
              settings: RescanSettings, now: datetime) -> list[Outgoing]:
    all_clear_due = row.all_clear and (row.last_notified is None
                                       or now - aware(row.last_notified) >= ALL_CLEAR_EVERY)
    if not change.anything and not all_clear_due:
        return []
    return rescan_messages(row, doc, pages, change, settings.mail.sender, now)


def _queue(session: Session, consent_id: str, outgoing: list[Outgoing], now: datetime) -> None:
    for message in outgoing:
        session.add(NotificationRow(consent_id=consent_id, recipient=message.recipient,
                                    audience=message.audience, message=message.text,
                                    created=now, next_attempt=now))


def _advance(session: Session, row: ConsentRow, now: datetime, notified: bool) -> None:
    """Move the schedule on past now when this rescan was the one due (missed slots are not
    made up one by one); a rescan by hand before its time leaves the schedule as it was."""
    if row.kind == "one-off":
        row.next_due = None
    elif row.next_due is None or aware(row.next_due) <= now:
        row.next_due = next_due(row.id, aware(row.starts), row.schedule, row.expires, now)
    row.last_rescan = now
    row.claimed_by = None
    row.claim_until = None
    if notified:
        row.last_notified = now
    session.add(row)


def sweep(store: Store, settings: RescanSettings) -> dict[str, int]:
    """Expire consents past their date (deleting what they kept) and queue the reminder 14
    days before; returns counts."""
    now = settings.clock()
    counts = {"expired": 0, "reminded": 0}
    for row in all_consents(store):
        if row.status != LIVE:
            continue
        if now >= end_of(row.expires):
            counts["expired"] += _expire(store, row.id, now)
        elif reminder_due(row, now):
            counts["reminded"] += _remind(store, row.id, settings, now)
    return counts


def _expire(store: Store, consent_id: str, now: datetime) -> int:
    with store.write() as session:
        row = locked(session, consent_id)
        if row is None or row.status != LIVE or now < end_of(row.expires):
            return 0
        end_consent(session, row, EXPIRED, now)
        return 1


def _remind(store: Store, consent_id: str, settings: RescanSettings, now: datetime) -> int:
    with store.write() as session:
        row = locked(session, consent_id)
        if row is None or not reminder_due(row, now):
            return 0
        _queue(session, row.id, [reminder_message(row, settings.mail.sender, now)], now)
        row.reminded = now
        session.add(row)
        return 1


def due_now(store: Store, now: datetime) -> list[ConsentRow]:
    """Live consents whose rescan is due (for --dry-run)."""
    with store.read() as session:
        return list(session.exec(
            select(ConsentRow).where(ConsentRow.status == LIVE,
                                     col(ConsentRow.next_due).is_not(None),
                                     col(ConsentRow.next_due) <= now)
            .order_by(col(ConsentRow.next_due))).all())
