"""A1 school-name-in-handle: the school's name in a username, display name, page name or address.

Each profile record (and each previous username) is read field by field with the shared school
matcher; one finding per record and per school name found, listing every field it was in, so
`@MrJ_Oakwood` shown as both username and profile address is one finding, not two. The school's
own official handles are never reported.

The school's full name, however disguised, is certain. Its distinctive part alone (`JoW_0akwood`)
or its abbreviation (`MissW_OPS`) may be a surname, a place or another school, so it is review,
unless the same account names the school for certain elsewhere (its bio, location, work history,
or another of its names): then the handle's "Oakwood" is this school. Doubtful matches therefore
wait for `finish`, when every profile record of the scan has been seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from detectors.base import Context, Detector, Record
from detectors.registry import register
from detectors.school.names import SchoolMatch, SchoolMatcher, school_matcher
from detectors.school.profile import ProfileNaming, profile_names_school
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Item, Kind

MAIN = (None, "profile")
# extra keys holding page, blog or former names (display-name-like), and handle lists.
_NAME_KEYS = ("page", "blog", "other_names", "previous_names", "former_name", "display_name")
_HANDLE_KEYS = ("handle", "username", "screen_name", "screenname")
Hit = tuple[str, str, SchoolMatch]  # (field label, field value, the match in it)


@register
class SchoolNameInHandle(Detector):
    rule = "A1"
    needs = frozenset({Kind.PROFILE})
    name = "school-name-in-handle"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # Per platform: where that account names the school for certain (the first place).
        self.named: dict[str, ProfileNaming] = {}
        # Matches that are only part of the name, waiting for `finish` (a few per account).
        self.doubtful: list[tuple[Item, str, list[Hit]]] = []

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        matcher = school_matcher(self.ctx)
        naming = profile_names_school(item, matcher)
        if naming is not None:
            self.named.setdefault(item.ref.platform, naming)
        if item.relation not in (*MAIN, "previous_handle"):
            return
        if item.handle and matcher.is_official(_local(item.handle)):
            return  # the school's own account: its name is meant to be there
        found: dict[str, list[Hit]] = {}
        for label, value, read in _fields(item, matcher):
            for match in read(value):
                found.setdefault(match.name, []).append((label, value, match))
        for school_name, hits in found.items():
            sure = next((h for h in hits if h[2].certain), None)
            if sure is not None:
                self.named.setdefault(item.ref.platform, ProfileNaming(sure[0], sure[2].form))
                yield self._finding(item, school_name, hits, None)
            else:
                self.doubtful.append((item, school_name, hits))

    def finish(self) -> Iterator[Finding]:
        for item, school_name, hits in self.doubtful:
            yield self._finding(item, school_name, hits, self.named.get(item.ref.platform))

    def _finding(self, item: Item, school_name: str, hits: list[Hit],
                 named: ProfileNaming | None) -> Finding:
        label, value, best = next((h for h in hits if h[2].certain), hits[0])
        listed = _places(hits)
        certain = any(h[2].certain for h in hits)
        how = best.how if best.how != "exact" else "as written"
        whose = "the school's name" if certain else "part of the school's name"
        why = (f"Your {listed} {'contains' if ' and ' not in listed else 'contain'} "
               f"'{best.form}', which matches {whose} '{school_name}' ({how}).")
        if not certain and named is not None:
            certain = True
            why += (f" The same account's {named.field} names the school ('{named.form}'), "
                    "so this stands for it.")
        elif not certain:
            why += " It may be something else with a similar name: confirm or dismiss it."
        if item.relation == "previous_handle":
            why += (" This is a former username: old links and mentions still lead to it, "
                    "and the platform may release it to someone else.")
        return self.finding(item, f"{label}: {excerpt(value, best.start, best.end, width=40)}",
                            why, certain, key=school_name)


def _places(hits: list[Hit]) -> str:
    """"username", "username and profile address": the fields a name was found in."""
    places = list(dict.fromkeys(h[0] for h in hits))
    return " and ".join([", ".join(places[:-1]), places[-1]] if len(places) > 1 else places)


def _fields(item: Item, matcher: SchoolMatcher
            ) -> Iterator[tuple[str, str, Callable[[str], list[SchoolMatch]]]]:
    """(label, value, how to read it) for each field of a profile record that names it."""
    former = item.relation == "previous_handle"
    if item.handle:
        yield ("former username" if former else "username", _local(item.handle),
               matcher.in_handle)
    if item.name:
        yield ("former display name" if former else "display name", item.name, matcher.in_name)
    if item.url:
        yield ("profile address", item.url, matcher.in_url)
    for key, value in item.extra.items():
        low = key.lower()
        if not isinstance(value, str) or not value:
            continue
        if any(k in low for k in _HANDLE_KEYS):
            for handle in re.split(r"[\s,;|\[\]]+", value):
                if handle.strip("@"):
                    yield (f"{key} field", handle, matcher.in_handle)
        elif any(k in low for k in _NAME_KEYS):
            for name in value.split(";"):
                if name.strip():
                    yield (f"{key} field", name.strip(), matcher.in_name)


def _local(handle: str) -> str:
    """`jo@mastodon.example` -> `jo`: the server's name is not the person's choice."""
    bare = handle.strip().lstrip("@")
    return bare.split("@", 1)[0] if "@" in bare else handle
