"""Cutting what could identify another person down to what the person needs to find it again.

Part of the model layer: the storage and the detectors both use it, and it imports nothing of
riskscan's own.
"""

from __future__ import annotations


def initials(name: str) -> str:
    """`Katie Smith` -> `K. S.`"""
    return " ".join(f"{part[0]}." for part in name.split() if part)
