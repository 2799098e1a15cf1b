"""`riskscan workshop SUMMARY...`: the room's picture from many people's shared summaries, and
`riskscan demo --workshop`: the same on the bundled fictional staff (the face of
`scanner.app.workshop`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.app.workshop import (
    DEMO_COPIES,
    DEMO_TITLE,
    Room,
    combine,
    demo_room,
    load_summaries,
)
from scanner.app.workshop import demo_summaries as scan_personas
from scanner.files import write_private
from scanner.report.workshop import print_room, render_room_html

__all__ = ["DEMO_COPIES", "DEMO_ROOM", "demo_summaries", "load_summaries", "run_workshop",
           "run_workshop_demo", "show_room"]

EXIT_OK, EXIT_BAD_INPUT = 0, 2
DEMO_ROOM = Path("riskscan-demo-room.html")


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
    from scanner.commands.scan import console_events

    def scanning(full_name: str, role: str, summary: str) -> None:
        console.print(f"Scanning {full_name} ({role}): {summary}", highlight=False,
                      markup=False)

    return scan_personas(console_events(console), scanning)


def run_workshop_demo(output: Path | None = DEMO_ROOM) -> int:
    """What `riskscan demo --workshop` does: a room of 15 built from the five fictional staff."""
    console = Console()
    console.print("riskscan workshop demo: the fictional staff of the fictional Oakwood Primary "
                  "School each scan their own exports and hand in only their shared summary. "
                  "To make a room of 15, each of the five stands for colleagues with the same "
                  "habits (" + ", ".join(f"{k.title()} x{n}" for k, n in DEMO_COPIES.items())
                  + ").\n", highlight=False)
    made = demo_summaries(Console(stderr=True))
    console.print()
    show_room(demo_room(made), console, output, DEMO_TITLE, demo=True)
    return EXIT_OK
