"""Every risk planted in the fixtures is found and no decoy fires, rule by rule.

Each persona's exports are generated, scanned once with the demo pack and its roster (on the
fixtures' fixed date), and every plant in fixtures/planted.py is checked against the findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fixtures.build import write_persona
from fixtures.personas import PERSONAS
from fixtures.planted import PLANTED, Plant
from fixtures.school import TODAY
from scanner.commands.scan import load_any_roster
from scanner.model import Finding
from scanner.pipeline import ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.rules import RULES
from scanner.sources import load_sources

Found = dict[tuple[str, str, str], list[Finding]]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Found]]:
    policy = load_policy(DEMO_PACK)
    roster = load_any_roster(policy, None, TODAY)
    by_persona: dict[str, Found] = {}
    for key, persona in PERSONAS.items():
        paths = write_persona(persona, tmp_path_factory.mktemp(key), as_zip=True)
        loaded = load_sources([Path(p) for p in paths.values()])
        try:
            result = scan(loaded.sources, policy, ScanOptions(today=TODAY, roster=roster))
        finally:
            loaded.close()
        found: Found = {}
        for item in result.checklist:
            for finding in item.findings:
                where = (finding.rule, finding.ref.platform, finding.ref.record)
                found.setdefault(where, []).append(finding)
        by_persona[key] = found
    yield by_persona


def _verdict(plant: Plant, found: Found) -> str | None:
    """None when the scan agrees with the plant, else what went wrong."""
    hits = found.get((plant.rule, plant.platform, plant.record), [])
    if plant.expect == "decoy":
        return f"decoy fired: {hits[0].why}" if hits else None
    if not hits:
        return "not found"
    if plant.expect == "risk" and not any(f.certain for f in hits):
        return "found only as review, planted as a certain risk"
    return None


@pytest.mark.parametrize("rule", [rule.id for rule in RULES])
def test_rule_finds_its_plants_and_ignores_its_decoys(rule: str,
                                                      findings: dict[str, Found]) -> None:
    plants = [p for p in PLANTED if p.rule == rule]
    assert any(p.expect != "decoy" for p in plants) and any(p.expect == "decoy" for p in plants)
    wrong = [f"{p.persona} {p.expect} {p.platform} {p.record!r} ({p.note}): {verdict}"
             for p in plants if (verdict := _verdict(p, findings[p.persona])) is not None]
    assert not wrong, "\n".join(wrong)
