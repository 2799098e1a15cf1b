"""The A4 disclaimer detector as it was before issue 14, frozen so the benchmark can score it
beside the current one on the same real bios (a peer, like Presidio for names). Not used by
the scanner.

Its original description follows.

Does a profile say that its views are the person's own?

People write it in many ways ("Views my own", "Opinions = mine", "RTs ≠ endorsements",
"Personal account", "#ViewsMyOwn") and sometimes say the opposite ("views are NOT my own",
"not a personal account"). Each wording below is one pattern over a normalised text (lower case,
emoji and bullets turned into separators, "≠" read as "not", "=" as "are"); a negation just
before a phrase ("not a personal account", "these aren't my own views") cancels it. A negation
cannot sit inside the subject-verb-"mine" patterns at all: "views are not mine" never matches.
"""

from __future__ import annotations

import re
import unicodedata

_SUBJECT = (r"(?:views?|opinions?|thoughts?|tweets?|posts?|words?|comments?|toots?|content|"
            r"rants?|ramblings?|musings?)")
_SUBJECTS = (rf"(?:(?:all|the|these|any|my|our|personal|own|expressed|and|my own)\s+)*"
             rf"{_SUBJECT}(?:\s*(?:/|,|\+|and|or|&)\s*(?:{_SUBJECT}|rts?|retweets?|likes?|"
             rf"shares?|reposts?))*")
_WHERE = (r"(?:\s+(?:expressed|shared|posted|stated|written|given|here|on\s+(?:this|my)\s+"
          r"(?:account|page|profile|blog|feed|site)|in\s+this\s+(?:account|feed)|below|"
          r"herein|are\s+all)|,?\s*(?:as\s+(?:ever|always|usual)|of\s+course|obviously|obvs|"
          r"naturally|clearly|needless\s+to\s+say)\s*,?)*")
_ADVERB = (r"(?:(?:all|entirely|solely|strictly|purely|totally|completely|only|always|100%|"
           r"very\s+much|definitely|100\s*%|obviously|obvs|just|simply|wholly|exclusively)\s+)?")
_MINE = r"(?:my\s+own|mine|me\s+own|my\s+own\s+personal|personal|of\s+my\s+own|ours)"
# What may follow "views are my own": the end, punctuation, "and", "not my employer's"...
_AFTER = (r"(?=\s*(?:$|[.,;:!?|/()\[\]*~•·+&\-–—\"'#@]|and\b|not\b|alone\b|only\b|rts?\b|"
          r"retweets?\b|likes?\b|views?\b|opinions?\b|tbh\b|obvs?\b|though\b|x+\b|too\b|"
          r"also\b|as\b|etc\b|ok\b))")
_EMPLOYER = (r"(?:employers?|employer'?s|school'?s?|work(?:place)?|company'?s?|organi[sz]ation'?s?|"
             r"trust'?s?|job|academy'?s?|council'?s?|la|local\s+authority|union'?s?|"
             r"the\s+(?:school|trust|academy)|anyone\s+else'?s?|others)")
_ENDORSE_SUBJ = (r"(?:rts?|re-?tweets?|reposts?|re-?toots?|boosts?|shares?|sharing|likes?|liking|"
                 r"faves?|favs?|favou?rites?|follows?|following|links?|quote\s+tweets?|qts?|"
                 r"reblogs?|hearts?|retweeting|reposting)")

PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = tuple(
    (name, re.compile(pattern), negatable) for name, pattern, negatable in (
        # "views are my own", "all opinions mine", "views expressed here are mine alone"
        ("views are mine", rf"\b{_SUBJECTS}{_WHERE}\s*(?:are|is|r|=|:|-|–|—|,)?\s*{_ADVERB}"
                           rf"{_MINE}{_AFTER}", True),
        # "my own views", "own opinions", "personal views only"
        ("own views", r"\b(?:my\s+|our\s+)?(?:own|personal|individual)\s+(?:views?|opinions?|"
                      rf"thoughts?)\b(?:\s+only)?{_AFTER}", True),
        # "views do not reflect my employer", "views are not my employer's"
        ("not my employer's", rf"\b{_SUBJECT}\b[^.|\n]{{0,40}}?\b(?:do(?:es)?\s+not|don't|"
                              r"doesn't|do\s+n't|never|in\s+no\s+way|may\s+not|might\s+not|"
                              r"not\s+necessarily|are\s+not|aren't|is\s+not|isn't|not)\s+"
                              r"(?:necessarily\s+)?(?:reflect|represent|express|speak\s+for|"
                              rf"those\s+of|the\s+views?\s+of|(?:my\s+|the\s+|our\s+)?"
                              rf"{_EMPLOYER}|endorsed|affiliated|on\s+behalf)", False),
        ("not my employer's", rf"\bnot\s+(?:the\s+)?(?:views?|opinions?)\s+of\s+(?:my|the|our)\s+"
                              rf"{_EMPLOYER}", False),
        # "I do not speak for my employer", "not speaking on behalf of my school"
        ("not on behalf of my employer",
         r"(?:\bnot|n't|\bnever|\bdo\s+not)\s+(?:(?:speak(?:ing)?|tweet(?:ing)?|post(?:ing)?|"
         r"writ(?:e|ing)|act(?:ing)?)\s+(?:for|on\s+behalf\s+of)|represent(?:ing|ative\s+of)?|"
         r"on\s+behalf\s+of|affiliated\s+with|endorsed\s+by)\s+(?:my|the|our|any)\s+"
         rf"{_EMPLOYER}", False),
        ("speaking for myself", r"\b(?:speak(?:ing|s)?|tweet(?:ing|s)?|post(?:ing|s)?|"
                                r"writ(?:e|ing|es))\s+(?:only\s+)?(?:for|as)\s+myself\b", True),
        ("personal capacity", r"\b(?:in\s+)?(?:a|my)\s+personal\s+capacity\b", True),
        # "personal account", "personal page" (not "not a personal account")
        ("personal account", r"\bpersonal\s+(?:account|acct|page|profile|feed|twitter|"
                             r"insta(?:gram)?|x\s+account)\b", True),
        ("not an official account", r"\b(?:not\s+(?:an?\s+|the\s+)?official|unofficial|"
                                    r"non-official)\s+(?:\w+\s+)?(?:account|page|profile)\b",
         False),
        # "RTs not endorsements", "RT ≠ endorsement", "retweets do not imply endorsement"
        ("RTs are not endorsements",
         rf"\b{_ENDORSE_SUBJ}(?:\s*(?:/|,|\+|and|or|&|\|)\s*{_ENDORSE_SUBJ})*\s*"
         r"(?:(?:are|is|do|does|r)\s+)?(?:not|n't|never|aren't|isn't|don't|doesn't|do\s+not|"
         r"does\s+not|are\s+not|is\s+not|arent|isnt|dont|doesnt)\s*(?:always\s+|necessarily\s+|"
         r"automatically\s+)?(?:=\s*|mean\s+|equal\s+|equals\s+|imply\s+|indicate\s+|signal\s+|"
         r"signify\s+)?(?:an?\s+)?(?:endorse(?:ments?|d|s)?|endorsing|agreement|approval|support|"
         r"(?:that\s+)?i\s+agree)",
         False),
        ("no endorsement implied", r"\bno\s+endorsements?\s+(?:implied|intended|meant)\b", False),
        ("endorsements", r"\bendorsements?\s*(?:not|n't)\s*(?:implied|intended)\b", False),
    ))

# Hashtags written without capitals cannot be split into words; these are read squashed.
_TAG = re.compile(r"(?<!\w)#(\w+)")
_SQUASHED_TAGS = re.compile(
    r"(?:all)?(?:views?|opinions?|thoughts?|tweets?)(?:are|r|expressed)?(?:all)?(?:my)?"
    r"(?:own|mine|personal)|(?:my)?(?:own|personal)(?:views?|opinions?)|personal(?:account|page)|"
    r"(?:rts?|retweets?)(?:are)?(?:not|arent|isnt)endorsements?")
_NEGATION = re.compile(r"(?:\bnot|n't|\bnever|\bno|\bnor|\bisnt|\barent|\bnon)\s+(?:\w+\s+){0,2}$")
_SYMBOL = re.compile(r"[^\w\s.,;:!?|/()\[\]*~•·+&'\"#@=%≠-]")


def normalise(text: str) -> str:
    """Lower case; quotes, emoji and symbols made plain so the patterns stay simple."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"#([A-Za-z]\w*)", lambda m: "# " + _split_camel(m.group(1)) + " |", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.lower()
    text = re.sub(r"≠|!=|=/=|=\\=|<>|/=", " not ", text)
    text = re.sub(r"(?<![=<>!])=(?!=)", " are ", text)
    text = _SYMBOL.sub(" | ", text)  # emoji and pictographs separate phrases
    text = re.sub(r"\brt'?s\b", "rts", text)
    text = re.sub(r"\bi'm\b", "i am", text)
    return re.sub(r"[ \t]+", " ", text)


def _split_camel(tag: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)", " ", tag)


def find_disclaimer(text: str) -> str | None:
    """The words of a "views are my own"-type statement in the text, or None."""
    if not text:
        return None
    plain = normalise(text)
    for _name, pattern, negatable in PATTERNS:
        for match in pattern.finditer(plain):
            if negatable and _negated(plain, match.start()):
                continue
            return str(match.group(0)).strip()
    for tag in _TAG.findall(text.lower()):
        if _SQUASHED_TAGS.fullmatch(tag):
            return f"#{tag}"
    return None


def has_disclaimer(text: str) -> bool:
    return find_disclaimer(text) is not None


def _negated(plain: str, start: int) -> bool:
    """A "not" just before the phrase, in the same clause: "not a personal account"."""
    clause = re.split(r"[.;!?|\n,:()\-–—]", plain[max(0, start - 40):start])[-1]
    return bool(_NEGATION.search(clause))
