"""What a rescan says to each recipient, in plain words.

The person (and anyone they agreed may see the details) gets the private message: each rule
with something to look at, the findings (short redacted excerpts, where they were found, what is
new), what was fixed, and the addresses that could not be checked and why. A recipient of the
shared summary gets counts only: no addresses, excerpts, names or places.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scanner.rescans.consents import PRIVATE, recipients_of
from scanner.rescans.notify import new_message
from scanner.rescans.pages import PageResult
from storage.models import ConsentRow

FINDINGS_PER_RULE = 10


@dataclass(frozen=True)
class Change:
    """How this rescan differs from the consent's last one."""

    first: bool
    new: int
    open: int
    fixed: int
    statuses_changed: bool
    pages_changed: bool

    @property
    def anything(self) -> bool:
        return self.first or bool(self.new or self.fixed) or self.statuses_changed


@dataclass(frozen=True)
class Outgoing:
    recipient: str
    audience: str
    text: str


def rescan_messages(row: ConsentRow, doc: dict[str, Any], pages: list[PageResult],
                    change: Change, sender: str, now: datetime) -> list[Outgoing]:
    out = []
    for recipient in recipients_of(row):
        private = recipient["audience"] == PRIVATE
        body = (_private_body(row, doc, pages, change, now) if private
                else _shared_body(row, doc, change, now))
        subject = _subject(row, doc, change, private)
        message = new_message(sender, recipient["email"], subject, body, now)
        out.append(Outgoing(recipient["email"], recipient["audience"], message.as_string()))
    return out


def reminder_message(row: ConsentRow, sender: str, now: datetime) -> Outgoing:
    day = _day(row.expires)
    body = (f"Hello,\n\nYour consent to scheduled checks of your public profiles (consent "
            f"{row.id}) ends on {day}.\n\nIf you would like the checks to go on, tell the "
            "person at your school who looks after them; they will renew it for up to 12 "
            "months. If you do nothing, the checks stop on that day and every stored result "
            "is deleted.\n\nYou can also withdraw now: the same person runs `riskscan consent "
            f"withdraw {row.id}` and everything stored is deleted at once.\n")
    message = new_message(sender, row.email, f"Your profile checks end on {day}", body, now)
    return Outgoing(row.email, "reminder", message.as_string())


def _subject(row: ConsentRow, doc: dict[str, Any], change: Change, private: bool) -> str:
    flagged = _flagged(doc)
    state = (f"{len(flagged)} {'rule' if len(flagged) == 1 else 'rules'} to look at"
             if flagged else "all clear")
    news = f" ({change.new} new)" if change.new and not change.first else ""
    if private:
        return f"Your public profile check: {state}{news}"
    return f"Public profile check for {row.person}: {state}"


def _flagged(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in doc["checklist"] if item["status"] in ("risk", "review")]


def _private_body(row: ConsentRow, doc: dict[str, Any], pages: list[PageResult],
                  change: Change, now: datetime) -> str:
    lines = ["Hello,", "",
             f"This is the check of your public profiles you agreed to (consent {row.id}, "
             f"until {_day(row.expires)}), made on {_day(now)}.", "",
             "Addresses checked:"]
    lines += [f"- {page.address}" + (f": not checked ({page.not_checked})"
                                     if page.not_checked else "") for page in pages]
    lines += ["", _since(change), ""]
    flagged = _flagged(doc)
    if not flagged:
        lines.append("Nothing to look at: every rule that could be checked is clear.")
    for item in flagged:
        lines += _rule_lines(item)
    unchecked = [item["rule"] for item in doc["checklist"] if item["status"] == "not checked"]
    if unchecked:
        lines += ["", f"Not checked from public pages: {', '.join(unchecked)}."]
    lines += ["", "This message is private to you. To stop these checks at any time, tell the "
              f"person at your school who looks after them to withdraw consent {row.id}: "
              "the checks stop at once and every stored result is deleted."]
    return "\n".join(lines) + "\n"


def _rule_lines(item: dict[str, Any]) -> list[str]:
    history = item.get("history") or {}
    new = f", {history['new']} new" if history.get("new") else ""
    lines = ["", f"{item['rule']} {item['title']}: {item['status']} ({item['count']} "
             f"found{new})"]
    for finding in (item.get("findings") or [])[:FINDINGS_PER_RULE]:
        mark = " [new]" if finding.get("since") == "new" else ""
        lines.append(f"  - \"{finding['excerpt']}\" at {finding['where']['file']}{mark}: "
                     f"{finding['why']}")
    for step in (item.get("steps") or [])[:3]:
        lines.append(f"  What to do: {step}")
    return lines


def _shared_body(row: ConsentRow, doc: dict[str, Any], change: Change, now: datetime) -> str:
    summary = doc["summary"]
    lines = ["Hello,", "",
             f"The scheduled check of {row.person}'s public profiles (consent {row.id}) ran "
             f"on {_day(now)}. This summary holds counts only; {row.person} has the details.",
             "",
             f"Rules: {summary.get('risk', 0)} risk, {summary.get('review', 0)} to review, "
             f"{summary.get('clear', 0)} clear, {summary.get('not checked', 0)} not checked.",
             _since(change)]
    return "\n".join(lines) + "\n"


def _since(change: Change) -> str:
    if change.first:
        return "This is the first check under this consent."
    return (f"Since the last check: {change.new} new, {change.open} still open, "
            f"{change.fixed} fixed." + ("" if change.pages_changed
                                        else " None of the pages had changed."))


def _day(moment: object) -> str:
    from datetime import date

    if isinstance(moment, datetime | date):
        return f"{moment.day} {moment.strftime('%B %Y')}"
    return str(moment)
