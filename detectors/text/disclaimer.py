"""Does a profile say that its views are the person's own?

People write it in many ways ("Views my own", "RT ≠ agreement", "mostly my own views",
"just my views, not my school's", "posting in a private capacity", "standard disclaimers
apply", "views are my onw") and sometimes say the opposite ("views are NOT my own", "not a
personal account", "Tweets do reflect the opinions of my employer"). The text is normalised
(detectors/text/disclaimer_text.py) and read with a small grammar of the statement
(detectors/text/disclaimer_grammar.py). A wording found is then set aside when:
- a negation comes just before it in the same clause ("not a personal account", "these aren't
  my own views");
- it is about someone else's views ("your views are your own", "their opinions are theirs");
- it is advice to others ("Remember, your tweets are your own", "Tip: put 'views my own' in
  your bio"), not a statement about this profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors.text.disclaimer_grammar import WORDINGS, Wording
from detectors.text.disclaimer_text import normalise

__all__ = ["find_disclaimer", "has_disclaimer", "normalise", "which_wording"]

WINDOW = 300  # characters: every wording is far shorter
_AFTER_BREAK = re.compile(r"(?<=[.!?|;\n])")
_NEGATION = re.compile(r"(?:\bnot|\bnever|\bno|\bnor|\bnon|\bnothing|\bhardly|\bnone\s+of)"
                       r"\s+(?:\w+\s+){0,2}$")
_CLAUSE_BREAK = re.compile(r"[.;!?|\n,:()\-–—]")
_SENTENCE_BREAK = re.compile(r"[.;!?|\n]")
# ... or other people's: "Guest views do not represent ours", "pupils' opinions are theirs"
_SOMEONE_ELSE = re.compile(r"\b(?:your|yours|yourself|ur|their|its|everyone's|"
                           r"people's|someone's|others'|(?:guest|contributor|caller|member|"
                           r"reader|author|speaker|pupil|student|child|parent|visitor|"
                           r"commenter|user|blogger|writer)(?:s|'s|s')?|children's)\s*$")
# "Why do people put 'views my own' in their bio?": the words are quoted, not said.
_QUOTED = re.compile(r"\b(?:write|writing|writes|add|adding|put|putting|include|including|use|"
                     r"using|saying|type|typing)\s*['\"]\s*$")
# Advice to others: "your views ...", "... your own", "you should ...", or a sentence opening
# with an instruction. ("Your local councillor, views my own" is no advice.)
_ADVICE = re.compile(r"\b(?:your|ur)\s+(?:own\s+)?(?:views?|opinions?|thoughts?|tweets?|posts?|"
                     r"rts?|retweets?|likes?|shares?|bio|profile)\b|\byours?\s+own\b|\byours\s*,|"
                     r"\byou\s+(?:should|must|need|ought|can|could|might|may|will)\b|"
                     r"^\s*(?:remember|make\s+sure|ensure|tips?|pro\s+tip|do\s+not\s+forget|put|"
                     r"add|include|reminder|advice|psa|why\s+do)\b")


def find_disclaimer(text: str) -> str | None:
    """The words of a "views are my own"-type statement in the text (normalised), or None."""
    found = which_wording(text)
    return found[1] if found else None


def has_disclaimer(text: str) -> bool:
    return which_wording(text) is not None


def which_wording(text: str) -> tuple[str, str] | None:
    """(the family of wording, the words) of the first disclaimer in the text, or None."""
    if not text or not text.strip():
        return None
    for piece in _pieces(normalise(text)):
        for wording in WORDINGS:
            for match in wording.pattern.finditer(piece):
                if _counts(piece, match, wording):
                    return wording.family, match.group(0).strip()
    return None


def _pieces(plain: str) -> Iterator[str]:
    """Sentences (a disclaimer never crosses a sentence break or an emoji), a long one in
    overlapping windows, so no text costs more than linear time."""
    for sentence in _AFTER_BREAK.split(plain):
        if len(sentence) <= WINDOW:
            yield sentence
            continue
        for start in range(0, len(sentence) - WINDOW // 3, WINDOW - WINDOW // 3):
            yield sentence[start:start + WINDOW]


def _counts(plain: str, match: re.Match[str], wording: Wording) -> bool:
    before = plain[max(0, match.start() - 60):match.start()]
    if wording.negatable and _negated(before):
        return False
    if _SOMEONE_ELSE.search(before) or _QUOTED.search(before):
        return False
    sentence = _SENTENCE_BREAK.split(before)[-1] + match.group(0)
    return not _ADVICE.search(sentence)


def _negated(before: str) -> bool:
    """A "not" just before the phrase, in the same clause: "not a personal account"."""
    return bool(_NEGATION.search(_CLAUSE_BREAK.split(before)[-1]))
