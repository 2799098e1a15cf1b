"""`riskscan demo`: everything on the bundled fictional teacher, with no files or settings."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console

from scanner.commands.inspect import print_summary
from scanner.sources import load_sources


def run_demo() -> int:
    from fixtures.generate import generate_demo

    console = Console()
    console.print("riskscan demo: the exports of Jo Whitmore, a fictional Year 5 teacher at the "
                  "fictional Oakwood Primary School.\n")
    with tempfile.TemporaryDirectory(prefix="riskscan-demo-") as tmp:
        made = generate_demo(Path(tmp))
        archives = [path for key, path in made.items() if key not in ("roster", "logo")]
        loaded = load_sources(archives)
        try:
            print_summary(loaded, console)
        finally:
            loaded.close()
    return 0
