"""`python -m bench.worker TASK ARGS.json RESULT.json`: one measurement's work, in its own
process so its wall time and peak memory are its own. The harness (bench.proc.run_worker)
writes the arguments and reads the result; stdout is left to whatever libraries print."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import tasks_misc, tasks_nlp, tasks_pages
from bench.proc import vm_hwm_mb

Task = Callable[[dict[str, Any]], dict[str, Any]]

TASKS: dict[str, Task] = {
    "floor": tasks_misc.floor,
    "exif_scanner": tasks_misc.exif_scanner,
    "decode_photos": tasks_misc.decode_photos,
    "roster": tasks_misc.roster,
    "seal": tasks_misc.seal,
    "scan_json": tasks_misc.scan_json,
    "ner_ceiling": tasks_nlp.ner_ceiling,
    "name_pass": tasks_nlp.name_pass,
    "presidio_analyze": tasks_nlp.presidio_analyze,
    "presidio_batch": tasks_nlp.presidio_batch,
    "pages": tasks_pages.pages,
}


def _texts(args: dict[str, Any]) -> dict[str, Any]:
    """Text lists are passed as file paths; read them before the task starts its clock."""
    for key in ("texts", "labelled"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(Path(args[key]).read_text("utf-8"))
    args["sets"] = {key: json.loads(Path(path).read_text("utf-8"))
                    for key, path in args.get("sets", {}).items()}
    return args


def main(argv: list[str]) -> int:
    task, given, answer = argv
    args = _texts(json.loads(Path(given).read_text("utf-8")))
    result = TASKS[task](args)
    result["vm_hwm_mb"] = vm_hwm_mb()
    Path(answer).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
