"""PERSON precision, recall and F1 against the labelled texts' known name spans.

Two ways of counting, both micro-averaged over every span of every text:
- exact: a found span counts only if it starts and ends where the name does;
- overlap: a found span counts if it shares any character with a name not already counted
  (a finder that says "Katie" for "Katie A" has still found the person).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Scores:
    true_pos: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_pos / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "true_positives": self.true_pos, "found": self.found,
                "expected": self.expected}


def _exact(found: Sequence[Span], gold: Sequence[Span]) -> int:
    return len(set(found) & set(gold))


def _overlap(found: Sequence[Span], gold: Sequence[Span]) -> int:
    unused = list(gold)
    hits = 0
    for start, end in found:
        for g in unused:
            if start < g[1] and g[0] < end:
                unused.remove(g)
                hits += 1
                break
    return hits


def score(found: Sequence[Sequence[Sequence[int]]],
          gold: Sequence[Sequence[Span]]) -> dict[str, Scores]:
    """Scores of per-text found spans against per-text gold spans (same order and length)."""
    if len(found) != len(gold):
        raise ValueError(f"{len(found)} results for {len(gold)} texts")
    spans = [[(int(s[0]), int(s[1])) for s in text] for text in found]
    n_found = sum(len(s) for s in spans)
    n_gold = sum(len(g) for g in gold)
    return {"exact": Scores(sum(_exact(f, g) for f, g in zip(spans, gold, strict=True)),
                            n_found, n_gold),
            "overlap": Scores(sum(_overlap(f, g) for f, g in zip(spans, gold, strict=True)),
                              n_found, n_gold)}
