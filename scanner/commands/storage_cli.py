"""The commands that use the store: review, history, share, workshop, forget, export.

`add_storage_commands(commands)` registers them on the `riskscan` parser's subparsers; each
handler opens the store (RISKSCAN_DATABASE_URL, or the file in the data directory) itself.

People are told apart by a label, `--person` (default "me"): the store normally lives on the
person's own computer, so there is one person, but a shared computer can keep several apart.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from scanner.app.people import DEFAULT_PERSON

if TYPE_CHECKING:  # the database layer is imported only by the commands that use it
    from scanner.app.store import Store

PERSON_HELP = ('whose data: a label of your choosing (default "me"; the store normally holds '
               "only yours, on your own computer)")


def person_label(text: str) -> str:
    """An argparse type: a short printable label."""
    label = text.strip()
    if not label or len(label) > 64 or not label.isprintable():
        raise argparse.ArgumentTypeError("a person label is 1 to 64 printable characters")
    return label


def _with_store(run: Callable[[Store, argparse.Namespace], int]
                ) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        from scanner.app.store import opened_store

        with opened_store() as store:
            return run(store, args)
    return handler


def _review(store: Store, args: argparse.Namespace) -> int:
    from scanner.commands.review import review_interactive, review_one
    from scanner.decisions import Verdict

    console = Console()
    verdict: Verdict | None = None
    reason = args.reason or ""
    if args.exception is not None:
        verdict, reason = Verdict.EXCEPTION, args.exception
    elif args.confirm:
        verdict = Verdict.CONFIRM
    elif args.dismiss:
        verdict = Verdict.DISMISS
    if verdict is None:
        return review_interactive(store, args.person, console, fingerprint=args.fingerprint)
    if args.fingerprint is None:
        console.print("riskscan: say which finding: riskscan review REFERENCE --confirm | "
                      "--dismiss | --exception REASON.", highlight=False, markup=False)
        return 2
    return review_one(store, args.person, args.fingerprint, verdict, reason, console)


def _looked(store: Store, args: argparse.Namespace) -> int:
    from scanner.app.guided import record

    saw = None if args.nothing else args.saw
    record(store, args.person, args.address, args.rule, saw)
    what = f"saw: {' '.join(saw.split())}" if saw else "nothing seen"
    Console().print(f"Recorded for {args.address}, rule {args.rule.upper()}: {what}. It is "
                    "shown under that profile's check in your next report.", highlight=False,
                    markup=False)
    return 0


def _history(store: Store, args: argparse.Namespace) -> int:
    from scanner.commands.history import run_history

    return run_history(store, args.person, Console(), as_json=args.json)


def _share(store: Store, args: argparse.Namespace) -> int:
    from scanner.commands.share import run_share

    return run_share(store, args.person, args.output, Console(stderr=True))


def _workshop(args: argparse.Namespace) -> int:
    from scanner.commands.workshop import run_workshop

    return run_workshop(args.summaries, args.output, args.title, Console())


def _forget(store: Store, args: argparse.Namespace) -> int:
    from scanner.commands.forget import run_forget, run_forget_all

    if args.all:
        return run_forget_all(store, Console(), yes=args.yes,
                              interactive=sys.stdin.isatty())
    return run_forget(store, args.person, Console())


def _export(store: Store, args: argparse.Namespace) -> int:
    from scanner.commands.export import run_export

    return run_export(store, args.person, args.output, Console(stderr=True))


def _person(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--person", type=person_label, default=DEFAULT_PERSON, metavar="LABEL",
                        help=PERSON_HELP)


def _add_review(commands: Any) -> None:
    review = commands.add_parser(
        "review", help="decide about your findings: confirm, dismiss, or record an exception")
    review.add_argument("fingerprint", nargs="?", metavar="REFERENCE",
                        help="the reference shown under a finding (at least 6 characters); "
                             "without it, every open finding of your latest scan in turn")
    verdict = review.add_mutually_exclusive_group()
    verdict.add_argument("--confirm", action="store_true",
                         help="it is a real problem: it stays on your checklist")
    verdict.add_argument("--dismiss", action="store_true",
                         help="not a real match: shown as dismissed, no longer counted")
    verdict.add_argument("--exception", metavar="REASON",
                         help="an agreed exception, with its reason (e.g. \"my niece, "
                              "recorded with the head 2025-03-01\"): shown, no longer counted")
    review.add_argument("--reason", metavar="TEXT", help="with --dismiss, why (optional)")
    _person(review)
    review.set_defaults(handler=_with_store(_review))


def _add_looked(commands: Any) -> None:
    looked = commands.add_parser(
        "looked", help="record what you saw checking a profile by hand (a guided check)")
    looked.add_argument("address", help="the profile, as your report's guided check names it")
    looked.add_argument("rule", help="the rule you looked for, e.g. A1")
    seen = looked.add_mutually_exclusive_group(required=True)
    seen.add_argument("--saw", metavar="TEXT",
                      help="what you saw, in your words (e.g. \"school name in my bio\")")
    seen.add_argument("--nothing", action="store_true", help="you looked and saw nothing")
    _person(looked)
    looked.set_defaults(handler=_with_store(_looked))


def _add_history_share(commands: Any) -> None:
    history = commands.add_parser(
        "history", help="list your saved scans and what was fixed between them")
    history.add_argument("--json", action="store_true", help="print one JSON object")
    _person(history)
    history.set_defaults(handler=_with_store(_history))

    share = commands.add_parser(
        "share", help="write the anonymous summary of your latest scan for a workshop")
    share.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="write it to this file (default: print it)")
    _person(share)
    share.set_defaults(handler=_with_store(_share))

    workshop = commands.add_parser(
        "workshop", help="combine 3 or more people's shared summaries into the room's picture")
    workshop.add_argument("summaries", nargs="+", type=Path, metavar="SUMMARY",
                          help="files written by `riskscan share`, one per person")
    workshop.add_argument("-o", "--output", type=Path, metavar="FILE",
                          help="also write the room's page (HTML, printable) to this file")
    workshop.add_argument("--title", help="a heading for the page, e.g. the session's name")
    workshop.set_defaults(handler=_workshop)


def _add_forget_export(commands: Any) -> None:
    forget = commands.add_parser(
        "forget", help="delete everything stored about you (or, with --all, everyone)")
    _person(forget)
    forget.add_argument("--all", action="store_true",
                        help="delete everything stored, for every person")
    forget.add_argument("--yes", action="store_true", help="with --all, do not ask first")
    forget.set_defaults(handler=_with_store(_forget))

    export = commands.add_parser(
        "export", help="write everything stored about you to a JSON file")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                        help="the file to write (readable only by you)")
    _person(export)
    export.set_defaults(handler=_with_store(_export))


def add_storage_commands(commands: Any) -> None:
    """Register review, history, share, workshop, forget, export, consent, rescan and worker
    on `commands` (the object `parser.add_subparsers()` returned)."""
    from scanner.commands.consent import add_consent_parser
    from scanner.commands.rescan import add_rescan_parsers

    _add_review(commands)
    _add_looked(commands)
    _add_history_share(commands)
    _add_forget_export(commands)
    add_consent_parser(commands, _with_store)
    add_rescan_parsers(commands, _with_store)
