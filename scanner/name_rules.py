"""Names the model leaves out, found by their shape around a known first name.

The small model reads many names in social text as organisations or places ("Lincoln Burrows"
as an ORG), or not at all ("Lola doesn't like...", "Katie A"). These rules add a person where a
capitalised known first name (scanner.nlp.first_names: full first names, not short forms that
are words) is
- followed by a capitalised word that is not a function word ("Otis Earle"): the pair is a
  person, and any other entity it overlaps gives way, as does a person the model found in the
  first name alone ("Otis"); not when a third capitalised word follows ("Seth Rogen Perform
  Parody", a shouted "PRISCILLA RAN UP"), where the model's reading of the run stands, unless
  that word is a headline's verb ("David Mark Confesses": ends in -s or -ed, and is no known
  surname, first name or business word), which ends the name even if the model took it in;
- followed by a surname's particle and the surname ("Rosa del Campo", "Khalid al Batish"):
  the three words are one person, also where the model's person stops at the particle;
- followed by a capital initial ("Katie A", "Thea D.", "Henry J . Kaiser"): the person's span
  takes the initial in, and the surname after it ("I" is an initial only with its full stop);
- alone inside a sentence, not part of any entity ("hope you have a better day Louis"), or
  at a sentence's start when it is addressed ("Sue, can I...", "Arya: What a wife.") or a
  name's company follows ("Ashton and Sam", "Tracy is...").
In a text written without capitals the same holds of lower-case first names ("so proud of
olivia"). Any other first name at the start of a sentence ("Grace before meals") is left to the
model. In a text whose writer does not capitalise words inside sentences, a lower-case known first
name followed by a common surname ("emily blunt")
(or a first name's short form: "chuck norris") is a person, with a third word when that is
a common surname too ("luke robert hemmings"); not
when the first name is also an everyday word ("summer camp"). A person's role title just
before them is part of the name ("Coach Dantonio"); honorifics ("Mrs Olson") are not. A name in
a hashtag covers the whole hashtag (`with_hashtag_people`). Decided on the DEV part of ner-dev
(see the README's Benchmarks section).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from detectors.base import Entity

_CAPITALISED = r"[^\W\d_][^\W\d_'’-]*"
# Every pair of words, overlapping ("SR Otis Earle": "SR Otis", then "Otis Earle").
_PAIR = re.compile(rf"(?<![\w@#])(?=({_CAPITALISED}) ({_CAPITALISED})(?!\w))")
# A first name, a capital initial (with its full stop, spaced or not) and perhaps the surname
# ("Katie A", "Thea D.", "Ada J . Byrne"). "I" is an initial only with its full stop: "Alice I"
# is "I am Alice I'm in Wonderland".
_WITH_INITIAL = re.compile(
    rf"(?<![\w@#])({_CAPITALISED})\s+(?:([A-HJ-Z])(?:\s?\.)?|I\s?\.)(?!\w)(\s+{_CAPITALISED}(?!\w))?")
# A first name, a surname's particle and the surname ("Bianca Del Rio", "Khalid al Batish").
_WITH_PARTICLE = re.compile(
    rf"(?<![\w@#])({_CAPITALISED}) (?i:(?:de|del|della|di|da|van|von|der|den|al|el|bin|ibn|le|la"
    rf"|du|dos|das|ter|ten)(?: (?:la|der|den|los|las))?) ({_CAPITALISED})(?!\w)")
_WORD = re.compile(rf"(?<![\w@#]){_CAPITALISED}(?!\w)")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]|\n)\s*$")
_NEXT_WORD = re.compile(rf"\s+({_CAPITALISED})")
_ADDRESSED = re.compile(r"\s*[,:]")  # "Sue, can I...", "Arya: What a wife."
# Words that follow a name at a sentence's start ("Tracy is...", "Ashton and Sam"), as the
# pre-filter reads them (scanner.nlp); "X and the Y" is a title ("Charlie and the Chocolate
# Factory").
NAME_COMPANY = r"is|was|will|has|had|and(?!\s+the\b)|says|said|told|asked|wants|loves|can"
_NAME_COMPANY = re.compile(rf"\s+(?:{NAME_COMPANY})\b")
# Lower-case words, overlapping, two or three ("emily blunt", "luke robert hemmings").
_LOWER_RUN = re.compile(r"(?<![\w@#])(?=([a-z]+) ([a-z]+)(?!\w)(?: ([a-z]+)(?!\w))?)")

# Words that make a first name part of a place's, an event's or a business's name ("Rose
# Garden", "Victoria Station", "Jordan Ltd").
_PLACE_WORDS = """
street road lane avenue drive close way park gardens garden square hall house castle palace
centre center station school academy college university hospital church chapel cathedral
abbey museum theatre theater cinema library stadium arena bridge tower hill island beach bay
lake river valley forest woods wood farm zoo day cup league club team group ltd inc plc co
hills heights springs services holdings systems solutions industries partners associates
company hotel inn pub bar cafe restaurant shop store market mall airport county city town
"""
_NOT_SURNAMES = frozenset(_PLACE_WORDS.split())
Span = tuple[int, int]


@dataclass(frozen=True)
class NameWords:
    """What the rules ask of a word (scanner.nlp answers from its name lists)."""

    is_first_name: Callable[[str], bool]  # a known first name ("Otis", "zoë")
    is_function_word: Callable[[str], bool]  # "will", "on", "the"
    is_surname: Callable[[str], bool]  # a common surname ("blunt", "hemmings")
    is_word_name: Callable[[str], bool]  # a first name that is an everyday word ("summer")
    is_short_form: Callable[[str], bool]  # a first name's short form ("pam", "dani")


def _title(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _overlaps(span: Span, entity: Entity) -> bool:
    return span[0] < entity.end and entity.start < span[1]


def _names_a_place(text: str, end: int) -> bool:
    """Whether the word after `end` makes the name a place's ("Rose Garden")."""
    after = _NEXT_WORD.match(text, end)
    return bool(after and after.group(1).lower() in _NOT_SURNAMES)


def _is_surname(word: str | None, is_function_word: Callable[[str], bool]) -> bool:
    """Whether the word after a first name and initial is their surname ("Kaiser", not "On")."""
    if not word:
        return False
    word = word.strip()
    return _title(word) and not is_function_word(word) and word.lower() not in _NOT_SURNAMES


def _first_name_alone(people: Sequence[Entity], pair: Span) -> bool:
    """Whether the model's only person in a first name + surname pair is the first name
    ("Otis" of "Otis Earle"): the surname is taken in."""
    return len(people) == 1 and people[0].start == pair[0] and people[0].end < pair[1]


def _in_title_run(text: str, pair: Span) -> bool:
    """Whether the pair is followed by another capitalised word ("Priscilla Ran Up To Me", a
    headline's "Seth Rogen Perform Parody"): where every word has a capital, where a name ends
    is the model's call."""
    after = _NEXT_WORD.match(text, pair[1])
    return bool(after and after.group(1)[0].isupper())


_ROLE_TITLE = re.compile(
    r"(?<![\w@#])(?:(?:Foreign|Prime|Vice|Deputy|Head) )?(?:President|PM|Coach|Minister|Pastor"
    r"|Senator|Sen|Governor|Gov|Chancellor|Secretary|Mayor|Judge|Captain|Capt|General|Gen"
    r"|Bishop|Pope|Prince|Princess|King|Queen|Sheikh|Chief|Detective|Sgt|Sergeant|Rev"
    r"|Reverend|Father)\.? $")
_VERB_ENDING = re.compile(r"[a-z](?:s|ed)$")  # "Confesses", "Climbs", "Produced"


def _headline_verb_after(text: str, pair: Span, words: NameWords) -> int | None:
    """Where a headline's verb after the pair ends ("David Mark Confesses", "Sasha Keane
    Climbs"): a capitalised word ending like a verb that is no known surname or first name
    ("Jones", "Williams" are names) and no business's ("India Financial Services")."""
    after = _NEXT_WORD.match(text, pair[1])
    if after is None:
        return None
    word = after.group(1)
    verb = _title(word) and _VERB_ENDING.search(word) and not words.is_surname(word) \
        and not words.is_first_name(word) and word.lower() not in _NOT_SURNAMES
    return after.end(1) if verb else None


def _overlapping(found: Sequence[Entity], span: Span) -> list[Entity]:
    return [e for e in found if _overlaps(span, e)]


def _people(entities: Sequence[Entity]) -> list[Entity]:
    return [e for e in entities if e.label == "PERSON"]


def _within(inside: Sequence[Entity], span: Span) -> bool:
    """Whether every one of `inside` lies wholly within `span` (nothing is cut in two)."""
    return all(span[0] <= e.start and e.end <= span[1] for e in inside)


def _put(found: Sequence[Entity], inside: Sequence[Entity], entity: Entity) -> list[Entity]:
    """`found` with `entity` in place of the entities it overlaps (`inside`)."""
    return [e for e in found if e not in inside] + [entity]


def with_more_people(text: str, entities: Sequence[Entity], words: NameWords,
                     capitalises: bool = True) -> tuple[Entity, ...]:
    """`entities` of the normalised `text` with the people these rules find added.
    `capitalises`: whether its writer capitalises words inside sentences (`capitalises` of the
    original text); lower-case names are only looked for where the writer does not."""
    found = list(entities)

    def person(span: Span) -> Entity:
        return Entity(text[span[0]:span[1]], "PERSON", *span)

    for match in _PAIR.finditer(text):
        first, last = match.group(1), match.group(2)
        if _title(first) and words.is_first_name(first) \
                and _is_surname(last, words.is_function_word):
            span = (match.start(1), match.end(2))
            inside = _overlapping(found, span)
            people = _people(inside)
            verb_end = _headline_verb_after(text, span, words)
            over_verb = verb_end is not None and len(people) == 1 and \
                people[0].start == span[0] and people[0].end == verb_end
            if (not people or _first_name_alone(people, span) or over_verb) \
                    and (verb_end is not None or not _in_title_run(text, span)):
                found = _put(found, inside, person(span))
    for match in _WITH_INITIAL.finditer(text):
        if _title(match.group(1)) and words.is_first_name(match.group(1)):
            span = match.span() if _is_surname(match.group(3), words.is_function_word) \
                else (match.start(), match.start(3) if match.group(3) else match.end())
            inside = _overlapping(found, span)
            if _within(inside, span):
                found = _put(found, inside, person(span))
    for match in _WITH_PARTICLE.finditer(text):
        span = match.span()
        inside = _overlapping(found, span)
        started = any(e.label == "PERSON" and e.start == span[0] for e in inside)
        if _title(match.group(1)) and (started or words.is_first_name(match.group(1))) \
                and _is_surname(match.group(2), words.is_function_word) \
                and not _names_a_place(text, span[1]) \
                and _within(inside, span):
            found = _put(found, inside, person(span))
    for span in [] if capitalises else lower_case_names(text, words):
        inside = _overlapping(found, span)
        people = _people(inside)
        if not people or _first_name_alone(people, span):
            found = _put(found, inside, person(span))
    lower_case = not any(ch.isupper() for ch in text.replace(" I ", " "))  # names too
    for match in _WORD.finditer(text):
        word, span = match.group(), match.span()
        if not (_title(word) or lower_case) or not words.is_first_name(word) \
                or any(_overlaps(span, e) for e in found) or _names_a_place(text, span[1]):
            continue
        if not _SENTENCE_START.search(text, 0, span[0]) or _ADDRESSED.match(text, span[1]) \
                or _NAME_COMPANY.match(text, span[1]):
            found.append(person(span))
    return tuple(sorted(_with_role_titles(text, found), key=lambda e: (e.start, e.end)))


def _with_role_titles(text: str, found: list[Entity]) -> list[Entity]:
    """People with the role title just before them taken in ("Coach Dantonio", "Foreign
    Minister Abdelaziz"), as both corpora label them. Not honorifics ("Mrs Olson"), which
    Presidio's synthetic set leaves out."""
    out = []
    for entity in found:
        title = _ROLE_TITLE.search(text, 0, entity.start) if entity.label == "PERSON" else None
        if title and not any(_overlaps(title.span(), e) for e in found):
            entity = Entity(text[title.start():entity.end], "PERSON", title.start(), entity.end)
        out.append(entity)
    return out


def _lower_case_surname(word: str | None, words: NameWords) -> bool:
    return bool(word) and words.is_surname(word or "") and not words.is_function_word(word or "") \
        and (word or "") not in _NOT_SURNAMES


_LINK_HANDLE_TAG = re.compile(r"https?://\S+|www\.\S+|[@#]\s?\w+|^\s*RT\b")
_TITLE_WORD = re.compile(r"(?<![\w'’])[A-Z][a-z]+")


def capitalises(original: str) -> bool:
    """Whether the writer of `original` capitalises a word inside a sentence (a name, most
    often), links, handles, hashtags and a leading "RT" aside: where they do, a lower-case
    "teddy bear" or "gene pool" is not a name they wrote in lower case."""
    text = _LINK_HANDLE_TAG.sub(" ", original)
    return any(not _SENTENCE_START.search(text, 0, m.start()) for m in _TITLE_WORD.finditer(text))


def lower_case_names(text: str, words: NameWords) -> list[Span]:
    """Lower-case first name (or its short form: "chuck") + common surname pairs ("emily
    blunt"), with a third word when that is a common surname too ("luke robert hemmings");
    read left to right, never overlapping."""
    spans: list[Span] = []
    for match in _LOWER_RUN.finditer(text):
        first, second, third = match.groups()
        if spans and match.start(1) < spans[-1][1]:
            continue
        if not (words.is_first_name(first) or words.is_short_form(first)) \
                or words.is_word_name(first) \
                or not _lower_case_surname(second, words):
            continue
        three = third is not None and _lower_case_surname(third, words)
        spans.append((match.start(1), match.end(3) if three else match.end(2)))
    return spans


# A hashtag, and a hashtag's body that is two capitalised words run together ("#PamFryman").
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")
_TWO_WORDS = re.compile(r"([A-Z][a-z]+)([A-Z][a-z]+)")


def with_hashtag_people(text: str, entities: Sequence[Entity],
                        words: NameWords) -> tuple[Entity, ...]:
    """`entities` of the original `text` (the normalised text's offsets are its own) with every
    person in a hashtag covering the whole hashtag, `#` included, as the corpora label them and
    as a shared report must hide them: a person the model read in the hashtag's body ("Messi"
    of "#Messi"), or a body that is a known first name and a capitalised surname run together
    ("#PamFryman")."""
    found = list(entities)
    for match in _HASHTAG.finditer(text):
        tag, body = match.span(), match.span(1)
        inside = _overlapping(found, tag)
        people = _people(inside)
        whole = any((e.start, e.end) == body for e in people)
        if whole or (not people and _is_run_together_name(match.group(1), words)):
            found = _put(found, inside, Entity(match.group(), "PERSON", *tag))
    return tuple(sorted(found, key=lambda e: (e.start, e.end)))


def has_hashtag_name(text: str, words: NameWords) -> bool:
    """Whether the original `text` has a hashtag that is a name run together ("#PamFryman"):
    the pre-filter sends such a text to the model even when nothing else could be a name."""
    return any(_is_run_together_name(m.group(1), words) for m in _HASHTAG.finditer(text))


def _is_run_together_name(body: str, words: NameWords) -> bool:
    """ "PamFryman": a known first name or its short form and a capitalised surname, nothing
    else ("#GoBucks", "#TeaParty" are not)."""
    two = _TWO_WORDS.fullmatch(body)
    if two is None:
        return False
    first, last = two.groups()
    return (words.is_first_name(first) or words.is_short_form(first)) \
        and _is_surname(last, words.is_function_word)
