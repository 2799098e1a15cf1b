"""The school's policy pack: write the commented template, check a pack (from its file or from
text being edited) and say what it covers, in the same words wherever it is checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scanner.errors import ScanError
from scanner.files import write_private
from scanner.policy import Policy, load_policy, policy_from_text
from scanner.rules import RULES

TEMPLATE = Path(__file__).resolve().parents[1] / "packs" / "template.toml"


@dataclass(frozen=True)
class PackCheck:
    """A valid pack: one line saying what it holds, and notes on what it leaves unchecked."""

    summary: str
    notes: list[str] = field(default_factory=list)


def template_text() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def write_template(out: Path) -> None:
    """Write the commented template to `out` (owner-only); refuse to overwrite a file."""
    if out.exists():
        raise ScanError(f"{out} already exists: choose another name, or delete it first.")
    write_private(out, template_text())


def check_pack(pack: Path) -> PackCheck:
    """Check the pack file; PolicyError names the key of its first mistake."""
    return describe(load_policy(pack), pack)


def check_pack_text(text: str, pack: Path) -> PackCheck:
    """Check a pack's text as if it were saved as `pack`, with the same messages."""
    return describe(policy_from_text(text, pack), pack)


def save_pack_text(text: str, pack: Path) -> PackCheck:
    """Check the text, then (only if it is valid) write it to `pack`, owner-only."""
    checked = check_pack_text(text, pack)
    write_private(pack, text)
    return checked


def describe(policy: Policy, pack: Path) -> PackCheck:
    enabled = policy.enabled_rules()
    roster = "plain roster" if policy.roster_path else (
        "sealed roster" if policy.sealed_roster_path else "no roster (B rules not checked)")
    summary = (f"{pack.name} is valid: {policy.school_name}, {len(policy.aliases)} other "
               f"name(s), {len(policy.logos)} logo(s), {roster}, {len(enabled)} of "
               f"{len(RULES)} rules on.")
    notes = [f"Note: no {label}; the rules that need it will say 'not checked'."
             for label, present in (("school site (photo locations)", policy.site),
                                    ("teaching hours and terms", policy.hours))
             if present is None]
    return PackCheck(summary, notes)
