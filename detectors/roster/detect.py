"""What the roster rules (B1-B6) share: matching a connection once, and explaining a match.

Each connection is matched once per scan however many B rules look at it (the result for the
record in hand is kept in ctx.shared), by its display name first and by its username only when
the name finds nobody. The account holder's own names never match. Excerpts show a person only
by initials ("friend K. S."): the report names the roster role and year, never the child.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from detectors.base import Context, Detector, NameMatch, Record, RosterEntry
from detectors.roster.names import CERTAIN_HOWS, handle_parts, initials, normalise, parse_name
from scanner.model import Finding, Item, Kind

ROLE_WORDS = {"pupil": "a current pupil", "ex-pupil": "a former pupil", "parent":
              "a parent or carer", "governor": "a school governor", "staff": "a member of staff"}
HOW_WORDS = {
    "exact": "name matches exactly",
    "surname-first": "name matches (written surname first)",
    "preferred": "name matches the name they go by",
    "reordered": "name matches with forename and surname swapped",
    "first-forename": "forename and surname match (the roster lists more forenames)",
    "middle-name": "forename and surname match, with a middle name the roster does not have",
    "part-surname": "forename and part of a double or hyphenated surname match",
    "alternate": "forename and the surname in brackets match",
    "typo": "name matches but for one letter",
    "initial": "initial and surname match",
    "surname-initial": "forename and the initial of the surname match",
    "handle": "username is made of their forename and surname",
}
NO_NAMES = ("every connection in the export is listed by account number only, with no name or "
            "username (X/Twitter lists followers that way), so none could be compared with the "
            "roster")
_CACHE = "roster.connection"


def own_forms(ctx: Context) -> frozenset[str]:
    """The account holder's names and handles, normalised (they change as exports are read)."""
    cached = ctx.shared.get("roster.own")
    if isinstance(cached, tuple) and cached[0] == len(ctx.own_names):
        forms: frozenset[str] = cached[1]
        return forms
    forms = frozenset(f for name in ctx.own_names
                      for f in (normalise(name), " ".join(handle_parts(name))) if f)
    ctx.shared["roster.own"] = (len(ctx.own_names), forms)
    return forms


def is_own(ctx: Context, text: str) -> bool:
    own = own_forms(ctx)
    return bool(own) and (normalise(text) in own or " ".join(handle_parts(text)) in own)


class Matched:
    """Roster matches for one person, what was matched (name or username) and which."""

    __slots__ = ("by_handle", "matches", "written")

    def __init__(self, matches: list[NameMatch], written: str = "", by_handle: bool = False):
        self.matches = matches
        self.written = written
        self.by_handle = by_handle


def has_letters(text: str | None) -> bool:
    """A name or username, not an account number (X lists followers by number only)."""
    return bool(text) and any(c.isalpha() for c in text or "")


def holder_roles(ctx: Context) -> frozenset[str]:
    """The roster roles the account holder has, from their own names (certain matches only).

    A governor's account is judged differently from a member of staff's: for them, staff are
    the B5 connections and fellow governors are not. Known only once an export's account is
    read, so the rules that depend on it decide in `finish`.
    """
    roster = ctx.roster
    if roster is None:
        return frozenset()
    roles = {m.entry.role for name in ctx.own_names if " " in name.strip()
             for m in roster.match_name(name) if m.certain}
    return frozenset(roles)


def match_person(ctx: Context, name: str | None, handle: str | None) -> Matched:
    """Roster matches for a display name, else for a username; the holder's own never match."""
    roster = ctx.roster
    name, handle = (name or "").strip(), (handle or "").strip()
    if roster is None or (name and is_own(ctx, name)) or (handle and is_own(ctx, handle)):
        return Matched([])
    if name:
        matches = roster.match_name(name)
        if matches:
            return Matched(matches, name)
        if not handle and " " not in name:
            handle = name  # a one-word "name" is usually a username
    if handle:
        return Matched(roster.match_handle(handle), handle, by_handle=True)
    return Matched([])


def connection_matches(ctx: Context, item: Item) -> Matched:
    """`match_person` for one connection, computed once for all the B rules that ask."""
    cached = ctx.shared.get(_CACHE)
    if isinstance(cached, tuple) and cached[0] is item and isinstance(cached[1], Matched):
        return cached[1]
    matched = match_person(ctx, item.name, item.handle)
    ctx.shared[_CACHE] = (item, matched)
    return matched


def who(entry: RosterEntry) -> str:
    """`a current pupil in Year 5`, `a parent or carer (child in Year 5)`, `a former pupil`."""
    words = ROLE_WORDS[entry.role]
    year = entry.year_group
    if entry.role == "ex-pupil" and entry.under_18:
        words += ", still under 18"
    if year and entry.role == "pupil":
        words += f" in {year}"
    elif year and entry.role == "parent":
        words += f" (child in {year})"
    return words


def how_words(match: NameMatch, written: str) -> str:
    """How the name matched, e.g. `name matches as nickname Katie ~ Katherine`."""
    if match.how == "nickname":
        forename = parse_name(written).forename if " " in written.strip() else ""
        theirs = match.entry.label.split()[0] if match.entry.label else ""
        words = (f"name matches as nickname {forename.title()} ~ {theirs}"
                 if forename and theirs else "name matches as a known nickname")
    else:
        words = HOW_WORDS.get(match.how, f"name matches ({match.how})")
    if match.how in CERTAIN_HOWS and not match.certain:
        words += "; more than one person on the roster has this name"
    return words


def why(match: NameMatch, written: str, lead: str = "") -> str:
    return f"{lead}{who(match.entry)}: {how_words(match, written)}"


def shown(matched: Matched) -> str:
    """A person as initials only: `K. S.`, or `username K. S.`."""
    letters = initials(matched.written)
    return f"username {letters}" if matched.by_handle else letters


class RosterConnectionRule(Detector):
    """A B rule over connections: subclasses say which roster entries they are about."""

    needs: ClassVar[frozenset[Kind]] = frozenset({Kind.CONNECTION})

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.seen = 0
        self.named = 0

    def wants(self, entry: RosterEntry) -> bool:
        raise NotImplementedError

    def see(self, record: Record) -> Iterable[Finding]:
        item = record.item
        self.seen += 1
        self.named += has_letters(item.name) or has_letters(item.handle)
        if self.ctx.roster is None:
            return ()
        matched = connection_matches(self.ctx, item)
        return self.findings(item, matched, [m for m in matched.matches if self.wants(m.entry)])

    def findings(self, item: Item, matched: Matched,
                 matches: list[NameMatch]) -> Iterator[Finding]:
        relation = item.relation or "connection"
        for match in matches:
            yield self.finding(item, f"{relation} {shown(matched)}", why(match, matched.written),
                               self.sure(match), key=f"{match.entry.id}:{relation}")

    def sure(self, match: NameMatch) -> bool:
        """Whether the match is a `risk` rather than a `review` for this rule."""
        return match.certain

    def missing(self) -> str | None:
        if self.seen and not self.named:
            return NO_NAMES[0].upper() + NO_NAMES[1:] + "."
        return None
