"""Real profile bios labelled for disclaimers (`../shared/real-samples/bios-dev/bios.tsv`).

The file is read in place, never copied into the repository. Rows labelled `ambiguous` are left
out of the scores (the labeller could not tell). The rows are split in two halves by a hash of
the tweet id, so the split is fixed whatever the file's order: the `dev` half is the one looked
at while building the detector; the `check` half was only scored, until its last two misses
were read on 2026-12-06 to mend the grammar (README), so it is no longer unseen text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.proc import ROOT

BIOS_TSV = ROOT.parent / "shared" / "real-samples" / "bios-dev" / "bios.tsv"
HALVES = ("dev", "check")
_UNESCAPE = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r"}


@dataclass(frozen=True)
class Bio:
    tweet_id: str
    label: str  # yes, no or ambiguous
    text: str

    @property
    def half(self) -> str:
        return HALVES[hashlib.sha256(self.tweet_id.encode()).digest()[0] % 2]


def unescape(field: str) -> str:
    """The README's escapes, undone left to right in one pass."""
    out, i = [], 0
    while i < len(field):
        pair = field[i:i + 2]
        if pair in _UNESCAPE:
            out.append(_UNESCAPE[pair])
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def read_bios(path: Path = BIOS_TSV) -> list[Bio]:
    lines = path.read_text("utf-8").split("\n")
    header = lines[0].split("\t")
    if header != ["source_file", "tweet_id", "selected_by", "has_disclaimer", "bio"]:
        raise ValueError(f"{path}: unexpected columns {header}")
    bios = []
    for line in lines[1:]:
        if line:
            _source, tweet_id, _selected, label, text = line.split("\t")
            bios.append(Bio(tweet_id, label, unescape(text)))
    return bios


def score(bios: Iterable[Bio], detect: Callable[[str], bool]) -> dict[str, Any]:
    """Precision and recall of `detect` over the bios labelled yes or no."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for bio in bios:
        if bio.label == "ambiguous":
            continue
        flagged, truth = detect(bio.text), bio.label == "yes"
        counts[("t" if flagged == truth else "f") + ("p" if flagged else "n")] += 1
    found, said = counts["tp"] + counts["fn"], counts["tp"] + counts["fp"]
    return counts | {"bios": sum(counts.values()), "with_disclaimer": found,
                     "precision": round(counts["tp"] / said, 3) if said else None,
                     "recall": round(counts["tp"] / found, 3) if found else None}
