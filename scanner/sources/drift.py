"""Noticing an export layout the readers do not know, instead of reading it as empty.

Platforms rename keys between export versions. A reader that looks for `full_text` in a file that
now says `fullText` still recognises the file and yields its posts, but every post comes out
with no text, and every check then passes on nothing. So, for every source, the posts and
messages read from each kind of JSON file (files named alike, such as every `message_1.json` of
Messenger, count together) are counted; if there were some and not one had any text, a problem
names the file and the keys it holds, for the person to report.

CSV files are not counted here: the CSV reader (scanner.sources.csvread) checks their rows itself
and names their columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scanner.model import Item, Kind
from scanner.sources.archive import Archive
from scanner.sources.jsonread import keys_seen

WATCHED = {Kind.POST: "posts", Kind.MESSAGE: "messages"}
# Records with no text by their nature: a boost is someone else's post, a check-in is a place.
TEXTLESS_RELATIONS = frozenset({"boost", "check_in"})
# X's `*-headers.js` files carry ids and times only, never text (X's own README says so).
TEXTLESS_FILE = re.compile(r"-headers(?:-part\d+)?\.js$", re.IGNORECASE)
JSON_SUFFIXES = (".json", ".js")
_NUMBER = re.compile(r"\d+")


@dataclass
class _Tally:
    first_file: str
    files: set[str] = field(default_factory=set)
    records: int = 0
    with_text: int = 0


_UNSEEN = _Tally("")  # a marker: this file has not been looked at yet


@dataclass
class TextWatch:
    """Counts, per kind of file, the posts and messages read and how many had text."""

    _tallies: dict[tuple[Kind, str], _Tally] = field(default_factory=dict)
    # (kind, file) -> its tally, or None for a file not watched: worked out once per file.
    _by_file: dict[tuple[Kind, str], _Tally | None] = field(default_factory=dict)

    def see(self, item: Item) -> None:
        if item.kind not in WATCHED or item.relation in TEXTLESS_RELATIONS:
            return
        file_key = (item.kind, item.ref.file)
        tally = self._by_file.get(file_key, _UNSEEN)
        if tally is _UNSEEN:
            tally = self._by_file[file_key] = self._tally_for(item.kind, item.ref.file)
        if tally is None:
            return
        tally.records += 1
        if not tally.with_text and item.text.strip():
            tally.with_text = 1

    def _tally_for(self, kind: Kind, name: str) -> _Tally | None:
        if not name.lower().endswith(JSON_SUFFIXES) or TEXTLESS_FILE.search(name):
            return None
        key = (kind, _NUMBER.sub("N", name.rsplit("/", 1)[-1].lower()))
        tally = self._tallies.get(key)
        if tally is None:
            tally = self._tallies[key] = _Tally(first_file=name)
        tally.files.add(name)
        return tally

    def report(self, archive: Archive) -> None:
        """A problem for each kind of file whose records all came out with no text."""
        members: set[str] | None = None
        for (kind, _), tally in self._tallies.items():
            if tally.with_text or not tally.records:
                continue
            members = members if members is not None else set(archive.names)
            if tally.first_file not in members:  # not a file of this export (a web page)
                continue
            archive.problem(tally.first_file, _message(kind, tally, keys_seen(archive,
                                                                              tally.first_file)))


def _message(kind: Kind, tally: _Tally, keys: list[str]) -> str:
    base = tally.first_file.rsplit("/", 1)[-1]
    others = len(tally.files) - 1
    where = f"{base} (and {others} more like it)" if others > 0 else base
    shown = ", ".join(keys) if keys else "none could be read"
    return (f"{where}: {tally.records} {WATCHED[kind]} but none had text; keys seen: {shown} — "
            "if they do have text, please report this export layout")
