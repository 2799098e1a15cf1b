"""`riskscan roster seal roster.csv -o roster.sealed [--passphrase-env VAR]`: the face of
`scanner.app.roster`."""

from __future__ import annotations

import sys
from pathlib import Path

from scanner.app.roster import passphrase_from, seal_roster


def run_roster_seal(csv_path: Path, out_path: Path, passphrase_env: str | None) -> int:
    """Seal the roster CSV into `out_path` (owner-only); return the exit code (0)."""
    passphrase = passphrase_from(passphrase_env)

    def starting(people: int) -> None:
        print(f"Sealing {people:,} people (this takes a few seconds per thousand)...",
              file=sys.stderr)

    sealed = seal_roster(csv_path, out_path, passphrase, starting)
    print(f"Sealed {sealed.roles_in_words()} into {out_path} (readable only by you) in "
          f"{sealed.seconds:.0f} s.")
    print("It holds no readable names. Anyone holding it can still check whether a name they "
          "guess is on it" + (", if they also have the passphrase." if passphrase else
                              ": seal with --passphrase-env to stop that."))
    print(f"Keep {csv_path.name} on the school's computers; give staff only the sealed file.")
    return 0
