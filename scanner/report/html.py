"""The self-contained HTML report: no network, no external files, prints cleanly."""

from __future__ import annotations

from collections import Counter
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from scanner.model import found_where, platform_label
from scanner.report import links, marks
from scanner.rules import AREAS

_ENV = Environment(loader=PackageLoader("scanner.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                   lstrip_blocks=True)


def area_chart(checklist: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bars for the chart: per area, rules at risk and to review (heights in pixels)."""
    risk: Counter[str] = Counter()
    review: Counter[str] = Counter()
    for item in checklist:
        area = item["rule"][0]
        if item["status"] == "risk":
            risk[area] += 1
        elif item["status"] == "review":
            review[area] += 1
    top = max([risk[a] + review[a] for a in AREAS] + [1])
    return [{"letter": a, "name": name, "risk": risk[a], "review": review[a],
             "risk_px": round(120 * risk[a] / top), "review_px": round(120 * review[a] / top)}
            for a, name in AREAS.items()]


def render_html(doc: dict[str, Any], generated: str) -> str:
    template = _ENV.get_template("report.html.j2")
    return template.render(doc=doc, chart=area_chart(doc["checklist"]), generated=generated,
                           platform_label=platform_label, found_where=found_where,
                           marks=marks, links=links)
