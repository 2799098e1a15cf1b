"""Renderers for a finished scan: JSON, Markdown, HTML and the terminal table.

Audiences: `private` (everything, for the person themself) and `shared` (rule statuses and counts
only: no names, excerpts, places, file paths or account details).
"""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    PRIVATE = "private"
    SHARED = "shared"
