"""The checklist as Markdown, for pasting into notes or printing."""

from __future__ import annotations

from typing import Any

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


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _sentence(text: object) -> str:
    """A table-safe phrase ending in exactly one full stop (or its own … ! ?)."""
    cell = _cell(text).strip()
    return cell if cell.endswith((".", "…", "!", "?")) else f"{cell}."


def render_markdown(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    lines = [f"# Social media checklist: {doc['school']}", "",
             f"**{s['risk']}** to fix, **{s['review']}** to review, **{s['clear']}** clear, "
             f"**{s['not checked']}** not checked.", ""]
    compared = previous_text(doc)
    if compared:
        lines += [compared, ""]
    lines += ["| Rule | Check | Severity | Status | Found |", "|---|---|---|---|---|"]
    for item in doc["checklist"]:
        lines.append(f"| {item['rule']} | {_cell(item['title'])} | {item['severity']} | "
                     f"{status_text(item)} | {found_text(item)} |")
    for item in doc["checklist"]:
        lines.extend(_section(item))
    for check in doc.get("guided_checks", []):
        lines.extend(_guided(check))
    if needs_hint(doc):
        lines += ["", REVIEW_HINT]
    return "\n".join(lines) + "\n"


def _guided(check: dict[str, Any]) -> list[str]:
    lines = ["", f"## Check this profile yourself: {check['address']}", "",
             f"riskscan did not read it: {_sentence(check['why'])}", ""]
    lines += [f"{number}. {step}" for number, step in enumerate(check["steps"], 1)]
    lines += ["", "| Rule | Look for | What I saw |", "|---|---|---|"]
    lines += [f"| {look['rule']} | {_cell(look['question'])} | "
              f"{_cell(recorded_text(look.get('recorded')) if look.get('recorded') else '')} |"
              for look in check["look_for"]]
    return lines


def _section(item: dict[str, Any]) -> list[str]:
    out = ["", f"## {item['rule']} {item['title']}: {status_text(item)}", ""]
    clause = item.get("clause") or "not given in your school's pack"
    out.append(f"Severity: {item['severity']}. Your policy: {clause}. "
               f"Also in published policies: {item['basis']}.")
    if item.get("missing"):
        out += ["", f"Not checked: {item['missing']}"]
    since = since_text(item)
    if since:
        out += ["", since]
    if is_quiet(item):
        out += ["", QUIET_NOTE]
    findings = item.get("findings") or []
    if findings:
        out.append("")
    out += [_finding(finding) for finding in findings]
    if findings and item["status"] in ("risk", "review"):
        out += ["", "How to fix it:", ""]
        out += [f"{n}. {step}" for n, step in enumerate(item.get("steps") or [], start=1)]
    return out


def _finding(finding: dict[str, Any]) -> str:
    where = finding["where"]
    sure = "found" if finding["certain"] else "to review"
    notes = "".join(f" **{_cell(note)}.**" for note in finding_notes(finding))
    return (f"- ({sure}) {platform_label(where['platform'])}, {where['file']}, {where['record']}: "
            f"{_sentence(finding['excerpt'])} Why: {_sentence(finding['why'])} "
            f"Reference `{reference(finding)}`.{notes}")
