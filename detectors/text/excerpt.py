"""Short, redacted excerpts: enough for a person to find the post again, no more.

Contact details are masked in every excerpt, and names of children can be cut to initials, so a
report left on a shared computer gives away as little as possible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.redact import initials

_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")
_PHONE = re.compile(r"(?<!\d)(\+?\d[\d ()-]{7,}\d)(?!\d)")
_SPACE = re.compile(r"\s+")


def mask_contacts(text: str) -> str:
    """Mask e-mail addresses (j…@example.org) and phone numbers (…123)."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}…@{m.group(2)}", text)
    return _PHONE.sub(lambda m: "…" + re.sub(r"\D", "", m.group(1))[-3:], text)


def disjoint(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Spans that do not overlap, the longest kept where two start together, for `hide`."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return tuple(kept)


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 50,
            hide: tuple[tuple[int, int], ...] = ()) -> str:
    """Up to `width` characters either side of text[start:end], spans in `hide` as initials."""
    if end is None:
        end = min(len(text), start + width)
    for hide_start, hide_end in sorted(hide, reverse=True):
        short = initials(text[hide_start:hide_end])
        shift = (hide_end - hide_start) - len(short)
        text = text[:hide_start] + short + text[hide_end:]
        if hide_start < start:
            start, end = max(0, start - shift), max(0, end - shift)
        elif hide_start < end:
            end = max(start, end - shift)
    left = max(0, start - width)
    right = min(len(text), end + width)
    piece = _SPACE.sub(" ", text[left:right]).strip()
    return ("…" if left > 0 else "") + mask_contacts(piece) + ("…" if right < len(text) else "")
