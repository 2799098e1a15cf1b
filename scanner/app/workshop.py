"""The workshop: the room's picture from many people's count-only summaries (counts under 3
hidden), and the same built live from the bundled fictional staff."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scanner.app.scan import ScanEvents, ScanRequest, scan_exports
from scanner.errors import ScanError
from scanner.report.room import Room, combine
from scanner.report.shared import load_summary

# Five people would make a room where nearly every count is under 3 and so hidden: in the demo,
# each fictional persona stands for several colleagues with the same habits (15 in all).
DEMO_COPIES = {"amira": 4, "callum": 3, "debbie": 3, "graham": 2, "jo": 3}
DEMO_TITLE = "Oakwood Primary School staff room (fictional)"

__all__ = ["DEMO_COPIES", "DEMO_TITLE", "Room", "combine", "demo_room", "demo_summaries",
           "load_summaries"]


def load_summaries(paths: list[Path]) -> list[dict[str, Any]]:
    """Each file's summary; the same file given twice is refused (it would count twice)."""
    seen: dict[Path, Path] = {}
    for path in paths:
        real = path.resolve()
        if real in seen:
            raise ScanError(f"{path} is given twice: each person's summary counts once.")
        seen[real] = path
    return [load_summary(path) for path in paths]


def _ignore(full_name: str, role: str, summary: str) -> None:
    return None


def demo_summaries(events: ScanEvents | None = None,
                   scanning: Callable[[str, str, str], None] = _ignore
                   ) -> dict[str, dict[str, Any]]:
    """Scan every bundled fictional persona against the demo school: {persona: summary}.
    `scanning(full_name, role, one-line summary)` is told before each persona is scanned."""
    from fixtures.build import write_persona
    from fixtures.personas import PERSONAS
    from fixtures.school import TODAY
    from scanner.policy import DEMO_PACK
    from scanner.report.data import report_json
    from scanner.report.shared import summary_from_doc

    summaries = {}
    with tempfile.TemporaryDirectory(prefix="riskscan-workshop-") as tmp:
        for key, persona in sorted(PERSONAS.items()):
            scanning(persona.full_name, persona.role, persona.summary)
            made = write_persona(persona, Path(tmp) / key, as_zip=True)
            request = ScanRequest(paths=list(made.values()), policy=DEMO_PACK, today=TODAY)
            result = scan_exports(request, events)
            if result is not None:
                summaries[key] = summary_from_doc(report_json(result), TODAY)
    return summaries


def demo_room(made: dict[str, dict[str, Any]]) -> Room:
    """The room of 15 built from the personas' summaries (see DEMO_COPIES)."""
    return combine([made[key] for key, copies in DEMO_COPIES.items() if key in made
                    for _ in range(copies)])
