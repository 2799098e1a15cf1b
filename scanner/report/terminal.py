"""The checklist as a terminal table, with counts first."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

STATUS_STYLE = {"risk": "bold red", "review": "yellow", "clear": "green",
                "not checked": "dim"}


def print_report(doc: dict[str, Any], console: Console) -> None:
    """A table of every rule, then the evidence for each rule that needs attention."""
    summary = doc["summary"]
    console.print(f"[bold]Your social media checklist for {doc['school']}[/]")
    console.print(
        f"{summary['risk']} to fix, {summary['review']} to review, {summary['clear']} clear, "
        f"{summary['not checked']} not checked.", highlight=False)
    table = Table(show_lines=False)
    for column in ("Rule", "Check", "Severity", "Status", "Found"):
        table.add_column(column)
    for item in doc["checklist"]:
        style = STATUS_STYLE.get(item["status"], "")
        table.add_row(item["rule"], item["title"], item["severity"],
                      f"[{style}]{item['status']}[/]", str(item["count"]))
    console.print(table)
    for item in doc["checklist"]:
        _print_evidence(item, console)


def _print_evidence(item: dict[str, Any], console: Console) -> None:
    if item["status"] == "not checked" and item.get("missing"):
        console.print(f"[dim]{item['rule']} {item['title']}: not checked. {item['missing']}[/]",
                      highlight=False)
        return
    findings = item.get("findings") or []
    if not findings:
        return
    console.print(f"\n[bold]{item['rule']} {item['title']}[/] ({item['status']})",
                  highlight=False)
    for finding in findings[:5]:
        where = finding["where"]
        console.print(f"  - {where['platform']} {where['record']}: {finding['excerpt']}",
                      highlight=False, markup=False)
        console.print(f"    why: {finding['why']}", highlight=False, markup=False)
    if item["count"] > 5:
        console.print(f"  ...and {item['count'] - 5} more (see the full report).")
    console.print(f"  What to do: {item['advice']}", highlight=False, markup=False)
