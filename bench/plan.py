"""What a benchmark run measures: the full plan, the --quick one, and the smoke test's tiny one."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

SECTIONS = ("scan", "floor", "ner", "exif", "roster", "accuracy", "bios", "photos", "pages",
            "rescans")
# sections that need no generated archives
OFFLINE_SECTIONS = ("bios", "photos", "pages", "rescans")


@dataclass(frozen=True)
class Plan:
    """Sizes of every workload. Archives are cached by the generator's arguments: --quick's
    10,000-post archive has fewer photos, so it is not the full run's."""

    sizes: tuple[int, ...] = (10_000, 100_000, 400_000)
    connections: int = 5_000
    images: int = 2_000  # written into each Facebook archive
    roster: int = 3_000
    seed: int = 7
    exif_images: int = 2_000  # photos compared with exiftool
    ner_texts: int = 10_000  # post texts for the NER speed comparison
    labelled_texts: int = 2_000  # texts with known name spans for PERSON accuracy
    real_texts: int | None = None  # texts of each ner-dev set (None: all of them)
    synthetic_texts: int = 2_000  # sentences from Presidio's synthetic generator
    repeats: int = 3  # short comparisons run this many times, interleaved; the best is kept
    accuracy_size: int = 10_000  # the archive whose findings are scored against the truth
    photo_sizes: tuple[int, ...] = (1_000,)  # folders of real-size photos (the photos section)
    reference: str | None = None  # a git revision whose findings the photos must match
    page_hosts: int = 20  # local web servers for the pages section
    pages_per_host: int = 10  # profile addresses on each
    page_gap: float = 1.0  # seconds between two requests to one host (riskscan's default)
    rescan_profiles: int = 1_000  # consented profiles, spread over rescan_hosts local hosts
    rescan_hosts: int = 20
    rescan_kill: bool = True  # also the run with one worker killed halfway
    sections: tuple[str, ...] = SECTIONS
    workdir: Path = field(default_factory=lambda: Path.home() / ".cache" / "riskscan-bench")
    mode: str = "full"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["workdir"] = str(self.workdir)
        return out


def full_plan() -> Plan:
    return Plan()


def quick_plan() -> Plan:
    """Under two minutes on the 2-core reference machine."""
    return replace(Plan(), sizes=(10_000,), images=150, exif_images=150, ner_texts=1_000,
                   labelled_texts=500, synthetic_texts=500, repeats=1, accuracy_size=3_000,
                   photo_sizes=(300,),
                   rescan_profiles=200, rescan_kill=False, mode="quick")


def tiny_plan(workdir: Path) -> Plan:
    """For the harness's smoke test: every section, on archives small enough to take seconds."""
    return replace(Plan(), sizes=(300,), connections=200, images=20, roster=300,
                   exif_images=20, ner_texts=60, labelled_texts=40, real_texts=30,
                   synthetic_texts=30, repeats=1, photo_sizes=(12,),
                   accuracy_size=300, page_hosts=3, pages_per_host=3, page_gap=0.2,
                   rescan_profiles=24, rescan_hosts=4, rescan_kill=False,
                   workdir=workdir, mode="tiny")
