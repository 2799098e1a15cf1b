"""How far apart two hits are, in words and sentences.

Content rules pair two hits ("hate" and "the head", "thick" and "the parents", a name and "my
Year 6s"); they belong together only when close, and usually only in one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from detectors.lexicons.lists import Hit

_WORD = re.compile(r"\w+(?:['’-]\w+)*")  # "can't", "pick-up": one word each
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


# -- distances -------------------------------------------------------------------------------

def words_between(text: str, end: int, start: int) -> int:
    """How many words lie between two spans (order-free)."""
    if start < end:
        end, start = start, end
    return len(_WORD.findall(text, end, start)) if start > end else 0


def same_sentence(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    return _SENTENCE_END.search(text, left[1], max(left[1], right[0])) is None


def near(text: str, a: tuple[int, int], b: tuple[int, int], window: int,
         sentence: bool = False) -> bool:
    """Within `window` words of each other (and in one sentence, if asked)."""
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    if right[0] < left[1]:  # overlapping spans are as near as can be
        return True
    if sentence and not same_sentence(text, a, b):
        return False
    return words_between(text, left[1], right[0]) <= window


def closest(text: str, anchor: tuple[int, int], spans: Iterable[Hit],
            window: int, sentence: bool = False) -> Hit | None:
    """The hit nearest to `anchor` within the window, or None."""
    best: tuple[int, Hit] | None = None
    for hit in spans:
        span = (hit.start, hit.end)
        if not near(text, anchor, span, window, sentence):
            continue
        left, right = sorted((anchor, span))
        distance = words_between(text, left[1], right[0]) if right[0] >= left[1] else 0
        if best is None or distance < best[0]:
            best = (distance, hit)
    return best[1] if best else None


def words_before(text: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text, 0, start)[-count:]] if count else []
