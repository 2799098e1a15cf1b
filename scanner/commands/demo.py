"""`riskscan demo`: the whole job on a bundled fictional teacher, with no files or settings.

The fixtures are generated into a private temporary folder, scanned against the demo pack (the
fictional Oakwood Primary School and its roster), shown as a table, and written as the HTML report.
Nothing is saved in the store: the demo person is fictional.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console

from scanner.commands.scan import ScanRequest, emit, perform_scan
from scanner.policy import DEMO_PACK

DEFAULT_REPORT = Path("riskscan-demo-report.html")


def run_demo(output: Path = DEFAULT_REPORT) -> int:
    from fixtures.generate import generate_demo
    from fixtures.school import TODAY

    console = Console(stderr=True)
    console.print("riskscan demo: the exports of Jo Whitmore, a fictional Year 5 teacher at the "
                  "fictional Oakwood Primary School.", highlight=False)
    with tempfile.TemporaryDirectory(prefix="riskscan-demo-") as tmp:
        made = generate_demo(Path(tmp))
        archives = [path for key, path in made.items() if key not in ("roster", "logo")]
        request = ScanRequest(paths=archives, policy=DEMO_PACK, today=TODAY)
        result = perform_scan(request, console)
    if result is None:
        return 2
    emit(result, ScanRequest(paths=archives, format="terminal"))
    emit(result, ScanRequest(paths=archives, format="html", output=output))
    console.print(f"Open {output} in your web browser to see the full report, as a teacher "
                  "scanning their own exports would.", highlight=False)
    return 0
