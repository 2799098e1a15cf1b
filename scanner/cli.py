"""The `riskscan` command. Thin: parse arguments, call the library, print, choose an exit code.

Exit codes: 0 success (and, for scans, every rule clear), 1 findings to look at,
2 input that cannot be read or a usage mistake, 3 an internal error (never a traceback).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from scanner import __version__
from scanner.app.people import DEFAULT_PERSON
from scanner.commands.storage_cli import (
    PERSON_HELP,
    add_storage_commands,
    person_label,
)
from scanner.errors import ScanError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]
PROFILES_HELP = ("a text file of public profile addresses, one a line, to read online "
                 "(honouring each site's robots.txt)")


def _inputs(args: argparse.Namespace) -> tuple[list[Path], list[str]]:
    from scanner.app.scan import given_inputs

    return given_inputs(args.paths, args.profiles)


def _inspect(args: argparse.Namespace) -> int:
    from scanner.commands.inspect import run_inspect

    paths, addresses = _inputs(args)
    return run_inspect(paths, as_json=args.json, with_records=args.records,
                       addresses=addresses)


def _demo(args: argparse.Namespace) -> int:
    from scanner.commands.demo import run_demo

    return run_demo(args.output, workshop=args.workshop)


def _scan(args: argparse.Namespace) -> int:
    from scanner.commands.scan import ScanRequest, run_scan
    from scanner.report import Audience

    paths, addresses = _inputs(args)
    request = ScanRequest(paths=paths, addresses=addresses, policy=args.policy,
                          roster=args.roster, format=args.format, output=args.output,
                          audience=Audience(args.audience), person=args.person,
                          save=not args.no_save, remember_pictures=not args.no_save)
    return run_scan(request)


def _policy_init(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scanner.commands.policy import run_policy_init

    return run_policy_init(args.out, Console())


def _policy_check(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scanner.commands.policy import run_policy_check

    return run_policy_check(args.pack, Console())


def _roster_seal(args: argparse.Namespace) -> int:
    from scanner.commands.roster import run_roster_seal

    return run_roster_seal(args.csv, args.output, args.passphrase_env)


def _serve(args: argparse.Namespace) -> int:
    from scanner.web.server import serve

    return serve(args.port, open_browser=not args.no_browser, demo=args.demo)


def _port(text: str) -> int:
    """A TCP port number for `serve --port`, refused by argparse in one line when it is not."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number: give one from 1 to "
                                         "65535, or leave --port out to use a free one")
    return int(text)


def _add_serve(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="open riskscan as a page in your web browser (on this computer only)")
    serve.add_argument("--port", type=_port, metavar="N",
                       help="the port to use on 127.0.0.1 (default: a free one)")
    serve.add_argument("--no-browser", action="store_true",
                       help="do not open the browser; just print the address to open")
    serve.add_argument("--demo", action="store_true",
                       help="start with the fictional teacher's exports added, and keep "
                            "nothing afterwards")
    serve.set_defaults(handler=_serve)


def _add_scan(commands: Any) -> None:
    scan = commands.add_parser(
        "scan", help="check your exports against your school's policy (the main job)")
    scan.add_argument("paths", nargs="*", metavar="PATH",
                      help="export zips, unpacked export folders, folders of photos, or "
                           "public profile addresses (https://..., @name@server, "
                           "name.bsky.social, instagram.com/NAME, ...)")
    scan.add_argument("--profiles", type=Path, metavar="FILE", help=PROFILES_HELP)
    scan.add_argument("--policy", type=Path, metavar="PACK",
                      help="your school's policy pack (.toml); the demo school if not given")
    scan.add_argument("--roster", type=Path, metavar="FILE",
                      help="a roster CSV or sealed roster, instead of the pack's")
    scan.add_argument("--format", choices=["terminal", "html", "md", "json"],
                      help="report format (default: terminal, or from the -o file's ending)")
    scan.add_argument("-o", "--output", type=Path, metavar="FILE",
                      help="write the report to this file (readable only by you)")
    scan.add_argument("--audience", choices=["private", "shared"], default="private",
                      help="shared = statuses and counts only, no names or posts")
    scan.add_argument("--person", type=person_label, default=DEFAULT_PERSON, metavar="LABEL",
                      help=PERSON_HELP)
    scan.add_argument("--no-save", action="store_true",
                      help="do not keep this scan in your history, nor what was found in "
                           "its pictures")
    scan.set_defaults(handler=_scan)


def _add_policy(commands: Any) -> None:
    policy = commands.add_parser("policy", help="write or check a school's policy pack")
    actions = policy.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="write a commented policy pack template")
    init.add_argument("out", type=Path, nargs="?", default=Path("policy.toml"))
    init.set_defaults(handler=_policy_init)
    check = actions.add_parser("check", help="check a policy pack for mistakes")
    check.add_argument("pack", type=Path)
    check.set_defaults(handler=_policy_check)


def _add_roster(commands: Any) -> None:
    roster = commands.add_parser("roster", help="prepare the school's roster")
    actions = roster.add_subparsers(dest="action", metavar="ACTION", required=True)
    seal = actions.add_parser(
        "seal", help="turn a roster CSV into a sealed file with no readable names")
    seal.add_argument("csv", type=Path)
    seal.add_argument("-o", "--output", type=Path, default=Path("roster.sealed"))
    seal.add_argument("--passphrase-env", metavar="VAR",
                      help="name of an environment variable holding a passphrase to seal with")
    seal.set_defaults(handler=_roster_seal)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riskscan",
        description="Check your own social media exports against your school's policy, "
                    "privately, on this computer.",
    )
    parser.add_argument("--version", action="version", version=f"riskscan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="run on the bundled fictional teacher's exports")
    demo.add_argument("-o", "--output", type=Path, metavar="FILE",
                      help="where to write the demo's HTML page (default: "
                           "riskscan-demo-report.html, or riskscan-demo-room.html with "
                           "--workshop)")
    demo.add_argument("--workshop", action="store_true",
                      help="show a workshop instead: the fictional staff room's combined, "
                           "anonymous picture")
    demo.set_defaults(handler=_demo)

    inspect = commands.add_parser(
        "inspect", help="list what is in your exports (platforms, accounts, record counts)")
    inspect.add_argument("paths", nargs="*", metavar="PATH",
                         help="an export zip, an unpacked export folder, a folder of photos, "
                              "or a public profile address")
    inspect.add_argument("--profiles", type=Path, metavar="FILE", help=PROFILES_HELP)
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument("--records", action="store_true",
                         help="with --json, include every record read")
    inspect.set_defaults(handler=_inspect)
    _add_scan(commands)
    _add_policy(commands)
    _add_roster(commands)
    add_storage_commands(commands)
    _add_serve(commands)
    return parser


def _stop_on_terminate(signum: int, frame: object) -> None:
    # A service manager or `kill` sends SIGTERM: stop as Ctrl-C does, so the scan's picture
    # workers are ended and nothing half-saved is kept, instead of dying with them orphaned.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return handler(args)
    except ScanError as exc:
        print(f"riskscan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("riskscan: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("RISKSCAN_DEBUG"):
            raise
        print(f"riskscan: something went wrong inside riskscan ({type(exc).__name__}). "
              "Nothing you stored was changed. Run again with RISKSCAN_DEBUG=1 for details "
              "to send to whoever supports riskscan at your school.", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    """The console command: `main` with SIGTERM handled like Ctrl-C (only a whole process can
    own its signals, so this is not done by `main`, which tests and the web page call)."""
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    sys.exit(main())


if __name__ == "__main__":
    run()
