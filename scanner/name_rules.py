"""Names the model leaves out, found by their shape around a known first name.

The small model reads many names in social text as organisations or places ("Lincoln Burrows"
as an ORG), or not at all ("Lola doesn't like...", "Katie A"). These rules add a person where a
capitalised known first name (scanner.nlp.first_names: full first names, not short forms that
are words) is
- followed by a capitalised word that is not a function word ("Otis Earle"): the pair is a
  person, and any other entity it overlaps gives way;
- followed by a capital initial ("Katie A", "Thea D."): the person's span takes the initial in;
- alone inside a sentence, not part of any entity ("hope you have a better day Louis"), or
  at a sentence's start when it is addressed ("Sue, can I...", "Arya: What a wife.").
In a text written without capitals the same holds of lower-case first names ("so proud of
olivia"). Any other first name at the start of a sentence ("Grace before meals") is left to the
model. Decided on the DEV part of ner-dev (see the README's Benchmarks section).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from detectors.base import Entity

_CAPITALISED = r"[^\W\d_][^\W\d_'’-]*"
_PAIR = re.compile(rf"(?<![\w@#])({_CAPITALISED})\s+({_CAPITALISED})(?!\w)")
_WITH_INITIAL = re.compile(rf"(?<![\w@#])({_CAPITALISED})\s+([A-Z])\.?(?!\w)")
_WORD = re.compile(rf"(?<![\w@#]){_CAPITALISED}(?!\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]|\n)\s*$")
_NEXT_WORD = re.compile(rf"\s+({_CAPITALISED})")
_ADDRESSED = re.compile(r"\s*[,:]")  # "Sue, can I...", "Arya: What a wife."

# Words that make a first name part of a place's, an event's or a business's name ("Rose
# Garden", "Victoria Station", "Jordan Ltd").
_PLACE_WORDS = """
street road lane avenue drive close way park gardens garden square hall house castle palace
centre center station school academy college university hospital church chapel cathedral
abbey museum theatre theater cinema library stadium arena bridge tower hill island beach bay
lake river valley forest woods wood farm zoo day cup league club team group ltd inc plc co
company hotel inn pub bar cafe restaurant shop store market mall airport county city town
"""
_NOT_SURNAMES = frozenset(_PLACE_WORDS.split())
Span = tuple[int, int]


def _title(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _overlaps(span: Span, entity: Entity) -> bool:
    return span[0] < entity.end and entity.start < span[1]


def _names_a_place(text: str, end: int) -> bool:
    """Whether the word after `end` makes the name a place's ("Rose Garden")."""
    after = _NEXT_WORD.match(text, end)
    return bool(after and after.group(1).lower() in _NOT_SURNAMES)


def with_more_people(text: str, entities: Sequence[Entity], is_first_name: Callable[[str], bool],
                     is_function_word: Callable[[str], bool]) -> tuple[Entity, ...]:
    """`entities` of the normalised `text` with the people these rules find added."""
    found = list(entities)

    def person(span: Span) -> Entity:
        return Entity(text[span[0]:span[1]], "PERSON", *span)

    for match in _PAIR.finditer(text):
        first, last = match.group(1), match.group(2)
        if _title(first) and _title(last) and is_first_name(first) \
                and not is_function_word(last) and last.lower() not in _NOT_SURNAMES:
            span = match.span()
            if not any(e.label == "PERSON" and _overlaps(span, e) for e in found):
                found = [e for e in found if not _overlaps(span, e)] + [person(span)]
    for match in _WITH_INITIAL.finditer(text):
        if _title(match.group(1)) and is_first_name(match.group(1)):
            span = match.span()
            inside = [e for e in found if _overlaps(span, e)]
            if all(span[0] <= e.start and e.end <= span[1] for e in inside):
                found = [e for e in found if e not in inside] + [person(span)]
    lower_case = not any(ch.isupper() for ch in text.replace(" I ", " "))  # names too
    for match in _WORD.finditer(text):
        word, span = match.group(), match.span()
        if not (_title(word) or lower_case) or not is_first_name(word) \
                or any(_overlaps(span, e) for e in found) or _names_a_place(text, span[1]):
            continue
        if not _SENTENCE_START.search(text, 0, span[0]) or _ADDRESSED.match(text, span[1]):
            found.append(person(span))
    return tuple(sorted(found, key=lambda e: (e.start, e.end)))
