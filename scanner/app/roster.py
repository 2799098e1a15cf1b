"""Sealing the school's roster CSV into a file with no readable names (see
detectors/roster/sealed.py).

The passphrase comes from an environment variable (the CLI) or a password field (the web page),
never from a command line, where the shell's history and the process list would keep it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detectors.roster.match import load_roster
from detectors.roster.sealed import role_counts, write_sealed
from scanner.errors import ScanError

ROLE_WORDS = {"pupil": ("pupil", "pupils"), "ex-pupil": ("former pupil", "former pupils"),
              "parent": ("parent or carer", "parents or carers"),
              "governor": ("governor", "governors"),
              "staff": ("member of staff", "members of staff")}


@dataclass(frozen=True)
class Sealed:
    roles: dict[str, int]
    seconds: float
    with_passphrase: bool

    def roles_in_words(self) -> str:
        """"120 pupils, 1 governor"."""
        return ", ".join(f"{n:,} {ROLE_WORDS[role][n != 1]}"
                         for role, n in self.roles.items() if n)


def _ignore(people: int) -> None:
    return None


def seal_roster(csv_path: Path, out_path: Path, passphrase: str | None,
                starting: Callable[[int], None] = _ignore) -> Sealed:
    """Seal the roster CSV into `out_path` (owner-only); `starting(people)` is told before the
    slow part begins."""
    if out_path.resolve() == csv_path.resolve():
        raise ScanError("the sealed roster would overwrite the CSV: choose another name "
                        "with -o.")
    roster = load_roster(csv_path, date.today())
    if not len(roster):
        raise ScanError(f"{csv_path.name} has no people in it: check it is the roster CSV.")
    started = time.perf_counter()
    starting(len(roster))
    write_sealed(roster, out_path, passphrase, date.today())
    return Sealed(dict(role_counts(roster.entries)), time.perf_counter() - started,
                  bool(passphrase))


def passphrase_from(env: str | None) -> str | None:
    """The passphrase in the environment variable named `env` (None when no variable is
    named); a named variable that is unset or empty is a mistake."""
    if env is None:
        return None
    value = os.environ.get(env)
    if not value:
        raise ScanError(f"the environment variable {env} is not set or is empty: set it to the "
                        "passphrase first (it is read from there so it never appears on the "
                        "command line).")
    return value
