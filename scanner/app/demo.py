"""The demo: the bundled fictional teacher's exports (Jo Whitmore, Year 5, at the fictional
Oakwood Primary School), made on the spot and scanned against the demo school. The demo people
are fictional, so nothing about them is ever saved in a person's store."""

from __future__ import annotations

from pathlib import Path

from scanner.app.scan import ScanRequest
from scanner.policy import DEMO_PACK

DEMO_TEACHER = ("the exports of Jo Whitmore, a fictional Year 5 teacher at the fictional "
                "Oakwood Primary School")


def make_demo_exports(folder: Path) -> list[Path]:
    """Write the fictional teacher's export zips into `folder`; their paths."""
    from fixtures.generate import generate_demo

    made = generate_demo(folder)
    return [path for key, path in made.items() if key not in ("roster", "logo")]


def demo_request(archives: list[Path]) -> ScanRequest:
    """The scan the demo runs: the demo school's pack, on the fixtures' own day."""
    from fixtures.school import TODAY

    return ScanRequest(paths=archives, policy=DEMO_PACK, today=TODAY)
