"""The room's picture as a terminal table and as a self-contained, printable HTML page with an
inline SVG chart. Only what scanner.report.room allows is drawn: each bar shows the counts that
may be shown, and the hidden cells of a row as one grey part (their total follows from the
number of people anyway)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from rich.console import Console
from rich.table import Table

from scanner.report.room import HIDDEN, SMALL, STATUSES, WITHHELD, Room, RoomRow

_ENV = Environment(loader=PackageLoader("scanner.report", "templates"),
                   autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                   lstrip_blocks=True)
HEADINGS = {"risk": "At risk", "review": "To review", "clear": "Clear",
            "not checked": "Not checked"}
STYLE = {"risk": "bold red", "review": "yellow", "clear": "green", "not checked": "dim"}
BAR_PX = 360
LEGEND = (f"'{SMALL}': 0, 1 or 2 people, not shown so that no one can be singled out. "
          f"'{HIDDEN}': a larger count also kept back, because with the total it would reveal "
          f"a small one. '{WITHHELD}': the whole rule is kept back for the same reason.")


def print_room(room: Room, console: Console, title: str | None = None) -> None:
    console.print(f"[bold]{title or 'The room'}[/]: {room.people} people's shared summaries",
                  highlight=False)
    table = Table(show_lines=False)
    for column in ("Rule", "Check", *(HEADINGS[s] for s in STATUSES)):
        table.add_column(column)
    for row in room.rows:
        cells = [f"[{STYLE[c.status]}]{c.label}[/]" if c.shown is not None else c.label
                 for c in row.cells]
        table.add_row(row.rule, row.title, *cells)
    console.print(table)
    console.print(LEGEND, style="dim", highlight=False)


def bar(row: RoomRow, people: int) -> list[dict[str, Any]]:
    """The segments of one row's bar: shown counts, then the hidden part, in pixels."""
    segments: list[dict[str, Any]] = []
    for cell in row.cells:
        if cell.shown:
            segments.append({"kind": cell.status.replace(" ", "-"), "count": cell.shown,
                             "label": f"{cell.shown} {HEADINGS[cell.status].lower()}"})
    if row.hidden_total:
        segments.append({"kind": "hidden", "count": row.hidden_total,
                         "label": "not shown individually"})
    x = 0
    for segment in segments:
        width = round(BAR_PX * segment["count"] / people)
        segment.update(x=x, width=width)
        x += width
    return segments


def render_room_html(room: Room, generated: str, title: str | None = None,
                     demo: bool = False) -> str:
    rows = [{"row": row, "bar": bar(row, room.people)} for row in room.rows]
    template = _ENV.get_template("workshop.html.j2")
    return template.render(room=room, rows=rows, generated=generated, title=title,
                           headings=HEADINGS, statuses=STATUSES, legend=LEGEND, bar_px=BAR_PX,
                           demo=demo)
