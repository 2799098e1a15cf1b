"""`riskscan forget`: delete everything stored about a person, or (`--all`) everything (the face
of `scanner.app.forget`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from rich.console import Console

from scanner.app.forget import counts_in_words, forget_person, people, wipe

if TYPE_CHECKING:
    from scanner.app.store import Store

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def run_forget(store: Store, person: str, console: Console) -> int:
    counts = forget_person(store, person)
    if not any(counts.values()):
        console.print(f"Nothing was stored about '{person}'.", highlight=False, markup=False)
    else:
        console.print(f"Deleted everything stored about '{person}': {_words(counts)}.",
                      highlight=False, markup=False)
    return EXIT_OK


def run_forget_all(store: Store, console: Console, yes: bool = False,
                   answers: TextIO | None = None, interactive: bool = True) -> int:
    """Wipe the store, after the person types "yes" (or with --yes)."""
    if not yes:
        if not interactive and answers is None:
            console.print("riskscan: forget --all deletes everything; not in a terminal, so "
                          "add --yes to confirm.")
            return EXIT_BAD_INPUT
        everyone = people(store)
        console.print(f"This deletes everything riskscan has stored in {store.where}, for "
                      f"{len(everyone)} {'person' if len(everyone) == 1 else 'people'}.",
                      highlight=False, markup=False)
        try:
            answer = console.input("Type yes to delete it all: ", stream=answers)
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            console.print("Nothing was deleted.")
            return EXIT_OK
    counts = wipe(store)
    console.print(f"Deleted everything stored: {_words(counts)}.", highlight=False)
    return EXIT_OK


def _words(counts: dict[str, int]) -> str:
    return counts_in_words(counts)
