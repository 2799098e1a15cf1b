"""Finding the school's name however people write it.

Three kinds of place, three ways of looking:

- Handles, hashtags and profile addresses are squashed (`OakwoodPrimary`, `oakwood_primary`,
  `o.a.k.w.o.o.d`) and read with leetspeak stand-ins (`0akw00d`), so the name is found inside
  them letter by letter.
- Free text (bios, posts) is read word by word, case-insensitively, with "St"/"Saint"/"St."
  and "&"/"and" as the same word, so "Oakwoods" or "Stoakwood" never count.
- Display and page names are read both ways.

The school's *distinctive part* ("Oakwood" of "Oakwood Primary School") is a place name too:
"Oakwood Park", "Oakwood Road" and "Oakwood Grammar School" are not the school. On its own it
counts only in a handle, or next to school words ("Oakwood staff", "teacher at Oakwood"), never
before a place word or another kind of school, and then only as `certain=False` (a person
confirms it). Short abbreviations ("OPS") count as a whole token of a handle or display name;
in free text, where "ops" is an ordinary word, only in capitals right after a teaching role
("Year 2 @ OPS", "TA at OPS"), and then as review. "OpsManager" is not a match: a token
written "Ops" (a capital and small letters) is the English word; the school writes "OPS". In an
all-lower-case handle the token counts only next to a teacher's word (`ops_teacher`,
`mrsb_ops`), since `ops_team` is the word again. Official handles are never reported, except
that text mentioning one (`Teacher at @OakwoodPrimary`) is reported as such when a caller asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from detectors.base import Context
from detectors.school.forms import (
    DISTINCTIVE,
    EXACT,
    HANDLE_TOKEN,
    LEET,
    LEET_SYMBOLS,
    PUNCTUATED,
    SQUASHED,
    TYPO,
    WORD,
    Token,
    Variant,
    distinctive_how,
    edge,
    fold,
    has_camel,
    mixed_digits,
    name_words,
    next_edge,
    norm_word,
    prefilter,
    shouting,
    squash_how,
    tail_initials,
    variants,
    words_at,
)
from detectors.school.words import (
    PHASE_WORDS,
    PLACE_WORDS,
    PREPOSITIONS,
    ROLE_BEFORE,
    SCHOOL_AFTER,
    STOPWORDS,
    TITLES,
    URL_NOISE,
)
from scanner.policy import Policy

__all__ = ["ABBREVIATION", "DISTINCTIVE", "EXACT", "LEET", "OFFICIAL", "PUNCTUATED", "SQUASHED",
           "TYPO", "SchoolMatch", "SchoolMatcher", "school_matcher"]

ABBREVIATION, OFFICIAL = "abbreviation", "official handle"
SHARED_KEY = "school_matcher"
EMPLOYMENT = frozenset({"work", "works", "working", "worked", "job", "employed", "based",
                        "volunteer", "volunteering", "role", "post"})

# Stand-ins for letters in handles and names.


@dataclass(frozen=True, slots=True)
class SchoolMatch:
    """One place the school's name was found, as written, how, and how sure."""

    form: str  # the text as written
    how: str  # exact, squashed, leetspeak, punctuated, abbreviation, distinctive part, ...
    certain: bool
    start: int
    end: int
    name: str  # which of the school's names matched, normalised: a finding's key


class SchoolMatcher:
    """The school's names, compiled once per scan."""

    def __init__(self, policy: Policy) -> None:
        self.official = frozenset(h.lstrip("@").lower() for h in policy.official_handles)
        self.variants = variants(policy)
        self.own_phase = frozenset(w for name in policy.names for w in
                                   (norm_word(x) for x in name_words(name)) if w in PHASE_WORDS)
        self.conflict = PHASE_WORDS - self.own_phase
        self.extra_context = frozenset(norm_word(w) for phrase in policy.school_words
                                       for w in name_words(phrase))
        self.after = SCHOOL_AFTER | self.own_phase
        # What follows the distinctive part in the school's own names, also as initials:
        # "OakwoodPrimary", "oakwoodps".
        self.own_tail = self.own_phase | tail_initials(policy)
        self.abbreviations = {v.label for v in self.variants if v.kind == "abbreviation"}
        self._quick = prefilter(self.variants, self.official)

    # -- public interface ----------------------------------------------------------------------
    def is_official(self, handle: str) -> bool:
        return handle.strip().lstrip("@#").lower() in self.official

    def in_handle(self, handle: str) -> list[SchoolMatch]:
        """The school in a username (`MrJ_0akwood`, `st_anns_ks2`); never an official one."""
        offset = len(handle) - len(handle.lstrip().lstrip("@"))
        bare = handle.strip().lstrip("@")
        if not bare or self.is_official(bare):
            return []
        found = self._squashed(bare, distinctive=True) + self._abbreviations(bare, handle=True)
        return _best([_shift(m, offset) for m in found])

    def in_url(self, url: str) -> list[SchoolMatch]:
        """The school in a profile address's host or path; the official accounts' are skipped."""
        try:
            parts = urlsplit(url if "//" in url else "//" + url)
            host, path = parts.hostname or "", parts.path
        except ValueError:
            return []
        found: list[SchoolMatch] = []
        low = url.lower() if len(url.lower()) == len(url) else url
        at = low.find(host) if host else 0
        for label in host.split("."):
            at = low.find(label, at)
            if label and label not in URL_NOISE and at >= 0:
                found += [_shift(m, at) for m in self.in_handle(url[at:at + len(label)])]
        if any(self.is_official(seg) for seg in path.split("/") if seg):
            return _best(found)  # the official account's own address
        at = max(low.find(path.lower(), max(at, 0)), 0) if path else 0
        for seg in path.split("/"):
            at = url.find(seg, at) if seg else at
            if seg and seg.lower().lstrip("@") not in URL_NOISE and at >= 0:
                found += [_shift(m, at) for m in self.in_handle(seg)]
        return _best(found)

    def in_name(self, name: str) -> list[SchoolMatch]:
        """The school in a display, page or blog name: words, squashed words, abbreviations."""
        found = self._words(name)
        for chunk in re.finditer(r"\S+", name):
            text = chunk.group()
            camel = has_camel(text) or mixed_digits(text)
            found += [_shift(m, chunk.start()) for m in self._squashed(text, distinctive=camel)]
        found += self._abbreviations(name, handle=False)
        squashed_all = self._squashed(name, distinctive=False)
        found += [m for m in squashed_all if m.how != SQUASHED]  # "0akw00d Primary"
        return _best(found)

    def might_mention(self, text: str) -> bool:
        """A fast test: could the text hold any of the names at all? (Most posts cannot.)"""
        return bool(self._quick.search(fold(text)))

    def in_text(self, text: str, official: bool = False,
                employment: bool = False) -> list[SchoolMatch]:
        """The school in free text.

        `official` also reports mentions of the official handles; `employment` lets "work at"
        and "job at" stand for school words before the distinctive part (for a bio, where the
        workplace is the point; in a post "work at Oakwood" may be any employer).
        """
        if not self.might_mention(text):
            return []
        found = self._words(text, EMPLOYMENT if employment else frozenset())
        for match in WORD.finditer(text):
            token = match.group()
            if self.is_official(token):
                if official:
                    found.append(SchoolMatch(token, OFFICIAL, True, match.start(),
                                             match.end(), token.lstrip("@#").lower()))
                continue
            if token[0] in "@#":
                found += [_shift(m, match.start() + 1) for m in self.in_handle(token[1:])]
            elif has_camel(token) or mixed_digits(token):
                found += [_shift(m, match.start())
                          for m in self._squashed(token, distinctive=True)]
            elif len(token) >= 8:  # `oakwoodprimary` in a link
                found += [_shift(m, match.start())
                          for m in self._squashed(token, distinctive=False)]
        return _best(found)

    # -- squashed forms --------------------------------------------------------------------
    def _squashed(self, raw: str, distinctive: bool) -> list[SchoolMatch]:
        folded = fold(raw)
        index = [i for i, c in enumerate(folded) if c.isalnum() or c in LEET_SYMBOLS]
        squashed = "".join(folded[i] for i in index).lower()
        if not squashed:
            return []
        found = []
        blocked: list[tuple[int, int]] = []  # a rival's or a road's name: "KingEdwardVIHigh"
        for variant in self.variants:
            if variant.kind == "abbreviation" or (variant.kind == "distinctive"
                                                   and not distinctive):
                continue
            for hit in variant.squashed.finditer(squashed):
                if hit.end() == hit.start():
                    continue
                start, end = index[hit.start()], index[hit.end() - 1] + 1
                certain = variant.kind == "name"
                if not certain:
                    if any(a <= start and end <= b for a, b in blocked):
                        continue
                    fits = self._fits(folded, index, hit, squashed)
                    if fits is None:
                        blocked.append((start, end))
                        continue
                    certain = fits
                how = squash_how(raw[start:end], hit.group(), len(variant.words))
                if variant.kind != "name" and not certain:
                    how = DISTINCTIVE if how == SQUASHED else f"{DISTINCTIVE}, {how}"
                found.append(SchoolMatch(raw[start:end], how, certain, start, end,
                                         variant.label))
        return found

    def _fits(self, folded: str, index: list[int], hit: re.Match[str],
              squashed: str) -> bool | None:
        """A distinctive part inside a handle: a whole word, and not a road or a rival.

        None: it is not the school. True: followed by the school's own kind ("Primary"), so it
        is the school's name without its last words. False: the distinctive part alone.

        Word edges are known from capitals, separators and digits (`TeamOakwood`,
        `st_annes`); an all-lower-case run (`teamoakwood`) has none, so any position counts.
        """
        start, end = index[hit.start()], index[hit.end() - 1] + 1
        has_case = any(c.isupper() for c in folded) and any(c.islower() for c in folded)
        knowable = has_case or any(not c.isalnum() for c in folded) or any(
            c.isdigit() for c in folded)
        if knowable and not edge(folded, start):
            return None
        if knowable and not edge(folded, end):
            glued = folded[end:next_edge(folded, end)].lower()  # "oakwoodps", "oakwoods"
            if glued in self.own_tail:
                return True
            return False if glued in SCHOOL_AFTER or glued in TITLES else None
        tokens = HANDLE_TOKEN.findall(folded[end:])
        following = tokens[0].lower() if tokens and has_case else squashed[hit.end():]
        vetoes = self.conflict | PLACE_WORDS
        if following in vetoes or any(following.startswith(w) for w in vetoes if len(w) >= 4):
            return None
        return following in self.own_tail or (not has_case and any(
            following.startswith(w) for w in self.own_phase))

    # -- abbreviations -----------------------------------------------------------------------
    def _abbreviations(self, raw: str, handle: bool) -> list[SchoolMatch]:
        if not self.abbreviations:
            return []
        folded = fold(raw)
        found = []
        if handle:
            tokens = [(m.group(), m.start()) for m in HANDLE_TOKEN.finditer(folded)]
        else:
            tokens = [(m.group(), m.start()) for m in re.finditer(r"[^\W_]+", folded)]
        lower_only = not any(c.isupper() for c in folded)
        words = [t.lower() for t, _ in tokens]
        for n, (token, start) in enumerate(tokens):
            label = token.lower()
            if label not in self.abbreviations:
                continue
            others = set(words[:n] + words[n + 1:])
            if token.isupper() or (handle and lower_only and others & TITLES):
                found.append(SchoolMatch(raw[start:start + len(token)], ABBREVIATION, False,
                                         start, start + len(token), label))
        return found

    # -- words -------------------------------------------------------------------------------
    def _words(self, text: str, roles: frozenset[str] = frozenset()) -> list[SchoolMatch]:
        tokens = [Token(norm_word(m.group()), m.start(), m.end(), m.group())
                  for m in WORD.finditer(fold(text)) if m.group()[0] not in "@#"]
        found = []
        blocked: list[tuple[int, int]] = []
        loud = shouting(text)
        for i in range(len(tokens)):
            for variant in self.variants:
                if variant.kind == "abbreviation":
                    continue
                how = words_at(tokens, i, variant)
                if how is None:
                    continue
                end = i + len(variant.words)
                span = (tokens[i].start, tokens[end - 1].end)
                if variant.kind != "name" and any(a <= span[0] and span[1] <= b
                                                  for a, b in blocked):
                    continue
                # A full stop, bar or emoji ends the phrase: "teacher at Oakwood. Mum of 2".
                if end < len(tokens) and text[span[1]:tokens[end].start].strip():
                    match = self._judge(tokens[:end], i, end, variant, how, loud, roles)
                else:
                    match = self._judge(tokens, i, end, variant, how, loud, roles)
                if match is not None:
                    certain, how = match
                    found.append(SchoolMatch(text[span[0]:span[1]], how, certain, *span,
                                             variant.label))
                elif variant.kind != "name":
                    blocked.append(span)
        return found + self._role_abbreviations(tokens, roles)

    def _role_abbreviations(self, tokens: list[Token],
                            roles: frozenset[str]) -> list[SchoolMatch]:
        """"Year 2 @ OPS", "TA at OPS": an abbreviation in capitals right after a role.

        Anywhere else in free text "OPS" may be the English word (or a shout), so it is not
        read; even here it is review.
        """
        found = []
        for i, token in enumerate(tokens):
            if (token.norm in self.abbreviations and token.raw.isupper()
                    and self._role_before(tokens, i, roles)):
                found.append(SchoolMatch(token.raw, ABBREVIATION, False, token.start, token.end,
                                         token.norm))
        return found

    def _judge(self, tokens: list[Token], i: int, end: int, variant: Variant, how: str,
               loud: bool, roles: frozenset[str]) -> tuple[bool, str] | None:
        """A name in words: certain; a distinctive part only with school words around it."""
        if variant.kind == "name":
            return (True, how)  # the school's own name, however disguised
        following = tokens[end].norm if end < len(tokens) else ""
        if following in self.conflict or following in PLACE_WORDS:
            return None
        if following in self.own_phase and how == EXACT:
            return (True, EXACT)  # "St Ann's Primary": the name without its "C of E"
        if following in self.after or following in self.extra_context or (
                following in {"year", "yr"} and end + 1 < len(tokens)
                and tokens[end + 1].norm.isdigit()):
            return (False, distinctive_how(how))
        if following and not loud and tokens[end].raw[:1].isupper() \
                and following not in STOPWORDS:
            return None  # "Oakwood Rangers", "Oakwood Garden Centre": something else
        if self._role_before(tokens, i, roles):
            return (False, distinctive_how(how))
        return None

    def _role_before(self, tokens: list[Token], i: int, more: frozenset[str]) -> bool:
        """'teacher at Oakwood', 'Year 6 TA @ Oakwood', 'Head of Science at Oakwood'."""
        if i == 0:
            return False
        before = [t.norm for t in tokens[max(0, i - 4):i]]
        last = before[-1]
        roles = ROLE_BEFORE | self.extra_context | more
        year_n = len(before) >= 2 and last.isdigit() and before[-2] in {"year", "yr"}
        if last not in PREPOSITIONS and last not in roles and not year_n:
            return False
        for n, word in enumerate(before):
            if word in roles:
                return True
            if word in {"year", "yr"} and n + 1 < len(before) and before[n + 1].isdigit():
                return True
        return False


def _shift(match: SchoolMatch, offset: int) -> SchoolMatch:
    return SchoolMatch(match.form, match.how, match.certain, match.start + offset,
                       match.end + offset, match.name)


def _best(matches: list[SchoolMatch]) -> list[SchoolMatch]:
    """Overlapping matches reduced to the surest, then longest; in text order."""
    kept: list[SchoolMatch] = []
    for match in sorted(matches, key=lambda m: (not m.certain, m.how == ABBREVIATION,
                                                -(m.end - m.start), m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def school_matcher(ctx: Context) -> SchoolMatcher:
    """The scan's matcher, built once and shared by every rule that needs it."""
    matcher = ctx.shared.get(SHARED_KEY)
    if not isinstance(matcher, SchoolMatcher):
        matcher = SchoolMatcher(ctx.policy)
        ctx.shared[SHARED_KEY] = matcher
    return matcher


