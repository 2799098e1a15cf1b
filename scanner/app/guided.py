"""Guided checks, done by hand: what the person saw when they looked, logged out, at a profile
riskscan could not read. Recorded one rule at a time (`riskscan looked`), kept in the store, and
shown against that profile's guided check in every later report."""

from __future__ import annotations

import copy
from typing import Any

from scanner.errors import ScanError
from scanner.report.guided import LOOK_FOR
from storage.db import Store
from storage.models import GuidedLookRow
from storage.repository import looks_of, record_look

RULES = tuple(rule for rule, _question in LOOK_FOR)


def record(store: Store, person: str, address: str, rule: str, saw: str | None) -> None:
    """Record what was seen (`saw`), or that nothing was (`saw` None), for one rule."""
    rule = rule.strip().upper()
    if rule not in RULES:
        raise ScanError(f"'{rule}' is not a rule a profile can be checked for by hand: use one "
                        f"of {', '.join(RULES)} (the rules listed under the profile's guided "
                        "check in your report).")
    address = address.strip()
    if not address:
        raise ScanError("say which profile you looked at: the address as shown in your report.")
    text = " ".join(saw.split()) if saw else None
    record_look(store, person, address, rule, text, risk=bool(text))


def with_looks(doc: dict[str, Any], looks: list[GuidedLookRow]) -> dict[str, Any]:
    """The report with, under each guided check's rules, what the person last recorded."""
    if not doc.get("guided_checks"):
        return doc
    recorded = {(look.address, look.rule): look for look in looks}
    doc = copy.deepcopy(doc)
    for check in doc["guided_checks"]:
        for look in check["look_for"]:
            found = recorded.get((check["address"], look["rule"]))
            look["recorded"] = None if found is None else {
                "saw": found.saw, "risk": found.risk,
                "when": found.recorded.date().isoformat()}
    return doc


def looks(store: Store, person: str) -> list[GuidedLookRow]:
    return looks_of(store, person)
