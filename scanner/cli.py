"""The `riskscan` command. Thin: parse arguments, call the library, print, choose an exit code.

Exit codes: 0 success (and, for scans, every rule clear), 1 findings to look at,
2 input that cannot be read or a usage mistake, 3 an internal error (never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scanner import __version__
from scanner.errors import ScanError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], int]


def _inspect(args: argparse.Namespace) -> int:
    from scanner.commands.inspect import run_inspect

    return run_inspect([Path(p) for p in args.paths], as_json=args.json,
                       with_records=args.records)


def _demo(args: argparse.Namespace) -> int:
    from scanner.commands.demo import run_demo

    return run_demo()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="riskscan",
        description="Check your own social media exports against your school's policy, "
                    "privately, on this computer.",
    )
    parser.add_argument("--version", action="version", version=f"riskscan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="run on the bundled fictional teacher's exports")
    demo.set_defaults(handler=_demo)

    inspect = commands.add_parser(
        "inspect", help="list what is in your exports (platforms, accounts, record counts)")
    inspect.add_argument("paths", nargs="+", metavar="PATH",
                         help="an export zip, an unpacked export folder, or a folder of photos")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument("--records", action="store_true",
                         help="with --json, include every record read")
    inspect.set_defaults(handler=_inspect)
    return parser


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
    except Exception as exc:  # noqa: BLE001 - a teacher must never see a traceback
        if os.environ.get("RISKSCAN_DEBUG"):
            raise
        print(f"riskscan: something went wrong inside riskscan ({type(exc).__name__}). "
              "Nothing you stored was changed. Run again with RISKSCAN_DEBUG=1 for details "
              "to send to whoever supports riskscan at your school.", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
