"""Nicknames: which forenames are the same name (Katie ~ Katherine, Bill ~ William).

The `nicknames` package (a US-built list of name -> nickname links) plus the short forms common
in British schools that it lacks.
"""

from __future__ import annotations

from functools import cache

from nicknames import NickNamer

# Short forms common in British schools that the US-built `nicknames` data lacks (checked
# against it): without these, Katie would not match Katherine, nor Kasia Katarzyna. Polish is
# the most common other European language in English schools, so its usual forms are here.
_EXTRA_NICKNAMES: dict[str, tuple[str, ...]] = {
    "katherine": ("katie", "kitty", "kat"), "catherine": ("katie", "kate", "cat", "cathy"),
    "kathleen": ("katie",), "caitlin": ("katie", "cait"), "charlotte": ("charlie", "lottie"),
    "alfred": ("alfie",), "evelyn": ("evie",), "eve": ("evie",), "margaret": ("maisie",),
    "isabel": ("izzy", "issy", "bella"), "isabella": ("izzy", "issy"),
    "isobel": ("izzy", "issy", "bella"), "georgia": ("georgie",), "georgina": ("georgie",),
    "grace": ("gracie",), "eleanor": ("nell", "nellie", "ellie"), "helen": ("nell", "nellie"),
    "matilda": ("tilly", "tilda"), "amelia": ("millie", "milly"), "camilla": ("millie",),
    "alexandra": ("lexi", "lexie", "alex"), "harriet": ("hattie",), "sarah": ("sadie",),
    "elizabeth": ("libby", "izzy", "elsie"), "frederick": ("freddie", "freddy"),
    "archibald": ("archie",), "reginald": ("reggie",), "tobias": ("toby",),
    "oliver": ("ollie", "olly"), "olivia": ("ollie", "liv"), "theodore": ("theo", "teddy"),
    "muhammad": ("mo",), "mohammed": ("mo",), "jacob": ("jake",), "rosemary": ("rosie",),
    "rose": ("rosie",), "sophia": ("sophie",), "sophie": ("soph",), "abigail": ("abi", "abby"),
    "madeleine": ("maddie", "maddy"), "madison": ("maddie", "maddy"),
    "agnieszka": ("aga", "agnes", "aggie"), "katarzyna": ("kasia", "kate"),
    "malgorzata": ("gosia", "margaret"), "aleksandra": ("ola", "alex"), "magdalena": ("magda",),
    "krzysztof": ("krzys", "chris"), "wojciech": ("wojtek",), "grzegorz": ("greg", "grzes"),
    "joanna": ("asia", "jo"), "jakub": ("kuba", "jake"), "tomasz": ("tomek", "tom"),
    "piotr": ("piotrek", "peter"), "barbara": ("basia",), "zofia": ("zosia", "sophie"),
    "anna": ("ania", "anka"), "aleksander": ("olek", "alek", "alex"),
}


@cache
def _namer() -> NickNamer:
    return NickNamer()


@cache
def nickname_forms(forename: str) -> frozenset[str]:
    """Names one hop from `forename` in either direction (Bill <-> William), not itself.

    One hop only: two hops would make Kate ~ Kathy (two nicknames of Katherine), and a
    nickname match counts as certain.
    """
    namer = _namer()
    forms = set(namer.nicknames_of(forename)) | set(namer.canonicals_of(forename))
    forms.update(_EXTRA_NICKNAMES.get(forename, ()))
    forms.update(full for full, nicks in _EXTRA_NICKNAMES.items() if forename in nicks)
    forms.discard(forename)
    return frozenset(f for f in forms if f and " " not in f)
