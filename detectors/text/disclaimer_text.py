"""Bio text made plain for the disclaimer grammar (detectors/text/disclaimer.py).

Lower case; hashtags split into words (#ViewsMyOwn, #viewsmyown); symbols read as words
("≠", "=/=", "!=" as "not", "=" as "are", "&" and "+" as "and"); contractions opened ("don't"
as "do not"); emoji and pictographs turned into phrase breaks (" | "); and slips in the few
words a disclaimer is made of put right ("veiws", "opinons", "endorsment", "onw").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# The words a disclaimer is made of: a slip within one edit of one of these (two for long
# words) with the same first letter is read as the word.
KEY_WORDS = (
    "views", "view", "opinions", "opinion", "thoughts", "tweets", "tweet", "retweets",
    "retweet", "reposts", "endorsement", "endorsements", "endorse", "endorsed", "endorsing",
    "employer", "employers", "employer's", "personal", "capacity", "affiliated", "represent",
    "representative", "representing", "reflect", "reflects", "necessarily", "disclaimer",
    "disclaimers", "agreement", "approval", "expressed", "individual", "independent",
    "organisation", "organization", "behalf",
)
# Real words that are one or two edits from a key word (found by running every word of the
# shipped spaCy model's vocabulary against KEY_WORDS): never "corrected".
REAL_WORDS = frozenset({
    "afflicted", "affiliate", "affiliates", "agreements", "approvals", "disclaims", "employed",
    "employee", "employees", "endorsers", "enforcement", "enforcing", "engorgement", "explorers",
    "expresses", "expressly", "independence", "independently", "independents", "individually",
    "individuals", "necessary", "organizational", "organizations", "persona", "personally",
    "personnel", "reflected", "repasts", "reports", "repost", "representation", "representatives",
    "represented", "represents", "though", "tweed", "tween", "tweens", "tweety", "vied", "viet",
    "vies", "vows", "viewer", "viewers", "reviews",
    # ... and to "mine", or to "own" after "my" (the same search, for _slip_of and _own_after_my)
    "maine", "mice", "mien", "mike", "mile", "milne", "mime", "mince", "mind", "mined", "miner",
    "mines", "ming", "minh", "mini", "mink", "minn", "mint", "mire", "mite", "romanization",
    "awn", "down", "mown", "on", "owe", "owed", "owen", "owl", "owns", "sown", "town", "owd",
    "owt", "ow",
})
MENDED = (*KEY_WORDS, "mine")
_FIRST_DROPPED = {word[1:]: word for word in MENDED if len(word) >= 5}
OWN_SLIPS = frozenset({"onw", "owm", "ownn", "0wn", "owne", "oun"})
# Short words a letter held down can stretch ("ownnn", "mineee", "myyy"); with KEY_WORDS, the
# words a run of repeated letters is squeezed back into.
STRETCHED = frozenset({"own", "mine", "my", "are", "not", "rts", "rt", "views", "view",
                       "opinions", "thoughts", "tweets", "personal", "alone", "only"})
# Lower-case hashtags and run-together words are split into these, when they split wholly.
SQUASHED_PARTS = ("views", "view", "opinions", "opinion", "thoughts", "tweets", "are", "r",
                  "is", "my", "own", "mine", "all", "expressed", "personal", "account", "rts",
                  "rt", "retweets", "not", "no", "endorsements", "endorsement", "only", "alone")
SQUASHED_HEADS = frozenset({"views", "view", "opinions", "opinion", "thoughts", "tweets",
                            "rts", "rt", "retweets", "personal"})

_EMOJI_JOINERS = re.compile("[\ufe0e\ufe0f\u200d]")  # variation selectors, zero-width joiner
_ARROW = re.compile(r"->|=>|[→⇒➡👉➔➜⟶]")
_POINTING = re.compile(r">+|»")  # "Views >> mine" (after "<>" has been read as "not")
_RUN = re.compile(r"(.)\1+")
_HYPHENED = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")
_MY_SHORT = re.compile(r"\b(my|me|ma|mah|mine)\s+([a-z0-9]{2,4})\b")
_ASKED = re.compile(r"\b(views?|opinions?|thoughts?|tweets?|rts?|retweets?)\s*\?+\s*", re.I)
_NOT_EQUAL = re.compile(r"≠|≢|!=|=/=|=\\=|<>|/=|=/")
_EQUAL = re.compile(r"(?<![=<>!])=(?!=)")
# Characters that stand for a disclaimer's words ("🔁 ≠ 👍", "💭 my own", "Views 🟰 mine"),
# and every long dash, read as a hyphen between spaces
_CHARACTER_WORDS = str.maketrans({"👍": " endorsement ", "💯": " 100% ", "🔁": " retweets ",
                                  "🔄": " retweets ", "💭": " thoughts ", "🟰": " = ",
                                  "≡": " = ", **dict.fromkeys("–—―‒−", " - ")})
_ELLIPSIS = re.compile(r"\.{2,}")
_CONTRACTION = re.compile(r"\b(can|won|don|doesn|isn|aren|wasn|weren|didn|haven|hasn|"
                          r"shouldn|wouldn|couldn|ain)'?t\b")
_OPENED = {"can": "can", "won": "will", "ain": "is", "don": "do", "doesn": "does",
           "isn": "is", "aren": "are", "wasn": "was", "weren": "were", "didn": "did",
           "haven": "have", "hasn": "has", "shouldn": "should", "wouldn": "would",
           "couldn": "could"}
_KEEP = r"\w\s.,;:!?|/()\[\]*~•·'\"#@%-"
_SYMBOL = re.compile(rf"[^{_KEEP}]")
_WORD = re.compile(r"[a-z0-9]+(?:'s)?")


def normalise(text: str) -> str:
    """The text as the grammar reads it (see the module's docstring)."""
    text = _open_contractions(_symbols_as_words(_plain_characters(text)))
    text = _SYMBOL.sub(" | ", text)  # what is left of emoji and pictographs
    text = _HYPHENED.sub(_unhyphen, text)
    text = _WORD.sub(lambda m: _mend(m.group(0)), text)
    text = re.sub(r"\bmy won\b", "my own", text)
    text = _MY_SHORT.sub(_own_after_my, text)
    return re.sub(r"[ \t]+", " ", text)


def _plain_characters(text: str) -> str:
    """One form of each character, hashtags split into words, lower case."""
    text = unicodedata.normalize("NFKC", text).replace("\r", "\n")
    text = re.sub(r"#(\w+)", lambda m: " | " + _split_tag(m.group(1).replace("_", " ")) + " | ",
                  text)
    text = re.sub(r"\b(no)-(one|body)\b", r"\1 \2", text, flags=re.IGNORECASE)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _EMOJI_JOINERS.sub("", text.replace("`", "'").lower())


def _symbols_as_words(text: str) -> str:
    """"RT ≠ 👍" -> "RT not endorsement"; "Views ➡️ mine" -> "Views : mine"."""
    text = text.translate(_CHARACTER_WORDS)
    text = _ELLIPSIS.sub(" | ", text)  # "Teacher... views my own": a break, like a full stop
    text = re.sub(r":{2,}", ":", text)
    text = _ARROW.sub(" : ", text)
    text = _ASKED.sub(r"\1: ", text)  # "Views? Mine." is "Views: mine."
    text = _NOT_EQUAL.sub(" not ", text)
    text = _POINTING.sub(" : ", text)
    text = _EQUAL.sub(" are ", text)
    return re.sub(r"\s*[&+]\s*", " and ", text)


def _open_contractions(text: str) -> str:
    """"don't" and "dont" -> "do not", "RT's" -> "rts", "I'm" -> "i am"."""
    text = _CONTRACTION.sub(lambda m: _OPENED[m.group(1)] + " not", text)
    text = re.sub(r"\b(dont|doesnt|isnt|arent|didnt|wont|cant)\b",
                  lambda m: _OPENED.get(m.group(1)[:-1], m.group(1)[:-2]) + " not", text)
    text = re.sub(r"\brt'?s\b", "rts", text)
    return re.sub(r"\b(i|you|they|we)'(m|re|ve)\b",
                  lambda m: m.group(1) + {"m": " am", "re": " are", "ve": " have"}[m.group(2)],
                  text)


def _split_tag(tag: str) -> str:
    """#ViewsMyOwn -> Views My Own; #viewsmyown -> views my own; #Teacher -> Teacher."""
    if re.search(r"[a-z][A-Z]", tag):
        return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)", " ", tag)
    return _unsquash(tag.lower()) or tag


@lru_cache(maxsize=4096)
def _mend(word: str) -> str:
    """One word with its slip put right, or split when it is several key words run together."""
    if word in OWN_SLIPS:
        return "own"
    if (squeezed := _squeeze(word)) is not None:
        return squeezed
    if len(word) >= 6 and (split := _unsquash(word)):
        return split
    if len(word) < 4 or _real(word) or not word.replace("'", "").isalpha():
        return word
    return _slip_of(word) or word


def _slip_of(word: str) -> str | None:
    """The key word (or "mine") this word is a slip of: within one edit (two for long words),
    starting with the same letter or with the first two letters swapped ("ivews"), or the
    key word with its first letter dropped ("pinions", "ndorsement")."""
    limit = 1 if len(word) <= 8 else 2
    found = process.extractOne(word, MENDED, scorer=OSA.distance, score_cutoff=limit)
    if found is not None and (found[0][0] == word[0] or found[0][:2] == word[1::-1]):
        return str(found[0])
    return _FIRST_DROPPED.get(word)


def _unhyphen(match: re.Match[str]) -> str:
    """"views-my-own" -> "views my own"; "ex-pat", "multi-academy" stay as they are."""
    return _unsquash(match.group(0).replace("-", "")) or match.group(0)


def _own_after_my(match: re.Match[str]) -> str:
    """"my onw", "my owb", "me oen": a short word one edit from "own", after "my" (or the
    Scots "my ain")."""
    word = match.group(2)
    if word == "ain" or (word != "own" and not _real(word) and OSA.distance(word, "own") <= 1):
        return f"{match.group(1)} own"
    return match.group(0)


def _squeeze(word: str) -> str | None:
    """"ownnn" -> "own", "viewsss" -> "views", "agreeeement" -> "agreement": a run of one
    letter squeezed to one or two, when that gives a disclaimer's word."""
    if not _RUN.search(word) or word in STRETCHED or word in KEY_WORDS:
        return None
    for squeezed in (_RUN.sub(r"\1", word), _RUN.sub(r"\1\1", word)):
        if squeezed in STRETCHED or squeezed in KEY_WORDS:
            return squeezed
    return None


def _real(word: str) -> bool:
    return word in REAL_WORDS or (word.endswith("s") and word[:-1] in REAL_WORDS)


def _unsquash(word: str) -> str | None:
    """`viewsmyown` -> `views my own`, only when the word splits wholly into SQUASHED_PARTS
    and one of the parts says what a disclaimer is about (views, tweets, RTs...)."""
    parts = _split_into_parts(word)
    if parts and len(parts) > 1 and SQUASHED_HEADS & set(parts):
        return " ".join(parts)
    return None


@lru_cache(maxsize=4096)
def _split_into_parts(word: str) -> tuple[str, ...] | None:
    if not word:
        return ()
    for part in SQUASHED_PARTS:
        if word.startswith(part) and (rest := _split_into_parts(word[len(part):])) is not None:
            return (part, *rest)
    return None
