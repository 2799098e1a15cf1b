"""The grammar of a "views are my own" statement, as regular expressions over normalised text
(detectors/text/disclaimer_text.py: lower case, "≠" read as "not", slips put right).

A disclaimer says one of these things, in any order of words:
- what I post is mine: a subject (views, opinions, tweets, "everything I say", this account)
  and an owner (my own, mine, personal, those of the author), perhaps hedged ("mostly mine",
  "my own unless stated") or with possession alone ("just my views, not my school's");
- what I post is not my employer's: a subject and a denial (do not reflect, not those of, not
  endorsed by my employer);
- I post in a personal capacity, not for my employer ("tweeting as a private individual", "not
  affiliated with my employer", "nothing to do with where I work");
- sharing is not agreeing: a share-word (RTs, likes, a share) and a denial of endorsement or
  agreement ("RT ≠ agreement", "retweets are for discussion, not agreement");
- a generic one: "standard disclaimers apply".

Each pattern has a family name (for reports) and says whether a "not" just before it cancels
it ("not a personal account"). Patterns whose own words carry the denial cannot be negated
that way. What the employer is must be said ("my employer", "the school I work at", "where I
work"): "not affiliated with Cineworld" is a fan page's notice, not a disclaimer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where a phrase starts and ends: punctuation, bullets and the breaks left where emoji were.
SEG_START = r"(?:^|(?<=[.!?|;\n(\[•·:*~/\"'\-–—]))\s*"
SEG_END = r"(?=\s*(?:$|[.!?|;\n)\],:*~/\"'•·\-–—]))"
# "My opinion: cake is a vegetable" is an opinion given, not a disclaimer.
_SEG_END_NO_COLON = r"(?=\s*(?:$|[.!?|;\n)\],*~/\"'•·\-–—]))"

_NOUN = (r"(?:views?|opinions?|thoughts?|tweets?|posts?|words|comments?|toots?|content|rants?|"
         r"ramblings?|musings?|beliefs?|takes|ideas|statements?|feelings|opinion)")
# Things people list beside their views: "views, opinions and bad jokes are my own".
_ALSO = (r"(?:(?:bad|terrible|awful|dad|poor|any)\s+)?(?:jokes|puns|typos|mistakes|errors|"
         r"spelling|grammar|likes|retweets|rts)")
_SAY = r"(?:say|said|tweet|post|write|share|express|think|type|retweet|rt|like)(?:s|ed)?"
_MODS = (r"(?:(?:all|the|these|those|any|my|our|personal|own|political|expressed|stated|and|"
         r"such|other|some)\s+)*")
_SUBJECT = (rf"(?:{_MODS}{_NOUN}(?:\s*(?:/|,|and|or)\s*(?:{_NOUN}|{_ALSO}|shares?|reposts?))*"
            rf"(?:\s*\(\s*(?:and|also)\s+(?:{_NOUN}|{_ALSO})\s*\))?|"
            r"(?:everything|anything|all|whatever|what|stuff)\s+(?:that\s+)?"
            rf"i\s+{_SAY}(?:\s+(?:here|on\s+here|on\s+this\s+account))?|(?:everything|"
            r"anything|all)\s+(?:here|on\s+here|posted|tweeted|written))")
# "This account is personal": an account may own nothing but its views, never deny ties (that
# is how fan pages say they are unofficial).
_ACCOUNT = r"(?:(?:this|the|my)\s+(?:account|feed|page|profile|twitter))"
_WHERE = (rf"(?:\s+(?:expressed|shared|posted|stated|written|given|found|made|voiced|here|"
          rf"on\s+here|within|below|herein|on\s+twitter|(?:that\s+)?i\s+{_SAY}|"
          r"(?:in|on)\s+(?:this|my|the)\s+(?:account|feed|bio|profile|page|blog|site|timeline|"
          r"twitter))|"
          r"\s*,?\s*(?:as\s+(?:ever|always|usual)|of\s+course|obviously|obvs|naturally|"
          r"clearly|needless\s+to\s+say|btw)\s*,?)*")
_GAP = r"(?:,?\s+(?!(?:not|never|no|nor|your|their|but)\b)[^\s.!?|;\n]+){1,6}?"
_COPULA = (r"\s*(?:(?:are|is|r|am|remain|will\s+be|:|-|–|—|~|,|\(|\[|represents?|reflects?|"
           r"express(?:es)?)\s*)?")
# "Views are, as ever, my own"
_ASIDE = (r"(?:,?\s*(?:as\s+(?:ever|always|usual)|of\s+course|obviously|obvs|naturally|clearly|"
          r"needless\s+to\s+say|btw)\s*,?\s*)?")
_HEDGE = (r"(?:\(?\s*(?:all|entirely|solely|strictly|purely|totally|completely|only|always|"
          r"100\s*%|100\s+percent|100|very\s+much|definitely|obviously|obvs|just|simply|wholly|"
          r"exclusively|mostly|largely|generally|usually|normally|mainly|typically|"
          r"pretty\s+much|absolutely|truly|certainly|almost\s+always|probably|fully|firmly|"
          r"unashamedly|most\s+likely|hopefully|still)\s*\)?\s+)*")
_OWNER = (r"(?:(?:my|mu|ma|mah|me|mine|his|her)\s+(?:very\s+)?own(?:\s+personal)?"
          r"(?:\s+(?:views?|opinions?|thoughts?|ones?))?|mine(?:\s+own)?|own|hers|his|"
          r"personal(?:\s+(?:ones?|views?|opinions?))?|"
          r"of\s+my\s+own|my\s+(?:personal\s+)?(?:views?|opinions?|thoughts?)|"
          r"(?:those|that)\s+of\s+(?:me|myself|the\s+(?:author|writer|account\s+holder|"
          r"tweeter|owner))|(?:belongs?|belonging)\s+to\s+(?:me|myself)|individual|"
          r"my\s+responsibility|(?:from|by)\s+me(?:\s+(?:alone|only))?\b)")
# What may follow "views are my own": the end, punctuation, or a word that cannot be the noun
# "own" would then qualify ("my own business" is not a disclaimer).
_AFTER = (r"(?=\s*(?:$|[.,;:!?|/()\[\]*~•·\"'#@\-–—]|(?:and|not|alone|only|rts?|retweets?|"
          r"likes?|(?:views?|opinions?|thoughts?)(?!\s+(?:on|about|of|in|re)\b)|tbh|obvs?|though|x+|too|also|as|etc|ok|unless|"
          r"except|apart|save|but|bar|mostly|usually|generally|really|innit|lol|nobody|no\s*one|"
          r"of\s+course|obviously|naturally|entirely|here|btw|ftr|fwiw|please|if|when|where|"
          r"until|probably|in\s+no\s+way|nor|or|so|just|sadly|haha|honestly|i\s+think|"
          r"i\s+guess|i\s+hope|i\s+promise|mate|folks|n|expressed|herein|shared|posted)\b))")

_EMP_NOUN = (r"(?:employers?|school|workplace|work\s*place|company|organi[sz]ations?|org|trust|"
             r"job|academy|council|union|university|uni|college|firm|business|agency|"
             r"institution|practice|place\s+of\s+work|establishment|local\s+authority|la|"
             r"nhs\s+trust|department|dept|federation|diocese|hospital|board|charity|office|"
             r"team|bosses|boss|line\s+manager|colleagues|work|day\s+job|employment)")
_EMP_STRICT = (r"(?:employers?|school|workplace|company|organi[sz]ation|trust|academy|council|"
               r"union|university|college|firm|institution|establishment|local\s+authority|nhs|"
               r"multi[\s-]academy\s+trust|federation|diocese|hospital|charity|government|"
               r"civil\s+service)")
# "the school I work at": "the school" alone may be anyone's (a parody or fan account's notice).
_WORKS_AT = r"(?:\s+(?:that\s+)?i\s+(?:work|worked|teach|am\s+employed)\s+(?:for|at|in|with|by))"
EMPLOYER = (rf"(?:(?:my|our)\s+(?:current\s+|former\s+|past\s+(?:and|or)\s+present\s+|"
            rf"full[\s-]?time\s+)?{_EMP_NOUN}|any\s+{_EMP_STRICT}{_WORKS_AT}?|"
            rf"(?:the|an?|this)\s+{_EMP_STRICT}{_WORKS_AT}|"
            r"(?:the\s+)?(?:people|person|place|places|organi[sz]ations?|companies|company|"
            r"schools?|bodies|body|institutions?)\s+(?:that\s+)?i\s+(?:work|worked|teach)\s+"
            r"(?:for|at|in|with)|(?:anyone|anybody|those|whoever)\s+i\s+work\s+(?:for|with)|"
            r"any\s+(?:of\s+the\s+)?organi[sz]ations?(?:\s+i\s+(?:work\s+for|am\s+"
            r"(?:affiliated|associated|involved)\s+with))?|where\s+i\s+(?:work|teach|"
            r"am\s+employed)|employers?)(?:'s|s')?")

_SELF = r"(?:(?:my|him|her|them|one)self|themselves|me|no\s*one\s+but\s+myself)"
_NEGATOR = r"(?:not|never|in\s+no\s+way|no\s+way|nothing|nor|no)"
_DENIED = (rf"(?:reflect\w*|represent\w*|express(?:ed)?\s+(?:on\s+behalf|for)|speak\s+for|"
           rf"(?:those|that)\s+of|the\s+(?:views?|opinions?|position|policy|stance)\s+of|"
           rf"shared\s+by|endorsed(?:\s+by)?|affiliated|on\s+behalf|associated|connected|"
           rf"linked|sanctioned|approved|vetted|checked|official\b|{EMPLOYER}|(?:(?:my|the|our|any)\s+)"
           rf"{_EMP_NOUN}(?:'s|s')?)")
_FILLER = (r"(?:i|am|do|does|is|are|was|here|in\s+any\s+way|in\s+any\s+capacity|officially|"
           r"necessarily|always|ever|this|account|twitter|profile|it|an?|the|views?|opinions?|"
           r"expressed|page|feed|directly|formally|speak\w*|tweet\w*|post\w*|writ\w*|act\w*|"
           r"comment\w*|blog\w*|say|said|write|tweet|post|share)")
# Speaking for someone: "the school" is enough ("not on behalf of the trust").
_SPEAKING = (r"(?:for|on\s+behalf\s+of|in\s+the\s+name\s+of|"
             # "nothing here reflects the views of the school I work at"
             r"(?:reflect\w*|represent\w*)\s+(?:the\s+)?(?:views?|opinions?|position)\s+of|"
             r"represent\w*(?:\s+of)?|"
             r"the\s+(?:views?|opinions?)\s+of|an?\s+(?:official\s+)?(?:voice|mouthpiece|"
             r"spokesperson)\s+(?:for|of))")
# Ties: fan pages say they are "not affiliated with the club", so the employer must be named as
# such ("my school", "the school I work at").
_TIES = (r"(?:affiliat\w*\s+(?:with|to)|connect\w*\s+(?:with|to)|associat\w*\s+with|"
         r"relationship\s+(?:with|to)|relation\s+to|bearing\s+on|"
         r"link(?:ed|s)?\s+(?:with|to)|endorsed\s+by|sanctioned\s+by|approved\s+by|"
         r"related\s+to|official\s+(?:\w+\s+)?of|authori[sz]ed\s+by|to\s+do\s+with)")

_SHARE = (r"(?:rts?|re-?tweets?|retweeting|retweeted|reposts?|reposting|re-?toots?|boosts?|"
          r"boosting|shares?|sharing|shared\s+(?:posts?|links?|content|articles?|tweets?|"
          r"stuff)|forward(?:s|ing|ed)?|quot(?:es?|ing)|likes?|liking|faves?|favs?|"
          r"favou?rites?|favou?riting|"
          r"follows?|following|links?|linking|quote\s+tweets?|qts?|reblogs?|hearts?|"
          r"a\s+(?:share|retweet|like|follow|link|repost|boost)|an\s+rt|rt'?ing)\b")
_SHARES = rf"{_SHARE}(?:\s*(?:/|,|and|or|\|)\s*{_SHARE})*"
_ENDORSEMENT = (r"(?:endors\w*|agree\w*|approv\w*|support\w*|backing|back\s+(?:it|them|the|"
                r"what)|(?:a\s+)?thumbs\s+up|(?:stamp|seal)\s+of\s+approval|i\s+(?:agree|"
                r"endorse|approve|support|back|share|believe)|(?:what\s+)?i\s+(?:think|believe)|"
                r"(?:my\s+)?(?:own\s+|personal\s+)?(?:views?|opinions?|beliefs?))")
_LINK = (r"(?:always|necessarily|automatically|mean\s+that|by\s+default|imply|implies|mean|"
         r"means|equal|equals|indicate|indicates|signal|signals|signify|signifies|constitute|"
         r"constitutes|reflect|reflects|represent|represents|show|shows|are|is|to|an?|my|any|"
         r"the|in\s+any\s+way|the\s+same\s+as|same\s+as|a\s+sign\s+of|a\s+mark\s+of|me|"
         r"things|stuff|something|everything|that)")


@dataclass(frozen=True)
class Wording:
    family: str
    pattern: re.Pattern[str]
    negatable: bool  # a "not" just before it cancels it


def _w(family: str, pattern: str, negatable: bool) -> Wording:
    return Wording(family, re.compile(pattern), negatable)


WORDINGS: tuple[Wording, ...] = (
    # "views are my own", "all opinions mine", "tweets mostly mine unless stated"
    _w("views are mine",
       rf"\b(?:{_SUBJECT}|{_ACCOUNT}){_WHERE}{_COPULA}{_ASIDE}{_HEDGE}{_OWNER}{_AFTER}", True),
    # "all views are my own blogger": a bio's items often run on without punctuation. With a
    # view as the subject and a verb, "my own" cannot take the next word as its noun (the verb
    # is what the first wording may lack: "views my own photos" is someone viewing photos).
    _w("views are mine", rf"\b{_MODS}(?:views?|opinions?|thoughts?|beliefs?){_WHERE}\s+"
                         rf"(?:are|is|r|remain)\s+{_ASIDE}{_HEDGE}(?:my\s+own|mine)\b", True),
    # "Views on this twitter account are purely my own": any few words between the subject and
    # the verb, which is then required ("thoughts on books I own" says nothing about views)
    _w("views are mine", rf"\b(?:{_SUBJECT}){_GAP}\s+(?<!\bthat )(?<!\bwhich )(?<!\bwho )"
                         rf"(?:are|is|r|:)\s+{_ASIDE}{_HEDGE}{_OWNER}{_AFTER}", True),
    # "my own views", "personal opinions only"
    # ("in my own view, ..." opens an opinion instead)
    # ("entitled to my own opinion", "I have my own views": owning opinions disclaims nothing)
    _w("own views", r"\b(?=(?:my|our|own|personal|individual)\b)"  # (the cheap test first)
                    r"(?<!\bin )(?<!\bin my )(?<!\bin our )(?<!\bto )(?<!\bto my )"
                    r"(?<!\bhave )(?<!\bhave my )(?<!\bhas )(?<!\bhas my )(?<!\bgot my )"
                    r"(?<!\bform my )(?<!\bwith my )\b(?:my\s+|our\s+)?(?:own|personal|"
                    r"individual)\s+(?:views?|opinions?|thoughts?|opinion|tweets|words|posts)"
                    r"(?:\s+(?:and|/|or)\s+(?:views?|opinions?|thoughts?))?"
                    rf"(?:\s+only)?{_AFTER}", True),
    # "These are my views!", "just my thoughts, not my school's"
    _w("my views", rf"{SEG_START}(?:(?:these|those|they)\s+(?:are|r)\s+|(?:this|it)\s+is\s+|"
                   r"all\s+|just\s+|only\s+|simply\s+|purely\s+|strictly\s+|here\s+are\s+)*"
                   r"(?:my|our)\s+(?:own\s+|personal\s+|humble\s+)?(?:views?|opinions?|"
                   r"thoughts?)(?:\s*(?:and|/|,)\s*(?:views?|opinions?|thoughts?|musings|"
                   r"ramblings))?(?:\s+(?:only|alone|obviously|obvs|x+|and\s+mine(?:\s+alone)?))?"
                   r"(?:\s*[,\-]?\s*(?:no\s*one|nobody|none)\s+else'?s\b|"
                   r"\s*[,\-]?\s*(?:and\s+|but\s+)?not\s+(?:those\s+of\s+|the\s+\w+\s+of\s+)?"
                   rf"(?:(?:my|the|our|any|an?)\s+)?(?:\w+'s|\w+s'|{_EMP_NOUN}\b|@\w+)|"
                   rf"{_SEG_END_NO_COLON}(?!\s*[,\-–—]?\s*(?:not|never|no|but)\b))",
       True),
    # "views do not reflect my employer", "opinions not those of the trust"
    _w("not my employer's", rf"\b{_SUBJECT}{_WHERE}[^.!?|;\n]{{0,40}}?\b{_NEGATOR}\s+"
                            rf"(?:necessarily\s+|always\s+|in\s+any\s+way\s+)?{_DENIED}", False),
    _w("not my employer's", r"\bnot\s+(?:necessarily\s+)?(?:the\s+)?(?:views?|opinions?|position)"
                            rf"\s+of\s+(?:{EMPLOYER}|the\s+{_EMP_STRICT})", False),
    # "Does not represent the views of my employer": the subject left out
    _w("not my employer's", r"\b(?:do|does|will|may|might)\s+not\s+(?:necessarily\s+)?"
                            r"(?:represent|reflect)\w*\s+(?:(?:the\s+)?(?:views?|opinions?|"
                            rf"position)\s+of\s+|(?:those|that)\s+of\s+)?{EMPLOYER}", False),
    # "in a personal capacity", "tweeting as a private individual", "speaking for myself"
    _w("capacity", r"\b(?:in|with)\s+(?:a|my|an)\s+(?:purely\s+|strictly\s+)?(?:personal|private|"
                   r"individual|own|unofficial|non-?\s?official)\s+capacity\b|"
                   r"\bin\s+(?:purely\s+|strictly\s+)?(?:personal|private)\s+capacity\b|"
                   r"\bon\s+(?:my|his|her)\s+own\s+behalf\b", True),
    _w("capacity", r"\b(?:(?:tweet|post|writ|speak|blog|comment|act)\w*|here|views|opinions|"
                   r"account|twitter)\s+(?:purely\s+|only\s+|solely\s+|strictly\s+|just\s+)?as\s+"
                   r"(?:a\s+)?(?:private\s+(?:individual|citizen|person)|an\s+individual|myself|"
                   r"a\s+member\s+of\s+the\s+public)\b|\bas\s+a\s+private\s+(?:individual|"
                   r"citizen|person)\b", True),
    _w("capacity", r"\b(?:(?:speak|tweet|post|writ)\w*|opinions?|views?)\s+(?:only\s+|solely\s+|"
                   rf"purely\s+)?(?:for|on\s+behalf\s+of)\s+{_SELF}(?:\s+(?:alone|only))?\b",
       True),
    _w("capacity", r"\b(?:tweet|post|writ|speak|blog|comment)\w*\s+(?:(?:purely|only|solely|"
                   r"strictly)\s+)?(?:in\s+(?:my|his|her)\s+own\s+right|on\s+a\s+(?:purely\s+)?"
                   r"(?:personal|private)\s+basis|personally)\b", True),
    _w("capacity", rf"{SEG_START}personal\s+capacity(?:\s+only)?{SEG_END}|\brepresent\w*\s+"
                   rf"(?:only\s+|just\s+|solely\s+)?{_SELF}(?:\s+(?:alone|only))?{SEG_END}", True),
    _w("capacity", r"\b(?:represent\w*|speak\w*\s+for|on\s+behalf\s+of)\s+(?:no\s*one|nobody|"
                   rf"anyone|anybody)\s+(?:but|except|other\s+than|apart\s+from)\s+{_SELF}",
       False),
    # "not affiliated with my employer", "nothing to do with where I work"
    _w("independence", rf"\b(?:not|never|nothing|no\s*one|none|no)(?:\s+{_FILLER}){{0,4}}\s+"
                       rf"(?:{_SPEAKING}\s+(?:(?:those|that)\s+of\s+)?(?:{EMPLOYER}|(?:the|this)\s+"
                       rf"{_EMP_STRICT}|work\b|(?:anyone|anybody)\b)|{_TIES}\s+(?:(?:those|that)\s+of\s+)?{EMPLOYER})|"
                       r"\bnothing\s+to\s+do\s+with\s+work\b", False),
    _w("independence", rf"\b(?:not|never|nothing|no\s*one|none)(?:\s+{_FILLER}){{0,4}}\s+"
                       r"(?:for|on\s+behalf\s+of|in\s+the\s+name\s+of|represent\w*)\s+@\w+",
       False),
    # "I don't speak for the BBC": whoever is named, speaking for them is denied (a fan page
    # says it is "not affiliated with" a club, not that it does not speak for it)
    _w("independence", r"\b(?:not|never)\s+(?:\w+\s+)?(?:speak(?:s|ing)?|talk(?:s|ing)?)\s+"
                       r"(?:for|on\s+behalf\s+of)\s+(?!(?:you|everyone|everybody|all|every|"
                       r"long|now|a|the\s+(?:faint|whole|rest|many|few))\b)[@\w][\w&'.-]*"
                       rf"(?:\s+[\w&'.-]+){{0,3}}?{SEG_END}", False),
    _w("independence", r"\b(?:independent(?:ly)?|separate(?:ly)?|unconnected|unaffiliated|"
                       rf"unrelated|unassociated|distinct)\s+(?:of|from|with|to)\s+{EMPLOYER}",
       False),
    _w("independence", rf"\b{EMPLOYER}\s+(?:(?:has|have|had)\s+(?:nothing\s+to\s+do\s+with|"
                       r"no\s+(?:connection|link|involvement|part|say)\s+(?:with|to|in))|"
                       r"(?:does|do)\s+not\s+(?:necessarily\s+)?(?:endorse|agree|approve|share|"
                       r"support)|(?:(?:is|are)\s+)?not\s+responsible)\b", False),
    # "RT ≠ agreement", "a share is no endorsement", "retweets are for discussion, not agreement"
    _w("sharing is not endorsing", rf"\b{_SHARES}[^.!?|;\n]{{0,40}}?\b(?:not|no|never|nor|"
                                   rf"without)\s+(?:{_LINK}\s+){{0,4}}?{_ENDORSEMENT}", False),
    _w("sharing is not endorsing", r"\b(?:no|not\s+an?|without)\s+endorsements?\s+(?:is\s+|"
                                   r"are\s+)?(?:implied|intended|meant|given|inferred)\b|"
                                   r"\bendorsements?\s+(?:is\s+|are\s+)?(?:not|never)\s+"
                                   r"(?:implied|intended|meant|given)\b|\b(?:implies|imply|"
                                   r"implying|means|mean)\s+no\s+(?:endorsement|agreement)\b",
       False),
    _w("sharing is not endorsing", rf"\b{_SHARES}\s*(?:(?:shared|posted|here)\s+)?"
                                   r"(?:(?:are|is|:)\s*)?(?:(?:just|only|purely|mostly|simply)\s+)?"
                                   r"(?:for\s+)?(?:info|information|interest|"
                                   r"discussion|debate|reference|bookmarks?|bookmarking|"
                                   rf"awareness)(?:\s+(?:only|purposes))?{SEG_END}", False),
    # "standard disclaimers apply", "usual caveats", "insert disclaimer here"
    _w("generic", r"\b(?:usual|standard|normal|obligatory|customary|generic|typical|mandatory|"
                  r"requisite|compulsory|boilerplate|insert(?:\s+\w+){0,2})\s+(?:twitter\s+)?"
                  r"(?:disclaimers?|caveats?)(?:\s+(?:apply|applies|here))?\b|"
                  r"\b(?:disclaimers?|caveats?)\s+(?:apply|applies|here)\b|\b(?:disclaimers?|"
                  r"caveats?)\s*:\s*(?:the\s+)?(?:usual|standard|normal)\b", False),
    # "personal account", "this is my personal profile"
    # ("a personal account of life with MS" is a story told)
    _w("personal account", r"(?<!'s )\bpersonal\s+(?:account|acct|acc|page|profile|feed|twitter|"
                           r"tweets|insta(?:gram)?|x\s+account|timeline)\b(?!\s+of\s+(?:my|our|"
                           r"life|living|a|an|the|what|how|\w+ing)\b)", True),
    _w("personal account", rf"{SEG_START}(?:this\s+is\s+)?not\s+an?\s+official\s+(?:account|page|"
                           rf"profile){SEG_END}|\bnot\s+an?\s+official\s+(?:school|work|company|"
                           r"trust|academy|employer|council|union)\s+(?:account|page|profile)\b",
       False),
)
