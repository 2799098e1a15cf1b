"""C5 offensive-or-discriminatory: abusive, discriminatory, sexual or hateful language.

The `offensive` list decides; it is word-bounded (no "Scunthorpe" problem) and also matches
masked or leetspeak spellings ("f*ck", "b!tch"). By category:
- slurs (racial, religious, homophobic, transphobic, disability, misogynistic, xenophobic) and
  hateful phrases: `risk`, or `review` when the post quotes or reports the word ("called a
  b**** by a pupil, reported it", the word in quotation marks). Misogynistic words are `risk`
  only when said of someone ("she's a total s***"); idioms ("life's a b****") are `review`.
- strong profanity aimed at someone ("is a total f***ing w*****", "you t***"): `risk`;
  other strong profanity ("f***ing freezing") and sexual terms: `review`.
- words with innocent senses ("faggots" the food, "dyke" in place names, "prick", "cock"):
  `review` only when no innocent phrase covers them, they are not capitalised mid-sentence (a
  name: "Dick Smith"), and alt-profanity-check scores the post at least AMBIGUOUS_THRESHOLD.
- mild words (damn, hell, crap, bloody, arse...): never reported on their own.
- a self-masked word the list cannot name ("f***"): `review` when the model scores the post at
  least MASKED_THRESHOLD (it rarely does: the model does not read masked words).
The model is only called on posts that already hold a candidate, so a large archive costs
a handful of model calls. Excerpts show every listed word as its first letter and asterisks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.base import Context, Record
from detectors.lexicons.lists import Hit, Lexicon, lexicon, mask_word, profanity_score
from detectors.registry import register
from detectors.text.distance import words_before
from detectors.text.posts import PostTextRule
from scanner.model import Finding

AMBIGUOUS_THRESHOLD = 0.5  # "Maine Coon kitten" scores 0.21, "you coon" far higher
MASKED_THRESHOLD = 0.8
IGNORED = ("innocent", "profanity:mild")
_MASKED = re.compile(r"(?<![\w*])[a-z]+[*#@$%]{2,}[a-z]*(?![\w*])", re.IGNORECASE)
_QUOTES = "\"“”'‘’"
_REPORTING = {"called", "calling", "call", "calls", "shouted", "shouting", "yelled", "screamed",
              "said", "says", "saying", "say", "used", "using", "wrote", "written", "heard",
              "word", "words", "graffiti", "quote", "quoting", "repeated", "chanted", "chanting",
              "reported", "report"}
_DIRECTED = {"you", "youre", "you're", "ur", "u", "she", "shes", "she's", "he", "hes", "he's",
             "her", "him", "your", "that", "stupid", "silly", "fat", "ugly", "dirty", "little",
             "total", "absolute", "such", "utter", "complete", "proper", "bloody", "fucking",
             "thick", "lazy", "those", "these", "them"}
_REPORTED = re.compile(r"\breport(?:ed|ing)?\b|\bsafeguarding\b|\bsanction(?:ed)?\b",
                       re.IGNORECASE)
CATEGORY_WORDS = {"slur": "a slur", "hate": "hateful language", "sexual": "sexual language",
                  "profanity": "strong profanity"}


def offensive(ctx: Context) -> Lexicon:
    return lexicon(ctx, "offensive", obfuscated=True)


def severity(hit: Hit) -> int:
    """Slurs and hate 3, sexual 2, strong profanity 1 (ambiguous words count one less)."""
    base = hit.category.rstrip("?")
    rank = 3 if base.startswith(("slur", "hate")) else 2 if base == "sexual" else 1
    return rank - (1 if hit.category.endswith("?") else 0)


def describe(hit: Hit) -> str:
    base = hit.category.rstrip("?")
    kind, _, detail = base.partition(":")
    words = CATEGORY_WORDS.get(kind, kind)
    return f"{words} ({detail})" if kind == "slur" and detail else words


def proper_noun(text: str, hit: Hit) -> bool:
    """An ambiguous word capitalised inside a sentence is a name ("Dick Smith", "Mr Coon")."""
    if not hit.category.endswith("?") or not hit.text[:1].isupper() or hit.text.isupper():
        return False
    before = text[:hit.start].rstrip()
    return bool(before) and before[-1] not in ".!?:\"“\n"


def directed(text: str, hit: Hit) -> bool:
    """ "she's a total slut", "you stupid bitch": said of someone, not an idiom."""
    return bool(_DIRECTED & set(words_before(text, hit.start, 3)))


def quoted_or_reported(text: str, hit: Hit) -> bool:
    """The post repeats the word to report it, rather than using it."""
    if _REPORTING & set(words_before(text, hit.start, 6)):
        return True
    before, after = text[max(0, hit.start - 2):hit.start], text[hit.end:hit.end + 2]
    if any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES):
        return True
    return bool(_REPORTED.search(text))


def masked_text(text: str, hits: list[Hit]) -> str:
    """The text with every listed word masked, same length, so offsets still hold."""
    for hit in hits:
        text = text[:hit.start] + mask_word(hit.text).ljust(hit.end - hit.start)[
            :hit.end - hit.start] + text[hit.end:]
    return text


@register
class OffensiveOrDiscriminatory(PostTextRule):
    rule = "C5"
    name = "offensive-or-discriminatory"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        if not text:
            return
        hits = [h for h in offensive(self.ctx).find(text)
                if h.category not in IGNORED and not proper_noun(text, h)]
        kept = [h for h in hits if not h.category.endswith("?")]
        score: float | None = None
        if len(kept) < len(hits):
            score = profanity_score(text)
            if score >= AMBIGUOUS_THRESHOLD:
                kept = hits
        if kept:
            yield self.judged(record, text, kept, score)
        elif not hits and _MASKED.search(text):
            yield from self.masked_only(record, text)

    def judged(self, record: Record, text: str, hits: list[Hit],
               score: float | None) -> Finding:
        worst = max(hits, key=severity)
        hateful = worst.category.startswith(("slur", "hate"))
        reported = hateful and quoted_or_reported(text, worst)
        if worst.category == "slur:misogynistic" and not directed(text, worst):
            hateful = False  # "life's a bitch", "resting bitch face": review, not risk
        abusive = worst.category == "profanity:strong" and directed(text, worst)
        shown = mask_word(worst.text)
        why = f"{describe(worst)}: \"{shown}\""
        if abusive:
            why += ", aimed at someone"
        if reported:
            why += ", quoted or reported rather than used: check the context"
        if score is not None:
            why += f" (profanity model score {score:.2f})"
        if len(hits) > 1:
            why += f"; {len(hits) - 1} more listed word(s) in the post"
        excerpt_text = self.excerpt_of(record, masked_text(text, hits), (worst.start, worst.end))
        certain = (hateful or abusive) and not reported
        return self.finding(record.item, excerpt_text, why, certain=certain,
                            key=f"{worst.category.rstrip('?')}:{shown}")

    def masked_only(self, record: Record, text: str) -> Iterator[Finding]:
        score = profanity_score(text)
        match = _MASKED.search(text)
        if match is None or score < MASKED_THRESHOLD:
            return
        why = f"a masked word (\"{mask_word(match.group())}\"), profanity model score {score:.2f}"
        yield self.finding(record.item, self.excerpt_of(record, text, match.span()), why,
                           certain=False, key=f"masked:{mask_word(match.group())}")
