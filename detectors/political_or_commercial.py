"""C7 political-or-commercial: political campaigning, selling, or asking for money (advice).

Campaign phrases (vote for X, "vote Labour", #ToriesOut, join the march or picket line, sign
the petition, write to your MP, canvassing, a party's or campaign stall) and selling or
soliciting phrases (for sale, DM to buy, discount code, "my Etsy", "listed on Vinted", "£20
ono", affiliate links, #ad, GoFundMe, please donate, sponsor me, private tuition). A party's
name alone is not campaigning, nor is buying ("got it on Vinted"), a bake sale, "voted for" or
"vote for your favourite".

One phrase alone is `review`: "for sale" or "vote Labour" can be said of someone else, or in
passing. Two different phrases of the same kind, or one with a request to get in touch or come
along ("Vote Green next Thursday! ... help canvass – DM me", "Selling my bundle, £5, message
me", "Join me at the Green campaign stall"), leave no doubt that the post campaigns or sells,
so it is `risk`. The rule stays advice (its severity): the person weighs whether it suits
their role.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Record
from detectors.lexicons.lists import lexicon
from detectors.registry import register
from detectors.text.posts import PostTextRule
from scanner.model import Finding

KINDS = {"political": "political campaigning", "commercial": "selling or asking for money"}


@register
class PoliticalOrCommercial(PostTextRule):
    rule = "C7"
    name = "political-or-commercial"

    def see(self, record: Record) -> Iterator[Finding]:
        text = self.post_text(record)
        hits = lexicon(self.ctx, "campaign").find(text) if text else []
        asks = [h for h in hits if h.category == "act"]
        for kind, words in KINDS.items():
            found = [h for h in hits if h.category == kind]
            if not found:
                continue
            first = found[0]
            support = next((h for h in found if h.term != first.term), None) or next(
                iter(asks), None)
            why = f"{words} (\"{first.term}\")"
            if support is not None:
                why += (f" with \"{support.term}\" in the same post, so it plainly "
                        f"{'campaigns' if kind == 'political' else 'sells or asks for money'}")
            else:
                why += "; check it is not said in passing or of someone else"
            yield self.finding(record.item, self.excerpt_of(record, text, (first.start,
                                                                          first.end)),
                               why, certain=support is not None, key=f"{kind}:{first.term}")
