"""What the content rules (C1-C7) read, and the references to people they share.

Which texts: every POST, and the caption of a MEDIA record (a photo in an album, a picture on a
post) unless it repeats the caption of the post it belongs to, so an Instagram post is judged
once, not once per photo. Private MESSAGE texts are not read: the rules are about what is
published, and a pupil in the messages is B4's business.

Who a text is about: pupil references (the pack's PUPIL_CONTEXT and YEAR_GROUP entities and the
`pupils` list), the poster's own family ("my son"), and people's names (spaCy's PERSON entities
plus common children's first names the small model misses). Every name is cut to initials in
excerpts, so a report never spells out a pupil's name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from detectors.base import Context, Detector, Entity, Record
from detectors.lexicons.lists import LEXICON_DIR, Hit, Lexicon, lexicon
from detectors.text.distance import near
from detectors.text.excerpt import disjoint, excerpt
from scanner.model import Kind

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?![\w'’])")
# "Freddie L": teachers shorten a pupil's surname to its initial ("I" is the pronoun).
_SURNAME_INITIAL = re.compile(r" [A-HJ-Z](?![\w'’])\.?")
_ENTITY_PUPIL = ("PUPIL_CONTEXT", "YEAR_GROUP")
# "Warwick Castle" read as a person: a name ending in a place word is a place.
_PLACE_WORD = re.compile(
    r"\s(?:Castle|Park|Hall|House|Museum|Zoo|Farm|Centre|Center|Church|Cathedral|Abbey|"
    r"Palace|Gardens?|Forest|Woods?|Beach|Bay|Lake|Road|Street|Lane|School|Academy|College|"
    r"University|Library|Theatre|Stadium|Arena|Island|Hill|Tower|Bridge|Station|Square)$")
# "my class of 2009": the poster's own school year group, not their pupils.
_OWN_COHORT = re.compile(r"\s+of\s+(?:'\d\d|(?:19|20)\d\d)\b")
# Longer entities whose first names are not people ("Charlie and the Chocolate Factory"). Not
# ORG: the small model often reads "Gemma Price" as an organisation.
# "Charlie and the Chocolate Factory", "James and the Giant Peach": a name starting a title.
_TITLE_AFTER = re.compile(r"\s+(?:and|&)\s+the\s+[A-Z]")
_NOT_PEOPLE = ("WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "GPE", "LOC", "SCHOOL")


def given_names() -> frozenset[str]:
    """Common first names of UK schoolchildren, lower-cased."""
    return _names_list()["name"]


def word_names() -> frozenset[str]:
    """First names that are also everyday words (Summer, Faith): names only with an initial."""
    return _names_list()["word_name"]


@lru_cache(maxsize=1)
def _names_list() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("name", set())
    for line in (LEXICON_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif line and not line.startswith("#"):
            current.update(word.lower() for word in line.split())
    return {section: frozenset(sections.get(section, ())) for section in ("name", "word_name")}


def pupils(ctx: Context) -> Lexicon:
    return lexicon(ctx, "pupils")


def pupil_refs(ctx: Context, record: Record, text: str, generic: bool = True) -> list[Hit]:
    """Where a text speaks of pupils: the language pass's entities and the `pupils` list.

    `generic=False` keeps only the poster's own pupils ("my Year 6s", "a child in my class"),
    which is what C1 needs before it reads a nearby name as a pupil's.
    """
    categories = ("pupil", "pupil_generic") if generic else ("pupil",)
    hits = pupils(ctx).find(text, *categories)
    for entity in record.entities_of(*_ENTITY_PUPIL):
        if _points_into(text, entity):
            hits.append(Hit(entity.start, entity.end, entity.label, entity.text))
    return sorted((h for h in hits if not _OWN_COHORT.match(text, h.end)),
                  key=lambda h: h.start)


def family_refs(ctx: Context, text: str) -> list[Hit]:
    """"my son", "our eldest", "my 7 year old": the poster's own children."""
    return pupils(ctx).find(text, "family")


def about_own_family(ctx: Context, text: str, span: tuple[int, int], window: int = 8) -> bool:
    return any(near(text, span, (h.start, h.end), window, sentence=True)
               for h in family_refs(ctx, text))


def own_name_parts(ctx: Context) -> set[str]:
    """The account holder's names and their words, lower-cased (never read as a pupil)."""
    parts: set[str] = set()
    for name in ctx.own_names:
        clean = name.lstrip("@").strip().lower()
        if clean:
            parts.add(clean)
            parts.update(w for w in re.split(r"[\s._-]+", clean) if len(w) > 1)
    return parts


def name_spans(ctx: Context, record: Record, text: str) -> list[tuple[int, int]]:
    """People's names in a text: PERSON entities and capitalised common first names (with a
    surname's initial after them: "Freddie L"); first names that are also words ("Summer",
    "Faith") only with that initial.

    The account holder's own names are left out. A first name that starts a title ("Charlie
    and the Chocolate Factory") or sits inside a longer entity that is not a person is not a
    name here, unless a surname's initial follows it.
    """
    own = own_name_parts(ctx)
    spans: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    for entity in record.entities:
        if not _points_into(text, entity):
            continue  # entities from another version of the text
        if entity.label == "PERSON":
            if not _acronym(text[entity.start:entity.end]) and entity.text.lower() not in own \
                    and not _PLACE_WORD.search(entity.text) \
                    and not _TITLE_AFTER.match(text, entity.end):
                spans.append((entity.start, entity.end))
        elif " " in entity.text and entity.label in _NOT_PEOPLE:
            others.append((entity.start, entity.end))
    names, word_like = given_names(), word_names()
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        word = match.group().lower()
        if word in own or (word not in names and word not in word_like) \
                or _TITLE_AFTER.match(text, end):
            continue
        initial = _SURNAME_INITIAL.match(text, end)
        if initial is None and word not in names:
            continue  # "Summer" alone is the season
        # Inside a longer entity that is not a person, a first name is a title's word
        # ("Charlie and the Chocolate Factory"), unless a surname's initial follows it: the
        # small model often reads "Yasmin W" as a building or a product.
        inside = [(a, b) for a, b in spans + others if a <= start and end <= b]
        if inside and (initial is None or any((a, b) in spans for a, b in inside)):
            continue
        spans.append((start, initial.end() if initial else end))
    return sorted(set(spans))


def _points_into(text: str, entity: Entity) -> bool:
    """The entity's offsets find its words in this text (SHOUTED words were title-cased)."""
    return entity.end <= len(text) and text[entity.start:entity.end].lower() == \
        entity.text.lower()


def _acronym(text: str) -> bool:
    """ "GCSE" read as a person after SHOUTING was title-cased by the language pass."""
    letters = text.replace(" ", "")
    return letters.isupper() and len(letters) <= 6


def name_key(text: str) -> str:
    """A stable key for a name that does not spell it out (findings are stored)."""
    normal = " ".join(text.lower().split())
    return "name:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


class PostTextRule(Detector):
    """Base for the rules that read what a person posted."""

    needs = frozenset({Kind.POST, Kind.MEDIA})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self._last_post: tuple[str, str, str] | None = None

    def post_text(self, record: Record) -> str:
        """The words to judge for this record, or "" when it has none of its own."""
        item = record.item
        text = item.text or ""
        if item.kind is Kind.POST:
            self._last_post = (item.ref.platform, item.ref.record, text.strip())
            return text
        if item.kind is not Kind.MEDIA or not text.strip():
            return ""
        if self._last_post == (item.ref.platform, item.parent, text.strip()):
            return ""  # the post's own caption, repeated on each of its photos
        return text

    def excerpt_of(self, record: Record, text: str, span: tuple[int, int],
                   extra_hidden: Iterable[tuple[int, int]] = ()) -> str:
        """A short excerpt around the evidence, every person's name cut to initials."""
        hidden = {s for s in name_spans(self.ctx, record, text)
                  if not (s[0] < span[1] and span[0] < s[1]) or s == span}
        hidden.update(extra_hidden)
        return excerpt(text, span[0], span[1], hide=disjoint(hidden))
