"""Names as roster matching sees them: folding, variants, and how sure a match is.

Both the plain roster (a dictionary of readable keys) and the sealed roster (a dictionary of
slow hashes of the same keys) use the functions here, so they agree by construction on every
exact, nickname, preferred-name and reordering match. The roster side stores every variant of a
person's name ("katherine ashdown", "katie ashdown", "ashdown katherine" ...); the query side
(a connection's display name, a username, a bigram of a post) produces only a few literal keys,
because in the sealed roster each query key costs one slow hash.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from detectors.roster.nicknames import nickname_forms

# Letters that NFKD does not split into a base letter and a mark.
_SPECIAL = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae",
                          "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                          "þ": "th", "Þ": "th", "ı": "i"})
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_LETTERS = re.compile(r"[^\W\d_]+")
_PARENS = re.compile(r"[(\[]([^)\]]*)[)\]]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# What separates a name from the rest of a display name: "Katie Ashdown | Netball", "Jo • PE".
_TAGLINE = re.compile(r"\s[|•·/–—-]\s|[|•·]|\s::?\s")

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd",
                    "sir", "dame", "fr"})
SUFFIXES = frozenset({"jr", "jnr", "sr", "snr", "ii", "iii", "iv", "mbe", "obe", "cbe", "phd",
                      "bsc", "msc", "pgce", "qts", "frsa", "bed", "med"})
MAX_NAME_TOKENS = 4  # longer "names" are page or group titles, not people
# Surname particles: never a surname on their own (van der Berg is not "Berg" nor "van").
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du",
                       "la", "le", "el", "al", "bin", "bint", "ibn", "ap", "st", "mac", "mc"})
# O Rourke, D Arcy: an apostrophe written as a space, joined again after the forename.
_JOINED_PREFIXES = frozenset({"o", "d"})
# Words that make a display name an organisation's or a page's ("Rose Hill Nursery"), so it is
# not compared with the roster at all. Words that are also surnames (Church, Hall) are left out.
ORGANISATION_WORDS = frozenset({
    "school", "primary", "academy", "nursery", "preschool", "college", "university", "pta",
    "parents", "club", "fc", "afc", "ltd", "limited", "plc", "llc", "inc", "centre", "center",
    "shop", "cafe", "photography", "studio", "studios", "official", "team", "group", "society",
    "association", "council", "news", "radio", "services", "solutions", "designs", "events",
    "salon", "beauty", "bakery", "hotel", "restaurant", "surgery", "dental", "clinic",
    "foundation", "trust", "charity", "library", "museum", "theatre", "choir", "company",
    "gym", "fitness", "parish", "brewery", "pub", "tavern", "garage",
})

# How a roster variant was made, weakest last. A match is certain only through the first
# three (and only when one roster entry has that name): see `resolve`.
ROSTER_HOWS = ("exact", "preferred", "nickname", "first-forename", "part-surname", "reordered")
CERTAIN_HOWS = frozenset({"exact", "surname-first", "preferred", "nickname"})
SCORES = {"exact": 100.0, "surname-first": 97.0, "preferred": 98.0, "nickname": 92.0,
          "reordered": 85.0, "first-forename": 82.0, "middle-name": 82.0, "part-surname": 80.0,
          "alternate": 75.0, "handle": 70.0, "typo": 80.0, "initial": 60.0,
          "surname-initial": 60.0}

def fold(text: str) -> str:
    """Case-fold and strip diacritics: `Zoë` -> `zoe`, `Łukasz` -> `lukasz`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    """Folded letter runs; apostrophes join (O'Brien -> obrien), other marks split."""
    return _LETTERS.findall(_APOSTROPHES.sub("", fold(text)))


def normalise(name: str) -> str:
    """One comparable form of a name: `Zoë  O'Brien-Smith` -> `zoe obrien smith`."""
    return " ".join(tokens(name))


def _strip_titles(parts: list[str]) -> list[str]:
    while len(parts) > 2 and parts[0] in TITLES:
        parts = parts[1:]
    while len(parts) > 2 and parts[-1] in SUFFIXES:
        parts = parts[:-1]
    return parts


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A display name split into folded tokens, forename first."""

    parts: tuple[str, ...]
    surname_first: bool = False  # written "Surname, First"
    alternates: tuple[str, ...] = ()  # bracketed names: Facebook's "Jane Smith (Jones)"
    forename: str = ""  # the forename as written, for explanations ("Katie ~ Katherine")


def parse_name(name: str) -> ParsedName:
    """`Smith, Katie` -> (katie, smith) surname first; `Mrs Jane Smith (Jones)` -> alternates."""
    alternates = tuple(t for inner in _PARENS.findall(name) for t in tokens(inner))
    main = _TAGLINE.split(_PARENS.sub(" ", name), maxsplit=1)[0]
    surname_first = False
    if main.count(",") == 1:
        before, after = main.split(",")
        after_parts = tokens(after)
        if after_parts and not all(p in SUFFIXES for p in after_parts) and tokens(before):
            main, surname_first = f"{after} {before}", True
        else:
            main = before
    raw = _LETTERS.findall(_APOSTROPHES.sub("", unicodedata.normalize("NFC", main)))
    parts = _join_prefixes(_strip_titles([fold(w) for w in raw]))
    forename = next((w for w in raw if fold(w) == parts[0]), "") if parts else ""
    return ParsedName(tuple(parts), surname_first, alternates, forename)


def _join_prefixes(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if len(out) >= 2 and out[-1] in _JOINED_PREFIXES:
            out[-1] += part
        else:
            out.append(part)
    return out


@dataclass(frozen=True, slots=True)
class Query:
    """One literal key to look up, and the form of the name that produced it."""

    key: str
    form: str  # exact, surname-first, middle-name, alternate, handle


def name_queries(name: str | ParsedName) -> list[Query]:
    """The few keys a display name is looked up by (one slow hash each when sealed)."""
    parsed = parse_name(name) if isinstance(name, str) else name
    parts = parsed.parts
    if not 2 <= len(parts) <= MAX_NAME_TOKENS or ORGANISATION_WORDS.intersection(parts):
        return []
    queries = [Query(" ".join(parts), "surname-first" if parsed.surname_first else "exact")]
    if len(parts) >= 3:  # Katherine Louise Ashdown; not Katherine Ashdown X (a page, often)
        queries.append(Query(f"{parts[0]} {parts[-1]}", "middle-name"))
    queries.extend(Query(f"{parts[0]} {alt}", "alternate")
                   for alt in parsed.alternates[:2] if alt not in parts)
    return _unique(queries)


# Words people add around their name in a username: maisie_trelawney_x, therealkatie.
HANDLE_FILLERS = frozenset({"x", "xx", "xxx", "xo", "xox", "xoxo", "the", "real", "its", "im",
                            "official", "uk", "ok", "hq"})


def handle_parts(handle: str) -> list[str]:
    """`@Katie.Smith_09` / `KatieSmith` / `katie_l_smith_x` -> [katie, smith].

    Fillers and single letters after the first word are dropped; a first single letter is
    kept, as an initial (`k.smith`).
    """
    handle = handle.strip().lstrip("@").rstrip("/")
    handle = handle.rsplit("/", 1)[-1].split("@", 1)[0]
    parts = [p for p in tokens(_CAMEL.sub(" ", handle)) if p not in HANDLE_FILLERS]
    return parts[:1] + [p for p in parts[1:] if len(p) > 1]


def handle_queries(handle: str) -> list[Query]:
    """Keys a username is looked up by: its separated or camelCase words (never certain).

    With three words, the first two are tried as well (sunita.patel.teach), then the first and
    last (katie.louise.smith).
    """
    parts = handle_parts(handle)
    if not 2 <= len(parts) <= 3 or len(parts[0]) < 2:
        return []
    queries = [Query(" ".join(parts), "handle")]
    if len(parts) == 3:
        queries.append(Query(f"{parts[0]} {parts[1]}", "handle"))
        queries.append(Query(f"{parts[0]} {parts[2]}", "handle"))
    return _unique(queries)


def _unique(queries: list[Query]) -> list[Query]:
    seen: set[str] = set()
    out = []
    for query in queries:
        if query.key not in seen:
            seen.add(query.key)
            out.append(query)
    return out


def _rank(how: str) -> int:
    return ROSTER_HOWS.index(how)


def _put(keys: dict[str, str], key: str, how: str) -> None:
    if key not in keys or _rank(how) < _rank(keys[key]):
        keys[key] = how


def forename_variants(first: str, preferred: str = "") -> dict[str, str]:
    """A roster person's forenames: as given, preferred, first of several, nicknames."""
    given, pref = tokens(first), tokens(preferred)
    out: dict[str, str] = {}
    if given:
        _put(out, " ".join(given), "exact")
        if len(given) > 1:
            _put(out, given[0], "first-forename")
    if pref:
        _put(out, " ".join(pref), "preferred")
    for base in {given[0] if given else "", pref[0] if pref else ""} - {""}:
        for nick in nickname_forms(base):
            _put(out, nick, "nickname")
    return out


def surname_variants(last: str) -> dict[str, str]:
    """A roster surname: as given (Smith-Jones == Smith Jones == Smithjones), and its parts."""
    parts = tokens(last)
    out: dict[str, str] = {}
    if not parts:
        return out
    _put(out, " ".join(parts), "exact")
    if len(parts) > 1:
        _put(out, "".join(parts), "exact")
        for part in parts:
            if len(part) > 2 and part not in PARTICLES:
                _put(out, part, "part-surname")
    return out


def entry_keys(first: str, last: str, preferred: str = "") -> dict[str, str]:
    """Every key a roster person is stored under, with how each was made."""
    forenames = forename_variants(first, preferred)
    surnames = surname_variants(last)
    keys: dict[str, str] = {}
    for forename, f_how in forenames.items():
        for surname, s_how in surnames.items():
            _put(keys, f"{forename} {surname}", max(f_how, s_how, key=_rank))
    full_surname = " ".join(tokens(last))
    for forename, f_how in forenames.items():
        if full_surname and f_how != "nickname":  # surname-first order, review only
            _put(keys, f"{full_surname} {forename}", "reordered")
    return keys


def combine(form: str, roster_how: str) -> str:
    """One word for how a query form met a roster variant (the weaker of the two)."""
    if form == "handle":
        return "handle"
    if form in ("exact", "surname-first"):
        return form if roster_how == "exact" else roster_how
    return form if roster_how in CERTAIN_HOWS else roster_how


@dataclass(frozen=True, slots=True)
class Hit:
    """A roster entry (by index) reached by a query."""

    index: int
    how: str  # combined, see `combine`


def resolve(hits: list[Hit]) -> list[tuple[int, str, float, bool]]:
    """(entry index, how, score, certain) best first, one per entry.

    Certain only when the match is exact, a preferred name or a known nickname AND no other
    roster entry matched that way: two Katie Smiths on the roster make both a review.
    """
    best: dict[int, str] = {}
    for hit in hits:
        current = best.get(hit.index)
        if current is None or SCORES[hit.how] > SCORES[current]:
            best[hit.index] = hit.how
    strong = [i for i, how in best.items() if how in CERTAIN_HOWS]
    unique = len(strong) == 1
    out = [(i, how, SCORES[how], unique and how in CERTAIN_HOWS) for i, how in best.items()]
    return sorted(out, key=lambda r: (not r[3], -r[2], r[0]))


def initials(name: str) -> str:
    """`Katie Smith-Jones` -> `K. S. J.`; `katie.smith09` -> `K. S.` (letters only)."""
    if " " in name.strip():
        parts = _LETTERS.findall(unicodedata.normalize("NFC", _PARENS.sub(" ", name)))
        while len(parts) > 2 and fold(parts[0]) in TITLES:
            parts = parts[1:]
    else:
        parts = handle_parts(name)
    return " ".join(f"{p[0].upper()}." for p in parts if p) or "(no name)"
