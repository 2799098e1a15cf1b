"""Timing check for roster matching, run by hand (not a test): how long 5,000 connections take.

    .venv/bin/python tests/detectors/roster_timing.py [roster size] [connections]

Builds a fictional roster CSV of 3,000 people and 5,000 connection names (a tenth of them real
roster names in various forms, the rest other fictional names, each with a username), then times
loading, matching names (then usernames when a name finds nothing, as the B detectors do) against
the plain roster, sealing, and the same matching against the sealed roster.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from detectors.roster.match import load_roster
from detectors.roster.sealed import load_sealed, write_sealed

FIRST_TEXT = ("Katherine Oliver Amelia Harry Isla Jack Ava Noah Mia Leo Grace Arthur Freya Oscar "
              "Lily George Evie Charlie Ruby Alfie Sophie Theo Poppy Henry Ella Archie Florence "
              "Jacob Rosie Thomas Ivy Freddie Willow Isaac Daisy Joshua Phoebe Samuel Alice Edward "
              "Matilda Max Emily Mohammed Zara Arjun Amara Chloe Tobias Maisie Elijah Harriet "
              "Reuben Imogen Finley Esme Louis Bella Reggie Hannah Ronnie Millie Teddy Layla "
              "Albert Eliza Jude Lucy Ezra")
LAST_TEXT = ("Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Robinson Wood "
        "Thompson Evans Walker White Roberts Green Hall Thomas Clarke Jackson Wright Harris Lewis "
        "Hughes Edwards Hill Moore Clark Harrison Scott Young Morris Ward Turner Cooper King Baker "
        "Ashdown Brennan Lanchester Okonkwo Trelawney Mehta Pemberton Castellanos Whitlock Nwosu "
        "Pilkington Lindqvist Morrow Radcliffe Rahman Dubois Winterbourne Haverstock Ackroyd "
        "Bairstow Crabtree Dewhurst Entwistle Fairclough Hinchliffe Illingworth Jowett Kilburn "
        "Lockwood Mellor Naylor Oldroyd Priestley Rawnsley Schofield Towneley Utley Verity")
FIRST, LAST = FIRST_TEXT.split(), LAST_TEXT.split()
ROLES = ("pupil", "pupil", "pupil", "ex-pupil", "parent", "parent", "governor", "staff")


def build(n_roster: int, n_conn: int, rng: random.Random, folder: Path) -> tuple[Path, list[str],
                                                                                 list[str]]:
    pairs = sorted({(f, s) for f in FIRST for s in LAST})
    rng.shuffle(pairs)
    roster, others = pairs[:n_roster], pairs[n_roster:]
    path = folder / "roster.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(("first_name", "last_name", "preferred_name", "role", "year_group",
                      "date_of_birth", "linked_to"))
        for first, last in roster:
            role = rng.choice(ROLES)
            out.writerow((first, last, "", role, str(rng.randint(1, 6)) if role == "pupil" else "",
                          f"{rng.randint(2008, 2019)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                          if role in ("pupil", "ex-pupil") else "", ""))
    names, handles = [], []
    for i in range(n_conn):
        if i % 10 == 0:
            first, last = rng.choice(roster)
            form = rng.choice((f"{first} {last}", f"{last}, {first}", f"{first} {last}"[:-1],
                               f"{first[0]}. {last}", f"{first} Louise {last}"))
        else:
            first, last = rng.choice(others) if others else (rng.choice(FIRST), "Zzyzx")
            form = f"{first} {last}"
        names.append(form)
        handles.append(f"{first.lower()}.{last.lower()}{rng.randint(0, 99)}")
    return path, names, handles


def match_all(roster: object, names: list[str], handles: list[str]) -> int:
    found = 0
    for name, handle in zip(names, handles, strict=True):
        matches = roster.match_name(name) or roster.match_handle(handle)  # type: ignore[attr-defined]
        found += bool(matches)
    return found


POSTS = ("Lovely walk with the dog this morning, then coffee with {other} in town.",
         "So proud of {name} in the Year 6 play tonight! Well done everyone.",
         "Can't believe it's Monday again. Marking all weekend...",
         "Happy birthday to my amazing sister {other}! Have a great day",
         "Watching Match of the Day with a cup of tea. Come on Leeds!",
         "great day out at the beach, the kids loved it",
         "Reading The Secret Garden with Year 4 this term. What a book.")


def posts(n: int, names: list[str], rng: random.Random) -> list[str]:
    return [rng.choice(POSTS).format(name=rng.choice(names), other=f"{rng.choice(FIRST)} "
                                     f"{rng.choice(LAST)}") for _ in range(n)]


def time_text(label: str, roster: object, texts: list[str]) -> None:
    started = time.perf_counter()
    found = sum(bool(roster.find_in_text(t)) for t in texts)  # type: ignore[attr-defined]
    elapsed = time.perf_counter() - started
    print(f"{label}: find_in_text on {len(texts)} posts: {elapsed:.2f} s "
          f"({elapsed / len(texts) * 1e3:.2f} ms a post), {found} with a name")


def main() -> None:
    n_roster = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    n_conn = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path, names, handles = build(n_roster, n_conn, rng, Path(tmp))
        started = time.perf_counter()
        plain = load_roster(path, date(2026, 1, 10))
        print(f"load {len(plain)} people: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        found = match_all(plain, names, handles)
        print(f"plain: {n_conn} connections (name, then username): "
              f"{time.perf_counter() - started:.3f} s, {found} matched")
        started = time.perf_counter()
        for name in names:
            plain.match_name(name)
        print(f"plain: {n_conn} names only: {time.perf_counter() - started:.3f} s")
        started = time.perf_counter()
        write_sealed(plain, Path(tmp) / "r.sealed", None, date(2026, 1, 10))
        size = (Path(tmp) / "r.sealed").stat().st_size
        print(f"seal: {time.perf_counter() - started:.1f} s, {size / 1e6:.1f} MB")
        sealed = load_sealed(Path(tmp) / "r.sealed", None)
        started = time.perf_counter()
        for name in names:
            sealed.match_name(name)
        print(f"sealed: {n_conn} names only: {time.perf_counter() - started:.2f} s")
        sealed = load_sealed(Path(tmp) / "r.sealed", None)  # a cold cache again
        started = time.perf_counter()
        found = match_all(sealed, names, handles)
        print(f"sealed: {n_conn} connections (name, then username): "
              f"{time.perf_counter() - started:.2f} s, {found} matched")
        texts = posts(2000, [n for n in names if "," not in n], rng)
        time_text("plain", plain, texts)
        time_text("sealed", load_sealed(Path(tmp) / "r.sealed", None), texts)


if __name__ == "__main__":
    main()
