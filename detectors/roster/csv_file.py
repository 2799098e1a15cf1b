"""Reading the school's roster CSV, as a school's MIS exports it, with one-line errors.

Columns: first_name, last_name, preferred_name, role, year_group, date_of_birth, linked_to.
Header names are matched ignoring case, spaces and a byte-order mark; only first_name,
last_name and role are required. Dates may be ISO (2015-09-18) or British (18/09/2015).
Excel on Windows saves CSV as Windows-1252, so that is read too when the file is not UTF-8.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detectors.roster.names import tokens
from scanner.errors import PolicyError

COLUMNS = ("first_name", "last_name", "preferred_name", "role", "year_group", "date_of_birth",
           "linked_to")
REQUIRED = ("first_name", "last_name", "role")
_ALIASES = {"forename": "first_name", "firstname": "first_name", "given_name": "first_name",
            "surname": "last_name", "lastname": "last_name", "family_name": "last_name",
            "preferred": "preferred_name", "known_as": "preferred_name",
            "preferred_forename": "preferred_name", "year": "year_group", "dob": "date_of_birth",
            "birth_date": "date_of_birth", "linked": "linked_to", "child": "linked_to"}
_ROLES = {"pupil": "pupil", "student": "pupil", "child": "pupil",
          "expupil": "ex-pupil", "formerpupil": "ex-pupil", "leaver": "ex-pupil",
          "exstudent": "ex-pupil", "formerstudent": "ex-pupil",
          "parent": "parent", "carer": "parent", "parentcarer": "parent", "guardian": "parent",
          "governor": "governor", "trustee": "governor",
          "staff": "staff", "teacher": "staff", "colleague": "staff", "employee": "staff"}
_UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"(?:y|yr|year)?\s*(\d{1,2})", re.IGNORECASE)
_Fail = Callable[[str, str], PolicyError]  # fail(column, problem) -> the error to raise
MAX_BYTES = 50 * 1024**2  # a roster of every pupil, parent and member of staff is far smaller


@dataclass(frozen=True, slots=True)
class Person:
    """One roster row, checked and tidied."""

    row: int
    first_name: str
    last_name: str
    preferred_name: str
    role: str
    year_group: str | None
    date_of_birth: date | None
    linked_to: tuple[str, ...]


def read_people(path: Path) -> list[Person]:
    """Every person in the CSV; the first mistake found raises PolicyError (one line)."""
    text = _decode(path)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        header = next(rows, None)
        if header is None:
            raise PolicyError(f"{path.name} is empty: it needs a first row naming the columns "
                              f"{','.join(COLUMNS)}.")
        columns = _columns(path, header)
        return [person for values in rows
                if (person := _person(path, rows.line_num, columns, len(header), values))
                is not None]
    except csv.Error as exc:
        raise PolicyError(f"{path.name} row {rows.line_num}: not readable as CSV ({exc}): save "
                          "it again from the spreadsheet as CSV.") from None


def _decode(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise PolicyError(f"{path.name} is larger than a roster can be: check it is the "
                              "roster CSV.")
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"the roster {path} cannot be read ({exc.strerror}): check the "
                          "path.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def _column_name(raw: str) -> str:
    name = re.sub(r"[\s\-/]+", "_", raw.replace("\ufeff", "").strip().lower())
    return _ALIASES.get(name, name)


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = _column_name(raw)
        if name in COLUMNS and name not in columns:
            columns[name] = index
    for needed in REQUIRED:
        if needed not in columns:
            raise PolicyError(f"{path.name}: no {needed} column in the first row: the columns "
                              f"are {','.join(COLUMNS)} (only the first three are required).")
    return columns


def _person(path: Path, row: int, columns: dict[str, int], width: int,
            values: list[str]) -> Person | None:
    if not any(v.strip() for v in values):
        return None  # blank lines are common at the end of exports

    def cell(name: str) -> str:
        index = columns.get(name)
        return values[index].strip() if index is not None and index < len(values) else ""

    def fail(column: str, problem: str) -> PolicyError:
        where = f", column {column}" if column else ""
        return PolicyError(f"{path.name} row {row}{where}: {problem}")

    if len(values) > width and any(v.strip() for v in values[width:]):
        raise fail("", f"{len(values)} values but the first row names {width} columns: put "
                        "quotes around any value that contains a comma.")
    first, last = cell("first_name"), cell("last_name")
    for column, value in (("first_name", first), ("last_name", last)):
        if not tokens(value):
            raise fail(column, f"{'empty' if not value else repr(value)}: every person needs a "
                               "first name and a last name with letters in them.")
    return Person(row, first, last, cell("preferred_name"), _role(cell("role"), fail),
                  _year_group(cell("year_group")), _date(cell("date_of_birth"), fail),
                  _linked(cell("linked_to")))


def _role(value: str, fail: _Fail) -> str:
    key = re.sub(r"[^a-z]", "", value.lower())
    if key not in _ROLES:
        shown = repr(value) if value else "empty"
        raise fail("role", f"{shown} is not a role: write one of pupil, ex-pupil, parent, "
                           "governor, staff.")
    return _ROLES[key]


def _date(value: str, fail: _Fail) -> date | None:
    if not value:
        return None
    parts = None
    if match := _ISO_DATE.fullmatch(value):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _UK_DATE.fullmatch(value):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    try:
        if parts is None:
            raise ValueError(value)
        born = date(*parts)
    except ValueError:
        raise fail("date_of_birth", f"{value!r} is not a date: write it as YYYY-MM-DD "
                                    "(2015-09-18) or DD/MM/YYYY (18/09/2015).") from None
    if born.year < 1900 or born > date.today():
        raise fail("date_of_birth", f"{value!r} is not a likely date of birth: check the "
                                    "year.")
    return born


def _year_group(value: str) -> str | None:
    """`5`, `Y5`, `Yr 5`, `year5` -> `Year 5`; `R`/`Rec` -> `Reception`; others as written."""
    if not value:
        return None
    if match := _YEAR.fullmatch(value.strip()):
        return f"Year {int(match[1])}"
    if value.strip().lower() in ("r", "rec", "reception", "yr r", "year r"):
        return "Reception"
    if value.strip().lower() in ("n", "nur", "nursery"):
        return "Nursery"
    return " ".join(value.split())[:40]


def _linked(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[;|/]", value) if p.strip())


