"""B4 private-messages-with-pupil: a direct-message conversation with a pupil or ex-pupil under 18.

A THREAD record names the conversation (its title or the other party) and lists participants;
each MESSAGE names its sender. Any participant or sender other than the account holder who
matches a current pupil, or a former pupil still under 18, makes one finding per conversation
and person (later messages in the same thread add nothing), so state stays as small as the
number of such conversations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from detectors.base import Context, Detector, NameMatch, Record, RosterEntry
from detectors.registry import register
from detectors.roster.detect import NO_NAMES, has_letters, match_person, shown, why
from scanner.model import Finding, Item, Kind

NO_MESSAGE_NAMES = NO_NAMES.replace("connection", "conversation").replace("followers",
                                                                          "message senders")


def is_child(entry: RosterEntry) -> bool:
    return entry.role == "pupil" or (entry.role == "ex-pupil" and entry.under_18 is True)


@register
class PrivateMessagesWithPupil(Detector):
    rule = "B4"
    needs: ClassVar[frozenset[Kind]] = frozenset({Kind.THREAD, Kind.MESSAGE})
    name = "private-messages-with-pupil"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.reported: set[tuple[str, str]] = set()  # (thread, roster id)
        self.seen = 0
        self.named = 0

    def see(self, record: Record) -> Iterable[Finding]:
        item = record.item
        people = _people(item)
        self.seen += 1
        self.named += bool(people)
        if self.ctx.roster is None:
            return ()
        return self._findings(item, people)

    def _findings(self, item: Item, people: list[tuple[str | None, str | None]]
                  ) -> Iterator[Finding]:
        thread = (item.parent or item.ref.record) if item.kind is Kind.MESSAGE else item.ref.record
        for name, handle in people:
            matched = match_person(self.ctx, name, handle)
            for match in matched.matches:
                if not is_child(match.entry) or (thread, match.entry.id) in self.reported:
                    continue
                self.reported.add((thread, match.entry.id))
                yield self._finding(item, match, matched.written, shown(matched))

    def _finding(self, item: Item, match: NameMatch, written: str, person: str) -> Finding:
        lead = "messages with " if item.kind is Kind.THREAD else "a message from "
        return self.finding(item, f"{lead}{person}", why(match, written, lead="conversation with "),
                            match.certain, key=f"{match.entry.id}:messages")

    def missing(self) -> str | None:
        if self.seen and not self.named:
            return NO_MESSAGE_NAMES[0].upper() + NO_MESSAGE_NAMES[1:] + "."
        return None


def _people(item: Item) -> list[tuple[str | None, str | None]]:
    """(name, username) of everyone a record names: the thread's title and participants, or
    the message's sender."""
    if item.kind is Kind.MESSAGE:
        return [(item.name, item.handle)] if has_letters(item.name) or has_letters(
            item.handle) else []
    named = [p for p in item.people if has_letters(p)]
    if has_letters(item.name) and item.name not in named:
        named.insert(0, item.name or "")
    return [(p, None) if " " in p.strip() else (None, p) for p in named]
