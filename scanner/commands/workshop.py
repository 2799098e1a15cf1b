"""`riskscan workshop SUMMARY...`: the room's picture from many people's shared summaries, and
`riskscan demo --workshop`: the same on the bundled fictional staff."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ScanError
from scanner.files import write_private
from scanner.report.room import Room, combine
from scanner.report.shared import load_summary
from scanner.report.workshop import print_room, render_room_html

EXIT_OK, EXIT_BAD_INPUT = 0, 2
DEMO_ROOM = Path("riskscan-demo-room.html")
# Five people would make a room where nearly every count is under 3 and so hidden: in the demo,
# each fictional persona stands for several colleagues with the same habits (15 in all).
DEMO_COPIES = {"amira": 4, "callum": 3, "debbie": 3, "graham": 2, "jo": 3}


def load_summaries(paths: list[Path]) -> list[dict[str, Any]]:
    """Each file's summary; the same file given twice is refused (it would count twice)."""
    seen: dict[Path, Path] = {}
    for path in paths:
        real = path.resolve()
        if real in seen:
            raise ScanError(f"{path} is given twice: each person's summary counts once.")
        seen[real] = path
    return [load_summary(path) for path in paths]


def show_room(room: Room, console: Console, output: Path | None, title: str | None,
              demo: bool = False) -> None:
    print_room(room, console, title)
    if output is not None:
        generated = datetime.now().strftime("%d %B %Y")
        write_private(output, render_room_html(room, generated, title, demo))
        console.print(f"The room's page is in {output}: open it in a browser, or print it.",
                      highlight=False, markup=False)


def run_workshop(paths: list[Path], output: Path | None, title: str | None,
                 console: Console) -> int:
    room = combine(load_summaries(paths))
    show_room(room, console, output, title)
    return EXIT_OK


def demo_summaries(console: Console) -> dict[str, dict[str, Any]]:
    """Scan every bundled fictional persona against the demo school: {persona: summary}."""
    from fixtures.build import write_persona
    from fixtures.personas import PERSONAS
    from fixtures.school import TODAY
    from scanner.commands.scan import ScanRequest, perform_scan
    from scanner.policy import DEMO_PACK
    from scanner.report.data import report_json
    from scanner.report.shared import summary_from_doc

    summaries = {}
    with tempfile.TemporaryDirectory(prefix="riskscan-workshop-") as tmp:
        for key, persona in sorted(PERSONAS.items()):
            console.print(f"Scanning {persona.full_name} ({persona.role}): {persona.summary}",
                          highlight=False, markup=False)
            made = write_persona(persona, Path(tmp) / key, as_zip=True)
            request = ScanRequest(paths=list(made.values()), policy=DEMO_PACK, today=TODAY)
            result = perform_scan(request, console)
            if result is not None:
                summaries[key] = summary_from_doc(report_json(result), TODAY)
    return summaries


def run_workshop_demo(output: Path | None = DEMO_ROOM) -> int:
    """What `riskscan demo --workshop` does: a room of 15 built from the five fictional staff."""
    console = Console()
    console.print("riskscan workshop demo: the fictional staff of the fictional Oakwood Primary "
                  "School each scan their own exports and hand in only their shared summary. "
                  "To make a room of 15, each of the five stands for colleagues with the same "
                  "habits (" + ", ".join(f"{k.title()} x{n}" for k, n in DEMO_COPIES.items())
                  + ").\n", highlight=False)
    made = demo_summaries(Console(stderr=True))
    room = combine([made[key] for key, copies in DEMO_COPIES.items() if key in made
                    for _ in range(copies)])
    console.print()
    show_room(room, console, output, "Oakwood Primary School staff room (fictional)", demo=True)
    return EXIT_OK
