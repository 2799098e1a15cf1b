"""What the server remembers while it runs: the keys, the uploads, the job, the latest
checklist, the pack in use and the messages waiting to be shown. One person's page on their own
computer, so there is one of each; several tabs share them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.app.people import DEFAULT_PERSON
from scanner.app.scan import KeptScan
from scanner.web.guard import Keys
from scanner.web.jobs import Jobs
from scanner.web.uploads import UploadArea


@dataclass
class Notice:
    text: str
    kind: str = "info"  # "info" | "done" | "problem"


@dataclass
class ServerState:
    keys: Keys
    uploads: UploadArea
    work: Path  # the server's private folder (0700), removed when it stops
    demo: bool = False
    person: str = DEFAULT_PERSON
    jobs: Jobs = field(default_factory=Jobs)
    kept: KeptScan | None = None  # the latest saved scan, with decisions applied
    unsaved: dict[str, Any] | None = None  # the latest scan's report when not saved
    pack: Path | None = None  # the policy pack used for scans (None: the demo school)
    room_html: str | None = None  # the workshop room page last made
    sealed: bytes | None = None  # the roster sealed last, until downloaded or the server stops
    notices: list[Notice] = field(default_factory=list)
    keep_uploads: bool = False
    addresses: str = ""  # the public profile addresses typed, one a line
    consent_draft: dict[str, str] = field(default_factory=dict)  # a refused consent's fields

    def tell(self, text: str, kind: str = "info") -> None:
        self.notices.append(Notice(text, kind))

    def take_notices(self) -> list[Notice]:
        waiting, self.notices = self.notices, []
        return waiting

    @property
    def doc(self) -> dict[str, Any] | None:
        """The checklist to show: the latest scan of this session."""
        return self.kept.doc if self.kept is not None else self.unsaved
