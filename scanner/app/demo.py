"""The demo: the bundled fictional teacher's exports (Jo Whitmore, Year 5, at the fictional
Oakwood Primary School), made on the spot and scanned against the demo school. The demo people
are fictional, so nothing about them is ever saved in a person's store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from scanner.app.scan import ScanRequest
from scanner.policy import DEMO_PACK

DEMO_POLICY = DEMO_PACK  # the fictional Oakwood Primary School's pack
DEMO_TEACHER = ("the exports of Jo Whitmore, a fictional Year 5 teacher at the fictional "
                "Oakwood Primary School")


def make_demo_exports(folder: Path) -> list[Path]:
    """Write the fictional teacher's export zips into `folder`; their paths."""
    from fixtures.generate import generate_demo

    made = generate_demo(folder)
    return [path for key, path in made.items() if key not in ("roster", "logo")]


def demo_request(archives: list[Path]) -> ScanRequest:
    """The scan the demo runs: the demo school's pack, on the fixtures' own day."""
    return ScanRequest(paths=archives, policy=DEMO_PACK, today=demo_day())


def demo_day() -> date:
    """The day the fictional exports are scanned on, so the demo reads the same every time."""
    from fixtures.school import TODAY

    return TODAY
