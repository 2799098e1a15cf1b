"""`riskscan policy init` and `riskscan policy check`: the face of `scanner.app.policy`."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from scanner.app.policy import TEMPLATE, check_pack, write_template

__all__ = ["TEMPLATE", "run_policy_check", "run_policy_init"]


def run_policy_init(out: Path, console: Console) -> int:
    write_template(out)
    console.print(f"Wrote a commented policy pack template to {out}. Fill it in, then run "
                  f"`riskscan policy check {out}`.", highlight=False)
    return 0


def run_policy_check(pack: Path, console: Console) -> int:
    checked = check_pack(pack)
    for line in (checked.summary, *checked.notes):
        console.print(line, highlight=False)
    return 0
