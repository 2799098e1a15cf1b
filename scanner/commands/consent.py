"""`riskscan consent grant | list | show | renew | withdraw | log` over the plain functions in
scanner.rescans.consents."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from scanner.commands.storage_cli import person_label
from scanner.errors import ScanError

if TYPE_CHECKING:
    from scanner.app.store import Store

EXIT_OK = 0


def day(text: str) -> date:
    """An argparse type: YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it YYYY-MM-DD") from None


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def run_grant(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.consents import ConsentRequest, grant

    addresses = list(args.addresses)
    if args.profiles is not None:
        addresses += _lines(args.profiles)
    wording = _read_text(args.wording) if args.wording is not None else None
    request = ConsentRequest(
        person=args.person, email=args.email, kind=args.kind, schedule=args.schedule,
        expires=args.expires, addresses=addresses,
        rules=args.rules.split(",") if args.rules else None, dsl=args.dsl,
        dsl_sees_findings=args.dsl_sees_findings, all_clear=args.all_clear, post=args.post,
        wording=wording, wording_version=args.wording_version,
        agreed=_start_of(args.agreed), starts=_start_of(args.start))
    consent = grant(store, request)
    if args.json:
        _print_json(consent)
    else:
        print(consent["id"])
        Console(stderr=True).print(
            f"Consent {consent['id']} recorded for {consent['person']}: "
            f"{len(consent['addresses'])} addresses, {consent['schedule']}, until "
            f"{consent['expires']}; first rescan due {consent['next_rescan'] or 'never'}.",
            highlight=False, markup=False)
    return EXIT_OK


def run_list(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.consents import list_consents

    consents = list_consents(store, args.person)
    if args.json:
        _print_json(consents)
        return EXIT_OK
    if not consents:
        print("No consents recorded. Record one with `riskscan consent grant`.")
        return EXIT_OK
    table = Table("id", "person", "kind", "schedule", "addresses", "expires", "status",
                  "next rescan")
    for c in consents:
        table.add_row(c["id"], c["person"], c["kind"], c["schedule"],
                      str(len(c["addresses"])), c["expires"], c["status"],
                      c["next_rescan"] or "-")
    Console().print(table)
    return EXIT_OK


def run_show(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.consents import show

    consent = show(store, args.id)
    if args.json:
        _print_json(consent)
        return EXIT_OK
    for key, value in consent.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) and all(
            isinstance(v, str) for v in value) else value
        print(f"{key}: {shown}")
    return EXIT_OK


def run_renew(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.consents import renew

    consent = renew(store, args.id, args.expires)
    if args.json:
        _print_json(consent)
    else:
        print(f"Consent {consent['id']} renewed until {consent['expires']}.")
    return EXIT_OK


def run_withdraw(store: Store, args: argparse.Namespace) -> int:
    from scanner.rescans.consents import withdraw

    result = withdraw(store, args.id)
    if args.json:
        _print_json(result)
        return EXIT_OK
    deleted = result["deleted"]
    if not deleted:
        print(f"Consent {result['id']} was already withdrawn; nothing more to delete.")
    else:
        words = ", ".join(f"{n} {what}" for what, n in deleted.items())
        print(f"Consent {result['id']} withdrawn: no more rescans; deleted {words}.")
    return EXIT_OK


def run_log(store: Store, args: argparse.Namespace) -> int:
    """The audit log: what was done and when (ids and counts only, never content)."""
    from scanner.rescans.consents import audit_log

    entries = audit_log(store)
    if args.json:
        _print_json(entries)
        return EXIT_OK
    for e in entries[-args.last:]:
        print(f"{e['at']}  {e['action']}: {e['detail']}")
    return EXIT_OK


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in _read_text(path).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise ScanError(f"cannot read {path} ({reason}): check the path.") from None


def _start_of(value: date | None) -> datetime | None:
    if value is None:
        return None
    now = datetime.now(UTC)
    return now if value == now.date() else datetime(value.year, value.month, value.day,
                                                    9, tzinfo=UTC)


def add_consent_parser(commands: Any, with_store: Any) -> None:
    consent = commands.add_parser(
        "consent", help="record, list, renew or withdraw consents to scheduled rescans of "
                        "public profiles")
    actions = consent.add_subparsers(dest="action", metavar="ACTION", required=True)
    _add_grant(actions, with_store)
    listing = actions.add_parser("list", help="every consent, its status and next rescan")
    listing.add_argument("--json", action="store_true", help="print one JSON list")
    listing.add_argument("--person", type=person_label, metavar="LABEL",
                         help="only this person's consents")
    listing.set_defaults(handler=with_store(run_list))
    show = actions.add_parser("show", help="one consent in full")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=with_store(run_show))
    renew = actions.add_parser("renew", help="move a live consent's expiry (at most 12 months)")
    renew.add_argument("id", metavar="ID")
    renew.add_argument("--expires", type=day, required=True, metavar="YYYY-MM-DD")
    renew.add_argument("--json", action="store_true", help="print one JSON object")
    renew.set_defaults(handler=with_store(run_renew))
    withdraw = actions.add_parser(
        "withdraw", help="withdraw at once: rescans stop and their results are deleted")
    withdraw.add_argument("id", metavar="ID")
    withdraw.add_argument("--json", action="store_true", help="print one JSON object")
    withdraw.set_defaults(handler=with_store(run_withdraw))
    log = actions.add_parser("log", help="the audit log (what was done and when; no content)")
    log.add_argument("--json", action="store_true", help="print one JSON list")
    log.add_argument("--last", type=int, default=50, metavar="N",
                     help="show the last N entries (default 50)")
    log.set_defaults(handler=with_store(run_log))


def _add_grant(actions: Any, with_store: Any) -> None:
    grant = actions.add_parser(
        "grant", help="record a person's written consent to scheduled rescans")
    grant.add_argument("addresses", nargs="*", metavar="ADDRESS",
                       help="the profile addresses the person agreed to, exactly")
    grant.add_argument("--person", type=person_label, required=True, metavar="LABEL",
                       help="who consented (a name or label)")
    grant.add_argument("--email", required=True, metavar="ADDR",
                       help="the person's e-mail address: their results go there")
    grant.add_argument("--kind", choices=["ongoing", "one-off"], required=True,
                       help="ongoing (regular checks) or one-off (a candidate's "
                            "pre-employment check)")
    grant.add_argument("--schedule", choices=["daily", "weekly", "monthly"], required=True)
    grant.add_argument("--expires", type=day, required=True, metavar="YYYY-MM-DD",
                       help="when the consent ends (at most 12 months ahead)")
    grant.add_argument("--profiles", type=Path, metavar="FILE",
                       help="also read addresses from this file, one a line")
    grant.add_argument("--rules", metavar="A1,A2,...",
                       help="only these rules (default: every rule public pages allow)")
    grant.add_argument("--dsl", metavar="ADDR",
                       help="the DSL's e-mail address: they get counts only")
    grant.add_argument("--dsl-sees-findings", action="store_true",
                       help="the person agreed the DSL may see their findings too")
    grant.add_argument("--all-clear", action="store_true",
                       help="send a monthly 'all clear' even when nothing changed")
    grant.add_argument("--post", metavar="TEXT",
                       help="one-off: the post the candidate is shortlisted for (every "
                            "candidate for a post is checked alike)")
    grant.add_argument("--wording", type=Path, metavar="FILE",
                       help="the text the person agreed to (default: riskscan's own)")
    grant.add_argument("--wording-version", metavar="TEXT", help="that text's version label")
    grant.add_argument("--agreed", type=day, metavar="YYYY-MM-DD",
                       help="when the person agreed (default: now)")
    grant.add_argument("--start", type=day, metavar="YYYY-MM-DD",
                       help="first rescan on this day (default: now)")
    grant.add_argument("--json", action="store_true", help="print one JSON object")
    grant.set_defaults(handler=with_store(run_grant))
