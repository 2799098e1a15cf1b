"""`riskscan share`: the shared summary of a person's latest scan, for a workshop (the face of
`scanner.app.share`). Written owner-only; the person decides whether to hand it in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from scanner.app.share import latest_summary, summary_text
from scanner.files import write_private

if TYPE_CHECKING:
    from scanner.app.store import Store

__all__ = ["latest_summary", "run_share"]

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def run_share(store: Store, person: str, output: Path | None, console: Console) -> int:
    summary = latest_summary(store, person)
    if summary is None:
        console.print(f"riskscan: no scan is saved for '{person}' yet: run `riskscan scan` "
                      "first.", highlight=False, markup=False)
        return EXIT_BAD_INPUT
    text = summary_text(summary)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_private(output, text)
    console.print(f"Shared summary written to {output}: rule statuses and counts only, no "
                  "names, accounts, posts or places. Hand it in only if you want to.",
                  highlight=False, markup=False)
    return EXIT_OK
