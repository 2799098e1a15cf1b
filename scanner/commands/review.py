"""`riskscan review`: the person's word on each open finding of their latest scan.

Interactive: each finding without a decision is shown, and the person confirms it, dismisses it,
records a documented exception with its reason, skips it or stops. One line:
`riskscan review FINGERPRINT --exception "my niece, agreed with the head"`. Decisions apply to
every later report: excepted and dismissed findings stay visible, labelled, and stop counting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console

from scanner.app.review import (
    ReviewError,
    decide,
    find_finding,
    has_saved_scan,
    open_findings,
    rule_title,
)
from scanner.decisions import Verdict
from scanner.model import found_where

if TYPE_CHECKING:
    from scanner.app.store import Store
    from storage.models import FindingRow

EXIT_OK, EXIT_BAD_INPUT = 0, 2
CHOICES = {"c": Verdict.CONFIRM, "d": Verdict.DISMISS, "e": Verdict.EXCEPTION}
PROMPT = ("[bold]c[/] confirm (a real problem), [bold]d[/] dismiss (not a match), "
          "[bold]e[/] exception (agreed, with a reason), [bold]s[/] skip, [bold]q[/] quit: ")


class StoppedError(Exception):
    """The person stopped (q, or end of input)."""


def review_one(store: Store, person: str, fingerprint: str, verdict: Verdict, reason: str,
               console: Console) -> int:
    """Record one decision given on the command line."""
    finding = _resolve(store, person, fingerprint, console)
    if finding is None:
        return EXIT_BAD_INPUT
    if verdict is Verdict.EXCEPTION and not reason.strip():
        console.print("riskscan: an exception needs its reason, for example "
                      '--exception "my niece, agreed with the head on 2025-03-01".')
        return EXIT_BAD_INPUT
    decide(store, person, finding, verdict, reason)
    console.print(f"Recorded: {_word(verdict)} for {finding.fingerprint} "
                  f"({_title(finding.rule)}).", highlight=False)
    return EXIT_OK


def review_interactive(store: Store, person: str, console: Console,
                       answers: TextIO | None = None, fingerprint: str | None = None) -> int:
    """Walk through the open findings (or the one given) asking for a decision on each."""
    if fingerprint is not None:
        found = _resolve(store, person, fingerprint, console)
        if found is None:
            return EXIT_BAD_INPUT
        todo = [found]
    else:
        todo = _open_findings(store, person, console)
    decided = skipped = 0
    try:
        for number, finding in enumerate(todo, 1):
            _show(finding, number, len(todo), console)
            verdict, reason = _ask_decision(console, answers)
            if verdict is None:
                skipped += 1
                continue
            decide(store, person, finding, verdict, reason)
            decided += 1
            console.print(f"  Recorded: {_word(verdict)}.", highlight=False)
    except StoppedError:
        console.print("Stopped. What you decided so far is saved.")
    if todo:
        console.print(f"\n{decided} decision(s) recorded, {skipped} skipped. They apply to your "
                      "reports from your next scan on.", highlight=False)
    return EXIT_OK


def _open_findings(store: Store, person: str, console: Console) -> list[FindingRow]:
    if not has_saved_scan(store, person):
        console.print(f"Nothing to review: no scan is saved for '{person}' yet. Run "
                      "`riskscan scan` on your exports first.", highlight=False, markup=False)
        return []
    todo = open_findings(store, person)
    if not todo:
        console.print("Nothing left to review: every finding of your latest scan has a "
                      "decision.")
    return todo


def _resolve(store: Store, person: str, prefix: str, console: Console) -> FindingRow | None:
    try:
        return find_finding(store, person, prefix)
    except ReviewError as problem:
        console.print(f"riskscan: {problem}", highlight=False, markup=False)
        return None


def _show(finding: FindingRow, number: int, total: int, console: Console) -> None:
    kind = "Found" if finding.certain else "Please check"
    console.print(f"\n[bold]{number} of {total}[/]  {finding.rule} {_title(finding.rule)}",
                  highlight=False)
    where = found_where(finding.platform)
    console.print(f"  {kind} {where}, in {finding.file} (record {finding.record})",
                  highlight=False, markup=False)
    if finding.excerpt:
        console.print(f"  “{finding.excerpt}”", highlight=False, markup=False)
    console.print(f"  Why: {finding.why}", highlight=False, markup=False)
    console.print(f"  Reference {finding.fingerprint}", style="dim", highlight=False)


def _ask_decision(console: Console, answers: TextIO | None) -> tuple[Verdict | None, str]:
    while True:
        answer = _ask(console, PROMPT, answers).lower()[:1]
        if answer == "q":
            raise StoppedError
        if answer == "s":
            return None, ""
        if answer in CHOICES:
            verdict = CHOICES[answer]
            return verdict, _ask_reason(console, answers, verdict)
        console.print("  Type c, d, e, s or q.")


def _ask_reason(console: Console, answers: TextIO | None, verdict: Verdict) -> str:
    if verdict is Verdict.CONFIRM:
        return ""
    if verdict is Verdict.DISMISS:
        return _ask(console, "  Why is it not a match? (optional, Enter to leave out): ",
                    answers)
    while True:
        reason = _ask(console, "  The exception, and who agreed it (for example \"my niece, "
                               "recorded with the head 2025-03-01\"): ", answers)
        if reason:
            return reason
        console.print("  An exception needs a reason, so that it can be checked later.")


def _ask(console: Console, prompt: str, answers: TextIO | None) -> str:
    try:
        line = console.input(prompt, stream=answers)
    except EOFError:
        raise StoppedError from None
    if answers is not None and line == "":
        raise StoppedError  # end of the scripted answers
    return line.strip()


def _title(rule: str) -> str:
    return rule_title(rule)


def _word(verdict: Verdict) -> str:
    return {"confirm": "confirmed", "dismiss": "dismissed", "exception": "exception"}[verdict]
