"""The checklist as a terminal table, with counts first."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scanner.model import platform_label
from scanner.report.marks import (
    QUIET_NOTE,
    REVIEW_HINT,
    finding_notes,
    found_text,
    is_quiet,
    needs_hint,
    previous_text,
    recorded_text,
    reference,
    since_text,
    status_text,
)

STATUS_STYLE = {"risk": "bold red", "review": "yellow", "clear": "green",
                "not checked": "dim"}
SHOWN = 5  # findings shown per rule; the full report has the rest


def print_report(doc: dict[str, Any], console: Console) -> None:
    """A table of every rule, then the evidence for each rule that needs attention."""
    summary = doc["summary"]
    console.print(f"[bold]Your social media checklist for {doc['school']}[/]")
    console.print(
        f"{summary['risk']} to fix, {summary['review']} to review, {summary['clear']} clear, "
        f"{summary['not checked']} not checked.", highlight=False)
    compared = previous_text(doc)
    if compared:
        console.print(compared, highlight=False, markup=False)
    table = Table(show_lines=False)
    for column in ("Rule", "Check", "Severity", "Status", "Found"):
        table.add_column(column)
    for item in doc["checklist"]:
        style = STATUS_STYLE.get(item["status"], "")
        table.add_row(item["rule"], item["title"], item["severity"],
                      f"[{style}]{status_text(item)}[/]", found_text(item))
    console.print(table)
    for item in doc["checklist"]:
        _print_evidence(item, console)
    for check in doc.get("guided_checks", []):
        _print_guided(check, console)
    if needs_hint(doc):
        console.print(f"\n{REVIEW_HINT}", highlight=False, markup=False)


def _print_guided(check: dict[str, Any], console: Console) -> None:
    console.print(f"\n[bold]Check this profile yourself: {escape(check['address'])}[/]")
    console.print(f"riskscan did not read it: {check['why']}.", highlight=False, markup=False)
    for number, step in enumerate(check["steps"], 1):
        console.print(f"  {number}. {step}", highlight=False, markup=False)
    for look in check["look_for"]:
        done = look.get("recorded")
        console.print(f"  [{'x' if done else ' '}] {look['rule']}: {look['question']}",
                      highlight=False, markup=False)
        console.print(f"      What I saw: {recorded_text(done)}", highlight=False,
                      markup=False)
    if not any(look.get("recorded") for look in check["look_for"]):
        console.print(f"  Record what you saw: riskscan looked {check['address']} RULE "
                      "--saw \"...\" (or --nothing)", highlight=False, markup=False)


def _print_evidence(item: dict[str, Any], console: Console) -> None:
    if item["status"] == "not checked" and item.get("missing"):
        console.print(f"[dim]{item['rule']} {item['title']}: not checked. {item['missing']}[/]",
                      highlight=False)
        return
    findings = item.get("findings") or []
    since = since_text(item)
    if not findings and not since:
        return
    console.print(f"\n[bold]{item['rule']} {item['title']}[/]: {status_text(item)}",
                  highlight=False)
    if since:
        console.print(f"  {since}", highlight=False, markup=False)
    if is_quiet(item):
        console.print(f"  {QUIET_NOTE}", highlight=False, markup=False)
    for finding in findings[:SHOWN]:
        _print_finding(finding, console)
    if item["count"] > SHOWN:
        console.print(f"  ...and {item['count'] - SHOWN} more (see the full report).")
    if findings and item["status"] in ("risk", "review"):
        console.print(f"  What to do: {item['advice']}", highlight=False, markup=False)


def _print_finding(finding: dict[str, Any], console: Console) -> None:
    where = finding["where"]
    platform = platform_label(where["platform"])
    console.print(f"  - {platform} {where['record']}: {finding['excerpt']}",
                  highlight=False, markup=False)
    console.print(f"    why: {finding['why']}", highlight=False, markup=False)
    console.print("; ".join([f"    reference {reference(finding)}", *finding_notes(finding)]),
                  highlight=False, markup=False)
