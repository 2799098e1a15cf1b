"""Cutting what could identify another person down to what the person needs to find it again.

Part of the model layer: the storage and the detectors both use it, and it imports nothing of
riskscan's own.
"""

from __future__ import annotations

import re

# The words of a hashtag or handle run together: "PamFryman", "MrsOlsonYr5", "pam_fryman",
# "ZoëSmith": a letter, then letters that are not capital A to Z; or digits.
_RUN_TOGETHER = re.compile(r"[^\W\d_][^\W\d_A-Z]*|\d+")


def initials(name: str) -> str:
    """`Katie Smith` -> `K. S.`; a name in a hashtag or handle keeps its sign and the initials
    of the words run together in it (`#PamFryman` -> `#P. F.`), so the reader can still tell
    which of their posts it is."""
    return " ".join(_initials_of(part) for part in name.split())


def _initials_of(part: str) -> str:
    if part[0] in "#@" and len(part) > 1:
        words = _RUN_TOGETHER.findall(part[1:])
        return part[0] + " ".join(f"{word[0]}." for word in words) if words else part[0]
    return f"{part[0]}."
