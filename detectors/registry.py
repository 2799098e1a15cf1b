"""The registry: which detector class checks which rule. One module per rule, named by slug."""

from __future__ import annotations

import importlib

from detectors.base import Detector
from scanner.rules import RULES

_REGISTRY: dict[str, type[Detector]] = {}


def register(cls: type[Detector]) -> type[Detector]:
    """Class decorator: `@register` on a Detector subclass with `rule` and `needs` set."""
    if cls.rule in _REGISTRY and _REGISTRY[cls.rule] is not cls:
        raise RuntimeError(f"two detectors for rule {cls.rule}")
    _REGISTRY[cls.rule] = cls
    return cls


def module_name(slug: str) -> str:
    return "detectors." + slug.replace("-", "_")


def all_detectors() -> dict[str, type[Detector]]:
    """Every rule's detector class, importing each rule's module by its slug."""
    for rule in RULES:
        importlib.import_module(module_name(rule.slug))
    return dict(_REGISTRY)
