"""What is in a set of exports: sources, accounts, record counts, skipped files and problems.

This is `riskscan inspect`. The JSON is written as records are read, so an archive of any size
is inspected in flat memory, even with `--records`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from scanner.model import Account, Item, Kind, Problem, Skipped
from scanner.sources import Loaded, Source

if TYPE_CHECKING:
    from scanner.sources.web.visit import PageVisit


@dataclass
class SourceSummary:
    """Counts and account of one source, filled while its records stream past."""

    path: str
    platform: str
    export_version: str | None
    account: Account = field(default_factory=Account)
    counts: Counter[str] = field(default_factory=Counter)
    not_checked: str | None = None  # a profile address that could not be read, and why
    pages: list[PageVisit] = field(default_factory=list)  # a profile address's pages fetched

    def observe(self, item: Item) -> None:
        self.counts[item.kind.value] += 1
        if item.kind is Kind.PROFILE and item.relation is None:
            self.account.fill_from(item)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "platform": self.platform,
            "export_version": self.export_version,
            "account": {"handle": self.account.handle,
                        "display_name": self.account.display_name,
                        "email": self.account.email},
            "counts": {kind.value: self.counts.get(kind.value, 0) for kind in Kind},
        }


def observed(source: Source, summary: SourceSummary) -> Iterator[Item]:
    """The source's records, each counted into the summary as it passes."""
    for item in source.items():
        summary.observe(item)
        yield item


def summarise(source: Source) -> SourceSummary:
    """Read a whole source, keeping only counts."""
    summary = SourceSummary(source.path, source.platform, source.export_version)
    for _ in observed(source, summary):
        pass
    return summary


def problems_of(loaded: Loaded) -> list[Problem]:
    return [*loaded.failed, *(p for s in loaded.sources for p in s.problems)]


def skipped_of(loaded: Loaded) -> list[Skipped]:
    return [k for s in loaded.sources for k in s.skipped()]


def write_json(loaded: Loaded, out: IO[str], with_records: bool = False) -> None:
    """Exactly one JSON object on `out`, streamed source by source and record by record."""
    out.write('{"sources": [')
    for index, source in enumerate(loaded.sources):
        out.write(", " if index else "")
        if with_records:
            summary = SourceSummary(source.path, source.platform, source.export_version)
            out.write('{"records": [')
            for number, item in enumerate(observed(source, summary)):
                out.write(",\n" if number else "\n")
                out.write(json.dumps(item.to_json(), ensure_ascii=False))
            out.write("], ")
        else:
            summary = summarise(source)
            out.write("{")
        # The summary's keys follow the record list inside the same object.
        out.write(json.dumps(summary.to_json(), ensure_ascii=False)[1:])
    out.write("],\n")
    skipped = [{"path": s.path, "reason": s.reason} for s in skipped_of(loaded)]
    problems = [{"path": p.path, "error": p.error} for p in problems_of(loaded)]
    out.write(f' "skipped": {json.dumps(skipped, ensure_ascii=False)},\n')
    out.write(f' "problems": {json.dumps(problems, ensure_ascii=False)}}}\n')
