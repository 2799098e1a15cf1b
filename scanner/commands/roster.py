"""`riskscan roster seal roster.csv -o roster.sealed [--passphrase-env VAR]`.

The passphrase is read from an environment variable, never from the command line, where it
would be kept in the shell's history and shown to other users in the process list.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

from detectors._roster import load_roster
from detectors._sealed import role_counts, write_sealed
from scanner.errors import ScanError

ROLE_WORDS = {"pupil": ("pupil", "pupils"), "ex-pupil": ("former pupil", "former pupils"),
              "parent": ("parent or carer", "parents or carers"),
              "governor": ("governor", "governors"),
              "staff": ("member of staff", "members of staff")}


def run_roster_seal(csv_path: Path, out_path: Path, passphrase_env: str | None) -> int:
    """Seal the roster CSV into `out_path` (owner-only); return the exit code (0)."""
    passphrase = _passphrase(passphrase_env)
    if out_path.resolve() == csv_path.resolve():
        raise ScanError("the sealed roster would overwrite the CSV: choose another name "
                        "with -o.")
    roster = load_roster(csv_path, date.today())
    if not len(roster):
        raise ScanError(f"{csv_path.name} has no people in it: check it is the roster CSV.")
    started = time.perf_counter()
    print(f"Sealing {len(roster):,} people (this takes a few seconds per thousand)...",
          file=sys.stderr)
    write_sealed(roster, out_path, passphrase, date.today())
    counts = ", ".join(f"{n:,} {ROLE_WORDS[role][n != 1]}"
                       for role, n in role_counts(roster.entries).items() if n)
    print(f"Sealed {counts} into {out_path} (readable only by you) in "
          f"{time.perf_counter() - started:.0f} s.")
    print("It holds no readable names. Anyone holding it can still check whether a name they "
          "guess is on it" + (", if they also have the passphrase." if passphrase else
                              ": seal with --passphrase-env to stop that."))
    print(f"Keep {csv_path.name} on the school's computers; give staff only the sealed file.")
    return 0


def _passphrase(env: str | None) -> str | None:
    if env is None:
        return None
    value = os.environ.get(env)
    if not value:
        raise ScanError(f"the environment variable {env} is not set or is empty: set it to the "
                        "passphrase first (it is read from there so it never appears on the "
                        "command line).")
    return value
