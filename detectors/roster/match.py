"""The roster as detectors use it: match a display name, a username or a post against it.

`load_roster(path, today)` reads the plain CSV (detectors.roster.csv_file) into a `PlainRoster`.
Both it and the sealed roster (detectors.roster.sealed) are `KeyedRoster`s: every person is stored
under the keys `entry_keys` makes for them (exact name, preferred name, nicknames, parts of a
double surname, surname first), and a query looks up the few literal keys of the name it was
given. Nothing compares every pair of names, so 5,000 connections against a roster of 3,000
take a fraction of a second. The plain roster adds what needs readable names: one-letter
typos (rapidfuzz's OSA distance, found through a deletion index), initials (`K. Smith`), a
surname cut to its initial (`Katie A`, as teachers write pupils' names in posts) and usernames
written without separators (`katiesmith09`).

A first name alone never matches anything: at least a forename and a surname must meet.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from rapidfuzz.distance import OSA

from detectors.base import NameMatch, RosterEntry
from detectors.roster.csv_file import Person, read_people
from detectors.roster.names import (
    Hit,
    combine,
    entry_keys,
    forename_variants,
    handle_parts,
    handle_queries,
    name_queries,
    normalise,
    parse_name,
    resolve,
    surname_variants,
    tokens,
)
from detectors.roster.text import Window, text_windows

TYPO_MIN_LETTERS = 5  # one edit in a shorter name makes another real name too often
MAX_INITIAL_MATCHES = 3  # `J. Smith` against more J. Smiths than this says nothing


class KeyedRoster:
    """A roster looked up by name keys; subclasses say how a key is looked up."""

    all_trigrams = True  # look up every three-word window of a text, not only hyphenated ones
    window_limit = 10_000  # windows of one text looked up at most

    def __init__(self, entries: list[RosterEntry]) -> None:
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
        """For each key found: the (entry index, roster how) pairs stored under it."""
        raise NotImplementedError

    def match_name(self, name: str) -> list[NameMatch]:
        parsed = parse_name(name)
        queries = name_queries(parsed)
        found = self.lookup([q.key for q in queries]) if queries else {}
        hits = [Hit(index, combine(q.form, how))
                for q in queries for index, how in found.get(q.key, ())]
        if not hits and queries:
            hits = self.near_name(parsed.parts)
        return self._matches(hits)

    def match_handle(self, handle: str) -> list[NameMatch]:
        queries = handle_queries(handle)
        found = self.lookup([q.key for q in queries]) if queries else {}
        hits = [Hit(index, "handle") for q in queries for index, _how in found.get(q.key, ())]
        if not hits:
            hits = self.near_handle(handle_parts(handle))
        return [NameMatch(m.entry, m.how, m.score, False) for m in self._matches(hits)]

    def find_in_text(self, text: str) -> list[tuple[int, int, NameMatch]]:
        windows = text_windows(text, self.all_trigrams, self.window_limit)
        if not windows:
            return []
        found = self.lookup(list(dict.fromkeys(w.key for w in windows)))
        out: list[tuple[int, int, NameMatch]] = []
        taken_until = -1
        for window in sorted(windows, key=lambda w: (w.start, -(w.end - w.start))):
            if window.start < taken_until:
                continue
            hits = [Hit(index, combine("exact", how)) for index, how in found.get(window.key, ())]
            if not hits and window.capitalised:
                hits = self.near_name(tuple(window.key.split()), initials=False)
            matches = self._matches(hits)
            if matches:
                taken_until = window.end
                out.extend((window.start, window.end, _sure_only_if(m, window))
                           for m in matches)
        return out

    def near_name(self, parts: tuple[str, ...], initials: bool = True) -> list[Hit]:
        """Matches that need readable names (typos, initials): none in a sealed roster."""
        return []

    def near_handle(self, parts: list[str]) -> list[Hit]:
        """Usernames without separators or with an initial: none in a sealed roster."""
        return []

    def _matches(self, hits: list[Hit]) -> list[NameMatch]:
        return [NameMatch(self.entries[index], how, score, certain)
                for index, how, score, certain in resolve(hits)]


def _sure_only_if(match: NameMatch, window: Window) -> NameMatch:
    """A name in lower case in a post is as likely a phrase ("rose hill") as a person."""
    if window.capitalised or not match.certain:
        return match
    return NameMatch(match.entry, match.how, match.score, False)


class PlainRoster(KeyedRoster):
    """The roster CSV, indexed by name keys, surnames, forenames and near-miss surnames."""

    def __init__(self, people: list[Person], today: date) -> None:
        self.people = _distinct(people)
        super().__init__(_entries(self.people, today))
        self._keys: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._by_surname: dict[str, set[int]] = defaultdict(set)
        self._by_forename: dict[str, set[int]] = defaultdict(set)  # with nicknames
        self._by_given: dict[str, set[int]] = defaultdict(set)  # as given and preferred only
        self._given: list[tuple[str, ...]] = []
        self._surname_initials: list[frozenset[str]] = []
        self._near_surname = _NearIndex()
        self._near_given = _NearIndex()
        for index, person in enumerate(self.people):
            self._index(index, person)

    def _index(self, index: int, person: Person) -> None:
        for key, how in entry_keys(person.first_name, person.last_name,
                                   person.preferred_name).items():
            self._keys[key].append((index, how))
        surnames = surname_variants(person.last_name)
        for surname in surnames:
            self._by_surname[surname].add(index)
            self._near_surname.add(surname)
        self._surname_initials.append(frozenset(s[0] for s in surnames if s))
        for forename in forename_variants(person.first_name, person.preferred_name):
            self._by_forename[forename].add(index)
        given = tuple(dict.fromkeys((*tokens(person.first_name)[:1],
                                     *tokens(person.preferred_name)[:1])))
        self._given.append(given)
        for name in given:
            self._by_given[name].add(index)
            self._near_given.add(name)

    def lookup(self, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
        return {key: self._keys[key] for key in keys if key in self._keys}

    def near_name(self, parts: tuple[str, ...], initials: bool = True) -> list[Hit]:
        if not 2 <= len(parts) <= 4:
            return []
        first = parts[0]
        surnames = list(dict.fromkeys((" ".join(parts[1:]), parts[-1])))
        if len(first) == 1:
            return self._initial_hits(first, surnames, "initial") if initials else []
        if len(parts) == 2 and len(parts[1]) == 1:
            return self._surname_initial_hits(first, parts[1]) if initials else []
        return self._typo_hits(first, surnames)

    def near_handle(self, parts: list[str]) -> list[Hit]:
        if len(parts) == 2 and len(parts[0]) == 1:
            return self._initial_hits(parts[0], [parts[1]], "handle")
        if len(parts) != 1 or not 5 <= len(parts[0]) <= 40:
            return []
        squashed = parts[0]
        hits: list[Hit] = []
        for cut in range(2, len(squashed) - 1):
            head, tail = squashed[:cut], squashed[cut:]
            for forename, surname in ((head, tail), (tail, head)):
                both = self._by_forename.get(forename, set()) & self._by_surname.get(surname,
                                                                                    set())
                hits.extend(Hit(index, "handle") for index in sorted(both))
        if not hits:
            hits = self._initial_hits(squashed[0], [squashed[1:]], "handle")
        return hits

    def _initial_hits(self, initial: str, surnames: list[str], how: str) -> list[Hit]:
        found = sorted({index for surname in surnames
                        for index in self._by_surname.get(surname, ())
                        if any(g.startswith(initial) for g in self._given[index])})
        if len(found) > MAX_INITIAL_MATCHES:
            return []
        return [Hit(index, how) for index in found]

    def _surname_initial_hits(self, forename: str, initial: str) -> list[Hit]:
        """`Katie A`: the forename (or a nickname of it) and the surname's first letter."""
        found = sorted(index for index in self._by_forename.get(forename, ())
                       if initial in self._surname_initials[index])
        if len(found) > MAX_INITIAL_MATCHES:
            return []
        return [Hit(index, "surname-initial") for index in found]

    def _typo_hits(self, first: str, surnames: list[str]) -> list[Hit]:
        found: set[int] = set()
        for surname in surnames:
            same_surname = self._by_surname.get(surname)
            if same_surname:  # forename misspelt
                for near in self._near_given.near(first):
                    found.update(self._by_given[near] & same_surname)
            with_forename = self._by_forename.get(first)
            if with_forename:  # surname misspelt
                for near in self._near_surname.near(surname):
                    found.update(self._by_surname[near] & with_forename)
        return [Hit(index, "typo") for index in sorted(found)]


class _NearIndex:
    """Words one edit apart (OSA: a swap of neighbours is one edit), without comparing all.

    Each word is filed under every form with one letter deleted; two words one edit apart
    always share such a form, so a query looks up only its own deletions and checks those.
    """

    def __init__(self) -> None:
        self._by_deletion: dict[str, set[str]] = defaultdict(set)

    def add(self, word: str) -> None:
        if " " not in word and len(word) >= TYPO_MIN_LETTERS:
            for form in _deletions(word) | {word}:
                self._by_deletion[form].add(word)

    def near(self, word: str) -> Iterable[str]:
        if " " in word or len(word) < TYPO_MIN_LETTERS:
            return ()
        candidates: set[str] = set()
        for form in _deletions(word) | {word}:
            candidates.update(self._by_deletion.get(form, ()))
        return sorted(c for c in candidates if c != word and OSA.distance(word, c) == 1)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def load_roster(path: Path, today: date) -> PlainRoster:
    """Read the school's roster CSV; a mistake in it raises PolicyError naming row and column."""
    return PlainRoster(read_people(path), today)


def _distinct(people: list[Person]) -> list[Person]:
    """One entry per person: MIS exports repeat a parent once per child."""
    seen: dict[tuple[str, str, str, date | None], Person] = {}
    for person in people:
        key = (normalise(f"{person.first_name} {person.last_name}"), person.role,
               normalise(person.preferred_name), person.date_of_birth)
        if key in seen:
            kept = seen[key]
            seen[key] = Person(kept.row, kept.first_name, kept.last_name, kept.preferred_name,
                               kept.role, kept.year_group or person.year_group,
                               kept.date_of_birth, kept.linked_to + person.linked_to)
        else:
            seen[key] = person
    return list(seen.values())


def under_18(born: date | None, today: date) -> bool | None:
    if born is None:
        return None
    try:
        eighteenth = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        eighteenth = date(born.year + 18, 3, 1)
    return today < eighteenth


def _entries(people: list[Person], today: date) -> list[RosterEntry]:
    pupil_years = {normalise(f"{p.first_name} {p.last_name}"): p.year_group
                   for p in people if p.role == "pupil" and p.year_group}
    entries = []
    for person in people:
        year = person.year_group
        if year is None and person.role == "parent":  # a parent is placed by their child
            year = next((pupil_years[n] for n in map(normalise, person.linked_to)
                         if n in pupil_years), None)
        entries.append(RosterEntry(id=entry_id(person), role=person.role, year_group=year,
                                   under_18=under_18(person.date_of_birth, today),
                                   label=f"{person.first_name} {person.last_name}"))
    return entries


def entry_id(person: Person) -> str:
    """Stable across rescans and roster re-exports: role, name and date of birth only."""
    raw = "|".join((person.role, normalise(person.first_name), normalise(person.last_name),
                    person.date_of_birth.isoformat() if person.date_of_birth else ""))
    return "r" + hashlib.blake2b(raw.encode("utf-8"), digest_size=6).hexdigest()
