"""C7 political-or-commercial: political campaigning, selling, or asking for money (advice).

Campaign phrases (vote for X, "vote Labour", #ToriesOut, join the march or picket line, sign
the petition, write to your MP, canvassing) and selling or soliciting phrases (for sale, DM to
buy, discount code, "my Etsy", "listed on Vinted", "£20 ono", affiliate links, #ad, GoFundMe,
please donate, sponsor me, private tuition). A party's name alone is not campaigning, nor is
buying ("got it on Vinted"), a bake sale, "voted for" or "vote for your favourite". Always
`review`: an advice item a person weighs.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors._lexicon import lexicon
from detectors._post_text import PostTextRule
from detectors.base import Record
from detectors.registry import register
from scanner.model import Finding

KINDS = {"political": "political campaigning", "commercial": "selling or asking for money"}


@register
class PoliticalOrCommercial(PostTextRule):
    rule = "C7"
    name = "political-or-commercial"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        hits = lexicon(self.ctx, "campaign").find(text) if text else []
        done: set[str] = set()
        for hit in hits:
            if hit.category not in KINDS or hit.category in done:
                continue
            done.add(hit.category)
            why = f"{KINDS[hit.category]} (\"{hit.term}\")"
            yield self.finding(record.item, self.excerpt_of(record, text, (hit.start, hit.end)),
                               why, certain=False, key=f"{hit.category}:{hit.term}")
