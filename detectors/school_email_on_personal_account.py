"""A5 school-email-on-personal-account: the account uses or shows a school e-mail address.

Looked at: the address the account is registered with (PROFILE.email), other e-mail fields the
export lists (Facebook's `emails`, `previous_emails`), and addresses written in the profile's
public fields (bio, website, contact fields). An address counts when its domain is one of the
pack's e-mail domains or a subdomain of one, case-insensitively: `jo@oakwood.example.sch.uk` and
`jo@staff.oakwood.example.sch.uk` do, `jo@oakwood.example.sch.uk.evil.example` does not.
A former address (one the account no longer uses) is review: it was fixed, but the school's
address may still let someone find or recover the account.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.base import Detector, Record
from detectors.registry import register
from detectors.text.contact import all_emails, on_domain, public_profile_fields
from detectors.text.excerpt import excerpt
from scanner.model import Finding, Kind, platform_name


@register
class SchoolEmailOnPersonalAccount(Detector):
    rule = "A5"
    needs = frozenset({Kind.PROFILE})
    name = "school-email-on-personal-account"

    def see(self, record: Record) -> Iterator[Finding]:
        item = record.item
        domains = self.ctx.policy.email_domains
        if not domains:
            return
        seen: set[str] = set()
        for label, address, former in self._addresses(record):
            if address in seen or not on_domain(address, domains):
                continue
            seen.add(address)
            domain = address.rsplit("@", 1)[1]
            if former:
                why = (f"Your {label} lists the school address on {domain}: the account no "
                       "longer uses it, but check that it cannot be used to recover the "
                       "account.")
            else:
                why = (f"The {label} is on the school's e-mail domain {domain}: a personal "
                       "account must not use a school address.")
            shown = excerpt(f"{label}: {address}")
            yield self.finding(item, shown, why, certain=not former, key=address)

    def _addresses(self, record: Record) -> Iterator[tuple[str, str, bool]]:
        item = record.item
        platform = platform_name(item.ref.platform)
        if item.email:
            for _, _, address in all_emails(item.email) or [(0, 0, item.email.lower())]:
                yield (f"{platform} account's registered e-mail", address, False)
        for key, value in item.extra.items():
            if "mail" in key.lower() and isinstance(value, str):
                former = any(w in key.lower() for w in ("previous", "former", "old"))
                for _, _, address in all_emails(value):
                    yield (f"{platform} '{key}' field", address, former)
        for label, text in public_profile_fields(item):
            for _, _, address in all_emails(text):
                yield (f"{platform} profile ({label})", address, False)
