"""`riskscan demo`: the whole job on a bundled fictional teacher, with no files or settings.

The fixtures are generated into a private temporary folder, scanned against the demo pack (the
fictional Oakwood Primary School and its roster), shown as a table, and written as the HTML report.
`riskscan demo --workshop` shows the other side: the fictional staff room's combined picture.
Nothing is saved in the store either way: the demo people are fictional.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console

from scanner.app.demo import DEMO_TEACHER, demo_request, make_demo_exports
from scanner.commands.scan import ScanRequest, emit, perform_scan
from scanner.report.data import report_json

DEFAULT_REPORT = Path("riskscan-demo-report.html")


def run_demo(output: Path | None = None, workshop: bool = False) -> int:
    """The teacher's demo (report to `output`, default DEFAULT_REPORT), or with `workshop`
    the staff room's (page to `output`, default the workshop demo's own file name)."""
    if workshop:
        from scanner.commands.workshop import DEMO_ROOM, run_workshop_demo

        return run_workshop_demo(output or DEMO_ROOM)
    return run_teacher_demo(output or DEFAULT_REPORT)


def run_teacher_demo(output: Path) -> int:
    console = Console(stderr=True)
    console.print(f"riskscan demo: {DEMO_TEACHER}.", highlight=False)
    with tempfile.TemporaryDirectory(prefix="riskscan-demo-") as tmp:
        archives = make_demo_exports(Path(tmp))
        result = perform_scan(demo_request(archives), console)
    if result is None:
        return 2
    doc = report_json(result)
    emit(doc, ScanRequest(paths=archives, format="terminal"))
    emit(doc, ScanRequest(paths=archives, format="html", output=output))
    console.print(f"Open {output} in your web browser to see the full report, as a teacher "
                  "scanning their own exports would.", highlight=False)
    return 0
