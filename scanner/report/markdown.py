"""The checklist as Markdown, for pasting into notes or printing."""

from __future__ import annotations

from typing import Any


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    lines = [f"# Social media checklist: {doc['school']}", "",
             f"**{s['risk']}** to fix, **{s['review']}** to review, **{s['clear']}** clear, "
             f"**{s['not checked']}** not checked.", "",
             "| Rule | Check | Severity | Status | Found |", "|---|---|---|---|---|"]
    for item in doc["checklist"]:
        lines.append(f"| {item['rule']} | {_cell(item['title'])} | {item['severity']} | "
                     f"{item['status']} | {item['count']} |")
    for item in doc["checklist"]:
        lines.extend(_section(item))
    return "\n".join(lines) + "\n"


def _section(item: dict[str, Any]) -> list[str]:
    out = ["", f"## {item['rule']} {item['title']}: {item['status']}", ""]
    clause = item.get("clause") or "not given in your school's pack"
    out.append(f"Severity: {item['severity']}. Your policy: {clause}. "
               f"Also in published policies: {item['basis']}.")
    if item.get("missing"):
        out += ["", f"Not checked: {item['missing']}"]
    for finding in item.get("findings") or []:
        where = finding["where"]
        sure = "found" if finding["certain"] else "to review"
        out.append(f"- ({sure}) {where['platform']}, {where['file']}, {where['record']}: "
                   f"{finding['excerpt']}. Why: {finding['why']}")
    if item.get("findings"):
        out += ["", "How to fix it:", ""]
        out += [f"{n}. {step}" for n, step in enumerate(item.get("steps") or [], start=1)]
    return out
