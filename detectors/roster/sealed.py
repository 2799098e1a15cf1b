"""The sealed roster: a file to match names against at home without holding the pupil list.

`riskscan roster seal roster.csv -o roster.sealed` (scanner.commands.roster) turns the school's
roster CSV into a JSON file that holds, for each person, only their role, an age band (under-18,
adult, unknown on the day of sealing), their year group, a random id, and a set of keyed, salted,
deliberately slow hashes (scrypt) of the normalised variants of their name: forename and
surname in both orders, preferred name, known nicknames (Katie ~ Katherine), the parts of a
hyphenated or double surname, all case-folded with diacritics removed. The people are shuffled,
each person's hashes are padded with random ones to a multiple of eight, and the kind of each
variant (exact, nickname, part of a surname) is masked with a byte of its own hash, so neither
the order of the CSV (usually alphabetical) nor the number of nicknames a name has shows.
`load_sealed(path, passphrase)` gives a roster that matches exactly as the plain CSV does on
exact names, preferred names, nicknames, reordered names and double surnames.

What sealing protects against, and what it does not
----------------------------------------------------
Sealing protects a lost or copied file from being read as a list: it contains no readable name,
no initials and no dates of birth, and turning it back into a list of names means guessing names
one at a time, each guess costing a slow hash (about a millisecond of work and half a megabyte
of memory, some two thousand times the cost of a plain SHA-256) for this file alone,
because the salt is random per file.

It does NOT stop someone who holds the file from confirming a name they already suspect: the
scanner itself works by hashing a name and looking it up, and anyone with the file can do the
same. A determined person with a list of common first names and surnames can recover common
names given enough computer time; unusual names are far harder. Sealing with a passphrase
(given in an environment variable, never on the command line) makes the file useless without
it, but only as strong as the passphrase: use a long, random one and share it separately from
the file (someone who knows one name on the roster can test passphrases at a slow hash each).

It does not make the scan's report anonymous: a finding still says a connection is "a current
pupil in Year 5" and shows their initials, and the report is as private as the person keeps it.

It does not hide how many people are on the roster, how many are pupils, ex-pupils, parents,
governors or staff, their year groups, which are under 18, or that two people on the roster
share a name (they share a hash). The age band is fixed on the day
of sealing: a former pupil who turns 18 later is still treated as under 18 (the safe side), so
seal the roster again each term. Resealing gives every person a new id, so review decisions
made against an older sealed file do not carry over.

What a sealed roster cannot match: one-letter misspellings, initials ("K. Smith"), and usernames
written without separators ("katiesmith09") need readable names to compare, so those matches
are only made with the plain CSV on a school computer. Usernames with separators or capitals
("katie.smith09", "KatieSmith") are matched. Mentions of names in posts are found by hashing
each capitalised pair of words that could be a name, so scanning many posts against a sealed
roster is slower than against the CSV.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from detectors.base import ROLES, RosterEntry
from detectors.roster.match import KeyedRoster, PlainRoster
from detectors.roster.names import ROSTER_HOWS, entry_keys
from scanner.errors import ScanError
from scanner.files import write_private

FORMAT = "riskscan-sealed-roster"
VERSION = 1
# scrypt cost: 2**9 blocks of 1 KiB (512 KiB of memory), measured at about 1 ms a hash on the
# 2-core reference machine, so 5,000 connections (1-3 keys each) match in a few seconds.
KDF_N, KDF_R, KDF_P, DIGEST_BYTES = 2**9, 8, 1, 16
PAD_TO = 8
_AGES = {True: "under-18", False: "adult", None: "unknown"}
_CHECK_KEY = "\x00passphrase-check"  # can never be a name key (those are letters and spaces)
PASSPHRASE_HINT = ("the environment variable RISKSCAN_ROSTER_PASSPHRASE, or the one the policy "
                   "pack names in [roster] key_env")


@dataclass(frozen=True)
class Hasher:
    """The slow keyed hash of one name key."""

    salt: bytes
    n: int
    r: int
    p: int
    length: int
    passphrase: bytes | None = None

    def digest(self, key: str) -> bytes:
        """`length` bytes to look up, then one byte that masks how the variant was made."""
        material = b"riskscan-name\x00" + key.encode("utf-8")
        if self.passphrase is not None:
            material = hmac.new(self.passphrase, material, hashlib.sha256).digest()
        return hashlib.scrypt(material, salt=self.salt, n=self.n, r=self.r, p=self.p,
                              maxmem=256 * 1024**2, dklen=self.length + 1)

    def digests(self, keys: list[str], pool: ThreadPoolExecutor | None) -> list[bytes]:
        """hashlib.scrypt releases the GIL, so threads use both cores."""
        if pool is None or len(keys) < 2:
            return [self.digest(k) for k in keys]
        return list(pool.map(self.digest, keys))


def _workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def seal(roster: PlainRoster, passphrase: str | None, today: date) -> dict[str, Any]:
    """The sealed file's content for a loaded plain roster."""
    hasher = Hasher(secrets.token_bytes(16), KDF_N, KDF_R, KDF_P, DIGEST_BYTES,
                    passphrase.encode("utf-8") if passphrase else None)
    order = list(range(len(roster.people)))
    secrets.SystemRandom().shuffle(order)
    keys_of = [entry_keys(roster.people[i].first_name, roster.people[i].last_name,
                          roster.people[i].preferred_name) for i in order]
    distinct = sorted({key for keys in keys_of for key in keys})
    with ThreadPoolExecutor(_workers()) as pool:
        digest_of = dict(zip(distinct, hasher.digests(distinct, pool), strict=True))
    table: dict[bytes, list[list[int]]] = {}
    for position, keys in enumerate(keys_of):
        for key, how in keys.items():
            digest, mask = digest_of[key][:-1], digest_of[key][-1]
            table.setdefault(digest, []).append([position, ROSTER_HOWS.index(how) ^ mask])
        for _ in range(-len(keys) % PAD_TO):  # random padding: a nickname count is a clue
            table[secrets.token_bytes(hasher.length)] = [[position, secrets.randbelow(256)]]
    people = [_sealed_person(roster.entries[i]) for i in order]
    return {"format": FORMAT, "version": VERSION, "sealed_on": today.isoformat(),
            "kdf": {"name": "scrypt", "n": KDF_N, "r": KDF_R, "p": KDF_P,
                    "length": DIGEST_BYTES},
            "salt": _hex(hasher.salt), "passphrase": passphrase is not None,
            "check": _hex(hasher.digest(_CHECK_KEY)), "people": people,
            "hashes": {_hex(d): table[d] for d in sorted(table)}}


def _sealed_person(entry: RosterEntry) -> dict[str, Any]:
    return {"id": "s" + secrets.token_hex(6), "role": entry.role,
            "age": _AGES[entry.under_18], "year": entry.year_group}


def write_sealed(roster: PlainRoster, out: Path, passphrase: str | None, today: date) -> None:
    """Seal and write owner-only (0600)."""
    write_private(out, json.dumps(seal(roster, passphrase, today), separators=(",", ":")))


class SealedRoster(KeyedRoster):
    """A roster that can only be asked "is this name on it?", one slow hash per question."""

    all_trigrams = False  # three-word windows only around a hyphen: each costs a hash
    window_limit = 40
    _CACHE_LIMIT = 100_000

    def __init__(self, entries: list[RosterEntry], table: dict[bytes, list[tuple[int, int]]],
                 hasher: Hasher, sealed_on: date) -> None:
        super().__init__(entries)
        self.sealed_on = sealed_on
        self._table = table
        self._hasher = hasher
        self._cache: dict[str, bytes] = {}
        self._pool: ThreadPoolExecutor | None = None

    def lookup(self, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
        found = {}
        for key, digest in zip(keys, self._digests(keys), strict=True):
            pairs = self._table.get(digest[:-1])
            if pairs is not None:
                found[key] = [(index, _unmask(code, digest[-1])) for index, code in pairs]
        return found

    def _digests(self, keys: list[str]) -> list[bytes]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._cache]
        if missing:
            if len(missing) > 1 and self._pool is None:
                self._pool = ThreadPoolExecutor(_workers(), thread_name_prefix="roster")
            if len(self._cache) + len(missing) > self._CACHE_LIMIT:
                self._cache.clear()
            self._cache.update(zip(missing, self._hasher.digests(missing, self._pool),
                                   strict=True))
        return [self._cache[k] for k in keys]


def load_sealed(path: Path, passphrase: str | None) -> SealedRoster:
    """Open a sealed roster; a wrong passphrase or a damaged file raises a one-line ScanError."""
    doc = _read(path)
    try:
        hasher = _hasher(doc, passphrase, path)
        check = _from_hex(doc["check"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _damaged(path, "its settings are missing or wrong") from None
    if not hmac.compare_digest(hasher.digest(_CHECK_KEY), check):
        if hasher.passphrase is None:
            raise _damaged(path, "its check value does not match")
        raise ScanError(f"the passphrase does not open the sealed roster {path.name}: check "
                        f"{PASSPHRASE_HINT} (ask whoever sealed it).")
    try:
        entries = [_entry(person) for person in doc["people"]]
        table = _table(doc["hashes"], len(entries))
        sealed_on = date.fromisoformat(doc["sealed_on"])
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        raise _damaged(path, "its list of people is incomplete") from None
    return SealedRoster(entries, table, hasher, sealed_on)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            raw = stream.read(512 * 1024**2)
    except OSError as exc:
        raise ScanError(f"the sealed roster {path} cannot be read ({exc.strerror}): check "
                        "the path.") from None
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise _damaged(path, "not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _damaged(path, "not a sealed roster")
    if doc.get("version") != VERSION:
        raise ScanError(f"the sealed roster {path.name} was made by another version of "
                        "riskscan: seal the roster again with this one.")
    return doc


def _hasher(doc: dict[str, Any], passphrase: str | None, path: Path) -> Hasher:
    kdf = doc["kdf"]
    n, r, p, length = int(kdf["n"]), int(kdf["r"]), int(kdf["p"]), int(kdf["length"])
    # A hostile file must not make us allocate gigabytes: keep to sane scrypt settings.
    if (kdf["name"] != "scrypt" or n < 2 or n & (n - 1) or n > 2**16 or not 1 <= r <= 16
            or not 1 <= p <= 4 or not 8 <= length <= 64):
        raise ValueError("kdf settings")
    keyed = doc["passphrase"] is True
    if keyed and not passphrase:
        raise ScanError(f"the sealed roster {path.name} was sealed with a passphrase: put it "
                        f"in {PASSPHRASE_HINT}.")
    secret = passphrase.encode("utf-8") if keyed and passphrase else None
    return Hasher(_from_hex(doc["salt"]), n, r, p, length, secret)


def _entry(person: dict[str, Any]) -> RosterEntry:
    role, age, year = person["role"], person["age"], person["year"]
    if role not in ROLES or age not in _AGES.values() or not isinstance(person["id"], str):
        raise ValueError("person")
    if year is not None and not isinstance(year, str):
        raise TypeError("year")
    under = {v: k for k, v in _AGES.items()}[age]
    return RosterEntry(id=person["id"], role=role, year_group=year, under_18=under)


def _table(hashes: dict[str, Any], size: int) -> dict[bytes, list[tuple[int, int]]]:
    table: dict[bytes, list[tuple[int, int]]] = {}
    for digest, pairs in hashes.items():
        found = []
        for index, code in pairs:
            if not isinstance(index, int) or not 0 <= index < size:
                raise IndexError("person index")
            if not isinstance(code, int) or not 0 <= code < 256:
                raise ValueError("variant code")
            found.append((index, code))
        table[_from_hex(digest)] = found
    return table


def _unmask(code: int, mask: int) -> str:
    """How a variant was made is masked by its own hash, so the file does not show it."""
    index = code ^ mask
    return ROSTER_HOWS[index] if index < len(ROSTER_HOWS) else "reordered"


def _damaged(path: Path, what: str) -> ScanError:
    return ScanError(f"the sealed roster {path.name} is damaged ({what}): copy it again, or "
                     "ask whoever sealed it to run riskscan roster seal again.")


def _hex(data: bytes) -> str:
    """Hex rather than base64: hex cannot spell a name by chance (no letters after f)."""
    return data.hex()


def _from_hex(text: str) -> bytes:
    return bytes.fromhex(text)


def role_counts(entries: Iterable[RosterEntry]) -> dict[str, int]:
    """How many of each role: what `seal` prints, and all a sealed file says openly anyway."""
    counts = dict.fromkeys(ROLES, 0)
    for entry in entries:
        counts[entry.role] += 1
    return counts
