"""`riskscan policy init` and `riskscan policy check`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from scanner.errors import ScanError
from scanner.files import write_private
from scanner.policy import load_policy

TEMPLATE = Path(__file__).resolve().parents[1] / "packs" / "template.toml"


def run_policy_init(out: Path, console: Console) -> int:
    if out.exists():
        raise ScanError(f"{out} already exists: choose another name, or delete it first.")
    write_private(out, TEMPLATE.read_text(encoding="utf-8"))
    console.print(f"Wrote a commented policy pack template to {out}. Fill it in, then run "
                  f"`riskscan policy check {out}`.", highlight=False)
    return 0


def run_policy_check(pack: Path, console: Console) -> int:
    policy = load_policy(pack)
    enabled = policy.enabled_rules()
    roster = "plain roster" if policy.roster_path else (
        "sealed roster" if policy.sealed_roster_path else "no roster (B rules not checked)")
    console.print(f"{pack.name} is valid: {policy.school_name}, {len(policy.aliases)} other "
                  f"name(s), {len(policy.logos)} logo(s), {roster}, {len(enabled)} of 26 "
                  "rules on.", highlight=False)
    for label, present in (("school site (photo locations)", policy.site),
                           ("teaching hours and terms", policy.hours)):
        if present is None:
            console.print(f"Note: no {label}; the rules that need it will say 'not checked'.",
                          highlight=False)
    return 0
