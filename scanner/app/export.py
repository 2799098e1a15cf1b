"""Everything stored about a person, as one JSON document (their right of access)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storage.access import export_person
from storage.db import Store


@dataclass(frozen=True)
class Exported:
    data: dict[str, Any]

    @property
    def scans(self) -> int:
        return len(self.data["runs"])

    @property
    def findings(self) -> int:
        return sum(len(run["findings"]) for run in self.data["runs"])

    @property
    def decisions(self) -> int:
        return len(self.data["decisions"])

    def text(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=2) + "\n"


def export_everything(store: Store, person: str) -> Exported:
    exported = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Exported(export_person(store, person, exported))
